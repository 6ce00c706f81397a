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
	bool find_pending;          /* find query after match at the next draw: set by
	                               :help-find (match 0) and n, which ui/keys.c and
	                               ui/command_table.c run without calling in here */
};

void ui_help_draw(struct ui_app *app);
bool ui_help_key(struct ui_app *app, int key);
/* Searching (:help-find TEXT, / and n): ui_help_draw shows the first row holding
 * the query (ignoring case) after the row found last, round to the top after the
 * last, marks it and says so; the rows are found at the width drawn. */

#endif
