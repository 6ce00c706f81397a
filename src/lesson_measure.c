/* The measures and the strip sets every lesson check uses (src/lesson_priv.h): the
 * loudness, correlation and band energy of a tap, the steep filters behind them, a
 * result's items, markers and inserts by name, and which strips a take plays. The
 * checks themselves are in src/lesson_check.c and src/lesson_kinds.c, which both call
 * down into this file and never each other's helpers. Control thread, or a worker
 * with copies of its own. */
#include "src/lesson_priv.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "audio/loudness.h"
#include "src/base/xalloc.h"

#ifndef M_PI
#define M_PI 3.14159265358979323846
#endif

double lesson_loudness_of(const struct tap *t, struct loudness_result *r, int rate)
{
	struct loudness *l;
	if (loudness_create(&l, rate, 2) != ERR_OK)
		return -INFINITY;
	if (loudness_add(l, t->buf, (long)t->frames) != ERR_OK ||
		loudness_result(l, r) != ERR_OK)
		r->integrated_lufs = -INFINITY;
	loudness_destroy(l);
	return r->integrated_lufs;
}

double lesson_integrated(const struct tap *t, int rate)
{
	struct loudness_result r;
	return lesson_loudness_of(t, &r, rate);
}

/* Pearson correlation of left and right over the whole tap; 1 for silence. */
double lesson_correlation(const struct tap *t)
{
	double lr = 0, ll = 0, rr = 0;
	for (int64_t i = 0; i < t->frames; i++) {
		double l = t->buf[i * 2], r = t->buf[i * 2 + 1];
		lr += l * r;
		ll += l * l;
		rr += r * r;
	}
	return ll > 0 && rr > 0 ? lr / sqrt(ll * rr) : 1.0;
}

/* A 4th-order Butterworth low- or high-pass: two RBJ cookbook biquads (Bristow-Johnson,
 * "Audio EQ Cookbook") with Q = 1/(2 cos(pi/8)) and 1/(2 cos(3 pi/8)). Energy of both
 * channels after the filter, as a sum of squares. */
void lesson_bq_init(struct lesson_bq *f, bool high, double hz, double q, int rate)
{
	double w0 = 2.0 * M_PI * hz / rate, c = cos(w0), alpha = sin(w0) / (2.0 * q);
	double a0 = 1.0 + alpha;
	f->b0 = (high ? (1.0 + c) : (1.0 - c)) / 2.0 / a0;
	f->b1 = (high ? -(1.0 + c) : (1.0 - c)) / a0;
	f->b2 = f->b0;
	f->a1 = -2.0 * c / a0;
	f->a2 = (1.0 - alpha) / a0;
	f->z1[0] = f->z1[1] = f->z2[0] = f->z2[1] = 0.0;
}

double lesson_bq_run(struct lesson_bq *f, int ch, double x)
{
	double y = f->b0 * x + f->z1[ch];
	f->z1[ch] = f->b1 * x - f->a1 * y + f->z2[ch];
	f->z2[ch] = f->b2 * x - f->a2 * y;
	return y;
}

/* The steep analysis filters: Butterworth of order
 * STEEP_ORDER (STEEP_ORDER / 2 biquads, Q_k = 1 / (2 cos((2k - 1) pi / (2 N)))), 144
 * dB/oct: flat to within 0.1 dB up to 0.85 hz and 31 dB down at 1.16 hz, so a note's
 * harmonics above the edge are not counted as energy below it (a 4th-order filter
 * counted the pad's second harmonics, and a textbook high-pass at the edge could not
 * pass). */
#define STEEP_ORDER 24

static void steep_init(struct lesson_bq *f, bool high, double hz, int rate, int order)
{
	for (int k = 0; k < order / 2; k++)
		lesson_bq_init(&f[k], high, hz, 1.0 / (2.0 * cos((2 * k + 1) * M_PI /
			(2.0 * order))), rate);
}

double lesson_band_energy(const struct tap *t, double lo_hz, double hi_hz, int rate,
	int64_t from, int64_t to)
{
	return lesson_band_energy_order(t, lo_hz, hi_hz, rate, from, to, STEEP_ORDER);
}

double lesson_band_energy_order(const struct tap *t, double lo_hz, double hi_hz, int rate,
	int64_t from, int64_t to, int order)
{
	struct lesson_bq hp[STEEP_ORDER / 2], lp[STEEP_ORDER / 2];
	order = order < 2 ? 2 : order > STEEP_ORDER ? STEEP_ORDER : order;
	const int nh = lo_hz > 0 ? order / 2 : 0, nl = hi_hz > 0 ? order / 2 : 0;
	if (nh)
		steep_init(hp, true, lo_hz, rate, order);
	if (nl)
		steep_init(lp, false, hi_hz, rate, order);
	double sum = 0;
	to = to < t->frames ? to : t->frames;
	for (int64_t i = 0; i < to; i++)
		for (int ch = 0; ch < 2; ch++) {
			double y = t->buf[i * 2 + ch];
			for (int k = 0; k < nh; k++)
				y = lesson_bq_run(&hp[k], ch, y);
			for (int k = 0; k < nl; k++)
				y = lesson_bq_run(&lp[k], ch, y);
			/* the filters run from the start so that they have settled at from */
			if (i >= from)
				sum += y * y;
		}
	return sum;
}

double lesson_energy_ratio_db(double now, double before)
{
	if (before <= 0)
		return 0.0;
	return 10.0 * log10((now + 1e-30) / before);
}

struct lesson_item *lesson_item_add(struct lesson_result *res, const char *unit,
	double value, bool pass)
{
	struct lesson_item *it = &res->item[res->n++];
	memset(it, 0, sizeof *it);
	snprintf(it->unit, sizeof it->unit, "%s", unit);
	it->value = value;
	it->pass = pass;
	if (!pass)
		res->pass = false;
	return it;
}

bool lesson_find_marker(const struct project *p, const char *name, double *t)
{
	for (int i = 0; i < p->n_markers; i++)
		if (!strcmp(p->markers[i].name, name)) {
			*t = p->markers[i].time;
			return true;
		}
	return false;
}

/* Switch on the buses a track's output passes through on its way to the master. */
void lesson_output_path_on(const struct project *p, const char *output, bool *buses_on)
{
	for (int hops = 0; hops < p->n_buses; hops++) {
		int b = project_output_bus(p, output);
		if (b < 0)
			return;
		buses_on[b] = true;
		output = p->buses[b].strip.output;
	}
}

void lesson_strips_init(struct strips *s, const struct project *p, bool all)
{
	s->tracks = xcalloc((size_t)p->n_tracks + 1, sizeof(bool));
	s->buses = xcalloc((size_t)p->n_buses + 1, sizeof(bool));
	for (int k = 0; all && k < p->n_tracks; k++)
		s->tracks[k] = true;
	for (int b = 0; all && b < p->n_buses; b++)
		s->buses[b] = true;
}

void lesson_strips_free(struct strips *s)
{
	free(s->tracks);
	free(s->buses);
}

/* Track t alone, dry: its output path, no send returns. */
void lesson_strips_track_dry(struct strips *s, const struct project *p, int t)
{
	lesson_strips_init(s, p, false);
	s->tracks[t] = true;
	lesson_output_path_on(p, p->tracks[t].strip.output, s->buses);
}

/* low_cut and crest: the track dry, now and at its baseline */
int lesson_plan_now_and_baseline(const struct subject *s, struct take t[2])
{
	if (s->step)
		return 0;
	lesson_strips_track_dry(&t[0].on, s->p, s->track);
	lesson_strips_track_dry(&t[1].on, s->p, s->track);
	t[1].baseline = true;
	return 2;
}

/* The first insert of class name on strip t, 1-based as :fx counts; 0: none. */
int lesson_insert_slot(const struct project *p, int t, const char *name)
{
	const struct project_strip *st = &p->tracks[t].strip;
	for (int i = 0; i < st->n_inserts; i++)
		if (st->inserts[i].cls && !strcmp(st->inserts[i].cls->name, name))
			return i + 1;
	return 0;
}
