/* The check kinds of lessons 7 to 11 (src/lesson.h): an EQ cut or boost at a
 * frequency, a gate's depth, a delay's time in notes, stereo width, and a level move
 * written with automation; and two for teachers' lessons: de-essing, and matching a
 * reference's loudness and tonal balance. Each measures the sound of the track rendered by the real
 * engine, most against its baseline (the track as the lesson gave it out), so any
 * way of reaching the goal passes. The formulas: docs/dsp.md, "Lessons". */
#include "src/lesson_priv.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#ifndef M_PI
#define M_PI 3.14159265358979323846
#endif

#include "audio/reference.h"
#include "src/graph_build.h"
#include "src/base/xalloc.h"

/* ---- eq_band: the 1/3-octave band at at_hz, against the rest ---- */

static void judge_eq_band(const struct subject *s, struct tap taps[2])
{
	const struct lesson *l = s->l;
	const struct tap *after = &taps[0], *before = &taps[1];
	const int rate = s->p->sample_rate;
	const double lo = l->at_hz * pow(2.0, -1.0 / 6.0), hi = l->at_hz * pow(2.0, 1.0 / 6.0);
	double band = lesson_energy_ratio_db(
		lesson_band_energy(after, lo, hi, rate, 0, after->frames),
		lesson_band_energy(before, lo, hi, rate, 0, before->frames));
	/* the rest: below half and above twice the frequency (an octave either side is
	 * left to the slopes of a musical cut) */
	double rest_after = lesson_band_energy(after, 0, l->at_hz / 2, rate, 0, after->frames) +
		lesson_band_energy(after, l->at_hz * 2, 0, rate, 0, after->frames);
	double rest_before = lesson_band_energy(before, 0, l->at_hz / 2, rate, 0,
		before->frames) + lesson_band_energy(before, l->at_hz * 2, 0, rate, 0,
		before->frames);
	double rest = lesson_energy_ratio_db(rest_after, rest_before);
	const bool cut = l->change_db < 0;
	bool pass = cut ? band <= l->change_db : band >= l->change_db;
	struct lesson_item *it = lesson_item_add(s->res, "dB", band, pass);
	snprintf(it->what, sizeof it->what, "%s 1/3 octave at %.0f Hz, change", l->track,
		l->at_hz);
	snprintf(it->target, sizeof it->target, "%+.0f dB or %s", l->change_db,
		cut ? "lower" : "more");
	int eq = lesson_insert_slot(s->p, s->track, "eq");
	if (pass)
		;
	else if (!eq)
		snprintf(it->advice, sizeof it->advice, "%.1f dB where %+.0f is asked: add an eq "
			"(:insert %s add eq) and %s one band at %.0f Hz (band3_hz, band3_db, band3_q)",
			band, l->change_db, l->track, cut ? "cut" : "boost", l->at_hz);
	else
		snprintf(it->advice, sizeof it->advice, "%.1f dB where %+.0f is asked: put a band "
			"right on %.0f Hz (:fx %s %d band3_hz %.0f) and %s it further (band3_db)",
			band, l->change_db, l->at_hz, l->track, eq, l->at_hz,
			cut ? "cut" : "boost");
	it = lesson_item_add(s->res, "dB", rest, fabs(rest) <= l->max_db);
	snprintf(it->what, sizeof it->what, "%s outside %.0f-%.0f Hz, change", l->track,
		l->at_hz / 2, l->at_hz * 2);
	snprintf(it->target, sizeof it->target, "within +-%.1f dB", l->max_db);
	if (!it->pass)
		snprintf(it->advice, sizeof it->advice, "%+.1f dB where the sound should stay: "
			"the band is too wide (raise its q, 4 or more) or the fader or a shelf moved "
			"the whole track", rest);
}

/* ---- gate: the level between the hits ---- */

#define GATE_BLOCK_S 0.01     /* 10 ms blocks */

static int cmp_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;
	return (x > y) - (x < y);
}

/* Energy of each block of t, both channels. */
static double *block_energy(const struct tap *t, int64_t block, int64_t n)
{
	double *e = xcalloc((size_t)n, sizeof *e);
	for (int64_t b = 0; b < n; b++)
		for (int64_t i = b * block * 2; i < (b + 1) * block * 2; i++)
			e[b] += (double)t->buf[i] * t->buf[i];
	return e;
}

/* The blocks of the baseline at or under its 30th percentile are the gaps between
 * hits (the spill a gate is to remove), those at or over its 90th the hits: a drum hit
 * and its ring fill far less than a tenth of the time. The change of each set's
 * energy, after against before, goes to *gap and *hit. */
static void gate_changes(const struct tap *after, const struct tap *before, int rate,
	double *gap, double *hit)
{
	const int64_t block = (int64_t)(GATE_BLOCK_S * rate);
	int64_t frames = after->frames < before->frames ? after->frames : before->frames;
	int64_t n = block > 0 ? frames / block : 0;
	*gap = *hit = 0.0;
	if (n < 10)
		return;
	double *a = block_energy(after, block, n), *b = block_energy(before, block, n);
	double *sorted = xmalloc((size_t)n * sizeof *sorted);
	memcpy(sorted, b, (size_t)n * sizeof *sorted);
	qsort(sorted, (size_t)n, sizeof *sorted, cmp_double);
	double low = sorted[n * 3 / 10], high = sorted[n * 9 / 10];
	double ga = 0, gb = 0, ha = 0, hb = 0;
	for (int64_t i = 0; i < n; i++) {
		if (b[i] <= low) {
			ga += a[i];
			gb += b[i];
		} else if (b[i] >= high) {
			ha += a[i];
			hb += b[i];
		}
	}
	*gap = lesson_energy_ratio_db(ga, gb);
	*hit = lesson_energy_ratio_db(ha, hb);
	free(sorted);
	free(a);
	free(b);
}

static void judge_gate(const struct subject *s, struct tap taps[2])
{
	const struct lesson *l = s->l;
	double gap, hit;
	gate_changes(&taps[0], &taps[1], s->p->sample_rate, &gap, &hit);
	struct lesson_item *it = lesson_item_add(s->res, "dB", gap, gap <= -l->min_db);
	snprintf(it->what, sizeof it->what, "%s level between the hits, change", l->track);
	snprintf(it->target, sizeof it->target, "-%.0f dB or lower", l->min_db);
	int gate = lesson_insert_slot(s->p, s->track, "gate");
	if (it->pass)
		;
	else if (!gate)
		snprintf(it->advice, sizeof it->advice, "down %.1f dB of the %.0f asked: add a "
			"gate (:insert %s add gate) with its threshold_db over the spill and under "
			"the hits", fmax(-gap, 0.0), l->min_db, l->track);
	else
		snprintf(it->advice, sizeof it->advice, "down %.1f dB of the %.0f asked: the gate "
			"stays open on the spill: raise its threshold_db (:fx %s %d threshold_db -30), "
			"and its range_db must go deeper than -%.0f", fmax(-gap, 0.0), l->min_db,
			l->track, gate, l->min_db);
	it = lesson_item_add(s->res, "dB", hit, hit >= -l->max_db);
	snprintf(it->what, sizeof it->what, "%s level of the hits, change", l->track);
	snprintf(it->target, sizeof it->target, "no lower than -%.1f dB", l->max_db);
	if (!it->pass)
		snprintf(it->advice, sizeof it->advice, "the hits lost %.1f dB: threshold_db "
			"just over the spill, attack_ms under 1, hold_ms 50, release_ms 100", -hit);
}

/* ---- delay_time: the echo's lag ---- */

#define ECHO_BLOCK_S 0.001    /* the envelopes' step: 1 ms */
#define ECHO_MIN_S 0.02       /* shorter lags are the sound itself */
#define ECHO_MAX_S 2.5

/* Mono envelope of x (RMS of 1 ms blocks), its mean taken away. */
static double *envelope(const double *x, int64_t frames, int64_t block, int64_t *n)
{
	*n = block > 0 ? frames / block : 0;
	double *e = xcalloc((size_t)*n + 1, sizeof *e), mean = 0;
	for (int64_t b = 0; b < *n; b++) {
		double sum = 0;
		for (int64_t i = b * block; i < (b + 1) * block; i++)
			sum += x[i] * x[i];
		e[b] = sqrt(sum / (double)block);
		mean += e[b];
	}
	for (int64_t b = 0; *n && b < *n; b++)
		e[b] -= mean / (double)*n;
	return e;
}

/* How late the track's echo comes, in seconds; 0 when there is none. The dry part
 * of the output is the baseline scaled (least squares); what is left over is the
 * echoes, whose envelope matches the dry envelope best at the delay's lag (a
 * feedback echo at twice the lag is weaker). */
static double echo_lag_s(const struct tap *after, const struct tap *before, int rate)
{
	int64_t frames = after->frames < before->frames ? after->frames : before->frames;
	double *dry = xmalloc((size_t)(frames + 1) * sizeof *dry);
	double *rest = xmalloc((size_t)(frames + 1) * sizeof *rest);
	double ab = 0, bb = 0;
	for (int64_t i = 0; i < frames; i++) {
		dry[i] = ((double)before->buf[i * 2] + before->buf[i * 2 + 1]) / 2.0;
		rest[i] = ((double)after->buf[i * 2] + after->buf[i * 2 + 1]) / 2.0;
		ab += rest[i] * dry[i];
		bb += dry[i] * dry[i];
	}
	double k = bb > 0 ? ab / bb : 0.0, wet = 0;
	for (int64_t i = 0; i < frames; i++) {
		rest[i] -= k * dry[i];
		wet += rest[i] * rest[i];
	}
	double lag = 0.0;
	const int64_t block = (int64_t)(ECHO_BLOCK_S * rate);
	int64_t n, m;
	double *ed = envelope(dry, frames, block, &n), *ew = envelope(rest, frames, block, &m);
	const int64_t lo = (int64_t)(ECHO_MIN_S / ECHO_BLOCK_S);
	const int64_t hi = (int64_t)(ECHO_MAX_S / ECHO_BLOCK_S);
	double best = 0;
	/* an echo 40 dB under the dry sound is no echo */
	for (int64_t d = lo; wet > bb * 1e-4 && d < hi && d < n; d++) {
		double c = 0;
		for (int64_t i = 0; i + d < n; i++)
			c += ed[i] * ew[i + d];
		if (c > best) {
			best = c;
			lag = (double)d * ECHO_BLOCK_S;
		}
	}
	free(ed);
	free(ew);
	free(dry);
	free(rest);
	return lag;
}

/* A note's name for a length in beats (quarter notes): "dotted 1/8" for 0.75. */
static void note_name(double beats, char *out, size_t size)
{
	static const struct { double beats; const char *name; } notes[] = {
		{ 0.25, "1/16" }, { 1.0 / 3.0, "1/8 triplet" }, { 0.375, "dotted 1/16" },
		{ 0.5, "1/8" }, { 2.0 / 3.0, "1/4 triplet" }, { 0.75, "dotted 1/8" },
		{ 1.0, "1/4" }, { 1.5, "dotted 1/4" }, { 2.0, "1/2" }, { 3.0, "dotted 1/2" },
		{ 4.0, "whole note" },
	};
	for (size_t i = 0; i < sizeof notes / sizeof notes[0]; i++)
		if (fabs(beats - notes[i].beats) < 0.02) {
			snprintf(out, size, "%s", notes[i].name);
			return;
		}
	snprintf(out, size, "%.2f beats", beats);
}

static void judge_delay_time(const struct subject *s, struct tap taps[2])
{
	const struct lesson *l = s->l;
	const double bpm = s->p->tempo_bpm > 0 ? s->p->tempo_bpm : 120.0;
	const double want_ms = l->beats * 60000.0 / bpm;
	double ms = echo_lag_s(&taps[0], &taps[1], s->p->sample_rate) * 1000.0;
	bool pass = ms > 0 && fabs(ms - want_ms) <= l->tol_ms;
	struct lesson_item *it = lesson_item_add(s->res, "ms", ms, pass);
	char want[32], got[32];
	note_name(l->beats, want, sizeof want);
	note_name(ms / 60000.0 * bpm, got, sizeof got);
	snprintf(it->what, sizeof it->what, "%s echo time", l->track);
	snprintf(it->target, sizeof it->target, "%.0f +-%.0f ms (a %s at %.0f bpm)", want_ms,
		l->tol_ms, want, bpm);
	int delay = lesson_insert_slot(s->p, s->track, "delay");
	if (pass)
		;
	else if (ms <= 0)
		snprintf(it->advice, sizeof it->advice, "no echo heard from %s: add a delay "
			"(:insert %s add delay) and give it some mix", l->track, l->track);
	else
		snprintf(it->advice, sizeof it->advice, "the echo comes after %.0f ms (%s), "
			"%.0f ms %s: a %s is %.0f ms at %.0f bpm (:fx %s %d sync %.2f, or time_ms "
			"%.0f)", ms, got, fabs(ms - want_ms), ms < want_ms ? "early" : "late", want,
			want_ms, bpm, l->track, delay ? delay : 1, l->beats, want_ms);
}

/* ---- width: side against mid ---- */

static int plan_now(const struct subject *s, struct take t[2])
{
	if (s->step)
		return 0;
	lesson_strips_track_dry(&t[0].on, s->p, s->track);
	return 1;
}

static void judge_width(const struct subject *s, struct tap taps[2])
{
	const struct lesson *l = s->l;
	const struct tap *t = &taps[0];
	double mid = 0, side = 0;
	for (int64_t i = 0; i < t->frames; i++) {
		double m = ((double)t->buf[i * 2] + t->buf[i * 2 + 1]) / 2.0;
		double d = ((double)t->buf[i * 2] - t->buf[i * 2 + 1]) / 2.0;
		mid += m * m;
		side += d * d;
	}
	double sm = side > 0 && mid > 0 ? 10.0 * log10(side / mid) :
		side > 0 ? INFINITY : -INFINITY;
	struct lesson_item *it = lesson_item_add(s->res, "dB", sm,
		sm >= l->side_min_db && sm <= l->side_max_db);
	snprintf(it->what, sizeof it->what, "%s side against mid", l->track);
	snprintf(it->target, sizeof it->target, "%.0f to %.0f dB", l->side_min_db,
		l->side_max_db);
	int w = lesson_insert_slot(s->p, s->track, "width");
	char fx[64];
	if (w)
		snprintf(fx, sizeof fx, ":fx %s %d width", l->track, w);
	else
		snprintf(fx, sizeof fx, ":insert %s add width, then its width", l->track);
	if (it->pass)
		;
	else if (sm > l->side_max_db)
		snprintf(it->advice, sizeof it->advice, "%.1f dB too wide: narrow it (%s "
			"under 1; each halving takes 6 dB off the side)", sm - l->side_max_db, fx);
	else if (!isfinite(sm))
		snprintf(it->advice, sizeof it->advice, "no width left (mono): keep some (%s "
			"nearer 1; 0 is mono)", fx);
	else
		snprintf(it->advice, sizeof it->advice, "%.1f dB too narrow: keep some width "
			"(%s nearer 1; 0 is mono)", l->side_min_db - sm, fx);
	double c = lesson_correlation(t);
	it = lesson_item_add(s->res, "", c, c >= l->min_corr);
	snprintf(it->what, sizeof it->what, "%s correlation (mono compatibility)", l->track);
	snprintf(it->target, sizeof it->target, "%.2f or more", l->min_corr);
	if (!it->pass)
		snprintf(it->advice, sizeof it->advice, "%.2f: left and right cancel when summed "
			"to mono (a phone, a club): narrow the side (%s)", c, fx);
}

/* ---- automation: a level move over part of the window ---- */

static void judge_automation(const struct subject *s, struct tap taps[2])
{
	const struct lesson *l = s->l;
	const struct tap *after = &taps[0], *before = &taps[1];
	const int rate = s->p->sample_rate;
	double from = 0, to = 0;
	lesson_find_marker(s->p, l->move_from, &from);
	lesson_find_marker(s->p, l->move_to, &to);
	int64_t a = graph_frames(from, rate) - s->w->start;
	int64_t b = graph_frames(to, rate) - s->w->start;
	int64_t n = after->frames < before->frames ? after->frames : before->frames;
	a = a < 0 ? 0 : a > n ? n : a;
	b = b < a ? a : b > n ? n : b;
	double in[2] = { 0, 0 }, out[2] = { 0, 0 };
	for (int k = 0; k < 2; k++)
		for (int64_t i = 0; i < n * 2; i++) {
			double x = taps[k].buf[i];
			if (i / 2 >= a && i / 2 < b)
				in[k] += x * x;
			else
				out[k] += x * x;
		}
	double in_db = lesson_energy_ratio_db(in[0], in[1]);
	double out_db = lesson_energy_ratio_db(out[0], out[1]);
	double move = in_db - out_db;
	struct lesson_item *it = lesson_item_add(s->res, "dB", move, move >= l->min_db);
	snprintf(it->what, sizeof it->what, "%s from %s to %s against the rest, change",
		l->track, l->move_from, l->move_to);
	snprintf(it->target, sizeof it->target, "+%.1f dB or more", l->min_db);
	if (it->pass)
		;
	else if (fabs(move) < 0.5 && fabs(out_db) >= 0.5)
		snprintf(it->advice, sizeof it->advice, "the whole track moved %+.1f dB: a fader "
			"(or a flat lane) moves all of it; raise only %s-%s on its gain_db lane (A on "
			"%s in the arranger)", out_db, l->move_from, l->move_to, l->track);
	else
		snprintf(it->advice, sizeof it->advice, "up %.1f dB of the %.1f asked: on %s's "
			"gain_db lane, raise the points from %s to %s (K) to about +%.0f dB",
			move, l->min_db, l->track, l->move_from, l->move_to, ceil(l->min_db));
	it = lesson_item_add(s->res, "dB", out_db, fabs(out_db) <= l->max_db);
	snprintf(it->what, sizeof it->what, "%s elsewhere (%s), change", l->track,
		s->w->name);
	snprintf(it->target, sizeof it->target, "within +-%.1f dB", l->max_db);
	if (!it->pass)
		snprintf(it->advice, sizeof it->advice, "%+.1f dB outside %s-%s: the lane must "
			"come back to where it was (a point at 0 dB before %s and at %s)", out_db,
			l->move_from, l->move_to, l->move_from, l->move_to);
}

/* ---- deess: the top of the sibilants ---- */

#define SIB_LO_HZ 5000.0
#define SIB_HI_HZ 10000.0

/* Energy of each GATE_BLOCK_S block of t between lo_hz and hi_hz (0: no limit),
 * through 4th-order Butterworth filters (two biquads each side). */
static double *band_blocks(const struct tap *t, double lo_hz, double hi_hz, int rate,
	int64_t block, int64_t n)
{
	struct lesson_bq hp[2], lp[2];
	const double q[2] = { 1.0 / (2.0 * cos(M_PI / 8.0)), 1.0 / (2.0 * cos(3.0 * M_PI / 8.0)) };
	for (int k = 0; k < 2; k++) {
		lesson_bq_init(&hp[k], true, lo_hz > 0 ? lo_hz : 1.0, q[k], rate);
		lesson_bq_init(&lp[k], false, hi_hz > 0 ? hi_hz : 1.0, q[k], rate);
	}
	double *e = xcalloc((size_t)n + 1, sizeof *e);
	for (int64_t i = 0; i < n * block; i++)
		for (int ch = 0; ch < 2; ch++) {
			double y = t->buf[i * 2 + ch];
			for (int k = 0; lo_hz > 0 && k < 2; k++)
				y = lesson_bq_run(&hp[k], ch, y);
			for (int k = 0; hi_hz > 0 && k < 2; k++)
				y = lesson_bq_run(&lp[k], ch, y);
			e[i / block] += y * y;
		}
	return e;
}

/* Below the sibilants, the voice in five bands; a band is judged when the baseline
 * has some of the voice there (within REST_FLOOR_DB of its loudest band), so that a
 * top cut reaching down into the presence (a high shelf from 2 kHz) shows even when
 * the fundamentals carry nearly all the energy below 5 kHz. */
static const double rest_edges[] = { 0, 250, 500, 1000, 2000, SIB_LO_HZ };
#define REST_BANDS 5
#define REST_FLOOR_DB 40.0

/* The change below 5 kHz of largest size over the rest bands, after against before,
 * over frames [0, to); its band in *band. */
static double rest_change(const struct tap *after, const struct tap *before, int rate,
	int64_t to, int *band)
{
	double a[REST_BANDS], b[REST_BANDS], loudest = 0.0, worst = 0.0;
	for (int k = 0; k < REST_BANDS; k++) {
		a[k] = lesson_band_energy(after, rest_edges[k], rest_edges[k + 1], rate, 0, to);
		b[k] = lesson_band_energy(before, rest_edges[k], rest_edges[k + 1], rate, 0, to);
		loudest = fmax(loudest, b[k]);
	}
	*band = REST_BANDS - 1;
	for (int k = 0; k < REST_BANDS; k++) {
		if (!(b[k] > 0) || b[k] < loudest * pow(10.0, -REST_FLOOR_DB / 10.0))
			continue;
		double d = lesson_energy_ratio_db(a[k], b[k]);
		if (fabs(d) > fabs(worst)) {
			worst = d;
			*band = k;
		}
	}
	return worst;
}

/* The blocks where the baseline's 5-10 kHz energy is at or over its 90th percentile
 * are the sibilants (an "s" is a burst of noise up there, a vowel is not); their
 * 5-10 kHz energy after against before goes to *sib, and the largest change below
 * 5 kHz over the whole window (rest_change) to *rest, its band to *band. */
static void deess_changes(const struct tap *after, const struct tap *before, int rate,
	double *sib, double *rest, int *band)
{
	const int64_t block = (int64_t)(GATE_BLOCK_S * rate);
	int64_t frames = after->frames < before->frames ? after->frames : before->frames;
	int64_t n = block > 0 ? frames / block : 0;
	*sib = *rest = 0.0;
	*band = REST_BANDS - 1;
	if (n < 10)
		return;
	double *a = band_blocks(after, SIB_LO_HZ, SIB_HI_HZ, rate, block, n);
	double *b = band_blocks(before, SIB_LO_HZ, SIB_HI_HZ, rate, block, n);
	double *sorted = xmalloc((size_t)n * sizeof *sorted);
	memcpy(sorted, b, (size_t)n * sizeof *sorted);
	qsort(sorted, (size_t)n, sizeof *sorted, cmp_double);
	double high = sorted[n * 9 / 10], sa = 0, sb = 0;
	for (int64_t i = 0; i < n; i++)
		if (b[i] >= high && b[i] > 0) {
			sa += a[i];
			sb += b[i];
		}
	*sib = lesson_energy_ratio_db(sa, sb);
	free(sorted);
	free(a);
	free(b);
	*rest = rest_change(after, before, rate, n * block, band);
}

static void judge_deess(const struct subject *s, struct tap taps[2])
{
	const struct lesson *l = s->l;
	double sib, rest;
	int band;
	deess_changes(&taps[0], &taps[1], s->p->sample_rate, &sib, &rest, &band);
	struct lesson_item *it = lesson_item_add(s->res, "dB", sib, sib <= -l->min_db);
	snprintf(it->what, sizeof it->what, "%s 5-10 kHz during the sibilants, change",
		l->track);
	snprintf(it->target, sizeof it->target, "-%.0f dB or lower", l->min_db);
	int mb = lesson_insert_slot(s->p, s->track, "multiband");
	if (it->pass)
		;
	else if (!mb)
		snprintf(it->advice, sizeof it->advice, "down %.1f dB of the %.0f asked: add a "
			"multiband (:insert %s add multiband) and compress only its high band, from "
			"about 5 kHz", fmax(-sib, 0.0), l->min_db, l->track);
	else
		snprintf(it->advice, sizeof it->advice, "down %.1f dB of the %.0f asked: lower the "
			"high band's threshold under the esses, or raise its ratio (:fx %s %d ...)",
			fmax(-sib, 0.0), l->min_db, l->track, mb);
	it = lesson_item_add(s->res, "dB", rest, fabs(rest) <= l->max_db);
	snprintf(it->what, sizeof it->what, "%s below 5 kHz, change", l->track);
	snprintf(it->target, sizeof it->target, "within +-%.1f dB", l->max_db);
	if (!it->pass)
		snprintf(it->advice, sizeof it->advice, "%+.1f dB at %.0f-%.0f Hz, where the "
			"voice should stay: take only the top (a band from 5 kHz), not the whole "
			"track", rest, rest_edges[band], rest_edges[band + 1]);
}

/* ---- reference: loudness and tonal balance against a file ---- */

/* The ISO 1/3-octave centres 1000 2^(k/3) Hz from 25 Hz (k = -16) to 16 kHz (12). */
#define REF_BAND_FIRST (-16)
#define REF_BANDS 29
#define REF_FLOOR_DB 40.0   /* bands this far under the reference's loudest are left
                             * out: nothing there to match */

static double ref_band_hz(int i)
{
	return 1000.0 * pow(2.0, (REF_BAND_FIRST + i) / 3.0);
}

/* Each band's energy in t, dB (a 4th-order Butterworth high- and low-pass at the
 * band's edges, f 2^-1/6 and f 2^1/6). */
static void tonal_balance(const struct tap *t, int rate, double out_db[REF_BANDS])
{
	for (int i = 0; i < REF_BANDS; i++) {
		double f = ref_band_hz(i), hi = f * pow(2.0, 1.0 / 6.0);
		double e = lesson_band_energy_order(t, f * pow(2.0, -1.0 / 6.0),
			hi < rate * 0.45 ? hi : 0, rate, 0, t->frames, 4);
		out_db[i] = e > 0 ? 10.0 * log10(e / (double)(t->frames > 0 ? t->frames : 1)) :
			-INFINITY;
	}
}

char *lesson_reference_path(const struct lesson *l, const struct project *p)
{
	return l->reference[0] == '/' ? xstrdup(l->reference) :
		xasprintf("%s/%s", p->dir, l->reference);
}

static int plan_mix(const struct subject *s, struct take t[2])
{
	if (s->step)
		return 0;
	t[0].on.tracks = xcalloc((size_t)s->p->n_tracks + 1, sizeof(bool));
	t[0].on.buses = xcalloc((size_t)s->p->n_buses + 1, sizeof(bool));
	for (int k = 0; k < s->p->n_tracks; k++)
		t[0].on.tracks[k] = true;
	for (int b = 0; b < s->p->n_buses; b++)
		t[0].on.buses[b] = true;
	return 1;
}

/* The tonal item: the mix's band levels against the reference's, their mean
 * difference taken away (the loudness item judges that), as an RMS over the bands the
 * reference has something in; the band furthest off is named. */
static void judge_tonal(const struct subject *s, const struct tap *mix,
	const struct tap *ref)
{
	const struct lesson *l = s->l;
	double m[REF_BANDS], r[REF_BANDS], d[REF_BANDS], top = -INFINITY, mean = 0;
	bool use[REF_BANDS];
	int n = 0, at = 0;
	tonal_balance(mix, s->p->sample_rate, m);
	tonal_balance(ref, s->p->sample_rate, r);
	for (int i = 0; i < REF_BANDS; i++)
		top = fmax(top, r[i]);
	for (int i = 0; i < REF_BANDS; i++) {
		use[i] = isfinite(r[i]) && r[i] >= top - REF_FLOOR_DB;
		d[i] = isfinite(m[i]) ? m[i] - r[i] : -REF_FLOOR_DB;
		if (use[i]) {
			mean += d[i];
			n++;
		}
	}
	mean = n ? mean / n : 0.0;
	double sum = 0, worst = 0;
	for (int i = 0; i < REF_BANDS; i++) {
		if (!use[i])
			continue;
		double x = d[i] - mean;
		sum += x * x;
		if (fabs(x) > fabs(worst)) {
			worst = x;
			at = i;
		}
	}
	double rms = n ? sqrt(sum / n) : 0.0;
	struct lesson_item *it = lesson_item_add(s->res, "dB", rms, rms <= l->max_db);
	snprintf(it->what, sizeof it->what, "tonal balance against the reference (RMS of "
		"%d 1/3-octave bands)", n);
	snprintf(it->target, sizeof it->target, "%.1f dB or less", l->max_db);
	if (!it->pass)
		snprintf(it->advice, sizeof it->advice, "the mix has %.1f dB %s around %.0f Hz "
			"than the reference: %s there (an eq on the master or on the tracks there)",
			fabs(worst), worst > 0 ? "more" : "less", ref_band_hz(at),
			worst > 0 ? "cut" : "boost");
}

static void judge_reference(const struct subject *s, struct tap taps[2])
{
	const struct lesson *l = s->l;
	struct reference_track rt = { 0 };
	struct err_msg msg;
	char *path = lesson_reference_path(l, s->p);
	enum err e = reference_load(path, s->p->sample_rate, &rt, &msg);
	double mix = lesson_integrated(&taps[0], s->p->sample_rate);
	double off = e == ERR_OK ? mix - rt.integrated_lufs : -INFINITY;
	struct lesson_item *it = lesson_item_add(s->res, "LU", off, isfinite(off) &&
		fabs(off) <= l->tol_lu);
	snprintf(it->what, sizeof it->what, "loudness of the mix against the reference");
	snprintf(it->target, sizeof it->target, "within +-%.1f LU", l->tol_lu);
	if (e != ERR_OK)
		snprintf(it->advice, sizeof it->advice, "%.150s", msg.text);
	else if (!isfinite(off))
		snprintf(it->advice, sizeof it->advice, "the mix is silent here");
	else if (!it->pass)
		snprintf(it->advice, sizeof it->advice, "the mix is %.1f LU %s the reference: %s "
			"the master limiter's input_db by that much", fabs(off), off < 0 ? "under" :
			"over", off < 0 ? "raise" : "lower");
	if (e == ERR_OK) {
		struct tap ref = { .buf = rt.frames, .frames = rt.n_frames };
		judge_tonal(s, &taps[0], &ref);
	}
	free(rt.frames);
	free(path);
}

const struct check_kind lesson_more_kinds[] = {
	{ LESSON_EQ_BAND, true, false, false, lesson_plan_now_and_baseline, judge_eq_band },
	{ LESSON_GATE, true, false, false, lesson_plan_now_and_baseline, judge_gate },
	{ LESSON_DELAY_TIME, true, false, false, lesson_plan_now_and_baseline,
	  judge_delay_time },
	{ LESSON_WIDTH, true, false, false, plan_now, judge_width },
	{ LESSON_AUTOMATION, true, false, false, lesson_plan_now_and_baseline,
	  judge_automation },
	{ LESSON_DEESS, true, false, false, lesson_plan_now_and_baseline, judge_deess },
	{ LESSON_REFERENCE, false, false, false, plan_mix, judge_reference },
};
const int lesson_n_more_kinds = sizeof lesson_more_kinds / sizeof lesson_more_kinds[0];
