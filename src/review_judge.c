/* The review's judges of levels (clipping, headroom, a dominant track), phase and mono,
 * tonal balance and dynamics; masking is review_mask.c's. Thresholds and sources:
 * docs/dsp.md, "Mix review". */
#include "src/review_judge.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "audio/fx/fx.h"
#include "src/project.h"
#include "src/base/xalloc.h"

static double db(double power)
{
	return power > 0 ? 10.0 * log10(power) : -INFINITY;
}

/* The first and last frame of s whose sample peak reaches full scale. */
static void over_range(const struct review_grid *g, const struct review_meas *m,
	struct review_finding *f)
{
	int first = -1, last = -1;
	for (int i = 0; i < g->n_frames; i++)
		if (m->peak[i] >= 1.0f) {
			if (first < 0)
				first = i;
			last = i;
		}
	if (first >= 0) {
		f->from_sec = review_frame_sec(g, first);
		f->to_sec = review_frame_sec(g, last);
	}
}

/* ---- levels ---- */

/* Headroom before the master's chain: the mix bus, 3 dB (the usual advice for a mix
 * sent to mastering; EBU R128's own ceiling for delivery is -1 dBTP). */
#define HEADROOM_DB 3.0
/* A track louder than the rest of the mix together by this much dominates it. */
#define DOMINANT_DB 6.0

void review_judge_levels(const struct project *p, const struct review_grid *g,
	struct review *r)
{
	const int n = g->n_tracks + g->n_buses;
	for (int s = 0; s < n; s++) {
		const struct review_meas *m = &g->m[s];
		if (!(m->true_peak_dbtp > 0.0))
			continue;
		struct review_finding *f = review_add(r, REVIEW_CLIPPING, REVIEW_PROBLEM, p, s);
		f->value = m->true_peak_dbtp;
		f->unit = "dBTP";
		over_range(g, m, f);
		snprintf(f->what, sizeof f->what, "%s %s peaks at %+.1f dBTP before the master "
			"fader", s < g->n_tracks ? "track" : "bus", f->strip, m->true_peak_dbtp);
		snprintf(f->why, sizeof f->why, "Over full scale a plug-in, a stem or a fixed-point "
			"bounce of this strip clips, and a mix that only fits by pulling the master "
			"down has its gain staged backwards.");
		review_fix(f, "gain %s -=%g", f->word, ceil(m->true_peak_dbtp + 1.0));
	}
	const struct review_meas *mb = &g->m[REVIEW_MIXBUS(g)];
	r->mixbus_peak_dbtp = mb->true_peak_dbtp;
	if (mb->true_peak_dbtp > -HEADROOM_DB) {
		struct review_finding *f = review_add(r, REVIEW_HEADROOM,
			mb->true_peak_dbtp > 0 ? REVIEW_PROBLEM : REVIEW_WARNING, p, -1);
		f->value = mb->true_peak_dbtp;
		f->unit = "dBTP";
		over_range(g, mb, f);
		snprintf(f->what, sizeof f->what, "the mix bus peaks at %+.1f dBTP entering the "
			"master chain (less than %.0f dB of headroom)", mb->true_peak_dbtp, HEADROOM_DB);
		snprintf(f->why, sizeof f->why, "The mastering chain needs room to work: a sum "
			"this hot drives its EQ and compressor into clipping before they shape it; "
			"lower the loudest faders rather than the master.");
	}
	/* dominant: a track against the rest of the mix bus, by energy */
	for (int t = 0; t < g->n_tracks && g->n_tracks > 2; t++) {
		const struct review_meas *m = &g->m[t];
		if (!m->feeds_master && g->n_buses == 0)
			continue;
		const double rest = mb->sum_sq - m->sum_sq;
		const double margin = db(m->sum_sq) - db(rest > 0 ? rest : 1e-30);
		if (!(m->sum_sq > 0) || margin < DOMINANT_DB)
			continue;
		struct review_finding *f = review_add(r, REVIEW_DOMINANT, REVIEW_WARNING, p, t);
		f->value = margin;
		f->unit = "dB";
		snprintf(f->what, sizeof f->what, "%s is %.1f dB louder than the rest of the mix "
			"together", f->strip, margin);
		snprintf(f->why, sizeof f->why, "One part this far above the others turns the "
			"rest into a backing track and leaves the master's limiter working on it "
			"alone.");
		review_fix(f, "gain %s -=%g", f->word, ceil(margin - DOMINANT_DB + 3.0));
	}
}

/* ---- phase and mono ---- */

#define PHASE_SUSTAIN_SEC 2.0
#define LOW_SIDE_HZ 150.0
/* Side below 150 Hz this close to the mid (dB): bass out of phase. */
#define LOW_SIDE_DB (-6.0)
#define MONO_LOSS_DB 3.0

/* The longest run of frames with correlation below 0 while the strip sounds. */
static void longest_negative(const struct review_grid *g, const struct review_meas *m,
	int *from, int *len)
{
	*from = -1;
	*len = 0;
	int start = -1;
	for (int i = 0; i <= g->n_frames; i++) {
		const bool neg = i < g->n_frames && m->level_db[i] > REVIEW_SILENT_DB &&
			!isnan(m->corr[i]) && m->corr[i] < -0.1f;
		if (neg && start < 0)
			start = i;
		if (!neg && start >= 0) {
			if (i - start > *len) {
				*len = i - start;
				*from = start;
			}
			start = -1;
		}
	}
}

static void judge_strip_phase(const struct project *p, const struct review_grid *g,
	struct review *r, int s)
{
	const struct review_meas *m = s < 0 ? &g->m[REVIEW_MASTER(g)] : &g->m[s];
	if (!(m->ll > 1e-6 && m->rr > 1e-6))
		return;
	const double corr = m->lr / sqrt(m->ll * m->rr);
	const double balance = db(m->ll) - db(m->rr);
	if (s >= 0 && s < g->n_tracks && corr < -0.9 && fabs(balance) < 3.0) {
		struct review_finding *f = review_add(r, REVIEW_POLARITY, REVIEW_PROBLEM, p, s);
		f->value = corr;
		f->unit = "correlation";
		snprintf(f->what, sizeof f->what, "%s: one side's polarity is inverted "
			"(correlation %.2f)", f->strip, corr);
		snprintf(f->why, sizeof f->why, "The two sides cancel when summed, so this part "
			"vanishes in mono (a phone, a club's mono sub) and sounds hollow and "
			"unplaceable in stereo; flip one side's polarity at the source.");
		return;
	}
	int from, len;
	longest_negative(g, m, &from, &len);
	if (len * (double)g->hop / g->rate >= PHASE_SUSTAIN_SEC) {
		struct review_finding *f = review_add(r, REVIEW_PHASE, REVIEW_WARNING, p, s);
		f->value = len * (double)g->hop / g->rate;
		f->unit = "s";
		f->from_sec = review_frame_sec(g, from);
		f->to_sec = review_frame_sec(g, from + len - 1);
		snprintf(f->what, sizeof f->what, "%s stays out of phase (correlation below 0) "
			"for %.1f s", f->strip, f->value);
		snprintf(f->why, sizeof f->why, "Sides that pull against each other cancel in "
			"mono and smear the stereo image; narrow it or check the microphones' "
			"polarity.");
		review_fix(f, "fx %s width width 0.7", f->word);
	}
	/* low side: side energy below 150 Hz against the mid's */
	double mid = 0, side = 0;
	int first = -1, last = -1;
	for (int i = 0; i < g->n_frames; i++) {
		double fm = 0, fs = 0;
		for (int b = 0; b < REVIEW_BANDS && spectrum_band_hz(b) < LOW_SIDE_HZ; b++) {
			fm += pow(10.0, review_band(m->mid_db, i, b) / 10.0);
			fs += pow(10.0, review_band(m->side_db, i, b) / 10.0);
		}
		mid += fm;
		side += fs;
		if (fs > 1e-6 && db(fs) - db(fm) > LOW_SIDE_DB) {
			if (first < 0)
				first = i;
			last = i;
		}
	}
	const double mean_db = db((mid + side) / (g->n_frames ? g->n_frames : 1));
	if (side > 0 && db(side) - db(mid) > LOW_SIDE_DB && mean_db > -45.0) {
		struct review_finding *f = review_add(r, REVIEW_LOW_SIDE, REVIEW_WARNING, p, s);
		f->value = db(side) - db(mid);
		f->unit = "dB";
		f->lo_hz = 20;
		f->hi_hz = LOW_SIDE_HZ;
		f->hz = 80;
		if (first >= 0) {
			f->from_sec = review_frame_sec(g, first);
			f->to_sec = review_frame_sec(g, last);
		}
		snprintf(f->what, sizeof f->what, "%s has out-of-phase bass: the side below %.0f "
			"Hz is %+.1f dB against the mid", f->strip, LOW_SIDE_HZ, f->value);
		snprintf(f->why, sizeof f->why, "Bass in the side cancels in mono, wastes "
			"headroom, and a vinyl cut or a mono sub cannot carry it.");
		review_fix(f, "fx %s width mono_below_hz %g", f->word, LOW_SIDE_HZ);
	}
}

void review_judge_phase(const struct project *p, const struct review_grid *g,
	struct review *r)
{
	for (int s = 0; s < g->n_tracks + g->n_buses; s++)
		judge_strip_phase(p, g, r, s);
	judge_strip_phase(p, g, r, -1);
	const struct review_meas *m = &g->m[REVIEW_MASTER(g)];
	r->mono_loss_db = m->integrated_lufs - m->mono_lufs;
	if (!isfinite(m->integrated_lufs))
		return;
	const double loss = isfinite(m->mono_lufs) ? r->mono_loss_db : 99.0;
	struct review_finding *f = review_add(r, REVIEW_MONO,
		loss > MONO_LOSS_DB ? REVIEW_WARNING : REVIEW_INFO, p, -1);
	f->value = loss;
	f->unit = "LU";
	snprintf(f->what, sizeof f->what, "the master loses %.1f LU folded to mono", loss);
	snprintf(f->why, sizeof f->why, loss > MONO_LOSS_DB ? "More than the 3 LU of "
		"unrelated sides: parts of the mix cancel on a phone or a mono speaker." :
		"Within the 3 LU of unrelated sides: the mix holds up in mono.");
}

/* ---- tonal balance ---- */

/* The default target: the long-term spectrum of commercial mixes as engineers balance
 * against it, a line falling 1.5 dB per octave in 1/3-octave band power (0 at 1 kHz),
 * which is 4.5 dB per octave on a per-hertz (FFT) scale: the display slope spectrum
 * analysers use so that a finished commercial mix reads flat (Voxengo SPAN's default),
 * darker than pink noise (0 here, -3 per hertz). docs/dsp.md ("Mix review", tonal
 * balance) gives the sources, the studies of many releases among them, and what of
 * them could be checked. Kept as data: dB per band from 20 Hz (band 0) to 20 kHz. Only
 * its slope counts (the judge takes the mean level out): it sets where a tilt is
 * reported; a bump or a dip is measured from the mix's own line either way. */
static const float target_mix_db[REVIEW_BANDS] = {
	8.5, 8.0, 7.5, 7.0, 6.5, 6.0, 5.5, 5.0,
	4.5, 4.0, 3.5, 3.0, 2.5, 2.0, 1.5, 1.0,
	0.5, 0.0, -0.5, -1.0, -1.5, -2.0, -2.5, -3.0,
	-3.5, -4.0, -4.5, -5.0, -5.5, -6.0, -6.5,
};

#define TONAL_LO_BAND 3   /* 40 Hz */
#define TONAL_HI_BAND 26  /* 8 kHz */
#define TONAL_BUMP_DB 3.0
#define TONAL_DIP_DB (-6.0)
#define TONAL_EDGE_DB (-12.0)
/* A tilt against the target beyond this (dB per octave) is reported as such. */
#define TONAL_TILT_DB 3.0

/* A deficit counts from TONAL_DIP_DB in the middle, only from TONAL_EDGE_DB at the
 * ends, where mixes fall away from the line by design (the sub, the air). */
static double dip_db(int band)
{
	const double hz = spectrum_band_hz(band);
	return hz < 80 || hz > 5000 ? TONAL_EDGE_DB : TONAL_DIP_DB;
}

static const char *tonal_word(double hz, bool up)
{
	if (up)
		return hz < 160 ? "boomy" : hz < 500 ? "muddy" : hz < 2000 ? "boxy" :
			hz < 6000 ? "harsh" : "sibilant";
	return hz < 160 ? "thin" : hz < 2000 ? "hollow" : "dull";
}

/* The master's long-term spectrum (power mean over its sounding frames), dB. */
static void long_term(const struct review_grid *g, double out[REVIEW_BANDS])
{
	const struct review_meas *m = &g->m[REVIEW_MASTER(g)];
	int n = 0;
	for (int b = 0; b < REVIEW_BANDS; b++)
		out[b] = 0;
	for (int i = 0; i < g->n_frames; i++) {
		if (!(m->level_db[i] > -50.0))
			continue;
		n++;
		for (int b = 0; b < REVIEW_BANDS; b++)
			out[b] += pow(10.0, review_band(m->mid_db, i, b) / 10.0) +
				pow(10.0, review_band(m->side_db, i, b) / 10.0);
	}
	for (int b = 0; b < REVIEW_BANDS; b++)
		out[b] = n ? db(out[b] / n) : -INFINITY;
}

/* The master's deviation from the target in the judged bands, with its mean level and
 * its tilt (a least-squares line over log frequency) taken out: *tilt gets the slope
 * in dB per octave. A mix may sit darker or brighter than the target by taste; a band that
 * stands out of its own line is a problem whatever the taste. */
static void deviation(const float target_db[REVIEW_BANDS], const double lt[REVIEW_BANDS],
	double dev[REVIEW_BANDS], double *tilt)
{
	bool use[REVIEW_BANDS];
	double slope = 0, icpt = 0;
	for (int b = TONAL_LO_BAND; b <= TONAL_HI_BAND; b++) {
		dev[b] = fmax(lt[b], -120.0) - fmax(target_db[b], -120.0);
		use[b] = true;
	}
	/* twice: the second fit leaves out the bands far from the first line, so that a
	 * bump does not bend the line it is measured from */
	for (int pass = 0; pass < 2; pass++) {
		double sx = 0, sy = 0, sxx = 0, sxy = 0;
		int n = 0;
		for (int b = TONAL_LO_BAND; b <= TONAL_HI_BAND; b++) {
			if (!use[b])
				continue;
			const double x = b / 3.0; /* octaves */
			sx += x;
			sy += dev[b];
			sxx += x * x;
			sxy += x * dev[b];
			n++;
		}
		if (n < 3)
			break;
		slope = (n * sxy - sx * sy) / (n * sxx - sx * sx);
		icpt = (sy - slope * sx) / n;
		for (int b = TONAL_LO_BAND; b <= TONAL_HI_BAND; b++)
			use[b] = fabs(dev[b] - icpt - slope * b / 3.0) < 3.0;
	}
	for (int b = TONAL_LO_BAND; b <= TONAL_HI_BAND; b++)
		dev[b] -= icpt + slope * b / 3.0;
	*tilt = slope;
}

static void tonal_fix(const struct project *p, struct review *r, struct review_finding *f,
	double gain)
{
	const int band = review_eq_band(p, r, -1);
	if (!band)
		return;
	review_fix(f, "fx master eq band%d_hz %g", band, round(f->hz));
	review_fix(f, "fx master eq band%d_q %g", band, 1.4);
	review_fix(f, "fx master eq band%d_db %g", band, gain);
}

/* Each run of bands beyond a threshold is one finding, at its extreme. */
static void tonal_runs(const struct project *p, const double smooth[REVIEW_BANDS],
	const double dev[REVIEW_BANDS], const char *against, struct review *r)
{
	for (int b = TONAL_LO_BAND; b <= TONAL_HI_BAND;) {
		const int sign = smooth[b] >= TONAL_BUMP_DB ? 1 : smooth[b] <= dip_db(b) ? -1 : 0;
		if (!sign) {
			b++;
			continue;
		}
		int lo = b, peak = b;
		while (b <= TONAL_HI_BAND && (sign > 0 ? smooth[b] >= TONAL_BUMP_DB :
			smooth[b] <= dip_db(b))) {
			if (sign * dev[b] > sign * dev[peak])
				peak = b;
			b++;
		}
		/* a bump at the very edge of the judged range is the line's end bending,
		 * not a band standing out (the tilt says the rest) */
		if (sign > 0 && (peak == TONAL_LO_BAND || peak == TONAL_HI_BAND))
			continue;
		struct review_finding *f = review_add(r, REVIEW_TONAL,
			fabs(dev[peak]) >= 6.0 ? REVIEW_PROBLEM : REVIEW_WARNING, p, -1);
		f->hz = spectrum_band_hz(peak);
		f->lo_hz = spectrum_band_hz(lo) / pow(10.0, 0.05);
		f->hi_hz = spectrum_band_hz(b - 1) * pow(10.0, 0.05);
		f->value = dev[peak]; /* the band's own, not the octave's */
		f->unit = "dB";
		snprintf(f->what, sizeof f->what, "the master is %s: %+.1f dB around %.0f Hz "
			"against %s", tonal_word(f->hz, sign > 0), dev[peak], f->hz, against);
		snprintf(f->why, sizeof f->why, sign > 0 ? "A band this far above the rest "
			"masks everything near it and tires the ear; on small speakers it is all "
			"you hear." : "A band this far below the rest leaves a hole: the mix sounds "
			"weak there on every system.");
		tonal_fix(p, r, f, sign > 0 ? -fmin(6.0, round(dev[peak])) :
			fmin(4.0, round(-dev[peak] / 2)));
	}
}

void review_judge_tonal(const struct project *p, const struct review_grid *g,
	struct review *r)
{
	double lt[REVIEW_BANDS], dev[REVIEW_BANDS], smooth[REVIEW_BANDS], tilt;
	long_term(g, lt);
	if (!isfinite(lt[17]))
		return;
	deviation(g->has_target ? g->target_db : target_mix_db, lt, dev, &tilt);
	const char *against = g->has_target ? g->target_name : "the target curve";
	/* smoothed over an octave (three bands weighted 1-2-1): a single band's ripple
	 * is not tone */
	for (int b = TONAL_LO_BAND; b <= TONAL_HI_BAND; b++) {
		double w = 0;
		smooth[b] = 0;
		for (int k = b - 1; k <= b + 1; k++)
			if (k >= TONAL_LO_BAND && k <= TONAL_HI_BAND) {
				const double wk = k == b ? 2.0 : 1.0;
				smooth[b] += wk * dev[k];
				w += wk;
			}
		smooth[b] /= w;
	}
	tonal_runs(p, smooth, dev, against, r);
	if (fabs(tilt) < TONAL_TILT_DB)
		return;
	struct review_finding *f = review_add(r, REVIEW_TONAL, REVIEW_WARNING, p, -1);
	f->value = tilt;
	f->unit = "dB/octave";
	f->lo_hz = spectrum_band_hz(TONAL_LO_BAND);
	f->hi_hz = spectrum_band_hz(TONAL_HI_BAND);
	f->hz = tilt < 0 ? f->hi_hz : f->lo_hz;
	snprintf(f->what, sizeof f->what, "the master is %s: it tilts %+.1f dB per octave "
		"against %s (%+.0f dB from %.0f Hz to %.0f Hz)",
		tilt < 0 ? "dull" : "harsh", tilt, against, tilt * (TONAL_HI_BAND - TONAL_LO_BAND) / 3.0,
		f->lo_hz, f->hi_hz);
	snprintf(f->why, sizeof f->why, tilt < 0 ? "A mix this dark loses its words and "
		"its air on every system; brighten the parts that carry them rather than the "
		"whole." : "A mix this bright is tiring and thin; tame the parts that carry the "
		"top rather than the whole.");
	review_fix(f, tilt < 0 ? "fx master eq high_shelf_db %g" : "fx master eq "
		"low_shelf_db %g", fmin(4.0, round(fabs(tilt) * 2.0)));
}

/* ---- dynamics and loudness ---- */

/* PLR (true peak less integrated loudness) below this is heavily limited; with an
 * LRA under OVER_LRA_LU as well the loudness barely moves: over-compressed. */
#define OVER_PLR_DB 8.0
#define OVER_LRA_LU 3.0
#define DEFAULT_TARGET_LUFS (-14.0)

/* A compressor that never lets go holds at least this much gain reduction (its least
 * in each frame) through this share of the frames its strip sounds in. */
#define HELD_GR_DB 3.0
#define HELD_SHARE 0.9

static int cmp_float(const void *a, const void *b)
{
	const float x = *(const float *)a, y = *(const float *)b;
	return x < y ? -1 : x > y;
}

static void judge_compressor(const struct project *p, const struct review_grid *g,
	struct review *r, int s)
{
	const struct review_meas *m = &g->m[s];
	float *held = xmalloc(sizeof(float) * ((size_t)g->n_frames + 1));
	int sounding = 0, n_held = 0;
	for (int i = 0; i < g->n_frames; i++) {
		if (!(m->level_db[i] > -50.0) || !isfinite(m->comp_gr_min[i]))
			continue;
		sounding++;
		if (m->comp_gr_min[i] >= HELD_GR_DB)
			held[n_held++] = m->comp_gr_min[i];
	}
	if (sounding * (double)g->hop / g->rate < 2.0 || n_held < HELD_SHARE * sounding) {
		free(held);
		return;
	}
	qsort(held, (size_t)n_held, sizeof *held, cmp_float);
	const double least = held[n_held / 2];
	free(held);
	struct review_finding *f = review_add(r, REVIEW_DYNAMICS, REVIEW_WARNING, p, s);
	f->value = least;
	f->unit = "dB";
	snprintf(f->what, sizeof f->what, "%s's compressor (insert %d) never releases: "
		"%.1f dB of gain reduction at its least in %.0f%% of what it plays", f->strip,
		m->comp_slot, least, 100.0 * n_held / sounding);
	snprintf(f->why, sizeof f->why, "A compressor that never lets go is only a fader "
		"that flattens the part: it squashes every note alike and no longer shapes "
		"them; raise its threshold until it rests between the loud notes.");
	const struct project_insert *in = &project_strip_get(p, s)->inserts[m->comp_slot - 1];
	for (int k = 0; k < in->cls->n_params; k++)
		if (!strcmp(in->cls->params[k].name, "threshold_db"))
			review_fix(f, "fx %s %d threshold_db %g", f->word, m->comp_slot,
				fmin(0.0, round(in->params[k] + least)));
}

void review_judge_dynamics(const struct project *p, const struct review_grid *g,
	struct review *r)
{
	for (int s = 0; s < g->n_tracks + g->n_buses; s++)
		if (g->m[s].comp_slot)
			judge_compressor(p, g, r, s);
	const struct review_meas *m = &g->m[REVIEW_MASTER(g)];
	r->integrated_lufs = m->integrated_lufs;
	r->lra_lu = m->lra_lu;
	r->true_peak_dbtp = m->true_peak_dbtp;
	r->plr_db = m->true_peak_dbtp - m->integrated_lufs;
	const double rms_db = db(m->sum_sq / ((double)g->n_frames * g->hop));
	r->crest_db = m->sample_peak_dbfs - rms_db;
	r->target_lufs = p->delivery_target[0] ? p->delivery_lufs : DEFAULT_TARGET_LUFS;
	if (!isfinite(m->integrated_lufs))
		return;
	if (r->plr_db < OVER_PLR_DB) {
		const bool flat = isfinite(m->lra_lu) && m->lra_lu < OVER_LRA_LU;
		struct review_finding *f = review_add(r, REVIEW_DYNAMICS,
			flat ? REVIEW_PROBLEM : REVIEW_WARNING, p, -1);
		f->value = r->plr_db;
		f->unit = "dB";
		snprintf(f->what, sizeof f->what, "PLR %.1f dB, crest factor %.1f dB, LRA %.1f LU:"
			" %s", r->plr_db, r->crest_db, m->lra_lu, flat ? "over-compressed, the "
			"loudness barely moves" : "heavily limited");
		snprintf(f->why, sizeof f->why, "A streaming service turns a loud master down to "
			"its target, so the flattened peaks buy no loudness, only fatigue and lost "
			"punch.");
	}
	const double off = m->integrated_lufs - r->target_lufs;
	if (fabs(off) >= 1.0) {
		struct review_finding *f = review_add(r, REVIEW_LOUDNESS,
			off > 0 ? REVIEW_INFO : REVIEW_WARNING, p, -1);
		f->value = off;
		f->unit = "LU";
		snprintf(f->what, sizeof f->what, "integrated %.1f LUFS, %+.1f LU from the "
			"delivery target (%.0f LUFS)", m->integrated_lufs, off, r->target_lufs);
		snprintf(f->why, sizeof f->why, off > 0 ? "The service turns it down by that "
			"much; limiting that pushed it there bought nothing." : "Quieter than the "
			"target: the service may not raise it, and it sounds weaker beside other "
			"songs.");
		if (off < 0 && m->true_peak_dbtp - off <= -1.0)
			review_fix(f, "gain master +=%g", floor(-off));
	}
	if (m->true_peak_dbtp > -1.0) {
		struct review_finding *f = review_add(r, REVIEW_LOUDNESS, REVIEW_WARNING, p, -1);
		f->value = m->true_peak_dbtp;
		f->unit = "dBTP";
		over_range(g, m, f);
		snprintf(f->what, sizeof f->what, "the master peaks at %+.1f dBTP (over -1 dBTP)",
			m->true_peak_dbtp);
		snprintf(f->why, sizeof f->why, "Lossy encoding adds peaks, and a master over "
			"-1 dBTP clips in the listener's decoder (EBU R128, AES TD1008).");
	}
}
