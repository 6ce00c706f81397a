/* The arranger's automation lanes (A): the selected track's lanes drawn under the
 * tracks, one row each, the curve as the lane plays it and its points marked; points
 * edited from the keyboard (add at the playhead, delete, move by a column, value by a
 * step, typed exactly), every edit one undo step. UI thread only. */
#ifndef TTYMIX_UI_LANES_H
#define TTYMIX_UI_LANES_H

#include <stdbool.h>

struct ui_app;

/* The lane view's own state, part of the arranger's (struct ui_arranger_view). */
struct ui_lanes_view {
	bool shown;                 /* the selected track's lanes are shown (A) */
	int sel, point;             /* the lane and the point selected */
};

/* Where the arranger's timeline is: column x0 shows view_sec, each column spc s. */
struct ui_timeline {
	int x0, width;
	double view_sec, spc;
};

/* Rows the lane view takes at the bottom of the arranger (0 when hidden). */
int ui_lanes_rows(const struct ui_app *app);
void ui_lanes_draw(struct ui_app *app, const struct ui_timeline *tl, int track, int top,
	int rows);

/* The key table's commands. */
void ui_lanes_toggle(struct ui_app *app);
void ui_lanes_up(struct ui_app *app);
void ui_lanes_down(struct ui_app *app);
void ui_lanes_point_next(struct ui_app *app);
void ui_lanes_point_prev(struct ui_app *app);
void ui_lanes_point_add(struct ui_app *app);
void ui_lanes_point_delete(struct ui_app *app);
/* Move the selected point by sec (the arranger's commands move it by a column of
 * its timeline: ui_arranger_point_earlier/later). */
void ui_lanes_point_move(struct ui_app *app, double sec);
void ui_lanes_point_up(struct ui_app *app);
void ui_lanes_point_down(struct ui_app *app);
void ui_lanes_point_type(struct ui_app *app);
void ui_lanes_mode(struct ui_app *app);

#endif
