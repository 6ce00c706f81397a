/* The one table of named commands: each has a name, the pages it works on, a help
 * text and the function that does it. Which keys run them is a separate table of
 * bindings (ui/bind.h): a key runs a command line, as if typed after ':'. Key
 * dispatch and the help page both read the bindings, so help can never disagree
 * with the keys (tmux's cmd table, for keys). UI thread only. */
#ifndef TTYMIX_UI_KEYS_H
#define TTYMIX_UI_KEYS_H

#include <stdbool.h>
#include <stddef.h>

#include "ui/app.h"
#include "ui/bind.h"

struct ui_command {
	const char *name;             /* what ':' calls it too */
	unsigned scope;               /* a set of enum ui_scope bits (OR them) */
	const char *help;
	void (*run)(struct ui_app *app);
};

extern const struct ui_command ui_commands[];
extern const size_t ui_n_commands;

/* Map terminal-specific codes onto the ones the table uses (xterm-style Shift-Up
 * arrives as the extended key "kUP"). */
int ui_keys_normalise(int key);
/* Run the line bound to key in scope (and nowhere else); false when there is none. */
bool ui_keys_dispatch_only(struct ui_app *app, enum ui_scope scope, int key);
/* Run the line bound to key in scope, else in UI_SCOPE_GLOBAL; false when none. */
bool ui_keys_dispatch(struct ui_app *app, enum ui_scope scope, int key);
/* Run a command by its whole name (Ctrl-C runs "quit"); false if unknown. The ':'
 * line finds commands itself (ui/command_table.c). */
bool ui_command_run(struct ui_app *app, const char *name);
/* c's help as the help page shows it: a step that `set` changes (fader-step,
 * fader-coarse-step, pan-step) is said as it is now, built in buf. */
const char *ui_command_help(const struct ui_command *c, char *buf, size_t size);
/* Append a footer hint to buf: the first key of each command in cmds (a NULL-ended
 * list) bound in scope, else in UI_SCOPE_GLOBAL where scope does not shadow it, then
 * label ("m d f p monitor"), two spaces before it when buf is not empty. A command
 * with no key is left out, and the hint with it when none has one: the footers
 * follow the bindings. */
void ui_keys_hint(char *buf, size_t size, enum ui_scope scope, const char *const *cmds,
	const char *label);
/* The right end of a page's title line: "MIXER   ? help ", with the keys as bound
 * (back: the command that leaves the page, said first as "Esc back", or NULL). */
void ui_keys_title_right(char *buf, size_t size, enum ui_scope scope, const char *page,
	const char *back);
/* Whether command c works in scope (one bit). */
bool ui_command_in_scope(const struct ui_command *c, enum ui_scope scope);

#endif
