/* :review in the studio: the mix review (src/review.h) of the project as it is in
 * memory, as a panel over the page listing the findings worst first. Up/Down (j/k)
 * choose one; Enter runs `review jump N` (select its strip, locate to its time); `a`
 * runs `review apply N` (its fix lines as one undo step); Esc or q closes; any other
 * key closes the panel and does its usual work (u undoes). UI thread only; the
 * review itself runs on a worker (src/base/worker.h) over a copy of the project. */
#ifndef TTYMIX_UI_REVIEW_H
#define TTYMIX_UI_REVIEW_H

#include <stdbool.h>

#include "src/studio/commands.h"

struct ui_app;

/* :review [jump N | apply N | close]: a row of the ui's ':' table; l->owner is the
 * ui_app. Alone it renders and measures a copy of the project on a worker thread (the
 * keys stay live) and opens the panel when ui_review_poll finds it done. */
void ui_line_review(struct studio_line *l);
/* From the UI loop: a finished review opens its panel. */
void ui_review_poll(struct ui_app *app);
/* Draw the panel over the page, when it is open. */
void ui_review_draw(struct ui_app *app);
/* A key while the panel is open: true when the panel took it. */
bool ui_review_key(struct ui_app *app, int key);
/* Free the review and its target (at exit). NULL-safe on app->review. */
void ui_review_free(struct ui_app *app);
/* Another project is open: its findings go, the tonal target chosen with :review target
 * stays. */
void ui_review_forget(struct ui_app *app);

#endif
