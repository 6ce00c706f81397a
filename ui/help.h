/* The help page (? or F1, ui/help.c): the key list of every scope, built from the
 * bindings, and the ':' commands, wrapped to the width (nothing cut) and searched
 * with /. UI thread only. */
#ifndef TTYMIX_UI_HELP_H
#define TTYMIX_UI_HELP_H

#include <stdbool.h>

struct ui_app;

/* The help page's state (app->help). */
struct ui_help_view {
	int top;                    /* first line shown */
	char query[64];             /* the last word looked for (/), "" before any */
	int match;                  /* the row it was found on, plus 1 (0: none) */
};

void ui_help_draw(struct ui_app *app);
bool ui_help_key(struct ui_app *app, int key);
/* :help-find TEXT (/ on the help page): show the help (opening it) at the first row
 * holding TEXT, ignoring case, and mark it; n (ui_help_find_next) goes to the next,
 * round to the top after the last. The help wraps at the width, so a row is found
 * whatever the width. */
void ui_help_find(struct ui_app *app, const char *query);
void ui_help_find_next(struct ui_app *app);

#endif
