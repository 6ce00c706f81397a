#include "src/studio/strip.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>

int studio_strip_count(const struct studio *st)
{
	return st->project->n_tracks + st->project->n_buses;
}

bool studio_strip_is_bus(const struct studio *st, int strip)
{
	return strip >= st->project->n_tracks && strip < studio_strip_count(st);
}

unsigned studio_strip_kind(const struct studio *st, int strip)
{
	if (strip == STRIP_MASTER)
		return CONTROL_ON_MASTER;
	if (strip < 0 || strip >= studio_strip_count(st))
		return 0;
	return studio_strip_is_bus(st, strip) ? CONTROL_ON_BUS : CONTROL_ON_TRACK;
}

int studio_strip_find(const struct studio *st, const char *word)
{
	const struct project *p = st->project;
	const int n = studio_strip_count(st);
	for (int s = 0; s < n; s++)
		if (!strcmp(project_strip_get(p, s)->name, word))
			return s;
	for (int s = 0; s < n; s++)
		if (!strcasecmp(project_strip_get(p, s)->name, word))
			return s;
	if (!strcasecmp(word, "master"))
		return STRIP_MASTER;
	int t = project_find_track(p, word);
	return t >= 0 ? t : -2;
}

int studio_strip_of(const struct studio *st, int position)
{
	return position >= studio_strip_count(st) ? STRIP_MASTER : position;
}

const char *studio_strip_name(const struct studio *st, int strip)
{
	const struct project *p = st->project;
	if (strip == STRIP_MASTER)
		return "Master";
	const struct project_strip *s = project_strip_get(p, strip);
	return s ? s->name : "?";
}
