/* Track, marker and loop edits of the arranger (the ':' commands :track, :marker,
 * :loop and the keys M n N L). Each is one named, undoable step (ui_edit_begin /
 * ui_edit_commit). UI thread only. */
#include "ui/trackedit.h"

#include <stdio.h>
#include <stdlib.h>

#include "src/clip_edit.h"
#include "src/project_limits.h"
#include "src/base/text.h"
#include "src/base/xalloc.h"
#include "ui/clipedit.h"
#include "ui/edit.h"

static int64_t playhead(const struct ui_app *app)
{
	return app->st->locate_pending ? app->st->locate_target : app->st->snap.playhead;
}

/* The selected track; the mixer's master position reads as the last track. */
static int current_track(const struct ui_app *app)
{
	const int n = app->st->project->n_tracks;
	return app->selected < n ? app->selected : n - 1;
}

bool ui_name_refused(struct ui_app *app, const char *what, const char *name)
{
	if (!name)
		return false;
	struct err_msg too_long;
	if (project_limit_name(what, name, &too_long) != ERR_OK) {
		ui_error(app, "%s", too_long.text);
		return true;
	}
	char why[64];
	if (!text_name_problem(name, why, sizeof why))
		return false;
	ui_error(app, "%s: %s; not changed", what, why);
	return true;
}

/* ---- tracks ---- */

void ui_track_add(struct ui_app *app, const char *name)
{
	struct project *p = app->st->project;
	struct err_msg why;
	if (project_limit_room(PROJECT_LIMIT_TRACKS, p->n_tracks, 1, &why) != ERR_OK) {
		ui_error(app, "%s", why.text);
		return;
	}
	char made[32];
	if (!name || !*name) {
		snprintf(made, sizeof made, "Track %d", p->n_tracks + 1);
		name = made;
	}
	if (ui_name_refused(app, "track name", name))
		return;
	ui_edit_begin(app, "add track");
	project_add_track(p, name);
	const int at = current_track(app) + 1;
	project_move_track(p, p->n_tracks - 1, at);
	app->selected = at;
	app->arr_clip = 0;
	ui_edit_commit(app);
	ui_message(app, "added track %d \"%s\"", at + 1, name);
}

void ui_track_remove(struct ui_app *app)
{
	const int t = current_track(app);
	if (t < 0) {
		ui_error(app, "no track to remove");
		return;
	}
	char name[PROJECT_MAX_NAME + 1];
	snprintf(name, sizeof name, "%s", app->st->project->tracks[t].name);
	ui_edit_begin(app, "remove track");
	project_remove_track(app->st->project, t);
	ui_edit_commit(app);
	ui_message(app, "removed track \"%s\" (u brings it back)", name);
}

void ui_track_rename(struct ui_app *app, const char *name)
{
	const int t = current_track(app);
	if (t < 0 || !*name) {
		ui_error(app, t < 0 ? "no track to rename" : "a track needs a name");
		return;
	}
	if (ui_name_refused(app, "track name", name))
		return;
	ui_edit_begin(app, "rename track");
	free(app->st->project->tracks[t].name);
	app->st->project->tracks[t].name = xstrdup(name);
	ui_edit_commit(app);
	ui_message(app, "track %d is \"%s\"", t + 1, name);
}

void ui_track_color(struct ui_app *app, const char *color)
{
	const int t = current_track(app);
	if (t < 0) {
		ui_error(app, "no track to colour");
		return;
	}
	if (ui_name_refused(app, "track colour", color))
		return;
	ui_edit_begin(app, "track colour");
	free(app->st->project->tracks[t].color);
	app->st->project->tracks[t].color = color ? xstrdup(color) : NULL;
	ui_edit_commit(app);
	ui_message(app, "track %d colour: %s", t + 1, color ? color : "none");
}

void ui_track_move(struct ui_app *app, int delta)
{
	const int t = current_track(app), to = t + delta;
	if (t < 0 || to < 0 || to >= app->st->project->n_tracks) {
		ui_error(app, "the track is already %s", delta < 0 ? "first" : "last");
		return;
	}
	ui_edit_begin(app, "move track");
	project_move_track(app->st->project, t, to);
	app->selected = to;
	ui_edit_commit(app);
	ui_message(app, "track \"%s\" is now number %d", app->st->project->tracks[to].name, to + 1);
}

/* ---- markers ---- */

void ui_marker_add(struct ui_app *app, const char *name)
{
	struct project *p = app->st->project;
	struct err_msg why;
	if (project_limit_room(PROJECT_LIMIT_MARKERS, p->n_markers, 1, &why) != ERR_OK) {
		ui_error(app, "%s", why.text);
		return;
	}
	char made[32];
	if (!name || !*name) {
		snprintf(made, sizeof made, "M%d", p->n_markers + 1);
		name = made;
	}
	if (ui_name_refused(app, "marker name", name))
		return;
	const double t = clip_edit_sec_of(p, playhead(app));
	ui_edit_begin(app, "add marker");
	project_add_marker(p, name, t);
	ui_edit_commit(app);
	ui_message(app, "marker \"%s\" at %.3f s", name, t);
}

void ui_marker_add_here(struct ui_app *app)
{
	ui_marker_add(app, NULL);
}

/* The marker at or before the playhead, else the first; -1 when there is none. */
static int marker_here(struct ui_app *app)
{
	const struct project *p = app->st->project;
	const int64_t ph = playhead(app);
	int m = p->n_markers > 0 ? 0 : -1;
	for (int i = 0; i < p->n_markers; i++)
		if (clip_edit_frames_of(p, p->markers[i].time) <= ph)
			m = i;
	return m;
}

void ui_marker_rename(struct ui_app *app, const char *name)
{
	const int m = marker_here(app);
	if (m < 0) {
		ui_error(app, "no markers yet (M adds one at the playhead)");
		return;
	}
	if (ui_name_refused(app, "marker name", name))
		return;
	ui_edit_begin(app, "rename marker");
	free(app->st->project->markers[m].name);
	app->st->project->markers[m].name = xstrdup(name);
	ui_edit_commit(app);
	ui_message(app, "marker at %.3f s is \"%s\"", app->st->project->markers[m].time, name);
}

void ui_marker_delete(struct ui_app *app)
{
	const int m = marker_here(app);
	if (m < 0) {
		ui_error(app, "no markers to delete");
		return;
	}
	ui_edit_begin(app, "delete marker");
	project_remove_marker(app->st->project, m);
	ui_edit_commit(app);
	ui_message(app, "marker deleted (u brings it back)");
}

static void marker_jump(struct ui_app *app, int dir)
{
	const struct project *p = app->st->project;
	const int64_t ph = playhead(app);
	int found = -1;
	for (int i = 0; i < p->n_markers; i++) {
		const int64_t f = clip_edit_frames_of(p, p->markers[i].time);
		if (dir > 0 && f > ph && found < 0)
			found = i;
		if (dir < 0 && f < ph)
			found = i;
	}
	if (found < 0) {
		ui_message(app, "no marker %s the playhead", dir > 0 ? "after" : "before");
		return;
	}
	ui_transport_locate(app, clip_edit_frames_of(p, p->markers[found].time));
	ui_message(app, "marker \"%s\" at %.3f s", p->markers[found].name,
		p->markers[found].time);
}

void ui_marker_next(struct ui_app *app) { marker_jump(app, 1); }
void ui_marker_prev(struct ui_app *app) { marker_jump(app, -1); }

/* ---- loop ---- */

void ui_loop_set(struct ui_app *app, double start, double end)
{
	if (end <= start) {
		ui_error(app, "a loop ends after it starts (%.3f s is not after %.3f s)", end, start);
		return;
	}
	ui_edit_begin(app, "set loop");
	app->st->project->loop_start = start;
	app->st->project->loop_end = end;
	app->st->project->loop_enabled = true;
	ui_edit_commit(app);
	ui_message(app, "loop %.3f to %.3f s, on", start, end);
}

void ui_loop_enable(struct ui_app *app, bool on)
{
	struct project *p = app->st->project;
	if (on && p->loop_end <= p->loop_start) {
		double s, e;
		if (!ui_clip_selection_span(app, &s, &e)) {
			ui_error(app, "no loop range yet (:loop clip, :loop markers or :loop START END)");
			return;
		}
		ui_loop_set(app, s, e);
		return;
	}
	ui_edit_begin(app, on ? "loop on" : "loop off");
	p->loop_enabled = on;
	ui_edit_commit(app);
	ui_message(app, "loop %s (%.3f to %.3f s)", on ? "on" : "off", p->loop_start,
		p->loop_end);
}

void ui_loop_toggle(struct ui_app *app)
{
	ui_loop_enable(app, !app->st->project->loop_enabled);
}

void ui_loop_from_clips(struct ui_app *app)
{
	double s, e;
	if (!ui_clip_selection_span(app, &s, &e)) {
		ui_error(app, "no clip selected (Tab selects one)");
		return;
	}
	ui_loop_set(app, s, e);
}

void ui_loop_from_markers(struct ui_app *app)
{
	const struct project *p = app->st->project;
	const int64_t ph = playhead(app);
	double s = -1, e = -1;
	for (int i = 0; i < p->n_markers; i++) {
		const int64_t f = clip_edit_frames_of(p, p->markers[i].time);
		if (f <= ph)
			s = p->markers[i].time;
		else if (e < 0)
			e = p->markers[i].time;
	}
	if (s < 0 || e < 0) {
		ui_error(app, "the playhead needs a marker at or before it and one after it");
		return;
	}
	ui_loop_set(app, s, e);
}
