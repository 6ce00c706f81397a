/* Clip editing on the arranger page (tracks, markers and the loop: trackedit.h).
 * Each command works on the selected clips (v toggles a clip into the selection; with
 * none selected, the current clip), runs the model edit of src/clip_edit.c inside
 * studio_edit_begin/commit (so it is one named, undoable step the engine hears at
 * once) and says what it did. Keys are bound in ui/bind.c; the ':' forms
 * (commands.c) call the studio_clip_* functions with their values. The session's
 * thread only. */
#ifndef TTYMIX_STUDIO_CLIPEDIT_H
#define TTYMIX_STUDIO_CLIPEDIT_H

#include <stdbool.h>

#include "src/project.h"
#include "src/studio/studio.h"

enum studio_nudge_unit { STUDIO_NUDGE_MS, STUDIO_NUDGE_FRAMES, STUDIO_NUDGE_BEATS };
#define STUDIO_NUDGE_DEFAULT_MS 10.0

/* ---- key commands; sel: the ui's cursor (studio.h) ---- */
void studio_clip_split(struct studio *st, struct studio_sel *sel); /* at the playhead */
void studio_clip_delete(struct studio *st, struct studio_sel *sel);
/* by the nudge amount */
void studio_clip_nudge_left(struct studio *st, struct studio_sel *sel);
void studio_clip_nudge_right(struct studio *st, struct studio_sel *sel);
/* to the previous snap point */
void studio_clip_snap_left(struct studio *st, struct studio_sel *sel);
void studio_clip_snap_right(struct studio *st, struct studio_sel *sel);
void studio_clip_snap_toggle(struct studio *st);
/* start edge to the playhead */
void studio_clip_trim_start(struct studio *st, struct studio_sel *sel);
void studio_clip_trim_end(struct studio *st, struct studio_sel *sel);
/* start edge later by a nudge */
void studio_clip_trim_start_nudge(struct studio *st, struct studio_sel *sel);
/* end edge earlier by a nudge */
void studio_clip_trim_end_nudge(struct studio *st, struct studio_sel *sel);
void studio_clip_join(struct studio *st, struct studio_sel *sel);
void studio_clip_duplicate(struct studio *st, struct studio_sel *sel);
void studio_clip_copy(struct studio *st, struct studio_sel *sel);
/* at the playhead, selected track */
void studio_clip_paste(struct studio *st, struct studio_sel *sel);
void studio_clip_gain_up(struct studio *st, struct studio_sel *sel); /* 1 dB */
void studio_clip_gain_down(struct studio *st, struct studio_sel *sel);
/* fade-in ends at the playhead */
void studio_clip_fade_in(struct studio *st, struct studio_sel *sel);
/* fade-out starts at the playhead */
void studio_clip_fade_out(struct studio *st, struct studio_sel *sel);
/* next shape */
void studio_clip_fade_in_shape(struct studio *st, struct studio_sel *sel);
void studio_clip_fade_out_shape(struct studio *st, struct studio_sel *sel);
void studio_clip_select_toggle(struct studio *st, struct studio_sel *sel);
void studio_clip_select_none(struct studio *st);

/* ---- with values (the ':' commands) ---- */
void studio_clip_set_gain(struct studio *st, struct studio_sel *sel, double db);
/* sec < 0 keeps the length; shape < 0 keeps the shape */
void studio_clip_set_fade(struct studio *st, struct studio_sel *sel, bool fade_out,
	double sec, int shape);
/* the current clip's start */
void studio_clip_move_to(struct studio *st, struct studio_sel *sel, double sec);
/* Move the start or end edge by sec (< 0: earlier), the audio staying in place. */
void studio_clip_trim_by(struct studio *st, struct studio_sel *sel, bool end, double sec);
void studio_clip_set_nudge(struct studio *st, double amount, enum studio_nudge_unit unit);
void studio_clip_set_crossfade(struct studio *st, double ms);
/* The selected clips' span [*start, *end) in seconds; false when nothing is selected. */
bool studio_clip_selection_span(struct studio *st, struct studio_sel *sel,
	double *start, double *end);

/* Free the clipboard (leaving the session). */
void studio_clip_deinit(struct studio *st);

#endif
