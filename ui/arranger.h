/* The arranger page's commands (bound in ui/keys.c) and its drawing helpers
 * (ui/waveform.c). UI thread only. */
#ifndef TTYMIX_UI_ARRANGER_H
#define TTYMIX_UI_ARRANGER_H

#include <stdbool.h>

#include <stdint.h>

#include "src/peaks.h"
#include "ui/lanes.h"

struct ui_app;

/* The arranger page's state (app->arr); its track selection is app->sel.strip. */
struct ui_arranger_view {
	struct peaks_worker *peaks; /* owned: waveform overviews, built off this thread */
	int first_track;            /* top lane shown */
	int zoom;                   /* index of the zoom step; -1: fit the song */
	double view_sec;            /* time at the timeline's left edge */
	int64_t shown_playhead;     /* the view follows the playhead when it moves */
	bool min_sec;               /* ruler in min:sec instead of bars|beats */
	bool follow_off;            /* the view follows the playhead unless set */
	struct ui_lanes_view lanes; /* the selected track's automation lanes */
};

void ui_arranger_draw(struct ui_app *app);
bool ui_arranger_key(struct ui_app *app, int key);
/* Start the peak worker on the project's media (the view at its first track, the
 * song fitted) / stop it (before project_free). */
void ui_arranger_open(struct ui_app *app);
void ui_arranger_close(struct ui_app *app);
/* Every loop turn: asks for a redraw when new waveforms arrived. */
void ui_arranger_poll(struct ui_app *app);

/* ---- commands ---- */
void ui_arranger_page(struct ui_app *app);          /* show the arranger */
void ui_arranger_track_up(struct ui_app *app);
void ui_arranger_track_down(struct ui_app *app);
void ui_arranger_clip_next(struct ui_app *app);     /* on the selected track */
void ui_arranger_clip_prev(struct ui_app *app);
void ui_arranger_clip_locate(struct ui_app *app);   /* playhead to the selected clip */
void ui_arranger_scroll_left(struct ui_app *app);   /* an eighth of the view */
void ui_arranger_scroll_right(struct ui_app *app);
void ui_arranger_page_left(struct ui_app *app);     /* a whole view */
void ui_arranger_page_right(struct ui_app *app);
void ui_arranger_zoom_in(struct ui_app *app);
void ui_arranger_zoom_out(struct ui_app *app);
void ui_arranger_zoom_fit(struct ui_app *app);      /* the whole song in the width */
void ui_arranger_ruler_toggle(struct ui_app *app);  /* bars|beats <-> min:sec */
void ui_arranger_follow_toggle(struct ui_app *app); /* the view follows the playhead */
void ui_arranger_zoom_selection(struct ui_app *app); /* the selected clips fill it */

/* The lane view's selected point a column of the timeline earlier / later. */
void ui_arranger_point_earlier(struct ui_app *app);
void ui_arranger_point_later(struct ui_app *app);

/* ---- drawing helpers (ui/waveform.c) ---- */

/* The attribute for a project track colour ("red", "blue", "#ff8800", NULL):
 * bar: text on a block of the colour (a clip's name bar); else the colour as
 * foreground (its waveform). Without colour: reverse for bars, normal otherwise. */
int ui_track_attr(const char *color, bool bar);
/* A small swatch of the track colour, or "" without colour. */
const char *ui_track_swatch(void);

/* A clip as laid out on the timeline. */
struct ui_clip_span {
	double start_sec, end_sec;  /* on the timeline */
	double offset_sec;          /* where start_sec is in the file */
	double gain;                /* linear clip gain */
};

/* Draw rows of waveform (bottom-anchored amplitude, eighth blocks in UTF-8, ASCII
 * otherwise) for columns [col_from, col_to) of a timeline whose column 0 is at x and
 * starts at view_sec, sec_per_col wide. Until st is PEAKS_READY the clip is a plain
 * block; a file that failed reads as '?'. */
void ui_waveform_draw(int y, int rows, int x, int col_from, int col_to, double view_sec,
	double sec_per_col, const struct ui_clip_span *span, const struct peaks_status *st,
	int attr);

/* The playhead at column x, rows top..bottom: what is drawn there in reverse video,
 * a vertical bar on blank cells. Call after everything else is drawn. */
void ui_playhead_column(int top, int bottom, int x);

#endif
