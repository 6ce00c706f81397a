/* Track, marker and loop edits on the arranger (trackedit.c): keys bound in
 * ui/bind.c, ':' forms in commands.c. Each is one named undoable step; the
 * "current track" is the arranger's selected one. The session's thread only. */
#ifndef TTYMIX_STUDIO_TRACKEDIT_H
#define TTYMIX_STUDIO_TRACKEDIT_H

#include <stdbool.h>

#include "src/studio/studio.h"

/* Whether name may not be a name (a track, bus, group or marker): then the status line
 * says why ("track name: control character U+001B"; what: "track name"). Names are
 * what project.json's load accepts: at most the name limit long (src/project_limits.h)
 * and valid UTF-8 without control characters, since they are shown on terminals and
 * written into CUE sheets (src/base/text.h). The one check every edit that names asks. */
bool studio_name_refused(struct studio *st, const char *what, const char *name);

/* ---- key commands ---- */
void studio_marker_add_here(struct studio *st);   /* named M1, M2, ... */
void studio_marker_next(struct studio *st);       /* locate to it */
void studio_marker_prev(struct studio *st);
void studio_loop_toggle(struct studio *st,
	struct studio_sel *sel); /* no range yet: the selected clips */

/* ---- with values (the ':' commands) ---- */
void studio_track_add(struct studio *st, struct studio_sel *sel,
	const char *name); /* after the current; "" names it */
void studio_track_remove(struct studio *st, struct studio_sel *sel);
void studio_track_rename(struct studio *st, struct studio_sel *sel, const char *name);
void studio_track_color(struct studio *st, struct studio_sel *sel,
	const char *color); /* NULL: none */
void studio_track_move(struct studio *st, struct studio_sel *sel, int delta);
void studio_marker_add(struct studio *st, const char *name);  /* at the playhead */
void studio_marker_add_at(struct studio *st, const char *name,
	double sec); /* NULL or "": named M1, M2, ... */
/* The marker at or before the playhead (else the first). */
void studio_marker_rename(struct studio *st, const char *name);
void studio_marker_delete(struct studio *st);
/* Loop over the selected clips' span / between the markers around the playhead /
 * from start to end (seconds); on: enable or disable. */
void studio_loop_from_clips(struct studio *st, struct studio_sel *sel);
void studio_loop_from_markers(struct studio *st);
void studio_loop_set(struct studio *st, double start, double end);
void studio_loop_enable(struct studio *st, struct studio_sel *sel, bool on);

#endif
