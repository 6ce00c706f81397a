/* The mixer page (key 2, ui/mixer.c): the strips side by side, and the selected
 * strip's detail view (ui/strip_page.c). UI thread only. */
#ifndef TTYMIX_UI_MIXER_H
#define TTYMIX_UI_MIXER_H

#include <stdbool.h>

#include "ui/strip_page.h"

struct ui_app;

/* The mixer's state (app->mixer); its strip selection is app->sel.strip. */
struct ui_mixer_view {
	int first_strip;            /* leftmost track strip shown */
	bool detail;                /* the selected strip's detail view is up */
	bool narrow;                /* strips `set strip-width` wide (n), not the normal 8 */
	struct ui_strip_view strip; /* the detail view's cursor */
};

void ui_mixer_draw(struct ui_app *app);
bool ui_mixer_key(struct ui_app *app, int key);

#endif
