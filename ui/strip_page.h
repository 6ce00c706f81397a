/* The strip detail view of the mixer (Enter on a strip; ui/strip_page.c): its inserts'
 * parameters and its sends, edited from the keyboard, with the response of the insert
 * under the cursor drawn beside them. UI thread only. */
#ifndef TTYMIX_UI_STRIP_PAGE_H
#define TTYMIX_UI_STRIP_PAGE_H

#include <stdbool.h>

#include "audio/spectrum.h"

struct ui_app;
struct strip_spectrum;

/* The detail view's cursor (app->mixer.strip), and the spectrum of its strip. */
struct ui_strip_view {
	int row, top;               /* cursor row, first row shown */
	struct strip_spectrum *spectrum; /* made the first time the view opens */
	bool spectrum_failed;       /* making it failed: said once, not tried again */
	int spectrum_strip;         /* the strip bands_db is of (while spectrum exists) */
	bool have_bands;            /* bands_db holds a measurement of that strip */
	float bands_db[SPECTRUM_BANDS];
};

void ui_strip_page_draw(struct ui_app *app);
bool ui_strip_page_key(struct ui_app *app, int key);
/* Once per turn of the main loop: the engine taps the strip whose detail is open (and
 * none otherwise), and its spectrum is read. true: new bands to draw. */
bool ui_strip_page_tick(struct ui_app *app);
/* Stop the strip's spectrum (before the engine goes). */
void ui_strip_page_free(struct ui_app *app);
/* The EQ plot's range, +-dB, for an eq insert's parameters: the largest boost or cut
 * of its shelves and bands (their summed response, the high- and low-pass left out,
 * so that a deep filter slope does not flatten a small bell), rounded up to 3 dB, at
 * least 6 dB. Pure. */
double ui_strip_eq_range_db(const double *params, int sample_rate);

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
