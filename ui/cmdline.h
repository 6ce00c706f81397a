/* The ':' command line: a one-line editor on the message line, with history (kept
 * for the session and appended to $XDG_DATA_HOME/ttymix/history, best effort) and
 * Tab completion of command names and, for commands that take a TRACK, track names,
 * and paths for those that take a file or folder.
 * Up/Down recall only lines that begin with what was typed before the first Up.
 * Enter hands the line to ui_line_run (ui/commands.h). UI thread only. */
#ifndef TTYMIX_UI_CMDLINE_H
#define TTYMIX_UI_CMDLINE_H

#include <stdbool.h>
#include <stddef.h>

#include "ui/app.h"
#include "src/studio/words.h"

#define UI_CMDLINE_HISTORY 200   /* lines remembered */
#define UI_CMDLINE_MAX STUDIO_LINE_MAX /* the line being typed: one command line */

struct ui_cmdline {
	bool active;
	char buf[UI_CMDLINE_MAX];
	size_t len, cursor;           /* bytes; the cursor sits on a character boundary */

	char **history;               /* oldest first; each owned */
	size_t n_history;
	size_t browse;                /* n_history: not browsing; else the entry shown */
	char draft[UI_CMDLINE_MAX];   /* the line being typed before Up was pressed */
	bool history_loaded;

	/* Tab: the first press extends to the longest common prefix; further presses
	 * cycle through the candidates, which the hint lists */
	bool cycling;
	size_t word_start;            /* where the completed word starts in buf */
	bool path_word;               /* ...and it is a path (ui_line_path_candidates) */
	char cycle_prefix[UI_CMDLINE_MAX];
	size_t cycle_next;
	char hint[256];               /* shown dimmed after the line */

	struct studio_words args;     /* the command being run (ui_line_run's) */
};

/* Open the line (the ':' key); loads the history file the first time. */
void ui_cmdline_open(struct ui_app *app);
/* Open it with text already typed (the cursor at its end), for the user to finish. */
void ui_cmdline_open_with(struct ui_app *app, const char *text);
bool ui_cmdline_active(const struct ui_app *app);
/* Edit, move, complete, recall; Enter closes the line and runs it, Esc closes it. */
void ui_cmdline_key(struct ui_app *app, int key);
/* Draw the line at row y when it is open; false when closed (the message shows). */
bool ui_cmdline_draw(struct ui_app *app, int y);
/* Last thing before refresh: show the cursor in the line, or hide it. */
void ui_cmdline_place_cursor(struct ui_app *app, int y);
void ui_cmdline_destroy(struct ui_cmdline *c); /* NULL is a no-op */

#endif
