#include "ui/strip.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>

int ui_strip_count(const struct ui_app *app)
{
	return app->project->n_tracks + app->project->n_buses;
}

bool ui_strip_is_bus(const struct ui_app *app, int strip)
{
	return strip >= app->project->n_tracks && strip < ui_strip_count(app);
}

bool ui_strip_ref(struct ui_app *app, int strip, struct ui_strip_ref *r)
{
	struct project_strip *s = project_strip_at(app->project, strip);
	memset(r, 0, sizeof *r);
	if (!s)
		return false;
	r->strip = s;
	r->gain_db = &s->gain_db;
	r->inserts = s->inserts;
	r->n_inserts = &s->n_inserts;
	if (strip == STRIP_MASTER)
		return true; /* a fader and inserts only */
	r->name = &s->name;
	r->pan = &s->pan;
	r->mute = &s->mute;
	r->solo = &s->solo;
	r->solo_safe = &s->solo_safe;
	r->sends = &s->sends;
	r->n_sends = &s->n_sends;
	r->output = &s->output;
	r->lanes = &s->lanes;
	r->n_lanes = &s->n_lanes;
	r->is_bus = ui_strip_is_bus(app, strip);
	return true;
}

int ui_strip_find(const struct ui_app *app, const char *word)
{
	const struct project *p = app->project;
	const int n = ui_strip_count(app);
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

int ui_strip_of(const struct ui_app *app, int position)
{
	return position >= ui_strip_count(app) ? STRIP_MASTER : position;
}

const char *ui_strip_name(const struct ui_app *app, int strip)
{
	const struct project *p = app->project;
	if (strip == STRIP_MASTER)
		return "Master";
	const struct project_strip *s = project_strip_get(p, strip);
	return s ? s->name : "?";
}
