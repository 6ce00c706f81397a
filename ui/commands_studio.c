/* The keys that drive the studio session's services (ui/keys.c's table): each calls
 * its studio_ namesake, the clip and track edits on the ui's cursor. UI thread only. */
#include "ui/commands_studio.h"

#include "src/studio/clipedit.h"
#include "src/studio/match_ab.h"
#include "src/studio/monitor.h"
#include "src/studio/trackedit.h"

/* ---- keys (ui/keys.c's table) on the session: the clip and track edits work on the
 * ui's cursor (app->sel) ---- */

#define ON_SEL(name) \
	void ui_##name(struct ui_app *app) { studio_##name(app->st, &app->sel); }
#define ON_STUDIO(name) \
	void ui_##name(struct ui_app *app) { studio_##name(app->st); }
ON_SEL(clip_copy)
ON_SEL(clip_delete)
ON_SEL(clip_duplicate)
ON_SEL(clip_fade_in)
ON_SEL(clip_fade_in_shape)
ON_SEL(clip_fade_out)
ON_SEL(clip_fade_out_shape)
ON_SEL(clip_gain_down)
ON_SEL(clip_gain_up)
ON_SEL(clip_join)
ON_SEL(clip_nudge_left)
ON_SEL(clip_nudge_right)
ON_SEL(clip_paste)
ON_SEL(clip_select_toggle)
ON_SEL(clip_snap_right)
ON_SEL(clip_split)
ON_SEL(clip_trim_end)
ON_SEL(clip_trim_end_nudge)
ON_SEL(clip_trim_start)
ON_SEL(clip_trim_start_nudge)
ON_SEL(loop_toggle)
ON_STUDIO(clip_select_none)
ON_SEL(clip_snap_left)
ON_STUDIO(clip_snap_toggle)
ON_STUDIO(marker_add_here)
ON_STUDIO(marker_next)
ON_STUDIO(marker_prev)
ON_STUDIO(monitor_next_crossfeed)
ON_STUDIO(monitor_next_mode)
ON_STUDIO(monitor_next_speaker)
ON_STUDIO(match_toggle_ab)
ON_STUDIO(monitor_toggle_ab)
ON_STUDIO(monitor_toggle_dim)
ON_STUDIO(monitor_toggle_reference)
