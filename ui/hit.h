/* Where the pages drew what a click can pick: a list of screen rectangles, each naming
 * a thing (a page tab, a strip, its fader or pan, a track, a clip, the ruler). The
 * main loop empties it before each draw and each page adds what it draws, so that a
 * mouse event (ui/mouse.c) resolves against the screen as it is now: scrolled, narrow
 * strips, any track height. Pure (no curses), so a test can fill and ask it. UI thread
 * only; the map is a plain value (app->hit), it owns nothing. */
#ifndef TTYMIX_UI_HIT_H
#define TTYMIX_UI_HIT_H

#include <stdbool.h>

enum ui_hit_kind {
	UI_HIT_NONE,
	UI_HIT_TAB,      /* a page tab on the status bar: a = enum ui_hit_tab */
	UI_HIT_STRIP,    /* a mixer strip (its name, meters, routing): a = its position */
	UI_HIT_FADER,    /* the strip's fader (value and meters): a = position */
	UI_HIT_PAN,      /* the strip's pan: a = position */
	UI_HIT_TRACK,    /* an arranger track: a = track; b = 0 its name column, 1 its
	                    timeline */
	UI_HIT_CLIP,     /* a clip on the arranger: a = track, b = clip */
	UI_HIT_RULER,    /* the arranger's ruler and marker rows: time at a column below */
};

/* The tabs, in the order they are drawn. */
enum ui_hit_tab { UI_TAB_ARRANGER, UI_TAB_MIXER, UI_TAB_MASTERING, UI_TAB_HELP, UI_TAB_N };

struct ui_hit {
	int y, x, h, w;      /* the rectangle, in cells */
	enum ui_hit_kind kind;
	int a, b;            /* what it is (see the kinds) */
	double t0, spc;      /* UI_HIT_RULER and UI_HIT_TRACK: the time at column x, and
	                        seconds per column */
};

/* More than a screen of strips, tabs and clips ever holds; what does not fit is not
 * clickable (and said nowhere: it cannot happen at sane sizes). */
#define UI_HIT_MAX 512

struct ui_hit_map {
	struct ui_hit items[UI_HIT_MAX];
	int n;
};

void ui_hit_clear(struct ui_hit_map *m);
/* Add a rectangle (nothing for an empty one); a later one lies over an earlier one. */
void ui_hit_add(struct ui_hit_map *m, const struct ui_hit *h);
/* The topmost rectangle holding the cell (y, x), or NULL. */
const struct ui_hit *ui_hit_at(const struct ui_hit_map *m, int y, int x);
/* The time where column x of a rectangle that has one starts: t0 + (x - h->x) * spc,
 * never below 0. */
double ui_hit_time(const struct ui_hit *h, int x);

#endif
