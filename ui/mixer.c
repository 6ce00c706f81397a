/* The mixer page: one strip per track, then one per bus, then the master strip, always
 * at the right. A strip, top to bottom: name, peak hold (or CLIP), L/R meters with the
 * inserts' gain reduction in a bar beside them, inserts, sends, output, fader in dB,
 * pan, mute/solo/solo-safe flags. More strips than fit scroll sideways with the
 * selection; Enter opens the selected strip's detail page (ui/strip_page.c). */
#include <curses.h>
#include <stdio.h>
#include <string.h>

#include "audio/graph.h"
#include "ui/app.h"
#include "src/studio/automation.h"
#include "ui/draw.h"
#include "src/studio/edit.h"
#include "ui/keys.h"
#include "src/studio/strip.h"
#include "ui/strip_page.h"
#include "ui/theme.h"

#define SCALE_W 4        /* the dB scale at the left */
#define STRIP_W 8        /* a strip's own columns (names show 8 characters) */
#define STRIP_STEP 9     /* STRIP_W plus a blank column between strips */
#define METER_W 2        /* columns per channel: one is too thin to read at a glance */
#define TOP_ROWS 3       /* title, names, peak-hold row */
#define BOTTOM_ROWS 6    /* inserts, sends, output, fader, pan, flags */
#define GR_RANGE_DB 20.0 /* the gain-reduction bar's full length */

struct layout {
	int meter_top, meter_h;
	int ins_y, snd_y, out_y, fader_y, pan_y, flags_y;
	int master_x, sep_x;
	int visible;         /* track strips that fit */
};

static struct layout lay_out(void)
{
	struct layout l;
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
	l.visible = (l.sep_x - SCALE_W) / STRIP_STEP;
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
 * bypassed one marked with '~', "-" for none (the chain is in the project). */
static void draw_inserts(struct ui_app *app, const struct layout *l, int x, int strip)
{
	struct project_strip *r = project_strip_at(app->st->project, strip);
	char buf[64] = "   -";
	size_t len = 0;
	for (int i = 0; i < r->n_inserts && len + 6 < sizeof buf; i++)
		len += (size_t)snprintf(buf + len, sizeof buf - len, "%s%s%.3s", i ? " " : "",
			r->inserts[i].bypass ? "~" : "", r->inserts[i].cls->name);
	ui_text(l->ins_y, x, STRIP_W, ui_theme_attr(UI_ROLE_NORMAL), true, buf);
}

/* Sends: the first audible one as "name-12" (its level), "+N" when there are more;
 * "-" for none. Output: the bus it plays into, or "master". */
static void draw_routing(struct ui_app *app, const struct layout *l, int x, int strip)
{
	struct project_strip *r = project_strip_at(app->st->project, strip);
	const int normal = ui_theme_attr(UI_ROLE_NORMAL);
	if (strip == STRIP_MASTER) {
		ui_text(l->snd_y, x, STRIP_W, normal, true, "");
		ui_text(l->out_y, x, STRIP_W, normal, true, "  out");
		return;
	}
	char buf[64] = "   -";
	int audible = 0, first = -1;
	for (int i = 0; i < r->n_sends; i++)
		if (r->sends[i].level_db > PROJECT_MIN_GAIN_DB && audible++ == 0)
			first = i;
	if (first >= 0) {
		const struct project_send *s = &r->sends[first];
		char level[16], more[16] = "";
		snprintf(level, sizeof level, "%+.0f", s->level_db);
		if (audible > 1)
			snprintf(more, sizeof more, "+%d", audible - 1);
		/* the name gives way to the level: the level is what changes */
		int room = STRIP_W - (int)strlen(level) - (int)strlen(more);
		snprintf(buf, sizeof buf, "%.*s%s%s", room > 1 ? room : 1, s->bus, level, more);
	} else if (r->n_sends > 0) {
		snprintf(buf, sizeof buf, "  %d off", r->n_sends);
	}
	ui_text(l->snd_y, x, STRIP_W, normal, true, buf);
	ui_textf(l->out_y, x, STRIP_W, normal, true, ">%s", r->output ? r->output : "master");
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

static void draw_strip(struct ui_app *app, const struct layout *l, int x, int position)
{
	const int strip = studio_strip_of(app->st, position);
	const bool selected = position == app->sel.strip;
	const int sel = ui_theme_attr(UI_ROLE_SELECTED);
	const int strong = ui_theme_attr(UI_ROLE_STRONG);
	const struct studio_meter *m = studio_snapshot_meter(&app->st->snap, strip);
	char buf[32];

	/* a picked strip (v) is marked with a '*' before its name, colour or not */
	const bool picked = studio_sel_picked(&app->sel, position);
	const int name_attr = (selected ? sel : studio_strip_is_bus(app->st, strip)
		? ui_theme_attr(UI_ROLE_LABEL) | (int)A_BOLD : strong)
		| (picked ? (int)A_UNDERLINE : 0);
	ui_textf(1, x, STRIP_W, name_attr, true, "%s%s", picked ? "*" : "",
		studio_strip_name(app->st, strip));

	if (m->clip) {
		ui_text(2, x, STRIP_W, ui_theme_attr(UI_ROLE_CLIP), true, "  CLIP");
	} else {
		double hold = m->hold_db[0] > m->hold_db[1] ? m->hold_db[0] : m->hold_db[1];
		/* below the meter's floor there is no reading: "--", as page 3 says it */
		if (hold > STUDIO_METER_FLOOR_DB)
			ui_textf(2, x, STRIP_W, ui_theme_attr(UI_ROLE_LABEL), true, "%6.1f", hold);
		else
			ui_text(2, x, STRIP_W, ui_theme_attr(UI_ROLE_LABEL), true, "    --");
	}

	const int left_x = x + (STRIP_W - 2 * METER_W - 2) / 2;
	for (int c = 0; c < 2; c++)
		ui_meter_column(l->meter_top, left_x + c * (METER_W + 2), l->meter_h, METER_W,
			m->peak_db[c], m->rms_db[c], m->hold_db[c]);

	draw_gr(l, x + STRIP_W - 1, gain_reduction(app, strip));
	draw_inserts(app, l, x, strip);
	draw_routing(app, l, x, strip);
	/* a value its lane sets is marked 'a' (automation) */
	double gain = studio_auto_current(app->st, CONTROL_GAIN, strip, 0, 0);
	studio_edit_format(CONTROL_GAIN, gain, buf, sizeof buf);
	ui_textf(l->fader_y, x, STRIP_W, selected ? sel : strong, true, "%6s%s", buf,
		gain != studio_edit_get(app->st, CONTROL_GAIN, strip) ? "a" : "");
	if (strip == STRIP_MASTER)
		return; /* the master has a fader only */
	double pan = studio_auto_current(app->st, CONTROL_PAN, strip, 0, 0);
	studio_edit_format(CONTROL_PAN, pan, buf, sizeof buf);
	ui_textf(l->pan_y, x, STRIP_W, ui_theme_attr(UI_ROLE_NORMAL), true, "%5s%s", buf,
		pan != studio_edit_get(app->st, CONTROL_PAN, strip) ? " a" : "");
	if (studio_edit_get(app->st, CONTROL_MUTE, strip) != 0)
		ui_text(l->flags_y, x, 3, ui_theme_attr(UI_ROLE_MUTE), false, " M ");
	if (studio_edit_get(app->st, CONTROL_SOLO, strip) != 0)
		ui_text(l->flags_y, x + 3, 3, ui_theme_attr(UI_ROLE_SOLO), false, " S ");
	if (studio_edit_get(app->st, CONTROL_SOLO_SAFE, strip) != 0)
		ui_text(l->flags_y, x + 6, 2, ui_theme_attr(UI_ROLE_LABEL), false, "sf");
}

void ui_mixer_draw(struct ui_app *app)
{
	if (app->mixer.detail) {
		ui_strip_page_draw(app);
		return;
	}
	const struct layout l = lay_out();
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
		draw_strip(app, &l, x, i);
		x += STRIP_STEP;
	}
	if (app->mixer.first_strip + l.visible < n)
		ui_text(1, l.sep_x - 1, 1, ui_theme_attr(UI_ROLE_STRONG), false, ">");
	if (n == 0)
		ui_text(l.meter_top, SCALE_W, l.sep_x - SCALE_W, label, false,
			"no tracks in this project yet");

	for (int y = 1; y < LINES - UI_STATUS_LINES; y++)
		ui_text(y, l.sep_x, 1, label, false, ui_glyph_vbar());
	draw_strip(app, &l, l.master_x, n);
}

bool ui_mixer_key(struct ui_app *app, int key)
{
	if (app->mixer.detail)
		return ui_strip_page_key(app, key);
	return ui_keys_dispatch(app, UI_SCOPE_MIXER, key);
}
