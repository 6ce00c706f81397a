#include "ui/edit.h"

#include <math.h>
#include <stdio.h>

static bool is_clip_field(enum ui_field field)
{
	return field == UI_FIELD_CLIP_PITCH || field == UI_FIELD_CLIP_VARISPEED;
}

static bool field_exists(const struct ui_app *app, enum ui_field field, int strip)
{
	if (is_clip_field(field))
		return false; /* through ui_edit_*_clip, which know which clip */
	if (strip == STRIP_MASTER)
		return field == UI_FIELD_GAIN; /* master pan/mute/solo do not exist (yet) */
	return strip >= 0 && strip < app->project->n_tracks;
}

double ui_edit_get(const struct ui_app *app, enum ui_field field, int strip)
{
	if (!field_exists(app, field, strip))
		return 0;
	if (strip == STRIP_MASTER)
		return app->project->master_gain_db;
	const struct project_track *t = &app->project->tracks[strip];
	switch (field) {
	case UI_FIELD_GAIN: return t->gain_db;
	case UI_FIELD_PAN: return t->pan;
	case UI_FIELD_MUTE: return t->mute;
	case UI_FIELD_SOLO: return t->solo;
	case UI_FIELD_CLIP_PITCH:
	case UI_FIELD_CLIP_VARISPEED:
		break;
	}
	return 0;
}

/* Clamp to the range the project file accepts, and round away the binary residue of
 * repeated steps (0.05 pan steps would otherwise save as 0.30000000000000004). */
static double normalise(enum ui_field field, double v)
{
	switch (field) {
	case UI_FIELD_GAIN:
		v = fmin(fmax(v, PROJECT_MIN_GAIN_DB), PROJECT_MAX_GAIN_DB);
		return round(v * 100.0) / 100.0;
	case UI_FIELD_PAN:
		v = fmin(fmax(v, -1.0), 1.0);
		return round(v * 100.0) / 100.0;
	case UI_FIELD_MUTE:
	case UI_FIELD_SOLO:
	case UI_FIELD_CLIP_VARISPEED:
		return v != 0 ? 1.0 : 0.0;
	case UI_FIELD_CLIP_PITCH:
		break;
	}
	return v;
}

/* Write to the project and the engine, with no history. */
static void apply(struct ui_app *app, enum ui_field field, int strip, double v)
{
	static const enum cmd_type cmd_of[] = { [UI_FIELD_GAIN] = CMD_GAIN,
		[UI_FIELD_PAN] = CMD_PAN, [UI_FIELD_MUTE] = CMD_MUTE, [UI_FIELD_SOLO] = CMD_SOLO };
	if (strip == STRIP_MASTER) {
		app->project->master_gain_db = v;
	} else {
		struct project_track *t = &app->project->tracks[strip];
		switch (field) {
		case UI_FIELD_GAIN: t->gain_db = v; break;
		case UI_FIELD_PAN: t->pan = v; break;
		case UI_FIELD_MUTE: t->mute = v != 0; break;
		case UI_FIELD_SOLO: t->solo = v != 0; break;
		case UI_FIELD_CLIP_PITCH:
		case UI_FIELD_CLIP_VARISPEED:
			return; /* apply_clip's */
		}
	}
	ui_send(app, cmd_of[field], strip, v, v != 0, 0);
	app->need_draw = true;
}

double ui_edit_pitch_value(int semitones, int cents)
{
	return semitones * 1000.0 + cents;
}

void ui_edit_pitch_split(double value, int *semitones, int *cents)
{
	*semitones = (int)lround(value / 1000.0);
	*cents = (int)lround(value - *semitones * 1000.0);
}

static struct project_clip *clip_at(const struct ui_app *app, int track, int clip)
{
	const struct project *p = app->project;
	if (track < 0 || track >= p->n_tracks || clip < 0 || clip >= p->tracks[track].n_clips)
		return NULL;
	return &p->tracks[track].clips[clip];
}

double ui_edit_get_clip(const struct ui_app *app, enum ui_field field, int track, int clip)
{
	const struct project_clip *c = clip_at(app, track, clip);
	if (!c)
		return 0;
	return field == UI_FIELD_CLIP_PITCH
		? ui_edit_pitch_value(c->pitch_semitones, c->pitch_cents) : c->varispeed;
}

/* Write a clip's field to the project; the studio hears it once its cache is built
 * (ui/pitch.c rebuilds the graph then, and now when no cache is needed). */
static void apply_clip(struct ui_app *app, enum ui_field field, int track, int clip,
	double v)
{
	struct project_clip *c = clip_at(app, track, clip);
	if (!c)
		return; /* the clip is gone: nothing of it to change */
	if (field == UI_FIELD_CLIP_PITCH)
		ui_edit_pitch_split(v, &c->pitch_semitones, &c->pitch_cents);
	else
		c->varispeed = v != 0;
	ui_pitch_clip_changed(app, track, clip);
	app->need_draw = true;
}

bool ui_edit_set_clip(struct ui_app *app, enum ui_field field, int track, int clip,
	double value)
{
	if (!is_clip_field(field) || !clip_at(app, track, clip))
		return false;
	const double old = ui_edit_get_clip(app, field, track, clip);
	value = normalise(field, value);
	if (value == old)
		return false;
	apply_clip(app, field, track, clip, value);
	struct ui_undo_rec rec = { .field = field, .strip = track, .clip = clip,
		.old_value = old, .new_value = value };
	ui_undo_push(&app->undo, &rec);
	return true;
}

bool ui_edit_set(struct ui_app *app, enum ui_field field, int strip, double value)
{
	if (!field_exists(app, field, strip)) {
		ui_message(app, "the master has no %s", ui_edit_field_name(field));
		return false;
	}
	const double old = ui_edit_get(app, field, strip);
	value = normalise(field, value);
	if (value == old)
		return false;
	apply(app, field, strip, value);
	struct ui_undo_rec rec = { .field = field, .strip = strip, .old_value = old,
		.new_value = value };
	ui_undo_push(&app->undo, &rec);
	return true;
}

static void say_applied(struct ui_app *app, const char *what, const struct ui_undo_rec *r,
	double v)
{
	char buf[32];
	ui_edit_format(r->field, v, buf, sizeof buf);
	if (is_clip_field(r->field))
		ui_message(app, "%s: %s clip %d %s %s", what, ui_strip_name(app, r->strip),
			r->clip + 1, ui_edit_field_name(r->field), buf);
	else
		ui_message(app, "%s: %s %s %s", what, ui_strip_name(app, r->strip),
			ui_edit_field_name(r->field), buf);
}

/* Put back one recorded value, whichever kind of field it is. */
static void apply_rec(struct ui_app *app, const struct ui_undo_rec *r, double v)
{
	if (is_clip_field(r->field))
		apply_clip(app, r->field, r->strip, r->clip, v);
	else
		apply(app, r->field, r->strip, v);
}

void ui_edit_undo(struct ui_app *app)
{
	const struct ui_undo_rec *r = ui_undo_back(&app->undo);
	if (!r) {
		ui_message(app, "nothing to undo");
		return;
	}
	apply_rec(app, r, r->old_value);
	say_applied(app, "undo", r, r->old_value);
}

void ui_edit_redo(struct ui_app *app)
{
	const struct ui_undo_rec *r = ui_undo_forward(&app->undo);
	if (!r) {
		ui_message(app, "nothing to redo");
		return;
	}
	apply_rec(app, r, r->new_value);
	say_applied(app, "redo", r, r->new_value);
}

void ui_edit_format(enum ui_field field, double v, char *buf, size_t size)
{
	switch (field) {
	case UI_FIELD_GAIN:
		if (v <= PROJECT_MIN_GAIN_DB)
			snprintf(buf, size, "-inf");
		else if (fabs(v) < 0.05)
			snprintf(buf, size, "0.0");
		else
			snprintf(buf, size, "%+.1f", v);
		break;
	case UI_FIELD_PAN: {
		long pct = lround(fabs(v) * 100.0);
		if (pct == 0)
			snprintf(buf, size, "C");
		else
			snprintf(buf, size, "%c%ld", v < 0 ? 'L' : 'R', pct);
		break;
	}
	case UI_FIELD_MUTE:
	case UI_FIELD_SOLO:
	case UI_FIELD_CLIP_VARISPEED:
		snprintf(buf, size, "%s", v != 0 ? "on" : "off");
		break;
	case UI_FIELD_CLIP_PITCH: {
		int st, ct;
		ui_edit_pitch_split(v, &st, &ct);
		if (ct)
			snprintf(buf, size, "%+d st %+d ct", st, ct);
		else
			snprintf(buf, size, "%+d st", st);
		break;
	}
	}
}

const char *ui_edit_field_name(enum ui_field field)
{
	switch (field) {
	case UI_FIELD_GAIN: return "fader";
	case UI_FIELD_PAN: return "pan";
	case UI_FIELD_MUTE: return "mute";
	case UI_FIELD_SOLO: return "solo";
	case UI_FIELD_CLIP_PITCH: return "pitch";
	case UI_FIELD_CLIP_VARISPEED: return "varispeed";
	}
	return "?";
}
