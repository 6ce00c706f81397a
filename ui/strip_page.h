/* The strip detail view of the mixer (Enter on a strip; ui/strip_page.c): its inserts'
 * parameters and its sends, edited from the keyboard, with the response of the insert
 * under the cursor drawn beside them. UI thread only. */
#ifndef TTYMIX_UI_STRIP_PAGE_H
#define TTYMIX_UI_STRIP_PAGE_H

#include <stdbool.h>

struct ui_app;

/* The detail view's cursor (app->mixer.strip). */
struct ui_strip_view {
	int row, top;               /* cursor row, first row shown */
};

void ui_strip_page_draw(struct ui_app *app);
bool ui_strip_page_key(struct ui_app *app, int key);

/* The commands of the key table (scope UI_SCOPE_STRIP, and open from the mixer). */
void ui_strip_page_open(struct ui_app *app);
void ui_strip_page_close(struct ui_app *app);
void ui_strip_page_up(struct ui_app *app);
void ui_strip_page_down(struct ui_app *app);
void ui_strip_page_page_up(struct ui_app *app);
void ui_strip_page_page_down(struct ui_app *app);
void ui_strip_page_value_up(struct ui_app *app);
void ui_strip_page_value_down(struct ui_app *app);
void ui_strip_page_value_up_coarse(struct ui_app *app);
void ui_strip_page_value_down_coarse(struct ui_app *app);
void ui_strip_page_next(struct ui_app *app);
void ui_strip_page_prev(struct ui_app *app);
void ui_strip_page_bypass(struct ui_app *app);
void ui_strip_page_default(struct ui_app *app);
void ui_strip_page_type(struct ui_app *app);
void ui_strip_page_info(struct ui_app *app);
void ui_strip_page_ab(struct ui_app *app);

#endif
