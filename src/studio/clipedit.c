#include "src/studio/clipedit.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "src/clip_edit.h"
#include "src/project_limits.h"
#include "src/tempo.h"
#include "src/base/xalloc.h"
#include "src/studio/edit.h"

#define CLIP_GAIN_STEP_DB 1.0

/* ---- where things are ---- */

static int64_t playhead(const struct studio *st)
{
	return st->locate_pending ? st->locate_target : st->snap.playhead;
}

static int current_track(const struct studio *st, struct studio_sel *sel)
{
	const int n = st->project->n_tracks;
	return sel->strip < n ? sel->strip : n - 1;
}

static struct project_clip *current_clip(struct studio *st, struct studio_sel *sel)
{
	const int t = current_track(st, sel);
	if (t < 0 || sel->clip < 0 || sel->clip >= st->project->tracks[t].n_clips)
		return NULL;
	return &st->project->tracks[t].clips[sel->clip];
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
static bool is_target(struct studio *st, struct studio_sel *sel, int t, int k,
	bool any_selected)
{
	if (any_selected)
		return st->project->tracks[t].clips[k].selected;
	return t == current_track(st, sel) && k == sel->clip;
}

/* The move from frame `at` by `beats` beats of the tempo map (src/tempo.h): a beat
 * is as long as the map makes it there, across a change of tempo or meter too. */
static int64_t beats_from(const struct project *p, int64_t at, double beats)
{
	const struct tempo_map m = tempo_map_of(p);
	const double sec = (double)at / p->sample_rate;
	const double to = tempo_time_of_beats(&m, tempo_beats_at(&m, sec) + beats);
	return llround(to * p->sample_rate) - at;
}

/* The nudge from frame `at` in direction dir (-1, 1): never 0. */
static int64_t nudge_frames(const struct studio *st, int64_t at, int dir)
{
	const struct project *p = st->project;
	double amount = st->nudge > 0 ? st->nudge : STUDIO_NUDGE_DEFAULT_MS;
	enum studio_nudge_unit unit = st->nudge > 0 ? (enum studio_nudge_unit)st->nudge_unit
		: STUDIO_NUDGE_MS;
	if (unit == STUDIO_NUDGE_BEATS) {
		const int64_t d = beats_from(p, at, dir * amount);
		return d != 0 ? d : dir;
	}
	double f = unit == STUDIO_NUDGE_FRAMES ? amount : amount / 1000.0 * p->sample_rate;
	int64_t n = llround(f);
	return dir * (n > 0 ? n : 1);
}

/* ---- running an edit on the targets ---- */

typedef enum err (*clip_op)(struct studio *st, int t, int k, void *ctx,
	struct err_msg *msg);

/* Run op on every target, last first (so that an insertion or removal at k leaves the
 * indices still to come valid), as one undoable step called name. Afterwards each
 * track's clips are in time order and the current clip is still the one it was (or
 * *new_current, a clip's file pointer, when an op set it). */
static void run_on_targets(struct studio *st, struct studio_sel *sel, const char *name,
	const char *done, clip_op op, void *ctx)
{
	struct project *p = st->project;
	const bool any = n_selected(p) > 0;
	struct project_clip *cur = current_clip(st, sel);
	if (!any && !cur) {
		studio_error(st, "no clip selected (Tab selects one, v adds it to a selection)");
		return;
	}
	/* a clip's file string is its own allocation: it names the clip through sorting */
	const char *cur_id = cur ? cur->file : NULL;
	studio_edit_begin(st, name);
	int ok = 0, failed = 0;
	struct err_msg first = { "" }, msg;
	for (int t = p->n_tracks - 1; t >= 0; t--)
		for (int k = p->tracks[t].n_clips - 1; k >= 0; k--) {
			if (!is_target(st, sel, t, k, any))
				continue;
			if (op(st, t, k, ctx, &msg) == ERR_OK)
				ok++;
			else if (failed++ == 0)
				first = msg;
		}
	for (int t = 0; t < p->n_tracks; t++)
		project_sort_clips(&p->tracks[t]);
	const int ct = current_track(st, sel);
	if (ct >= 0 && cur_id)
		for (int k = 0; k < p->tracks[ct].n_clips; k++)
			if (p->tracks[ct].clips[k].file == cur_id)
				sel->clip = k;
	if (ok == 0) {
		studio_edit_cancel(st);
		studio_error(st, "%s: %s", name, first.text);
		return;
	}
	studio_edit_commit(st);
	if (failed)
		studio_error(st, "%s %d of %d clips; %s", done, ok, ok + failed, first.text);
	else if (ok > 1)
		studio_message(st, "%s %d clips", done, ok);
	else
		studio_message(st, "%s", done);
}

/* ---- split, delete, join, duplicate ---- */

static enum err op_split(struct studio *st, int t, int k, void *ctx, struct err_msg *msg)
{
	(void)ctx;
	struct project *p = st->project;
	const int64_t ph = playhead(st);
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

void studio_clip_split(struct studio *st, struct studio_sel *sel)
{
	run_on_targets(st, sel, "split clip", "split at the playhead", op_split, NULL);
}

static enum err op_delete(struct studio *st, int t, int k, void *ctx, struct err_msg *msg)
{
	(void)ctx;
	(void)msg;
	project_remove_clip(&st->project->tracks[t], k);
	return ERR_OK;
}

void studio_clip_delete(struct studio *st, struct studio_sel *sel)
{
	run_on_targets(st, sel, "delete clip", "deleted", op_delete, NULL);
}

/* Join is not one edit per target: each join removes a clip, and a selection may hold
 * a whole row of pieces. Join the current clip with its continuation; or, with a
 * selection, join selected clips until no two of them continue each other. */
void studio_clip_join(struct studio *st, struct studio_sel *sel)
{
	struct project *p = st->project;
	const bool any = n_selected(p) > 0;
	if (!any && !current_clip(st, sel)) {
		studio_error(st, "no clip selected (Tab selects one)");
		return;
	}
	studio_edit_begin(st, "join clips");
	int joins = 0, joined;
	struct err_msg msg = { "" };
	if (!any) {
		if (clip_edit_join(p, current_track(st, sel), sel->clip, &joined, &msg) == ERR_OK) {
			sel->clip = joined;
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
						if (t == current_track(st, sel))
							sel->clip = joined;
					} else if (!msg.text[0]) {
						msg = m;
					}
				}
		}
	}
	if (joins == 0) {
		studio_edit_cancel(st);
		studio_error(st, "join: %s", msg.text);
		return;
	}
	studio_edit_commit(st);
	studio_message(st, "joined %d splice%s into one clip", joins, joins == 1 ? "" : "s");
}

static enum err op_duplicate(struct studio *st, int t, int k, void *ctx,
	struct err_msg *msg)
{
	(void)ctx;
	int made;
	return clip_edit_duplicate(st->project, t, k, &made, msg);
}

void studio_clip_duplicate(struct studio *st, struct studio_sel *sel)
{
	run_on_targets(st, sel, "duplicate clip", "duplicated after itself", op_duplicate, NULL);
}

/* ---- moving ---- */

static enum err op_shift(struct studio *st, int t, int k, void *ctx, struct err_msg *msg)
{
	const int64_t delta = *(const int64_t *)ctx;
	const int64_t start = clip_edit_frames_of(st->project,
		st->project->tracks[t].clips[k].start);
	if (start + delta < 0)
		return err_set(msg, ERR_RANGE, "a clip cannot start before 0");
	return clip_edit_move(st->project, t, k, start + delta, msg);
}

static void shift_by(struct studio *st, struct studio_sel *sel, int64_t delta,
	const char *what)
{
	if (delta == 0) {
		studio_message(st, "nowhere to move to");
		return;
	}
	char done[96];
	snprintf(done, sizeof done, "moved %+.3f s%s", clip_edit_sec_of(st->project, delta),
		what);
	run_on_targets(st, sel, "move clip", done, op_shift, &delta);
}

static struct project_clip *reference_clip(struct studio *st, struct studio_sel *sel);

/* Where a move in beats is measured from: the clip that leads the move (else the
 * playhead). */
static int64_t reference_frame(struct studio *st, struct studio_sel *sel)
{
	const struct project_clip *c = reference_clip(st, sel);
	return c ? clip_edit_frames_of(st->project, c->start) : playhead(st);
}

void studio_clip_nudge_left(struct studio *st, struct studio_sel *sel)
{
	shift_by(st, sel, nudge_frames(st, reference_frame(st, sel), -1), "");
}
void studio_clip_nudge_right(struct studio *st, struct studio_sel *sel)
{
	shift_by(st, sel, nudge_frames(st, reference_frame(st, sel), 1), "");
}

/* The clip the snap is measured from: the current one, else the first selected. */
static struct project_clip *reference_clip(struct studio *st, struct studio_sel *sel)
{
	struct project_clip *c = current_clip(st, sel);
	if (c && (c->selected || n_selected(st->project) == 0))
		return c;
	for (int t = 0; t < st->project->n_tracks; t++)
		for (int k = 0; k < st->project->tracks[t].n_clips; k++)
			if (st->project->tracks[t].clips[k].selected)
				return &st->project->tracks[t].clips[k];
	return c;
}

/* The smallest move (in direction dir) that puts the clip's start or end on a snap
 * point: a beat of the grid, a marker, the playhead, or an edge of a clip that is not
 * moving. 0 when there is none. */
static int64_t snap_delta(struct studio *st, struct studio_sel *sel,
	const struct clip_frames *f, int dir)
{
	const struct project *p = st->project;
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
	const struct tempo_map m = tempo_map_of(p);
	for (int e = 0; e < 2; e++) {
		/* the beats of the tempo map either side of each edge */
		const double b = floor(tempo_beats_at(&m, (double)edges[e] / p->sample_rate) + 1e-9);
		for (int i = -1; i <= 2; i++)
			CONSIDER(llround(tempo_time_of_beats(&m, b + i) * p->sample_rate));
	}
	for (int i = 0; i < p->n_markers; i++)
		CONSIDER(clip_edit_frames_of(p, p->markers[i].time));
	CONSIDER(playhead(st));
	for (int t = 0; t < p->n_tracks; t++)
		for (int k = 0; k < p->tracks[t].n_clips; k++) {
			if (is_target(st, sel, t, k, any))
				continue;
			const struct project_clip *c = &p->tracks[t].clips[k];
			CONSIDER(clip_edit_frames_of(p, c->start));
			if (c->length > 0)
				CONSIDER(clip_edit_frames_of(p, c->start + c->length));
		}
	#undef CONSIDER
	return best;
}

static void snap_move(struct studio *st, struct studio_sel *sel, int dir)
{
	struct project_clip *c = reference_clip(st, sel);
	if (!c) {
		studio_error(st, "no clip selected (Tab selects one, v adds it to a selection)");
		return;
	}
	if (st->snap_off) {
		shift_by(st, sel, beats_from(st->project, clip_edit_frames_of(st->project, c->start),
			dir), " (a beat)");
		return;
	}
	struct clip_frames f;
	struct err_msg msg;
	if (clip_edit_frames(st->project, c, &f, &msg) != ERR_OK) {
		studio_error(st, "%s", msg.text);
		return;
	}
	shift_by(st, sel, snap_delta(st, sel, &f, dir), " (snapped)");
}

void studio_clip_snap_left(struct studio *st, struct studio_sel *sel)
{
	snap_move(st, sel, -1);
}
void studio_clip_snap_right(struct studio *st, struct studio_sel *sel)
{
	snap_move(st, sel, 1);
}

void studio_clip_snap_toggle(struct studio *st)
{
	st->snap_off = !st->snap_off;
	studio_message(st, st->snap_off ? "snap off: < > move by a beat"
		: "snap on: < > move to beats, markers, the playhead and clip edges");
	st->changed = true;
}

void studio_clip_move_to(struct studio *st, struct studio_sel *sel, double sec)
{
	struct project_clip *c = reference_clip(st, sel);
	if (!c) {
		studio_error(st, "no clip selected (Tab selects one)");
		return;
	}
	shift_by(st, sel, clip_edit_frames_of(st->project, sec)
		- clip_edit_frames_of(st->project, c->start), "");
}

void studio_clip_set_nudge(struct studio *st, double amount, enum studio_nudge_unit unit)
{
	st->nudge = amount;
	st->nudge_unit = (int)unit;
	studio_message(st, "nudge: %g %s (%lld frames)", amount, unit == STUDIO_NUDGE_MS ? "ms"
		: unit == STUDIO_NUDGE_FRAMES ? "frames" : "beats",
		(long long)nudge_frames(st, playhead(st), 1));
	st->changed = true;
}

/* ---- trimming ---- */

struct trim { bool end; bool by_nudge; };

static enum err op_trim(struct studio *st, int t, int k, void *ctx, struct err_msg *msg)
{
	const struct trim *tr = ctx;
	struct project *p = st->project;
	int64_t at = playhead(st);
	if (tr->by_nudge) {
		struct clip_frames f;
		enum err e = clip_edit_frames(p, &p->tracks[t].clips[k], &f, msg);
		if (e != ERR_OK)
			return e;
		at = tr->end ? f.start + f.length + nudge_frames(st, f.start + f.length, -1)
			: f.start + nudge_frames(st, f.start, 1);
	}
	return tr->end ? clip_edit_trim_end(p, t, k, at, msg)
		: clip_edit_trim_start(p, t, k, at, msg);
}

struct trim_by { bool end; int64_t frames; };

static enum err op_trim_by(struct studio *st, int t, int k, void *ctx,
	struct err_msg *msg)
{
	const struct trim_by *tb = ctx;
	struct project *p = st->project;
	struct clip_frames f;
	enum err e = clip_edit_frames(p, &p->tracks[t].clips[k], &f, msg);
	if (e != ERR_OK)
		return e;
	return tb->end ? clip_edit_trim_end(p, t, k, f.start + f.length + tb->frames, msg)
		: clip_edit_trim_start(p, t, k, f.start + tb->frames, msg);
}

void studio_clip_trim_by(struct studio *st, struct studio_sel *sel, bool end, double sec)
{
	struct trim_by tb = { end, clip_edit_frames_of(st->project, sec) };
	char done[64];
	snprintf(done, sizeof done, "%s edge moved %+.3f s", end ? "end" : "start",
		clip_edit_sec_of(st->project, tb.frames));
	run_on_targets(st, sel, end ? "trim end" : "trim start", done, op_trim_by, &tb);
}

void studio_clip_trim_start(struct studio *st, struct studio_sel *sel)
{
	struct trim tr = { false, false };
	run_on_targets(st, sel, "trim start", "start trimmed to the playhead", op_trim, &tr);
}

void studio_clip_trim_end(struct studio *st, struct studio_sel *sel)
{
	struct trim tr = { true, false };
	run_on_targets(st, sel, "trim end", "end trimmed to the playhead", op_trim, &tr);
}

void studio_clip_trim_start_nudge(struct studio *st, struct studio_sel *sel)
{
	struct trim tr = { false, true };
	run_on_targets(st, sel, "trim start", "start trimmed by a nudge", op_trim, &tr);
}

void studio_clip_trim_end_nudge(struct studio *st, struct studio_sel *sel)
{
	struct trim tr = { true, true };
	run_on_targets(st, sel, "trim end", "end trimmed by a nudge", op_trim, &tr);
}

/* ---- gain and fades ---- */

struct gain { double db; bool relative; };

static enum err op_gain(struct studio *st, int t, int k, void *ctx, struct err_msg *msg)
{
	(void)msg;
	const struct gain *g = ctx;
	struct project_clip *c = &st->project->tracks[t].clips[k];
	double db = g->relative ? c->gain_db + g->db : g->db;
	db = fmin(fmax(db, PROJECT_MIN_GAIN_DB), PROJECT_MAX_GAIN_DB);
	c->gain_db = round(db * 100.0) / 100.0;
	return ERR_OK;
}

static void gain_edit(struct studio *st, struct studio_sel *sel, double db, bool relative)
{
	struct gain g = { db, relative };
	char done[64];
	if (relative)
		snprintf(done, sizeof done, "clip gain %+.1f dB", db);
	else
		snprintf(done, sizeof done, "clip gain set to %+.1f dB", db);
	run_on_targets(st, sel, "clip gain", done, op_gain, &g);
	struct project_clip *c = current_clip(st, sel);
	if (relative && c && !st->said_error)
		studio_message(st, "clip gain %+.1f dB", c->gain_db);
}

void studio_clip_gain_up(struct studio *st, struct studio_sel *sel)
{
	gain_edit(st, sel, CLIP_GAIN_STEP_DB, true);
}
void studio_clip_gain_down(struct studio *st, struct studio_sel *sel)
{
	gain_edit(st, sel, -CLIP_GAIN_STEP_DB, true);
}
void studio_clip_set_gain(struct studio *st, struct studio_sel *sel, double db)
{
	gain_edit(st, sel, db, false);
}

struct fade { bool out; bool to_playhead; double sec; int shape; bool next_shape; };

static enum err op_fade(struct studio *st, int t, int k, void *ctx, struct err_msg *msg)
{
	const struct fade *f = ctx;
	struct project *p = st->project;
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
		const int64_t ph = playhead(st);
		if (ph <= cf.start || ph >= cf.start + cf.length)
			return err_set(msg, ERR_RANGE, "the playhead is not inside the clip");
		sec = clip_edit_sec_of(p, f->out ? cf.start + cf.length - ph : ph - cf.start);
	}
	if (sec < 0)
		return ERR_OK;
	return clip_edit_fade(p, t, k, f->out, sec, msg);
}

static void fade_edit(struct studio *st, struct studio_sel *sel, struct fade *f,
	const char *name)
{
	run_on_targets(st, sel, name, name, op_fade, f);
	struct project_clip *c = current_clip(st, sel);
	if (c && !st->said_error)
		studio_message(st, "%s %.3f s, %s", f->out ? "fade-out" : "fade-in",
			f->out ? c->fade_out : c->fade_in, project_fade_shape_name(f->out
			? c->fade_out_shape : c->fade_in_shape));
}

void studio_clip_fade_in(struct studio *st, struct studio_sel *sel)
{
	struct fade f = { .out = false, .to_playhead = true, .shape = -1 };
	fade_edit(st, sel, &f, "fade in");
}

void studio_clip_fade_out(struct studio *st, struct studio_sel *sel)
{
	struct fade f = { .out = true, .to_playhead = true, .shape = -1 };
	fade_edit(st, sel, &f, "fade out");
}

void studio_clip_fade_in_shape(struct studio *st, struct studio_sel *sel)
{
	struct fade f = { .out = false, .sec = -1, .shape = -1, .next_shape = true };
	fade_edit(st, sel, &f, "fade-in shape");
}

void studio_clip_fade_out_shape(struct studio *st, struct studio_sel *sel)
{
	struct fade f = { .out = true, .sec = -1, .shape = -1, .next_shape = true };
	fade_edit(st, sel, &f, "fade-out shape");
}

void studio_clip_set_fade(struct studio *st, struct studio_sel *sel, bool fade_out,
	double sec, int shape)
{
	struct fade f = { .out = fade_out, .sec = sec, .shape = shape };
	fade_edit(st, sel, &f, fade_out ? "fade out" : "fade in");
}

void studio_clip_set_crossfade(struct studio *st, double ms)
{
	studio_edit_begin(st, "crossfade length");
	st->project->crossfade_ms = ms;
	studio_edit_commit(st);
	studio_message(st, "overlapping clips crossfade over %g ms (equal power)", ms);
}

/* ---- selection, clipboard ---- */

void studio_clip_select_toggle(struct studio *st, struct studio_sel *sel)
{
	struct project_clip *c = current_clip(st, sel);
	if (!c) {
		studio_error(st, "no clip here to select (Tab selects one)");
		return;
	}
	c->selected = !c->selected;
	studio_message(st, "%d clip%s selected", n_selected(st->project),
		n_selected(st->project) == 1 ? "" : "s");
	st->changed = true;
}

void studio_clip_select_none(struct studio *st)
{
	struct project *p = st->project;
	for (int t = 0; t < p->n_tracks; t++)
		for (int k = 0; k < p->tracks[t].n_clips; k++)
			p->tracks[t].clips[k].selected = false;
	studio_message(st, "selection cleared");
	st->changed = true;
}

static void clipboard_clear(struct studio *st)
{
	for (int i = 0; i < st->n_clipboard; i++)
		project_clip_deinit(&st->clipboard[i]);
	free(st->clipboard);
	free(st->clipboard_track);
	st->clipboard = NULL;
	st->clipboard_track = NULL;
	st->n_clipboard = 0;
}

void studio_clip_deinit(struct studio *st)
{
	clipboard_clear(st);
}

void studio_clip_copy(struct studio *st, struct studio_sel *sel)
{
	struct project *p = st->project;
	const bool any = n_selected(p) > 0;
	if (!any && !current_clip(st, sel)) {
		studio_error(st, "no clip selected to copy");
		return;
	}
	clipboard_clear(st);
	int n = any ? n_selected(p) : 1, i = 0, top = -1;
	double first = PROJECT_MAX_SECONDS;
	st->clipboard = xcalloc((size_t)n, sizeof *st->clipboard);
	st->clipboard_track = xcalloc((size_t)n, sizeof *st->clipboard_track);
	for (int t = 0; t < p->n_tracks; t++)
		for (int k = 0; k < p->tracks[t].n_clips; k++) {
			if (!is_target(st, sel, t, k, any))
				continue;
			project_clip_copy(&st->clipboard[i], &p->tracks[t].clips[k]);
			st->clipboard[i].selected = false;
			st->clipboard_track[i++] = t;
			if (top < 0)
				top = t;
			first = fmin(first, p->tracks[t].clips[k].start);
		}
	st->n_clipboard = i;
	for (i = 0; i < st->n_clipboard; i++) {
		st->clipboard[i].start -= first;
		st->clipboard_track[i] -= top;
	}
	studio_message(st, "copied %d clip%s (p pastes at the playhead)", st->n_clipboard,
		st->n_clipboard == 1 ? "" : "s");
}

void studio_clip_paste(struct studio *st, struct studio_sel *sel)
{
	struct project *p = st->project;
	const int t0 = current_track(st, sel);
	if (st->n_clipboard == 0) {
		studio_error(st, "nothing copied yet (y copies the selected clips)");
		return;
	}
	if (t0 < 0) {
		studio_error(st, "no track to paste on");
		return;
	}
	for (int t = t0; t < p->n_tracks; t++) {
		/* all or nothing: a paste that would cross the clip limit on any track */
		int adding = 0;
		for (int i = 0; i < st->n_clipboard; i++)
			adding += t0 + st->clipboard_track[i] == t;
		struct err_msg why;
		if (project_limit_room(PROJECT_LIMIT_CLIPS, p->tracks[t].n_clips, adding, &why)
		    != ERR_OK) {
			studio_error(st, "not pasted: %s (track %s)", why.text, p->tracks[t].strip.name);
			return;
		}
	}
	const int64_t at = playhead(st);
	studio_edit_begin(st, "paste clips");
	int pasted = 0;
	for (int i = 0; i < st->n_clipboard; i++) {
		const int t = t0 + st->clipboard_track[i];
		if (t >= p->n_tracks)
			continue; /* below the last track: nowhere to go */
		const struct project_clip *src = &st->clipboard[i];
		const double start = clip_edit_sec_of(p, at + clip_edit_frames_of(p, src->start));
		struct project_track *tr = &p->tracks[t];
		int k = 0;
		while (k < tr->n_clips && tr->clips[k].start <= start)
			k++;
		struct project_clip *c = project_insert_clip(tr, k, src);
		c->start = start;
		if (t == t0 && pasted == 0)
			sel->clip = k;
		pasted++;
	}
	studio_edit_commit(st);
	studio_message(st, "pasted %d clip%s at %.3f s", pasted, pasted == 1 ? "" : "s",
		clip_edit_sec_of(p, at));
}

bool studio_clip_selection_span(struct studio *st, struct studio_sel *sel,
	double *start, double *end)
{
	struct project *p = st->project;
	const bool any = n_selected(p) > 0;
	bool found = false;
	for (int t = 0; t < p->n_tracks; t++)
		for (int k = 0; k < p->tracks[t].n_clips; k++) {
			if (!is_target(st, sel, t, k, any))
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
