/* The strip detail view (Enter on a mixer strip): every insert of the strip with all
 * its parameters, and the strip's sends, as one list a cursor walks; Left/Right move
 * the value under the cursor in steps that follow the parameter's taper. On the right,
 * a picture of the insert under the cursor: an EQ's summed magnitude response on a
 * frequency grid over the strip's own spectrum, a compressor's or gate's static curve with the gain reduction now.
 * Values go through studio_edit_set_at: smoothed in the engine, undoable, saved. UI thread
 * only. */
#include <curses.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "audio/graph.h"
#include "audio/strip_spectrum.h"
#include "src/lv2_project.h"
#include "ui/app.h"
#include "src/studio/automation.h"
#include "ui/cmdline.h"
#include "ui/draw.h"
#include "src/studio/edit.h"
#include "ui/keys.h"
#include "src/studio/strip.h"
#include "ui/strip_page.h"
#include "ui/teach.h"
#include "ui/theme.h"

#define LIST_W 44         /* the list's columns; the plot takes the rest */
#define PLOT_MIN_W 24

/* ROW_ADD_*: what a strip with no inserts (no sends) offers to start with; l or =
 * opens the ':' line with the command filled in. */
enum row_kind { ROW_INSERT, ROW_PARAM, ROW_SEND, ROW_ADD_INSERT, ROW_ADD_SEND };

struct row {
	enum row_kind kind;
	int slot;             /* insert or send index */
	int param;
};

#define MAX_ROWS (FX_MAX_INSERTS * (FX_MAX_PARAMS + 1) + PROJECT_MAX_SENDS + 2)

static int build_rows(struct ui_app *app, int strip, struct row *rows)
{
	struct project_strip *r;
	int n = 0;
	if (!(r = project_strip_at(app->st->project, strip)))
		return 0;
	for (int i = 0; i < r->n_inserts; i++) {
		rows[n++] = (struct row){ ROW_INSERT, i, 0 };
		for (int k = 0; k < r->inserts[i].cls->n_params; k++)
			rows[n++] = (struct row){ ROW_PARAM, i, k };
	}
	for (int i = 0; i < r->n_sends; i++)
		rows[n++] = (struct row){ ROW_SEND, i, 0 };
	/* last, so that the cursor still starts on what the strip has */
	if (r->n_inserts == 0)
		rows[n++] = (struct row){ ROW_ADD_INSERT, 0, 0 };
	if (r->n_sends == 0 && strip != STRIP_MASTER)
		rows[n++] = (struct row){ ROW_ADD_SEND, 0, 0 };
	return n;
}

static int current_strip(const struct ui_app *app)
{
	return studio_strip_of(app->st, app->sel.strip);
}

static bool is_add(const struct row *row)
{
	return row->kind == ROW_ADD_INSERT || row->kind == ROW_ADD_SEND;
}

/* The strip as a ':' word: a name with a space would split into two words. */
static void strip_word(const struct ui_app *app, int strip, char *buf, size_t size)
{
	const char *name = strip == STRIP_MASTER ? "master" : studio_strip_name(app->st, strip);
	const char *q = strchr(name, ' ') ? "\"" : "";
	snprintf(buf, size, "%s%s%s", q, name, q);
}

/* An add row: the ':' line with its command filled in, Tab listing what may follow
 * (the effects, the buses). */
static void open_add(struct ui_app *app, const struct row *row, int strip)
{
	char word[300], text[UI_CMDLINE_MAX];
	strip_word(app, strip, word, sizeof word);
	if (row->kind == ROW_ADD_INSERT)
		snprintf(text, sizeof text, "insert %s add ", word);
	else
		snprintf(text, sizeof text, "send %s ", word);
	ui_cmdline_open_with(app, text);
	if (row->kind == ROW_ADD_SEND && app->st->project->n_buses == 0)
		ui_message(app, "no bus to send to yet: Esc, then :bus add NAME makes one");
}

/* The row under the cursor, kept inside the list. NULL when the list is empty. */
static const struct row *cursor_row(struct ui_app *app, struct row *rows, int *n_out)
{
	int n = build_rows(app, current_strip(app), rows);
	*n_out = n;
	if (app->mixer.strip.row >= n)
		app->mixer.strip.row = n - 1;
	if (app->mixer.strip.row < 0)
		app->mixer.strip.row = 0;
	return n ? &rows[app->mixer.strip.row] : NULL;
}

/* ---- stepping a value ---- */

/* The next value of a parameter one step up (dir 1) or down (-1), coarse or fine:
 * stepped parameters by their step; dB by 0.5 / 3 dB; log tapers by a sixth of an
 * octave / an octave (0 means off for some: it steps to the range's low end and back);
 * plain numbers by 1 % / 10 % of the range. */
static double step_value(const struct fx_param *fp, double v, int dir, bool coarse)
{
	if (fp->step > 0)
		return v + dir * fp->step;
	switch (fp->taper) {
	case FX_TAPER_DB:
		return v + dir * (coarse ? 3.0 : 0.5);
	case FX_TAPER_LOG: {
		const double floor_v = fp->min > 0 ? fp->min : fp->max / 1000.0;
		const double ratio = coarse ? 2.0 : pow(2.0, 1.0 / 6.0);
		if (v < floor_v)
			return dir > 0 ? floor_v : fp->min;
		double next = dir > 0 ? v * ratio : v / ratio;
		return next < floor_v && dir < 0 ? fp->min : next;
	}
	case FX_TAPER_LIN:
		break;
	}
	return v + dir * (fp->max - fp->min) * (coarse ? 0.1 : 0.01);
}

static void move_value(struct ui_app *app, int dir, bool coarse)
{
	struct row rows[MAX_ROWS];
	int n;
	const struct row *row = cursor_row(app, rows, &n);
	const int strip = current_strip(app);
	struct project_strip *r;
	if (!row || !(r = project_strip_at(app->st->project, strip)))
		return;
	if (is_add(row)) {
		open_add(app, row, strip);
		return;
	}
	if (row->kind == ROW_SEND) {
		double v = studio_auto_current(app->st, CONTROL_SEND_LEVEL, strip, row->slot, 0);
		double step = coarse ? 3.0 : 0.5;
		/* from off, a send comes in at -30 dB, where a send usually starts */
		double next = v <= PROJECT_MIN_GAIN_DB ? (dir > 0 ? -30.0 : v) : v + dir * step;
		if (next < -60.0 && dir < 0)
			next = PROJECT_MIN_GAIN_DB;
		studio_edit_set_at(app->st, CONTROL_SEND_LEVEL, strip, row->slot, 0, next);
		return;
	}
	if (row->kind == ROW_INSERT) {
		studio_edit_set_at(app->st, CONTROL_INSERT_BYPASS, strip, row->slot, 0, dir < 0);
		return;
	}
	const struct fx_param *fp = &r->inserts[row->slot].cls->params[row->param];
	double v = studio_auto_current(app->st, CONTROL_INSERT_PARAM, strip, row->slot, row->param);
	studio_edit_set_at(app->st, CONTROL_INSERT_PARAM, strip, row->slot, row->param,
		step_value(fp, v, dir, coarse));
}

void ui_strip_page_value_up(struct ui_app *app) { move_value(app, 1, false); }
void ui_strip_page_value_down(struct ui_app *app) { move_value(app, -1, false); }
void ui_strip_page_value_up_coarse(struct ui_app *app) { move_value(app, 1, true); }
void ui_strip_page_value_down_coarse(struct ui_app *app) { move_value(app, -1, true); }

void ui_strip_page_open(struct ui_app *app)
{
	app->mixer.detail = true;
	app->mixer.strip.row = 0;
	app->mixer.strip.top = 0;
	app->need_draw = true;
}

void ui_strip_page_close(struct ui_app *app)
{
	app->mixer.detail = false;
	app->need_draw = true;
}

static void move_cursor(struct ui_app *app, int delta)
{
	app->mixer.strip.row += delta;
	if (app->mixer.strip.row < 0)
		app->mixer.strip.row = 0;
	app->need_draw = true; /* the draw keeps it inside the list */
}

void ui_strip_page_up(struct ui_app *app) { move_cursor(app, -1); }
void ui_strip_page_down(struct ui_app *app) { move_cursor(app, 1); }
void ui_strip_page_page_up(struct ui_app *app) { move_cursor(app, -(LINES / 2)); }
void ui_strip_page_page_down(struct ui_app *app) { move_cursor(app, LINES / 2); }

static void other_strip(struct ui_app *app, int delta)
{
	const int n = studio_strip_count(app->st) + 1; /* and the master */
	app->sel.strip = ((app->sel.strip + delta) % n + n) % n;
	app->mixer.strip.row = 0;
	app->mixer.strip.top = 0;
	app->need_draw = true;
}

void ui_strip_page_next(struct ui_app *app) { other_strip(app, 1); }
void ui_strip_page_prev(struct ui_app *app) { other_strip(app, -1); }

/* b: bypass the insert the cursor is in (its header or one of its parameters). */
void ui_strip_page_bypass(struct ui_app *app)
{
	struct row rows[MAX_ROWS];
	int n;
	const struct row *row = cursor_row(app, rows, &n);
	const int strip = current_strip(app);
	if (!row || row->kind == ROW_SEND || is_add(row)) {
		ui_message(app, "b bypasses an insert: put the cursor on one");
		return;
	}
	bool on = studio_edit_get_at(app->st, CONTROL_INSERT_BYPASS, strip, row->slot, 0) == 0;
	studio_edit_set_at(app->st, CONTROL_INSERT_BYPASS, strip, row->slot, 0, on);
}

/* d: the parameter under the cursor back to its default. */
void ui_strip_page_default(struct ui_app *app)
{
	struct row rows[MAX_ROWS];
	int n;
	const struct row *row = cursor_row(app, rows, &n);
	const int strip = current_strip(app);
	struct project_strip *r;
	if (!row || row->kind != ROW_PARAM || !(r = project_strip_at(app->st->project, strip)))
		return;
	studio_edit_set_at(app->st, CONTROL_INSERT_PARAM, strip, row->slot, row->param,
		r->inserts[row->slot].cls->params[row->param].def);
}

/* =: type the exact value: the command line opens with the command filled in. */
void ui_strip_page_type(struct ui_app *app)
{
	struct row rows[MAX_ROWS];
	int n;
	const struct row *row = cursor_row(app, rows, &n);
	const int strip = current_strip(app);
	struct project_strip *r;
	if (!row || !(r = project_strip_at(app->st->project, strip)))
		return;
	if (is_add(row)) {
		open_add(app, row, strip);
		return;
	}
	char text[UI_CMDLINE_MAX];
	const char *name = strip == STRIP_MASTER ? "master" : studio_strip_name(app->st, strip);
	/* a name with a space would split into two words: quote it */
	const char *q = strchr(name, ' ') ? "\"" : "";
	if (row->kind == ROW_SEND)
		snprintf(text, sizeof text, "send %s%s%s %s ", q, name, q, r->sends[row->slot].bus);
	else if (row->kind == ROW_INSERT)
		snprintf(text, sizeof text, "insert %s%s%s ", q, name, q);
	else
		snprintf(text, sizeof text, "fx %s%s%s %d %s ", q, name, q, row->slot + 1,
			r->inserts[row->slot].cls->params[row->param].name);
	ui_cmdline_open_with(app, text);
}

/* ---- drawing ---- */

static void format_value(const struct fx_param *fp, double v, char *buf, size_t size)
{
	if (v == 0 && fp->taper == FX_TAPER_LOG && fp->min == 0)
		snprintf(buf, size, "off");
	else if (fp->taper == FX_TAPER_DB)
		snprintf(buf, size, "%+.1f %s", v, fp->unit);
	else if (!strcmp(fp->unit, "Hz") && v >= 1000)
		snprintf(buf, size, "%.3g kHz", v / 1000.0);
	else
		snprintf(buf, size, "%.4g%s%s", v, fp->unit[0] ? " " : "", fp->unit);
}

static void draw_list(struct ui_app *app, int strip, const struct row *rows, int n, int top,
	int height, int width)
{
	struct project_strip *r = project_strip_at(app->st->project, strip);
	if (app->mixer.strip.row < app->mixer.strip.top)
		app->mixer.strip.top = app->mixer.strip.row;
	if (app->mixer.strip.row >= app->mixer.strip.top + height)
		app->mixer.strip.top = app->mixer.strip.row - height + 1;
	const int sel = ui_theme_attr(UI_ROLE_SELECTED);
	for (int i = 0; i < height; i++) {
		const int k = app->mixer.strip.top + i;
		const int y = top + i;
		if (k >= n) {
			ui_text(y, 0, width, ui_theme_attr(UI_ROLE_NORMAL), true, "");
			continue;
		}
		const struct row *row = &rows[k];
		const bool here = k == app->mixer.strip.row;
		char value[48];
		if (row->kind == ROW_INSERT) {
			const struct project_insert *ins = &r->inserts[row->slot];
			/* an LV2 insert by its plug-in's name */
			ui_textf(y, 0, width, here ? sel : ui_theme_attr(UI_ROLE_HEADING), true,
				" %d %s%s%s", row->slot + 1, ins->cls->uri ? ins->cls->help : ins->cls->name,
				ins->cls->missing ? "  (not installed: passes its signal)" : "",
				ins->bypass ? "  (bypassed)" : "");
		} else if (row->kind == ROW_PARAM) {
			const struct fx_param *fp = &r->inserts[row->slot].cls->params[row->param];
			if (!lv2_format_value(r->inserts[row->slot].cls, row->param,
				r->inserts[row->slot].params[row->param], app->st->project->sample_rate,
				value, sizeof value))
				format_value(fp, r->inserts[row->slot].params[row->param], value, sizeof value);
			ui_textf(y, 0, width, here ? sel : ui_theme_attr(UI_ROLE_NORMAL), true,
				"     %-20s %14s", fp->name, value);
		} else if (is_add(row)) {
			ui_textf(y, 0, width, here ? sel : ui_theme_attr(UI_ROLE_LABEL), true,
				" + add %s   (l or =)", row->kind == ROW_ADD_INSERT ? "insert" : "send");
		} else {
			const struct project_send *s = &r->sends[row->slot];
			studio_edit_format(CONTROL_SEND_LEVEL, s->level_db, value, sizeof value);
			ui_textf(y, 0, width, here ? sel : ui_theme_attr(UI_ROLE_NORMAL), true,
				" send to %-16s %6s dB  %s", s->bus, value, s->pre_fader ? "pre" : "post");
		}
	}
}

/* The point glyph of plots. */
static const char *dot(void)
{
	return ui_draw_utf8() ? "\u2022" : "*";
}

/* The live insert of a strip in the graph the engine plays (for gain reduction). */
static const struct fx_insert *live_insert(const struct ui_app *app, int strip, int slot)
{
	if (!app->st->graph)
		return NULL;
	const struct fx_chain *chain = strip == STRIP_MASTER ? &app->st->graph->master_inserts
		: NULL;
	const struct graph_mix *m = graph_strip_mix(app->st->graph, strip);
	if (m)
		chain = &m->inserts;
	return chain && slot < chain->n ? chain->slot[slot] : NULL;
}

/* Points of the response the range is taken from, 20 Hz to 20 kHz on a log axis. */
#define RANGE_POINTS 256

double ui_strip_eq_range_db(const double *params, int sample_rate)
{
	double p[FX_MAX_PARAMS];
	memcpy(p, params, sizeof(double) * (size_t)fx_eq.n_params);
	p[fx_param_find(&fx_eq, "hpf_hz")] = 0.0; /* 0: off */
	p[fx_param_find(&fx_eq, "lpf_hz")] = 0.0;
	double peak = 0.0;
	for (int i = 0; i < RANGE_POINTS; i++) {
		const double hz = 20.0 * pow(1000.0, (double)i / (RANGE_POINTS - 1));
		if (hz >= 0.5 * sample_rate)
			break;
		const double v = fabs(fx_eq_magnitude_db(p, sample_rate, hz));
		if (v > peak)
			peak = v;
	}
	/* a hair's tolerance, so that a 12 dB bell computed as 12.0001 stays at 12 */
	const double range = 3.0 * ceil((peak - 0.01) / 3.0);
	return range < 6.0 ? 6.0 : range;
}

/* The spectrum behind the EQ curve: its own scale, from 0 dBFS at the top row to this
 * at the bottom (a full-scale sine at a band's centre reads 0 dB in its band). */
#define SPECTRUM_FLOOR_DB (-72.0)

/* The band a column falls in (columns on the plot's log axis from 20 Hz). */
static int column_band(int c, int w)
{
	const double hz = 20.0 * pow(1000.0, (double)c / (w - 1));
	/* the bands are base-ten third octaves, band 17 at 1 kHz (audio/spectrum.h) */
	int b = (int)lround(10.0 * log10(hz / 1000.0)) + 17;
	return b < 0 ? 0 : b >= SPECTRUM_BANDS ? SPECTRUM_BANDS - 1 : b;
}

/* Fill each column from the bottom up to its band's level, in characters so that it
 * reads without colour; filled[c] gets the first filled row (plot_h: none). */
static void draw_spectrum(const struct ui_app *app, int top, int x0, int plot_h, int w,
	int *filled)
{
	const struct ui_strip_view *v = &app->mixer.strip;
	const char *glyph = ui_draw_utf8() ? "\u2591" : "#";
	const int attr = ui_theme_attr(UI_ROLE_LABEL);
	for (int c = 0; c < w; c++) {
		filled[c] = plot_h;
		if (!v->have_bands)
			continue;
		const double db = v->bands_db[column_band(c, w)];
		for (int y = 0; y < plot_h; y++) {
			/* the level at the row's middle */
			const double row_db = SPECTRUM_FLOOR_DB * (y + 0.5) / plot_h;
			if (db >= row_db) {
				filled[c] = y;
				break;
			}
		}
		for (int y = filled[c]; y < plot_h; y++)
			ui_text(top + y, x0 + c, 1, attr, false, glyph);
	}
}

/* The eq's magnitude response, 20 Hz to 20 kHz on a log axis, +-range dB, over the
 * strip's spectrum. The line above the plot says what the spectrum is. */
static void plot_eq(const struct ui_app *app, const struct project_insert *ins, int top,
	int x0, int h, int w)
{
	const int label = ui_theme_attr(UI_ROLE_LABEL);
	const int rate = app->st->project->sample_rate;
	double mag[512];
	int filled[512];
	if (w > 512)
		w = 512;
	for (int c = 0; c < w; c++) {
		double hz = 20.0 * pow(1000.0, (double)c / (w - 1));
		mag[c] = hz < 0.5 * rate ? fx_eq_magnitude_db(ins->params, rate, hz) : -120.0;
	}
	const double range = ui_strip_eq_range_db(ins->params, rate);
	const int plot_h = h - 1;
	for (int y = 0; y < plot_h; y++)
		ui_text(top + y, x0, w, ui_theme_attr(UI_ROLE_NORMAL), true, "");
	const char *glyph = ui_draw_utf8() ? "\u2591" : "#";
	char legend[96];
	snprintf(legend, sizeof legend, "%s spectrum, after inserts: 0 to %.0f dBFS", glyph,
		SPECTRUM_FLOOR_DB);
	const bool fits = ui_text_fit(legend, w, NULL) == strlen(legend);
	if (app->mixer.strip.have_bands && fits)
		ui_text(top - 1, x0, w, label, true, legend);
	else if (app->mixer.strip.have_bands) /* 80 columns: the plot is 33 wide */
		ui_textf(top - 1, x0, w, label, true, "%s spectrum 0 to %.0f dBFS", glyph,
			SPECTRUM_FLOOR_DB);
	else
		ui_textf(top - 1, x0, w, label, true, "%s spectrum: play to see it", glyph);
	draw_spectrum(app, top, x0, plot_h, w, filled);
	/* the grid: 0 dB across, 100 Hz, 1 kHz and 10 kHz down (those behind the spectrum
	 * where it covers them, the 0 dB line over it) */
	const int zero = (plot_h - 1) / 2;
	for (int c = 0; c < w; c++)
		ui_text(top + zero, x0 + c, 1, label, false, "-");
	static const struct { double hz; const char *name; } grid[] = {
		{ 100, "100" }, { 1000, "1k" }, { 10000, "10k" } };
	for (size_t g = 0; g < 3; g++) {
		int c = (int)lround(log(grid[g].hz / 20.0) / log(1000.0) * (w - 1));
		for (int y = 0; y < plot_h; y++)
			if (y == zero || y < filled[c])
				ui_text(top + y, x0 + c, 1, label, false, y == zero ? "+" : ":");
		ui_text(top + plot_h, x0 + c, 4, label, false, grid[g].name);
	}
	ui_textf(top, x0, 8, label, false, "%+.0f dB", range);
	ui_textf(top + plot_h - 1, x0, 8, label, false, "%+.0f dB", -range);
	const int attr = ui_theme_attr(UI_ROLE_METER_LOW) | (int)A_BOLD;
	for (int c = 0; c < w; c++) {
		/* a filter's slope below the range runs off the bottom */
		int y = zero - (int)lround(mag[c] / range * zero);
		if (y < 0 || y >= plot_h)
			continue;
		ui_text(top + y, x0 + c, 1, attr, false, dot());
	}
	ui_text(top + plot_h, x0, 4, label, false, "20");
}

/* A dynamics curve: output level against input level, -60..0 dB both ways, with the
 * straight line for reference and the gain reduction now as a bar at the right. */
static void plot_dynamics(const struct ui_app *app, int strip, int slot,
	const struct project_insert *ins, int top, int x0, int h, int w)
{
	const int label = ui_theme_attr(UI_ROLE_LABEL);
	const struct fx_class *cls = ins->cls;
	const bool gate = cls == &fx_gate;
	const double *p = ins->params;
	const int threshold = fx_param_find(cls, "threshold_db");
	const int ratio = fx_param_find(cls, "ratio"), knee = fx_param_find(cls, "knee_db");
	const int makeup = fx_param_find(cls, "makeup_db"), range = fx_param_find(cls, "range_db");
	const int plot_w = w - 10, plot_h = h - 1;
	for (int y = 0; y < h; y++)
		ui_text(top + y, x0, w, ui_theme_attr(UI_ROLE_NORMAL), true, "");
	if (plot_w < 8 || plot_h < 4)
		return;
	for (int c = 0; c < plot_w; c++) {
		double in = -60.0 + 60.0 * c / (plot_w - 1);
		int yr = (int)lround(-in / 60.0 * (plot_h - 1));
		ui_text(top + yr, x0 + c, 1, label, false, ".");
		double out;
		if (gate) /* below threshold the gate takes range_db off */
			out = in < p[threshold] ? in - p[range] : in;
		else
			out = fx_compressor_curve_db(in, p[threshold], p[ratio], p[knee]) + p[makeup];
		if (out > 0 || out < -60)
			continue;
		int y = (int)lround(-out / 60.0 * (plot_h - 1));
		ui_text(top + y, x0 + c, 1, ui_theme_attr(UI_ROLE_METER_LOW) | (int)A_BOLD, false,
			dot());
	}
	ui_text(top + plot_h, x0, plot_w, label, false, "-60 dB in");
	ui_text(top + plot_h, x0 + plot_w - 4, 4, label, false, "0 dB");
	const struct fx_insert *live = live_insert(app, strip, slot);
	const double gr = live ? fx_insert_gain_reduction_db(live) : 0.0;
	ui_textf(top, x0 + plot_w + 2, 8, label, false, "GR");
	ui_textf(top + 1, x0 + plot_w + 2, 8, ui_theme_attr(UI_ROLE_STRONG), false, "%4.1f", gr);
	int rows = (int)lround(gr / 20.0 * (plot_h - 3));
	/* characters as well as colour, so the bar reads in monochrome */
	const char *bar = ui_draw_utf8() ? "\u2593\u2593" : "##";
	for (int y = 0; y < plot_h - 3; y++)
		ui_text(top + 3 + y, x0 + plot_w + 3, 2, y < rows
			? ui_theme_attr(UI_ROLE_METER_MID) : ui_theme_attr(UI_ROLE_NORMAL), false,
			y < rows ? bar : "  ");
}

static void draw_plot(struct ui_app *app, int strip, const struct row *row, int top, int x0,
	int h, int w)
{
	struct project_strip *r = project_strip_at(app->st->project, strip);
	for (int y = 0; y < h; y++)
		ui_text(top + y, x0, w, ui_theme_attr(UI_ROLE_NORMAL), true, "");
	if (row && is_add(row)) {
		ui_text(top, x0, w, ui_theme_attr(UI_ROLE_LABEL), true, row->kind == ROW_ADD_INSERT
			? "l or = types :insert STRIP add TYPE; Tab lists the effects"
			: "l or = types :send STRIP BUS DB; Tab lists the buses");
		return;
	}
	if (!row || row->kind == ROW_SEND)
		return;
	const struct project_insert *ins = &r->inserts[row->slot];
	ui_textf(top, x0, w, ui_theme_attr(UI_ROLE_STRONG), true, "%s: %s", ins->cls->name,
		ins->cls->help);
	if (row->kind == ROW_PARAM)
		ui_text(top + 1, x0, w, ui_theme_attr(UI_ROLE_LABEL), true,
			ins->cls->params[row->param].help);
	else if (ins->cls->uri) /* an LV2 plug-in: where it came from; i tells the rest */
		ui_text(top + 1, x0, w, ui_theme_attr(UI_ROLE_LABEL), true, ins->cls->uri);
	/* the classes whose response has a plot here (audio/fx/fx.h) */
	if (ins->cls == &fx_eq)
		plot_eq(app, ins, top + 3, x0, h - 3, w);
	else if (ins->cls == &fx_compressor || ins->cls == &fx_gate)
		plot_dynamics(app, strip, row->slot, ins, top + 3, x0, h - 3, w);
}

void ui_strip_page_draw(struct ui_app *app)
{
	const int strip = current_strip(app);
	const int title = ui_theme_attr(UI_ROLE_TITLE);
	struct project_strip *r = project_strip_at(app->st->project, strip);
	char where[64] = "";
	if (strip != STRIP_MASTER)
		snprintf(where, sizeof where, "  into %s", r->output ? r->output : "master");
	ui_textf(0, 0, COLS, title, true, " ttymix  %s %s  %s%s%s", app->st->project->name,
		ui_glyph_vbar(), studio_strip_is_bus(app->st, strip) ? "bus " : "", studio_strip_name(app->st, strip),
		where);
	char right[64];
	ui_keys_title_right(right, sizeof right, UI_SCOPE_STRIP, "STRIP", "detail-close");
	ui_text(0, COLS - (int)strlen(right), (int)strlen(right), title, false, right);

	struct row rows[MAX_ROWS];
	int n;
	const struct row *row = cursor_row(app, rows, &n);
	const int top = 2, height = LINES - UI_STATUS_LINES - top;
	const int list_w = COLS - LIST_W >= PLOT_MIN_W ? LIST_W : COLS;
	ui_text(1, 0, COLS, ui_theme_attr(UI_ROLE_NORMAL), true, "");
	if (n == 0) {
		for (int y = top; y < top + height; y++)
			ui_text(y, 0, COLS, ui_theme_attr(UI_ROLE_NORMAL), true, "");
		ui_text(top, 1, COLS - 1, ui_theme_attr(UI_ROLE_LABEL), false,
			"no inserts or sends on this strip: :insert STRIP add eq, :send STRIP BUS DB");
		return;
	}
	draw_list(app, strip, rows, n, top, height, list_w);
	if (list_w < COLS) {
		for (int y = 1; y < LINES - UI_STATUS_LINES; y++)
			ui_text(y, list_w, 1, ui_theme_attr(UI_ROLE_LABEL), false, ui_glyph_vbar());
		draw_plot(app, strip, row, top, list_w + 2, height, COLS - list_w - 3);
	}
}

bool ui_strip_page_tick(struct ui_app *app)
{
	struct ui_strip_view *v = &app->mixer.strip;
	const bool showing = app->page == UI_PAGE_MIXER && app->mixer.detail;
	if (!v->spectrum) {
		if (!showing || v->spectrum_failed || !app->st->engine)
			return false;
		if (strip_spectrum_create(&v->spectrum, app->st->engine) != ERR_OK) {
			v->spectrum_failed = true;
			ui_error(app, "no spectrum in the strip detail: out of memory");
			return false;
		}
		v->spectrum_strip = STRIP_TAP_OFF;
	}
	const int strip = showing ? current_strip(app) : STRIP_TAP_OFF;
	bool redraw = false;
	if (strip != v->spectrum_strip) {
		v->spectrum_strip = strip;
		redraw = v->have_bands && showing;
		v->have_bands = false;
	}
	strip_spectrum_follow(v->spectrum, strip);
	if (strip_spectrum_update(v->spectrum, v->bands_db)) {
		v->have_bands = true;
		redraw = showing;
	}
	return redraw;
}

void ui_strip_page_free(struct ui_app *app)
{
	strip_spectrum_destroy(app->mixer.strip.spectrum);
	app->mixer.strip.spectrum = NULL;
}

bool ui_strip_page_key(struct ui_app *app, int key)
{
	return ui_keys_dispatch(app, UI_SCOPE_STRIP, key);
}

/* i: what the control under the cursor does (src/explain.c), in the info panel. */
void ui_strip_page_info(struct ui_app *app)
{
	struct row rows[MAX_ROWS];
	int n;
	const struct row *row = cursor_row(app, rows, &n);
	const int strip = current_strip(app);
	struct project_strip *r;
	if (!row || is_add(row) || !(r = project_strip_at(app->st->project, strip))) {
		ui_teach_info(app, "fader", NULL);
		return;
	}
	const struct fx_class *cls = row->kind == ROW_SEND ? NULL : r->inserts[row->slot].cls;
	char *lv2 = cls && cls->uri ? lv2_explain(cls, row->kind == ROW_PARAM ? row->param : -1)
		: NULL;
	if (lv2) { /* an LV2 plug-in: its own description and its ports' */
		char title[128];
		snprintf(title, sizeof title, "i: %s%s%s", cls->help, row->kind == ROW_PARAM
			? "." : "", row->kind == ROW_PARAM ? cls->params[row->param].name : "");
		ui_teach_panel(app, title, lv2);
		free(lv2);
	} else if (cls && cls->uri) {
		ui_error(app, "%s is not installed: nothing to explain", cls->uri);
	} else if (row->kind == ROW_SEND)
		ui_teach_info(app, "send", NULL);
	else if (row->kind == ROW_INSERT)
		ui_teach_info(app, r->inserts[row->slot].cls->name, NULL);
	else
		ui_teach_info(app, r->inserts[row->slot].cls->name,
			r->inserts[row->slot].cls->params[row->param].name);
}

/* a: level-matched A/B of the insert under the cursor: bypassed with its output level
 * matched, so what is heard is what the effect does, not the level it adds. A
 * listening aid of this session: the project does not change. */
void ui_strip_page_ab(struct ui_app *app)
{
	struct row rows[MAX_ROWS];
	int n;
	const struct row *row = cursor_row(app, rows, &n);
	const int strip = current_strip(app);
	struct project_strip *r;
	if (!row || row->kind == ROW_SEND || is_add(row)
		|| !(r = project_strip_at(app->st->project, strip))) {
		ui_message(app, "a compares an insert in and out: put the cursor on one");
		return;
	}
	ui_teach_ab(app, strip, row->slot, r->inserts[row->slot].cls->name);
}
