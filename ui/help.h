/* The help page (? or F1, ui/help.c): the key list of every scope, built from the
 * bindings, and the ':' commands. UI thread only. */
#ifndef TTYMIX_UI_HELP_H
#define TTYMIX_UI_HELP_H

#include <stdbool.h>

struct ui_app;

/* The help page's state (app->help). */
struct ui_help_view {
	int top;                    /* first line shown */
};

void ui_help_draw(struct ui_app *app);
bool ui_help_key(struct ui_app *app, int key);

#endif
