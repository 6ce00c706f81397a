/* The review: one measured render (review_grid.c), then each judge in turn, then the
 * findings sorted worst first. */
#include "src/review.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "src/graph_build.h"
#include "src/project.h"
#include "src/review_curve.h"
#include "src/review_judge.h"
#include "src/base/xalloc.h"

static int by_severity(const void *x, const void *y)
{
	const struct review_finding *a = x, *b = y;
	if (a->severity != b->severity)
		return a->severity > b->severity ? -1 : 1;
	if (a->kind != b->kind)
		return a->kind < b->kind ? -1 : 1;
	return a->value > b->value ? -1 : a->value < b->value ? 1 : 0;
}

enum err review_run(const struct project *p, const struct review_opts *o, struct review *out,
	struct err_msg *msg)
{
	memset(out, 0, sizeof *out);
	struct timespec t0, t1;
	clock_gettime(CLOCK_MONOTONIC, &t0);
	struct review_grid g;
	const int64_t start = graph_frames(o->from_sec, p->sample_rate);
	const int64_t end = o->to_sec > o->from_sec ? graph_frames(o->to_sec, p->sample_rate) : 0;
	/* the reference first: a file that cannot be read fails before the long render */
	float target[REVIEW_BANDS];
	if (o->reference) {
		enum err rc = review_reference_curve(o->reference, p->sample_rate, o->cancel,
			target, msg);
		if (rc != ERR_OK)
			return rc;
	}
	enum err rc = review_measure(p, start, end, o->cancel, o->progress, &g, msg);
	if (rc == ERR_OK && o->reference) {
		memcpy(g.target_db, target, sizeof g.target_db);
		g.has_target = true;
		snprintf(g.target_name, sizeof g.target_name, "the reference");
	} else if (rc == ERR_OK && o->curve) {
		memcpy(g.target_db, o->curve->db, sizeof g.target_db);
		g.has_target = true;
		snprintf(g.target_name, sizeof g.target_name, "the curve %s", o->curve->name);
	}
	if (rc != ERR_OK) {
		review_grid_free(&g);
		return rc;
	}
	out->from_sec = g.start_sec;
	out->to_sec = g.end_sec;
	review_judge_masking(p, &g, out);
	review_judge_levels(p, &g, out);
	review_judge_phase(p, &g, out);
	review_judge_tonal(p, &g, out);
	review_judge_dynamics(p, &g, out);
	out->n_strips = g.n_tracks + g.n_buses;
	out->strip_lufs = xcalloc((size_t)out->n_strips + 1, sizeof *out->strip_lufs);
	for (int s = 0; s < out->n_strips; s++)
		out->strip_lufs[s] = g.m[s].integrated_lufs;
	review_grid_free(&g);
	if (out->n_findings > 1)
		qsort(out->findings, (size_t)out->n_findings, sizeof *out->findings, by_severity);
	clock_gettime(CLOCK_MONOTONIC, &t1);
	out->took_sec = (double)(t1.tv_sec - t0.tv_sec) + (t1.tv_nsec - t0.tv_nsec) * 1e-9;
	return ERR_OK;
}

