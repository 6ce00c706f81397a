#include "src/lv2_project.h"

#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "audio/lv2/lv2.h"
#include "src/base/xalloc.h"

static int strip_missing(const struct project *p, const struct project_strip *s,
	const char *what, struct diag *d, enum diag_level level)
{
	int n = 0;
	for (int i = 0; i < s->n_inserts; i++) {
		const struct fx_class *cls = s->inserts[i].cls;
		if (!cls->missing)
			continue;
		n++;
		diag_add(d, level, "%s: %s%s%s%s insert %d: the LV2 plug-in %s is not installed "
			"(ttymix plugins lists the installed ones)", p->path, what, s->name ? " \"" : "",
			s->name ? s->name : "", s->name ? "\"" : "", i + 1, cls->uri);
	}
	return n;
}

int lv2_project_missing(const struct project *p, struct diag *d, enum diag_level level)
{
	int n = strip_missing(p, &p->master, "master", d, level);
	for (int t = 0; t < p->n_tracks; t++)
		n += strip_missing(p, &p->tracks[t].strip, "track", d, level);
	for (int b = 0; b < p->n_buses; b++)
		n += strip_missing(p, &p->buses[b].strip, "bus", d, level);
	return n;
}

char *lv2_state_file_of(const struct project *p, const struct project_strip *s, int slot)
{
	if (!p->dir)
		return NULL;
	if (s == &p->master)
		return lv2_state_path(p->dir, "master", NULL, slot + 1);
	const bool track = p->n_tracks > 0 && s >= &p->tracks[0].strip
		&& s <= &p->tracks[p->n_tracks - 1].strip;
	return lv2_state_path(p->dir, track ? "track" : "bus", s->name, slot + 1);
}

/* text grown by appending (the panel's text is a few kB at most) */
struct text {
	char *s;
	size_t len, cap;
};

static void add(struct text *t, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static void add(struct text *t, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	int n = vsnprintf(NULL, 0, fmt, ap);
	va_end(ap);
	if (n < 0)
		return;
	if (t->len + (size_t)n + 1 > t->cap) {
		t->cap = (t->len + (size_t)n + 1) * 2;
		t->s = xrealloc(t->s, t->cap);
	}
	va_start(ap, fmt);
	vsnprintf(t->s + t->len, t->cap - t->len, fmt, ap);
	va_end(ap);
	t->len += (size_t)n;
}

static void hints(struct text *t, const struct lv2_port_info *c)
{
	if (c->toggled)
		add(t, ", a switch (0 off, 1 on)");
	else if (c->enumeration)
		add(t, ", a choice");
	else if (c->integer)
		add(t, ", whole numbers");
	if (c->logarithmic)
		add(t, ", logarithmic");
	if (c->sample_rate)
		add(t, ", a fraction of the sample rate (shown and typed in Hz)");
}

static void control_line(struct text *t, const struct lv2_port_info *c)
{
	add(t, "  %-14s %s: %g to %g%s%s, default %g", c->symbol, c->name, c->min, c->max,
		c->unit[0] ? " " : "", c->unit, c->def);
	hints(t, c);
	add(t, "\n");
}

char *lv2_explain(const struct fx_class *cls, int param)
{
	const struct lv2_plugin_info *info = lv2_class_info(cls);
	if (!info)
		return NULL;
	struct text t = { 0 };
	add(&t, "%s (LV2, %s)\n%s\n\n", info->name, info->class_label, info->uri);
	if (param >= 0 && param < info->n_controls) {
		const struct lv2_port_info *c = &info->controls[param];
		control_line(&t, c);
		for (int k = 0; k < c->n_labels; k++)
			add(&t, "    %g: %s\n", c->label_values[k], c->labels[k]);
		add(&t, "\nAutomation lane: insert.N.%s (N: the insert's slot).\n", c->symbol);
		return t.s;
	}
	add(&t, "%s\n\n", info->comment ? info->comment
		: "(the plug-in gives no description of itself)");
	if (info->sidechain_in)
		add(&t, "Sidechain: %d input%s, fed the strip's own input.\n", info->sidechain_in,
			info->sidechain_in == 1 ? "" : "s");
	add(&t, "Audio: %d in, %d out%s; latency: %s.\n", info->audio_in, info->audio_out,
		info->audio_in == 1 ? " (one instance per channel)" : "",
		info->has_latency ? "reported by the plug-in" : "none");
	add(&t, "Controls (:fx STRIP SLOT SYMBOL VALUE):\n");
	for (int i = 0; i < info->n_controls; i++)
		control_line(&t, &info->controls[i]);
	return t.s;
}

bool lv2_format_value(const struct fx_class *cls, int param, double v, int sample_rate,
	char *buf, size_t size)
{
	const struct lv2_plugin_info *info = lv2_class_info(cls);
	if (!info || param < 0 || param >= info->n_controls)
		return false;
	const struct lv2_port_info *c = &info->controls[param];
	for (int k = 0; k < c->n_labels; k++)
		if (c->label_values[k] == v && (c->enumeration || c->toggled)) {
			snprintf(buf, size, "%s", c->labels[k]);
			return true;
		}
	if (c->sample_rate) {
		snprintf(buf, size, "%.4g Hz", v * lv2_param_scale(cls, param, sample_rate));
		return true;
	}
	if (c->toggled)
		snprintf(buf, size, "%s", v > 0 ? "on" : "off");
	else if (c->integer || c->enumeration)
		snprintf(buf, size, "%.0f%s%s", v, c->unit[0] ? " " : "", c->unit);
	else
		snprintf(buf, size, "%.4g%s%s", v, c->unit[0] ? " " : "", c->unit);
	return true;
}
