/* The message log (E or :messages): every message of the session, the studio's (its
 * voice, ui_say) and the terminal's own (ui_message, ui_error), newest last, errors
 * marked, so that a message cut on the status line or replaced by the next one can be
 * read whole. It keeps the last UI_LOG_MAX; a message said again right after itself
 * counts up instead of taking a line. The page shares the help page's scroll keys
 * (UI_SCOPE_HELP). UI thread only; app->log owns its texts. */
#ifndef TTYMIX_UI_MESSAGES_H
#define TTYMIX_UI_MESSAGES_H

#include <stdbool.h>
#include <stddef.h>
#include <time.h>

struct ui_app;

#define UI_LOG_MAX 1000

struct ui_log_entry {
	char *text;                 /* owned, cleaned */
	bool error;
	unsigned repeats;           /* said this many times in a row (1: once) */
	time_t when;                /* the last time it was said */
};

/* The log and its page's state (app->log). */
struct ui_log {
	struct ui_log_entry *items; /* owned: a ring of UI_LOG_MAX, NULL until the first */
	size_t first, n;            /* the oldest entry, and how many there are */
	unsigned long dropped;      /* older messages that left the ring */
	int top;                    /* the page's first line shown, from the oldest */
	bool follow;                /* the page shows the end (newest) as messages come */
	bool plain;                 /* a list (the pane): no time column */
};

/* The pane: a list too long for one line (Tab's candidates, :auto ... list), shown
 * on the message log's page with its keys, in place of the log (app->pane). */
struct ui_pane {
	struct ui_log items;        /* plain */
	char title[160];
	bool shown;                 /* the log's page shows the pane, not the log */
	bool from_tab;              /* Tab opened it: closing the ':' line closes it */
};

/* Keep one message (text is copied). */
void ui_log_add(struct ui_log *log, bool error, const char *text);
void ui_log_free(struct ui_log *log);

/* Show the log page (key E, :messages), at its end. */
void ui_messages_open(struct ui_app *app);
void ui_messages_draw(struct ui_app *app);
/* Show lines (copied) in the pane under title, from the top; the studio's voice
 * (struct studio_voice.list, ctx the ui_app) is ui_list. */
void ui_pane_open(struct ui_app *app, const char *title, const char *const *lines, size_t n);
void ui_list(void *ctx, const char *title, const char *const *lines, size_t n);
/* Close a pane Tab opened (back to the page under it); nothing otherwise. */
void ui_pane_close_tab(struct ui_app *app);
/* Scroll by lines (negative: up); INT_MIN and INT_MAX go to the start and the end. */
void ui_messages_scroll(struct ui_app *app, int lines);

#endif
