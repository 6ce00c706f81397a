#include "src/lv2_project.h"

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
