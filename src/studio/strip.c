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

bool studio_strip_ref(struct studio *st, int strip, struct studio_strip_ref *r)
{
	struct project *p = st->project;
	memset(r, 0, sizeof *r);
	if (strip == STRIP_MASTER) {
		r->gain_db = &p->master_gain_db;
		r->inserts = p->master_inserts;
		r->n_inserts = &p->n_master_inserts;
		return true;
	}
	if (strip >= 0 && strip < p->n_tracks) {
		struct project_track *t = &p->tracks[strip];
		r->name = &t->name;
		r->gain_db = &t->gain_db;
		r->pan = &t->pan;
		r->mute = &t->mute;
		r->solo = &t->solo;
		r->solo_safe = &t->solo_safe;
		r->inserts = t->inserts;
		r->n_inserts = &t->n_inserts;
		r->sends = &t->sends;
		r->n_sends = &t->n_sends;
		r->output = &t->output;
		r->lanes = &t->lanes;
		r->n_lanes = &t->n_lanes;
		return true;
	}
	if (studio_strip_is_bus(st, strip)) {
		struct project_bus *b = &p->buses[strip - p->n_tracks];
		r->name = &b->name;
		r->gain_db = &b->gain_db;
		r->pan = &b->pan;
		r->mute = &b->mute;
		r->solo = &b->solo;
		r->solo_safe = &b->solo_safe;
		r->inserts = b->inserts;
		r->n_inserts = &b->n_inserts;
		r->sends = &b->sends;
		r->n_sends = &b->n_sends;
		r->output = &b->output;
		r->lanes = &b->lanes;
		r->n_lanes = &b->n_lanes;
		r->is_bus = true;
		return true;
	}
	return false;
}

int studio_strip_find(const struct studio *st, const char *word)
{
	const struct project *p = st->project;
	const int n = studio_strip_count(st);
	for (int s = 0; s < n; s++) {
		const char *name = s < p->n_tracks ? p->tracks[s].name
			: p->buses[s - p->n_tracks].name;
		if (!strcmp(name, word))
			return s;
	}
	for (int s = 0; s < n; s++) {
		const char *name = s < p->n_tracks ? p->tracks[s].name
			: p->buses[s - p->n_tracks].name;
		if (!strcasecmp(name, word))
			return s;
	}
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
	if (strip >= 0 && strip < p->n_tracks)
		return p->tracks[strip].name;
	if (strip >= p->n_tracks && strip < studio_strip_count(st))
		return p->buses[strip - p->n_tracks].name;
	return "?";
}
