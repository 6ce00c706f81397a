#include "ui/clipedit.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "src/clip_edit.h"
#include "src/project_limits.h"
#include "src/base/xalloc.h"
#include "ui/edit.h"

#define CLIP_GAIN_STEP_DB 1.0

/* ---- where things are ---- */

static int64_t playhead(const struct ui_app *app)
{
	return app->st->locate_pending ? app->st->locate_target : app->st->snap.playhead;
}

static int current_track(const struct ui_app *app)
{
	const int n = app->st->project->n_tracks;
	return app->selected < n ? app->selected : n - 1;
}

static struct project_clip *current_clip(struct ui_app *app)
{
	const int t = current_track(app);
	if (t < 0 || app->arr_clip < 0 || app->arr_clip >= app->st->project->tracks[t].n_clips)
		return NULL;
	return &app->st->project->tracks[t].clips[app->arr_clip];
}

static int n_selected(const struct project *p)
{
	int n = 0;
	for (int t = 0; t < p->n_tracks; t++)
		for (int k = 0; k < p->tracks[t].n_clips; k++)
			n += p->tracks[t].clips[k].selected;
	return n;
}

/* Whether clip (t, k) is one the edit applies to. */
static bool is_target(struct ui_app *app, int t, int k, bool any_selected)
{
	if (any_selected)
		return app->st->project->tracks[t].clips[k].selected;
	return t == current_track(app) && k == app->arr_clip;
}

static double frames_per_beat(const struct project *p)
{
	return p->sample_rate * 60.0 / (p->tempo_bpm > 0 ? p->tempo_bpm : 120.0);
}

static int64_t nudge_frames(const struct ui_app *app)
{
	const struct project *p = app->st->project;
	double amount = app->arr_nudge > 0 ? app->arr_nudge : UI_NUDGE_DEFAULT_MS;
	enum ui_nudge_unit unit = app->arr_nudge > 0 ? (enum ui_nudge_unit)app->arr_nudge_unit
		: UI_NUDGE_MS;
	double f = unit == UI_NUDGE_FRAMES ? amount : unit == UI_NUDGE_BEATS
		? amount * frames_per_beat(p) : amount / 1000.0 * p->sample_rate;
	int64_t n = llround(f);
	return n > 0 ? n : 1;
}

/* ---- running an edit on the targets ---- */

typedef enum err (*clip_op)(struct ui_app *app, int t, int k, void *ctx,
	struct err_msg *msg);

/* Run op on every target, last first (so that an insertion or removal at k leaves the
 * indices still to come valid), as one undoable step called name. Afterwards each
 * track's clips are in time order and the current clip is still the one it was (or
 * *new_current, a clip's file pointer, when an op set it). */
static void run_on_targets(struct ui_app *app, const char *name, const char *done,
	clip_op op, void *ctx)
{
	struct project *p = app->st->project;
	const bool any = n_selected(p) > 0;
	struct project_clip *cur = current_clip(app);
	if (!any && !cur) {
		ui_error(app, "no clip selected (Tab selects one, v adds it to a selection)");
		return;
	}
	/* a clip's file string is its own allocation: it names the clip through sorting */
	const char *cur_id = cur ? cur->file : NULL;
	ui_edit_begin(app, name);
	int ok = 0, failed = 0;
	struct err_msg first = { "" }, msg;
	for (int t = p->n_tracks - 1; t >= 0; t--)
		for (int k = p->tracks[t].n_clips - 1; k >= 0; k--) {
			if (!is_target(app, t, k, any))
				continue;
			if (op(app, t, k, ctx, &msg) == ERR_OK)
				ok++;
			else if (failed++ == 0)
				first = msg;
		}
	for (int t = 0; t < p->n_tracks; t++)
		project_sort_clips(&p->tracks[t]);
	const int ct = current_track(app);
	if (ct >= 0 && cur_id)
		for (int k = 0; k < p->tracks[ct].n_clips; k++)
			if (p->tracks[ct].clips[k].file == cur_id)
				app->arr_clip = k;
	if (ok == 0) {
		ui_edit_cancel(app);
		ui_error(app, "%s: %s", name, first.text);
		return;
	}
	ui_edit_commit(app);
	if (failed)
		ui_error(app, "%s %d of %d clips; %s", done, ok, ok + failed, first.text);
	else if (ok > 1)
		ui_message(app, "%s %d clips", done, ok);
	else
		ui_message(app, "%s", done);
}

/* ---- split, delete, join, duplicate ---- */

static enum err op_split(struct ui_app *app, int t, int k, void *ctx, struct err_msg *msg)
{
	(void)ctx;
	struct project *p = app->st->project;
	const int64_t ph = playhead(app);
	/* a selection splits where the playhead crosses it; the other clips stay whole */
	if (n_selected(p) > 0) {
		struct clip_frames f;
		if (clip_edit_frames(p, &p->tracks[t].clips[k], &f, msg) != ERR_OK)
			return ERR_OK;
		if (ph <= f.start || ph >= f.start + f.length)
			return ERR_OK;
	}
	return clip_edit_split(p, t, k, ph, msg);
}

void ui_clip_split(struct ui_app *app)
{
	run_on_targets(app, "split clip", "split at the playhead", op_split, NULL);
}

static enum err op_delete(struct ui_app *app, int t, int k, void *ctx, struct err_msg *msg)
{
	(void)ctx;
	(void)msg;
	project_remove_clip(&app->st->project->tracks[t], k);
	return ERR_OK;
}

void ui_clip_delete(struct ui_app *app)
{
	run_on_targets(app, "delete clip", "deleted", op_delete, NULL);
}

/* Join is not one edit per target: each join removes a clip, and a selection may hold
 * a whole row of pieces. Join the current clip with its continuation; or, with a
 * selection, join selected clips until no two of them continue each other. */
void ui_clip_join(struct ui_app *app)
{
	struct project *p = app->st->project;
	const bool any = n_selected(p) > 0;
	if (!any && !current_clip(app)) {
		ui_error(app, "no clip selected (Tab selects one)");
		return;
	}
	ui_edit_begin(app, "join clips");
	int joins = 0, joined;
	struct err_msg msg = { "" };
	if (!any) {
		if (clip_edit_join(p, current_track(app), app->arr_clip, &joined, &msg) == ERR_OK) {
			app->arr_clip = joined;
			joins++;
		}
	} else {
		for (bool again = true; again;) {
			again = false;
			for (int t = 0; t < p->n_tracks && !again; t++)
				for (int k = 0; k < p->tracks[t].n_clips && !again; k++) {
					if (!p->tracks[t].clips[k].selected)
						continue;
					struct err_msg m;
					if (clip_edit_join(p, t, k, &joined, &m) == ERR_OK) {
						joins++;
						again = true;
						if (t == current_track(app))
							app->arr_clip = joined;
					} else if (!msg.text[0]) {
						msg = m;
					}
				}
		}
	}
	if (joins == 0) {
		ui_edit_cancel(app);
		ui_error(app, "join: %s", msg.text);
		return;
	}
	ui_edit_commit(app);
	ui_message(app, "joined %d splice%s into one clip", joins, joins == 1 ? "" : "s");
}

static enum err op_duplicate(struct ui_app *app, int t, int k, void *ctx,
	struct err_msg *msg)
{
	(void)ctx;
	int made;
	return clip_edit_duplicate(app->st->project, t, k, &made, msg);
}

void ui_clip_duplicate(struct ui_app *app)
{
	run_on_targets(app, "duplicate clip", "duplicated after itself", op_duplicate, NULL);
}

/* ---- moving ---- */

static enum err op_shift(struct ui_app *app, int t, int k, void *ctx, struct err_msg *msg)
{
	const int64_t delta = *(const int64_t *)ctx;
	const int64_t start = clip_edit_frames_of(app->st->project,
		app->st->project->tracks[t].clips[k].start);
	if (start + delta < 0)
		return err_set(msg, ERR_RANGE, "a clip cannot start before 0");
	return clip_edit_move(app->st->project, t, k, start + delta, msg);
}

static void shift_by(struct ui_app *app, int64_t delta, const char *what)
{
	if (delta == 0) {
		ui_message(app, "nowhere to move to");
		return;
	}
	char done[96];
	snprintf(done, sizeof done, "moved %+.3f s%s", clip_edit_sec_of(app->st->project, delta),
		what);
	run_on_targets(app, "move clip", done, op_shift, &delta);
}

void ui_clip_nudge_left(struct ui_app *app) { shift_by(app, -nudge_frames(app), ""); }
void ui_clip_nudge_right(struct ui_app *app) { shift_by(app, nudge_frames(app), ""); }

/* The clip the snap is measured from: the current one, else the first selected. */
static struct project_clip *reference_clip(struct ui_app *app)
{
	struct project_clip *c = current_clip(app);
	if (c && (c->selected || n_selected(app->st->project) == 0))
		return c;
	for (int t = 0; t < app->st->project->n_tracks; t++)
		for (int k = 0; k < app->st->project->tracks[t].n_clips; k++)
			if (app->st->project->tracks[t].clips[k].selected)
				return &app->st->project->tracks[t].clips[k];
	return c;
}

/* The smallest move (in direction dir) that puts the clip's start or end on a snap
 * point: a beat of the grid, a marker, the playhead, or an edge of a clip that is not
 * moving. 0 when there is none. */
static int64_t snap_delta(struct ui_app *app, const struct clip_frames *f, int dir)
{
	const struct project *p = app->st->project;
	const bool any = n_selected(p) > 0;
	int64_t best = 0;
	const int64_t edges[2] = { f->start, f->start + f->length };
	#define CONSIDER(point) do { \
		for (int e_ = 0; e_ < 2; e_++) { \
			const int64_t d_ = (int64_t)(point) - edges[e_]; \
			if (d_ * dir > 0 && (best == 0 || llabs(d_) < llabs(best)) \
				&& f->start + d_ >= 0) \
				best = d_; \
		} \
	} while (0)
	const double beat = frames_per_beat(p);
	for (int e = 0; e < 2; e++) {
		/* the beats either side of each edge */
		const double b = floor(edges[e] / beat);
		for (int i = -1; i <= 2; i++)
			CONSIDER(llround((b + i) * beat));
	}
	for (int i = 0; i < p->n_markers; i++)
		CONSIDER(clip_edit_frames_of(p, p->markers[i].time));
	CONSIDER(playhead(app));
	for (int t = 0; t < p->n_tracks; t++)
		for (int k = 0; k < p->tracks[t].n_clips; k++) {
			if (is_target(app, t, k, any))
				continue;
			const struct project_clip *c = &p->tracks[t].clips[k];
			CONSIDER(clip_edit_frames_of(p, c->start));
			if (c->length > 0)
				CONSIDER(clip_edit_frames_of(p, c->start + c->length));
		}
	#undef CONSIDER
	return best;
}

static void snap_move(struct ui_app *app, int dir)
{
	struct project_clip *c = reference_clip(app);
	if (!c) {
		ui_error(app, "no clip selected (Tab selects one, v adds it to a selection)");
		return;
	}
	if (app->arr_snap_off) {
		shift_by(app, dir * llround(frames_per_beat(app->st->project)), " (a beat)");
		return;
	}
	struct clip_frames f;
	struct err_msg msg;
	if (clip_edit_frames(app->st->project, c, &f, &msg) != ERR_OK) {
		ui_error(app, "%s", msg.text);
		return;
	}
	shift_by(app, snap_delta(app, &f, dir), " (snapped)");
}

void ui_clip_snap_left(struct ui_app *app) { snap_move(app, -1); }
void ui_clip_snap_right(struct ui_app *app) { snap_move(app, 1); }

void ui_clip_snap_toggle(struct ui_app *app)
{
	app->arr_snap_off = !app->arr_snap_off;
	ui_message(app, app->arr_snap_off ? "snap off: < > move by a beat"
		: "snap on: < > move to beats, markers, the playhead and clip edges");
	app->need_draw = true;
}

void ui_clip_move_to(struct ui_app *app, double sec)
{
	struct project_clip *c = reference_clip(app);
	if (!c) {
		ui_error(app, "no clip selected (Tab selects one)");
		return;
	}
	shift_by(app, clip_edit_frames_of(app->st->project, sec) - clip_edit_frames_of(app->st->project,
		c->start), "");
}

void ui_clip_set_nudge(struct ui_app *app, double amount, enum ui_nudge_unit unit)
{
	app->arr_nudge = amount;
	app->arr_nudge_unit = (int)unit;
	ui_message(app, "nudge: %g %s (%lld frames)", amount, unit == UI_NUDGE_MS ? "ms"
		: unit == UI_NUDGE_FRAMES ? "frames" : "beats", (long long)nudge_frames(app));
	app->need_draw = true;
}

/* ---- trimming ---- */

struct trim { bool end; bool by_nudge; };

static enum err op_trim(struct ui_app *app, int t, int k, void *ctx, struct err_msg *msg)
{
	const struct trim *tr = ctx;
	struct project *p = app->st->project;
	int64_t at = playhead(app);
	if (tr->by_nudge) {
		struct clip_frames f;
		enum err e = clip_edit_frames(p, &p->tracks[t].clips[k], &f, msg);
		if (e != ERR_OK)
			return e;
		at = tr->end ? f.start + f.length - nudge_frames(app) : f.start + nudge_frames(app);
	}
	return tr->end ? clip_edit_trim_end(p, t, k, at, msg)
		: clip_edit_trim_start(p, t, k, at, msg);
}

struct trim_by { bool end; int64_t frames; };

static enum err op_trim_by(struct ui_app *app, int t, int k, void *ctx, struct err_msg *msg)
{
	const struct trim_by *tb = ctx;
	struct project *p = app->st->project;
	struct clip_frames f;
	enum err e = clip_edit_frames(p, &p->tracks[t].clips[k], &f, msg);
	if (e != ERR_OK)
		return e;
	return tb->end ? clip_edit_trim_end(p, t, k, f.start + f.length + tb->frames, msg)
		: clip_edit_trim_start(p, t, k, f.start + tb->frames, msg);
}

void ui_clip_trim_by(struct ui_app *app, bool end, double sec)
{
	struct trim_by tb = { end, clip_edit_frames_of(app->st->project, sec) };
	char done[64];
	snprintf(done, sizeof done, "%s edge moved %+.3f s", end ? "end" : "start",
		clip_edit_sec_of(app->st->project, tb.frames));
	run_on_targets(app, end ? "trim end" : "trim start", done, op_trim_by, &tb);
}

void ui_clip_trim_start(struct ui_app *app)
{
	struct trim tr = { false, false };
	run_on_targets(app, "trim start", "start trimmed to the playhead", op_trim, &tr);
}

void ui_clip_trim_end(struct ui_app *app)
{
	struct trim tr = { true, false };
	run_on_targets(app, "trim end", "end trimmed to the playhead", op_trim, &tr);
}

void ui_clip_trim_start_nudge(struct ui_app *app)
{
	struct trim tr = { false, true };
	run_on_targets(app, "trim start", "start trimmed by a nudge", op_trim, &tr);
}

void ui_clip_trim_end_nudge(struct ui_app *app)
{
	struct trim tr = { true, true };
	run_on_targets(app, "trim end", "end trimmed by a nudge", op_trim, &tr);
}

/* ---- gain and fades ---- */

struct gain { double db; bool relative; };

static enum err op_gain(struct ui_app *app, int t, int k, void *ctx, struct err_msg *msg)
{
	(void)msg;
	const struct gain *g = ctx;
	struct project_clip *c = &app->st->project->tracks[t].clips[k];
	double db = g->relative ? c->gain_db + g->db : g->db;
	db = fmin(fmax(db, PROJECT_MIN_GAIN_DB), PROJECT_MAX_GAIN_DB);
	c->gain_db = round(db * 100.0) / 100.0;
	return ERR_OK;
}

static void gain_edit(struct ui_app *app, double db, bool relative)
{
	struct gain g = { db, relative };
	char done[64];
	if (relative)
		snprintf(done, sizeof done, "clip gain %+.1f dB", db);
	else
		snprintf(done, sizeof done, "clip gain set to %+.1f dB", db);
	run_on_targets(app, "clip gain", done, op_gain, &g);
	struct project_clip *c = current_clip(app);
	if (relative && c && !app->message_is_error)
		ui_message(app, "clip gain %+.1f dB", c->gain_db);
}

void ui_clip_gain_up(struct ui_app *app) { gain_edit(app, CLIP_GAIN_STEP_DB, true); }
void ui_clip_gain_down(struct ui_app *app) { gain_edit(app, -CLIP_GAIN_STEP_DB, true); }
void ui_clip_set_gain(struct ui_app *app, double db) { gain_edit(app, db, false); }

struct fade { bool out; bool to_playhead; double sec; int shape; bool next_shape; };

static enum err op_fade(struct ui_app *app, int t, int k, void *ctx, struct err_msg *msg)
{
	const struct fade *f = ctx;
	struct project *p = app->st->project;
	struct project_clip *c = &p->tracks[t].clips[k];
	enum project_fade_shape *shape = f->out ? &c->fade_out_shape : &c->fade_in_shape;
	if (f->next_shape)
		*shape = (enum project_fade_shape)((*shape + 1) % PROJECT_N_FADE_SHAPES);
	else if (f->shape >= 0)
		*shape = (enum project_fade_shape)f->shape;
	double sec = f->sec;
	if (f->to_playhead) {
		struct clip_frames cf;
		enum err e = clip_edit_frames(p, c, &cf, msg);
		if (e != ERR_OK)
			return e;
		const int64_t ph = playhead(app);
		if (ph <= cf.start || ph >= cf.start + cf.length)
			return err_set(msg, ERR_RANGE, "the playhead is not inside the clip");
		sec = clip_edit_sec_of(p, f->out ? cf.start + cf.length - ph : ph - cf.start);
	}
	if (sec < 0)
		return ERR_OK;
	return clip_edit_fade(p, t, k, f->out, sec, msg);
}

static void fade_edit(struct ui_app *app, struct fade *f, const char *name)
{
	run_on_targets(app, name, name, op_fade, f);
	struct project_clip *c = current_clip(app);
	if (c && !app->message_is_error)
		ui_message(app, "%s %.3f s, %s", f->out ? "fade-out" : "fade-in",
			f->out ? c->fade_out : c->fade_in, project_fade_shape_name(f->out
			? c->fade_out_shape : c->fade_in_shape));
}

void ui_clip_fade_in(struct ui_app *app)
{
	struct fade f = { .out = false, .to_playhead = true, .shape = -1 };
	fade_edit(app, &f, "fade in");
}

void ui_clip_fade_out(struct ui_app *app)
{
	struct fade f = { .out = true, .to_playhead = true, .shape = -1 };
	fade_edit(app, &f, "fade out");
}

void ui_clip_fade_in_shape(struct ui_app *app)
{
	struct fade f = { .out = false, .sec = -1, .shape = -1, .next_shape = true };
	fade_edit(app, &f, "fade-in shape");
}

void ui_clip_fade_out_shape(struct ui_app *app)
{
	struct fade f = { .out = true, .sec = -1, .shape = -1, .next_shape = true };
	fade_edit(app, &f, "fade-out shape");
}

void ui_clip_set_fade(struct ui_app *app, bool fade_out, double sec, int shape)
{
	struct fade f = { .out = fade_out, .sec = sec, .shape = shape };
	fade_edit(app, &f, fade_out ? "fade out" : "fade in");
}

void ui_clip_set_crossfade(struct ui_app *app, double ms)
{
	ui_edit_begin(app, "crossfade length");
	app->st->project->crossfade_ms = ms;
	ui_edit_commit(app);
	ui_message(app, "overlapping clips crossfade over %g ms (equal power)", ms);
}

/* ---- selection, clipboard ---- */

void ui_clip_select_toggle(struct ui_app *app)
{
	struct project_clip *c = current_clip(app);
	if (!c) {
		ui_error(app, "no clip here to select (Tab selects one)");
		return;
	}
	c->selected = !c->selected;
	ui_message(app, "%d clip%s selected", n_selected(app->st->project),
		n_selected(app->st->project) == 1 ? "" : "s");
	app->need_draw = true;
}

void ui_clip_select_none(struct ui_app *app)
{
	struct project *p = app->st->project;
	for (int t = 0; t < p->n_tracks; t++)
		for (int k = 0; k < p->tracks[t].n_clips; k++)
			p->tracks[t].clips[k].selected = false;
	ui_message(app, "selection cleared");
	app->need_draw = true;
}

static void clipboard_clear(struct ui_app *app)
{
	for (int i = 0; i < app->st->n_clipboard; i++)
		project_clip_deinit(&app->st->clipboard[i]);
	free(app->st->clipboard);
	free(app->st->clipboard_track);
	app->st->clipboard = NULL;
	app->st->clipboard_track = NULL;
	app->st->n_clipboard = 0;
}

void ui_clip_deinit(struct ui_app *app)
{
	clipboard_clear(app);
}

void ui_clip_copy(struct ui_app *app)
{
	struct project *p = app->st->project;
	const bool any = n_selected(p) > 0;
	if (!any && !current_clip(app)) {
		ui_error(app, "no clip selected to copy");
		return;
	}
	clipboard_clear(app);
	int n = any ? n_selected(p) : 1, i = 0, top = -1;
	double first = PROJECT_MAX_SECONDS;
	app->st->clipboard = xcalloc((size_t)n, sizeof *app->st->clipboard);
	app->st->clipboard_track = xcalloc((size_t)n, sizeof *app->st->clipboard_track);
	for (int t = 0; t < p->n_tracks; t++)
		for (int k = 0; k < p->tracks[t].n_clips; k++) {
			if (!is_target(app, t, k, any))
				continue;
			project_clip_copy(&app->st->clipboard[i], &p->tracks[t].clips[k]);
			app->st->clipboard[i].selected = false;
			app->st->clipboard_track[i++] = t;
			if (top < 0)
				top = t;
			first = fmin(first, p->tracks[t].clips[k].start);
		}
	app->st->n_clipboard = i;
	for (i = 0; i < app->st->n_clipboard; i++) {
		app->st->clipboard[i].start -= first;
		app->st->clipboard_track[i] -= top;
	}
	ui_message(app, "copied %d clip%s (p pastes at the playhead)", app->st->n_clipboard,
		app->st->n_clipboard == 1 ? "" : "s");
}

void ui_clip_paste(struct ui_app *app)
{
	struct project *p = app->st->project;
	const int t0 = current_track(app);
	if (app->st->n_clipboard == 0) {
		ui_error(app, "nothing copied yet (y copies the selected clips)");
		return;
	}
	if (t0 < 0) {
		ui_error(app, "no track to paste on");
		return;
	}
	for (int t = t0; t < p->n_tracks; t++) {
		/* all or nothing: a paste that would cross the clip limit on any track */
		int adding = 0;
		for (int i = 0; i < app->st->n_clipboard; i++)
			adding += t0 + app->st->clipboard_track[i] == t;
		struct err_msg why;
		if (project_limit_room(PROJECT_LIMIT_CLIPS, p->tracks[t].n_clips, adding, &why)
		    != ERR_OK) {
			ui_error(app, "not pasted: %s (track %s)", why.text, p->tracks[t].name);
			return;
		}
	}
	const int64_t at = playhead(app);
	ui_edit_begin(app, "paste clips");
	int pasted = 0;
	for (int i = 0; i < app->st->n_clipboard; i++) {
		const int t = t0 + app->st->clipboard_track[i];
		if (t >= p->n_tracks)
			continue; /* below the last track: nowhere to go */
		const struct project_clip *src = &app->st->clipboard[i];
		const double start = clip_edit_sec_of(p, at + clip_edit_frames_of(p, src->start));
		struct project_track *tr = &p->tracks[t];
		int k = 0;
		while (k < tr->n_clips && tr->clips[k].start <= start)
			k++;
		struct project_clip *c = project_insert_clip(tr, k, src);
		c->start = start;
		if (t == t0 && pasted == 0)
			app->arr_clip = k;
		pasted++;
	}
	ui_edit_commit(app);
	ui_message(app, "pasted %d clip%s at %.3f s", pasted, pasted == 1 ? "" : "s",
		clip_edit_sec_of(p, at));
}

bool ui_clip_selection_span(struct ui_app *app, double *start, double *end)
{
	struct project *p = app->st->project;
	const bool any = n_selected(p) > 0;
	bool found = false;
	for (int t = 0; t < p->n_tracks; t++)
		for (int k = 0; k < p->tracks[t].n_clips; k++) {
			if (!is_target(app, t, k, any))
				continue;
			struct clip_frames f;
			struct err_msg msg;
			if (clip_edit_frames(p, &p->tracks[t].clips[k], &f, &msg) != ERR_OK)
				continue;
			const double s = clip_edit_sec_of(p, f.start), e = clip_edit_sec_of(p,
				f.start + f.length);
			*start = found ? fmin(*start, s) : s;
			*end = found ? fmax(*end, e) : e;
			found = true;
		}
	return found;
}
