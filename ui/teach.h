/* Teaching in the studio (ui/teach.c): the info panel (what a control does, from
 * src/explain.c), the signal-flow panel of the selected track (src/flow.c), the
 * level-matched A/B of an insert, and the lessons: :lesson N opens one, :check
 * measures it (src/lesson.h). One panel at a time is drawn over the page; any key
 * but the scrolling ones closes it. UI thread only. */
#ifndef TTYMIX_UI_TEACH_H
#define TTYMIX_UI_TEACH_H

#include <stdbool.h>

#include "src/studio/commands.h"

struct ui_app;

/* The panel drawn over the page (app->panel). */
struct ui_panel {
	char *text;                 /* owned: the panel's text, or NULL when none is up */
	char title[96];
	int top;                    /* first wrapped line shown */
};

/* Show text (copied) in the panel under a title. */
void ui_teach_panel(struct ui_app *app, const char *title, const char *text);
/* Draw the panel over the page, when one is up. */
void ui_teach_panel_draw(struct ui_app *app);
/* A key while the panel is up: true when the panel took it. */
bool ui_teach_panel_key(struct ui_app *app, int key);

/* The info panel for a class and parameter (param NULL: a strip control or an
 * insert as a whole). */
void ui_teach_info(struct ui_app *app, const char *cls, const char *param);
/* Toggle the level-matched A/B of insert slot on strip. */
void ui_teach_ab(struct ui_app *app, int strip, int slot, const char *type);

/* Key table commands: i on the mixer (fader and pan of the selected strip), f (signal
 * flow of the selected track). */
void ui_teach_mixer_info(struct ui_app *app);
void ui_teach_flow(struct ui_app *app);
/* :lesson [N], :check: rows of the ui's ':' table (ui/commands.h); l->owner is the
 * ui_app. */
void ui_line_lesson(struct studio_line *l);
void ui_line_check(struct studio_line *l);

/* Free what teaching holds (at exit). */
void ui_teach_free(struct ui_app *app);
/* :check renders on a worker (app->check): the main loop polls it, which shows its
 * progress on the status line and, once it has finished, its result in the panel;
 * stop drops one under way (the studio quitting). */
void ui_teach_check_poll(struct ui_app *app);
void ui_teach_check_stop(struct ui_app *app);

#endif
