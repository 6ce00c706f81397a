/* The mix review's findings: names, text, and the helpers the judges use. */
#include "src/review_finding.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

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
