/* Clip editing on the arranger page (tracks, markers and the loop: ui/trackedit.h).
 * Each command works on the selected clips (v toggles a clip into the selection; with
 * none selected, the current clip), runs the model edit of src/clip_edit.c inside ui_edit_begin/commit
 * (so it is one named, undoable step the engine hears at once) and says on the status
 * line what it did. Keys are bound in ui/keys.c; the ':' forms (ui/commands.c) call
 * the ui_clip_* functions with their values. UI thread only. */
#ifndef TTYMIX_UI_CLIPEDIT_H
#define TTYMIX_UI_CLIPEDIT_H

#include <stdbool.h>

#include "src/project.h"
#include "ui/app.h"

enum ui_nudge_unit { UI_NUDGE_MS, UI_NUDGE_FRAMES, UI_NUDGE_BEATS };
#define UI_NUDGE_DEFAULT_MS 10.0

/* ---- key commands ---- */
void ui_clip_split(struct ui_app *app);          /* at the playhead */
void ui_clip_delete(struct ui_app *app);
void ui_clip_nudge_left(struct ui_app *app);     /* by the nudge amount */
void ui_clip_nudge_right(struct ui_app *app);
void ui_clip_snap_left(struct ui_app *app);      /* to the previous snap point */
void ui_clip_snap_right(struct ui_app *app);
void ui_clip_snap_toggle(struct ui_app *app);
void ui_clip_trim_start(struct ui_app *app);     /* start edge to the playhead */
void ui_clip_trim_end(struct ui_app *app);
void ui_clip_trim_start_nudge(struct ui_app *app); /* start edge later by a nudge */
void ui_clip_trim_end_nudge(struct ui_app *app);   /* end edge earlier by a nudge */
void ui_clip_join(struct ui_app *app);
void ui_clip_duplicate(struct ui_app *app);
void ui_clip_copy(struct ui_app *app);
void ui_clip_paste(struct ui_app *app);          /* at the playhead, selected track */
void ui_clip_gain_up(struct ui_app *app);        /* 1 dB */
void ui_clip_gain_down(struct ui_app *app);
void ui_clip_fade_in(struct ui_app *app);        /* fade-in ends at the playhead */
void ui_clip_fade_out(struct ui_app *app);       /* fade-out starts at the playhead */
void ui_clip_fade_in_shape(struct ui_app *app);  /* next shape */
void ui_clip_fade_out_shape(struct ui_app *app);
void ui_clip_select_toggle(struct ui_app *app);
void ui_clip_select_none(struct ui_app *app);

/* ---- with values (the ':' commands) ---- */
void ui_clip_set_gain(struct ui_app *app, double db);
/* sec < 0 keeps the length; shape < 0 keeps the shape */
void ui_clip_set_fade(struct ui_app *app, bool fade_out, double sec, int shape);
void ui_clip_move_to(struct ui_app *app, double sec);    /* the current clip's start */
/* Move the start or end edge by sec (< 0: earlier), the audio staying in place. */
void ui_clip_trim_by(struct ui_app *app, bool end, double sec);
void ui_clip_set_nudge(struct ui_app *app, double amount, enum ui_nudge_unit unit);
void ui_clip_set_crossfade(struct ui_app *app, double ms);
/* The selected clips' span [*start, *end) in seconds; false when nothing is selected. */
bool ui_clip_selection_span(struct ui_app *app, double *start, double *end);

/* Free the clipboard (leaving the session). */
void ui_clip_deinit(struct ui_app *app);

#endif
