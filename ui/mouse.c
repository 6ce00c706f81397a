/* Mouse events into command lines (ui/mouse.h). The planner reads only its arguments,
 * so tests/mouse_test.c drives it with a hand-made map; ui_mouse_event runs what it
 * planned through ui_line_run, the keys' own path. */
#include "ui/mouse.h"

#include <stdarg.h>
#include <stdio.h>

#include "src/studio/edit.h"
#include "ui/app.h"
#include "ui/commands.h"

static void add(struct ui_mouse_plan *p, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

static void add(struct ui_mouse_plan *p, const char *fmt, ...)
{
	if (p->n >= UI_MOUSE_LINES)
		return;
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(p->lines[p->n++], UI_MOUSE_LINE, fmt, ap);
	va_end(ap);
}

/* The key commands of a step, by direction (up: +1). */
static void steps(struct ui_mouse_plan *p, int n, const char *up, const char *down)
{
	for (int i = 0; i < n && p->n < UI_MOUSE_LINES; i++)
		add(p, "%s", up);
	for (int i = 0; i < -n && p->n < UI_MOUSE_LINES; i++)
		add(p, "%s", down);
}

static const char *const tab_lines[UI_TAB_N] = { "arranger", "mixer", "mastering", "help" };

const char *ui_mouse_tab_line(int tab)
{
	return tab >= 0 && tab < UI_TAB_N ? tab_lines[tab] : "";
}

static bool on_mixer(const struct ui_mouse_view *v)
{
	return v->page == UI_PAGE_MIXER && !v->detail;
}

/* A strip a click or the wheel is on becomes the selected one first: keys act on the
 * selection, and so do the lines that follow. */
static void select_strip(struct ui_mouse_plan *p, const struct ui_mouse_view *v, int position)
{
	if (position != v->selected)
		add(p, "jump %d", position + 1);
}

static void locate(struct ui_mouse_plan *p, const struct ui_hit *h, int x)
{
	/* clamped to the ruler a drag began on: the pointer may leave it */
	x = x < h->x ? h->x : x >= h->x + h->w ? h->x + h->w - 1 : x;
	add(p, "locate %.3f", ui_hit_time(h, x));
}

static void press(struct ui_mouse *m, const struct ui_mouse_view *v, const struct ui_hit *h,
	const struct ui_mouse_report *r, long long now_ms, struct ui_mouse_plan *p)
{
	const bool twice = m->clicked && now_ms - m->click_ms <= UI_MOUSE_DOUBLE_MS
		&& m->click_kind == (h ? h->kind : UI_HIT_NONE) && h && m->click_a == h->a
		&& m->click_b == h->b;
	/* the second press of a double click is no first press of a third */
	m->clicked = !twice;
	m->click_ms = now_ms;
	m->click_kind = h ? h->kind : UI_HIT_NONE;
	m->click_a = h ? h->a : 0;
	m->click_b = h ? h->b : 0;
	if (!h)
		return;
	m->held = *h;
	m->last_y = r->y;
	m->last_x = r->x;
	switch (h->kind) {
	case UI_HIT_TAB:
		if (h->a >= 0 && h->a < UI_TAB_N)
			add(p, "%s", tab_lines[h->a]);
		break;
	case UI_HIT_STRIP:
	case UI_HIT_FADER:
	case UI_HIT_PAN:
		if (!on_mixer(v))
			break;
		select_strip(p, v, h->a);
		if (twice) {
			add(p, "strip-detail");
		} else if (h->kind != UI_HIT_STRIP) {
			m->drag = h->kind == UI_HIT_FADER ? UI_DRAG_FADER : UI_DRAG_PAN;
			p->hold_begin = true;
		}
		break;
	case UI_HIT_TRACK:
		add(p, "jump %d", h->a + 1);
		break;
	case UI_HIT_CLIP:
		if (twice)
			add(p, "clip-locate"); /* as Enter: the playhead to the clip */
		else
			add(p, "jump %d %d", h->a + 1, h->b + 1);
		break;
	case UI_HIT_RULER:
		locate(p, h, r->x);
		m->drag = UI_DRAG_RULER;
		break;
	case UI_HIT_NONE:
		break;
	}
}

static void drag(struct ui_mouse *m, const struct ui_mouse_report *r, struct ui_mouse_plan *p)
{
	switch (m->drag) {
	case UI_DRAG_FADER: /* up the screen is up the fader, a step a row */
		steps(p, m->last_y - r->y, "fader-up", "fader-down");
		break;
	case UI_DRAG_PAN: /* a step a column */
		steps(p, r->x - m->last_x, "pan-right", "pan-left");
		break;
	case UI_DRAG_RULER:
		if (r->x != m->last_x)
			locate(p, &m->held, r->x);
		break;
	case UI_DRAG_NONE:
		break;
	}
	m->last_y = r->y;
	m->last_x = r->x;
}

/* The wheel moves the control under the pointer (selecting its strip), or what the
 * page's own keys move; elsewhere it scrolls. */
static void wheel(const struct ui_mouse_view *v, const struct ui_hit *h, int up,
	struct ui_mouse_plan *p)
{
	const enum ui_hit_kind k = h ? h->kind : UI_HIT_NONE;
	if (on_mixer(v) && (k == UI_HIT_FADER || k == UI_HIT_PAN)) {
		select_strip(p, v, h->a);
		steps(p, up, k == UI_HIT_FADER ? "fader-up" : "pan-right",
			k == UI_HIT_FADER ? "fader-down" : "pan-left");
	} else if (on_mixer(v)) {
		steps(p, -up, "select-right", "select-left"); /* along the strips */
	} else if (v->page == UI_PAGE_MIXER) {
		steps(p, up, "value-up", "value-down"); /* the detail's cursor */
	} else if (v->page == UI_PAGE_ARRANGER && !v->lanes) {
		if (k == UI_HIT_TRACK && h->b == 0)
			steps(p, -up, "track-down", "track-up");
		else if (k == UI_HIT_TRACK || k == UI_HIT_CLIP || k == UI_HIT_RULER)
			steps(p, -up, "scroll-right", "scroll-left");
	} else if (v->page == UI_PAGE_MASTERING) {
		steps(p, up, "master-up", "master-down");
	} else if (v->page == UI_PAGE_HELP || v->page == UI_PAGE_MESSAGES) {
		steps(p, -3 * up, "help-down", "help-up");
	}
}

void ui_mouse_plan(struct ui_mouse *m, const struct ui_mouse_view *v,
	const struct ui_hit_map *map, const struct ui_mouse_report *r, long long now_ms,
	struct ui_mouse_plan *out)
{
	*out = (struct ui_mouse_plan){ 0 };
	if (!r->valid)
		return;
	const struct ui_hit *h = ui_hit_at(map, r->y, r->x);
	if (r->release) {
		out->hold_end = m->drag == UI_DRAG_FADER || m->drag == UI_DRAG_PAN;
		m->drag = UI_DRAG_NONE;
	} else if (r->button == UI_MOUSE_WHEEL_UP || r->button == UI_MOUSE_WHEEL_DOWN) {
		wheel(v, h, r->button == UI_MOUSE_WHEEL_UP ? 1 : -1, out);
	} else if (r->button == UI_MOUSE_LEFT && r->motion) {
		/* a key took the page away from under the drag: it ends there */
		if (((m->drag == UI_DRAG_FADER || m->drag == UI_DRAG_PAN) && !on_mixer(v))
			|| (m->drag == UI_DRAG_RULER && v->page != UI_PAGE_ARRANGER)) {
			out->hold_end = m->drag != UI_DRAG_RULER;
			m->drag = UI_DRAG_NONE;
		}
		drag(m, r, out);
	} else if (r->button == UI_MOUSE_LEFT) {
		/* a press while a drag is held lost its release: that drag is over */
		out->hold_end = m->drag == UI_DRAG_FADER || m->drag == UI_DRAG_PAN;
		m->drag = UI_DRAG_NONE;
		press(m, v, h, r, now_ms, out);
	}
}

void ui_mouse_event(struct ui_app *app, const struct ui_mouse_report *r, long long now_ms)
{
	const struct ui_mouse_view v = { .page = (int)app->page, .detail = app->mixer.detail,
		.lanes = app->arr.lanes.shown, .selected = app->sel.strip };
	struct ui_mouse_plan plan;
	ui_mouse_plan(&app->mouse, &v, &app->hit, r, now_ms, &plan);
	if (plan.hold_end)
		studio_edit_hold(app->st, false);
	if (plan.hold_begin)
		studio_edit_hold(app->st, true);
	for (int i = 0; i < plan.n; i++)
		ui_line_run(app, plan.lines[i]);
}

void ui_mouse_reset(struct ui_app *app)
{
	if (app->mouse.drag == UI_DRAG_FADER || app->mouse.drag == UI_DRAG_PAN)
		studio_edit_hold(app->st, false);
	app->mouse.drag = UI_DRAG_NONE;
}
