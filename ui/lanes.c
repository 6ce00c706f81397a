#include "ui/lanes.h"

#include <curses.h>
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "src/control.h"
#include "src/project_limits.h"
#include "ui/app.h"
#include "ui/cmdline.h"
#include "ui/draw.h"
#include "src/studio/edit.h"
#include "src/studio/strip.h"
#include "ui/theme.h"

#define LANES_MAX_ROWS 6 /* lanes shown at once (the selected one stays in view) */

/* The selected track (the mixer's selection may sit on a bus or the master). */
static int track_of(const struct ui_app *app)
{
	const int n = app->st->project->n_tracks;
	return app->sel.strip < n ? app->sel.strip : n - 1;
}

static struct project_track *track(struct ui_app *app)
{
	int t = track_of(app);
	return t >= 0 ? &app->st->project->tracks[t] : NULL;
}

int ui_lanes_rows(const struct ui_app *app)
{
	if (!app->arr.lanes.shown || app->st->project->n_tracks == 0)
		return 0;
	const struct project_track *t = &app->st->project->tracks[track_of(app)];
	int n = t->strip.n_lanes > 0 ? t->strip.n_lanes : 1;
	return 1 + (n > LANES_MAX_ROWS ? LANES_MAX_ROWS : n); /* a heading, then the lanes */
}

/* The selected lane, kept in range; NULL when the track has none. */
static struct project_lane *lane(struct ui_app *app)
{
	struct project_track *t = track(app);
	if (!t || t->strip.n_lanes == 0)
		return NULL;
	if (app->arr.lanes.sel >= t->strip.n_lanes)
		app->arr.lanes.sel = t->strip.n_lanes - 1;
	if (app->arr.lanes.sel < 0)
		app->arr.lanes.sel = 0;
	struct project_lane *l = &t->strip.lanes[app->arr.lanes.sel];
	if (app->arr.lanes.point >= l->n_points)
		app->arr.lanes.point = l->n_points - 1;
	if (app->arr.lanes.point < 0)
		app->arr.lanes.point = 0;
	return l;
}

/* What the lane drives on the selected track; false when its key names nothing there
 * (the loader and the commands keep that from happening). */
static bool target_of(struct ui_app *app, const struct project_lane *l,
	enum control_id *target, int *index, int *param)
{
	const struct project_track *t = track(app);
	*target = CONTROL_GAIN;
	*index = *param = 0;
	return project_auto_target(l->param, t->strip.sends, t->strip.n_sends, t->strip.inserts, t->strip.n_inserts,
		target, index, param, NULL, 0);
}

/* The lane's range (its control's); shown: levels from the meters' floor. */
static void range_of(struct ui_app *app, const struct project_lane *l, double *lo,
	double *hi, bool shown)
{
	enum control_id target;
	int index, param;
	*lo = 0;
	*hi = 1;
	if (!target_of(app, l, &target, &index, &param))
		return;
	project_auto_range(target, target == CONTROL_INSERT_PARAM ? &track(app)->strip.inserts[index] : NULL,
		param, lo, hi);
	if (shown && (target == CONTROL_GAIN || target == CONTROL_SEND_LEVEL))
		*lo = -60; /* the meters' floor: below it is silence on screen */
}

static double playhead_sec(const struct ui_app *app)
{
	return (double)app->st->snap.playhead / app->st->project->sample_rate;
}

/* ---- drawing ---- */

/* A level 0..1 as one cell: eighth blocks in UTF-8, else '_' '.' '-' '=' '#'. */
static const char *level_glyph(double x)
{
	static const char *const blocks[] = { " ", "\u2581", "\u2582", "\u2583", "\u2584",
		"\u2585", "\u2586", "\u2587", "\u2588" };
	static const char *const ascii[] = { " ", "_", "_", ".", ".", "-", "-", "=", "#" };
	int k = (int)lround((x < 0 ? 0 : x > 1 ? 1 : x) * 8);
	if (x > 0 && k == 0)
		k = 1;
	return ui_draw_utf8() ? blocks[k] : ascii[k];
}

static void draw_lane(struct ui_app *app, const struct ui_timeline *tl,
	const struct project_lane *l, int y, bool selected)
{
	const int label = selected ? ui_theme_attr(UI_ROLE_SELECTED)
		: ui_theme_attr(UI_ROLE_LABEL);
	/* the name column is the arranger's track column (set name-width) */
	ui_textf(y, 0, tl->x0 - 1, label, true, " %.9s %c", l->param, "-RWTL"[l->mode]);
	ui_text(y, tl->x0 - 1, 1, ui_theme_attr(UI_ROLE_LABEL), false, ui_glyph_vbar());
	double lo, hi;
	range_of(app, l, &lo, &hi, true);
	const int curve = l->mode == AUTO_OFF ? ui_theme_attr(UI_ROLE_LABEL)
		: ui_theme_attr(UI_ROLE_METER_LOW);
	for (int c = 0; c < tl->width; c++) {
		if (l->n_points == 0) {
			ui_text(y, tl->x0 + c, 1, A_NORMAL, false, " ");
			continue;
		}
		double t = tl->view_sec + (c + 0.5) * tl->spc;
		double v = (project_lane_value(l, t) - lo) / (hi - lo);
		ui_text(y, tl->x0 + c, 1, curve, false, level_glyph(v));
	}
	/* the points, over the curve: the selected one stands out */
	for (int i = 0; i < l->n_points; i++) {
		int c = (int)floor((l->points[i].time - tl->view_sec) / tl->spc);
		if (c < 0 || c >= tl->width)
			continue;
		bool here = selected && i == app->arr.lanes.point;
		ui_text(y, tl->x0 + c, 1, here ? ui_theme_attr(UI_ROLE_SELECTED) | (int)A_BOLD
			: ui_theme_attr(UI_ROLE_STRONG), false, ui_draw_utf8() ? "\u25cf" : "o");
	}
}

void ui_lanes_draw(struct ui_app *app, const struct ui_timeline *tl, int t, int top,
	int rows)
{
	if (t < 0 || rows < 1)
		return;
	struct project_track *tr = &app->st->project->tracks[t];
	const struct project_lane *sel = lane(app);
	char head[160];
	if (sel && sel->n_points > 0) {
		const struct project_auto_point *pt = &sel->points[app->arr.lanes.point];
		snprintf(head, sizeof head, " %s: %s (%s), point %d of %d at %.3f s = %.4g",
			tr->strip.name, sel->param, project_auto_mode_name(sel->mode), app->arr.lanes.point + 1,
			sel->n_points, pt->time, pt->value);
	} else if (sel) {
		snprintf(head, sizeof head, " %s: %s (%s), no points: a adds one at the playhead",
			tr->strip.name, sel->param, project_auto_mode_name(sel->mode));
	} else {
		snprintf(head, sizeof head, " %s has no automation lanes: :auto %s gain_db mode "
			"touch, then play and move the fader", tr->strip.name, tr->strip.name);
	}
	ui_text(top, 0, COLS, ui_theme_attr(UI_ROLE_HEADING), true, head);
	if (!sel)
		return;
	/* the lanes around the selected one */
	int first = app->arr.lanes.sel - (rows - 1) + 1;
	if (first < 0)
		first = 0;
	for (int r = 1; r < rows; r++) {
		int i = first + r - 1;
		if (i < tr->strip.n_lanes)
			draw_lane(app, tl, &tr->strip.lanes[i], top + r, i == app->arr.lanes.sel);
		else
			ui_text(top + r, 0, COLS, A_NORMAL, true, "");
	}
}

/* ---- commands ---- */

void ui_lanes_toggle(struct ui_app *app)
{
	app->arr.lanes.shown = !app->arr.lanes.shown;
	app->arr.lanes.point = 0;
	app->need_draw = true;
}

static void select_lane(struct ui_app *app, int delta)
{
	app->arr.lanes.sel += delta;
	app->arr.lanes.point = 0;
	lane(app);
	app->need_draw = true;
}

void ui_lanes_up(struct ui_app *app) { select_lane(app, -1); }
void ui_lanes_down(struct ui_app *app) { select_lane(app, 1); }

static void select_point(struct ui_app *app, int delta)
{
	struct project_lane *l = lane(app);
	if (!l || l->n_points == 0)
		return;
	app->arr.lanes.point = (app->arr.lanes.point + delta + l->n_points) % l->n_points;
	app->need_draw = true;
}

void ui_lanes_point_next(struct ui_app *app) { select_point(app, 1); }
void ui_lanes_point_prev(struct ui_app *app) { select_point(app, -1); }

/* The index of a point at exactly (time, value) after an edit reordered them. */
static int find_point(const struct project_lane *l, double time, double value)
{
	for (int i = l->n_points - 1; i >= 0; i--)
		if (l->points[i].time == time && l->points[i].value == value)
			return i;
	return 0;
}

void ui_lanes_point_add(struct ui_app *app)
{
	struct project_lane *l = lane(app);
	if (!l) {
		ui_message(app, "no lane: :auto TRACK gain_db mode read makes one");
		return;
	}
	const double t = round(playhead_sec(app) * 1000.0) / 1000.0;
	double v;
	if (l->n_points > 0) {
		v = project_lane_value(l, t);
	} else {
		/* an empty lane starts from where its control is */
		struct project_track *tr = track(app);
		enum control_id target;
		int index, param;
		target_of(app, l, &target, &index, &param);
		v = target == CONTROL_GAIN ? tr->strip.gain_db : target == CONTROL_PAN ? tr->strip.pan
			: target == CONTROL_MUTE ? tr->strip.mute : target == CONTROL_SEND_LEVEL
			? tr->strip.sends[index].level_db : tr->strip.inserts[index].params[param];
	}
	const int sel = app->arr.lanes.sel;
	struct err_msg why;
	if (project_limit_room(PROJECT_LIMIT_POINTS, l->n_points, 1, &why) != ERR_OK) {
		ui_error(app, "%s", why.text);
		return;
	}
	studio_edit_begin(app->st, "add automation point");
	project_lane_insert(l, t, v);
	studio_edit_commit(app->st);
	app->arr.lanes.sel = sel;
	l = lane(app);
	app->arr.lanes.point = find_point(l, t, v);
	if (l)
		ui_message(app, "%s: point added at %.3f s, %.4g", l->param, t, v);
	app->need_draw = true;
}

void ui_lanes_point_delete(struct ui_app *app)
{
	struct project_lane *l = lane(app);
	if (!l || l->n_points == 0)
		return;
	const int sel = app->arr.lanes.sel, k = app->arr.lanes.point;
	const double when = l->points[k].time;
	studio_edit_begin(app->st, "delete automation point");
	memmove(&l->points[k], &l->points[k + 1],
		(size_t)(l->n_points - k - 1) * sizeof *l->points);
	l->n_points--;
	studio_edit_commit(app->st);
	app->arr.lanes.sel = sel;
	l = lane(app);
	if (l)
		ui_message(app, "%s: point at %.3f s deleted (u brings it back)", l->param, when);
	app->need_draw = true;
}

/* Change the selected point to (time, value), keeping time order; one undo step. */
static void set_point(struct ui_app *app, double time, double value, const char *what)
{
	struct project_lane *l = lane(app);
	if (!l || l->n_points == 0)
		return;
	double lo, hi;
	range_of(app, l, &lo, &hi, false);
	value = value < lo ? lo : value > hi ? hi : value;
	value = round(value * 10000.0) / 10000.0;
	time = time < 0 ? 0 : round(time * 1000.0) / 1000.0;
	const int sel = app->arr.lanes.sel;
	studio_edit_begin(app->st, what);
	const int k = app->arr.lanes.point;
	memmove(&l->points[k], &l->points[k + 1],
		(size_t)(l->n_points - k - 1) * sizeof *l->points);
	l->n_points--;
	project_lane_insert(l, time, value);
	studio_edit_commit(app->st);
	app->arr.lanes.sel = sel;
	l = lane(app);
	app->arr.lanes.point = find_point(l, time, value);
	if (l)
		ui_message(app, "%s: point at %.3f s, %.4g", l->param, time, value);
	app->need_draw = true;
}

void ui_lanes_point_move(struct ui_app *app, double sec)
{
	struct project_lane *l = lane(app);
	if (!l || l->n_points == 0)
		return;
	const struct project_auto_point p = l->points[app->arr.lanes.point];
	set_point(app, p.time + sec, p.value, "move automation point");
}

/* A value step: 0.5 dB for levels, 0.05 for pan, a switch for mute, 1 % of the range
 * for a parameter. The unit is the control's (src/control.h), an insert parameter's
 * its effect's (audio/fx/fx.h). */
static double value_step(struct ui_app *app, const struct project_lane *l, double lo,
	double hi)
{
	const struct control *c = control_by_lane(l->param);
	enum control_id target;
	int index, param;
	if (!c)
		return (hi - lo) / 100.0;
	switch (c->taper) {
	case CONTROL_TAPER_SWITCH:
		return 1;
	case CONTROL_TAPER_PAN:
		return 0.05;
	case CONTROL_TAPER_DB:
		return 0.5;
	case CONTROL_TAPER_FX:
		break;
	}
	if (target_of(app, l, &target, &index, &param) && target == CONTROL_INSERT_PARAM) {
		const struct fx_class *cls = track(app)->strip.inserts[index].cls;
		if (!strcmp(cls->params[param].unit, "dB"))
			return 0.5;
	}
	return (hi - lo) / 100.0;
}

static void step_point(struct ui_app *app, int dir)
{
	struct project_lane *l = lane(app);
	if (!l || l->n_points == 0)
		return;
	const struct project_auto_point p = l->points[app->arr.lanes.point];
	double lo, hi;
	range_of(app, l, &lo, &hi, false);
	const double step = value_step(app, l, lo, hi);
	set_point(app, p.time, p.value + dir * step, "change automation point");
}

void ui_lanes_point_up(struct ui_app *app) { step_point(app, 1); }
void ui_lanes_point_down(struct ui_app *app) { step_point(app, -1); }

void ui_lanes_point_type(struct ui_app *app)
{
	struct project_lane *l = lane(app);
	struct project_track *tr = track(app);
	if (!l || !tr)
		return;
	char text[UI_CMDLINE_MAX];
	const char *q = strchr(tr->strip.name, ' ') ? "\"" : "";
	snprintf(text, sizeof text, "auto %s%s%s %s add %.3f ", q, tr->strip.name, q, l->param,
		playhead_sec(app));
	ui_cmdline_open_with(app, text);
}

void ui_lanes_mode(struct ui_app *app)
{
	struct project_lane *l = lane(app);
	if (!l)
		return;
	const int sel = app->arr.lanes.sel;
	studio_edit_begin(app->st, "automation mode");
	l->mode = (enum project_auto_mode)((l->mode + 1) % (AUTO_LATCH + 1));
	const enum project_auto_mode mode = l->mode;
	studio_edit_commit(app->st);
	app->arr.lanes.sel = sel;
	ui_message(app, "%s: %s", l->param, project_auto_mode_name(mode));
}
