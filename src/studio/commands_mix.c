/* The ':' commands of routing and inserts: buses, outputs, sends, solo-safe, groups,
 * inserts and their parameters. Values (a send level, a parameter) go through
 * studio_edit_set_at, so they glide in the engine and undo one by one; shape changes (a new
 * bus, a send, an insert added or moved) go through studio_edit_begin/commit, which rebuilds
 * the render graph. Routing that would loop is refused before anything changes. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "audio/lv2/lv2.h"
#include "src/project_limits.h"
#include "src/base/xalloc.h"
#include "src/studio/commands.h"
#include "src/studio/edit.h"
#include "src/studio/strip.h"
#include "src/studio/trackedit.h"

/* on/off, or a toggle of current when the word is missing. -1: neither (said so). */
static int parse_switch(struct studio_line *l, const struct studio_words *a, int index,
	bool current)
{
	if (a->argc <= index)
		return !current;
	if (!strcasecmp(a->argv[index], "on"))
		return 1;
	if (!strcasecmp(a->argv[index], "off"))
		return 0;
	studio_error(l->st, "on or off, not \"%s\"", a->argv[index]);
	return -1;
}

/* A level in dB from -144 to +24, or -inf. */
static bool parse_db(struct studio_line *l, const char *word, double *db)
{
	if (!strcasecmp(word, "-inf")) {
		*db = PROJECT_MIN_GAIN_DB;
		return true;
	}
	if (!studio_line_number(word, db) || *db < PROJECT_MIN_GAIN_DB || *db > PROJECT_MAX_GAIN_DB) {
		studio_error(l->st, "a level takes %g to %+g dB (or -inf), not \"%s\"", PROJECT_MIN_GAIN_DB,
			PROJECT_MAX_GAIN_DB, word);
		return false;
	}
	return true;
}

/* Whether the project's routing is sound; if not, the first problem goes to the
 * status line. */
static bool routing_ok(struct studio_line *l)
{
	struct diag d;
	diag_init(&d);
	int errors = project_route_check(l->st->project, "routing", &d);
	if (!errors)
		errors = project_sidechain_check(l->st->project, "routing", &d);
	if (errors) {
		/* drop the "routing: " prefix the check puts before every line */
		const char *why = diag_first_error(&d);
		const char *colon = strstr(why, ": ");
		studio_error(l->st, "refused: %s", colon ? colon + 2 : why);
	}
	diag_deinit(&d);
	return errors == 0;
}

static bool valid_name(struct studio_line *l, const char *name)
{
	if (!*name) {
		studio_error(l->st, "a name takes at least one byte");
		return false;
	}
	if (studio_name_refused(l->st, "bus name", name))
		return false;
	/* names are how strips are typed: one that already finds a strip (a name, in any
	 * case, or a track number) would be ambiguous */
	if (studio_strip_find_exact(l->st, name) != STUDIO_STRIP_NONE) {
		studio_error(l->st, "\"%s\" already names a track or bus", name);
		return false;
	}
	if (!strcasecmp(name, PROJECT_MASTER_NAME)) {
		studio_error(l->st, "\"master\" is the master strip's name");
		return false;
	}
	return true;
}

/* :bus add NAME [TYPE...]: the bus with those inserts, in one undo step (a reverb
 * bus in one line). */
static void bus_add(struct studio_line *l)
{
	const struct studio_words *a = l->w;
	struct project *p = l->st->project;
	const char *name = a->argv[2];
	if (!valid_name(l, name))
		return;
	struct err_msg why;
	if (project_limit_room(PROJECT_LIMIT_BUSES, p->n_buses, 1, &why) != ERR_OK
		|| project_limit_room(PROJECT_LIMIT_INSERTS, 0, a->argc - 3, &why) != ERR_OK) {
		studio_error(l->st, "%s", why.text);
		return;
	}
	const struct fx_class *types[STUDIO_WORDS_MAX];
	char with[256] = "";
	for (int i = 3; i < a->argc; i++) {
		if (!(types[i - 3] = fx_class_find(a->argv[i]))) {
			char known[256];
			fx_class_names(known, sizeof known);
			studio_error(l->st, "no effect \"%s\" (%s)", a->argv[i], known);
			return;
		}
		const size_t used = strlen(with);
		snprintf(with + used, sizeof with - used, "%s%s", i == 3 ? " with " : ", ",
			types[i - 3]->name);
	}
	studio_edit_begin(l->st, "add bus");
	struct project_bus *b = project_add_bus(p, name);
	for (int i = 3; i < a->argc; i++)
		project_add_insert(b->strip.inserts, &b->strip.n_inserts, types[i - 3]);
	studio_edit_commit(l->st);
	l->sel->strip = p->n_tracks + p->n_buses - 1;
	studio_message(l->st, "bus \"%s\" added%s (mixer: next to the master); :send TRACK %s DB "
		"feeds it", name, with, name);
}

/* :bus del NAME */
static void bus_del(struct studio_line *l)
{
	const struct studio_words *a = l->w;
	struct project *p = l->st->project;
	const char *name = a->argv[2];
	int b = project_find_bus(p, name);
	if (b < 0) {
		studio_error(l->st, "no bus \"%s\"", name);
		return;
	}
	studio_edit_begin(l->st, "delete bus");
	project_remove_bus(p, b);
	project_sidechain_prune(p);
	studio_edit_commit(l->st);
	studio_message(l->st, "bus \"%s\" deleted; what played into it now plays into the master "
		"(u undoes)", name);
}

const struct studio_command studio_line_bus_subs[] = {
	/* NAME TYPE... adds those inserts; the usage line keeps to the plain form */
	{ "add", NULL, "NAME", 1, STUDIO_LINE_ANY,
	  { STUDIO_ARG_ANY, STUDIO_ARG_FX_TYPE, STUDIO_ARG_FX_TYPE, STUDIO_ARG_FX_TYPE },
	  "make a bus (NAME TYPE...: with those inserts)", bus_add, NULL, 0 },
	{ "del", NULL, "NAME", 1, 1, { STUDIO_ARG_BUS }, "delete a bus", bus_del, NULL, 0 },
	{ NULL, NULL, NULL, 0, 0, { STUDIO_ARG_ANY }, NULL, NULL, NULL, 0 },
};

/* :output STRIP BUS|master */
void studio_line_output(struct studio_line *l)
{
	const struct studio_words *a = l->w;
	int strip;
	if (!studio_line_strip(l, a->argv[1], &strip))
		return;
	struct project_strip *r;
	if (!(r = project_strip_at(l->st->project, strip)) || strip == STRIP_MASTER) {
		studio_error(l->st, "the master plays into the output only");
		return;
	}
	const char *to = a->argv[2];
	bool master = !strcasecmp(to, PROJECT_MASTER_NAME);
	if (!master && project_find_bus(l->st->project, to) < 0) {
		studio_error(l->st, "no bus \"%s\" (:bus add %s makes one)", to, to);
		return;
	}
	char *old = r->output;
	r->output = master ? NULL : xstrdup(to);
	bool ok = routing_ok(l);
	char *now = r->output;
	r->output = old;
	if (!ok) {
		free(now);
		return;
	}
	if ((!now && !old) || (now && old && !strcmp(now, old))) {
		free(now);
		studio_message(l->st, "%s already plays into %s", studio_strip_name(l->st, strip), to);
		return;
	}
	studio_edit_begin(l->st, "change output");
	free(old);
	r->output = now;
	studio_edit_commit(l->st);
	studio_message(l->st, "%s plays into %s", studio_strip_name(l->st, strip), master ? "the master" : to);
}

static int find_send(const struct project_strip *r, const char *bus)
{
	for (int i = 0; i < r->n_sends; i++)
		if (!strcmp(r->sends[i].bus, bus))
			return i;
	return -1;
}

/* :send STRIP BUS [DB|-inf|off] [pre|post] */
void studio_line_send(struct studio_line *l)
{
	const struct studio_words *a = l->w;
	int strip;
	if (!studio_line_strip(l, a->argv[1], &strip))
		return;
	struct project_strip *r;
	if (!(r = project_strip_at(l->st->project, strip)) || strip == STRIP_MASTER) {
		studio_error(l->st, "the master has no sends");
		return;
	}
	const int b = project_find_bus(l->st->project, a->argv[2]);
	if (b < 0) {
		studio_error(l->st, "no bus \"%s\" (:bus add %s makes one)", a->argv[2], a->argv[2]);
		return;
	}
	const char *bus = l->st->project->buses[b].strip.name;
	const char *name = studio_strip_name(l->st, strip);
	int k = find_send(r, bus);
	if (a->argc >= 4 && !strcasecmp(a->argv[3], "off")) {
		if (k < 0) {
			studio_message(l->st, "%s has no send to %s", name, bus);
			return;
		}
		studio_edit_begin(l->st, "remove send");
		project_lanes_drop_send(r->lanes, &r->n_lanes, bus);
		project_remove_send(r->sends, &r->n_sends, k);
		studio_edit_commit(l->st);
		studio_message(l->st, "%s: send to %s removed", name, bus);
		return;
	}
	double db = k >= 0 ? r->sends[k].level_db : 0.0;
	if (a->argc >= 4 && !parse_db(l, a->argv[3], &db))
		return;
	int pre = -1;
	if (a->argc == 5) {
		if (!strcasecmp(a->argv[4], "pre"))
			pre = 1;
		else if (!strcasecmp(a->argv[4], "post"))
			pre = 0;
		else {
			studio_error(l->st, "pre or post (fader), not \"%s\"", a->argv[4]);
			return;
		}
	}
	if (k < 0) {
		struct err_msg why;
		if (project_limit_room(PROJECT_LIMIT_SENDS, r->n_sends, 1, &why) != ERR_OK) {
			studio_error(l->st, "%s", why.text);
			return;
		}
		/* a new send: check it cannot loop before anything changes */
		project_add_send(&r->sends, &r->n_sends, bus);
		bool ok = routing_ok(l);
		project_remove_send(r->sends, &r->n_sends, r->n_sends - 1);
		if (!ok)
			return;
		studio_edit_begin(l->st, "add send");
		struct project_send *snd = project_add_send(&r->sends, &r->n_sends, bus);
		snd->level_db = db;
		snd->pre_fader = pre == 1;
		studio_edit_commit(l->st);
	} else {
		if (pre >= 0 && r->sends[k].pre_fader != (pre == 1)) {
			studio_edit_begin(l->st, pre ? "send pre-fader" : "send post-fader");
			r->sends[k].pre_fader = pre == 1;
			studio_edit_commit(l->st);
		}
		studio_edit_set_at(l->st, CONTROL_SEND_LEVEL, strip, k, 0, db);
		r = project_strip_at(l->st->project, strip); /* a rebuild may have moved the arrays */
	}
	k = find_send(r, bus);
	char shown[32];
	studio_edit_format(CONTROL_SEND_LEVEL, r->sends[k].level_db, shown, sizeof shown);
	studio_message(l->st, "%s: send to %s %s dB, %s-fader", name, bus, shown,
		r->sends[k].pre_fader ? "pre" : "post");
}

/* :safe STRIP [on/off] */
void studio_line_solo_safe(struct studio_line *l)
{
	const struct studio_words *a = l->w;
	int strip;
	if (!studio_line_strip(l, a->argv[1], &strip))
		return;
	if (strip == STRIP_MASTER) {
		studio_error(l->st, "the master is never silenced by a solo");
		return;
	}
	int on = parse_switch(l, a, 2, studio_edit_get(l->st, CONTROL_SOLO_SAFE, strip) != 0);
	if (on < 0)
		return;
	studio_edit_set(l->st, CONTROL_SOLO_SAFE, strip, on);
	studio_message(l->st, "%s solo-safe %s", studio_strip_name(l->st, strip), on ? "on: other solos "
		"never silence it" : "off");
}

/* An insert slot from a word, 1-based as shown; -1 (said so) when there is none. */
static int parse_slot(struct studio_line *l, const struct project_strip *r, const char *word,
	int allow_end)
{
	double v;
	int n = r->n_inserts + allow_end;
	if (!studio_line_number(word, &v) || v != floor(v) || v < 1 || v > n) {
		if (n == 0)
			studio_error(l->st, "this strip has no inserts (:insert STRIP add TYPE)");
		else
			studio_error(l->st, "an insert number from 1 to %d, not \"%s\"", n, word);
		return -1;
	}
	return (int)v - 1;
}

/* The strip and its inserts the line names (word 1); false when there is none. */
static bool insert_strip(struct studio_line *l, int *strip, struct project_strip **r)
{
	if (!studio_line_strip(l, l->w->argv[1], strip))
		return false;
	*r = project_strip_at(l->st->project, *strip);
	return true;
}

/* The same and the insert word 3 names. */
static bool insert_slot(struct studio_line *l, int *strip, struct project_strip **r, int *slot)
{
	return insert_strip(l, strip, r)
		&& (*slot = parse_slot(l, *r, l->w->argv[3], 0)) >= 0;
}

/* Put ins (owned by r from now) in r's chain at slot at (0..n_inserts), the inserts
 * after it and their automation lanes moving one on. Inside an edit; r has room. */
static void insert_put(struct project_strip *r, int at, struct project_insert ins)
{
	int map[FX_MAX_INSERTS];
	for (int k = 0; k < r->n_inserts; k++)
		map[k] = k < at ? k : k + 1;
	if (r->lanes)
		project_lanes_remap_inserts(r->lanes, &r->n_lanes, map, r->n_inserts);
	memmove(&r->inserts[at + 1], &r->inserts[at],
		(size_t)(r->n_inserts - at) * sizeof *r->inserts);
	r->inserts[at] = ins;
	r->n_inserts++;
}

/* :insert STRIP add TYPE [SLOT] */
static void insert_add(struct studio_line *l)
{
	const struct studio_words *a = l->w;
	int strip;
	struct project_strip *r;
	if (!insert_strip(l, &strip, &r))
		return;
	const bool lv2 = !strcmp(a->argv[3], "lv2");
	const struct fx_class *cls = NULL;
	struct err_msg why;
	if (lv2 && a->argc < 5) {
		studio_error(l->st, "lv2 needs the plug-in: :insert %s add lv2 URI|NAME [SLOT] "
			"(Tab lists them)", a->argv[1]);
		return;
	}
	if (lv2 && lv2_class_get(a->argv[4], &cls, &why) != ERR_OK) {
		studio_error(l->st, "%s", why.text);
		return;
	}
	if (!lv2 && (a->argc > 5 || !(cls = fx_class_find(a->argv[3])))) {
		char known[256];
		fx_class_names(known, sizeof known);
		studio_error(l->st, "no effect \"%s\" (%s, lv2)", a->argv[3], known);
		return;
	}
	if (project_limit_room(PROJECT_LIMIT_INSERTS, r->n_inserts, 1, &why) != ERR_OK) {
		studio_error(l->st, "%s", why.text);
		return;
	}
	int at = r->n_inserts;
	const int slot_word = lv2 ? 5 : 4;
	if (a->argc == slot_word + 1 && (at = parse_slot(l, r, a->argv[slot_word], 1)) < 0)
		return;
	studio_edit_begin(l->st, "add insert");
	struct project_insert added = { 0 };
	project_add_insert(&added, &(int){ 0 }, cls);
	insert_put(r, at, added);
	studio_edit_commit(l->st);
	studio_message(l->st, "%s: %s added as insert %d (:fx %s %d PARAM VALUE sets it)",
		studio_strip_name(l->st, strip), cls->uri ? cls->help : cls->name, at + 1, a->argv[1],
		at + 1);
}

/* :insert STRIP paste [SLOT]: the insert :insert copy took, its parameters and bypass,
 * added at SLOT (at the end without one). */
static void insert_paste(struct studio_line *l)
{
	const struct studio_words *a = l->w;
	int strip;
	struct project_strip *r;
	if (!insert_strip(l, &strip, &r))
		return;
	struct err_msg why;
	if (project_limit_room(PROJECT_LIMIT_INSERTS, r->n_inserts, 1, &why) != ERR_OK) {
		studio_error(l->st, "%s", why.text);
		return;
	}
	int at = r->n_inserts;
	if (a->argc == 4 && (at = parse_slot(l, r, a->argv[3], 1)) < 0)
		return;
	struct project_insert ins;
	if (!studio_line_insert_copied(l, &ins))
		return;
	const char *type = ins.cls->name;
	studio_edit_begin(l->st, "paste insert");
	insert_put(project_strip_at(l->st->project, strip), at, ins);
	/* a copied key may not fit here (the strip keying itself, a loop) */
	if (!routing_ok(l)) {
		studio_edit_cancel(l->st);
		return;
	}
	studio_edit_commit(l->st);
	studio_message(l->st, "%s: %s pasted as insert %d", studio_strip_name(l->st, strip), type,
		at + 1);
}

/* :insert STRIP del SLOT */
static void insert_del(struct studio_line *l)
{
	int strip, slot;
	struct project_strip *r;
	if (!insert_slot(l, &strip, &r, &slot))
		return;
	const char *type = r->inserts[slot].cls->name;
	studio_edit_begin(l->st, "delete insert");
	int map[FX_MAX_INSERTS];
	for (int k = 0; k < r->n_inserts; k++)
		map[k] = k < slot ? k : k == slot ? -1 : k - 1;
	if (r->lanes)
		project_lanes_remap_inserts(r->lanes, &r->n_lanes, map, r->n_inserts);
	project_remove_insert(r->inserts, &r->n_inserts, slot);
	studio_edit_commit(l->st);
	studio_message(l->st, "%s: insert %d (%s) deleted", studio_strip_name(l->st, strip), slot + 1, type);
}

/* :insert STRIP move SLOT TO */
static void insert_move(struct studio_line *l)
{
	int strip, slot;
	struct project_strip *r;
	if (!insert_slot(l, &strip, &r, &slot))
		return;
	const char *type = r->inserts[slot].cls->name;
	int to = parse_slot(l, r, l->w->argv[4], 0);
	if (to < 0 || to == slot)
		return;
	studio_edit_begin(l->st, "move insert");
	int map[FX_MAX_INSERTS];
	for (int k = 0; k < r->n_inserts; k++)
		map[k] = k == slot ? to : (slot < to && k > slot && k <= to) ? k - 1
			: (to < slot && k >= to && k < slot) ? k + 1 : k;
	if (r->lanes)
		project_lanes_remap_inserts(r->lanes, &r->n_lanes, map, r->n_inserts);
	struct project_insert moving = r->inserts[slot];
	if (to > slot)
		memmove(&r->inserts[slot], &r->inserts[slot + 1],
			(size_t)(to - slot) * sizeof *r->inserts);
	else
		memmove(&r->inserts[to + 1], &r->inserts[to],
			(size_t)(slot - to) * sizeof *r->inserts);
	r->inserts[to] = moving;
	studio_edit_commit(l->st);
	studio_message(l->st, "%s: %s moved to insert %d", studio_strip_name(l->st, strip), type, to + 1);
}

/* :insert STRIP bypass SLOT [on|off] */
static void insert_bypass(struct studio_line *l)
{
	int strip, slot;
	struct project_strip *r;
	if (!insert_slot(l, &strip, &r, &slot))
		return;
	int on = parse_switch(l, l->w, 4, r->inserts[slot].bypass);
	if (on < 0)
		return;
	studio_edit_set_at(l->st, CONTROL_INSERT_BYPASS, strip, slot, 0, on);
	studio_message(l->st, "%s: %s %s", studio_strip_name(l->st, strip), r->inserts[slot].cls->name,
		on ? "bypassed" : "in");
}

const struct studio_command studio_line_insert_subs[] = {
	{ "add", NULL, "TYPE [URI] [SLOT]", 1, 3, { STUDIO_ARG_FX_TYPE, STUDIO_ARG_PLUGIN },
	  "add an effect (lv2 URI|NAME [SLOT]: an LV2 plug-in)", insert_add, NULL, 0 },
	{ "del", NULL, "SLOT", 1, 1, { STUDIO_ARG_ANY }, "delete an insert", insert_del, NULL, 0 },
	{ "move", NULL, "SLOT TO", 2, 2, { STUDIO_ARG_ANY }, "move it", insert_move, NULL, 0 },
	{ "bypass", NULL, "SLOT [on|off]", 1, 2, { STUDIO_ARG_ANY, STUDIO_ARG_CHOICE },
	  "bypass it, bring it back, or toggle", insert_bypass, NULL, 0 },
	{ "copy", NULL, "SLOT", 1, 1, { STUDIO_ARG_ANY },
	  "copy an insert with its settings (:insert STRIPS paste puts it on)",
	  studio_line_insert_copy, NULL, 0 },
	{ "paste", NULL, "[SLOT]", 0, 1, { STUDIO_ARG_ANY },
	  "add the copied insert (at SLOT; at the end without)", insert_paste, NULL, 0 },
	{ NULL, NULL, NULL, 0, 0, { STUDIO_ARG_ANY }, NULL, NULL, NULL, 0 },
};

/* An insert parameter's value from word: within its range and, for a parameter of
 * steps (hpf_slope), one of them; false (said so, naming what it takes) otherwise. A
 * step is refused rather than rounded: 13 dB/oct is no slope the filter has. */
static bool param_value(struct studio_line *l, const struct fx_param *fp, const char *word,
	double *v)
{
	const bool number = studio_line_number(word, v);
	const double k = fp->step > 0 && number ? (*v - fp->min) / fp->step : 0;
	if (number && *v >= fp->min && *v <= fp->max && fabs(k - round(k)) < 1e-9)
		return true;
	const int n = fp->step > 0 ? (int)floor((fp->max - fp->min) / fp->step + 1e-9) + 1 : 0;
	if (n < 2 || n > 8) {
		studio_error(l->st, "%s takes %g to %g %s%s, not \"%s\"", fp->name, fp->min,
			fp->max, fp->unit, n > 8 ? " in whole steps" : "", word);
		return false;
	}
	char list[160];
	size_t used = 0;
	list[0] = '\0';
	for (int i = 0; i < n && used < sizeof list; i++)
		used += (size_t)snprintf(list + used, sizeof list - used, "%s%g",
			i == 0 ? "" : i == n - 1 ? " or " : ", ", fp->min + i * fp->step);
	studio_error(l->st, "%s takes %s%s%s, not \"%s\"", fp->name, list, fp->unit[0] ? " " : "",
		fp->unit, word);
	return false;
}


/* The strip's first insert of type cls, or -1. */
static int insert_of_type(const struct project_strip *r, const struct fx_class *cls)
{
	for (int k = 0; k < r->n_inserts; k++)
		if (r->inserts[k].cls == cls)
			return k;
	return -1;
}

/* :fx STRIP SLOT|TYPE PARAM VALUE: by type, the strip's first insert of that type,
 * added at the end (in the same undo step) when it has none, so that one line puts a
 * high-pass on many tracks (:fx 2-18 eq hpf_hz 80). */
void studio_line_fx(struct studio_line *l)
{
	const struct studio_words *a = l->w;
	int strip;
	if (!studio_line_strip(l, a->argv[1], &strip))
		return;
	struct project_strip *r = project_strip_at(l->st->project, strip);
	const struct fx_class *type = fx_class_find(a->argv[2]);
	int slot = type ? insert_of_type(r, type) : parse_slot(l, r, a->argv[2], 0);
	if (slot < 0 && !type)
		return;
	const struct fx_class *cls = slot >= 0 ? r->inserts[slot].cls : type;
	int k = fx_param_find(cls, a->argv[3]);
	if (k < 0) {
		char names[512];
		size_t used = 0;
		names[0] = '\0';
		for (int i = 0; i < cls->n_params && used < sizeof names; i++)
			used += (size_t)snprintf(names + used, sizeof names - used, "%s%s",
				i ? " " : "", cls->params[i].name);
		studio_error(l->st, "%s has no \"%s\" (%s)", cls->uri ? cls->help : cls->name,
			a->argv[3], names);
		return;
	}
	const struct fx_param *fp = &cls->params[k];
	/* an LV2 port in fractions of the sample rate is typed in Hz (lv2_param_scale) */
	const double scale = lv2_param_scale(cls, k, l->st->project->sample_rate);
	struct fx_param typed = *fp;
	typed.min *= scale;
	typed.max *= scale;
	typed.def *= scale;
	if (scale != 1.0)
		typed.unit = "Hz";
	double v;
	if (!param_value(l, &typed, a->argv[4], &v))
		return;
	v /= scale;
	const bool add = slot < 0;
	struct err_msg why;
	if (add && project_limit_room(PROJECT_LIMIT_INSERTS, r->n_inserts, 1, &why) != ERR_OK) {
		studio_error(l->st, "%s", why.text);
		return;
	}
	if (add) {
		char name[STUDIO_UNDO_NAME];
		snprintf(name, sizeof name, "add %s, set %s", cls->name, fp->name);
		studio_edit_many_begin(l->st, name);
		studio_edit_begin(l->st, "add insert");
		project_add_insert(r->inserts, &r->n_inserts, cls);
		studio_edit_commit(l->st);
		r = project_strip_at(l->st->project, strip);
		slot = r->n_inserts - 1;
	}
	studio_edit_set_at(l->st, CONTROL_INSERT_PARAM, strip, slot, k, v);
	if (add)
		studio_edit_many_end(l->st, true);
	r = project_strip_at(l->st->project, strip); /* a rebuild may have moved the arrays */
	char added[64] = "";
	if (add)
		snprintf(added, sizeof added, " (%s added as insert %d)", cls->name, slot + 1);
	studio_message(l->st, "%s: %s %s %.4g %s%s", studio_strip_name(l->st, strip),
		cls->uri ? cls->help : cls->name, fp->name, r->inserts[slot].params[k] * scale,
		typed.unit, added);
}

/* The tracks words from..argc-1 name (each a name, number, list, range, glob, group
 * or @sel), once each, in the project's order, into tracks (n_tracks of them at
 * most); -1 when a word names nothing or a strip that is no track (said). */
static int tracks_named(struct studio_line *l, int from, int *tracks)
{
	const struct studio_words *a = l->w;
	struct project *p = l->st->project;
	bool *in = xcalloc((size_t)p->n_tracks + 1, sizeof *in);
	int *set = xcalloc(STUDIO_POSITIONS_MAX, sizeof *set);
	int n = 0;
	for (int i = from; i < a->argc && n >= 0; i++) {
		char why[512];
		int k = 1;
		if (!studio_strips_is_set(l->st, a->argv[i]))
			n = studio_line_strip(l, a->argv[i], &set[0]) ? n : -1;
		else if (!studio_strips_parse(l->st, l->sel, l->here, a->argv[i], set, &k, why,
			sizeof why)) {
			studio_error(l->st, "%s", why);
			n = -1;
		}
		for (int j = 0; j < k && n >= 0; j++) {
			if (set[j] < 0 || set[j] >= p->n_tracks) {
				studio_error(l->st, "groups hold tracks; \"%s\" is not one",
					studio_strip_name(l->st, set[j]));
				n = -1;
			} else {
				in[set[j]] = true;
			}
		}
	}
	if (n >= 0)
		for (int t = 0; t < p->n_tracks; t++)
			if (in[t])
				tracks[n++] = t;
	free(set);
	free(in);
	return n;
}

/* :group GROUP TRACK... puts the tracks in the group (made when new); :group GROUP
 * with no track lists it. :ungroup TRACK... takes tracks out. */
void studio_line_group(struct studio_line *l)
{
	const struct studio_words *a = l->w;
	struct project *p = l->st->project;
	const char *gname = a->argv[1];
	int *tracks = xcalloc((size_t)p->n_tracks + 1, sizeof *tracks);
	const int n = tracks_named(l, 2, tracks);
	if (n < 0 || (n == 0 && a->argc > 2)) {
		free(tracks);
		return;
	}
	if (n == 0) {
		char list[256];
		size_t used = 0;
		list[0] = '\0';
		for (int t = 0; t < p->n_tracks && used < sizeof list; t++)
			if (p->tracks[t].group && !strcmp(p->tracks[t].group, gname))
				used += (size_t)snprintf(list + used, sizeof list - used, " %s",
					p->tracks[t].strip.name);
		if (project_find_group(p, gname) < 0)
			studio_error(l->st, "no group \"%s\" (:group %s TRACK... makes one)", gname, gname);
		else
			studio_message(l->st, "group %s:%s", gname, used ? list : " (no tracks)");
		free(tracks);
		return;
	}
	struct err_msg why;
	if (project_find_group(p, gname) < 0
	    && project_limit_room(PROJECT_LIMIT_GROUPS, p->n_groups, 1, &why) != ERR_OK) {
		studio_error(l->st, "%s", why.text);
		free(tracks);
		return;
	}
	if (project_find_group(p, gname) < 0 && studio_name_refused(l->st, "group name", gname)) {
		free(tracks);
		return;
	}
	studio_edit_begin(l->st, "group tracks");
	if (project_find_group(p, gname) < 0)
		project_add_group(p, gname);
	for (int i = 0; i < n; i++) {
		free(p->tracks[tracks[i]].group);
		p->tracks[tracks[i]].group = xstrdup(gname);
	}
	studio_edit_commit(l->st);
	free(tracks);
	studio_message(l->st, "group %s: %d track%s linked (gain, mute, solo; G suspends links)",
		gname, n, n == 1 ? "" : "s");
}

void studio_line_ungroup(struct studio_line *l)
{
	struct project *p = l->st->project;
	int *tracks = xcalloc((size_t)p->n_tracks + 1, sizeof *tracks);
	const int n = tracks_named(l, 1, tracks);
	if (n < 0) {
		free(tracks);
		return;
	}
	studio_edit_begin(l->st, "ungroup tracks");
	for (int i = 0; i < n; i++) {
		free(p->tracks[tracks[i]].group);
		p->tracks[tracks[i]].group = NULL;
	}
	free(tracks);
	if (studio_edit_commit(l->st))
		studio_message(l->st, "taken out of their group");
	else
		studio_message(l->st, "not in a group");
}
