/* The mastering page's match view (after :match, or v): the mix's long-term spectrum
 * before the match (m), the reference's (r; * where both fall in one cell) on one dB
 * scale, the correction the eq applies as bars about a 0 dB line (+ boost, - cut;
 * the cap is the scale's edge), and a frequency axis, 20 Hz to 20 kHz on a log scale.
 * Characters, not colour alone, tell the curves apart, so it reads in monochrome. */
#include "ui/mastering.h"

#include <curses.h>
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "audio/fx/fx.h"
#include "src/studio/match.h"
#include "src/studio/match_ab.h"
#include "ui/draw.h"
#include "ui/keys.h"
#include "ui/theme.h"

#define LABEL_W 8          /* "-42 dB " */
#define CURVE_SPAN_DB 48.0 /* the curves' pane, top to bottom */

/* The value of a grid curve at column c of width (20 Hz at 0, 20 kHz at width - 1),
 * interpolated in log frequency. */
static double at_column(const double *grid, int c, int width)
{
	const double oct = log2(1000.0) * c / (width > 1 ? width - 1 : 1);
	const double g = oct * MATCH_GRID_PER_OCT;
	int i = (int)floor(g);
	if (i < 0)
		return grid[0];
	if (i >= MATCH_GRID_N - 1)
		return grid[MATCH_GRID_N - 1];
	const double t = g - i;
	if (!isfinite(grid[i]) || !isfinite(grid[i + 1]))
		return t < 0.5 ? grid[i] : grid[i + 1];
	return grid[i] * (1.0 - t) + grid[i + 1] * t;
}

static int column_of(double hz, int width)
{
	return (int)lround(log2(hz / 20.0) / log2(1000.0) * (width - 1));
}

/* The mix and the reference, rows lines from y. */
static void draw_curves(const struct studio_match *mt, int y, int x0, int width, int rows)
{
	double top = -INFINITY;
	for (int i = 0; i < MATCH_GRID_N; i++) {
		const double hz = match_grid_hz(i);
		if (hz >= 30.0 && hz <= 18000.0)
			top = fmax(top, fmax(mt->mix_db[i], mt->ref_db[i]));
	}
	if (!isfinite(top))
		return;
	top = ceil(top / 6.0) * 6.0;
	const double per_row = CURVE_SPAN_DB / rows;
	const int label = ui_theme_attr(UI_ROLE_LABEL);
	ui_textf(y, 1, LABEL_W, label, true, "%4.0f dB", top);
	ui_textf(y + rows - 1, 1, LABEL_W, label, true, "%4.0f dB", top - CURVE_SPAN_DB + per_row);
	for (int c = 0; c < width; c++) {
		const double m = at_column(mt->mix_db, c, width);
		const double r = at_column(mt->ref_db, c, width);
		const int rm = isfinite(m) ? (int)floor((top - m) / per_row) : -1;
		const int rr = isfinite(r) ? (int)floor((top - r) / per_row) : -1;
		if (rm >= 0 && rm < rows)
			ui_text(y + rm, x0 + c, 1, ui_theme_attr(rm == rr ? UI_ROLE_STRONG
				: UI_ROLE_METER_LOW), false, rm == rr ? "*" : "m");
		if (rr >= 0 && rr < rows && rr != rm)
			ui_text(y + rr, x0 + c, 1, ui_theme_attr(UI_ROLE_STRONG), false, "r");
	}
}

/* The eq's correction as bars from the 0 dB row, rows lines from y, +-cap at the
 * edges. */
static void draw_correction(const struct studio_match *mt, int y, int x0, int width,
	int rows)
{
	const int zero = rows / 2;
	const double per_row = mt->cap_db / (zero > 0 ? zero : 1);
	const int label = ui_theme_attr(UI_ROLE_LABEL);
	ui_textf(y, 1, LABEL_W, label, true, "%+4.0f dB", mt->cap_db);
	ui_text(y + zero, 1, LABEL_W, label, true, "   0 dB");
	if (rows - 1 > zero)
		ui_textf(y + rows - 1, 1, LABEL_W, label, true, "%+4.0f dB", -mt->cap_db);
	const char *line = ui_draw_utf8() ? "\u2500" : "-";
	for (int c = 0; c < width; c++) {
		const double v = at_column(mt->eq_db, c, width);
		const int n = (int)lround(fabs(v) / per_row);
		for (int r = 0; r < rows; r++) {
			const int off = zero - r; /* rows above the zero line, positive */
			const bool in = v > 0 ? off > 0 && off <= n : off < 0 && -off <= n;
			if (in)
				ui_text(y + r, x0 + c, 1, ui_theme_attr(UI_ROLE_METER_MID), false,
					v > 0 ? "+" : "-");
			else if (r == zero)
				ui_text(y + r, x0 + c, 1, label, false, line);
		}
	}
}

static void draw_axis(int y, int x0, int width)
{
	static const struct { double hz; const char *text; } marks[] = {
		{ 20, "20" }, { 50, "50" }, { 100, "100" }, { 200, "200" }, { 500, "500" },
		{ 1000, "1k" }, { 2000, "2k" }, { 5000, "5k" }, { 10000, "10k" },
		{ 20000, "20k" } };
	const int label = ui_theme_attr(UI_ROLE_LABEL);
	ui_text(y, 1, LABEL_W, label, true, "     Hz");
	int free_from = 0;
	for (size_t i = 0; i < sizeof marks / sizeof marks[0]; i++) {
		const int len = (int)strlen(marks[i].text);
		int c = column_of(marks[i].hz, width);
		if (c + len > width)
			c = width - len;
		if (c < free_from)
			continue;
		ui_text(y, x0 + c, len, label, false, marks[i].text);
		free_from = c + len + 1;
	}
}

void ui_mastering_draw_match(struct ui_app *app, int y, int height)
{
	const struct studio_match *mt = app->st->match;
	const int heading = ui_theme_attr(UI_ROLE_HEADING);
	if (!mt) {
		ui_text(y, 1, COLS - 2, heading, false, "Match");
		ui_text(y + 1, 1, COLS - 2, ui_theme_attr(UI_ROLE_LABEL), true,
			"no match yet: :match FILE, or :reference FILE then :match");
		return;
	}
	/* after an undo the chain no longer ends with what the match set: say so */
	const struct project_strip *master = &app->st->project->master;
	const int n = master->n_inserts;
	const bool in_place = n >= 3 && master->inserts[n - 3].cls == &fx_eq &&
		master->inserts[n - 2].cls == &fx_width && master->inserts[n - 1].cls == &fx_limiter;
	int x = ui_text(y, 1, COLS - 2, heading, false, in_place ? "Match" : "Last match");
	/* the key that compares with the chain before, while there is one */
	char hint[64] = "";
	if (app->st->match_ab)
		ui_keys_hint(hint, sizeof hint, UI_SCOPE_MASTERING,
			(const char *const[]){ "match-ab", NULL }, "A/B before");
	ui_textf(y, 1 + x, COLS - 2 - x, ui_theme_attr(UI_ROLE_STRONG), true,
		"  to %s: spectrum %.1f -> %.1f dB RMS, 1/%.0f oct, cap %g dB%s%s", mt->ref_name,
		mt->distance_before, mt->distance_after, 1.0 / mt->octaves, mt->cap_db,
		hint[0] ? "  " : "", hint);
	ui_textf(y + 1, 1, COLS - 2, ui_theme_attr(UI_ROLE_LABEL), true,
		"r ref  m mix  +- eq  LUFS %.1f>%.1f ref %.1f  width %.2f>%.2f ref %.2f",
		mt->mix_lufs, mt->out_lufs, mt->ref_lufs, mt->mix_width, mt->out_width,
		mt->ref_width);
	const int x0 = 1 + LABEL_W;
	const int width = COLS - x0 - 1;
	const int rows = height - 3;
	if (rows < 4 || width < 20)
		return;
	const int curves = (rows * 3 + 2) / 5 > 2 ? (rows * 3 + 2) / 5 : 2;
	const int corr = rows - curves;
	draw_curves(mt, y + 2, x0, width, curves);
	draw_correction(mt, y + 2 + curves, x0, width, corr);
	draw_axis(y + 2 + rows, x0, width);
}
