/* The ':' commands that drive the studio session's services (src/studio/): they
 * parse the typed line and call the session. UI thread only. */
#include "ui/commands_studio.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "src/project_limits.h"
#include "src/studio/album.h"
#include "src/studio/automation.h"
#include "src/studio/clipedit.h"
#include "src/studio/edit.h"
#include "src/studio/monitor.h"
#include "src/studio/strip.h"
#include "src/studio/trackedit.h"
#include "ui/cmdline.h"
#include "ui/commands.h"

/* ---- keys (ui/keys.c's table) on the session: the clip and track edits work on the
 * ui's cursor (app->sel) ---- */

#define ON_SEL(name) \
	void ui_##name(struct ui_app *app) { studio_##name(app->st, &app->sel); }
#define ON_STUDIO(name) \
	void ui_##name(struct ui_app *app) { studio_##name(app->st); }
ON_SEL(clip_copy)
ON_SEL(clip_delete)
ON_SEL(clip_duplicate)
ON_SEL(clip_fade_in)
ON_SEL(clip_fade_in_shape)
ON_SEL(clip_fade_out)
ON_SEL(clip_fade_out_shape)
ON_SEL(clip_gain_down)
ON_SEL(clip_gain_up)
ON_SEL(clip_join)
ON_SEL(clip_nudge_left)
ON_SEL(clip_nudge_right)
ON_SEL(clip_paste)
ON_SEL(clip_select_toggle)
ON_SEL(clip_snap_right)
ON_SEL(clip_split)
ON_SEL(clip_trim_end)
ON_SEL(clip_trim_end_nudge)
ON_SEL(clip_trim_start)
ON_SEL(clip_trim_start_nudge)
ON_SEL(loop_toggle)
ON_STUDIO(clip_select_none)
ON_SEL(clip_snap_left)
ON_STUDIO(clip_snap_toggle)
ON_STUDIO(marker_add_here)
ON_STUDIO(marker_next)
ON_STUDIO(marker_prev)
ON_STUDIO(monitor_next_crossfeed)
ON_STUDIO(monitor_next_mode)
ON_STUDIO(monitor_next_speaker)
ON_STUDIO(monitor_toggle_ab)
ON_STUDIO(monitor_toggle_dim)
ON_STUDIO(monitor_toggle_reference)

/* ---- :auto ---- */

static void list_lane(struct ui_app *app, const char *name, const struct project_lane *l)
{
	char buf[400];
	size_t used = (size_t)snprintf(buf, sizeof buf, "%s %s (%s, %d point%s):", name,
		l->param, project_auto_mode_name(l->mode), l->n_points, l->n_points == 1 ? "" : "s");
	for (int i = 0; i < l->n_points && used < sizeof buf - 24; i++) {
		double t = l->points[i].time;
		used += (size_t)snprintf(buf + used, sizeof buf - used, " %d:%06.3f %.4g",
			(int)(t / 60), fmod(t, 60), l->points[i].value);
	}
	ui_message(app, "%s", buf);
}

static bool parse_seconds(const char *s, double *out)
{
	const char *colon = strchr(s, ':');
	double m = 0, sec;
	if (colon) {
		char mm[16];
		size_t n = (size_t)(colon - s);
		if (n == 0 || n >= sizeof mm)
			return false;
		memcpy(mm, s, n);
		mm[n] = '\0';
		if (!ui_line_number(mm, &m) || m < 0 || m != floor(m))
			return false;
		s = colon + 1;
	}
	if (!ui_line_number(s, &sec) || sec < 0 || (colon && sec >= 60))
		return false;
	*out = m * 60 + sec;
	return *out <= PROJECT_MAX_SECONDS;
}

void ui_line_auto(struct ui_app *app)
{
	struct ui_line_args *a = &app->cmdline->args;
	int strip;
	if (!ui_line_strip_args(app, 3, UI_CMDLINE_MAX_ARGS, &strip))
		return;
	struct project_strip *r;
	struct project_lane *lanes;
	int *nl;
	if (!(r = project_strip_at(app->st->project, strip)) || !studio_auto_lanes_of(app->st, strip, &lanes, &nl)) {
		ui_error(app, "the master has no automation lanes");
		return;
	}
	const char *key = a->argv[2];
	enum control_id target;
	int index, param;
	char why[160];
	if (!project_auto_target(key, r->sends, r->n_sends, r->inserts, r->n_inserts, &target,
		&index, &param, why, sizeof why)) {
		ui_error(app, "%s: %s", key, why);
		return;
	}
	int li;
	struct project_lane *lane = studio_auto_lane_of(app->st, strip, key, &li);
	const char *verb = a->argc > 3 ? a->argv[3] : "list";
	const char *name = studio_strip_name(app->st, strip);
	if (!strcasecmp(verb, "list") && a->argc <= 4) {
		if (!lane)
			ui_message(app, "%s has no %s lane (:auto %s %s add T V makes one)", name, key,
				a->argv[1], key);
		else
			list_lane(app, name, lane);
		return;
	}
	double lo, hi;
	project_auto_range(target, target == CONTROL_INSERT_PARAM ? &r->inserts[index] : NULL, param,
		&lo, &hi);
	if (!strcasecmp(verb, "add") && a->argc == 6) {
		double t, v;
		if (!parse_seconds(a->argv[4], &t)) {
			ui_error(app, "a time in seconds or m:ss, not \"%s\"", a->argv[4]);
			return;
		}
		if (!strcasecmp(a->argv[5], "-inf") && (target == CONTROL_GAIN || target == CONTROL_SEND_LEVEL))
			v = PROJECT_MIN_GAIN_DB;
		else if (!ui_line_number(a->argv[5], &v) || v < lo || v > hi) {
			ui_error(app, "%s takes %g to %g, not \"%s\"", key, lo, hi, a->argv[5]);
			return;
		}
		struct err_msg full;
		if ((!lane && project_limit_room(PROJECT_LIMIT_LANES, *nl, 1, &full) != ERR_OK)
		    || (lane && project_limit_room(PROJECT_LIMIT_POINTS, lane->n_points, 1, &full)
			!= ERR_OK)) {
			ui_error(app, "%s", full.text);
			return;
		}
		studio_edit_begin(app->st, "add automation point");
		if (!lane)
			lane = project_lane_add(&project_strip_at(app->st->project, strip)->lanes, nl,
				key);
		project_lane_insert(lane, t, v);
		studio_edit_commit(app->st);
		lane = studio_auto_lane_of(app->st, strip, key, &li);
		list_lane(app, name, lane);
	} else if (!strcasecmp(verb, "del") && a->argc == 5) {
		double t;
		if (!lane || !parse_seconds(a->argv[4], &t)) {
			ui_error(app, lane ? "a time in seconds or m:ss, not \"%s\"" : "no such lane%s",
				lane ? a->argv[4] : "");
			return;
		}
		studio_edit_begin(app->st, "delete automation point");
		int gone = project_lane_erase(lane, t - 0.0005, t + 0.0005);
		if (!studio_edit_commit(app->st) || gone == 0) {
			ui_message(app, "no point at %s on %s", a->argv[4], key);
			return;
		}
		list_lane(app, name, studio_auto_lane_of(app->st, strip, key, &li));
	} else if (!strcasecmp(verb, "mode") && a->argc == 5) {
		int mode = project_auto_mode_find(a->argv[4]);
		if (mode < 0) {
			ui_error(app, "off, read, write, touch or latch, not \"%s\"", a->argv[4]);
			return;
		}
		struct err_msg full;
		if (!lane && project_limit_room(PROJECT_LIMIT_LANES, *nl, 1, &full) != ERR_OK) {
			ui_error(app, "%s", full.text);
			return;
		}
		studio_edit_begin(app->st, "automation mode");
		if (!lane) /* a new, empty lane: ready to be written */
			lane = project_lane_add(&project_strip_at(app->st->project, strip)->lanes, nl,
				key);
		lane->mode = (enum project_auto_mode)mode;
		studio_edit_commit(app->st);
		ui_message(app, "%s %s: %s%s", name, key, a->argv[4], mode >= AUTO_WRITE
			? " (play, then move the control: it is recorded)" : "");
	} else if (!strcasecmp(verb, "clear") && a->argc == 4) {
		if (!lane) {
			ui_message(app, "%s has no %s lane", name, key);
			return;
		}
		studio_edit_begin(app->st, "clear automation");
		project_lane_remove(lanes, nl, li);
		studio_edit_commit(app->st);
		ui_message(app, "%s %s: lane removed (u undoes)", name, key);
	} else {
		ui_line_usage(app);
	}
}

/* ---- :monitor, :reference ---- */

static struct ui_line_args *line_args(struct ui_app *app)
{
	return &app->cmdline->args;
}

void ui_line_monitor(struct ui_app *app)
{
	if (!studio_monitor_ready(app->st))
		return;
	struct ui_line_args *a = line_args(app);
	if (a->argc != 2) {
		ui_line_usage(app);
		return;
	}
	studio_monitor_set(app->st, a->argv[1]);
}

void ui_line_reference(struct ui_app *app)
{
	if (!studio_monitor_ready(app->st))
		return;
	struct ui_line_args *a = line_args(app);
	if (a->argc < 2) {
		ui_line_usage(app);
		return;
	}
	char path[1024] = "";
	for (int i = 1; i < a->argc; i++) { /* a file name may hold spaces */
		size_t used = strlen(path);
		snprintf(path + used, sizeof path - used, "%s%s", i > 1 ? " " : "", a->argv[i]);
	}
	studio_monitor_reference(app->st, path);
}

/* ---- :album ---- */

void ui_line_album(struct ui_app *app)
{
	const struct ui_line_args *a = &app->cmdline->args;
	if (a->argc > 2) {
		ui_line_usage(app);
		return;
	}
	studio_album_start(app->st, a->argc == 2 ? a->argv[1] : NULL);
}
