/* Masking between tracks, and tracks buried by the whole mix, on the review's grid of
 * 1/3-octave bands and 75 ms frames. The measure is the masker-to-signal ratio of
 * Hafezi and Reiss (2015) taken per band and frame: track A is masked by track B in a
 * cell when both sound there and B comes within MASK_MARGIN_DB of A (docs/dsp.md,
 * "Mix review: masking"). The share of A's sounding frames so masked, per band, says
 * how much of the time the pair competes there. */
#include "src/review_judge.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "src/project.h"
#include "src/base/xalloc.h"

/* B masks A in a cell when L_B >= L_A - MASK_MARGIN_DB: within a critical band a
 * noise-like masker hides a signal up to about 4-6 dB above it (Zwicker and Fastl), and
 * even above that the signal's partial loudness is much reduced (Moore et al. 1997). */
#define MASK_MARGIN_DB 3.0
/* A band of a track sounds when above this (spectrum.h's scale: a full-scale sine in
 * the band reads 0 dB) and within MASK_RANGE_DB of the track's loudest band then. */
#define MASK_FLOOR_DB (-66.0)
#define MASK_RANGE_DB 12.0
/* Bands judged: 40 Hz to 12.5 kHz. */
#define MASK_LO_BAND 3
#define MASK_HI_BAND 28
/* A pair is reported when A is masked this share of its sounding frames in a band, for
 * at least MASK_MIN_SEC; a problem from MASK_PROBLEM. */
#define MASK_REPORT 0.5
#define MASK_PROBLEM 0.75
#define MASK_MIN_SEC 1.0
/* Buried: masked by the rest of the mix (L_rest >= L_A + BURIED_MARGIN_DB) in this share
 * of every sounding cell. */
#define BURIED_MARGIN_DB 3.0
#define BURIED_SHARE 0.9

/* The band level of a strip in a frame: mid and side together (an out-of-phase
 * source still sounds in the room). */
static double cell_db(const struct review_meas *m, int f, int b)
{
	const double mid = review_band(m->mid_db, f, b), side = review_band(m->side_db, f, b);
	const double e = pow(10.0, mid / 10.0) + pow(10.0, side / 10.0);
	return e > 0 ? 10.0 * log10(e) : -INFINITY;
}

/* All cells of the tracks, and whether each sounds. */
struct cells {
	int n_tracks, n_frames;
	float *db;      /* [track][frame][band] */
	bool *on;
};

static size_t at(const struct cells *c, int t, int f, int b)
{
	return ((size_t)t * (size_t)c->n_frames + (size_t)f) * REVIEW_BANDS + (size_t)b;
}

static void cells_make(const struct review_grid *g, struct cells *c)
{
	c->n_tracks = g->n_tracks;
	c->n_frames = g->n_frames;
	size_t n = (size_t)g->n_tracks * (size_t)g->n_frames * REVIEW_BANDS;
	c->db = xmalloc(sizeof(float) * (n ? n : 1));
	c->on = xmalloc(n ? n : 1);
	for (int t = 0; t < g->n_tracks; t++)
		for (int f = 0; f < g->n_frames; f++) {
			double top = -INFINITY;
			for (int b = 0; b < REVIEW_BANDS; b++) {
				const double v = cell_db(&g->m[t], f, b);
				c->db[at(c, t, f, b)] = (float)v;
				if (v > top)
					top = v;
			}
			for (int b = 0; b < REVIEW_BANDS; b++) {
				const double v = c->db[at(c, t, f, b)];
				c->on[at(c, t, f, b)] = v >= MASK_FLOOR_DB && v >= top - MASK_RANGE_DB;
			}
		}
}

/* How much more the mix should hear track t than its fader says. */
static double importance(const struct project *p, int t)
{
	const struct project_track *tr = &p->tracks[t];
	double w = tr->strip.gain_db;
	if (tr->role && strstr(tr->role, "lead"))
		w += 6.0;
	return w;
}

/* Per band: frames where a sounds, and of those where b masks it. */
struct pair_bands {
	int sounding[REVIEW_BANDS], masked[REVIEW_BANDS];
	int first[REVIEW_BANDS], last[REVIEW_BANDS];
	double excess_sum[REVIEW_BANDS]; /* sum of L_B - L_A + margin over masked cells */
};

static void pair_count(const struct cells *c, int a, int b, struct pair_bands *pb)
{
	memset(pb, 0, sizeof *pb);
	for (int k = 0; k < REVIEW_BANDS; k++)
		pb->first[k] = -1;
	for (int f = 0; f < c->n_frames; f++)
		for (int k = MASK_LO_BAND; k <= MASK_HI_BAND; k++) {
			if (!c->on[at(c, a, f, k)])
				continue;
			pb->sounding[k]++;
			const double la = c->db[at(c, a, f, k)], lb = c->db[at(c, b, f, k)];
			if (!c->on[at(c, b, f, k)] || lb < la - MASK_MARGIN_DB)
				continue;
			pb->masked[k]++;
			pb->excess_sum[k] += lb - la + MASK_MARGIN_DB;
			if (pb->first[k] < 0)
				pb->first[k] = f;
			pb->last[k] = f;
		}
}

static double share_of(const struct pair_bands *pb, int k)
{
	return pb->sounding[k] ? (double)pb->masked[k] / pb->sounding[k] : 0.0;
}

/* The worst band of a pair: the most masked frames among the bands whose share is
 * within 80 % of the highest (a wide band masked often beats a narrow corner). */
static int worst_band(const struct pair_bands *pb, int min_frames)
{
	double top = 0;
	for (int k = MASK_LO_BAND; k <= MASK_HI_BAND; k++)
		if (pb->sounding[k] >= min_frames && share_of(pb, k) > top)
			top = share_of(pb, k);
	int best = -1;
	for (int k = MASK_LO_BAND; k <= MASK_HI_BAND; k++)
		if (pb->sounding[k] >= min_frames && share_of(pb, k) >= 0.8 * top && top > 0 &&
			(best < 0 || pb->masked[k] > pb->masked[best]))
			best = k;
	return best;
}

static double round_sig(double hz)
{
	const double step = hz < 100 ? 1 : hz < 1000 ? 10 : 100;
	return step * round(hz / step);
}

/* The finding and its complementary cut on `cut` (the less important track). */
static void report_pair(const struct project *p, const struct review_grid *g,
	struct review *r, int a, int b, int cut, const struct pair_bands *pb, int k)
{
	const double share = share_of(pb, k);
	int lo = k, hi = k;
	while (lo > MASK_LO_BAND && share_of(pb, lo - 1) >= MASK_REPORT)
		lo--;
	while (hi < MASK_HI_BAND && share_of(pb, hi + 1) >= MASK_REPORT)
		hi++;
	struct review_finding *f = review_add(r, REVIEW_MASKING,
		share >= MASK_PROBLEM ? REVIEW_PROBLEM : REVIEW_WARNING, p, a);
	snprintf(f->other, sizeof f->other, "%s", p->tracks[b].strip.name);
	f->hz = spectrum_band_hz(k);
	f->lo_hz = spectrum_band_hz(lo) / pow(10.0, 0.05);
	f->hi_hz = spectrum_band_hz(hi) * pow(10.0, 0.05);
	f->value = share;
	f->unit = "share";
	f->from_sec = review_frame_sec(g, pb->first[k]);
	f->to_sec = review_frame_sec(g, pb->last[k]);
	snprintf(f->what, sizeof f->what, "%s is masked by %s at %.0f-%.0f Hz in %.0f%% of "
		"the time it plays there", f->strip, f->other, f->lo_hz, f->hi_hz, 100 * share);
	snprintf(f->why, sizeof f->why, "Both fill the same critical bands at once, so the "
		"ear cannot tell them apart there and %s loses its definition; a cut on %s makes "
		"room for it.", f->strip, p->tracks[cut].strip.name);
	const int band = review_eq_band(p, r, cut);
	if (!band)
		return;
	const double excess = pb->excess_sum[k] / (pb->masked[k] ? pb->masked[k] : 1);
	double cut_db = round(fmin(9.0, fmax(3.0, excess)));
	const double f0 = sqrt(f->lo_hz * f->hi_hz);
	double q = f0 / (f->hi_hz - f->lo_hz);
	q = round(fmin(4.0, fmax(0.7, q)) * 10.0) / 10.0;
	char name[REVIEW_NAME_MAX + 2];
	review_word(p->tracks[cut].strip.name, name, sizeof name);
	review_fix(f, "fx %s eq band%d_hz %g", name, band, round_sig(f0));
	review_fix(f, "fx %s eq band%d_q %g", name, band, q);
	review_fix(f, "fx %s eq band%d_db %g", name, band, -cut_db);
}

static void judge_pairs(const struct project *p, const struct review_grid *g,
	const struct cells *c, struct review *r)
{
	const int min_frames = (int)ceil(MASK_MIN_SEC * g->rate / g->hop);
	struct pair_bands ab, ba;
	for (int x = 0; x < g->n_tracks; x++)
		for (int y = x + 1; y < g->n_tracks; y++) {
			pair_count(c, x, y, &ab);   /* x masked by y */
			pair_count(c, y, x, &ba);   /* y masked by x */
			const int kx = worst_band(&ab, min_frames), ky = worst_band(&ba, min_frames);
			const double sx = kx >= 0 ? share_of(&ab, kx) : 0;
			const double sy = ky >= 0 ? share_of(&ba, ky) : 0;
			/* the masked one is the more important, or, when they matter alike, the
			 * one that loses more; the cut goes on the other */
			const double ix = importance(p, x), iy = importance(p, y);
			const bool x_first = fabs(ix - iy) > 1.0 ? ix > iy : sx >= sy;
			const int a = x_first ? x : y, b = x_first ? y : x;
			const struct pair_bands *pb = x_first ? &ab : &ba;
			const int k = x_first ? kx : ky;
			r->pairs = xrealloc(r->pairs, sizeof *r->pairs * (size_t)(r->n_pairs + 1));
			long sounding = 0, masked = 0;
			for (int j = MASK_LO_BAND; j <= MASK_HI_BAND; j++) {
				sounding += pb->sounding[j];
				masked += pb->masked[j];
			}
			r->pairs[r->n_pairs++] = (struct review_pair){ .a = a, .b = b,
				.share = k >= 0 ? share_of(pb, k) : 0,
				.hz = k >= 0 ? spectrum_band_hz(k) : 0,
				.overall = sounding ? (double)masked / sounding : 0 };
			if (k >= 0 && share_of(pb, k) >= MASK_REPORT && pb->masked[k] >= min_frames)
				report_pair(p, g, r, a, b, b, pb, k);
		}
}

/* A track the rest of the mix covers nearly all the time. */
static void judge_buried(const struct project *p, const struct review_grid *g,
	const struct cells *c, struct review *r)
{
	const int min_frames = (int)ceil(2.0 * g->rate / g->hop);
	for (int t = 0; t < g->n_tracks && g->n_tracks > 1; t++) {
		long sounding = 0, covered = 0;
		double excess = 0;
		int frames_on = 0;
		for (int f = 0; f < g->n_frames; f++) {
			bool any = false;
			for (int k = MASK_LO_BAND; k <= MASK_HI_BAND; k++) {
				if (!c->on[at(c, t, f, k)])
					continue;
				any = true;
				double rest = 0;
				for (int o = 0; o < g->n_tracks; o++)
					if (o != t)
						rest += pow(10.0, c->db[at(c, o, f, k)] / 10.0);
				const double la = c->db[at(c, t, f, k)];
				sounding++;
				if (rest > 0 && 10.0 * log10(rest) >= la + BURIED_MARGIN_DB) {
					covered++;
					excess += 10.0 * log10(rest) - la;
				}
			}
			frames_on += any;
		}
		if (frames_on < min_frames || !sounding || (double)covered / sounding < BURIED_SHARE)
			continue;
		struct review_finding *f = review_add(r, REVIEW_BURIED, REVIEW_PROBLEM, p, t);
		f->value = (double)covered / sounding;
		f->unit = "share";
		snprintf(f->what, sizeof f->what, "%s is covered by the rest of the mix in %.0f%% "
			"of what it plays", f->strip, 100 * f->value);
		snprintf(f->why, sizeof f->why, "A part the others hide nearly all the time is "
			"not heard at all: it adds mud without adding music.");
		const double up = round(fmin(9.0, fmax(3.0, excess / covered)));
		review_fix(f, "gain %s +=%g", f->word, up);
	}
}

void review_judge_masking(const struct project *p, const struct review_grid *g,
	struct review *r)
{
	if (g->n_tracks < 2 || g->n_frames == 0)
		return;
	struct cells c;
	cells_make(g, &c);
	judge_pairs(p, g, &c, r);
	judge_buried(p, g, &c, r);
	free(c.db);
	free(c.on);
}
