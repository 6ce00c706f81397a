/* The mastering page (key 3): the master chain, loudness meters (EBU R128), a
 * loudness target with pass/fail lines in plain words, and a short-term loudness
 * history plotted in LU around the target.
 * The figures come from an analysis thread (audio/analysis.h) that exists from the
 * first time the page is shown; the engine's tap is on only while the page is.
 * UI thread only. ui_mastering_draw and ui_mastering_key are declared in ui/app.h
 * with the other pages. */
#ifndef TTYMIX_UI_MASTERING_H
#define TTYMIX_UI_MASTERING_H

#include <stdbool.h>

#include "ui/app.h"

/* Call once per turn of the main loop: starts the analysis the first time the page is
 * shown, turns the tap on or off as the page comes and goes, and takes the latest
 * figures. True when the page shows and has new figures to draw. */
bool ui_mastering_tick(struct ui_app *app);
/* Stop the analysis and free the page's state (before the engine goes). */
void ui_mastering_free(struct ui_app *app);

/* Commands for the key table (ui/keys.c). */
void ui_mastering_gain_up(struct ui_app *app);
void ui_mastering_gain_down(struct ui_app *app);
void ui_mastering_gain_up_coarse(struct ui_app *app);
void ui_mastering_gain_down_coarse(struct ui_app *app);
void ui_mastering_gain_reset(struct ui_app *app);
void ui_mastering_next_target(struct ui_app *app);
void ui_mastering_target_up(struct ui_app *app);
void ui_mastering_target_down(struct ui_app *app);
void ui_mastering_reset(struct ui_app *app);
void ui_mastering_zoom_out(struct ui_app *app);
void ui_mastering_zoom_in(struct ui_app *app);
void ui_mastering_render_hint(struct ui_app *app);
void ui_mastering_next_view(struct ui_app *app);
/* The match view (ui/mastering_match.c): :match's curves in height rows from y. */
void ui_mastering_draw_match(struct ui_app *app, int y, int height);

#endif
