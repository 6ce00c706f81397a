#include "src/studio/edit.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "audio/lv2/lv2.h"
#include "src/control.h"
#include "src/graph_build.h"
#include "src/base/clock.h"
#include "src/base/xalloc.h"
#include "src/studio/automation.h"
#include "src/studio/strip.h"

/* The project's strip number strip when it has control id at this slot and parameter,
 * else NULL (the master has only a fader and inserts; no such send or insert slot or
 * parameter). */
static struct project_strip *strip_with(const struct studio *st, enum control_id id,
	int strip, int slot, int param)
{
	struct project_strip *s = project_strip_at(st->project, strip);
	const struct control *c = control_get(id);
	return s && c && control_has(c, s, studio_strip_kind(st, strip), slot, param) ? s : NULL;
}

/* The insert parameter a value of control c at slot and param is taken in (NULL but
 * for an insert's parameter). */
static const struct fx_param *param_of(const struct control *c,
	const struct project_strip *s, int slot, int param)
{
	return c->taper == CONTROL_TAPER_FX ? &s->inserts[slot].cls->params[param] : NULL;
}

double studio_edit_get_at(const struct studio *st, enum control_id id, int strip,
	int slot, int param)
{
	const struct project_strip *s = strip_with(st, id, strip, slot, param);
	return s ? control_value(control_get(id), s, slot, param) : 0;
}

double studio_edit_get(const struct studio *st, enum control_id id, int strip)
{
	return studio_edit_get_at(st, id, strip, 0, 0);
}

/* Whether insert slot of s is an LV2 plug-in with a latency port. */
static bool latency_may_move(const struct project_strip *s, int slot)
{
	if (slot < 0 || slot >= s->n_inserts)
		return false;
	const struct lv2_plugin_info *info = lv2_class_info(s->inserts[slot].cls);
	return info && info->has_latency;
}

/* Write to the project and the engine, with no history. */
static void apply(struct studio *st, enum control_id id, int strip, int slot, int param,
	double v)
{
	struct project_strip *s = strip_with(st, id, strip, slot, param);
	if (!s)
		return;
	const struct control *ctl = control_get(id);
	control_set(ctl, s, slot, param, v);
	struct cmd c = { .type = ctl->cmd, .strip = strip, .slot = slot, .param = param,
		.value = v, .on = v != 0 };
	if (st->engine)
		studio_send_cmd(st, &c);
	/* A plug-in that reports its latency may change it with a control (a pitch
	 * shifter's window): a new graph measures it again and re-aligns every path (delay
	 * compensation is planned with the graph), as a render of the project would. */
	if (id == CONTROL_INSERT_PARAM && st->engine && !st->many && latency_may_move(s, slot))
		studio_graph_rebuild(st);
	st->changed = true;
}

/* Record an applied value edit. A run of nudges to the same control (keys held or
 * tapped, under UNDO_MERGE_SEC apart) is one record: one undo takes the fader back to
 * where the run began. */
#define UNDO_MERGE_SEC 1.0

/* The last record, when a new edit of this control may join it: nothing to redo, not
 * the saved state, a continuous control, touched under UNDO_MERGE_SEC ago. For a
 * batch, the batch's first record (the strip the user moved) is the one compared. */
static struct studio_undo_rec *merge_target(struct studio *st, enum control_id id,
	int strip, int slot, int param, double now)
{
	struct studio_undo *u = &st->undo;
	if (st->many) /* each strip's edit is folded into the one record many_end makes */
		return NULL;
	if (u->pos != u->count || u->count == 0 || u->saved_pos == u->count
		|| control_get(id)->taper == CONTROL_TAPER_SWITCH) /* a switch is no run */
		return NULL;
	size_t first = u->count - 1;
	const unsigned batch = u->recs[first].batch;
	while (batch && first > 0 && u->recs[first - 1].kind == STUDIO_UNDO_VALUE
		&& u->recs[first - 1].batch == batch)
		first--;
	struct studio_undo_rec *r = &u->recs[first];
	if (st->hold && first < st->hold_from) /* a gesture starts a step of its own */
		return NULL;
	if (r->kind != STUDIO_UNDO_VALUE || r->control != id || r->strip != strip
		|| r->slot != slot || r->param != param || (!st->hold
		&& now - u->recs[u->count - 1].when >= UNDO_MERGE_SEC))
		return NULL;
	return r;
}

void studio_edit_hold(struct studio *st, bool on)
{
	st->hold = on;
	st->hold_from = st->undo.pos; /* what lies past it, the next edit drops */
}

/* Record an applied value edit. With merge (a record from merge_target's run), a record
 * of the same control in that run takes the new value instead: a run of nudges (keys
 * held or tapped) is one undo step. */
static void record(struct studio *st, enum control_id id, int strip, int slot,
	int param, double old, double value, unsigned batch, bool merge)
{
	struct studio_undo *u = &st->undo;
	const double now = clock_now_sec();
	for (size_t i = u->count; merge && i-- > 0;) {
		struct studio_undo_rec *r = &u->recs[i];
		if (r->kind != STUDIO_UNDO_VALUE || r->batch != batch)
			break;
		if (r->control == id && r->strip == strip && r->slot == slot
			&& r->param == param) {
			r->new_value = value;
			u->recs[u->count - 1].when = now;
			return;
		}
		if (!batch)
			break;
	}
	struct studio_undo_rec rec = { .kind = STUDIO_UNDO_VALUE, .control = id, .strip = strip,
		.slot = slot, .param = param, .old_value = old, .new_value = value,
		.batch = batch, .when = now };
	studio_undo_push(u, &rec);
}

/* The other tracks of strip's group that follow control id, or 0 of them. */
static int group_members(const struct studio *st, enum control_id id, int strip,
	int *out)
{
	const struct project *p = st->project;
	if (st->groups_off || strip < 0 || strip >= p->n_tracks || !p->tracks[strip].group)
		return 0;
	int g = project_find_group(p, p->tracks[strip].group);
	if (g < 0)
		return 0;
	const struct project_group *grp = &p->groups[g];
	bool linked = (id == CONTROL_GAIN && grp->gain) || (id == CONTROL_MUTE && grp->mute)
		|| (id == CONTROL_SOLO && grp->solo);
	if (!linked)
		return 0;
	int n = 0;
	for (int t = 0; t < p->n_tracks; t++)
		if (t != strip && p->tracks[t].group && !strcmp(p->tracks[t].group, grp->name))
			out[n++] = t;
	return n;
}

bool studio_edit_set_at(struct studio *st, enum control_id id, int strip, int slot,
	int param, double value)
{
	const struct control *c = control_get(id);
	struct project_strip *s = strip_with(st, id, strip, slot, param);
	if (!s) {
		if (strip == STRIP_MASTER && c)
			studio_message(st, "the master has no %s", c->name);
		return false;
	}
	const double old = control_value(c, s, slot, param);
	value = control_normalise(c, param_of(c, s, slot, param), value);
	if (value == old)
		return false;
	const unsigned said = st->said;
	int *members = xcalloc((size_t)st->project->n_tracks + 1, sizeof *members);
	int n = group_members(st, id, strip, members);
	const struct studio_undo_rec *join = merge_target(st, id, strip, slot, param,
		clock_now_sec());
	const bool merge = join && (join->batch != 0) == (n > 0);
	unsigned batch = 0;
	if (merge) {
		batch = join->batch;
	} else if (n > 0) {
		batch = ++st->edit_batch;
		if (!batch)
			batch = ++st->edit_batch;
	}
	apply(st, id, strip, slot, param, value);
	record(st, id, strip, slot, param, old, value, batch, merge);
	studio_auto_touched(st, id, strip, slot, param, old, value);
	/* gain moves the group by the same dB (relative); switches follow the value */
	for (int i = 0; i < n; i++) {
		double mold = studio_edit_get(st, id, members[i]);
		double mv = control_normalise(c, NULL, id == CONTROL_GAIN
			? (mold <= PROJECT_MIN_GAIN_DB ? mold : mold + (value - old)) : value);
		if (mv == mold)
			continue;
		apply(st, id, members[i], 0, 0, mv);
		record(st, id, members[i], 0, 0, mold, mv, batch, merge);
		studio_auto_touched(st, id, members[i], 0, 0, mold, mv);
	}
	free(members);
	if (st->said == said) /* nothing (automation) spoke of it: no edit unseen */
		studio_edit_say(st, id, strip, slot, param);
	return true;
}

bool studio_edit_set(struct studio *st, enum control_id id, int strip, double value)
{
	return studio_edit_set_at(st, id, strip, 0, 0, value);
}

double studio_edit_pitch_value(int semitones, int cents)
{
	return semitones * 1000.0 + cents;
}

void studio_edit_pitch_split(double value, int *semitones, int *cents)
{
	*semitones = (int)lround(value / 1000.0);
	*cents = (int)lround(value - *semitones * 1000.0);
}

static struct project_clip *clip_at(const struct studio *st, int track, int clip)
{
	const struct project *p = st->project;
	if (track < 0 || track >= p->n_tracks || clip < 0 || clip >= p->tracks[track].n_clips)
		return NULL;
	return &p->tracks[track].clips[clip];
}

double studio_edit_get_clip(const struct studio *st, enum studio_clip_field field,
	int track, int clip)
{
	const struct project_clip *c = clip_at(st, track, clip);
	if (!c)
		return 0;
	return field == STUDIO_CLIP_PITCH
		? studio_edit_pitch_value(c->pitch_semitones, c->pitch_cents) : c->varispeed;
}

/* Write a clip's field to the project; the studio hears it once its cache is built
 * (src/studio/pitch.c rebuilds the graph then, and now when no cache is needed). */
static void apply_clip(struct studio *st, enum studio_clip_field field, int track,
	int clip, double v)
{
	struct project_clip *c = clip_at(st, track, clip);
	if (!c)
		return; /* the clip is gone: nothing of it to change */
	if (field == STUDIO_CLIP_PITCH)
		studio_edit_pitch_split(v, &c->pitch_semitones, &c->pitch_cents);
	else
		c->varispeed = v != 0;
	studio_pitch_clip_changed(st, track, clip);
	st->changed = true;
}

bool studio_edit_set_clip(struct studio *st, enum studio_clip_field field, int track,
	int clip, double value)
{
	if (!clip_at(st, track, clip))
		return false;
	const double old = studio_edit_get_clip(st, field, track, clip);
	value = field == STUDIO_CLIP_VARISPEED ? (value != 0 ? 1.0 : 0.0) : value;
	if (value == old)
		return false;
	apply_clip(st, field, track, clip, value);
	struct studio_undo_rec rec = { .kind = STUDIO_UNDO_CLIP, .clip_field = field,
		.strip = track, .clip = clip, .old_value = old, .new_value = value };
	studio_undo_push(&st->undo, &rec);
	return true;
}

static void say_what(const struct control *c, const struct project_strip *s, int slot,
	int param, double v, char *what, size_t size);

/* "undo: Kick fader -3.0 dB", "redo: Master insert 2 limiter: ceiling_db -1 dBTP": in
 * the words the edit itself said, with the value it has now; more: the other records
 * of its batch (the tracks a group moved with it), counted. */
static void say_applied(struct studio *st, const char *what,
	const struct studio_undo_rec *r, double v, int more)
{
	char buf[160];
	if (r->kind == STUDIO_UNDO_CLIP) {
		studio_edit_clip_format(r->clip_field, v, buf, sizeof buf);
		studio_message(st, "%s: %s clip %d %s %s", what, studio_strip_name(st, r->strip),
			r->clip + 1, studio_edit_clip_name(r->clip_field), buf);
		return;
	}
	const struct control *c = control_get(r->control);
	const struct project_strip *s = strip_with(st, r->control, r->strip, r->slot, r->param);
	/* a strip's switch says its state by name ("undo: bass mute off"), which reads
	 * plainer after "undo:" than "unmuted" does */
	const bool strip_switch = c->place == CONTROL_IN_STRIP && c->said_on;
	if (s && !strip_switch)
		say_what(c, s, r->slot, r->param, v, buf, sizeof buf);
	else {
		/* a switch, or (it cannot happen while the history matches the project) no
		 * such control: the name and the value */
		char value[32];
		control_format(c, v, value, sizeof value);
		snprintf(buf, sizeof buf, "%s %s", c->name, value);
	}
	if (more > 0)
		studio_message(st, "%s: %s %s (and %d more)", what, studio_strip_name(st, r->strip),
			buf, more);
	else
		studio_message(st, "%s: %s %s", what, studio_strip_name(st, r->strip), buf);
}


/* ---- shape edits ---- */

struct loop_range {
	double start, end;
	bool enabled;
};

static struct loop_range loop_of(const struct project *p)
{
	return (struct loop_range){ p->loop_start, p->loop_end, p->loop_enabled };
}

void studio_edit_send_loop(struct studio *st)
{
	const struct project *p = st->project;
	struct cmd c = { .type = CMD_LOOP, .on = p->loop_enabled && p->loop_end > p->loop_start,
		.frame = graph_frames(p->loop_start, p->sample_rate),
		.frame2 = graph_frames(p->loop_end, p->sample_rate) };
	/* like studio_send: a full ring drains within a block or two of the audio thread */
	for (int tries = 0; tries < 200; tries++) {
		if (engine_send(st->engine, &c) == ERR_OK)
			return;
		struct timespec ts = { 0, 1000 * 1000 };
		nanosleep(&ts, NULL);
	}
	studio_error(st, "the audio engine is not taking commands; the loop range is not heard");
}

void studio_edit_cancel(struct studio *st)
{
	if (st->many)
		return;
	free(st->edit_before);
	st->edit_before = NULL;
	st->edit_name[0] = '\0';
}

void studio_edit_deinit(struct studio *st)
{
	studio_edit_cancel(st);
}

/* The loop range at studio_edit_begin (UI thread only, like everything here). */
static struct loop_range loop_at_begin;

void studio_edit_delivery(struct studio *st, const char *key, double lufs)
{
	struct project *p = st->project;
	studio_edit_begin(st, "delivery target");
	snprintf(p->delivery_target, sizeof p->delivery_target, "%s", key);
	p->delivery_lufs = lufs;
	studio_edit_commit(st);
}

void studio_edit_begin(struct studio *st, const char *name)
{
	if (st->many) /* studio_edit_many_begin took the project as it was */
		return;
	studio_edit_cancel(st);
	loop_at_begin = loop_of(st->project);
	st->edit_before = project_to_json(st->project);
	snprintf(st->edit_name, sizeof st->edit_name, "%s", name);
}

/* Let the engine hear the project's new shape. The loop goes only when it changed:
 * a loop command makes the disk thread read ahead again. */
static void shape_changed(struct studio *st, struct loop_range was)
{
	const struct loop_range now = loop_of(st->project);
	if (st->engine) {
		studio_graph_rebuild(st);
		if (now.start != was.start || now.end != was.end || now.enabled != was.enabled)
			studio_edit_send_loop(st);
	}
	st->changed = true;
}

bool studio_edit_commit(struct studio *st)
{
	if (st->many) /* studio_edit_many_end records and rebuilds once */
		return true;
	if (!st->edit_before)
		return false;
	char *after = project_to_json(st->project);
	if (!strcmp(after, st->edit_before)) {
		free(after);
		studio_edit_cancel(st);
		return false;
	}
	studio_undo_push_shape(&st->undo, st->edit_name, st->edit_before, after);
	st->edit_before = NULL;
	st->edit_name[0] = '\0';
	shape_changed(st, loop_at_begin);
	return true;
}

static bool restore(struct studio *st, const char *text);

void studio_edit_many_begin(struct studio *st, const char *name)
{
	if (st->many) { /* inside another: that one records it all */
		st->many++;
		return;
	}
	studio_edit_begin(st, name);
	st->many = 1;
	st->many_from = st->undo.pos;
	st->hush = true;
}

bool studio_edit_many_end(struct studio *st, bool keep)
{
	if (--st->many > 0)
		return keep;
	st->hush = false;
	/* the values recorded one by one meanwhile: the shape record holds them all */
	if (st->undo.pos != st->many_from)
		studio_undo_truncate(&st->undo, st->many_from);
	if (keep)
		return studio_edit_commit(st);
	char *now = project_to_json(st->project);
	if (st->edit_before && strcmp(now, st->edit_before))
		restore(st, st->edit_before);
	free(now);
	studio_edit_cancel(st);
	return false;
}

/* The arranger's multi-selection is not part of the text: carry it over to the clips
 * of the restored project in the same place (track, index and file), so that undoing
 * a move or a gain change of a selection leaves the same clips selected. A clip that
 * an edit added or removed shifts the indices after it; those lose the mark. */
static void carry_selection(const struct project *from, struct project *to)
{
	if (from->n_tracks != to->n_tracks)
		return; /* tracks were added, removed or moved: no telling which is which */
	for (int t = 0; t < from->n_tracks; t++)
		for (int k = 0; k < from->tracks[t].n_clips && k < to->tracks[t].n_clips; k++) {
			struct project_clip *d = &to->tracks[t].clips[k];
			d->selected = from->tracks[t].clips[k].selected
				&& !strcmp(d->file, from->tracks[t].clips[k].file);
		}
}

/* Put the whole project back as text says. */
static bool restore(struct studio *st, const char *text)
{
	struct diag d;
	diag_init(&d);
	struct project *np = NULL;
	enum err rc = project_from_json(text, st->project->dir, st->project->path, &np, &d);
	if (rc != ERR_OK)
		studio_error(st, "cannot restore the project: %s", d.count ? d.items[0].text
			: err_str(rc));
	diag_deinit(&d);
	if (rc != ERR_OK)
		return false;
	const struct loop_range was = loop_of(st->project);
	carry_selection(st->project, np);
	project_free(st->project);
	st->project = np;
	shape_changed(st, was);
	return true;
}

/* Put back one recorded value, a strip's or a clip's. */
static void apply_rec(struct studio *st, const struct studio_undo_rec *r, double v)
{
	if (r->kind == STUDIO_UNDO_CLIP)
		apply_clip(st, r->clip_field, r->strip, r->clip, v);
	else
		apply(st, r->control, r->strip, r->slot, r->param, v);
}

void studio_edit_undo(struct studio *st)
{
	studio_edit_cancel(st);
	const struct studio_undo_rec *r = studio_undo_back(&st->undo);
	if (!r) {
		studio_message(st, "nothing to undo");
		return;
	}
	if (r->kind == STUDIO_UNDO_SHAPE) {
		if (restore(st, r->before))
			studio_message(st, "undid: %s", r->name);
		return;
	}
	apply_rec(st, r, r->old_value);
	/* the rest of a batch comes right before it; its first record is the strip the
	 * user moved */
	struct studio_undo *u = &st->undo;
	int more = 0;
	while (r->batch && u->pos > 0 && u->recs[u->pos - 1].kind == STUDIO_UNDO_VALUE
		&& u->recs[u->pos - 1].batch == r->batch) {
		r = studio_undo_back(u);
		apply(st, r->control, r->strip, r->slot, r->param, r->old_value);
		more++;
	}
	say_applied(st, "undo", r, r->old_value, more);
}

void studio_edit_redo(struct studio *st)
{
	studio_edit_cancel(st);
	const struct studio_undo_rec *r = studio_undo_forward(&st->undo);
	if (!r) {
		studio_message(st, "nothing to redo");
		return;
	}
	if (r->kind == STUDIO_UNDO_SHAPE) {
		if (restore(st, r->after))
			studio_message(st, "redid: %s", r->name);
		return;
	}
	apply_rec(st, r, r->new_value);
	struct studio_undo *u = &st->undo;
	int more = 0;
	while (r->batch && u->pos < u->count && u->recs[u->pos].kind == STUDIO_UNDO_VALUE
		&& u->recs[u->pos].batch == r->batch) {
		const struct studio_undo_rec *o = studio_undo_forward(u);
		apply(st, o->control, o->strip, o->slot, o->param, o->new_value);
		more++;
	}
	say_applied(st, "redo", r, r->new_value, more);
}

void studio_edit_format(enum control_id id, double v, char *buf, size_t size)
{
	control_format(control_get(id), v, buf, size);
}

const char *studio_edit_field_name(enum control_id id)
{
	return control_get(id)->name;
}

void studio_edit_clip_format(enum studio_clip_field field, double v, char *buf,
	size_t size)
{
	if (field == STUDIO_CLIP_VARISPEED) {
		snprintf(buf, size, "%s", v != 0 ? "on" : "off");
		return;
	}
	int st, ct;
	studio_edit_pitch_split(v, &st, &ct);
	if (ct)
		snprintf(buf, size, "%+d st %+d ct", st, ct);
	else
		snprintf(buf, size, "%+d st", st);
}

const char *studio_edit_clip_name(enum studio_clip_field field)
{
	return field == STUDIO_CLIP_PITCH ? "pitch" : "varispeed";
}

/* What control c of strip s at slot and param now is, after the strip's name: "fader
 * -2.5 dB", "muted", "send to Verb -3.0 dB", "insert 2 eq: low_gain_db -3 dB", "insert
 * 2 eq bypassed". The control table has the words; where the control lives (the strip,
 * a send, an insert) says what comes before them. */
static void say_what(const struct control *c, const struct project_strip *s, int slot,
	int param, double v, char *what, size_t size)
{
	char value[32];
	control_format(c, v, value, sizeof value);
	const char *sp = c->unit[0] ? " " : "";
	const bool said = c->said_on != NULL;
	switch (c->place) {
	case CONTROL_IN_STRIP:
		if (said)
			snprintf(what, size, "%s", v != 0 ? c->said_on : c->said_off);
		else
			snprintf(what, size, "%s %s%s%s", c->name, value, sp, c->unit);
		return;
	case CONTROL_IN_SEND:
		snprintf(what, size, "send to %s %s%s%s", s->sends[slot].bus, value, sp, c->unit);
		return;
	case CONTROL_IN_INSERT: {
		const struct fx_class *cls = s->inserts[slot].cls;
		/* an LV2 insert by its plug-in's name, not "lv2" */
		const char *name = cls->uri ? cls->help : cls->name;
		if (said)
			snprintf(what, size, "insert %d %s %s", slot + 1, name,
				v != 0 ? c->said_on : c->said_off);
		else
			snprintf(what, size, "insert %d %s: %s %s%s%s", slot + 1, name,
				cls->params[param].name, value,
				/* "-3 dB", "120 Hz", but a ratio "4:1" */
				cls->params[param].unit[0] && cls->params[param].unit[0] != ':' ? " " : "",
				cls->params[param].unit);
		return;
	}
	}
	snprintf(what, size, "%s", c->name);
}

void studio_edit_say(struct studio *st, enum control_id id, int strip, int slot,
	int param)
{
	const struct project_strip *s = strip_with(st, id, strip, slot, param);
	if (!s)
		return;
	const struct control *c = control_get(id);
	char what[160];
	say_what(c, s, slot, param, control_value(c, s, slot, param), what, sizeof what);
	/* a group passes the move on: those tracks changed too, and should be named */
	int *members = xcalloc((size_t)st->project->n_tracks + 1, sizeof *members);
	const int n = group_members(st, id, strip, members);
	free(members);
	const char *name = studio_strip_name(st, strip);
	if (n > 0)
		studio_message(st, "%s %s (group %s: %d more track%s)", name, what,
			st->project->tracks[strip].group, n, n == 1 ? "" : "s");
	else
		studio_message(st, "%s %s", name, what);
}
