/* The arranger page: a time ruler (bars|beats or min:sec, with markers and the loop
 * range), then one lane per track: its colour and name at the left, its clips as
 * blocks on the timeline with a waveform overview from the peak cache, and the
 * playhead as a line through everything. The view scrolls to keep the playhead in
 * sight when it moves; zoom and scroll are in the keys table. */
#include <curses.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "src/pitch.h"
#include "src/tempo.h"
#include "src/base/xalloc.h"
#include "ui/arranger.h"
#include "ui/bind.h"
#include "src/studio/clipedit.h"
#include "ui/draw.h"
#include "ui/keys.h"
#include "ui/lanes.h"
#include "ui/theme.h"

#define WIDE_NAME_W 14   /* from this track column on, a lane head says "+0.0  M  S" */
#define HEADER_ROWS 3    /* title, ruler, markers and loop */
#define MIN_TRACK_H 2    /* a clip's name bar and one row of waveform */
#define MAX_TRACK_H 6
#define LABEL_GAP 8      /* columns between ruler labels, at least */

/* Seconds per column, finest first. */
static const double zoom_table[] = { 0.005, 0.01, 0.02, 0.03, 0.05, 0.1, 0.15, 0.25,
	0.5, 0.75, 1, 1.5, 2, 3, 5, 10, 15, 30, 60 };
#define N_ZOOM ((int)(sizeof zoom_table / sizeof zoom_table[0]))

struct layout {
	int x0, width;       /* the timeline's columns */
	int top, track_h;    /* first lane row; rows per lane */
	int visible;         /* lanes that fit */
	double spc;          /* seconds per column */
};

static double rate_of(const struct ui_app *app)
{
	return app->st->project->sample_rate > 0 ? app->st->project->sample_rate : 48000;
}

static double song_sec(const struct ui_app *app)
{
	return (double)app->st->end_frame / rate_of(app);
}

/* The track column at the left (`set name-width`, default 14), its bar included. */
static int name_w(void)
{
	return (int)ui_bindings_active()->opt.name_width;
}

static int timeline_width(void)
{
	return COLS - name_w() > 1 ? COLS - name_w() : 1;
}

/* The widest zoom that still shows the whole song (the first view). */
static int fit_zoom(const struct ui_app *app)
{
	const double len = song_sec(app) > 0 ? song_sec(app) : 60; /* empty: a minute */
	for (int z = 0; z < N_ZOOM; z++)
		if (zoom_table[z] * timeline_width() * 0.95 >= len)
			return z;
	return N_ZOOM - 1;
}

static struct layout lay_out(struct ui_app *app)
{
	struct layout l = { .x0 = name_w(), .width = timeline_width(), .top = HEADER_ROWS };
	if (app->arr.zoom < 0 || app->arr.zoom >= N_ZOOM)
		app->arr.zoom = fit_zoom(app);
	l.spc = zoom_table[app->arr.zoom];
	const int rows = LINES - UI_STATUS_LINES - HEADER_ROWS - ui_lanes_rows(app);
	const int n = app->st->project->n_tracks > 0 ? app->st->project->n_tracks : 1;
	/* `set track-height N` fixes the rows per track (1: the clips' name bars only, to
	 * see many tracks); 0 gives each as many as fit */
	const int fixed = (int)ui_bindings_active()->opt.track_height;
	l.track_h = fixed > 0 ? fixed : rows / n;
	if (fixed <= 0)
		l.track_h = l.track_h < MIN_TRACK_H ? MIN_TRACK_H
			: l.track_h > MAX_TRACK_H ? MAX_TRACK_H : l.track_h;
	l.visible = rows / l.track_h > 0 ? rows / l.track_h : 1;
	return l;
}

/* The selected track; the mixer's selection is shared (its master reads as the last). */
static int current_track(const struct ui_app *app)
{
	const int n = app->st->project->n_tracks;
	return app->sel.strip < n ? app->sel.strip : n - 1;
}

/* A clip's place on the timeline; its length comes from the file until said. */
static struct ui_clip_span clip_span(struct ui_app *app, const struct project_clip *c,
	struct peaks_status *st)
{
	struct ui_clip_span s = { .start_sec = c->start, .offset_sec = c->offset,
		.gain = pow(10.0, c->gain_db / 20.0) };
	if (!peaks_worker_get(app->arr.peaks, c->file, st)) {
		/* a clip added since the session opened */
		char *path = project_clip_path(app->st->project, c);
		peaks_worker_request(app->arr.peaks, c->file, path);
		free(path);
		*st = (struct peaks_status){ .state = PEAKS_PENDING };
	}
	double length = c->length;
	if (length < 0 && st->state != PEAKS_PENDING && st->state != PEAKS_FAILED
		&& st->sample_rate > 0)
		length = (double)st->frames / st->sample_rate - c->offset;
	else if (length < 0)
		length = song_sec(app) - c->start; /* not known yet: as far as the song goes */
	const double scale = pitch_clip_time_scale(c);
	if (scale != 1.0) {
		/* varispeed: file seconds stretch on the timeline; the file's overview no
		 * longer lines up, so the clip shows as a plain block */
		length *= scale;
		st->state = PEAKS_PENDING;
	}
	s.end_sec = c->start + (length > 0 ? length : 0);
	return s;
}

/* Keep the selected lane in sight, and the playhead when it moved out of sight. */
static void follow(struct ui_app *app, const struct layout *l)
{
	const int sel = current_track(app), n = app->st->project->n_tracks;
	if (sel >= 0 && sel < app->arr.first_track)
		app->arr.first_track = sel;
	if (sel >= app->arr.first_track + l->visible)
		app->arr.first_track = sel - l->visible + 1;
	if (app->arr.first_track > n - l->visible)
		app->arr.first_track = n - l->visible;
	if (app->arr.first_track < 0)
		app->arr.first_track = 0;

	const int64_t ph = app->st->snap.playhead;
	if (ph != app->arr.shown_playhead && !app->arr.follow_off) {
		const double t = (double)ph / rate_of(app), span = l->width * l->spc;
		if (t < app->arr.view_sec || t >= app->arr.view_sec + span)
			app->arr.view_sec = t - span / 10; /* a little of what led up to it */
		app->arr.shown_playhead = ph;
	}
	if (app->arr.view_sec < 0)
		app->arr.view_sec = 0;
}

/* Column of time t on the timeline (may be off screen). */
static int column_of(const struct ui_app *app, const struct layout *l, double t)
{
	return (int)floor((t - app->arr.view_sec) / l->spc + 1e-9);
}

static void draw_title(struct ui_app *app, const struct layout *l)
{
	const int attr = ui_theme_attr(UI_ROLE_TITLE);
	const int t = current_track(app);
	char track[PROJECT_MAX_NAME + 16] = "";
	if (t >= 0)
		snprintf(track, sizeof track, "%d %s", t + 1, app->st->project->tracks[t].strip.name);
	int used = ui_textf(0, 0, COLS, attr, false, " ttymix  %s%s  %s %s",
		app->st->project->name, app->st->throwaway ? " (quick audition)" : "", ui_glyph_vbar(),
		track);
	ui_text(0, used, COLS - used, attr, true, "");
	char page[64], right[128];
	ui_keys_title_right(page, sizeof page, UI_SCOPE_ARRANGER, "ARRANGER", NULL);
	snprintf(right, sizeof right, "%s%s %g s/col   %s",
		app->st->snap_off ? "" : "snap ", app->arr.follow_off ? "" : "follow", l->spc, page);
	const int w = (int)strlen(right);
	if (w + 1 <= COLS - used)
		ui_text(0, COLS - w, w, attr, false, right);
}

/* A ruler label at col, unless it would be cut off at the right. */
static void ruler_label(const struct layout *l, int col, int attr, const char *text)
{
	if (col >= 0 && col < l->width && col + 1 + (int)strlen(text) <= l->width)
		ui_textf(1, l->x0 + col, l->width - col, attr, false, "%s%s", ui_glyph_vbar(), text);
}

/* The bars of the tempo map (src/tempo.h), each labelled when LABEL_GAP columns fit,
 * else every 2nd, 4th, ... bar; zoomed in, its beats too ("5.1", "5.3"), every one or
 * every few that divide the bar. The step follows each bar's own length, so that a
 * change of tempo or meter changes the spacing where it happens. */
static void draw_bar_labels(struct ui_app *app, const struct layout *l, int attr)
{
	const struct tempo_map m = tempo_map_of(app->st->project);
	const double end = app->arr.view_sec + l->width * l->spc;
	struct tempo_pos pos;
	tempo_position(&m, app->arr.view_sec, &pos);
	long bar = pos.bar < 1 ? 1 : pos.bar;
	char text[32];
	/* each turn labels a bar or steps to the next one labelled: a few per column */
	for (int turn = 0; turn < 4 * l->width + 8; turn++) {
		const double t = tempo_time_of(&m, bar, 1);
		if (t >= end)
			break;
		tempo_position(&m, t, &pos); /* this bar's tempo and meter */
		const double beat_w = 240.0 / (pos.bpm * pos.den) / l->spc;
		int per = 0; /* beats a label inside the bar; 0: the bar's number only */
		for (int s = 1; s < pos.num && !per; s++)
			if (pos.num % s == 0 && s * beat_w >= LABEL_GAP)
				per = s;
		if (per) {
			for (int b = 1; b <= pos.num; b += per) {
				snprintf(text, sizeof text, "%ld.%d", bar, b);
				ruler_label(l, column_of(app, l, tempo_time_of(&m, bar, b)), attr, text);
			}
			bar++;
			continue;
		}
		long k = 1;
		while (k * pos.num * beat_w < LABEL_GAP && k < TEMPO_MAX_BAR)
			k *= 2;
		if ((bar - 1) % k) { /* on to the next bar of the step */
			bar += k - (bar - 1) % k;
			continue;
		}
		snprintf(text, sizeof text, "%ld", bar);
		ruler_label(l, column_of(app, l, t), attr, text);
		bar += k;
	}
}

/* Ruler labels at a step that leaves LABEL_GAP columns between them. */
static void draw_ruler(struct ui_app *app, const struct layout *l)
{
	const int label = ui_theme_attr(UI_ROLE_LABEL);
	const bool bars = !app->arr.min_sec;
	ui_text(1, 0, name_w(), label, true, bars ? " bar.beat" : " min:sec");
	ui_text(1, l->x0, l->width, label, true, "");
	if (bars) {
		draw_bar_labels(app, l, label);
		return;
	}
	static const double sec_steps[] = { 0.1, 0.2, 0.5, 1, 2, 5, 10, 15, 30, 60, 120, 300,
		600, 1800, 3600 };
	double step = 0;
	for (size_t i = 0; i < sizeof sec_steps / sizeof sec_steps[0] && !step; i++)
		if (sec_steps[i] / l->spc >= LABEL_GAP)
			step = sec_steps[i];
	if (!step)
		step = 3600;
	const double end = app->arr.view_sec + l->width * l->spc;
	for (long long k = (long long)floor(app->arr.view_sec / step); k * step < end; k++) {
		const double t = k * step;
		char text[32];
		const long long tenths = llround(t * 10);
		if (step < 1)
			snprintf(text, sizeof text, "%lld:%02lld.%lld", tenths / 600,
				tenths / 10 % 60, tenths % 10);
		else
			snprintf(text, sizeof text, "%lld:%02lld", tenths / 600, tenths / 10 % 60);
		ruler_label(l, column_of(app, l, t), label, text);
	}
}

/* The loop range as a band on the ruler, then markers as a flag and a name. */
static void draw_markers(struct ui_app *app, const struct layout *l)
{
	const struct project *p = app->st->project;
	const bool loop = p->loop_end > p->loop_start;
	ui_textf(2, 0, name_w(), ui_theme_attr(UI_ROLE_LABEL), true, " %s",
		!loop ? "markers" : p->loop_enabled ? "loop on" : "loop off");
	ui_text(2, l->x0, l->width, A_NORMAL, true, "");
	if (loop) {
		int a = column_of(app, l, p->loop_start), b = column_of(app, l, p->loop_end);
		b = b > a ? b : a + 1;
		a = a < 0 ? 0 : a;
		b = b > l->width ? l->width : b;
		const int attr = p->loop_enabled ? ui_theme_attr(UI_ROLE_SOLO)
			: ui_theme_attr(UI_ROLE_SELECTED);
		if (b > a)
			mvchgat(1, l->x0 + a, b - a, (attr_t)attr & ~A_COLOR,
				(short)PAIR_NUMBER(attr), NULL);
	}
	for (int i = 0; i < p->n_markers; i++) {
		const int c = column_of(app, l, p->markers[i].time);
		if (c < 0 || c >= l->width)
			continue;
		ui_textf(2, l->x0 + c, l->width - c, ui_theme_attr(UI_ROLE_STRONG), false, "%s%s",
			ui_draw_utf8() ? "\u25bc" : "v", p->markers[i].name);
	}
}

static void draw_lane_head(struct ui_app *app, const struct layout *l, int y, int t)
{
	const struct project_track *tr = &app->st->project->tracks[t];
	const bool selected = t == current_track(app);
	const char *swatch = ui_track_swatch();
	int x = 0;
	if (*swatch)
		x += ui_text(y, 0, 1, ui_track_attr(tr->strip.color, false), false, swatch);
	ui_textf(y, x, name_w() - 1 - x, selected ? ui_theme_attr(UI_ROLE_SELECTED)
		: ui_theme_attr(UI_ROLE_STRONG), true, "%s%d %s", *swatch ? "" : " ", t + 1,
		tr->strip.name);
	for (int r = 1; r < l->track_h; r++)
		ui_text(y + r, 0, name_w() - 1, A_NORMAL, true, "");
	if (l->track_h > 1 && name_w() >= WIDE_NAME_W) {
		ui_textf(y + 1, 1, 7, ui_theme_attr(UI_ROLE_LABEL), false, "%+.1f", tr->strip.gain_db);
		if (tr->strip.mute)
			ui_text(y + 1, 8, 3, ui_theme_attr(UI_ROLE_MUTE), false, " M ");
		if (tr->strip.solo)
			ui_text(y + 1, 11, 2, ui_theme_attr(UI_ROLE_SOLO), false, "S ");
	} else if (l->track_h > 1) { /* a narrow column: the flags first, as letters */
		if (tr->strip.mute)
			ui_text(y + 1, 1, 1, ui_theme_attr(UI_ROLE_MUTE), false, "M");
		if (tr->strip.solo)
			ui_text(y + 1, 2, 1, ui_theme_attr(UI_ROLE_SOLO), false, "S");
		ui_textf(y + 1, 4, name_w() - 5, ui_theme_attr(UI_ROLE_LABEL), false, "%+.0f",
			tr->strip.gain_db);
	}
	for (int r = 0; r < l->track_h; r++)
		ui_text(y + r, name_w() - 1, 1, ui_theme_attr(UI_ROLE_LABEL), false,
			ui_glyph_vbar());
}

static void draw_clip(struct ui_app *app, const struct layout *l, int y, int t, int k)
{
	const struct project_track *tr = &app->st->project->tracks[t];
	const struct project_clip *c = &tr->clips[k];
	struct peaks_status st;
	const struct ui_clip_span s = clip_span(app, c, &st);
	int a = column_of(app, l, s.start_sec), b = column_of(app, l, s.end_sec);
	if (b <= a)
		b = a + 1; /* the shortest clip still shows */
	if (b <= 0 || a >= l->width)
		return;
	const int from = a < 0 ? 0 : a, to = b > l->width ? l->width : b;
	const bool selected = t == current_track(app) && k == app->sel.clip;
	const int bar = selected ? ui_theme_attr(UI_ROLE_SELECTED) | (int)A_BOLD
		: ui_track_attr(tr->strip.color, true);
	const char *base = strrchr(c->file, '/') ? strrchr(c->file, '/') + 1 : c->file;
	/* > the current clip, * one in the selection; / and \\ say it fades in or out; a
	 * pitched clip says so before its name: "#+12 ", "#-7+50c ", "#+12v " */
	char mark[32] = "";
	if (pitch_clip_shifted(c)) {
		char cents[16] = "";
		if (c->pitch_cents)
			snprintf(cents, sizeof cents, "%+dc", c->pitch_cents);
		snprintf(mark, sizeof mark, "%s%+d%s%s ", ui_draw_utf8() ? "\u266f" : "#",
			c->pitch_semitones, cents, c->varispeed ? "v" : "");
	}
	ui_textf(y, l->x0 + from, to - from, bar, true, "%s%s%s%s%s%s%s", a < 0 ? "<" : "",
		selected ? ">" : "", c->selected ? "*" : "", c->fade_in > 0 ? "/" : "", mark, base,
		c->fade_out > 0 ? "\\" : "");
	if (c->selected && !selected)
		mvchgat(y, l->x0 + from, to - from, A_REVERSE, 0, NULL);
	ui_waveform_draw(y + 1, l->track_h - 1, l->x0, from, to, app->arr.view_sec, l->spc,
		&s, &st, ui_track_attr(tr->strip.color, false));
	ui_hit_add(&app->hit, &(struct ui_hit){ .y = y, .x = l->x0 + from, .h = l->track_h,
		.w = to - from, .kind = UI_HIT_CLIP, .a = t, .b = k });
}

static void draw_playhead(struct ui_app *app, const struct layout *l, int first_row,
	int last_row)
{
	const int col = column_of(app, l, (double)app->st->snap.playhead / rate_of(app));
	if (col >= 0 && col < l->width && last_row >= first_row)
		ui_playhead_column(first_row, last_row, l->x0 + col);
}

void ui_arranger_draw(struct ui_app *app)
{
	struct layout l = lay_out(app);
	follow(app, &l);
	draw_title(app, &l);
	draw_ruler(app, &l);
	draw_markers(app, &l);
	const struct project *p = app->st->project;
	if (p->n_tracks == 0)
		ui_text(l.top, 1, COLS - 2, ui_theme_attr(UI_ROLE_LABEL), false,
			"no tracks in this project yet");
	int y = l.top;
	/* where a click finds the ruler (a time), each track and each clip (ui/hit.h) */
	ui_hit_add(&app->hit, &(struct ui_hit){ .y = 1, .x = l.x0, .h = 2, .w = l.width,
		.kind = UI_HIT_RULER, .t0 = app->arr.view_sec, .spc = l.spc });
	for (int t = app->arr.first_track; t < p->n_tracks
		&& t < app->arr.first_track + l.visible; t++, y += l.track_h) {
		draw_lane_head(app, &l, y, t);
		ui_hit_add(&app->hit, &(struct ui_hit){ .y = y, .x = 0, .h = l.track_h,
			.w = l.x0, .kind = UI_HIT_TRACK, .a = t, .b = 0 });
		ui_hit_add(&app->hit, &(struct ui_hit){ .y = y, .x = l.x0, .h = l.track_h,
			.w = l.width, .kind = UI_HIT_TRACK, .a = t, .b = 1,
			.t0 = app->arr.view_sec, .spc = l.spc });
		for (int k = 0; k < p->tracks[t].n_clips; k++)
			draw_clip(app, &l, y, t, k);
	}
	if (app->arr.first_track > 0)
		ui_text(l.top, name_w() - 1, 1, ui_theme_attr(UI_ROLE_STRONG), false, "^");
	if (app->arr.first_track + l.visible < p->n_tracks)
		ui_text(y - 1, name_w() - 1, 1, ui_theme_attr(UI_ROLE_STRONG), false, "v");
	int last = y - 1 > 2 ? y - 1 : 2;
	if (app->arr.lanes.shown) {
		const int rows = ui_lanes_rows(app);
		const int lane_top = LINES - UI_STATUS_LINES - rows;
		for (int r = y; r < lane_top; r++)
			ui_text(r, 0, COLS, A_NORMAL, true, "");
		const struct ui_timeline tl = { .x0 = l.x0, .width = l.width,
			.view_sec = app->arr.view_sec, .spc = l.spc };
		ui_lanes_draw(app, &tl, current_track(app), lane_top, rows);
		/* through the tracks and the lanes, but not across the lane's heading: it
		 * is text to read (the selected point and its value) */
		draw_playhead(app, &l, 1, lane_top - 1);
		draw_playhead(app, &l, lane_top + 1, lane_top + rows - 1);
		return;
	}
	draw_playhead(app, &l, 1, last);
}

bool ui_arranger_key(struct ui_app *app, int key)
{
	/* the lane view's keys first; the rest (scroll, zoom, clips) still work */
	if (app->arr.lanes.shown && ui_keys_dispatch_only(app, UI_SCOPE_LANE, key))
		return true;
	return ui_keys_dispatch(app, UI_SCOPE_ARRANGER, key);
}

/* The lanes know their points, the arranger the width of a column. */
void ui_arranger_point_earlier(struct ui_app *app)
{
	ui_lanes_point_move(app, -lay_out(app).spc);
}

void ui_arranger_point_later(struct ui_app *app)
{
	ui_lanes_point_move(app, lay_out(app).spc);
}

/* ---- the peak worker: started with the session, polled every loop turn ---- */

static void start_worker(struct ui_app *app)
{
	const struct project *p = app->st->project;
	/* a quick audition's folder is wherever the user stood: leave no cache there */
	char *cache = app->st->throwaway ? NULL : xasprintf("%s/%s", p->dir, PEAKS_FOLDER);
	app->arr.peaks = peaks_worker_start(cache);
	free(cache);
	for (int t = 0; t < p->n_tracks; t++)
		for (int k = 0; k < p->tracks[t].n_clips; k++) {
			char *path = project_clip_path(p, &p->tracks[t].clips[k]);
			peaks_worker_request(app->arr.peaks, p->tracks[t].clips[k].file, path);
			free(path);
		}
}

void ui_arranger_open(struct ui_app *app)
{
	app->arr.first_track = 0;
	app->arr.zoom = -1;
	app->arr.shown_playhead = -1;
	/* a quick audition should start playing at once: its overviews wait for page 1 */
	if (!app->st->throwaway)
		start_worker(app);
}

void ui_arranger_close(struct ui_app *app)
{
	peaks_worker_stop(app->arr.peaks);
	app->arr.peaks = NULL;
}

void ui_arranger_poll(struct ui_app *app)
{
	if (peaks_worker_poll(app->arr.peaks) && app->page == UI_PAGE_ARRANGER)
		app->need_draw = true;
}

/* ---- commands ---- */

void ui_arranger_page(struct ui_app *app)
{
	app->page = UI_PAGE_ARRANGER;
	app->need_draw = true;
	if (!app->arr.peaks)
		start_worker(app);
}

static void select_track(struct ui_app *app, int delta)
{
	const int n = app->st->project->n_tracks;
	int t = current_track(app) + delta;
	app->sel.strip = t < 0 ? 0 : t >= n ? (n > 0 ? n - 1 : 0) : t;
	app->sel.clip = 0; /* its first clip, ready for Enter */
	app->need_draw = true;
}

void ui_arranger_track_up(struct ui_app *app) { select_track(app, -1); }
void ui_arranger_track_down(struct ui_app *app) { select_track(app, 1); }

static void select_clip(struct ui_app *app, int delta)
{
	const int t = current_track(app);
	const int n = t >= 0 ? app->st->project->tracks[t].n_clips : 0;
	if (n == 0) {
		ui_message(app, "no clips on this track");
		return;
	}
	int k = app->sel.clip < 0 || app->sel.clip >= n ? (delta > 0 ? 0 : n - 1)
		: (app->sel.clip + delta + n) % n;
	app->sel.clip = k;
	const struct project_clip *c = &app->st->project->tracks[t].clips[k];
	/* bring its start into view */
	const double span = timeline_width() * zoom_table[app->arr.zoom < 0 ? fit_zoom(app)
		: app->arr.zoom];
	if (c->start < app->arr.view_sec || c->start >= app->arr.view_sec + span)
		app->arr.view_sec = c->start - span / 10;
	ui_message(app, "clip %d of %d: %s at %.2f s", k + 1, n, c->file, c->start);
	app->need_draw = true;
}

void ui_arranger_clip_next(struct ui_app *app) { select_clip(app, 1); }
void ui_arranger_clip_prev(struct ui_app *app) { select_clip(app, -1); }

void ui_arranger_clip_locate(struct ui_app *app)
{
	const int t = current_track(app);
	if (t < 0 || app->sel.clip < 0 || app->sel.clip >= app->st->project->tracks[t].n_clips) {
		ui_message(app, "no clip selected (Tab selects one)");
		return;
	}
	studio_transport_locate(app->st, (int64_t)llround(app->st->project->tracks[t].clips[app->sel.clip]
		.start * rate_of(app)));
}

static void scroll_view(struct ui_app *app, double views)
{
	const int z = app->arr.zoom < 0 ? fit_zoom(app) : app->arr.zoom;
	app->arr.view_sec += views * timeline_width() * zoom_table[z];
	if (app->arr.view_sec < 0)
		app->arr.view_sec = 0;
	app->need_draw = true;
}

void ui_arranger_scroll_left(struct ui_app *app) { scroll_view(app, -0.125); }
void ui_arranger_scroll_right(struct ui_app *app) { scroll_view(app, 0.125); }
void ui_arranger_page_left(struct ui_app *app) { scroll_view(app, -1); }
void ui_arranger_page_right(struct ui_app *app) { scroll_view(app, 1); }

/* Zoom about the playhead when it is in view, else about the left edge. */
static void zoom(struct ui_app *app, int steps)
{
	const int old = app->arr.zoom < 0 ? fit_zoom(app) : app->arr.zoom;
	int z = old + steps;
	z = z < 0 ? 0 : z >= N_ZOOM ? N_ZOOM - 1 : z;
	const double ph = (double)app->st->snap.playhead / rate_of(app);
	const double span = timeline_width() * zoom_table[old];
	const double anchor = ph >= app->arr.view_sec && ph < app->arr.view_sec + span ? ph
		: app->arr.view_sec;
	app->arr.view_sec = anchor - (anchor - app->arr.view_sec) * zoom_table[z]
		/ zoom_table[old];
	if (app->arr.view_sec < 0)
		app->arr.view_sec = 0;
	app->arr.zoom = z;
	ui_message(app, "zoom: %g s per column", zoom_table[z]);
}

void ui_arranger_zoom_in(struct ui_app *app) { zoom(app, -1); }
void ui_arranger_zoom_out(struct ui_app *app) { zoom(app, 1); }

/* Z: the whole song in the width, from its start, at the finest zoom step that holds
 * it (the columns' seconds stay fixed after: a wider window then shows more time). */
void ui_arranger_zoom_fit(struct ui_app *app)
{
	app->arr.zoom = fit_zoom(app);
	app->arr.view_sec = 0;
	app->arr.follow_off = true; /* or the next playhead move would scroll it away */
	ui_message(app, "zoom: the whole song, %.1f s, at %g s per column (f follows again)",
		song_sec(app), zoom_table[app->arr.zoom]);
	app->need_draw = true;
}

void ui_arranger_ruler_toggle(struct ui_app *app)
{
	app->arr.min_sec = !app->arr.min_sec;
	if (!app->arr.min_sec && app->st->project->tempo_bpm <= 0)
		ui_message(app, "no tempo in this project: the ruler stays in min:sec");
	app->need_draw = true;
}

void ui_arranger_follow_toggle(struct ui_app *app)
{
	app->arr.follow_off = !app->arr.follow_off;
	app->arr.shown_playhead = -1; /* catch up at once when turned on */
	ui_message(app, app->arr.follow_off ? "the view stays where it is"
		: "the view follows the playhead");
	app->need_draw = true;
}

void ui_arranger_zoom_selection(struct ui_app *app)
{
	double s, e;
	if (!studio_clip_selection_span(app->st, &app->sel, &s, &e)) {
		ui_error(app, "no clip selected (Tab selects one)");
		return;
	}
	/* the finest zoom that shows the span with a little room either side */
	const double span = (e - s) * 1.1;
	int z = N_ZOOM - 1;
	for (int i = 0; i < N_ZOOM; i++)
		if (zoom_table[i] * timeline_width() >= span) {
			z = i;
			break;
		}
	app->arr.zoom = z;
	app->arr.view_sec = s - (zoom_table[z] * timeline_width() - (e - s)) / 2;
	if (app->arr.view_sec < 0)
		app->arr.view_sec = 0;
	app->arr.follow_off = true; /* or the next playhead move would scroll it away */
	ui_message(app, "zoom: %g s per column on %.3f to %.3f s (f follows again)",
		zoom_table[z], s, e);
	app->need_draw = true;
}
