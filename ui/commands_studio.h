/* The keys that drive the studio session's services (their ':' commands are the
 * session's own: src/studio/commands.h). UI thread only. */
#ifndef TTYMIX_UI_COMMANDS_STUDIO_H
#define TTYMIX_UI_COMMANDS_STUDIO_H

#include "ui/app.h"

/* Keys on the session (ui/keys.c's table): each calls its studio_ namesake, the clip
 * and track edits on the ui's cursor. */
void ui_clip_copy(struct ui_app *app);
void ui_clip_delete(struct ui_app *app);
void ui_clip_duplicate(struct ui_app *app);
void ui_clip_fade_in(struct ui_app *app);
void ui_clip_fade_in_shape(struct ui_app *app);
void ui_clip_fade_out(struct ui_app *app);
void ui_clip_fade_out_shape(struct ui_app *app);
void ui_clip_gain_down(struct ui_app *app);
void ui_clip_gain_up(struct ui_app *app);
void ui_clip_join(struct ui_app *app);
void ui_clip_nudge_left(struct ui_app *app);
void ui_clip_nudge_right(struct ui_app *app);
void ui_clip_paste(struct ui_app *app);
void ui_clip_select_none(struct ui_app *app);
void ui_clip_select_toggle(struct ui_app *app);
void ui_clip_snap_left(struct ui_app *app);
void ui_clip_snap_right(struct ui_app *app);
void ui_clip_snap_toggle(struct ui_app *app);
void ui_clip_split(struct ui_app *app);
void ui_clip_trim_end(struct ui_app *app);
void ui_clip_trim_end_nudge(struct ui_app *app);
void ui_clip_trim_start(struct ui_app *app);
void ui_clip_trim_start_nudge(struct ui_app *app);
void ui_loop_toggle(struct ui_app *app);
void ui_marker_add_here(struct ui_app *app);
void ui_marker_next(struct ui_app *app);
void ui_marker_prev(struct ui_app *app);
void ui_match_toggle_ab(struct ui_app *app);
void ui_monitor_next_crossfeed(struct ui_app *app);
void ui_monitor_next_mode(struct ui_app *app);
void ui_monitor_next_speaker(struct ui_app *app);
void ui_monitor_toggle_ab(struct ui_app *app);
void ui_monitor_toggle_dim(struct ui_app *app);
void ui_monitor_toggle_reference(struct ui_app *app);

#endif
