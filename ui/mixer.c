/* The mixer page: one strip per track, then one per bus, then the master strip, always
 * at the right. A strip, top to bottom: name, peak hold (or CLIP), L/R meters with the
 * inserts' gain reduction in a bar beside them, inserts, sends, output, fader in dB,
 * pan, mute/solo/solo-safe flags. More strips than fit scroll sideways with the
 * selection; Enter opens the selected strip's detail page (ui/strip_page.c). */
#include <curses.h>
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "audio/graph.h"
#include "ui/app.h"
#include "ui/bind.h"
#include "src/studio/automation.h"
#include "ui/draw.h"
#include "src/studio/edit.h"
#include "src/studio/record.h"
#include "ui/keys.h"
#include "src/studio/strip.h"
#include "ui/strip_page.h"
#include "ui/theme.h"

#define SCALE_W 4        /* the dB scale at the left */
#define STRIP_W 8        /* a strip's own columns (names show 8 characters) */
#define STRIP_STEP 9     /* STRIP_W plus a blank column between strips */
#define COMPACT_W 6      /* narrower strips than this say each value in 3 characters */
#define METER_W 2        /* columns per channel: one is too thin to read at a glance */
#define TOP_ROWS 3       /* title, names, peak-hold row */
#define BOTTOM_ROWS 6    /* inserts, sends, output, fader, pan, flags */
#define GR_RANGE_DB 20.0 /* the gain-reduction bar's full length */

struct layout {
	int meter_top, meter_h;
	int ins_y, snd_y, out_y, fader_y, pan_y, flags_y;
	int master_x, sep_x;
	int visible;         /* track strips that fit */
	int step, w;         /* columns from strip to strip; a track strip's own columns */
};

/* Normal strips are STRIP_W wide; narrow ones (n, `set strip-width`) take the width
 * from the option, their blank column included, so that 16 fit at 80 columns. The
 * master keeps its normal width: it is the one strip always in view. */
static struct layout lay_out(const struct ui_app *app)
{
	struct layout l;
	l.step = app->mixer.narrow ? (int)ui_bindings_active()->opt.strip_width : STRIP_STEP;
	l.w = l.step - 1;
	l.meter_top = TOP_ROWS;
	l.ins_y = LINES - UI_STATUS_LINES - BOTTOM_ROWS;
	l.snd_y = l.ins_y + 1;
	l.out_y = l.ins_y + 2;
	l.fader_y = l.ins_y + 3;
	l.pan_y = l.fader_y + 1;
	l.flags_y = l.fader_y + 2;
	l.meter_h = l.ins_y - l.meter_top;
	l.master_x = COLS - STRIP_W - 1;
	l.sep_x = l.master_x - 1;
	l.visible = (l.sep_x - SCALE_W) / l.step;
	if (l.visible < 1)
		l.visible = 1;
	return l;
}

/* Scroll so that the selected strip is on screen (the master always is). */
static void follow_selection(struct ui_app *app, int visible)
{
	const int n = studio_strip_count(app->st);
	if (app->sel.strip < n) {
		if (app->sel.strip < app->mixer.first_strip)
			app->mixer.first_strip = app->sel.strip;
		if (app->sel.strip >= app->mixer.first_strip + visible)
			app->mixer.first_strip = app->sel.strip - visible + 1;
	}
	int max_first = n > visible ? n - visible : 0;
	if (app->mixer.first_strip > max_first)
		app->mixer.first_strip = max_first;
	if (app->mixer.first_strip < 0)
		app->mixer.first_strip = 0;
}

static void draw_title(struct ui_app *app, const struct layout *l)
{
	const int attr = ui_theme_attr(UI_ROLE_TITLE);
	const int n = studio_strip_count(app->st);
	/* strip names are cut to 8 columns; the title spells out the selected one */
	const int strip = studio_strip_of(app->st, app->sel.strip);
	char number[16] = "";
	if (studio_strip_is_bus(app->st, strip))
		snprintf(number, sizeof number, "bus ");
	else if (strip != STRIP_MASTER)
		snprintf(number, sizeof number, "%d ", strip + 1);
	char picks[32] = "";
	if (studio_sel_picks(app->st, &app->sel) > 0)
		snprintf(picks, sizeof picks, "  (%d picked)", app->sel.n_picked);
	int used = ui_textf(0, 0, COLS, attr, false, " ttymix  %s%s  %s %s%s%s",
		app->st->project->name, app->st->throwaway ? " (quick audition)" : "", ui_glyph_vbar(),
		number, studio_strip_name(app->st, strip), picks);
	ui_text(0, used, COLS - used, attr, true, "");

	/* the right end, longest first: drop what does not fit next to the names */
	char range[48] = "";
	if (n > l->visible)
		snprintf(range, sizeof range, "strips %d-%d of %d   ", app->mixer.first_strip + 1,
			app->mixer.first_strip + l->visible, n);
	char page[64], right[160];
	ui_keys_title_right(page, sizeof page, UI_SCOPE_MIXER, "MIXER", NULL);
	snprintf(right, sizeof right, "%s%s", range, page);
	if ((int)strlen(right) + 1 > COLS - used)
		snprintf(right, sizeof right, "%s", page);
	const int w = (int)strlen(right); /* ASCII: bytes are columns */
	if (w + 1 <= COLS - used)
		ui_text(0, COLS - w, w, attr, false, right);
}

/* The strip's insert chain in a few columns: each effect's first three letters, a
 * bypassed one marked with '~', "-" for none (the chain is in the project). A narrow
 * strip says how many: "2fx". */
static void draw_inserts(struct ui_app *app, const struct layout *l, int x, int w, int strip)
{
	struct project_strip *r = project_strip_at(app->st->project, strip);
	char buf[64] = "   -";
	size_t len = 0;
	if (w < COMPACT_W && r->n_inserts > 0)
		snprintf(buf, sizeof buf, "%dfx", r->n_inserts);
	else if (w < COMPACT_W)
		snprintf(buf, sizeof buf, "-");
	else
		for (int i = 0; i < r->n_inserts && len + 6 < sizeof buf; i++)
			len += (size_t)snprintf(buf + len, sizeof buf - len, "%s%s%.3s",
				i ? " " : "", r->inserts[i].bypass ? "~" : "", r->inserts[i].cls->name);
	ui_text(l->ins_y, x, w, ui_theme_attr(UI_ROLE_NORMAL), true, buf);
}

/* Sends: the first audible one as "name-12" (its level), "+N" when there are more;
 * "-" for none; a narrow strip says how many are audible ("2s"). Output: the bus it
 * plays into, or "master". */
static void draw_routing(struct ui_app *app, const struct layout *l, int x, int w, int strip)
{
	struct project_strip *r = project_strip_at(app->st->project, strip);
	const int normal = ui_theme_attr(UI_ROLE_NORMAL);
	if (strip == STRIP_MASTER) {
		ui_text(l->snd_y, x, w, normal, true, "");
		ui_text(l->out_y, x, w, normal, true, "  out");
		return;
	}
	char buf[64] = "   -";
	int audible = 0, first = -1;
	for (int i = 0; i < r->n_sends; i++)
		if (r->sends[i].level_db > PROJECT_MIN_GAIN_DB && audible++ == 0)
			first = i;
	if (w < COMPACT_W) {
		if (audible > 0)
			snprintf(buf, sizeof buf, "%ds", audible);
		else
			snprintf(buf, sizeof buf, "%s", r->n_sends > 0 ? "off" : "-");
	} else if (first >= 0) {
		const struct project_send *s = &r->sends[first];
		char level[16], more[16] = "";
		snprintf(level, sizeof level, "%+.0f", s->level_db);
		if (audible > 1)
			snprintf(more, sizeof more, "+%d", audible - 1);
		/* the name gives way to the level: the level is what changes */
		int room = w - (int)strlen(level) - (int)strlen(more);
		snprintf(buf, sizeof buf, "%.*s%s%s", room > 1 ? room : 1, s->bus, level, more);
	} else if (r->n_sends > 0) {
		snprintf(buf, sizeof buf, "  %d off", r->n_sends);
	}
	ui_text(l->snd_y, x, w, normal, true, buf);
	ui_textf(l->out_y, x, w, normal, true, ">%s", r->output ? r->output : "master");
}

/* The deepest gain reduction of the strip's inserts now (dB >= 0), read from the live
 * graph (fx.h: any thread may). */
static double gain_reduction(const struct ui_app *app, int strip)
{
	if (!app->st->graph)
		return 0.0;
	const struct fx_chain *chain = strip == STRIP_MASTER ? &app->st->graph->master_inserts
		: NULL;
	struct graph_mix *m = graph_strip_mix(app->st->graph, strip);
	if (m)
		chain = &m->inserts;
	double gr = 0.0;
	for (int i = 0; chain && i < chain->n; i++) {
		double g = fx_insert_gain_reduction_db(chain->slot[i]);
		gr = g > gr ? g : gr;
	}
	return gr;
}

/* A bar hanging from the top of the meters, as long as the gain reduction (full length
 * GR_RANGE_DB), as consoles draw it: in characters as well as in colour, so it reads
 * in monochrome. */
static void draw_gr(const struct layout *l, int x, double gr)
{
	int rows = (int)(gr / GR_RANGE_DB * l->meter_h + 0.5);
	if (rows > l->meter_h)
		rows = l->meter_h;
	const int attr = ui_theme_attr(UI_ROLE_METER_MID);
	const char *bar = ui_draw_utf8() ? "\u2593" : "#";
	for (int y = 0; y < l->meter_h; y++)
		ui_text(l->meter_top + y, x, 1, y < rows ? attr : ui_theme_attr(UI_ROLE_NORMAL),
			false, y < rows ? bar : " ");
}

/* A value in three characters for a narrow strip: dB as a whole number ("-12", "+3",
 * "-oo"); a pan as "C", "L30", or the side alone when it is all the way over. */
static void compact_value(enum control_id id, double v, char *buf, size_t size)
{
	if (id == CONTROL_PAN) {
		const long pct = lround(fabs(v) * 100.0);
		const char side = v < 0 ? 'L' : 'R';
		if (pct == 0)
			snprintf(buf, size, "C");
		else if (pct >= 100)
			snprintf(buf, size, "%c", side);
		else
			snprintf(buf, size, "%c%ld", side, pct);
	} else if (v <= PROJECT_MIN_GAIN_DB) {
		snprintf(buf, size, "%s", ui_draw_utf8() ? "-\u221e" : "-oo");
	} else {
		snprintf(buf, size, "%+.0f", v);
	}
}

static void draw_peak_hold(const struct studio_meter *m, int x, int w)
{
	const int label = ui_theme_attr(UI_ROLE_LABEL);
	if (m->clip) {
		ui_text(2, x, w, ui_theme_attr(UI_ROLE_CLIP), true, w < COMPACT_W ? "CLP" : "  CLIP");
		return;
	}
	double hold = m->hold_db[0] > m->hold_db[1] ? m->hold_db[0] : m->hold_db[1];
	/* below the meter's floor there is no reading: "--", as page 3 says it */
	if (hold <= STUDIO_METER_FLOOR_DB)
		ui_text(2, x, w, label, true, w < COMPACT_W ? "--" : "    --");
	else if (w < COMPACT_W)
		ui_textf(2, x, w, label, true, "%.0f", hold);
	else
		ui_textf(2, x, w, label, true, "%6.1f", hold);
}

/* Fader, pan and flags: a narrow strip says the values in three characters and the
 * flags as single letters (M, S, f: solo-safe). */
static void draw_controls(struct ui_app *app, const struct layout *l, int x, int w, int strip,
	bool selected)
{
	const bool compact = w < COMPACT_W;
	char buf[32];
	/* a value its lane sets is marked 'a' (automation) */
	double gain = studio_auto_current(app->st, CONTROL_GAIN, strip, 0, 0);
	const bool gain_auto = gain != studio_edit_get(app->st, CONTROL_GAIN, strip);
	const int strong = ui_theme_attr(UI_ROLE_STRONG);
	const int fader_attr = selected ? ui_theme_attr(UI_ROLE_SELECTED) : strong;
	if (compact) {
		compact_value(CONTROL_GAIN, gain, buf, sizeof buf);
		ui_text(l->fader_y, x, w, fader_attr | (gain_auto ? (int)A_UNDERLINE : 0), true, buf);
	} else {
		studio_edit_format(CONTROL_GAIN, gain, buf, sizeof buf);
		ui_textf(l->fader_y, x, w, fader_attr, true, "%6s%s", buf, gain_auto ? "a" : "");
	}
	if (strip == STRIP_MASTER)
		return; /* the master has a fader only */
	double pan = studio_auto_current(app->st, CONTROL_PAN, strip, 0, 0);
	const bool pan_auto = pan != studio_edit_get(app->st, CONTROL_PAN, strip);
	const int normal = ui_theme_attr(UI_ROLE_NORMAL);
	if (compact) {
		compact_value(CONTROL_PAN, pan, buf, sizeof buf);
		ui_text(l->pan_y, x, w, normal | (pan_auto ? (int)A_UNDERLINE : 0), true, buf);
	} else {
		studio_edit_format(CONTROL_PAN, pan, buf, sizeof buf);
		ui_textf(l->pan_y, x, w, normal, true, "%5s%s", buf, pan_auto ? " a" : "");
	}
	const int step = compact ? 1 : 3;
	if (studio_edit_get(app->st, CONTROL_MUTE, strip) != 0)
		ui_text(l->flags_y, x, step, ui_theme_attr(UI_ROLE_MUTE), false, compact ? "M" : " M ");
	if (studio_edit_get(app->st, CONTROL_SOLO, strip) != 0)
		ui_text(l->flags_y, x + step, step, ui_theme_attr(UI_ROLE_SOLO), false,
			compact ? "S" : " S ");
	if (studio_edit_get(app->st, CONTROL_SOLO_SAFE, strip) != 0 && 2 * step + 1 <= w)
		ui_text(l->flags_y, x + 2 * step, compact ? 1 : 2, ui_theme_attr(UI_ROLE_LABEL), false,
			compact ? "f" : "sf");
}

/* Where a click finds the strip (ui/hit.h): all of it, its meters and fader value (a
 * drag there moves the fader), its pan. */
static void add_hits(struct ui_app *app, const struct layout *l, int x, int w, int position,
	int strip)
{
	ui_hit_add(&app->hit, &(struct ui_hit){ .y = 1, .x = x, .h = l->flags_y, .w = w,
		.kind = UI_HIT_STRIP, .a = position });
	ui_hit_add(&app->hit, &(struct ui_hit){ .y = l->meter_top, .x = x, .h = l->meter_h,
		.w = w, .kind = UI_HIT_FADER, .a = position });
	ui_hit_add(&app->hit, &(struct ui_hit){ .y = l->fader_y, .x = x, .h = 1, .w = w,
		.kind = UI_HIT_FADER, .a = position });
	if (strip != STRIP_MASTER) /* the master has no pan */
		ui_hit_add(&app->hit, &(struct ui_hit){ .y = l->pan_y, .x = x, .h = 1, .w = w,
			.kind = UI_HIT_PAN, .a = position });
}

/* One strip in w columns (a track's narrow or normal width; the master's STRIP_W). */
static void draw_strip(struct ui_app *app, const struct layout *l, int x, int w, int position)
{
	const int strip = studio_strip_of(app->st, position);
	const bool selected = position == app->sel.strip;
	const int sel = ui_theme_attr(UI_ROLE_SELECTED);
	const int strong = ui_theme_attr(UI_ROLE_STRONG);
	const struct studio_meter *m = studio_snapshot_meter(&app->st->snap, strip);

	/* a picked strip (v) is marked with a '*' before its name, colour or not */
	const bool picked = studio_sel_picked(&app->sel, position);
	const int name_attr = (selected ? sel : studio_strip_is_bus(app->st, strip)
		? ui_theme_attr(UI_ROLE_LABEL) | (int)A_BOLD : strong)
		| (picked ? (int)A_UNDERLINE : 0);
	ui_textf(1, x, w, name_attr, true, "%s%s", picked ? "*" : "",
		studio_strip_name(app->st, strip));
	/* an armed track (:arm, r) meters what comes in, its reading too (the level to
	 * set a preamp by), and says REC on its flags row */
	float in_peak = 0;
	const bool armed = strip >= 0 && studio_record_armed(app->st, strip, &in_peak);
	const double in_db = in_peak > 1e-10f ? 20.0 * log10(in_peak) : -200.0;
	if (armed)
		draw_peak_hold(&(struct studio_meter){ .hold_db = { in_db, in_db } }, x, w);
	else
		draw_peak_hold(m, x, w);

	/* two columns per meter when there is room: one is thin to read at a glance */
	const int meter_w = w >= 7 ? METER_W : 1, gap = w >= 7 ? 2 : w >= 5 ? 1 : 0;
	const int left_x = x + (w - 2 * meter_w - gap) / 2;
	for (int c = 0; c < 2; c++)
		ui_meter_column(l->meter_top, left_x + c * (meter_w + gap), l->meter_h, meter_w,
			armed ? in_db : m->peak_db[c], armed ? in_db : m->rms_db[c],
			armed ? in_db : m->hold_db[c]);

	draw_gr(l, x + w - 1, gain_reduction(app, strip));
	draw_inserts(app, l, x, w, strip);
	draw_routing(app, l, x, w, strip);
	draw_controls(app, l, x, w, strip, selected);
	if (armed)
		ui_text(l->flags_y, x + w - (w < COMPACT_W ? 1 : 3), w < COMPACT_W ? 1 : 3,
			ui_theme_attr(UI_ROLE_MUTE) | (int)A_BOLD, false, w < COMPACT_W ? "R" : "REC");
	add_hits(app, l, x, w, position, strip);
}

void ui_mixer_draw(struct ui_app *app)
{
	if (app->mixer.detail) {
		ui_strip_page_draw(app);
		return;
	}
	const struct layout l = lay_out(app);
	follow_selection(app, l.visible);
	draw_title(app, &l);

	const int label = ui_theme_attr(UI_ROLE_LABEL);
	ui_meter_scale(l.meter_top, 0, l.meter_h, SCALE_W);
	ui_text(l.ins_y, 0, SCALE_W, label, true, "ins");
	ui_text(l.snd_y, 0, SCALE_W, label, true, "snd");
	ui_text(l.out_y, 0, SCALE_W, label, true, "out");
	ui_text(l.fader_y, 0, SCALE_W, label, true, " dB");
	ui_text(l.pan_y, 0, SCALE_W, label, true, "pan");
	if (app->mixer.first_strip > 0)
		ui_text(1, 0, 1, ui_theme_attr(UI_ROLE_STRONG), false, "<");

	const int n = studio_strip_count(app->st);
	int x = SCALE_W;
	for (int i = app->mixer.first_strip; i < n && i < app->mixer.first_strip + l.visible; i++) {
		draw_strip(app, &l, x, l.w, i);
		x += l.step;
	}
	if (app->mixer.first_strip + l.visible < n)
		ui_text(1, l.sep_x - 1, 1, ui_theme_attr(UI_ROLE_STRONG), false, ">");
	if (n == 0)
		ui_text(l.meter_top, SCALE_W, l.sep_x - SCALE_W, label, false,
			"no tracks in this project yet");

	for (int y = 1; y < LINES - UI_STATUS_LINES; y++)
		ui_text(y, l.sep_x, 1, label, false, ui_glyph_vbar());
	draw_strip(app, &l, l.master_x, STRIP_W, n);
}

bool ui_mixer_key(struct ui_app *app, int key)
{
	if (app->mixer.detail)
		return ui_strip_page_key(app, key);
	return ui_keys_dispatch(app, UI_SCOPE_MIXER, key);
}
