/* Track, marker and loop edits of the arranger (the ':' commands :track, :marker,
 * :loop and the keys M n N L). Each is one named, undoable step (studio_edit_begin /
 * studio_edit_commit). UI thread only. */
#include "src/studio/trackedit.h"

#include <stdio.h>
#include <stdlib.h>

#include "src/clip_edit.h"
#include "src/project_limits.h"
#include "src/tempo.h"
#include "src/base/text.h"
#include "src/base/xalloc.h"
#include "src/studio/clipedit.h"
#include "src/studio/edit.h"

static int64_t playhead(const struct studio *st)
{
	return st->locate_pending ? st->locate_target : st->snap.playhead;
}

/* The selected track; the mixer's master position reads as the last track. */
static int current_track(const struct studio *st, struct studio_sel *sel)
{
	const int n = st->project->n_tracks;
	return sel->strip < n ? sel->strip : n - 1;
}

bool studio_name_refused(struct studio *st, const char *what, const char *name)
{
	if (!name)
		return false;
	struct err_msg too_long;
	if (project_limit_name(what, name, &too_long) != ERR_OK) {
		studio_error(st, "%s", too_long.text);
		return true;
	}
	char why[64];
	if (!text_name_problem(name, why, sizeof why))
		return false;
	studio_error(st, "%s: %s; not changed", what, why);
	return true;
}

/* ---- tracks ---- */

void studio_track_add(struct studio *st, struct studio_sel *sel, const char *name)
{
	struct project *p = st->project;
	struct err_msg why;
	if (project_limit_room(PROJECT_LIMIT_TRACKS, p->n_tracks, 1, &why) != ERR_OK) {
		studio_error(st, "%s", why.text);
		return;
	}
	char made[32];
	if (!name || !*name) {
		snprintf(made, sizeof made, "Track %d", p->n_tracks + 1);
		name = made;
	}
	if (studio_name_refused(st, "track name", name))
		return;
	studio_edit_begin(st, "add track");
	project_add_track(p, name);
	const int at = current_track(st, sel) + 1;
	project_move_track(p, p->n_tracks - 1, at);
	sel->strip = at;
	sel->clip = 0;
	studio_edit_commit(st);
	studio_message(st, "added track %d \"%s\"", at + 1, name);
}

void studio_track_remove(struct studio *st, struct studio_sel *sel)
{
	const int t = current_track(st, sel);
	if (t < 0) {
		studio_error(st, "no track to remove");
		return;
	}
	char name[PROJECT_MAX_NAME + 1];
	snprintf(name, sizeof name, "%s", st->project->tracks[t].strip.name);
	studio_edit_begin(st, "remove track");
	project_remove_track(st->project, t);
	project_sidechain_prune(st->project); /* its keys go with it */
	studio_edit_commit(st);
	studio_message(st, "removed track \"%s\" (u brings it back)", name);
}

void studio_track_rename(struct studio *st, struct studio_sel *sel, const char *name)
{
	const int t = current_track(st, sel);
	if (t < 0 || !*name) {
		studio_error(st, t < 0 ? "no track to rename" : "a track needs a name");
		return;
	}
	if (studio_name_refused(st, "track name", name))
		return;
	studio_edit_begin(st, "rename track");
	char *old = st->project->tracks[t].strip.name;
	st->project->tracks[t].strip.name = xstrdup(name);
	project_sidechain_rename(st->project, old, name);
	free(old);
	studio_edit_commit(st);
	studio_message(st, "track %d is \"%s\"", t + 1, name);
}

void studio_track_color(struct studio *st, struct studio_sel *sel, const char *color)
{
	const int t = current_track(st, sel);
	if (t < 0) {
		studio_error(st, "no track to colour");
		return;
	}
	if (studio_name_refused(st, "track colour", color))
		return;
	studio_edit_begin(st, "track colour");
	free(st->project->tracks[t].strip.color);
	st->project->tracks[t].strip.color = color ? xstrdup(color) : NULL;
	studio_edit_commit(st);
	studio_message(st, "track %d colour: %s", t + 1, color ? color : "none");
}

void studio_track_move(struct studio *st, struct studio_sel *sel, int delta)
{
	const int t = current_track(st, sel), to = t + delta;
	if (t < 0 || to < 0 || to >= st->project->n_tracks) {
		studio_error(st, "the track is already %s", delta < 0 ? "first" : "last");
		return;
	}
	studio_edit_begin(st, "move track");
	project_move_track(st->project, t, to);
	sel->strip = to;
	studio_edit_commit(st);
	studio_message(st, "track \"%s\" is now number %d", st->project->tracks[to].strip.name,
		to + 1);
}

/* ---- markers ---- */

void studio_marker_add(struct studio *st, const char *name)
{
	studio_marker_add_at(st, name, clip_edit_sec_of(st->project, playhead(st)));
}

void studio_marker_add_at(struct studio *st, const char *name, double sec)
{
	struct project *p = st->project;
	struct err_msg why;
	if (project_limit_room(PROJECT_LIMIT_MARKERS, p->n_markers, 1, &why) != ERR_OK) {
		studio_error(st, "%s", why.text);
		return;
	}
	char made[32];
	if (!name || !*name) {
		snprintf(made, sizeof made, "M%d", p->n_markers + 1);
		name = made;
	}
	if (studio_name_refused(st, "marker name", name))
		return;
	/* on a frame, as the playhead is: markers snap and locate to frames */
	const double t = clip_edit_sec_of(p, clip_edit_frames_of(p, sec));
	studio_edit_begin(st, "add marker");
	project_add_marker(p, name, t);
	studio_edit_commit(st);
	studio_message(st, "marker \"%s\" at %.3f s", name, t);
}

void studio_marker_add_here(struct studio *st)
{
	studio_marker_add(st, NULL);
}

/* The marker at or before the playhead, else the first; -1 when there is none. */
static int marker_here(struct studio *st)
{
	const struct project *p = st->project;
	const int64_t ph = playhead(st);
	int m = p->n_markers > 0 ? 0 : -1;
	for (int i = 0; i < p->n_markers; i++)
		if (clip_edit_frames_of(p, p->markers[i].time) <= ph)
			m = i;
	return m;
}

void studio_marker_rename(struct studio *st, const char *name)
{
	const int m = marker_here(st);
	if (m < 0) {
		studio_error(st, "no markers yet (M adds one at the playhead)");
		return;
	}
	if (studio_name_refused(st, "marker name", name))
		return;
	studio_edit_begin(st, "rename marker");
	free(st->project->markers[m].name);
	st->project->markers[m].name = xstrdup(name);
	studio_edit_commit(st);
	studio_message(st, "marker at %.3f s is \"%s\"", st->project->markers[m].time, name);
}

void studio_marker_delete(struct studio *st)
{
	const int m = marker_here(st);
	if (m < 0) {
		studio_error(st, "no markers to delete");
		return;
	}
	studio_edit_begin(st, "delete marker");
	project_remove_marker(st->project, m);
	studio_edit_commit(st);
	studio_message(st, "marker deleted (u brings it back)");
}

static void marker_jump(struct studio *st, int dir)
{
	const struct project *p = st->project;
	const int64_t ph = playhead(st);
	int found = -1;
	for (int i = 0; i < p->n_markers; i++) {
		const int64_t f = clip_edit_frames_of(p, p->markers[i].time);
		if (dir > 0 && f > ph && found < 0)
			found = i;
		if (dir < 0 && f < ph)
			found = i;
	}
	if (found < 0) {
		studio_message(st, "no marker %s the playhead", dir > 0 ? "after" : "before");
		return;
	}
	studio_transport_locate(st, clip_edit_frames_of(p, p->markers[found].time));
	studio_message(st, "marker \"%s\" at %.3f s", p->markers[found].name,
		p->markers[found].time);
}

void studio_marker_next(struct studio *st) { marker_jump(st, 1); }
void studio_marker_prev(struct studio *st) { marker_jump(st, -1); }

/* ---- loop ---- */

void studio_loop_set(struct studio *st, double start, double end)
{
	if (end <= start) {
		studio_error(st, "a loop ends after it starts (%.3f s is not after %.3f s)", end,
			start);
		return;
	}
	studio_edit_begin(st, "set loop");
	st->project->loop_start = start;
	st->project->loop_end = end;
	st->project->loop_enabled = true;
	studio_edit_commit(st);
	const struct tempo_map m = tempo_map_of(st->project);
	char a[32], b[32];
	tempo_format(&m, start, a, sizeof a);
	tempo_format(&m, end, b, sizeof b);
	studio_message(st, "loop %.3f to %.3f s, on (bars %s to %s)", start, end, a, b);
}

void studio_loop_enable(struct studio *st, struct studio_sel *sel, bool on)
{
	struct project *p = st->project;
	if (on && p->loop_end <= p->loop_start) {
		double s, e;
		if (!studio_clip_selection_span(st, sel, &s, &e)) {
			studio_error(st, "no loop range yet (:loop clip, :loop markers or :loop START END)");
			return;
		}
		studio_loop_set(st, s, e);
		return;
	}
	studio_edit_begin(st, on ? "loop on" : "loop off");
	p->loop_enabled = on;
	studio_edit_commit(st);
	studio_message(st, "loop %s (%.3f to %.3f s)", on ? "on" : "off", p->loop_start,
		p->loop_end);
}

void studio_loop_toggle(struct studio *st, struct studio_sel *sel)
{
	studio_loop_enable(st, sel, !st->project->loop_enabled);
}

void studio_loop_from_clips(struct studio *st, struct studio_sel *sel)
{
	double s, e;
	if (!studio_clip_selection_span(st, sel, &s, &e)) {
		studio_error(st, "no clip selected (Tab selects one)");
		return;
	}
	studio_loop_set(st, s, e);
}

void studio_loop_from_markers(struct studio *st)
{
	const struct project *p = st->project;
	const int64_t ph = playhead(st);
	double s = -1, e = -1;
	for (int i = 0; i < p->n_markers; i++) {
		const int64_t f = clip_edit_frames_of(p, p->markers[i].time);
		if (f <= ph)
			s = p->markers[i].time;
		else if (e < 0)
			e = p->markers[i].time;
	}
	if (s < 0 || e < 0) {
		studio_error(st, "the playhead needs a marker at or before it and one after it");
		return;
	}
	studio_loop_set(st, s, e);
}
