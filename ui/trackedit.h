/* Track, marker and loop edits on the arranger (ui/trackedit.c): keys bound in
 * ui/keys.c, ':' forms in ui/commands.c. Each is one named undoable step; the
 * "current track" is the arranger's selected one. UI thread only. */
#ifndef TTYMIX_UI_TRACKEDIT_H
#define TTYMIX_UI_TRACKEDIT_H

#include <stdbool.h>

#include "ui/app.h"

/* Whether name may not be a name (a track, bus, group or marker): then the status line
 * says why ("track name: control character U+001B"; what: "track name"). Names are
 * what project.json's load accepts: at most the name limit long (src/project_limits.h)
 * and valid UTF-8 without control characters, since they are shown on terminals and
 * written into CUE sheets (src/base/text.h). The one check every edit that names asks. */
bool ui_name_refused(struct ui_app *app, const char *what, const char *name);

/* ---- key commands ---- */
void ui_marker_add_here(struct ui_app *app);   /* named M1, M2, ... */
void ui_marker_next(struct ui_app *app);       /* locate to it */
void ui_marker_prev(struct ui_app *app);
void ui_loop_toggle(struct ui_app *app);       /* no range yet: the selected clips */

/* ---- with values (the ':' commands) ---- */
void ui_track_add(struct ui_app *app, const char *name); /* after the current; "" names it */
void ui_track_remove(struct ui_app *app);
void ui_track_rename(struct ui_app *app, const char *name);
void ui_track_color(struct ui_app *app, const char *color); /* NULL: none */
void ui_track_move(struct ui_app *app, int delta);
void ui_marker_add(struct ui_app *app, const char *name);  /* at the playhead */
/* The marker at or before the playhead (else the first). */
void ui_marker_rename(struct ui_app *app, const char *name);
void ui_marker_delete(struct ui_app *app);
/* Loop over the selected clips' span / between the markers around the playhead /
 * from start to end (seconds); on: enable or disable. */
void ui_loop_from_clips(struct ui_app *app);
void ui_loop_from_markers(struct ui_app *app);
void ui_loop_set(struct ui_app *app, double start, double end);
void ui_loop_enable(struct ui_app *app, bool on);

#endif
