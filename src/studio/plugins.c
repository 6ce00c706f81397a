/* The studio's side of LV2 plug-ins: what it says when a project names one that is not
 * installed, and when a running plug-in writes NaN or Inf (its insert is then muted on
 * the audio thread; audio/lv2/lv2.h). UI thread. */
#include "src/studio/studio.h"

#include <string.h>

#include "audio/graph.h"
#include "audio/lv2/lv2.h"
#include "src/base/diag.h"
#include "src/lv2_project.h"
#include "src/studio/commands.h"
#include "src/studio/edit.h"
#include "src/studio/times.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>

void studio_plugins_open(struct studio *st)
{
	struct diag d;
	diag_init(&d);
	const int n = lv2_project_missing(st->project, &d, DIAG_WARNING);
	if (n == 1) {
		/* the status line has no room for the file's path: the studio has it open */
		const char *text = d.items[0].text;
		const size_t len = strlen(st->project->path);
		if (!strncmp(text, st->project->path, len) && text[len] == ':')
			text += len + 2;
		studio_error(st, "%s; the insert passes its signal and stays in the project", text);
	}
	else if (n > 1)
		studio_error(st, "%d LV2 plug-ins are not installed (ttymix check %s names them); "
			"their inserts pass their signal and stay in the project", n, st->project->dir);
	diag_deinit(&d);
}

/* The first insert of chain whose plug-in went bad (or whose worker is late) and was not
 * said yet: its slot. */
static int said_slot(const struct fx_chain *chain, bool (*take)(void *state))
{
	for (int i = 0; i < chain->n; i++) {
		const struct fx_insert *fx = chain->slot[i];
		if (fx->cls->uri && take(fx->state))
			return i;
	}
	return -1;
}

static void say_bad(struct studio *st, const char *strip, const struct fx_chain *chain,
	int slot)
{
	studio_error(st, "%s insert %d: the LV2 plug-in %s wrote NaN or Inf and is muted (bypass "
		"or delete it; :insert %s del %d)", strip, slot + 1, chain->slot[slot]->cls->help,
		strip, slot + 1);
}

static void say_late(struct studio *st, const char *strip, const struct fx_chain *chain,
	int slot)
{
	studio_error(st, "%s insert %d: the LV2 plug-in %s has waited %.0f s for its worker "
		"(loading a file?); it may not sound as set until it answers", strip, slot + 1,
		chain->slot[slot]->cls->help, LV2_WORK_LATE_SEC);
}

static void poll_with(struct studio *st, bool (*take)(void *state),
	void (*say)(struct studio *, const char *, const struct fx_chain *, int))
{
	const struct graph *g = st->graph;
	const struct project *p = st->project;
	int slot;
	for (int t = 0; t < g->n_tracks && t < p->n_tracks; t++)
		if ((slot = said_slot(&g->tracks[t].mix.inserts, take)) >= 0)
			say(st, p->tracks[t].strip.name, &g->tracks[t].mix.inserts, slot);
	for (int b = 0; b < g->n_buses && b < p->n_buses; b++)
		if ((slot = said_slot(&g->buses[b].mix.inserts, take)) >= 0)
			say(st, p->buses[b].strip.name, &g->buses[b].mix.inserts, slot);
	if ((slot = said_slot(&g->master_inserts, take)) >= 0)
		say(st, "master", &g->master_inserts, slot);
}

void studio_plugins_poll(struct studio *st)
{
	if (!st->graph)
		return;
	poll_with(st, lv2_state_take_bad_output, say_bad);
	poll_with(st, lv2_state_take_worker_late, say_late);
}

/* :preset STRIP SLOT [NAME]: an LV2 insert's preset, one undo step: its port values as
 * the insert's parameters, and for a plug-in with the state extension the rest of its
 * state (restored into the plug-in as the graph is rebuilt); without NAME, the presets
 * the plug-in has. */
void studio_line_preset(struct studio_line *l)
{
	const struct studio_words *a = l->w;
	int strip;
	double v;
	if (!studio_line_strip(l, a->argv[1], &strip))
		return;
	struct project_strip *r = project_strip_at(l->st->project, strip);
	if (!studio_line_number(a->argv[2], &v) || v != floor(v) || v < 1 || v > r->n_inserts) {
		studio_error(l->st, "an insert number from 1 to %d, not \"%s\"", r->n_inserts,
			a->argv[2]);
		return;
	}
	const int slot = (int)v - 1;
	const struct fx_class *cls = r->inserts[slot].cls;
	if (!cls->uri || cls->missing) {
		studio_error(l->st, "insert %d is %s: presets are for installed LV2 plug-ins",
			slot + 1, cls->uri ? "not installed" : cls->name);
		return;
	}
	if (a->argc == 3) {
		char **names, list[400] = "";
		const int n = lv2_presets(cls, &names);
		size_t used = 0;
		for (int i = 0; i < n; i++) {
			if (used < sizeof list)
				used += (size_t)snprintf(list + used, sizeof list - used, "%s%s",
					i ? ", " : "", names[i]);
			free(names[i]);
		}
		free(names);
		if (n)
			studio_message(l->st, "%s: %d presets: %s", cls->help, n, list);
		else
			studio_message(l->st, "%s has no presets", cls->help);
		return;
	}
	double params[FX_MAX_PARAMS];
	memcpy(params, r->inserts[slot].params, sizeof params);
	int n_set;
	char *state;
	struct err_msg msg;
	if (lv2_preset_apply(cls, a->argv[3], params, &n_set, &state, &msg) != ERR_OK) {
		studio_error(l->st, "%s", msg.text);
		return;
	}
	/* the ports and the rest of the preset's state, one undo step: the rebuilt graph
	 * restores the state into a fresh plug-in (a new serial: the playing one, restored
	 * from another state, is not carried on), and the next save writes it to the
	 * insert's state file */
	static unsigned serial;
	struct project_insert *ins = &r->inserts[slot];
	if (state && !ins->lv2_state) {
		/* what plays now is what an undo goes back to: the state file may be
		 * rewritten by a save before the undo (the studio's own graph has it attached,
		 * so this is the plug-in as it plays, not the file as it was) */
		char *file = lv2_state_file_of(l->st->project, r, slot);
		ins->lv2_state = file ? lv2_state_now(file) : NULL;
		ins->lv2_serial = ins->lv2_state ? ++serial : 0;
		free(file);
	}
	studio_edit_begin(l->st, "preset");
	ins = &project_strip_at(l->st->project, strip)->inserts[slot];
	memcpy(ins->params, params, sizeof params);
	if (state) {
		free(ins->lv2_state);
		ins->lv2_state = state;
		ins->lv2_serial = ++serial;
	}
	studio_edit_commit(l->st);
	studio_message(l->st, "%s insert %d: %s preset \"%s\" (%d controls)",
		studio_strip_name(l->st, strip), slot + 1, cls->help, a->argv[3], n_set);
}
