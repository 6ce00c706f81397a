/* The mouse (issue 18): a click picks a page tab, a strip, a track, a clip, or a time
 * on the ruler; a drag moves a fader or a pan; the wheel moves the control under the
 * pointer, or scrolls; a double click opens a strip's detail (or goes to a clip).
 * Every action is a command line run as the keys run theirs (ui_line_run): "jump 3",
 * "fader-up", "locate 12.500", "strip-detail", so that undo, messages and the picks
 * behave as with keys. Where things are comes from the hit map the pages filled while
 * drawing (ui/hit.h). A fader drag is one undo step (studio_edit_hold). UI thread
 * only. */
#ifndef TTYMIX_UI_MOUSE_H
#define TTYMIX_UI_MOUSE_H

#include <stdbool.h>

#include "ui/hit.h"
#include "ui/input.h"

struct ui_app;

/* Two presses on the same thing this close together are a double click. */
#define UI_MOUSE_DOUBLE_MS 400
/* A command line the mouse runs (a verb and two numbers). */
#define UI_MOUSE_LINE 48
/* The most lines one event runs (a fast drag over many rows is cut there). */
#define UI_MOUSE_LINES 32

/* What the left button holds down. */
enum ui_mouse_drag { UI_DRAG_NONE, UI_DRAG_FADER, UI_DRAG_PAN, UI_DRAG_RULER };

/* The mouse's state between events (app->mouse). */
struct ui_mouse {
	enum ui_mouse_drag drag;
	struct ui_hit held;         /* what the press was on */
	int last_y, last_x;         /* where the drag was last turned into steps */
	long long click_ms;         /* the last left press, for a double click */
	enum ui_hit_kind click_kind;
	int click_a, click_b;
	bool clicked;               /* click_* hold a press */
};

/* What the studio shows now, as far as the mouse cares. */
struct ui_mouse_view {
	int page;                   /* enum ui_page (ui/app.h) */
	bool detail;                /* the mixer's strip detail is up */
	bool lanes;                 /* the arranger's automation lanes are up */
	int selected;               /* the selected strip's position (app->sel.strip) */
};

/* What an event does, as lines to run in order. */
struct ui_mouse_plan {
	char lines[UI_MOUSE_LINES][UI_MOUSE_LINE];
	int n;
	bool hold_begin, hold_end;  /* a drag of a control begins / ends (one undo step) */
};

/* Pure: the lines event r runs on the screen map shows, at now_ms (a monotonic
 * clock); updates m. Nothing (n = 0) where nothing is under the pointer. */
void ui_mouse_plan(struct ui_mouse *m, const struct ui_mouse_view *v,
	const struct ui_hit_map *map, const struct ui_mouse_report *r, long long now_ms,
	struct ui_mouse_plan *out);

/* The command a page tab runs ("arranger", "mixer", "mastering", "help"). */
const char *ui_mouse_tab_line(int tab);

/* Run a decoded report on the studio: plan it against app->hit and run its lines. */
void ui_mouse_event(struct ui_app *app, const struct ui_mouse_report *r, long long now_ms);
/* Forget a drag under way (the page changed under it, the mouse was turned off),
 * ending its undo step. */
void ui_mouse_reset(struct ui_app *app);

#endif
