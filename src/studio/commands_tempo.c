/* :tempo and :meter (issue 18; "off at BAR" takes a change back; "at MARKER" puts the
 * change at the bar line nearest a marker), and the musical positions every command
 * that takes a time reads ("b21", "21.3.0"): the project's tempo map (src/tempo.h)
 * edited as one undoable step each, through edit.c, so that the graph (a synced
 * delay) follows. */
#include "src/studio/commands.h"
#include "src/studio/times.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "src/tempo.h"
#include "src/studio/edit.h"
#include "src/studio/find.h"
#include "src/base/xalloc.h"

/* The bar of a marker the word names (src/studio/find.h: exact, prefix, substring,
 * fuzzy; it must be one): the bar line nearest it, and *marker its index. 0 when it
 * names none; -1 (said) when it names several. */
static long marker_bar(struct studio_line *l, const char *word, int *marker)
{
	const struct project *p = l->st->project;
	if (p->n_markers == 0)
		return 0;
	const char **names = xcalloc((size_t)p->n_markers, sizeof *names);
	for (int i = 0; i < p->n_markers; i++)
		names[i] = p->markers[i].name ? p->markers[i].name : "";
	int found[4], n_found = 0;
	studio_find_name(names, p->n_markers, word, found, 4, &n_found);
	free(names);
	if (n_found > 1) {
		studio_error(l->st, "\"%s\" names %d markers (\"%s\", \"%s\"%s): type more of one",
			word, n_found, p->markers[found[0]].name, p->markers[found[1]].name,
			n_found > 2 ? ", ..." : "");
		return -1;
	}
	if (n_found == 0)
		return 0;
	*marker = found[0];
	const struct tempo_map m = tempo_map_of(p);
	return tempo_nearest_bar(&m, p->markers[found[0]].time, NULL);
}

/* "at BAR" or "at MARKER" after the value (words 2 and 3), else bar 1; false (said)
 * when it is bad. *marker: the marker's index, or -1. */
static bool at_bar(struct studio_line *l, long *bar, int *marker)
{
	const struct studio_words *a = l->w;
	*bar = 1;
	*marker = -1;
	if (a->argc == 2)
		return true;
	double v;
	const char *word = a->argc == 4 ? a->argv[3] : "";
	if ((word[0] == 'b' || word[0] == 'B') && studio_line_number(word + 1, &v))
		word++;
	if (a->argc == 4 && !strcasecmp(a->argv[2], "at") && !studio_line_number(word, &v)) {
		const long b = marker_bar(l, word, marker);
		if (b < 0)
			return false;
		if (b > 0 && b <= TEMPO_MAX_BAR) {
			*bar = b;
			return true;
		}
	}
	if (a->argc != 4 || strcasecmp(a->argv[2], "at") || !studio_line_number(word, &v)
		|| v != floor(v) || v < 1 || v > TEMPO_MAX_BAR) {
		studio_error(l->st, "usage: :%s %s at BAR|MARKER (a bar from 1 to %d, or a "
			"marker's name)", a->argv[0], a->argv[1], TEMPO_MAX_BAR);
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

/* "tempo 140 bpm from bar 9 (marker chorus)", and "at 8.4.480, the nearest bar line"
 * when the marker is not on it. */
static void marker_note(const struct studio *st, const char *what, long bar, int marker,
	char *buf, size_t size)
{
	const struct project_marker *mk = &st->project->markers[marker];
	const struct tempo_map m = tempo_map_of(st->project);
	bool on_line;
	tempo_nearest_bar(&m, mk->time, &on_line);
	if (on_line) {
		snprintf(buf, size, "%s from bar %ld (marker %s)", what, bar, mk->name);
		return;
	}
	char at[48];
	tempo_format(&m, mk->time, at, sizeof at);
	snprintf(buf, size, "%s from bar %ld (marker %s is at %s: the nearest bar line)", what,
		bar, mk->name, at);
}

/* One undoable edit of the map: set(value) at bar, named and said as what. */
static void map_edit(struct studio *st, const char *what, long bar, int marker,
	enum err (*set)(struct studio *st, long bar, const void *value, struct err_msg *msg),
	const void *value)
{
	char name[160];
	if (marker >= 0) /* the marker's bar, and where it is when it is off the line */
		marker_note(st, what, bar, marker, name, sizeof name);
	else if (bar > 1)
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
	int marker;
	if (!at_bar(l, &bar, &marker))
		return true;
	if (bar == 1) {
		studio_error(l->st, "bar 1 always has a %s: :%s off takes a later bar (at 17)",
			meter ? "meter" : "tempo", l->w->argv[0]);
		return true;
	}
	map_edit(l->st, meter ? "no meter change" : "no tempo change", bar, marker, unset,
		&meter);
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
	int marker;
	if (!at_bar(l, &bar, &marker))
		return;
	char what[64];
	snprintf(what, sizeof what, "tempo %g bpm", bpm);
	map_edit(l->st, what, bar, marker, set_bpm, &bpm);
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
	int marker;
	if (!at_bar(l, &bar, &marker))
		return;
	char what[64];
	snprintf(what, sizeof what, "meter %d/%d", nd[0], nd[1]);
	map_edit(l->st, what, bar, marker, set_meter, nd);
}
