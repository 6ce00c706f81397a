/* Drawing helpers every page shares: text cut to a number of terminal columns
 * (not bytes), and the vertical level meter. Both fall back to plain ASCII outside a
 * UTF-8 locale. UI thread only; call between initscr and endwin. */
#ifndef TTYMIX_UI_DRAW_H
#define TTYMIX_UI_DRAW_H

#include <stdbool.h>
#include <stddef.h>

/* Decide once, after setlocale, whether to draw Unicode block characters. */
void ui_draw_init(void);
bool ui_draw_utf8(void);

/* Draw s at (y, x) in at most width columns with attr; characters the locale cannot
 * decode or show become '?'. pad: fill the rest of width with spaces (in attr).
 * Returns the columns drawn. */
int ui_text(int y, int x, int width, int attr, bool pad, const char *s);
int ui_textf(int y, int x, int width, int attr, bool pad, const char *fmt, ...)
	__attribute__((format(printf, 6, 7)));

/* The bytes of the longest start of s that fits in width columns, decoded as
 * ui_text draws it (an undecodable byte is one column); *cols (may be NULL) gets the
 * columns it takes. */
size_t ui_text_fit(const char *s, int width, int *cols);
/* One drawn line of s wrapped at width columns: returns the bytes it shows (up to the
 * last space that fits, or where the columns run out) and sets *next to where the
 * next line starts (the space dropped). The message log and the help wrap so. */
size_t ui_text_wrap(const char *s, int width, size_t *next);
/* As ui_text, but text that does not fit ends in an ellipsis ("…", or "..."
 * outside UTF-8), so a cut is never silent. */
int ui_text_cut(int y, int x, int width, int attr, bool pad, const char *s);

/* The separator between regions: a box-drawing bar, or '|'. */
const char *ui_glyph_vbar(void);

/* One channel of a vertical meter, bottom at top + height - 1, width columns wide:
 * RMS as a solid bar (eighth blocks at its top), peak above it shaded, and the
 * peak-hold mark as a line. Levels in dBFS; the scale runs from STUDIO_METER_FLOOR_DB to
 * 0 dB. */
void ui_meter_column(int top, int x, int height, int width, double peak_db, double rms_db,
	double hold_db);
/* dB labels for meters of that height, right-aligned in width columns. */
void ui_meter_scale(int top, int x, int height, int width);

#endif
