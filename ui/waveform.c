/* The arranger's pictures: track colours (from the project's colour names, on colour
 * pairs after the theme's own, with a monochrome fallback) and clip waveforms drawn
 * from the peak cache. */
#include <curses.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "ui/arranger.h"
#include "ui/draw.h"
#include "ui/theme.h"

#define N_COLOURS 8

static const struct {
	const char *name;
	short colour;
} colour_names[] = {
	{ "red", COLOR_RED }, { "green", COLOR_GREEN }, { "yellow", COLOR_YELLOW },
	{ "blue", COLOR_BLUE }, { "magenta", COLOR_MAGENTA }, { "cyan", COLOR_CYAN },
	{ "white", COLOR_WHITE }, { "purple", COLOR_MAGENTA }, { "violet", COLOR_MAGENTA },
	{ "pink", COLOR_MAGENTA }, { "orange", COLOR_YELLOW }, { "brown", COLOR_YELLOW },
	{ "lime", COLOR_GREEN }, { "teal", COLOR_CYAN }, { "grey", COLOR_WHITE },
	{ "gray", COLOR_WHITE },
};

/* -1 (the default colour) for NULL, black (unreadable on most terminals) and names
 * we do not know; "#rrggbb" goes to the nearest of the eight. */
static short colour_of(const char *name)
{
	if (!name)
		return -1;
	if (name[0] == '#' && strlen(name) == 7) {
		char *end;
		long rgb = strtol(name + 1, &end, 16);
		if (*end)
			return -1;
		short c = (short)(((rgb >> 16 & 0xff) >= 0x80 ? COLOR_RED : 0)
			| ((rgb >> 8 & 0xff) >= 0x80 ? COLOR_GREEN : 0)
			| ((rgb & 0xff) >= 0x80 ? COLOR_BLUE : 0));
		return c == COLOR_BLACK ? -1 : c;
	}
	for (size_t i = 0; i < sizeof colour_names / sizeof colour_names[0]; i++)
		if (!strcasecmp(name, colour_names[i].name))
			return colour_names[i].colour;
	return -1;
}

/* The theme decides whether there is colour: its title has a colour pair then. */
static bool have_colour(void)
{
	return PAIR_NUMBER(ui_theme_attr(UI_ROLE_TITLE)) != 0;
}

/* Our pairs come after the theme's: UI_ROLE_COUNT + 2 * colour (+1 for bars). */
static bool pairs_ready(void)
{
	static int state; /* 0 not tried, 1 ready, -1 impossible */
	if (state)
		return state > 0;
	state = -1;
	if (!have_colour() || COLOR_PAIRS < UI_ROLE_COUNT + 2 * N_COLOURS)
		return false;
	for (short c = 0; c < N_COLOURS; c++) {
		const short pair = (short)(UI_ROLE_COUNT + 2 * c);
		if (init_pair(pair, c, -1) == ERR && init_pair(pair, c, COLOR_BLACK) == ERR)
			return false;
		if (init_pair((short)(pair + 1), COLOR_BLACK, c) == ERR)
			return false;
	}
	state = 1;
	return true;
}

int ui_track_attr(const char *color, bool bar)
{
	const short c = colour_of(color);
	if (c < 0 || !pairs_ready())
		return bar ? A_REVERSE : A_NORMAL;
	return (int)COLOR_PAIR(UI_ROLE_COUNT + 2 * c + (bar ? 1 : 0));
}

const char *ui_track_swatch(void)
{
	if (!pairs_ready())
		return "";
	return ui_draw_utf8() ? "\u2588" : "#";
}

/* A cell filled `eighths` eighths from the bottom (1..8). */
static const char *glyph(int eighths)
{
	static const char *const blocks[9] = { " ", "\u2581", "\u2582", "\u2583", "\u2584",
		"\u2585", "\u2586", "\u2587", "\u2588" };
	static const char *const ascii[9] = { " ", "_", "_", ".", "-", "-", "=", "=", "#" };
	if (eighths < 0)
		eighths = 0;
	if (eighths > 8)
		eighths = 8;
	return ui_draw_utf8() ? blocks[eighths] : ascii[eighths];
}

void ui_waveform_draw(int y, int rows, int x, int col_from, int col_to, double view_sec,
	double sec_per_col, const struct ui_clip_span *span, const struct peaks_status *st,
	int attr)
{
	if (rows <= 0)
		return;
	const bool ready = st && st->state == PEAKS_READY && st->peaks;
	const char *fill = st && st->state == PEAKS_FAILED ? "?"
		: ui_draw_utf8() ? "\u2591" : ".";
	for (int col = col_from; col < col_to; col++) {
		if (!ready) {
			for (int r = 0; r < rows; r++)
				ui_text(y + r, x + col, 1, attr, false, fill);
			continue;
		}
		/* the part of this column the clip covers, as frames of its file */
		const double t0 = fmax(view_sec + col * sec_per_col, span->start_sec);
		const double t1 = fmin(view_sec + (col + 1) * sec_per_col, span->end_sec);
		const struct peaks *pk = st->peaks;
		const double rate = pk->sample_rate;
		const double file_sec = span->offset_sec - span->start_sec;
		const int64_t f0 = (int64_t)floor((t0 + file_sec) * rate);
		int64_t f1 = (int64_t)ceil((t1 + file_sec) * rate);
		if (f1 <= f0)
			f1 = f0 + 1;
		double level = peaks_abs_max(pk, f0, f1) * span->gain;
		if (level > 1)
			level = 1;
		int eighths = (int)lround(level * rows * 8);
		if (eighths == 0 && level > 1e-4)
			eighths = 1; /* quiet, not silent: a sliver says so */
		for (int r = 0; r < rows; r++)
			ui_text(y + rows - 1 - r, x + col, 1, attr, false, glyph(eighths - r * 8));
	}
}

void ui_playhead_column(int top, int bottom, int x)
{
	for (int y = top; y <= bottom; y++) {
		cchar_t cell;
		wchar_t wch[CCHARW_MAX + 1];
		attr_t attrs;
		short pair;
		if (mvin_wch(y, x, &cell) == ERR
			|| getcchar(&cell, wch, &attrs, &pair, NULL) == ERR)
			continue;
		if (wch[0] == L' ')
			ui_text(y, x, 1, ui_theme_attr(UI_ROLE_STRONG), false, ui_glyph_vbar());
		else
			mvchgat(y, x, 1, (attrs & ~A_COLOR) ^ A_REVERSE, pair, NULL);
	}
}
