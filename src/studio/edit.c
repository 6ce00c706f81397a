#include "src/studio/edit.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "src/control.h"
#include "src/graph_build.h"
#include "src/base/xalloc.h"
#include "src/studio/automation.h"
#include "src/studio/strip.h"

/* The control table's row of a strip field (src/control.h): the first fields are
 * numbered as its rows. NULL for a clip's field. */
_Static_assert(STUDIO_FIELD_GAIN == (int)CONTROL_GAIN && STUDIO_FIELD_PAN == (int)CONTROL_PAN
	&& STUDIO_FIELD_MUTE == (int)CONTROL_MUTE && STUDIO_FIELD_SOLO == (int)CONTROL_SOLO
	&& STUDIO_FIELD_SOLO_SAFE == (int)CONTROL_SOLO_SAFE
	&& STUDIO_FIELD_SEND == (int)CONTROL_SEND_LEVEL
	&& STUDIO_FIELD_FX_PARAM == (int)CONTROL_INSERT_PARAM
	&& STUDIO_FIELD_FX_BYPASS == (int)CONTROL_INSERT_BYPASS, "fields are the control table's");

static const struct control *field_control(enum studio_field field)
{
	return (int)field < CONTROL_COUNT ? control_get((enum control_id)field) : NULL;
}

/* The strip a field is on, when it has the field (the master has only a fader and
 * inserts; no such send or insert slot or parameter). A clip's field goes through
 * studio_edit_*_clip, which know which clip. */
static bool field_ref(struct studio *st, enum studio_field field, int strip, int slot,
	int param, struct studio_strip_ref *r)
{
	if (!studio_strip_ref(st, strip, r))
		return false;
	const struct control *c = field_control(field);
	const unsigned kind = strip == STRIP_MASTER ? CONTROL_ON_MASTER : r->is_bus
		? CONTROL_ON_BUS : CONTROL_ON_TRACK;
	return c && control_has(c, r->strip, kind, slot, param);
}

double studio_edit_get_at(const struct studio *st, enum studio_field field, int strip,
	int slot,
	int param)
{
	struct studio_strip_ref r;
	/* field_ref only takes pointers; nothing is written through them here */
	if (!field_ref((struct studio *)st, field, strip, slot, param, &r))
		return 0;
	return control_value(field_control(field), r.strip, slot, param);
}

double studio_edit_get(const struct studio *st, enum studio_field field, int strip)
{
	return studio_edit_get_at(st, field, strip, 0, 0);
}

/* Clamp to the range the project file accepts, and round as the control table says. */
static double normalise(const struct studio_strip_ref *r, enum studio_field field, int slot,
	int param, double v)
{
	const struct control *c = field_control(field);
	if (c)
		return control_normalise(c, c->taper == CONTROL_TAPER_FX
			? &r->inserts[slot].cls->params[param] : NULL, v);
	return field == STUDIO_FIELD_CLIP_VARISPEED ? (v != 0 ? 1.0 : 0.0) : v;
}

/* Write to the project and the engine, with no history. */
static void apply(struct studio *st, enum studio_field field, int strip, int slot,
	int param,
	double v)
{
	struct studio_strip_ref r;
	if (!field_ref(st, field, strip, slot, param, &r))
		return;
	/* a clip's field is apply_clip's: field_ref has none */
	const struct control *ctl = field_control(field);
	control_set(ctl, r.strip, slot, param, v);
	struct cmd c = { .type = ctl->cmd, .strip = strip, .slot = slot, .param = param,
		.value = v, .on = v != 0 };
	if (st->engine)
		studio_send_cmd(st, &c);
	st->changed = true;
}

static double now_sec(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

/* Record an applied value edit. A run of nudges to the same control (keys held or
 * tapped, under UNDO_MERGE_SEC apart) is one record: one undo takes the fader back to
 * where the run began. */
#define UNDO_MERGE_SEC 1.0

static bool mergeable_field(enum studio_field field)
{
	return field != STUDIO_FIELD_MUTE && field != STUDIO_FIELD_SOLO
		&& field != STUDIO_FIELD_SOLO_SAFE && field != STUDIO_FIELD_FX_BYPASS;
}

/* The last record, when a new edit of this control may join it: nothing to redo, not
 * the saved state, a continuous control, touched under UNDO_MERGE_SEC ago. For a
 * batch, the batch's first record (the strip the user moved) is the one compared. */
static struct studio_undo_rec *merge_target(struct studio *st, enum studio_field field,
	int strip,
	int slot, int param, double now)
{
	struct studio_undo *u = &st->undo;
	if (u->pos != u->count || u->count == 0 || u->saved_pos == u->count
		|| !mergeable_field(field))
		return NULL;
	size_t first = u->count - 1;
	const unsigned batch = u->recs[first].batch;
	while (batch && first > 0 && u->recs[first - 1].kind == STUDIO_UNDO_VALUE
		&& u->recs[first - 1].batch == batch)
		first--;
	struct studio_undo_rec *r = &u->recs[first];
	if (r->kind != STUDIO_UNDO_VALUE || r->field != field || r->strip != strip
		|| r->slot != slot || r->param != param || now - u->recs[u->count - 1].when
		>= UNDO_MERGE_SEC)
		return NULL;
	return r;
}

/* Record an applied value edit. With merge (a record from merge_target's run), a record
 * of the same control in that run takes the new value instead: a run of nudges (keys
 * held or tapped) is one undo step. */
static void record(struct studio *st, enum studio_field field, int strip, int slot,
	int param,
	double old, double value, unsigned batch, bool merge)
{
	struct studio_undo *u = &st->undo;
	const double now = now_sec();
	for (size_t i = u->count; merge && i-- > 0;) {
		struct studio_undo_rec *r = &u->recs[i];
		if (r->kind != STUDIO_UNDO_VALUE || r->batch != batch)
			break;
		if (r->field == field && r->strip == strip && r->slot == slot
			&& r->param == param) {
			r->new_value = value;
			u->recs[u->count - 1].when = now;
			return;
		}
		if (!batch)
			break;
	}
	struct studio_undo_rec rec = { .kind = STUDIO_UNDO_VALUE, .field = field, .strip = strip,
		.slot = slot, .param = param, .old_value = old, .new_value = value,
		.batch = batch, .when = now };
	studio_undo_push(u, &rec);
}

/* The other tracks of strip's group that follow field, or 0 of them. */
static int group_members(const struct studio *st, enum studio_field field, int strip,
	int *out)
{
	const struct project *p = st->project;
	if (st->groups_off || strip < 0 || strip >= p->n_tracks || !p->tracks[strip].group)
		return 0;
	int g = project_find_group(p, p->tracks[strip].group);
	if (g < 0)
		return 0;
	const struct project_group *grp = &p->groups[g];
	bool linked = (field == STUDIO_FIELD_GAIN && grp->gain) || (field == STUDIO_FIELD_MUTE
		&& grp->mute) || (field == STUDIO_FIELD_SOLO && grp->solo);
	if (!linked)
		return 0;
	int n = 0;
	for (int t = 0; t < p->n_tracks; t++)
		if (t != strip && p->tracks[t].group && !strcmp(p->tracks[t].group, grp->name))
			out[n++] = t;
	return n;
}

bool studio_edit_set_at(struct studio *st, enum studio_field field, int strip,
	int slot, int param,
	double value)
{
	struct studio_strip_ref r;
	if (!field_ref(st, field, strip, slot, param, &r)) {
		if (strip == STRIP_MASTER)
			studio_message(st, "the master has no %s", studio_edit_field_name(field));
		return false;
	}
	const double old = studio_edit_get_at(st, field, strip, slot, param);
	value = normalise(&r, field, slot, param, value);
	if (value == old)
		return false;
	const unsigned said = st->said;
	int *members = xcalloc((size_t)st->project->n_tracks + 1, sizeof *members);
	int n = group_members(st, field, strip, members);
	const struct studio_undo_rec *join = merge_target(st, field, strip, slot, param,
		now_sec());
	const bool merge = join && (join->batch != 0) == (n > 0);
	unsigned batch = 0;
	if (merge) {
		batch = join->batch;
	} else if (n > 0) {
		batch = ++st->edit_batch;
		if (!batch)
			batch = ++st->edit_batch;
	}
	apply(st, field, strip, slot, param, value);
	record(st, field, strip, slot, param, old, value, batch, merge);
	studio_auto_touched(st, field, strip, slot, param, old, value);
	/* gain moves the group by the same dB (relative); switches follow the value */
	for (int i = 0; i < n; i++) {
		struct studio_strip_ref mr;
		field_ref(st, field, members[i], 0, 0, &mr);
		double mold = studio_edit_get(st, field, members[i]);
		double mv = normalise(&mr, field, 0, 0, field == STUDIO_FIELD_GAIN
			? (mold <= PROJECT_MIN_GAIN_DB ? mold : mold + (value - old)) : value);
		if (mv == mold)
			continue;
		apply(st, field, members[i], 0, 0, mv);
		record(st, field, members[i], 0, 0, mold, mv, batch, merge);
		studio_auto_touched(st, field, members[i], 0, 0, mold, mv);
	}
	free(members);
	if (st->said == said) /* nothing (automation) spoke of it: no edit unseen */
		studio_edit_say(st, field, strip, slot, param);
	return true;
}

bool studio_edit_set(struct studio *st, enum studio_field field, int strip, double value)
{
	return studio_edit_set_at(st, field, strip, 0, 0, value);
}

static bool is_clip_field(enum studio_field field)
{
	return field == STUDIO_FIELD_CLIP_PITCH || field == STUDIO_FIELD_CLIP_VARISPEED;
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

double studio_edit_get_clip(const struct studio *st, enum studio_field field,
	int track, int clip)
{
	const struct project_clip *c = clip_at(st, track, clip);
	if (!c)
		return 0;
	return field == STUDIO_FIELD_CLIP_PITCH
		? studio_edit_pitch_value(c->pitch_semitones, c->pitch_cents) : c->varispeed;
}

/* Write a clip's field to the project; the studio hears it once its cache is built
 * (ui/pitch.c rebuilds the graph then, and now when no cache is needed). */
static void apply_clip(struct studio *st, enum studio_field field, int track, int clip,
	double v)
{
	struct project_clip *c = clip_at(st, track, clip);
	if (!c)
		return; /* the clip is gone: nothing of it to change */
	if (field == STUDIO_FIELD_CLIP_PITCH)
		studio_edit_pitch_split(v, &c->pitch_semitones, &c->pitch_cents);
	else
		c->varispeed = v != 0;
	studio_pitch_clip_changed(st, track, clip);
	st->changed = true;
}

bool studio_edit_set_clip(struct studio *st, enum studio_field field, int track, int clip,
	double value)
{
	if (!is_clip_field(field) || !clip_at(st, track, clip))
		return false;
	const double old = studio_edit_get_clip(st, field, track, clip);
	value = field == STUDIO_FIELD_CLIP_VARISPEED ? (value != 0 ? 1.0 : 0.0) : value;
	if (value == old)
		return false;
	apply_clip(st, field, track, clip, value);
	struct studio_undo_rec rec = { .kind = STUDIO_UNDO_VALUE, .field = field, .strip = track,
		.clip = clip, .old_value = old, .new_value = value };
	studio_undo_push(&st->undo, &rec);
	return true;
}

static void say_applied(struct studio *st, const char *what,
	const struct studio_undo_rec *r,
	double v)
{
	char buf[32];
	studio_edit_format(r->field, v, buf, sizeof buf);
	if (is_clip_field(r->field))
		studio_message(st, "%s: %s clip %d %s %s", what, studio_strip_name(st, r->strip),
			r->clip + 1, studio_edit_field_name(r->field), buf);
	else
		studio_message(st, "%s: %s %s %s", what, studio_strip_name(st, r->strip),
			studio_edit_field_name(r->field), buf);
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
	/* like ui_send: a full ring drains within a block or two of the audio thread */
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

void studio_edit_begin(struct studio *st, const char *name)
{
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

/* Put back one recorded value, whichever kind of field it is. */
static void apply_rec(struct studio *st, const struct studio_undo_rec *r, double v)
{
	if (is_clip_field(r->field))
		apply_clip(st, r->field, r->strip, r->clip, v);
	else
		apply(st, r->field, r->strip, r->slot, r->param, v);
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
	while (r->batch && u->pos > 0 && u->recs[u->pos - 1].kind == STUDIO_UNDO_VALUE
		&& u->recs[u->pos - 1].batch == r->batch) {
		r = studio_undo_back(u);
		apply(st, r->field, r->strip, r->slot, r->param, r->old_value);
	}
	say_applied(st, "undo", r, r->old_value);
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
	say_applied(st, "redo", r, r->new_value);
	struct studio_undo *u = &st->undo;
	while (r->batch && u->pos < u->count && u->recs[u->pos].kind == STUDIO_UNDO_VALUE
		&& u->recs[u->pos].batch == r->batch) {
		const struct studio_undo_rec *o = studio_undo_forward(u);
		apply(st, o->field, o->strip, o->slot, o->param, o->new_value);
	}
}

void studio_edit_format(enum studio_field field, double v, char *buf, size_t size)
{
	const struct control *c = field_control(field);
	if (c) {
		control_format(c, v, buf, size);
		return;
	}
	if (field == STUDIO_FIELD_CLIP_VARISPEED) {
		snprintf(buf, size, "%s", v != 0 ? "on" : "off");
		return;
	}
	int st, ct; /* STUDIO_FIELD_CLIP_PITCH */
	studio_edit_pitch_split(v, &st, &ct);
	if (ct)
		snprintf(buf, size, "%+d st %+d ct", st, ct);
	else
		snprintf(buf, size, "%+d st", st);
}

const char *studio_edit_field_name(enum studio_field field)
{
	const struct control *c = field_control(field);
	if (c)
		return c->name;
	return field == STUDIO_FIELD_CLIP_PITCH ? "pitch" : field == STUDIO_FIELD_CLIP_VARISPEED
		? "varispeed" : "?";
}

void studio_edit_say(struct studio *st, enum studio_field field, int strip, int slot,
	int param)
{
	struct studio_strip_ref r;
	if (!field_ref(st, field, strip, slot, param, &r))
		return;
	const char *name = studio_strip_name(st, strip);
	const double v = studio_edit_get_at(st, field, strip, slot, param);
	char value[32], what[160];
	studio_edit_format(field, v, value, sizeof value);
	switch (field) {
	case STUDIO_FIELD_GAIN:
		snprintf(what, sizeof what, "%s fader %s dB", name, value);
		break;
	case STUDIO_FIELD_MUTE:
		snprintf(what, sizeof what, "%s %s", name, v != 0 ? "muted" : "unmuted");
		break;
	case STUDIO_FIELD_SOLO:
		snprintf(what, sizeof what, "%s %s", name, v != 0 ? "soloed" : "solo off");
		break;
	case STUDIO_FIELD_SEND:
		snprintf(what, sizeof what, "%s send to %s %s dB", name,
			(*r.sends)[slot].bus, value);
		break;
	case STUDIO_FIELD_FX_PARAM: {
		const struct fx_param *fp = &r.inserts[slot].cls->params[param];
		snprintf(what, sizeof what, "%s insert %d %s: %s %s%s", name, slot + 1,
			r.inserts[slot].cls->name, fp->name, value, fp->unit);
		break;
	}
	case STUDIO_FIELD_FX_BYPASS:
		snprintf(what, sizeof what, "%s insert %d %s %s", name, slot + 1,
			r.inserts[slot].cls->name, v != 0 ? "bypassed" : "back in");
		break;
	default:
		snprintf(what, sizeof what, "%s %s %s", name, studio_edit_field_name(field), value);
		break;
	}
	/* a group passes the move on: those tracks changed too, and should be named */
	int *members = xcalloc((size_t)st->project->n_tracks + 1, sizeof *members);
	const int n = group_members(st, field, strip, members);
	free(members);
	if (n > 0)
		studio_message(st, "%s (group %s: %d more track%s)", what,
			st->project->tracks[strip].group, n, n == 1 ? "" : "s");
	else
		studio_message(st, "%s", what);
}
