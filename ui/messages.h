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
};

/* Keep one message (text is copied). */
void ui_log_add(struct ui_log *log, bool error, const char *text);
void ui_log_free(struct ui_log *log);

/* Show the log page (key E, :messages), at its end. */
void ui_messages_open(struct ui_app *app);
void ui_messages_draw(struct ui_app *app);
/* Scroll by lines (negative: up); INT_MIN and INT_MAX go to the start and the end. */
void ui_messages_scroll(struct ui_app *app, int lines);

#endif
