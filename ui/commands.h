/* The commands typed after ':' in the terminal: the session's table (src/studio/
 * commands.h: gain, insert, auto, render...) and the ui's own small table with rows of
 * the same shape for what only a terminal does (:bind, :unbind, :set, :source, :q,
 * :lesson's panel). Every command of the key table (ui/keys.c) can be typed by its name
 * too (":undo", ":help"). Typed lines, key bindings and the ttymixrc all go through
 * ui_line_run. UI thread only. */
#ifndef TTYMIX_UI_COMMANDS_H
#define TTYMIX_UI_COMMANDS_H

#include <stddef.h>

#include "src/studio/commands.h"
#include "ui/app.h"
#include "ui/cmdline.h"

/* The ui's rows; an exec finds the ui_app in l->owner. */
extern const struct studio_command ui_line_commands[];
extern const size_t ui_n_line_commands;

/* Every ':' command, the session's first: row i of both tables, for the help page. */
size_t ui_line_count(void);
const struct studio_command *ui_line_row(size_t i);

/* Run one typed line; errors (unknown command or track, a value out of range) go to
 * the status line and change nothing. */
void ui_line_run(struct ui_app *app, const char *text);
/* Whether a line of n_words may start with verb: a ':' command's verb, or a key
 * command's name alone (ui_line_run says "takes nothing after it" to more words). */
bool ui_line_command_exists(const char *verb, int n_words);

/* Completion: call found(arg, candidate) for every word that may stand at position
 * word_index (0: the command's name) after the words in before. */
void ui_line_candidates(const struct ui_app *app, const struct studio_words *before,
	int word_index, void (*found)(void *arg, const char *candidate), void *arg);
/* When that word is a path (:e, :new, :w DIR, :render FILE, :source): found for every
 * completion of typed, the word as typed so far (src/typed_path.h), and true; found
 * NULL: only whether it is one. */
bool ui_line_path_candidates(const struct ui_app *app, const struct studio_words *before,
	int word_index, const char *typed, void (*found)(void *arg, const char *candidate),
	void *arg);

/* At start: read the user's ttymixrc into the studio's bindings; a bad line goes to
 * the status line ("ttymixrc:3: unknown key \"Hyper-X\" (and 2 more bad lines)"). */
void ui_line_read_rc(struct ui_app *app);

#endif
