/* The review: one measured render (review_measure.c), then each judge in turn, then the
 * findings sorted worst first. */
#include "src/review_priv.h"

#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "src/graph_build.h"
#include "audio/fx/fx.h"
#include "src/project.h"
#include "src/base/xalloc.h"

static const char *const kind_names[REVIEW_KINDS] = {
	[REVIEW_MASKING] = "masking", [REVIEW_BURIED] = "buried",
	[REVIEW_DOMINANT] = "dominant", [REVIEW_CLIPPING] = "clipping",
	[REVIEW_HEADROOM] = "headroom", [REVIEW_PHASE] = "phase",
	[REVIEW_POLARITY] = "polarity", [REVIEW_LOW_SIDE] = "low-side",
	[REVIEW_MONO] = "mono", [REVIEW_TONAL] = "tonal",
	[REVIEW_DYNAMICS] = "dynamics", [REVIEW_LOUDNESS] = "loudness",
};

const char *review_kind_name(enum review_kind k)
{
	return k >= 0 && k < REVIEW_KINDS ? kind_names[k] : "?";
}

const char *review_severity_name(enum review_severity s)
{
	return s == REVIEW_PROBLEM ? "problem" : s == REVIEW_WARNING ? "warning" : "info";
}

struct review_finding *review_add(struct review *r, enum review_kind kind,
	enum review_severity sev, const struct project *p, int strip)
{
	r->findings = xrealloc(r->findings, sizeof *r->findings * (size_t)(r->n_findings + 1));
	struct review_finding *f = &r->findings[r->n_findings++];
	memset(f, 0, sizeof *f);
	f->kind = kind;
	f->severity = sev;
	f->strip_index = strip;
	f->unit = "";
	const char *name = strip >= 0 ? project_strip_get(p, strip)->name : "master";
	snprintf(f->strip, sizeof f->strip, "%s", name ? name : "?");
	review_word(f->strip, f->word, sizeof f->word);
	f->from_sec = r->from_sec;
	f->to_sec = r->to_sec;
	return f;
}

void review_word(const char *name, char *buf, size_t size)
{
	if (!strpbrk(name, " \t\"'") || !*name)
		snprintf(buf, size, "%s", *name ? name : "\"\"");
	else
		snprintf(buf, size, strchr(name, '"') ? "'%s'" : "\"%s\"", name);
}

void review_fix(struct review_finding *f, const char *fmt, ...)
{
	if (f->n_fix >= REVIEW_FIX_MAX)
		return;
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(f->fix[f->n_fix++], sizeof f->fix[0], fmt, ap);
	va_end(ap);
}

int review_eq_band(const struct project *p, struct review *r, int strip)
{
	const int n_strips = p->n_tracks + p->n_buses;
	if (!r->eq_taken)
		r->eq_taken = xcalloc((size_t)n_strips + 1, 1);
	unsigned char *taken = &r->eq_taken[strip >= 0 ? strip : n_strips];
	const struct project_strip *s = strip >= 0 ? project_strip_get(p, strip) : &p->master;
	/* the bands of its first eq that are in use (a gain other than 0) */
	for (int i = 0; i < s->n_inserts; i++) {
		const struct project_insert *in = &s->inserts[i];
		if (!in->cls || strcmp(in->cls->name, "eq"))
			continue;
		for (int b = 1; b <= 4; b++) {
			char key[16];
			snprintf(key, sizeof key, "band%d_db", b);
			for (int k = 0; k < in->cls->n_params; k++)
				if (!strcmp(in->cls->params[k].name, key) && in->params[k] != 0.0)
					*taken |= (unsigned char)(1u << b);
		}
		break;
	}
	for (int b = 1; b <= 4; b++)
		if (!(*taken & (1u << b))) {
			*taken |= (unsigned char)(1u << b);
			return b;
		}
	return 0;
}

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
	enum err rc = review_measure(p, start, end, &g, msg);
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

void review_free(struct review *r)
{
	free(r->findings);
	free(r->pairs);
	free(r->eq_taken);
	free(r->strip_lufs);
	memset(r, 0, sizeof *r);
}

static void clock_text(double sec, char *buf, size_t size)
{
	if (sec < 0)
		sec = 0;
	const int min = (int)(sec / 60);
	snprintf(buf, size, "%d:%04.1f", min, sec - 60.0 * min);
}

void review_where(const struct review_finding *f, char *buf, size_t size)
{
	char from[16], to[16];
	clock_text(f->from_sec, from, sizeof from);
	clock_text(f->to_sec, to, sizeof to);
	int n = snprintf(buf, size, "%s", f->strip);
	if (f->other[0] && n >= 0 && (size_t)n < size)
		n += snprintf(buf + n, size - (size_t)n, " (%s)", f->other);
	if (f->hi_hz > 0 && n >= 0 && (size_t)n < size)
		n += snprintf(buf + n, size - (size_t)n, ", %.0f-%.0f Hz", f->lo_hz, f->hi_hz);
	if (n >= 0 && (size_t)n < size)
		snprintf(buf + n, size - (size_t)n, ", %s-%s", from, to);
}
