#include "ui/edit.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "src/graph_build.h"

static bool field_exists(const struct ui_app *app, enum ui_field field, int strip)
{
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
		return v != 0 ? 1.0 : 0.0;
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
		}
	}
	ui_send(app, cmd_of[field], strip, v, v != 0, 0);
	app->need_draw = true;
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
	ui_message(app, "%s: %s %s %s", what, ui_strip_name(app, r->strip),
		ui_edit_field_name(r->field), buf);
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

void ui_edit_send_loop(struct ui_app *app)
{
	const struct project *p = app->project;
	struct cmd c = { .type = CMD_LOOP, .on = p->loop_enabled && p->loop_end > p->loop_start,
		.frame = graph_frames(p->loop_start, p->sample_rate),
		.frame2 = graph_frames(p->loop_end, p->sample_rate) };
	/* like ui_send: a full ring drains within a block or two of the audio thread */
	for (int tries = 0; tries < 200; tries++) {
		if (engine_send(app->engine, &c) == ERR_OK)
			return;
		struct timespec ts = { 0, 1000 * 1000 };
		nanosleep(&ts, NULL);
	}
	ui_error(app, "the audio engine is not taking commands; the loop range is not heard");
}

void ui_edit_cancel(struct ui_app *app)
{
	free(app->edit_before);
	app->edit_before = NULL;
	app->edit_name[0] = '\0';
}

void ui_edit_deinit(struct ui_app *app)
{
	ui_edit_cancel(app);
}

/* The loop range at ui_edit_begin (UI thread only, like everything here). */
static struct loop_range loop_at_begin;

void ui_edit_begin(struct ui_app *app, const char *name)
{
	ui_edit_cancel(app);
	loop_at_begin = loop_of(app->project);
	app->edit_before = project_to_json(app->project);
	snprintf(app->edit_name, sizeof app->edit_name, "%s", name);
}

/* Keep the selections inside a project whose shape changed. */
static void clamp_selection(struct ui_app *app)
{
	const struct project *p = app->project;
	if (app->selected > p->n_tracks)
		app->selected = p->n_tracks;
	if (app->selected < 0)
		app->selected = 0;
	const int t = app->selected < p->n_tracks ? app->selected : p->n_tracks - 1;
	const int n = t >= 0 ? p->tracks[t].n_clips : 0;
	if (app->arr_clip >= n)
		app->arr_clip = n - 1;
	if (app->arr_clip < 0)
		app->arr_clip = 0;
}

/* Let the engine hear the project's new shape. The loop goes only when it changed:
 * a loop command makes the disk thread read ahead again. */
static void shape_changed(struct ui_app *app, struct loop_range was)
{
	clamp_selection(app);
	const struct loop_range now = loop_of(app->project);
	if (app->engine) {
		ui_graph_rebuild(app);
		if (now.start != was.start || now.end != was.end || now.enabled != was.enabled)
			ui_edit_send_loop(app);
	}
	app->need_draw = true;
}

bool ui_edit_commit(struct ui_app *app)
{
	if (!app->edit_before)
		return false;
	char *after = project_to_json(app->project);
	if (!strcmp(after, app->edit_before)) {
		free(after);
		ui_edit_cancel(app);
		return false;
	}
	ui_undo_push_shape(&app->undo, app->edit_name, app->edit_before, after);
	app->edit_before = NULL;
	app->edit_name[0] = '\0';
	shape_changed(app, loop_at_begin);
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
static bool restore(struct ui_app *app, const char *text)
{
	struct diag d;
	diag_init(&d);
	struct project *np = NULL;
	enum err rc = project_from_json(text, app->project->dir, app->project->path, &np, &d);
	if (rc != ERR_OK)
		ui_error(app, "cannot restore the project: %s", d.count ? d.items[0].text
			: err_str(rc));
	diag_deinit(&d);
	if (rc != ERR_OK)
		return false;
	const struct loop_range was = loop_of(app->project);
	carry_selection(app->project, np);
	project_free(app->project);
	app->project = np;
	shape_changed(app, was);
	return true;
}

void ui_edit_undo(struct ui_app *app)
{
	ui_edit_cancel(app);
	const struct ui_undo_rec *r = ui_undo_back(&app->undo);
	if (!r) {
		ui_message(app, "nothing to undo");
		return;
	}
	if (r->kind == UI_UNDO_SHAPE) {
		if (restore(app, r->before))
			ui_message(app, "undid: %s", r->name);
		return;
	}
	apply(app, r->field, r->strip, r->old_value);
	say_applied(app, "undo", r, r->old_value);
}

void ui_edit_redo(struct ui_app *app)
{
	ui_edit_cancel(app);
	const struct ui_undo_rec *r = ui_undo_forward(&app->undo);
	if (!r) {
		ui_message(app, "nothing to redo");
		return;
	}
	if (r->kind == UI_UNDO_SHAPE) {
		if (restore(app, r->after))
			ui_message(app, "redid: %s", r->name);
		return;
	}
	apply(app, r->field, r->strip, r->new_value);
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
		snprintf(buf, size, "%s", v != 0 ? "on" : "off");
		break;
	}
}

const char *ui_edit_field_name(enum ui_field field)
{
	switch (field) {
	case UI_FIELD_GAIN: return "fader";
	case UI_FIELD_PAN: return "pan";
	case UI_FIELD_MUTE: return "mute";
	case UI_FIELD_SOLO: return "solo";
	}
	return "?";
}
