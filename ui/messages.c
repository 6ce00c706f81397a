/* The message log and its page: see ui/messages.h. Each message is one entry, drawn
 * as "hh:mm:ss ! text" and wrapped at spaces to the width, so that nothing of it is
 * cut; the page scrolls by those drawn lines. */
#include <curses.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "src/base/xalloc.h"
#include "ui/app.h"
#include "ui/bind.h"
#include "ui/draw.h"
#include "ui/messages.h"
#include "ui/theme.h"

#define PREFIX_W 11 /* "hh:mm:ss ! " */

void ui_log_add(struct ui_log *log, bool error, const char *text)
{
	if (!log->items)
		log->items = xcalloc(UI_LOG_MAX, sizeof *log->items);
	const time_t now = time(NULL);
	if (log->n > 0) {
		/* a key held down says the same thing many times: one line, counted */
		struct ui_log_entry *last = &log->items[(log->first + log->n - 1) % UI_LOG_MAX];
		if (last->error == error && !strcmp(last->text, text)) {
			last->repeats++;
			last->when = now;
			return;
		}
	}
	struct ui_log_entry *e;
	if (log->n == UI_LOG_MAX) {
		e = &log->items[log->first];
		free(e->text);
		log->first = (log->first + 1) % UI_LOG_MAX;
		log->dropped++;
	} else {
		e = &log->items[(log->first + log->n) % UI_LOG_MAX];
		log->n++;
	}
	*e = (struct ui_log_entry){ xstrdup(text), error, 1, now };
}

void ui_log_free(struct ui_log *log)
{
	for (size_t i = 0; log->items && i < log->n; i++)
		free(log->items[(log->first + i) % UI_LOG_MAX].text);
	free(log->items);
	*log = (struct ui_log){ 0 };
}

/* Draw entry e's lines that fall in [top, top + rows) at rows y0.. (rows 0: draw
 * nothing); returns the line after its last. */
static int entry_lines(const struct ui_log_entry *e, bool plain, int line, int top, int y0,
	int rows)
{
	char text[700];
	if (e->repeats > 1)
		snprintf(text, sizeof text, "%s (%s%u)", e->text, ui_draw_utf8() ? "\u00d7" : "x",
			e->repeats);
	else
		snprintf(text, sizeof text, "%s", e->text);
	const int prefix_w = plain ? 2 : PREFIX_W;
	const int width = COLS - prefix_w;
	const int attr = ui_theme_attr(e->error ? UI_ROLE_ERROR : UI_ROLE_NORMAL);
	const char *s = text;
	bool first = true;
	do {
		size_t next;
		const size_t len = ui_text_wrap(s, width, &next);
		const int y = y0 + line - top;
		if (rows > 0 && line >= top && y < y0 + rows) {
			if (first && !plain) {
				struct tm tm;
				localtime_r(&e->when, &tm);
				ui_textf(y, 0, PREFIX_W, ui_theme_attr(UI_ROLE_LABEL), true,
					"%02d:%02d:%02d", tm.tm_hour, tm.tm_min, tm.tm_sec);
				if (e->error)
					ui_text(y, PREFIX_W - 2, 1, attr, false, "!");
			}
			char part[700];
			snprintf(part, sizeof part, "%.*s", (int)len, s);
			ui_text(y, prefix_w, width, attr, false, part);
		}
		line++;
		first = false;
		s += next;
	} while (*s);
	return line;
}

/* Draw the log's lines from top on at rows y0.. (rows 0: none); returns how many
 * lines the whole log takes at this width. */
static int log_lines(const struct ui_log *log, int top, int y0, int rows)
{
	int line = 0;
	if (log->dropped) {
		if (rows > 0 && top == 0)
			ui_textf(y0, 0, COLS, ui_theme_attr(UI_ROLE_LABEL), true,
				"(%lu older messages are no longer kept)", log->dropped);
		line++;
	}
	if (log->n == 0) {
		if (rows > 0 && line >= top && line - top < rows)
			ui_text(y0 + line - top, 0, COLS, ui_theme_attr(UI_ROLE_LABEL), true,
				log->plain ? "(none)" : "no messages yet");
		return line + 1;
	}
	for (size_t i = 0; i < log->n; i++)
		line = entry_lines(&log->items[(log->first + i) % UI_LOG_MAX], log->plain, line, top,
			y0, rows);
	return line;
}

static int page_rows(void)
{
	return LINES - 1 - UI_STATUS_LINES;
}

static int max_top(const struct ui_log *log)
{
	const int total = log_lines(log, 0, 0, 0);
	return total > page_rows() ? total - page_rows() : 0;
}

/* The list the page shows: the pane's, or the log. */
static struct ui_log *shown(struct ui_app *app)
{
	return app->pane.shown ? &app->pane.items : &app->log;
}

void ui_messages_scroll(struct ui_app *app, int lines)
{
	struct ui_log *log = shown(app);
	const int end = max_top(log);
	long long top = log->follow ? end : log->top;
	top = lines == INT_MIN ? 0 : lines == INT_MAX ? end : top + lines;
	log->top = top < 0 ? 0 : top > end ? end : (int)top;
	log->follow = log->top >= end;
	app->need_draw = true;
}

void ui_messages_open(struct ui_app *app)
{
	if (app->page != UI_PAGE_HELP && app->page != UI_PAGE_MESSAGES)
		app->return_page = app->page;
	app->page = UI_PAGE_MESSAGES;
	app->log.follow = true;
	app->pane.shown = false;
	app->pane.from_tab = false;
	app->need_draw = true;
}

void ui_pane_open(struct ui_app *app, const char *title, const char *const *lines, size_t n)
{
	struct ui_pane *p = &app->pane;
	ui_log_free(&p->items);
	p->items.plain = true;
	for (size_t i = 0; i < n; i++)
		ui_log_add(&p->items, false, lines[i]);
	snprintf(p->title, sizeof p->title, "%s", title);
	if (app->page != UI_PAGE_HELP && app->page != UI_PAGE_MESSAGES)
		app->return_page = app->page;
	app->page = UI_PAGE_MESSAGES;
	p->shown = true;
	p->from_tab = false;
	app->need_draw = true;
}

void ui_list(void *ctx, const char *title, const char *const *lines, size_t n)
{
	ui_pane_open(ctx, title, lines, n);
}

void ui_pane_close_tab(struct ui_app *app)
{
	if (app->page == UI_PAGE_MESSAGES && app->pane.shown && app->pane.from_tab) {
		app->page = app->return_page;
		app->pane.shown = app->pane.from_tab = false;
		app->need_draw = true;
	}
}

void ui_messages_draw(struct ui_app *app)
{
	struct ui_log *log = shown(app);
	const int end = max_top(log);
	if (log->follow || log->top > end)
		log->top = end;
	const struct ui_bindings *b = ui_bindings_active();
	char up[32], down[32], close[32], hints[160];
	ui_bindings_keys(b, UI_SCOPE_HELP, "help-up", 1, up, sizeof up);
	ui_bindings_keys(b, UI_SCOPE_HELP, "help-down", 1, down, sizeof down);
	ui_bindings_keys(b, UI_SCOPE_HELP, "help-close", 1, close, sizeof close);
	if (app->pane.shown) {
		if (app->pane.from_tab) /* the ':' line is open and takes the other keys */
			snprintf(hints, sizeof hints, "(PgUp/PgDn scroll, Tab goes on)");
		else
			snprintf(hints, sizeof hints, "(%s/%s scroll, %s closes)", up, down, close);
		ui_textf(0, 0, COLS, ui_theme_attr(UI_ROLE_TITLE), true, " %s   %s",
			app->pane.title, hints);
		log_lines(log, log->top, 1, page_rows());
		return;
	}
	snprintf(hints, sizeof hints, "(%s/%s scroll, %s closes; ! marks an error)", up, down,
		close);
	ui_textf(0, 0, COLS, ui_theme_attr(UI_ROLE_TITLE), true, " ttymix messages   %s",
		hints);
	log_lines(log, log->top, 1, page_rows());
}

