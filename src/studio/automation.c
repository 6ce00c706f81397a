#include "src/studio/automation.h"

#include <math.h>
#include <time.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "src/control.h"
#include "src/project_limits.h"
#include "src/base/clock.h"
#include "src/base/xalloc.h"
#include "src/studio/strip.h"

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

struct studio_auto {
	struct rec rec[STUDIO_AUTO_MAX_REC];
	int n;
	const struct graph *held_graph; /* the graph the holds were sent for */
	bool pass;              /* recording since play */
	char *before;           /* the project as text when the pass began (undo) */
	bool was_playing;
};

static struct studio_auto *state(struct studio *st)
{
	if (!st->automation)
		st->automation = xcalloc(1, sizeof *st->automation);
	return st->automation;
}

static double song_sec(const struct studio *st)
{
	return (double)engine_playhead(st->engine) / st->project->sample_rate;
}

bool studio_auto_key(struct studio *st, enum control_id id, int strip, int slot,
	int param, char *key, size_t size)
{
	const struct project_strip *s = strip != STRIP_MASTER /* the master has no lanes */
		? project_strip_at(st->project, strip) : NULL;
	const struct control *c = control_get(id);
	return s && c && control_lane_key(c, s, slot, param, key, size);
}

/* The strip's lanes array (tracks and buses have one; the master none). */
bool studio_auto_lanes_of(struct studio *st, int strip, struct project_lane **lanes,
	int **n)
{
	struct project_strip *s = strip != STRIP_MASTER
		? project_strip_at(st->project, strip) : NULL;
	if (!s)
		return false;
	*lanes = s->lanes;
	*n = &s->n_lanes;
	return true;
}

struct project_lane *studio_auto_lane_of(struct studio *st, int strip, const char *key,
	int *index)
{
	struct project_lane *lanes;
	int *n;
	if (!studio_auto_lanes_of(st, strip, &lanes, &n))
		return NULL;
	for (int i = 0; i < *n; i++)
		if (!strcmp(lanes[i].param, key)) {
			*index = i;
			return &lanes[i];
		}
	return NULL;
}

static void hold(struct studio *st, struct rec *r, bool on)
{
	int index;
	if (!studio_auto_lane_of(st, r->strip, r->key, &index) || r->holding == on)
		return;
	struct cmd c = { .type = CMD_AUTO_HOLD, .strip = r->strip, .slot = index, .on = on };
	studio_send_cmd(st, &c);
	r->holding = on;
}

static void begin_pass(struct studio *st)
{
	struct studio_auto *a = state(st);
	if (a->pass)
		return;
	a->pass = true;
	free(a->before);
	a->before = project_to_json(st->project);
}

/* Write value at song time t over the lane: points the pass has moved past since the
 * last write go. Presses faster than the playhead moves land on one time: the first
 * point there stays (the value before them), the last one takes the newest value. */
static void write_point(struct studio *st, struct rec *r, double t, double value,
	bool force)
{
	int index;
	struct project_lane *lane = studio_auto_lane_of(st, r->strip, r->key, &index);
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
			studio_error(st, "%s; %s stops recording here", why.text, r->key);
		r->full = true;
		return;
	}
	r->written = r->written_time == t ? r->written + 1 : 1;
	r->written_time = t;
	r->written_value = value;
}

static struct rec *find_rec(struct studio_auto *a, int strip, const char *key)
{
	for (int i = 0; i < a->n; i++)
		if (a->rec[i].strip == strip && !strcmp(a->rec[i].key, key))
			return &a->rec[i];
	return NULL;
}

static struct rec *start_rec(struct studio *st, int strip, const char *key,
	enum project_auto_mode mode, double value)
{
	struct studio_auto *a = state(st);
	struct rec *r = find_rec(a, strip, key);
	if (r)
		return r;
	if (a->n == STUDIO_AUTO_MAX_REC)
		return NULL;
	r = &a->rec[a->n++];
	memset(r, 0, sizeof *r);
	r->strip = strip;
	snprintf(r->key, sizeof r->key, "%s", key);
	r->mode = mode;
	r->value = value;
	r->last_time = song_sec(st);
	begin_pass(st);
	hold(st, r, true);
	a->held_graph = st->graph;
	return r;
}

void studio_auto_touched(struct studio *st, enum control_id id, int strip, int slot,
	int param, double old_value, double value)
{
	if (!st->engine || !st->play_wanted)
		return;
	char key[160];
	int index;
	if (!studio_auto_key(st, id, strip, slot, param, key, sizeof key))
		return;
	struct project_lane *lane = studio_auto_lane_of(st, strip, key, &index);
	if (!lane || (lane->mode != AUTO_WRITE && lane->mode != AUTO_TOUCH
		&& lane->mode != AUTO_LATCH))
		return;
	bool fresh = !find_rec(state(st), strip, key);
	const double t = song_sec(st);
	/* a touch or latch picks the control up where its lane had it */
	if (fresh && lane->mode != AUTO_WRITE && lane->n_points > 0)
		old_value = project_lane_value(lane, t);
	struct rec *r = start_rec(st, strip, key, lane->mode, old_value);
	if (!r)
		return;
	/* the control held its value until now: a point there first, so the lane stays
	 * flat up to the move instead of sloping from the last point */
	if (id != CONTROL_MUTE && (fresh || r->written_time < t))
		write_point(st, r, t, old_value, true);
	if (id == CONTROL_MUTE) {
		/* 1 is muted; the switch glides over a few ms so playback does not click */
		write_point(st, r, t, old_value, true);
		write_point(st, r, t + STUDIO_AUTO_MUTE_RAMP, value, true);
	} else {
		write_point(st, r, t, value, false);
	}
	r->last_press = clock_now_sec();
	studio_message(st, "writing automation (%s): %s %s", project_auto_mode_name(lane->mode),
		studio_strip_name(st, strip), key);
}

/* Release a recording lane: a last point at the control's value, and the engine reads
 * the lane again. */
static void release(struct studio *st, struct rec *r, double t)
{
	write_point(st, r, t, r->value, true);
	hold(st, r, false);
}

void studio_auto_free(struct studio *st)
{
	if (st->automation) {
		free(st->automation->before);
		free(st->automation);
		st->automation = NULL;
	}
}

void studio_auto_finish(struct studio *st)
{
	struct studio_auto *a = st->automation;
	if (!a || !a->pass)
		return;
	const double t = song_sec(st);
	for (int i = 0; i < a->n; i++)
		if (a->rec[i].holding)
			release(st, &a->rec[i], t);
	a->n = 0;
	a->pass = false;
	char *after = project_to_json(st->project);
	if (a->before && strcmp(a->before, after)) {
		studio_undo_push_shape(&st->undo, "automation pass", a->before, after);
		a->before = NULL;
		studio_graph_rebuild(st); /* the new points are heard from now on */
		studio_message(st, "automation written (u undoes the pass)");
	} else {
		free(after);
		free(a->before);
		a->before = NULL;
	}
}

/* Lanes in write mode record from the moment play starts, touched or not. */
static void start_write_lanes(struct studio *st)
{
	const int n = studio_strip_count(st);
	for (int s = 0; s < n; s++) {
		struct project_lane *lanes;
		int *nl;
		if (!studio_auto_lanes_of(st, s, &lanes, &nl))
			continue;
		for (int i = 0; i < *nl; i++) {
			if (lanes[i].mode != AUTO_WRITE)
				continue;
			/* the control's value: the lane key names it */
			const struct project_strip *ps = project_strip_at(st->project, s);
			enum control_id target;
			int index, param;
			if (!project_auto_target(lanes[i].param, ps->sends, ps->n_sends, ps->inserts,
				ps->n_inserts, &target, &index, &param, NULL, 0))
				continue;
			double v = control_value(control_get(target), ps, index, param);
			struct rec *rec = start_rec(st, s, lanes[i].param, AUTO_WRITE, v);
			if (rec) /* from where play started: the pass covers all it played */
				write_point(st, rec, (double)st->play_from / st->project->sample_rate,
					v, true);
		}
	}
}

void studio_auto_tick(struct studio *st, double now_sec)
{
	struct studio_auto *a = state(st);
	const bool playing = st->play_wanted;
	if (playing && !a->was_playing)
		start_write_lanes(st);
	if (!playing && a->was_playing)
		studio_auto_finish(st);
	a->was_playing = playing;
	if (!playing || !a->pass)
		return;
	if (a->held_graph != st->graph) {
		/* a rebuilt graph (an edit during the pass) reads every lane: hold them again */
		for (int i = 0; i < a->n; i++)
			if (a->rec[i].holding) {
				a->rec[i].holding = false;
				hold(st, &a->rec[i], true);
			}
		a->held_graph = st->graph;
	}
	const double t = song_sec(st);
	for (int i = 0; i < a->n; i++) {
		struct rec *r = &a->rec[i];
		if (!r->holding)
			continue;
		if (r->mode == AUTO_TOUCH && now_sec - r->last_press > STUDIO_AUTO_TOUCH_SEC) {
			release(st, r, t); /* let go: the lane plays again from here */
			continue;
		}
		/* write and latch (and a touch still held) overwrite what the song passes */
		write_point(st, r, t, r->value, false);
	}
}

double studio_auto_current(struct studio *st, enum control_id id, int strip, int slot,
	int param)
{
	/* the control's own value, read through the table (as src/studio/edit.c writes it) */
	const struct project_strip *s = project_strip_at(st->project, strip);
	const struct control *c = control_get(id);
	if (!s || !c || !control_has(c, s, studio_strip_kind(st, strip), slot, param))
		return 0;
	const double fixed = control_value(c, s, slot, param);
	char key[160];
	int index;
	if (!studio_auto_key(st, id, strip, slot, param, key, sizeof key))
		return fixed;
	const struct project_lane *lane = studio_auto_lane_of(st, strip, key, &index);
	if (!lane || lane->mode == AUTO_OFF || lane->mode == AUTO_WRITE || lane->n_points == 0)
		return fixed;
	const struct rec *r = st->automation ? find_rec(st->automation, strip, key) : NULL;
	if (r && r->holding)
		return fixed; /* being written: the control is what plays */
	return project_lane_value(lane, st->engine ? song_sec(st) : 0.0);
}
