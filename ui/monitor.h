/* The studio's side of the monitor section (audio/monitor.h): the keys and ':'
 * commands that change it, the loudness-matched A/B of the master chain, the
 * reference track, and the status line's reminder that something is on. What these
 * change is heard, never rendered, and never part of the project or its undo.
 * UI thread only. */
#ifndef TTYMIX_UI_MONITOR_H
#define TTYMIX_UI_MONITOR_H

#include <stdbool.h>
#include <stddef.h>

#include "ui/app.h"

struct analysis_snapshot;

/* Create the monitor for the session's rate (app->monitor; NULL with a message when
 * it cannot be made: playback goes on without it). Before the driver opens. */
void ui_monitor_open(struct ui_app *app);
/* After the driver closed. */
void ui_monitor_close(struct ui_app *app);
/* Every loop turn: free references the audio thread let go of; keep the A/B's bypass
 * on a graph that was rebuilt meanwhile. */
void ui_monitor_tick(struct ui_app *app);
/* Each new analysis publication (the mastering page's): the A/B learns the chain's
 * loudness, the reference follows the mix's. */
void ui_monitor_analysis(struct ui_app *app, const struct analysis_snapshot *s);
/* The status line's reminder, e.g. "MON mono dim xf:bs2b"; false (and "") when the
 * monitor plays the mix as it is. */
bool ui_monitor_label(const struct ui_app *app, char *buf, size_t size);

/* Keys (mastering page) and ':' commands (ui/keys.c's table). */
void ui_monitor_next_mode(struct ui_app *app);
void ui_monitor_toggle_dim(struct ui_app *app);
void ui_monitor_next_crossfeed(struct ui_app *app);
void ui_monitor_next_speaker(struct ui_app *app);
void ui_monitor_toggle_ab(struct ui_app *app);
void ui_monitor_toggle_reference(struct ui_app *app);
void ui_line_monitor(struct ui_app *app);
void ui_line_reference(struct ui_app *app);

#endif
