/* :tempo and :meter (issue 18; "off at BAR" takes a change back), and the musical positions every command that takes a
 * time reads ("b21", "21.3.0"): the project's tempo map (src/tempo.h) edited as one
 * undoable step each, through edit.c, so that the graph (a synced delay) follows. */
#include "src/studio/commands.h"
#include "src/studio/times.h"

#include <math.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>

#include "src/tempo.h"
#include "src/studio/edit.h"

/* "at BAR" after the value (words 2 and 3), else bar 1; false (said) when it is bad. */
static bool at_bar(struct studio_line *l, long *bar)
{
	const struct studio_words *a = l->w;
	*bar = 1;
	if (a->argc == 2)
		return true;
	double v;
	const char *word = a->argc == 4 ? a->argv[3] : "";
	if (word[0] == 'b' || word[0] == 'B')
		word++;
	if (a->argc != 4 || strcasecmp(a->argv[2], "at") || !studio_line_number(word, &v)
		|| v != floor(v) || v < 1 || v > TEMPO_MAX_BAR) {
		studio_error(l->st, "usage: :%s %s at BAR (a bar from 1 to %d)", a->argv[0],
			a->argv[1], TEMPO_MAX_BAR);
		return false;
	}
	*bar = (long)v;
	return true;
}

/* What the map says now: "tempo 90 bpm, 3/4; from bar 5: 6/8; from bar 9: 140 bpm". */
static void say_map(struct studio *st)
{
	const struct project *p = st->project;
	const struct tempo_map m = tempo_map_of(p);
	char text[512];
	int n = snprintf(text, sizeof text, "tempo %g bpm, %d/%d", m.bpm, m.num, m.den);
	for (int i = 0; i < m.n && n > 0 && (size_t)n < sizeof text; i++) {
		const struct tempo_change *c = &m.changes[i];
		n += snprintf(text + n, sizeof text - (size_t)n, "; from bar %d:", c->bar);
		if (c->bpm > 0 && (size_t)n < sizeof text)
			n += snprintf(text + n, sizeof text - (size_t)n, " %g bpm", c->bpm);
		if (c->num > 0 && (size_t)n < sizeof text)
			n += snprintf(text + n, sizeof text - (size_t)n, " %d/%d", c->num, c->den);
	}
	studio_message(st, "%s", text);
}

/* One undoable edit of the map: set(value) at bar, named and said as what. */
static void map_edit(struct studio *st, const char *what, long bar,
	enum err (*set)(struct studio *st, long bar, const void *value, struct err_msg *msg),
	const void *value)
{
	char name[96];
	if (bar > 1)
		snprintf(name, sizeof name, "%s from bar %ld", what, bar);
	else
		snprintf(name, sizeof name, "%s", what);
	studio_edit_begin(st, name);
	struct err_msg msg;
	if (set(st, bar, value, &msg) != ERR_OK) {
		studio_edit_cancel(st);
		studio_error(st, "%s", msg.text);
		return;
	}
	if (!studio_edit_commit(st)) {
		studio_message(st, "%s already", name);
		return;
	}
	studio_message(st, "%s", name);
}

static enum err set_bpm(struct studio *st, long bar, const void *value, struct err_msg *msg)
{
	return tempo_set_bpm(st->project, bar, *(const double *)value, msg);
}

/* value: whether the meter (else the tempo) goes */
static enum err unset(struct studio *st, long bar, const void *value, struct err_msg *msg)
{
	return tempo_unset(st->project, bar, *(const bool *)value, msg);
}

/* ":tempo off at BAR", ":meter off at BAR": the change at BAR goes. true when the
 * line was one (done or said why not). */
static bool off_at(struct studio_line *l, bool meter)
{
	if (strcasecmp(l->w->argv[1], "off"))
		return false;
	long bar;
	if (!at_bar(l, &bar))
		return true;
	if (bar == 1) {
		studio_error(l->st, "bar 1 always has a %s: :%s off takes a later bar (at 17)",
			meter ? "meter" : "tempo", l->w->argv[0]);
		return true;
	}
	map_edit(l->st, meter ? "no meter change" : "no tempo change", bar, unset, &meter);
	return true;
}

static enum err set_meter(struct studio *st, long bar, const void *value,
	struct err_msg *msg)
{
	const int *nd = value;
	return tempo_set_meter(st->project, bar, nd[0], nd[1], msg);
}

void studio_line_tempo(struct studio_line *l)
{
	const struct studio_words *a = l->w;
	if (a->argc == 1) {
		say_map(l->st);
		return;
	}
	if (off_at(l, false))
		return;
	double bpm;
	if (!studio_line_number(a->argv[1], &bpm) || bpm < TEMPO_MIN_BPM || bpm > TEMPO_MAX_BPM) {
		studio_error(l->st, "a tempo is %g to %g bpm (quarter notes a minute), not \"%s\"",
			TEMPO_MIN_BPM, TEMPO_MAX_BPM, a->argv[1]);
		return;
	}
	long bar;
	if (!at_bar(l, &bar))
		return;
	char what[64];
	snprintf(what, sizeof what, "tempo %g bpm", bpm);
	map_edit(l->st, what, bar, set_bpm, &bpm);
}

void studio_line_meter(struct studio_line *l)
{
	const struct studio_words *a = l->w;
	if (a->argc == 1) {
		say_map(l->st);
		return;
	}
	if (off_at(l, true))
		return;
	int nd[2];
	if (!tempo_meter_parse(a->argv[1], &nd[0], &nd[1])) {
		studio_error(l->st, "a meter is N/D: 1 to %d beats of a 1, 2, 4, 8, 16 or 32 note "
			"(6/8), not \"%s\"", TEMPO_MAX_BEATS, a->argv[1]);
		return;
	}
	long bar;
	if (!at_bar(l, &bar))
		return;
	char what[64];
	snprintf(what, sizeof what, "meter %d/%d", nd[0], nd[1]);
	map_edit(l->st, what, bar, set_meter, nd);
}
