/* The ':' commands that drive the session's services: automation lanes, the monitor,
 * the reference and the album (src/studio/commands.h). Owner's thread only. */
#include "src/studio/commands.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "src/base/xalloc.h"
#include "src/project_limits.h"
#include "src/studio/album.h"
#include "src/studio/automation.h"
#include "src/studio/clipedit.h"
#include "src/studio/edit.h"
#include "src/studio/monitor.h"
#include "src/studio/strip.h"
#include "src/studio/trackedit.h"

/* ---- :auto ---- */

/* The lane's points on one line; with pane (:auto STRIP LANE list), every one of them
 * a line as well, for a terminal's pane (studio_list). */
static void list_lane(struct studio_line *l, const char *name, const struct project_lane *lane,
	bool pane)
{
	char buf[400];
	size_t used = (size_t)snprintf(buf, sizeof buf, "%s %s (%s, %d point%s):", name,
		lane->param, project_auto_mode_name(lane->mode), lane->n_points,
		lane->n_points == 1 ? "" : "s");
	for (int i = 0; i < lane->n_points && used < sizeof buf - 24; i++) {
		double t = lane->points[i].time;
		used += (size_t)snprintf(buf + used, sizeof buf - used, " %d:%06.3f %.4g",
			(int)(t / 60), fmod(t, 60), lane->points[i].value);
	}
	studio_message(l->st, "%s", buf);
	if (!pane)
		return; /* after an edit the line says enough */
	/* the whole list, a point a line, where a pane can show it (the line above is
	 * cut at its buffer, the status line at the width) */
	char title[160], (*rows)[40] = xcalloc((size_t)lane->n_points + 1, sizeof *rows);
	const char **lines = xcalloc((size_t)lane->n_points + 1, sizeof *lines);
	snprintf(title, sizeof title, "%s %s (%s, %d point%s)", name, lane->param,
		project_auto_mode_name(lane->mode), lane->n_points, lane->n_points == 1 ? "" : "s");
	for (int i = 0; i < lane->n_points; i++) {
		double t = lane->points[i].time;
		snprintf(rows[i], sizeof rows[i], "%d:%06.3f  %.4g", (int)(t / 60), fmod(t, 60),
			lane->points[i].value);
		lines[i] = rows[i];
	}
	studio_list(l->st, title, lines, (size_t)lane->n_points);
	free(lines);
	free(rows);
}

/* What every :auto STRIP LANE starts with: the strip, its lanes, the lane key's target
 * and the lane itself (NULL when there is none yet). */
struct auto_words {
	int strip;
	struct project_strip *r;
	struct project_lane *lanes;
	int *nl;
	const char *key, *name;
	enum control_id target;
	int index, param;
	struct project_lane *lane;
	int li;
};

static bool auto_words(struct studio_line *l, struct auto_words *w)
{
	const struct studio_words *a = l->w;
	if (!studio_line_strip(l, a->argv[1], &w->strip))
		return false;
	if (!(w->r = project_strip_at(l->st->project, w->strip))
		|| !studio_auto_lanes_of(l->st, w->strip, &w->lanes, &w->nl)) {
		studio_error(l->st, "the master has no automation lanes");
		return false;
	}
	w->key = a->argv[2];
	char why[160];
	if (!project_auto_target(w->key, w->r->sends, w->r->n_sends, w->r->inserts,
		w->r->n_inserts, &w->target, &w->index, &w->param, why, sizeof why)) {
		studio_error(l->st, "%s: %s", w->key, why);
		return false;
	}
	w->lane = studio_auto_lane_of(l->st, w->strip, w->key, &w->li);
	w->name = studio_strip_name(l->st, w->strip);
	return true;
}

/* :auto STRIP LANE [list] */
void studio_line_auto(struct studio_line *l)
{
	struct auto_words w;
	if (!auto_words(l, &w))
		return;
	if (!w.lane)
		studio_message(l->st, "%s has no %s lane (:auto %s %s add T V makes one)", w.name,
			w.key, l->w->argv[1], w.key);
	else
		list_lane(l, w.name, w.lane, l->w->argc > 3 && !strcmp(l->w->argv[3], "list"));
}

/* :auto STRIP LANE add T V */
static void auto_add(struct studio_line *l)
{
	const struct studio_words *a = l->w;
	struct auto_words w;
	if (!auto_words(l, &w))
		return;
	double lo, hi;
	project_auto_range(w.target, w.target == CONTROL_INSERT_PARAM
		? &w.r->inserts[w.index] : NULL, w.param, &lo, &hi);
	double t, v;
	if (!studio_line_time(a->argv[4], &t)) {
		studio_error(l->st, "a time in seconds or m:ss, not \"%s\"", a->argv[4]);
		return;
	}
	if (!strcasecmp(a->argv[5], "-inf")
		&& (w.target == CONTROL_GAIN || w.target == CONTROL_SEND_LEVEL))
		v = PROJECT_MIN_GAIN_DB;
	else if (!studio_line_number(a->argv[5], &v) || v < lo || v > hi) {
		studio_error(l->st, "%s takes %g to %g, not \"%s\"", w.key, lo, hi, a->argv[5]);
		return;
	}
	struct err_msg full;
	if ((!w.lane && project_limit_room(PROJECT_LIMIT_LANES, *w.nl, 1, &full) != ERR_OK)
	    || (w.lane && project_limit_room(PROJECT_LIMIT_POINTS, w.lane->n_points, 1, &full)
		!= ERR_OK)) {
		studio_error(l->st, "%s", full.text);
		return;
	}
	studio_edit_begin(l->st, "add automation point");
	if (!w.lane)
		w.lane = project_lane_add(&project_strip_at(l->st->project, w.strip)->lanes, w.nl,
			w.key);
	project_lane_insert(w.lane, t, v);
	studio_edit_commit(l->st);
	list_lane(l, w.name, studio_auto_lane_of(l->st, w.strip, w.key, &w.li), false);
}

/* :auto STRIP LANE del T */
static void auto_del(struct studio_line *l)
{
	const struct studio_words *a = l->w;
	struct auto_words w;
	if (!auto_words(l, &w))
		return;
	double t;
	if (!w.lane || !studio_line_time(a->argv[4], &t)) {
		studio_error(l->st, w.lane ? "a time in seconds or m:ss, not \"%s\"" : "no such lane%s",
			w.lane ? a->argv[4] : "");
		return;
	}
	studio_edit_begin(l->st, "delete automation point");
	int gone = project_lane_erase(w.lane, t - 0.0005, t + 0.0005);
	if (!studio_edit_commit(l->st) || gone == 0) {
		studio_message(l->st, "no point at %s on %s", a->argv[4], w.key);
		return;
	}
	list_lane(l, w.name, studio_auto_lane_of(l->st, w.strip, w.key, &w.li), false);
}

/* :auto STRIP LANE mode MODE */
static void auto_mode(struct studio_line *l)
{
	const struct studio_words *a = l->w;
	struct auto_words w;
	if (!auto_words(l, &w))
		return;
	int mode = project_auto_mode_find(a->argv[4]);
	if (mode < 0) {
		studio_error(l->st, "off, read, write, touch or latch, not \"%s\"", a->argv[4]);
		return;
	}
	struct err_msg full;
	if (!w.lane && project_limit_room(PROJECT_LIMIT_LANES, *w.nl, 1, &full) != ERR_OK) {
		studio_error(l->st, "%s", full.text);
		return;
	}
	studio_edit_begin(l->st, "automation mode");
	if (!w.lane) /* a new, empty lane: ready to be written */
		w.lane = project_lane_add(&project_strip_at(l->st->project, w.strip)->lanes, w.nl,
			w.key);
	w.lane->mode = (enum project_auto_mode)mode;
	studio_edit_commit(l->st);
	studio_message(l->st, "%s %s: %s%s", w.name, w.key, a->argv[4], mode >= AUTO_WRITE
		? " (play, then move the control: it is recorded)" : "");
}

/* :auto STRIP LANE clear */
static void auto_clear(struct studio_line *l)
{
	struct auto_words w;
	if (!auto_words(l, &w))
		return;
	if (!w.lane) {
		studio_message(l->st, "%s has no %s lane", w.name, w.key);
		return;
	}
	studio_edit_begin(l->st, "clear automation");
	project_lane_remove(w.lanes, w.nl, w.li);
	studio_edit_commit(l->st);
	studio_message(l->st, "%s %s: lane removed (u undoes)", w.name, w.key);
}

const struct studio_command studio_line_auto_subs[] = {
	{ "list", NULL, "", 0, 0, { STUDIO_ARG_ANY }, "the lane's points", studio_line_auto,
	  NULL, 0 },
	{ "add", NULL, "T V", 2, 2, { STUDIO_ARG_ANY }, "a point at T seconds", auto_add, NULL,
	  0 },
	{ "del", NULL, "T", 1, 1, { STUDIO_ARG_ANY }, "the point at T", auto_del, NULL, 0 },
	{ "mode", NULL, "off|read|write|touch|latch", 1, 1, { STUDIO_ARG_CHOICE },
	  "how the lane plays and records", auto_mode, NULL, 0 },
	{ "clear", NULL, "", 0, 0, { STUDIO_ARG_ANY }, "remove the lane", auto_clear, NULL, 0 },
	{ NULL, NULL, NULL, 0, 0, { STUDIO_ARG_ANY }, NULL, NULL, NULL, 0 },
};

/* ---- :monitor, :reference ---- */

void studio_line_monitor(struct studio_line *l)
{
	if (!studio_monitor_ready(l->st))
		return;
	const struct studio_words *a = l->w;
	if (a->argc != 2) {
		studio_line_usage(l);
		return;
	}
	studio_monitor_set(l->st, a->argv[1]);
}

/* Its words, for completion and help: the mode word itself says what it does
 * (studio_monitor_set); a word not here is said to be no mode. */
#define MONITOR_WORD(word, help) \
	{ word, NULL, "", 0, 0, { STUDIO_ARG_ANY }, help, studio_line_monitor, NULL, 0 }
const struct studio_command studio_line_monitor_subs[] = {
	MONITOR_WORD("stereo", "the mix as it is"),
	MONITOR_WORD("mono", "both sides summed"),
	MONITOR_WORD("left", "the left side on both"),
	MONITOR_WORD("right", "the right side on both"),
	MONITOR_WORD("side", "the difference of the sides"),
	MONITOR_WORD("swap", "left and right swapped"),
	MONITOR_WORD("dim", "20 dB down, or back"),
	MONITOR_WORD("bs2b", "headphone crossfeed (bs2b)"),
	MONITOR_WORD("chumoy", "headphone crossfeed (Chu Moy)"),
	MONITOR_WORD("jmeier", "headphone crossfeed (Jan Meier)"),
	MONITOR_WORD("laptop", "as laptop speakers play it"),
	MONITOR_WORD("phone", "as a phone speaker plays it"),
	MONITOR_WORD("earbuds", "as earbuds play it"),
	MONITOR_WORD("off", "all of them off"),
	{ NULL, NULL, NULL, 0, 0, { STUDIO_ARG_ANY }, NULL, NULL, NULL, 0 },
};

void studio_line_reference(struct studio_line *l)
{
	if (!studio_monitor_ready(l->st))
		return;
	const struct studio_words *a = l->w;
	if (a->argc < 2) {
		studio_line_usage(l);
		return;
	}
	char path[1024] = "";
	for (int i = 1; i < a->argc; i++) { /* a file name may hold spaces */
		size_t used = strlen(path);
		snprintf(path + used, sizeof path - used, "%s%s", i > 1 ? " " : "", a->argv[i]);
	}
	studio_monitor_reference(l->st, path);
}

/* ---- :album ---- */

void studio_line_album(struct studio_line *l)
{
	const struct studio_words *a = l->w;
	if (a->argc > 2) {
		studio_line_usage(l);
		return;
	}
	studio_album_start(l->st, a->argc == 2 ? a->argv[1] : NULL);
}
