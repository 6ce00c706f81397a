/* The mastering page. Top to bottom: the master chain (every insert in signal order
 * with its key settings and gain reduction, then the master fader, and a warning when
 * that fader lifts peaks over the limiter's ceiling), the loudness meters as bars with numbers, the target with a pass/fail line
 * for the integrated loudness and one for the true peak (in words, so monochrome says
 * it as plainly as colour), the short-term loudness history as a strip chart scaled
 * in LU around the target, and a line of key hints. */
#include "ui/mastering.h"

#include <curses.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "audio/analysis.h"
#include "audio/fx/fx.h"
#include "audio/graph.h"
#include "audio/spectrum.h"
#include "src/base/xalloc.h"
#include "ui/draw.h"
#include "src/studio/edit.h"
#include "ui/keys.h"
#include "src/studio/match.h"
#include "src/studio/match_ab.h"
#include "src/studio/monitor.h"
#include "ui/theme.h"

/* The mixer's fader steps, so the same keys move the same distance on both pages. */
#define GAIN_STEP_DB 0.5
#define GAIN_COARSE_DB 3.0
#define TARGET_STEP_LU 0.5
#define CUSTOM_MIN_LUFS (-40.0)
#define CUSTOM_MAX_LUFS (-5.0)

/* Bar scales. */
#define LOUD_FLOOR (-60.0)   /* LUFS, and dB for the peaks */
#define LOUD_TOP 0.0
#define PEAK_TOP 3.0
#define LRA_TOP 30.0
/* The plot spans this many LU around the target: room below, a little above. */
#define PLOT_BELOW_LU 18.0
#define PLOT_ABOVE_LU 6.0
#define PLOT_LABEL_W 10
/* How far the integrated loudness may sit from the target and still pass: the
 * +-1 LU that EBU R 128 allows where a programme cannot be measured in advance, and
 * about the step the streaming services' own normalisation leaves alone. */
#define TARGET_TOL_LU 1.0

/* Seconds of audio per plot column, chosen with z and Z. */
static const int plot_readings_per_col[] = { 1, 2, 5, 10, 20, 50 };
#define N_ZOOMS ((int)(sizeof plot_readings_per_col / sizeof plot_readings_per_col[0]))
#define DEFAULT_ZOOM 3 /* 1 s a column: 72 s at 80 columns, 152 s at 160 */

#define LABEL_W 12
#define VALUE_W 11
#define BAR_X (1 + LABEL_W + 1 + VALUE_W + 1)

/* What happens to a master that misses the target. A streaming service plays it at
 * its own level instead of rejecting it: it turns a loud master down, and (some of
 * them) a quiet one up as far as its true peak stays under the ceiling. A delivery
 * specification (broadcast, or the user's own) is met or not. */
enum target_kind { TARGET_SPEC, TARGET_TURNS_DOWN, TARGET_TURNS_BOTH };

struct target {
	const char *key;      /* in project.json (`delivery.target`) */
	const char *name;     /* as the target line shows it */
	const char *owner;    /* as the verdict names it: "Spotify's -14" */
	double lufs, ceiling_dbtp;
	enum target_kind kind;
};

/* Published loudness normalisation references (the custom one is set with [ ]). */
static const struct target targets[] = {
	{ "spotify", "Spotify", "Spotify's", -14.0, -1.0, TARGET_TURNS_BOTH },
	{ "apple_music", "Apple Music", "Apple Music's", -16.0, -1.0, TARGET_TURNS_BOTH },
	{ "youtube", "YouTube", "YouTube's", -14.0, -1.0, TARGET_TURNS_DOWN },
	{ "ebu_r128", "EBU R128", "EBU R128's", -23.0, -1.0, TARGET_SPEC },
	{ "custom", "custom", "the custom", 0.0, -1.0, TARGET_SPEC },
};

/* An integrated figure is judged only over enough of the programme: the first seconds
 * (an intro, a count-in) say little about a song. This much, or nearly the whole song
 * when it is shorter. */
#define JUDGE_AFTER_SEC 20.0
#define N_TARGETS ((int)(sizeof targets / sizeof targets[0]))
#define CUSTOM (N_TARGETS - 1)

struct ui_mastering {
	struct analysis *analysis;  /* NULL until the page is first shown, or if it failed */
	bool failed;                /* it could not start: do not try on every tick */
	bool active;                /* the analysis measures (the page is showing) */
	int target;                 /* index into targets */
	double custom_lufs;
	int zoom;                   /* index into plot_readings_per_col */
	struct analysis_snapshot snap;
	uint32_t shown_serial;
	bool show_spectrum;         /* the plot shows the spectrum instead of the history */
	bool show_match;            /* the match view (ui/mastering_match.c) in place of
	                               the meters and the plot */
	unsigned match_seen;        /* the :match shown last (studio_match.serial) */
};

/* The target in force is the project's (saved with it; undo and another project bring
 * theirs back): by its key, else the first. */
static void target_from_project(struct ui_mastering *m, const struct project *p)
{
	m->target = 0;
	if (!p->delivery_target[0])
		return;
	m->target = CUSTOM; /* a key this ttymix does not know: its loudness, as a custom one */
	for (int i = 0; i < N_TARGETS; i++)
		if (!strcmp(targets[i].key, p->delivery_target))
			m->target = i;
	if (m->target == CUSTOM)
		m->custom_lufs = p->delivery_lufs;
}

static struct ui_mastering *state(struct ui_app *app)
{
	if (!app->mastering) {
		app->mastering = xcalloc(1, sizeof *app->mastering);
		app->mastering->custom_lufs = targets[0].lufs;
		app->mastering->zoom = DEFAULT_ZOOM;
		app->mastering->snap.integrated_lufs = -INFINITY;
		app->mastering->snap.momentary_lufs = -INFINITY;
		app->mastering->snap.shortterm_lufs = -INFINITY;
		app->mastering->snap.lra_lu = -INFINITY;
		app->mastering->snap.true_peak_dbtp = -INFINITY;
		app->mastering->snap.sample_peak_dbfs = -INFINITY;
		app->mastering->snap.correlation = NAN;
		for (int i = 0; i < SPECTRUM_BANDS; i++)
			app->mastering->snap.spectrum_db[i] = -INFINITY;
	}
	target_from_project(app->mastering, app->st->project);
	/* a new :match shows itself */
	if (app->st->match && app->st->match->serial != app->mastering->match_seen) {
		app->mastering->match_seen = app->st->match->serial;
		app->mastering->show_match = true;
	}
	return app->mastering;
}

static double target_lufs(const struct ui_mastering *m)
{
	return m->target == CUSTOM ? m->custom_lufs : targets[m->target].lufs;
}

bool ui_mastering_tick(struct ui_app *app)
{
	const bool showing = app->page == UI_PAGE_MASTERING;
	if (!app->mastering && !showing)
		return false;
	struct ui_mastering *m = state(app);
	if (!m->analysis && !m->failed) {
		struct err_msg msg;
		if (analysis_create(&m->analysis, app->st->engine, &msg) != ERR_OK) {
			m->failed = true;
			ui_error(app, "no loudness meters: %s", msg.text);
			return false;
		}
	}
	if (!m->analysis)
		return false;
	if (showing != m->active) {
		analysis_set_active(m->analysis, showing);
		m->active = showing;
	}
	if (!showing)
		return false;
	analysis_snapshot(m->analysis, &m->snap);
	if (m->snap.serial == m->shown_serial)
		return false;
	m->shown_serial = m->snap.serial;
	studio_monitor_analysis(app->st, &m->snap);
	return true;
}

void ui_mastering_free(struct ui_app *app)
{
	if (!app->mastering)
		return;
	analysis_destroy(app->mastering->analysis);
	free(app->mastering);
	app->mastering = NULL;
}

/* ---- the master's limiter ---- */

/* The master's last limiter that is in (not bypassed): the level keys drive its input,
 * and its ceiling is what the master fader after the chain may push peaks over. -1
 * when there is none. */
static int final_limiter(const struct project *p)
{
	for (int i = p->master.n_inserts - 1; i >= 0; i--)
		if (p->master.inserts[i].cls == &fx_limiter && !p->master.inserts[i].bypass)
			return i;
	return -1;
}

/* Parameter name of insert ins, or NAN when its class has none. */
static double param(const struct project_insert *ins, const char *name)
{
	const int i = fx_param_find(ins->cls, name);
	return i < 0 ? NAN : ins->params[i];
}

/* ---- commands ---- */

/* The level keys: gain into the master's final limiter when there is one, so that
 * louder never means clipped (the fader after the chain stays where it is, as in
 * every DAW); without a limiter, the master fader as before. */
static void gain_by(struct ui_app *app, double delta_db)
{
	const int lim = final_limiter(app->st->project);
	if (lim < 0) {
		studio_edit_set(app->st, CONTROL_GAIN, STRIP_MASTER,
			studio_edit_get(app->st, CONTROL_GAIN, STRIP_MASTER) + delta_db);
		return;
	}
	const int input = fx_param_find(&fx_limiter, "input_db");
	studio_edit_set_at(app->st, CONTROL_INSERT_PARAM, STRIP_MASTER, lim, input,
		studio_edit_get_at(app->st, CONTROL_INSERT_PARAM, STRIP_MASTER, lim, input)
		+ delta_db);
}

void ui_mastering_gain_up(struct ui_app *app) { gain_by(app, GAIN_STEP_DB); }
void ui_mastering_gain_down(struct ui_app *app) { gain_by(app, -GAIN_STEP_DB); }
void ui_mastering_gain_up_coarse(struct ui_app *app) { gain_by(app, GAIN_COARSE_DB); }
void ui_mastering_gain_down_coarse(struct ui_app *app) { gain_by(app, -GAIN_COARSE_DB); }

void ui_mastering_gain_reset(struct ui_app *app)
{
	const int lim = final_limiter(app->st->project);
	if (lim < 0)
		studio_edit_set(app->st, CONTROL_GAIN, STRIP_MASTER, 0.0);
	else
		studio_edit_set_at(app->st, CONTROL_INSERT_PARAM, STRIP_MASTER, lim,
			fx_param_find(&fx_limiter, "input_db"), 0.0);
}

void ui_mastering_next_target(struct ui_app *app)
{
	struct ui_mastering *m = state(app);
	const int next = (m->target + 1) % N_TARGETS;
	studio_edit_delivery(app->st, targets[next].key,
		next == CUSTOM ? m->custom_lufs : targets[next].lufs);
	m = state(app);
	ui_message(app, "target: %s %g LUFS, true peak ceiling %.1f dBTP", targets[m->target].name,
		target_lufs(m), targets[m->target].ceiling_dbtp);
	app->need_draw = true;
}

/* [ and ] move the custom target, starting from the one shown. */
static void target_by(struct ui_app *app, double delta)
{
	struct ui_mastering *m = state(app);
	double v = target_lufs(m) + delta;
	v = fmin(fmax(v, CUSTOM_MIN_LUFS), CUSTOM_MAX_LUFS);
	studio_edit_delivery(app->st, targets[CUSTOM].key, round(v * 2.0) / 2.0);
	m = state(app);
	ui_message(app, "target: custom %g LUFS", m->custom_lufs);
	app->need_draw = true;
}

void ui_mastering_target_up(struct ui_app *app) { target_by(app, TARGET_STEP_LU); }
void ui_mastering_target_down(struct ui_app *app) { target_by(app, -TARGET_STEP_LU); }

void ui_mastering_reset(struct ui_app *app)
{
	struct ui_mastering *m = state(app);
	if (m->analysis)
		analysis_reset(m->analysis);
	ui_message(app, "loudness measurement started again");
}

static void zoom_by(struct ui_app *app, int delta)
{
	struct ui_mastering *m = state(app);
	const int z = m->zoom + delta;
	if (z < 0 || z >= N_ZOOMS) {
		ui_message(app, "the plot is already at its %s", delta < 0 ? "closest" : "widest");
		return;
	}
	m->zoom = z;
	ui_message(app, "loudness plot: %g s a column", plot_readings_per_col[z] /
		(double)ANALYSIS_HISTORY_HZ);
	app->need_draw = true;
}

void ui_mastering_zoom_out(struct ui_app *app) { zoom_by(app, 1); }
void ui_mastering_zoom_in(struct ui_app *app) { zoom_by(app, -1); }

void ui_mastering_next_view(struct ui_app *app)
{
	struct ui_mastering *m = state(app);
	/* history, spectrum, then the match once there is one */
	if (m->show_match) {
		m->show_match = false;
		m->show_spectrum = false;
	} else if (m->show_spectrum && app->st->match) {
		m->show_match = true;
	} else {
		m->show_spectrum = !m->show_spectrum;
	}
	ui_message(app, "plot: %s", m->show_match ? "the match (mix, reference, correction)"
		: m->show_spectrum ? "spectrum (1/3 octave)" : "short-term loudness history");
	app->need_draw = true;
}

void ui_mastering_render_hint(struct ui_app *app)
{
	ui_message(app, "to render the master: type :render FILE (e.g. :render "
		"renders/master.wav)");
}

/* ---- drawing ---- */

static const char *eighth_h(int eighths) /* a left-aligned horizontal block */
{
	static const char *const blocks[] = { " ", "\u258f", "\u258e", "\u258d", "\u258c",
		"\u258b", "\u258a", "\u2589", "\u2588" };
	static const char *const ascii[] = { " ", " ", " ", "-", "-", "=", "=", "=", "#" };
	return ui_draw_utf8() ? blocks[eighths] : ascii[eighths];
}

static const char *eighth_v(int eighths) /* a bottom-aligned vertical block */
{
	static const char *const blocks[] = { " ", "\u2581", "\u2582", "\u2583", "\u2584",
		"\u2585", "\u2586", "\u2587", "\u2588" };
	static const char *const ascii[] = { " ", ".", ".", ":", ":", "|", "|", "|", "#" };
	return ui_draw_utf8() ? blocks[eighths] : ascii[eighths];
}

/* A horizontal bar of value on [lo, hi] in width columns; mark (if finite) draws a
 * tick at that value, where the target or the ceiling is. */
static void draw_bar(int y, int x, int width, double value, double lo, double hi,
	double mark, enum ui_role role)
{
	if (width < 3)
		return;
	const int inner = width - 2;
	const int label = ui_theme_attr(UI_ROLE_LABEL);
	ui_text(y, x, 1, label, false, "[");
	ui_text(y, x + 1 + inner, 1, label, false, "]");
	int eighths = 0;
	if (isfinite(value))
		eighths = (int)lround((value - lo) / (hi - lo) * inner * 8);
	eighths = eighths < 0 ? 0 : eighths > inner * 8 ? inner * 8 : eighths;
	int mark_col = -1;
	if (isfinite(mark) && mark >= lo && mark <= hi)
		mark_col = (int)((mark - lo) / (hi - lo) * inner);
	if (mark_col >= inner)
		mark_col = inner - 1;
	for (int c = 0; c < inner; c++) {
		int e = eighths - c * 8;
		e = e < 0 ? 0 : e > 8 ? 8 : e;
		if (c == mark_col && e < 8)
			ui_text(y, x + 1 + c, 1, ui_theme_attr(UI_ROLE_HOLD), false,
				ui_draw_utf8() ? "\u2502" : "|");
		else
			ui_text(y, x + 1 + c, 1, ui_theme_attr(role), false, eighth_h(e));
	}
}

/* "--" while a value is undefined (too little audio for its window, or silence) or
 * below floor, where its bar starts: after a stop the momentary loudness falls to
 * -200 LUFS and more, which is no reading. */
static void format_value(double v, double floor, const char *unit, char *buf, size_t size)
{
	if (isfinite(v) && v >= floor)
		snprintf(buf, size, "%6.1f %s", v, unit);
	else
		snprintf(buf, size, "    -- %s", unit);
}

/* The colour of a loudness against the target: over it red, close yellow, else green. */
static enum ui_role loud_role(double lufs, double target)
{
	if (!isfinite(lufs))
		return UI_ROLE_METER_LOW;
	return lufs > target + 0.5 ? UI_ROLE_METER_HIGH
		: lufs > target - 1.0 ? UI_ROLE_METER_MID : UI_ROLE_METER_LOW;
}

static void meter_row(int y, const char *label, double value, const char *unit, double lo,
	double hi, double mark, enum ui_role role)
{
	char buf[32];
	ui_text(y, 1, LABEL_W, ui_theme_attr(UI_ROLE_LABEL), true, label);
	format_value(value, lo, unit, buf, sizeof buf);
	ui_text(y, 1 + LABEL_W + 1, VALUE_W, ui_theme_attr(UI_ROLE_STRONG), true, buf);
	draw_bar(y, BAR_X, COLS - BAR_X - 1, value, lo, hi, mark, role);
}

static void draw_title(struct ui_app *app)
{
	const int attr = ui_theme_attr(UI_ROLE_TITLE);
	int used = ui_textf(0, 0, COLS, attr, false, " ttymix  %s%s  %s Master",
		app->st->project->name, app->st->throwaway ? " (quick audition)" : "", ui_glyph_vbar());
	/* :match ab's side, where the page's name is: what plays is not the project's */
	char ab[64];
	if (studio_match_ab_label(app->st, ab, sizeof ab))
		used += ui_textf(0, used, COLS - used, attr, false, "   A/B: %s", ab);
	ui_text(0, used, COLS - used, attr, true, "");
	char right[64];
	ui_keys_title_right(right, sizeof right, UI_SCOPE_MASTERING, "MASTERING", NULL);
	const int w = (int)strlen(right);
	if (w + 1 <= COLS - used)
		ui_text(0, COLS - w, w, attr, false, right);
}

/* ---- the chain ---- */

#define CHAIN_NAME_W 14      /* " 3 compressor " */
#define GR_BAR_W 6
#define GR_W (3 + 7 + 1 + GR_BAR_W) /* "GR 12.3 dB ######" */
#define GR_FULL_DB 12.0      /* the bar's full length */

/* A line of settings being written: items go in whole, two spaces apart, as long as
 * they fit in width; the first that does not ends the line (the most telling come
 * first). */
struct summary {
	char buf[256];
	size_t width;
	bool full;
};

static void item(struct summary *sm, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
static void item(struct summary *sm, const char *fmt, ...)
{
	if (sm->full)
		return;
	char text[96];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(text, sizeof text, fmt, ap);
	va_end(ap);
	const size_t n = strlen(sm->buf), gap = n ? 2 : 0;
	if (n + gap + strlen(text) > sm->width || n + gap + strlen(text) >= sizeof sm->buf) {
		sm->full = true;
		return;
	}
	snprintf(sm->buf + n, sizeof sm->buf - n, "%s%s", gap ? "  " : "", text);
}

/* A frequency as "80 Hz", "2.5k Hz". */
static const char *hz(double v, char *buf, size_t size)
{
	if (v >= 1000.0)
		snprintf(buf, size, "%.3gk Hz", v / 1000.0);
	else
		snprintf(buf, size, "%.0f Hz", v);
	return buf;
}

/* The eq's active sections: filters, shelves and bands that do something. */
static void eq_summary(const struct project_insert *ins, struct summary *sm)
{
	char f[16];
	if (param(ins, "hpf_hz") > 0)
		item(sm, "HP %s %.0f dB/oct", hz(param(ins, "hpf_hz"), f, sizeof f),
			param(ins, "hpf_slope"));
	if (param(ins, "lpf_hz") > 0)
		item(sm, "LP %s %.0f dB/oct", hz(param(ins, "lpf_hz"), f, sizeof f),
			param(ins, "lpf_slope"));
	if (param(ins, "low_shelf_db") != 0)
		item(sm, "LS %s %+.1f dB", hz(param(ins, "low_shelf_hz"), f, sizeof f),
			param(ins, "low_shelf_db"));
	if (param(ins, "high_shelf_db") != 0)
		item(sm, "HS %s %+.1f dB", hz(param(ins, "high_shelf_hz"), f, sizeof f),
			param(ins, "high_shelf_db"));
	for (int k = 1; k <= 4; k++) {
		char db[16], freq[16], q[16];
		snprintf(db, sizeof db, "band%d_db", k);
		snprintf(freq, sizeof freq, "band%d_hz", k);
		snprintf(q, sizeof q, "band%d_q", k);
		if (param(ins, db) != 0)
			item(sm, "B%d %s %+.1f dB Q%.2g", k, hz(param(ins, freq), f, sizeof f),
				param(ins, db), param(ins, q));
	}
	if (!sm->buf[0] && !sm->full)
		item(sm, "flat (every band at 0 dB)");
}

/* An insert's key settings in a line of width: what a mastering engineer reads
 * first. */
static void insert_summary(const struct project_insert *ins, struct summary *sm)
{
	char f[16], g[16];
	if (ins->cls == &fx_eq) {
		eq_summary(ins, sm);
	} else if (ins->cls == &fx_compressor) {
		item(sm, "thr %.1f dB", param(ins, "threshold_db"));
		item(sm, "%.3g:1", param(ins, "ratio"));
		if (param(ins, "makeup_db") != 0)
			item(sm, "make-up %+.1f dB", param(ins, "makeup_db"));
		item(sm, "att %.3g ms", param(ins, "attack_ms"));
		item(sm, "rel %.4g ms", param(ins, "release_ms"));
	} else if (ins->cls == &fx_limiter) {
		item(sm, "ceiling %.1f dBTP", param(ins, "ceiling_dbtp"));
		item(sm, "input %+.1f dB", param(ins, "input_db"));
		item(sm, "rel %.4g ms", param(ins, "release_ms"));
	} else if (ins->cls == &fx_gate) {
		item(sm, "thr %.1f dB", param(ins, "threshold_db"));
		item(sm, "range %.1f dB", param(ins, "range_db"));
	} else if (ins->cls == &fx_multiband) {
		item(sm, "split %s %s", hz(param(ins, "xover_low_hz"), f, sizeof f),
			hz(param(ins, "xover_high_hz"), g, sizeof g));
		static const char *const bands[] = { "low", "mid", "high" };
		for (int b = 0; b < 3; b++) {
			char thr[32], ratio[32];
			snprintf(thr, sizeof thr, "%s_threshold_db", bands[b]);
			snprintf(ratio, sizeof ratio, "%s_ratio", bands[b]);
			item(sm, "%s %.1f dB %.3g:1", bands[b], param(ins, thr), param(ins, ratio));
		}
	} else {
		/* the rest (width, delay, reverb, chorus): their first parameters */
		for (int i = 0; i < ins->cls->n_params && i < 3; i++)
			item(sm, "%s %.3g%s%s", ins->cls->params[i].name, ins->params[i],
				ins->cls->params[i].unit[0] ? " " : "", ins->cls->params[i].unit);
	}
}

/* The live insert slot of the master in the graph the engine plays, read as the mixer
 * reads gain reduction (fx.h: any thread may); NULL when there is none. */
static const struct fx_insert *live_master_insert(const struct ui_app *app, int slot)
{
	if (!app->st->graph)
		return NULL;
	const struct fx_chain *chain = &app->st->graph->master_inserts;
	return slot < chain->n ? chain->slot[slot] : NULL;
}

/* "GR  3.2 dB ###....." at x: the gain reduction in numbers and in characters (full
 * length GR_FULL_DB), so it reads without colour. */
static void draw_gr(int y, int x, double gr)
{
	const int label = ui_theme_attr(UI_ROLE_LABEL);
	ui_text(y, x, 3, label, false, "GR ");
	ui_textf(y, x + 3, 8, ui_theme_attr(UI_ROLE_STRONG), true, "%4.1f dB", gr);
	int eighths = (int)lround(gr / GR_FULL_DB * GR_BAR_W * 8);
	eighths = eighths < 0 ? 0 : eighths > GR_BAR_W * 8 ? GR_BAR_W * 8 : eighths;
	for (int c = 0; c < GR_BAR_W; c++) {
		int e = eighths - c * 8;
		e = e < 0 ? 0 : e > 8 ? 8 : e;
		ui_text(y, x + 11 + c, 1, e ? ui_theme_attr(UI_ROLE_METER_MID) : label, false,
			e ? eighth_h(e) : ".");
	}
}

/* One insert of the master chain: number, type, key settings, gain reduction. */
static void draw_insert(struct ui_app *app, int y, int slot)
{
	const struct project_insert *ins = &app->st->project->master.inserts[slot];
	const int attr = ui_theme_attr(ins->bypass ? UI_ROLE_LABEL : UI_ROLE_NORMAL);
	ui_textf(y, 1, CHAIN_NAME_W, ins->bypass ? attr : ui_theme_attr(UI_ROLE_STRONG), true,
		"%2d %-10s", slot + 1, ins->cls->name);
	const bool has_gr = ins->cls->gain_reduction_db != NULL;
	const int x = 1 + CHAIN_NAME_W + 1;
	const int w = COLS - x - 1 - (has_gr ? GR_W + 2 : 0);
	struct summary sm = { .width = w > 0 ? (size_t)w : 0 };
	if (ins->bypass)
		item(&sm, "BYPASSED");
	insert_summary(ins, &sm);
	ui_text(y, x, w, attr, true, sm.buf);
	if (has_gr && COLS - 1 - GR_W > x) {
		const struct fx_insert *live = live_master_insert(app, slot);
		draw_gr(y, COLS - 1 - GR_W, live && !ins->bypass
			? fx_insert_gain_reduction_db(live) : 0.0);
	}
}

/* The warning under the chain when the master fader, after the limiter, lifts peaks
 * over its ceiling: the limiter holds the ceiling, and whatever the fader adds comes on
 * top. Returns the rows used (0 or 1). */
static int draw_fader_warning(struct ui_app *app, const struct ui_mastering *m, int y)
{
	const int lim = final_limiter(app->st->project);
	const double fader = studio_edit_get(app->st, CONTROL_GAIN, STRIP_MASTER);
	if (lim < 0 || fader <= 0.0)
		return 0;
	const double ceiling = param(&app->st->project->master.inserts[lim], "ceiling_dbtp");
	const double tp = m->snap.true_peak_dbtp;
	/* what matters first, so that 80 columns show it: the measured true peak once
	 * it is over, else where the limiter's peaks end up */
	char line[256];
	if (isfinite(tp) && tp > ceiling + 0.05)
		snprintf(line, sizeof line, "WARNING: fader %+.1f dB after the limiter: true peak "
			"%+.1f dBTP > ceiling %.1f; :gain master 0, then K for louder", fader, tp,
			ceiling);
	else
		snprintf(line, sizeof line, "WARNING: fader %+.1f dB after the limiter: peaks up "
			"to %+.1f dBTP > ceiling %.1f; :gain master 0, then K for louder", fader,
			ceiling + fader, ceiling);
	ui_text(y, 1, COLS - 2, ui_theme_attr(UI_ROLE_ERROR), true, line);
	return 1;
}

/* The master chain in signal order, each insert with its key settings and gain
 * reduction, then the master fader; a warning when the fader pushes peaks over the
 * limiter's ceiling. Returns the first row after it. */
static int draw_chain(struct ui_app *app, const struct ui_mastering *m, int y)
{
	const struct project_strip *master = &app->st->project->master;
	const int lim = final_limiter(app->st->project);
	int x = ui_text(y, 1, COLS - 2, ui_theme_attr(UI_ROLE_HEADING), false, "Master chain");
	char hint[128] = "";
	ui_keys_hint(hint, sizeof hint, UI_SCOPE_MASTERING,
		(const char *const[]){ "master-up", "master-down", NULL }, "0.5 dB");
	ui_keys_hint(hint, sizeof hint, UI_SCOPE_MASTERING,
		(const char *const[]){ "master-up-coarse", "master-down-coarse", NULL }, "3 dB");
	ui_keys_hint(hint, sizeof hint, UI_SCOPE_MASTERING,
		(const char *const[]){ "master-reset", NULL }, "reset");
	ui_textf(y, 1 + x, COLS - 2 - x, ui_theme_attr(UI_ROLE_LABEL), false, "  %s %s",
		lim >= 0 ? "limiter input:" : "fader:", hint);
	y++;
	for (int i = 0; i < master->n_inserts; i++)
		draw_insert(app, y++, i);
	char gain[32];
	studio_edit_format(CONTROL_GAIN, studio_edit_get(app->st, CONTROL_GAIN, STRIP_MASTER), gain,
		sizeof gain);
	ui_textf(y, 1, 24, ui_theme_attr(lim >= 0 ? UI_ROLE_NORMAL : UI_ROLE_SELECTED), true,
		"%2d gain  %s%s dB", master->n_inserts + 1,
		gain[0] >= '0' && gain[0] <= '9' ? "+" : "", gain);
	ui_text(y, 27, COLS - 28, ui_theme_attr(UI_ROLE_LABEL), true, lim >= 0
		? "the master fader, after the chain (:gain master)"
		: "no limiter: the level keys move this fader (:insert master add limiter)");
	y++;
	return y + draw_fader_warning(app, m, y);
}

static void draw_meters(const struct ui_mastering *m, int y)
{
	const struct analysis_snapshot *s = &m->snap;
	const double target = target_lufs(m);
	const double ceiling = targets[m->target].ceiling_dbtp;
	const int heading = ui_theme_attr(UI_ROLE_HEADING);
	int x = ui_text(y, 1, COLS - 2, heading, false, "Loudness");
	char status[96];
	if (!m->analysis)
		snprintf(status, sizeof status, "  (not available)");
	else if (s->measured_sec <= 0.0)
		snprintf(status, sizeof status, "  (play to measure)");
	else
		snprintf(status, sizeof status, "  measured %.1f s%s", s->measured_sec,
			s->dropped_frames ? "; some audio was missed" : "");
	ui_text(y, 1 + x, COLS - 2 - x, ui_theme_attr(UI_ROLE_LABEL), false, status);

	meter_row(y + 1, "momentary", s->momentary_lufs, "LUFS", LOUD_FLOOR, LOUD_TOP, NAN,
		loud_role(s->momentary_lufs, target));
	meter_row(y + 2, "short-term", s->shortterm_lufs, "LUFS", LOUD_FLOOR, LOUD_TOP, NAN,
		loud_role(s->shortterm_lufs, target));
	meter_row(y + 3, "integrated", s->integrated_lufs, "LUFS", LOUD_FLOOR, LOUD_TOP, target,
		loud_role(s->integrated_lufs, target));
	meter_row(y + 4, "range (LRA)", s->lra_lu, "LU", 0.0, LRA_TOP, NAN, UI_ROLE_METER_LOW);
	const enum ui_role tp_role = !isfinite(s->true_peak_dbtp) ? UI_ROLE_METER_LOW
		: s->true_peak_dbtp > ceiling ? UI_ROLE_METER_HIGH
		: s->true_peak_dbtp > ceiling - 1.0 ? UI_ROLE_METER_MID : UI_ROLE_METER_LOW;
	meter_row(y + 5, "true peak", s->true_peak_dbtp, "dBTP", LOUD_FLOOR, PEAK_TOP, ceiling,
		tp_role);
	meter_row(y + 6, "sample peak", s->sample_peak_dbfs, "dBFS", LOUD_FLOOR, PEAK_TOP, NAN,
		s->sample_peak_dbfs > 0.0 ? UI_ROLE_METER_HIGH : UI_ROLE_METER_LOW);
	/* correlation: -1 out of phase (red: it cancels in mono), 0 unrelated, +1 mono */
	char buf[32];
	ui_text(y + 7, 1, LABEL_W, ui_theme_attr(UI_ROLE_LABEL), true, "correlation");
	if (isfinite(s->correlation))
		snprintf(buf, sizeof buf, "%+6.2f", s->correlation);
	else
		snprintf(buf, sizeof buf, "    --");
	ui_text(y + 7, 1 + LABEL_W + 1, VALUE_W, ui_theme_attr(UI_ROLE_STRONG), true, buf);
	const enum ui_role corr_role = !isfinite(s->correlation) ? UI_ROLE_METER_LOW
		: s->correlation < 0.0 ? UI_ROLE_METER_HIGH
		: s->correlation < 0.3 ? UI_ROLE_METER_MID : UI_ROLE_METER_LOW;
	draw_bar(y + 7, BAR_X, COLS - BAR_X - 1, s->correlation, -1.0, 1.0, 0.0, corr_role);
}

/* What a streaming service does with a master diff LU off its level (diff rounded as
 * shown): the gain it applies, in words. */
static enum ui_role streaming_verdict(const struct ui_mastering *m, double lufs, double diff,
	char *line, size_t size)
{
	const struct target *t = &targets[m->target];
	const char *name = t->name;
	const double target = target_lufs(m);
	const enum ui_role near = fabs(diff) <= TARGET_TOL_LU + 1e-9 ? UI_ROLE_METER_LOW
		: UI_ROLE_METER_MID;
	if (fabs(diff) < 0.05) {
		snprintf(line, size, "integrated %.1f LUFS: on %s %g: %s plays it as it is", lufs,
			t->owner, target, name);
		return UI_ROLE_METER_LOW;
	}
	if (diff > 0) {
		snprintf(line, size, "integrated %.1f LUFS: %s will turn this down by %.1f dB "
			"(to %g)", lufs, name, diff, target);
		return near;
	}
	if (t->kind == TARGET_TURNS_DOWN) {
		snprintf(line, size, "integrated %.1f LUFS: %s leaves it %.1f LU quiet (it never "
			"turns up)", lufs, name, -diff);
		return near;
	}
	/* turned up only while the true peak stays under the ceiling */
	const double tp = m->snap.true_peak_dbtp;
	const double room = isfinite(tp) ? round((t->ceiling_dbtp - tp) * 10.0) / 10.0 : -diff;
	if (room >= -diff - 1e-9) {
		snprintf(line, size, "integrated %.1f LUFS: %s will turn this up by %.1f dB (to %g)",
			lufs, name, -diff, target);
		return near;
	}
	const double up = room > 0 ? room : 0;
	snprintf(line, size, "integrated %.1f LUFS: %s turns it up only %.1f dB (peaks): "
		"%.1f LU quiet", lufs, name, up, -diff - up);
	return -diff - up <= TARGET_TOL_LU + 1e-9 ? UI_ROLE_METER_LOW : UI_ROLE_METER_MID;
}

/* The integrated loudness against the target, in words, with its verdict. song_sec:
 * the song's length, for how much programme is enough to judge. */
static enum ui_role integrated_verdict(const struct ui_mastering *m, double song_sec,
	char *line, size_t size)
{
	const struct target *t = &targets[m->target];
	const double target = target_lufs(m);
	const double lufs = m->snap.integrated_lufs;
	if (!isfinite(lufs)) {
		snprintf(line, size, "integrated: not measured yet (play at least 0.4 s above "
			"-70 LUFS)");
		return UI_ROLE_NORMAL;
	}
	const double need = fmin(JUDGE_AFTER_SEC, song_sec * 0.95);
	if (m->snap.measured_sec + 1e-9 < need) {
		snprintf(line, size, "integrated %.1f LUFS so far: judged after %.0f s of the song "
			"(%.0f s measured)", lufs, need, floor(m->snap.measured_sec));
		return UI_ROLE_NORMAL;
	}
	/* judge the figure as shown, so that "1.0 LU over" never fails */
	const double diff = round(lufs * 10.0) / 10.0 - target;
	if (t->kind != TARGET_SPEC)
		return streaming_verdict(m, lufs, diff, line, size);
	const bool pass = fabs(diff) <= TARGET_TOL_LU + 1e-9;
	char where[64];
	if (fabs(diff) < 0.05)
		snprintf(where, sizeof where, "on %s %g", t->owner, target);
	else
		snprintf(where, sizeof where, "%.1f LU %s %s %g", fabs(diff),
			diff < 0 ? "under" : "over", t->owner, target);
	if (pass)
		snprintf(line, size, "integrated %.1f LUFS: %s (OK within +-%g)", lufs, where,
			TARGET_TOL_LU);
	else
		snprintf(line, size, "integrated %.1f LUFS: %s: FAIL (allowed +-%g)", lufs, where,
			TARGET_TOL_LU);
	return pass ? UI_ROLE_METER_LOW : UI_ROLE_ERROR;
}

/* The true peak against the ceiling, in words, with its verdict. */
static enum ui_role peak_verdict(const struct ui_mastering *m, char *line, size_t size)
{
	const double ceiling = targets[m->target].ceiling_dbtp;
	const double tp = m->snap.true_peak_dbtp;
	if (!isfinite(tp)) {
		snprintf(line, size, "true peak: nothing measured yet");
		return UI_ROLE_NORMAL;
	}
	const double diff = round(tp * 10.0) / 10.0 - ceiling;
	if (diff > 1e-9) {
		snprintf(line, size, "true peak %.1f dBTP: %.1f dB over the %.1f ceiling: FAIL", tp,
			diff, ceiling);
		return UI_ROLE_ERROR;
	}
	if (diff > -0.05)
		snprintf(line, size, "true peak %.1f dBTP: at the %.1f ceiling: OK", tp, ceiling);
	else
		snprintf(line, size, "true peak %.1f dBTP: %.1f dB under the %.1f ceiling: OK", tp,
			-diff, ceiling);
	return UI_ROLE_METER_LOW;
}

/* The target and, in words, where the master stands against it. */
static void draw_verdict(const struct ui_mastering *m, double song_sec, int y)
{
	const struct target *t = &targets[m->target];
	int x = ui_textf(y, 1, COLS - 2, ui_theme_attr(UI_ROLE_HEADING), false, "Target");
	ui_textf(y, 1 + x, COLS - 2 - x, ui_theme_attr(UI_ROLE_STRONG), false,
		"  %s: %g LUFS integrated, true peak ceiling %.1f dBTP", t->name, target_lufs(m),
		t->ceiling_dbtp);
	char line[160];
	enum ui_role role = integrated_verdict(m, song_sec, line, sizeof line);
	ui_text(y + 1, 3, COLS - 4, ui_theme_attr(role), true, line);
	role = peak_verdict(m, line, sizeof line);
	ui_text(y + 2, 3, COLS - 4, ui_theme_attr(role), true, line);
}

/* The loudest reading of plot bucket b (readings b*per .. b*per+per-1) still held;
 * -INFINITY when it holds none. */
static double bucket_max(const struct analysis_snapshot *s, uint64_t b, int per)
{
	double v = -INFINITY;
	const uint64_t first = analysis_history_first(s);
	for (uint64_t i = b * (uint64_t)per; i < (b + 1) * (uint64_t)per; i++) {
		if (i >= first && i < s->history_total)
			v = fmax(v, analysis_history_at(s, i));
	}
	return v;
}

/* The short-term loudness history as a strip chart: newest at the right, a column per
 * bucket of readings (its loudest), bars from the bottom, rows scaled in LU around
 * the target, whose line runs across. Buckets are counted from the reset, so a
 * column keeps its place until it scrolls. */
static void draw_history(const struct ui_mastering *m, int y, int height)
{
	const struct analysis_snapshot *s = &m->snap;
	const double target = target_lufs(m);
	const double top = target + PLOT_ABOVE_LU, bottom = target - PLOT_BELOW_LU;
	const int per = plot_readings_per_col[m->zoom];
	const int x0 = 1 + PLOT_LABEL_W;
	const int width = COLS - x0 - 1;
	const double col_sec = per / (double)ANALYSIS_HISTORY_HZ;
	ui_textf(y, 1, COLS - 2, ui_theme_attr(UI_ROLE_HEADING), false,
		"Short-term loudness, LU from the target");
	const int used = (int)strlen("Short-term loudness, LU from the target") + 1;
	ui_textf(y, 1 + used, COLS - 2 - used, ui_theme_attr(UI_ROLE_LABEL), false,
		"  last %.0f s, %g s a column (z Z)", width * col_sec, col_sec);
	y++;
	height--;
	if (height < 2 || width < 8)
		return;

	const int label = ui_theme_attr(UI_ROLE_LABEL);
	const double lu_per_row = (top - bottom) / height;
	/* the row whose band holds the target: from the bottom, row r covers
	 * [bottom + r * lu_per_row, bottom + (r + 1) * lu_per_row) */
	const int target_from_bottom = (int)floor((target - bottom) / lu_per_row);
	const int target_row = height - 1 - target_from_bottom;

	/* labels: the target in LUFS, the rest in LU from it, every 6 LU where they fit */
	for (int lu = -(int)PLOT_BELOW_LU; lu <= (int)PLOT_ABOVE_LU; lu += 6) {
		int row = height - 1 - (int)floor((target + lu - bottom) / lu_per_row);
		row = row < 0 ? 0 : row; /* the top edge belongs to the top row */
		if (row >= height || (lu != 0 && row == target_row))
			continue;
		if (lu == 0)
			ui_textf(y + row, 1, PLOT_LABEL_W, ui_theme_attr(UI_ROLE_STRONG), true,
				"%5g LUFS", target);
		else
			ui_textf(y + row, 1, PLOT_LABEL_W, label, true, "%+5d LU", lu);
	}

	const uint64_t newest = s->history_total > 0 ? (s->history_total - 1) / per : 0;
	const char *line_glyph = ui_draw_utf8() ? "\u2500" : "-";
	for (int c = 0; c < width; c++) {
		const int back = width - 1 - c;   /* buckets before the newest */
		double v = -INFINITY;
		if (s->history_total > 0 && (uint64_t)back <= newest)
			v = bucket_max(s, newest - (uint64_t)back, per);
		int level = 0;
		if (isfinite(v))
			level = (int)lround((v - bottom) / (top - bottom) * height * 8);
		level = level < 0 ? 0 : level > height * 8 ? height * 8 : level;
		for (int r = 0; r < height; r++) {
			const int from_bottom = height - 1 - r;
			int e = level - from_bottom * 8;
			e = e < 0 ? 0 : e > 8 ? 8 : e;
			if (e == 0 && r == target_row) {
				ui_text(y + r, x0 + c, 1, ui_theme_attr(UI_ROLE_HOLD), false, line_glyph);
				continue;
			}
			/* the part of a bar above the target is loud: red (bold in monochrome) */
			const enum ui_role role = from_bottom > target_from_bottom
				? UI_ROLE_METER_HIGH : UI_ROLE_METER_LOW;
			ui_text(y + r, x0 + c, 1, ui_theme_attr(role), false, eighth_v(e));
		}
	}
}

/* The 1/3-octave spectrum as bars, 20 Hz at the left to 20 kHz at the right, each
 * band as wide as the columns allow (the last columns stay empty), scaled from
 * SPEC_FLOOR_DB at the bottom to 0 dB at the top. */
#define SPEC_FLOOR_DB (-72.0)
static void draw_spectrum(const struct ui_mastering *m, int y, int height)
{
	const float *db = m->snap.spectrum_db;
	ui_textf(y, 1, COLS - 2, ui_theme_attr(UI_ROLE_HEADING), false, "Spectrum");
	const int used = (int)strlen("Spectrum") + 1;
	ui_textf(y, 1 + used, COLS - 2 - used, ui_theme_attr(UI_ROLE_LABEL), false,
		"  1/3 octave, 20 Hz to 20 kHz, 0 to %g dB (v: loudness history)", SPEC_FLOOR_DB);
	y++;
	height--;
	const int x0 = 1 + PLOT_LABEL_W;
	const int width = COLS - x0 - 1;
	const int per = width / SPECTRUM_BANDS;
	if (height < 2 || per < 1)
		return;
	const int label = ui_theme_attr(UI_ROLE_LABEL);
	ui_text(y, 1, PLOT_LABEL_W, label, true, "    0 dB");
	ui_textf(y + height - 1, 1, PLOT_LABEL_W, label, true, "%5g dB", SPEC_FLOOR_DB);
	for (int b = 0; b < SPECTRUM_BANDS; b++) {
		int level = 0;
		if (isfinite(db[b]))
			level = (int)lround((db[b] - SPEC_FLOOR_DB) / -SPEC_FLOOR_DB * height * 8);
		level = level < 0 ? 0 : level > height * 8 ? height * 8 : level;
		for (int r = 0; r < height; r++) {
			const int from_bottom = height - 1 - r;
			int e = level - from_bottom * 8;
			e = e < 0 ? 0 : e > 8 ? 8 : e;
			for (int c = 0; c < per; c++)
				ui_text(y + r, x0 + b * per + c, 1, ui_theme_attr(UI_ROLE_METER_LOW),
					false, c == per - 1 && per > 1 ? " " : eighth_v(e));
		}
	}
	/* band labels under... over the bars' top row where room: 100 Hz, 1k, 10k */
	static const struct { int band; const char *text; } marks[] = {
		{ 7, "100" }, { 17, "1k" }, { 27, "10k" } };
	for (size_t i = 0; i < sizeof marks / sizeof marks[0]; i++)
		ui_text(y, x0 + marks[i].band * per, (int)strlen(marks[i].text), label, false,
			marks[i].text);
}

/* The line of key hints, with the keys as bound ("m d f p monitor"). */
static void key_hints(char *buf, size_t size)
{
	static const struct {
		const char *cmds[5], *label;
	} hints[] = {
		{ { "target" }, "target" },
		{ { "loudness-reset" }, "again" },
		{ { "plot-zoom-out", "plot-zoom-in" }, "zoom" },
		{ { "plot-view" }, "plot" },
		{ { "monitor-mode", "monitor-dim", "monitor-crossfeed", "monitor-speaker" },
		  "monitor" },
		{ { "monitor-ab" }, "A/B" },
		{ { "monitor-reference" }, "reference" },
	};
	buf[0] = '\0';
	for (size_t i = 0; i < sizeof hints / sizeof hints[0]; i++)
		ui_keys_hint(buf, size, UI_SCOPE_MASTERING, hints[i].cmds, hints[i].label);
}

/* Below the chain: the meters, the verdict and the plot, or the match view. */
static void draw_body(struct ui_app *app, struct ui_mastering *m, int meters_y, int hints_y)
{
	if (m->show_match) {
		if (meters_y + 7 <= hints_y)
			ui_mastering_draw_match(app, meters_y, hints_y - meters_y);
		else
			ui_text(meters_y, 1, COLS - 2, ui_theme_attr(UI_ROLE_LABEL), true,
				"the match's curves need more rows");
		return;
	}
	if (meters_y + 8 <= hints_y)
		draw_meters(m, meters_y);
	if (meters_y + 11 <= hints_y)
		draw_verdict(m, (double)app->st->end_frame / (app->st->project->sample_rate > 0
			? app->st->project->sample_rate : 48000), meters_y + 8);
	const int plot_y = meters_y + 11;
	if (plot_y + 3 <= hints_y && m->show_spectrum)
		draw_spectrum(m, plot_y, hints_y - plot_y);
	else if (plot_y + 3 <= hints_y)
		draw_history(m, plot_y, hints_y - plot_y);
}

void ui_mastering_draw(struct ui_app *app)
{
	struct ui_mastering *m = state(app);
	draw_title(app);
	/* a long chain takes rows from the plot first, then from what is below it */
	const int hints_y = LINES - UI_STATUS_LINES - 1;
	draw_body(app, m, draw_chain(app, m, 1), hints_y);
	char hints[256];
	key_hints(hints, sizeof hints);
	ui_text(hints_y, 1, COLS - 2, ui_theme_attr(UI_ROLE_LABEL), false, hints);
}

bool ui_mastering_key(struct ui_app *app, int key)
{
	return ui_keys_dispatch(app, UI_SCOPE_MASTERING, key);
}
