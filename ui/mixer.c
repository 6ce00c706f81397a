/* The mixer page: one strip per track, then the master strip, always at the right.
 * A strip, top to bottom: name, peak hold (or CLIP), L/R meters, fader in dB, pan,
 * mute/solo flags. More tracks than fit scroll sideways with the selection. */
#include <curses.h>
#include <stdio.h>
#include <string.h>

#include "ui/app.h"
#include "ui/draw.h"
#include "ui/edit.h"
#include "ui/keys.h"
#include "ui/theme.h"

#define SCALE_W 4        /* the dB scale at the left */
#define STRIP_W 8        /* a strip's own columns (names show 8 characters) */
#define STRIP_STEP 9     /* STRIP_W plus a blank column between strips */
#define METER_W 2        /* columns per channel: one is too thin to read at a glance */
#define TOP_ROWS 3       /* title, names, peak-hold row */
#define BOTTOM_ROWS 4    /* inserts, fader, pan, flags */

struct layout {
	int meter_top, meter_h;
	int ins_y, fader_y, pan_y, flags_y;
	int master_x, sep_x;
	int visible;         /* track strips that fit */
};

static struct layout lay_out(void)
{
	struct layout l;
	l.meter_top = TOP_ROWS;
	l.ins_y = LINES - UI_STATUS_LINES - BOTTOM_ROWS;
	l.fader_y = l.ins_y + 1;
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

/* Scroll so that the selected track is on screen (the master always is). */
static void follow_selection(struct ui_app *app, int visible)
{
	const int n = app->project->n_tracks;
	if (app->selected < n) {
		if (app->selected < app->first_strip)
			app->first_strip = app->selected;
		if (app->selected >= app->first_strip + visible)
			app->first_strip = app->selected - visible + 1;
	}
	int max_first = n > visible ? n - visible : 0;
	if (app->first_strip > max_first)
		app->first_strip = max_first;
	if (app->first_strip < 0)
		app->first_strip = 0;
}

static void draw_title(struct ui_app *app, const struct layout *l)
{
	const int attr = ui_theme_attr(UI_ROLE_TITLE);
	const int n = app->project->n_tracks;
	/* strip names are cut to 8 columns; the title spells out the selected one */
	const int strip = ui_strip_of(app, app->selected);
	char number[16] = "";
	if (strip != STRIP_MASTER)
		snprintf(number, sizeof number, "%d ", strip + 1);
	int used = ui_textf(0, 0, COLS, attr, false, " ttymix  %s%s  %s %s%s",
		app->project->name, app->throwaway ? " (quick audition)" : "", ui_glyph_vbar(),
		number, ui_strip_name(app, strip));
	ui_text(0, used, COLS - used, attr, true, "");

	/* the right end, longest first: drop what does not fit next to the names */
	char range[48] = "";
	if (n > l->visible)
		snprintf(range, sizeof range, "tracks %d-%d of %d   ", app->first_strip + 1,
			app->first_strip + l->visible, n);
	char right[96];
	snprintf(right, sizeof right, "%sMIXER   ? help ", range);
	if ((int)strlen(right) + 1 > COLS - used)
		snprintf(right, sizeof right, "MIXER   ? help ");
	const int w = (int)strlen(right); /* ASCII: bytes are columns */
	if (w + 1 <= COLS - used)
		ui_text(0, COLS - w, w, attr, false, right);
}

/* The strip's insert chain in a few columns: each effect's first three letters, a
 * bypassed one marked with '~', "-" for none (the chain is in the project). */
static void draw_inserts(struct ui_app *app, const struct layout *l, int x, int strip)
{
	const struct project *p = app->project;
	const struct project_insert *ins = strip == STRIP_MASTER ? p->master_inserts
		: p->tracks[strip].inserts;
	int n = strip == STRIP_MASTER ? p->n_master_inserts : p->tracks[strip].n_inserts;
	char buf[64] = "   -";
	size_t len = 0;
	for (int i = 0; i < n && len + 6 < sizeof buf; i++)
		len += (size_t)snprintf(buf + len, sizeof buf - len, "%s%s%.3s", i ? " " : "",
			ins[i].bypass ? "~" : "", ins[i].cls->name);
	ui_text(l->ins_y, x, STRIP_W, ui_theme_attr(UI_ROLE_NORMAL), true, buf);
}

static void draw_strip(struct ui_app *app, const struct layout *l, int x, int position)
{
	const int strip = ui_strip_of(app, position);
	const bool selected = position == app->selected;
	const int sel = ui_theme_attr(UI_ROLE_SELECTED);
	const int strong = ui_theme_attr(UI_ROLE_STRONG);
	const struct ui_strip_meter *m = ui_snapshot_meter(&app->snap, strip);
	char buf[32];

	ui_text(1, x, STRIP_W, selected ? sel : strong, true, ui_strip_name(app, strip));

	if (m->clip) {
		ui_text(2, x, STRIP_W, ui_theme_attr(UI_ROLE_CLIP), true, "  CLIP");
	} else {
		double hold = m->hold_db[0] > m->hold_db[1] ? m->hold_db[0] : m->hold_db[1];
		if (hold > UI_METER_FLOOR_DB)
			ui_textf(2, x, STRIP_W, ui_theme_attr(UI_ROLE_LABEL), true, "%6.1f", hold);
		else
			ui_text(2, x, STRIP_W, ui_theme_attr(UI_ROLE_NORMAL), true, "");
	}

	const int left_x = x + (STRIP_W - 2 * METER_W - 2) / 2;
	for (int c = 0; c < 2; c++)
		ui_meter_column(l->meter_top, left_x + c * (METER_W + 2), l->meter_h, METER_W,
			m->peak_db[c], m->rms_db[c], m->hold_db[c]);

	draw_inserts(app, l, x, strip);
	ui_edit_format(UI_FIELD_GAIN, ui_edit_get(app, UI_FIELD_GAIN, strip), buf, sizeof buf);
	ui_textf(l->fader_y, x, STRIP_W, selected ? sel : strong, true, "%6s", buf);
	if (strip == STRIP_MASTER)
		return; /* the master has a fader only */
	ui_edit_format(UI_FIELD_PAN, ui_edit_get(app, UI_FIELD_PAN, strip), buf, sizeof buf);
	ui_textf(l->pan_y, x, STRIP_W, ui_theme_attr(UI_ROLE_NORMAL), true, "%5s", buf);
	if (ui_edit_get(app, UI_FIELD_MUTE, strip) != 0)
		ui_text(l->flags_y, x + 1, 3, ui_theme_attr(UI_ROLE_MUTE), false, " M ");
	if (ui_edit_get(app, UI_FIELD_SOLO, strip) != 0)
		ui_text(l->flags_y, x + 4, 3, ui_theme_attr(UI_ROLE_SOLO), false, " S ");
}

void ui_mixer_draw(struct ui_app *app)
{
	const struct layout l = lay_out();
	follow_selection(app, l.visible);
	draw_title(app, &l);

	const int label = ui_theme_attr(UI_ROLE_LABEL);
	ui_meter_scale(l.meter_top, 0, l.meter_h, SCALE_W);
	ui_text(l.ins_y, 0, SCALE_W, label, true, "ins");
	ui_text(l.fader_y, 0, SCALE_W, label, true, " dB");
	ui_text(l.pan_y, 0, SCALE_W, label, true, "pan");
	if (app->first_strip > 0)
		ui_text(1, 0, 1, ui_theme_attr(UI_ROLE_STRONG), false, "<");

	const int n = app->project->n_tracks;
	int x = SCALE_W;
	for (int i = app->first_strip; i < n && i < app->first_strip + l.visible; i++) {
		draw_strip(app, &l, x, i);
		x += STRIP_STEP;
	}
	if (app->first_strip + l.visible < n)
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
	return ui_keys_dispatch(app, UI_SCOPE_MIXER, key);
}
