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

/* Where a command's keys work: bits, so that one command can serve several pages
 * (mute and solo on the mixer and the arranger). A page's own scope is tried before
 * UI_SCOPE_GLOBAL, so a page may reuse a global key ('q' closes help instead of
 * quitting). */
enum ui_scope {
	UI_SCOPE_GLOBAL = 1u << 0,
	UI_SCOPE_MIXER = 1u << 1,
	UI_SCOPE_HELP = 1u << 2,
	/* the help page's heading for the ':' commands (their own table: ui/commands.h) */
	UI_SCOPE_LINE = 1u << 8,
	UI_SCOPE_MASTERING = 1u << 3,
	UI_SCOPE_ARRANGER = 1u << 4,
	UI_SCOPE_STRIP = 1u << 5,     /* the mixer's strip detail view */
	UI_SCOPE_LANE = 1u << 6,      /* the arranger's automation lanes (A) */
};

#define UI_CTRL(c) ((c) & 0x1f)
#define UI_KEY_ESC 27

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
/* A key as the help page shows it: "Space", "Ctrl-S", "PgUp", "h". */
void ui_key_name(int key, char *buf, size_t size);
/* The other way: a key by such a name (also "Shift-Up", "F5", "Ctrl-x"); false when
 * there is no such key. */
bool ui_key_parse(const char *name, int *key);
/* Whether command c works in scope (one bit). */
bool ui_command_in_scope(const struct ui_command *c, enum ui_scope scope);
/* Heading of a scope on the help page. */
const char *ui_scope_title(enum ui_scope scope);

#endif
