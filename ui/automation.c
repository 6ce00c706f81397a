#include "ui/automation.h"

#include <math.h>
#include <time.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "src/project_limits.h"
#include "src/base/xalloc.h"
#include "ui/commands.h"
#include "ui/edit.h"
#include "ui/strip.h"

/* A lane being recorded in this pass. */
struct rec {
	int strip;
	char key[160];
	enum project_auto_mode mode;
	bool holding;           /* the engine has been told to set the lane aside */
	double last_time;       /* song seconds of the last point written */
	double last_press;      /* monotonic seconds of the last key press (touch) */
	double value;           /* the control's value now */
	int written;            /* points written in this stretch */
	double written_time;    /* the time of the last of them */
	double written_value;   /* and its value */
	bool full;              /* the lane reached its point limit: said once */
};

struct ui_auto {
	struct rec rec[UI_AUTO_MAX_REC];
	int n;
	const struct graph *held_graph; /* the graph the holds were sent for */
	bool pass;              /* recording since play */
	char *before;           /* the project as text when the pass began (undo) */
	bool was_playing;
};

static struct ui_auto *state(struct ui_app *app)
{
	if (!app->st->automation)
		app->st->automation = xcalloc(1, sizeof *app->st->automation);
	return app->st->automation;
}

static double song_sec(const struct ui_app *app)
{
	return (double)engine_playhead(app->st->engine) / app->st->project->sample_rate;
}

bool ui_auto_key(struct ui_app *app, enum studio_field field, int strip, int slot, int param,
	char *key, size_t size)
{
	struct ui_strip_ref r;
	if (!ui_strip_ref(app, strip, &r) || !r.n_sends) /* the master has no lanes */
		return false;
	switch (field) {
	case STUDIO_FIELD_GAIN: snprintf(key, size, "gain_db"); return true;
	case STUDIO_FIELD_PAN: snprintf(key, size, "pan"); return true;
	case STUDIO_FIELD_MUTE: snprintf(key, size, "mute"); return true;
	case STUDIO_FIELD_SEND:
		if (slot < 0 || slot >= *r.n_sends)
			return false;
		snprintf(key, size, "send.%s.level_db", (*r.sends)[slot].bus);
		return true;
	case STUDIO_FIELD_FX_PARAM:
		if (slot < 0 || slot >= *r.n_inserts)
			return false;
		snprintf(key, size, "insert.%d.%s", slot + 1,
			r.inserts[slot].cls->params[param].name);
		return true;
	case STUDIO_FIELD_SOLO:
	case STUDIO_FIELD_SOLO_SAFE:
	case STUDIO_FIELD_FX_BYPASS:
	case STUDIO_FIELD_CLIP_PITCH:
	case STUDIO_FIELD_CLIP_VARISPEED:
		break;
	}
	return false;
}

/* The strip's lanes array (tracks and buses have one). */
static bool lanes_of(struct ui_app *app, int strip, struct project_lane **lanes, int **n)
{
	struct project *p = app->st->project;
	if (strip >= 0 && strip < p->n_tracks) {
		*lanes = p->tracks[strip].lanes;
		*n = &p->tracks[strip].n_lanes;
		return true;
	}
	if (ui_strip_is_bus(app, strip)) {
		struct project_bus *b = &p->buses[strip - p->n_tracks];
		*lanes = b->lanes;
		*n = &b->n_lanes;
		return true;
	}
	return false;
}

static struct project_lane *lane_of(struct ui_app *app, int strip, const char *key,
	int *index)
{
	struct project_lane *lanes;
	int *n;
	if (!lanes_of(app, strip, &lanes, &n))
		return NULL;
	for (int i = 0; i < *n; i++)
		if (!strcmp(lanes[i].param, key)) {
			*index = i;
			return &lanes[i];
		}
	return NULL;
}

static void hold(struct ui_app *app, struct rec *r, bool on)
{
	int index;
	if (!lane_of(app, r->strip, r->key, &index) || r->holding == on)
		return;
	struct cmd c = { .type = CMD_AUTO_HOLD, .strip = r->strip, .slot = index, .on = on };
	ui_send_cmd(app, &c);
	r->holding = on;
}

static void begin_pass(struct ui_app *app)
{
	struct ui_auto *a = state(app);
	if (a->pass)
		return;
	a->pass = true;
	free(a->before);
	a->before = project_to_json(app->st->project);
}

/* Write value at song time t over the lane: points the pass has moved past since the
 * last write go. Presses faster than the playhead moves land on one time: the first
 * point there stays (the value before them), the last one takes the newest value. */
static void write_point(struct ui_app *app, struct rec *r, double t, double value,
	bool force)
{
	int index;
	struct project_lane *lane = lane_of(app, r->strip, r->key, &index);
	if (!lane)
		return;
	if (t < r->last_time) { /* the song looped: a new stretch begins */
		r->last_time = t;
		r->written = 0;
	}
	project_lane_erase(lane, r->last_time, t);
	r->last_time = t;
	r->value = value;
	if (r->written >= 2 && r->written_time == t) {
		for (int i = lane->n_points - 1; i >= 0; i--)
			if (lane->points[i].time == t) {
				lane->points[i].value = value;
				return;
			}
	}
	/* a point only where the value changes (and at the ends of a stretch: the lane is
	 * not read while it records, and the last point, always written, closes it) */
	if (!force && r->written > 0 && r->written_value == value)
		return;
	struct err_msg why;
	if (project_lane_add_point(lane, t, value, &why) != ERR_OK) {
		if (!r->full)
			ui_error(app, "%s; %s stops recording here", why.text, r->key);
		r->full = true;
		return;
	}
	r->written = r->written_time == t ? r->written + 1 : 1;
	r->written_time = t;
	r->written_value = value;
}

static struct rec *find_rec(struct ui_auto *a, int strip, const char *key)
{
	for (int i = 0; i < a->n; i++)
		if (a->rec[i].strip == strip && !strcmp(a->rec[i].key, key))
			return &a->rec[i];
	return NULL;
}

static struct rec *start_rec(struct ui_app *app, int strip, const char *key,
	enum project_auto_mode mode, double value)
{
	struct ui_auto *a = state(app);
	struct rec *r = find_rec(a, strip, key);
	if (r)
		return r;
	if (a->n == UI_AUTO_MAX_REC)
		return NULL;
	r = &a->rec[a->n++];
	memset(r, 0, sizeof *r);
	r->strip = strip;
	snprintf(r->key, sizeof r->key, "%s", key);
	r->mode = mode;
	r->value = value;
	r->last_time = song_sec(app);
	begin_pass(app);
	hold(app, r, true);
	a->held_graph = app->st->graph;
	return r;
}

void ui_auto_touched(struct ui_app *app, enum studio_field field, int strip, int slot,
	int param, double old_value, double value)
{
	if (!app->st->engine || !app->st->play_wanted)
		return;
	char key[160];
	int index;
	if (!ui_auto_key(app, field, strip, slot, param, key, sizeof key))
		return;
	struct project_lane *lane = lane_of(app, strip, key, &index);
	if (!lane || (lane->mode != AUTO_WRITE && lane->mode != AUTO_TOUCH
		&& lane->mode != AUTO_LATCH))
		return;
	bool fresh = !find_rec(state(app), strip, key);
	const double t = song_sec(app);
	/* a touch or latch picks the control up where its lane had it */
	if (fresh && lane->mode != AUTO_WRITE && lane->n_points > 0)
		old_value = project_lane_value(lane, t);
	struct rec *r = start_rec(app, strip, key, lane->mode, old_value);
	if (!r)
		return;
	/* the control held its value until now: a point there first, so the lane stays
	 * flat up to the move instead of sloping from the last point */
	if (field != STUDIO_FIELD_MUTE && (fresh || r->written_time < t))
		write_point(app, r, t, old_value, true);
	if (field == STUDIO_FIELD_MUTE) {
		/* 1 is muted; the switch glides over a few ms so playback does not click */
		write_point(app, r, t, old_value, true);
		write_point(app, r, t + UI_AUTO_MUTE_RAMP, value, true);
	} else {
		write_point(app, r, t, value, false);
	}
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	r->last_press = (double)ts.tv_sec + ts.tv_nsec * 1e-9;
	ui_message(app, "writing automation (%s): %s %s", project_auto_mode_name(lane->mode),
		ui_strip_name(app, strip), key);
}

/* Release a recording lane: a last point at the control's value, and the engine reads
 * the lane again. */
static void release(struct ui_app *app, struct rec *r, double t)
{
	write_point(app, r, t, r->value, true);
	hold(app, r, false);
}

void ui_auto_free(struct ui_app *app)
{
	if (app->st->automation) {
		free(app->st->automation->before);
		free(app->st->automation);
		app->st->automation = NULL;
	}
}

void ui_auto_finish(struct ui_app *app)
{
	struct ui_auto *a = app->st->automation;
	if (!a || !a->pass)
		return;
	const double t = song_sec(app);
	for (int i = 0; i < a->n; i++)
		if (a->rec[i].holding)
			release(app, &a->rec[i], t);
	a->n = 0;
	a->pass = false;
	char *after = project_to_json(app->st->project);
	if (a->before && strcmp(a->before, after)) {
		studio_undo_push_shape(&app->st->undo, "automation pass", a->before, after);
		a->before = NULL;
		ui_graph_rebuild(app); /* the new points are heard from now on */
		ui_message(app, "automation written (u undoes the pass)");
	} else {
		free(after);
		free(a->before);
		a->before = NULL;
	}
}

/* Lanes in write mode record from the moment play starts, touched or not. */
static void start_write_lanes(struct ui_app *app)
{
	const int n = ui_strip_count(app);
	for (int s = 0; s < n; s++) {
		struct project_lane *lanes;
		int *nl;
		if (!lanes_of(app, s, &lanes, &nl))
			continue;
		for (int i = 0; i < *nl; i++) {
			if (lanes[i].mode != AUTO_WRITE)
				continue;
			/* the control's value: the lane key names it */
			struct ui_strip_ref r;
			ui_strip_ref(app, s, &r);
			enum project_auto_target target;
			int index, param;
			if (!project_auto_target(lanes[i].param, *r.sends, *r.n_sends, r.inserts,
				*r.n_inserts, &target, &index, &param, NULL, 0))
				continue;
			double v = target == AUTO_GAIN ? *r.gain_db : target == AUTO_PAN ? *r.pan
				: target == AUTO_MUTE ? (*r.mute ? 1.0 : 0.0)
				: target == AUTO_SEND ? (*r.sends)[index].level_db
				: r.inserts[index].params[param];
			struct rec *rec = start_rec(app, s, lanes[i].param, AUTO_WRITE, v);
			if (rec) /* from where play started: the pass covers all it played */
				write_point(app, rec, (double)app->st->play_from / app->st->project->sample_rate,
					v, true);
		}
	}
}

void ui_auto_tick(struct ui_app *app, double now_sec)
{
	struct ui_auto *a = state(app);
	const bool playing = app->st->play_wanted;
	if (playing && !a->was_playing)
		start_write_lanes(app);
	if (!playing && a->was_playing)
		ui_auto_finish(app);
	a->was_playing = playing;
	if (!playing || !a->pass)
		return;
	if (a->held_graph != app->st->graph) {
		/* a rebuilt graph (an edit during the pass) reads every lane: hold them again */
		for (int i = 0; i < a->n; i++)
			if (a->rec[i].holding) {
				a->rec[i].holding = false;
				hold(app, &a->rec[i], true);
			}
		a->held_graph = app->st->graph;
	}
	const double t = song_sec(app);
	for (int i = 0; i < a->n; i++) {
		struct rec *r = &a->rec[i];
		if (!r->holding)
			continue;
		if (r->mode == AUTO_TOUCH && now_sec - r->last_press > UI_AUTO_TOUCH_SEC) {
			release(app, r, t); /* let go: the lane plays again from here */
			continue;
		}
		/* write and latch (and a touch still held) overwrite what the song passes */
		write_point(app, r, t, r->value, false);
	}
}

double ui_auto_current(struct ui_app *app, enum studio_field field, int strip, int slot,
	int param)
{
	const double fixed = ui_edit_get_at(app, field, strip, slot, param);
	char key[160];
	int index;
	if (!ui_auto_key(app, field, strip, slot, param, key, sizeof key))
		return fixed;
	const struct project_lane *lane = lane_of(app, strip, key, &index);
	if (!lane || lane->mode == AUTO_OFF || lane->mode == AUTO_WRITE || lane->n_points == 0)
		return fixed;
	const struct rec *r = app->st->automation ? find_rec(app->st->automation, strip, key) : NULL;
	if (r && r->holding)
		return fixed; /* being written: the control is what plays */
	return project_lane_value(lane, app->st->engine ? song_sec(app) : 0.0);
}

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
	struct ui_strip_ref r;
	struct project_lane *lanes;
	int *nl;
	if (!ui_strip_ref(app, strip, &r) || !lanes_of(app, strip, &lanes, &nl)) {
		ui_error(app, "the master has no automation lanes");
		return;
	}
	const char *key = a->argv[2];
	enum project_auto_target target;
	int index, param;
	char why[160];
	if (!project_auto_target(key, *r.sends, *r.n_sends, r.inserts, *r.n_inserts, &target,
		&index, &param, why, sizeof why)) {
		ui_error(app, "%s: %s", key, why);
		return;
	}
	int li;
	struct project_lane *lane = lane_of(app, strip, key, &li);
	const char *verb = a->argc > 3 ? a->argv[3] : "list";
	const char *name = ui_strip_name(app, strip);
	if (!strcasecmp(verb, "list") && a->argc <= 4) {
		if (!lane)
			ui_message(app, "%s has no %s lane (:auto %s %s add T V makes one)", name, key,
				a->argv[1], key);
		else
			list_lane(app, name, lane);
		return;
	}
	double lo, hi;
	project_auto_range(target, target == AUTO_INSERT ? &r.inserts[index] : NULL, param,
		&lo, &hi);
	if (!strcasecmp(verb, "add") && a->argc == 6) {
		double t, v;
		if (!parse_seconds(a->argv[4], &t)) {
			ui_error(app, "a time in seconds or m:ss, not \"%s\"", a->argv[4]);
			return;
		}
		if (!strcasecmp(a->argv[5], "-inf") && (target == AUTO_GAIN || target == AUTO_SEND))
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
		ui_edit_begin(app, "add automation point");
		if (!lane) {
			struct project_lane **pl = strip < app->st->project->n_tracks
				? &app->st->project->tracks[strip].lanes
				: &app->st->project->buses[strip - app->st->project->n_tracks].lanes;
			lane = project_lane_add(pl, nl, key);
		}
		project_lane_insert(lane, t, v);
		ui_edit_commit(app);
		lane = lane_of(app, strip, key, &li);
		list_lane(app, name, lane);
	} else if (!strcasecmp(verb, "del") && a->argc == 5) {
		double t;
		if (!lane || !parse_seconds(a->argv[4], &t)) {
			ui_error(app, lane ? "a time in seconds or m:ss, not \"%s\"" : "no such lane%s",
				lane ? a->argv[4] : "");
			return;
		}
		ui_edit_begin(app, "delete automation point");
		int gone = project_lane_erase(lane, t - 0.0005, t + 0.0005);
		if (!ui_edit_commit(app) || gone == 0) {
			ui_message(app, "no point at %s on %s", a->argv[4], key);
			return;
		}
		list_lane(app, name, lane_of(app, strip, key, &li));
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
		ui_edit_begin(app, "automation mode");
		if (!lane) /* a new, empty lane: ready to be written */
			lane = project_lane_add(strip < app->st->project->n_tracks
				? &app->st->project->tracks[strip].lanes
				: &app->st->project->buses[strip - app->st->project->n_tracks].lanes, nl, key);
		lane->mode = (enum project_auto_mode)mode;
		ui_edit_commit(app);
		ui_message(app, "%s %s: %s%s", name, key, a->argv[4], mode >= AUTO_WRITE
			? " (play, then move the control: it is recorded)" : "");
	} else if (!strcasecmp(verb, "clear") && a->argc == 4) {
		if (!lane) {
			ui_message(app, "%s has no %s lane", name, key);
			return;
		}
		ui_edit_begin(app, "clear automation");
		project_lane_remove(lanes, nl, li);
		ui_edit_commit(app);
		ui_message(app, "%s %s: lane removed (u undoes)", name, key);
	} else {
		ui_line_usage(app);
	}
}
