/* The ttymixrc: lines of `bind SCOPE KEY COMMAND`, `unbind SCOPE KEY` and `set OPTION
 * VALUE` (blank lines and lines starting with # are skipped; quotes keep spaces in a
 * word, as on the ':' line). Read at start from --config FILE, $TTYMIX_CONFIG, or
 * $XDG_CONFIG_HOME/ttymix/ttymixrc (~/.config when unset), and live by :source; the
 * same lines work typed (:bind, :unbind, :set). A bad line is reported with its file
 * and line, and the rest still loads. UI thread only. */
#ifndef TTYMIX_UI_RC_H
#define TTYMIX_UI_RC_H

#include <stdbool.h>
#include <stddef.h>

#include "ui/app.h"
#include "ui/bind.h"

/* What a file's bad lines were: the first as "NAME:LINE: why", and how many. */
struct ui_rc_report {
	int n_bad;
	int n_read;                   /* lines that did something */
	char first[400];
};

/* Apply one line already split into words (argv[0]: bind, unbind or set); false with
 * why (nothing changed). */
bool ui_rc_words(struct ui_bindings *b, int argc, char **argv, char *why, size_t size);
/* Apply one line of text; a blank line or a comment is true and does nothing. */
bool ui_rc_line(struct ui_bindings *b, const char *text, char *why, size_t size);
/* Apply every line of a file. False when it cannot be read at all (r->first says why,
 * n_bad is 1); else true, with the bad lines (if any) in r. */
bool ui_rc_load(struct ui_bindings *b, const char *path, struct ui_rc_report *r);
/* The file read at start (see above) into buf; *required is false for the default
 * path, which may be missing. False when there is no place (no HOME). */
bool ui_rc_path(const char *option, char *buf, size_t size, bool *required);
/* At start: read that file into the studio's bindings; a bad line goes to the status
 * line ("ttymixrc:3: unknown key \"Hyper-X\" (and 2 more bad lines)"). */
void ui_rc_startup(struct ui_app *app);

/* The ':' commands (the table in ui/keys.c names them). */
void ui_line_bind(struct ui_app *app);
void ui_line_unbind(struct ui_app *app);
void ui_line_set(struct ui_app *app);
void ui_line_source(struct ui_app *app);

#endif
