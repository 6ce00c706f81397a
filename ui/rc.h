/* The ttymixrc: lines of `bind SCOPE KEY COMMAND`, `unbind SCOPE KEY` and `set OPTION
 * VALUE` (blank lines and lines starting with # are skipped; quotes keep spaces in a
 * word, as on the ':' line), applied to a struct ui_bindings. The studio reads one at
 * start from --config FILE, $TTYMIX_CONFIG, or $XDG_CONFIG_HOME/ttymix/ttymixrc
 * (~/.config when unset), and more by :source; the same lines work typed (:bind,
 * :unbind, :set; ui/command_table.c). A bad line is reported with its file and line,
 * and the rest still loads. known(verb, n_words) says whether a bound line of n_words
 * may start with verb (the studio passes ui_line_command_exists). Any one thread at a time. */
#ifndef TTYMIX_UI_RC_H
#define TTYMIX_UI_RC_H

#include <stdbool.h>
#include <stddef.h>

#include "ui/bind.h"

/* What a file's bad lines were: the first as "NAME:LINE: why", and how many. */
struct ui_rc_report {
	int n_bad;
	int n_read;                   /* lines that did something */
	char first[400];
};

/* Apply one line already split into words (argv[0]: bind, unbind or set); false with
 * why (nothing changed). */
bool ui_rc_words(struct ui_bindings *b, bool (*known)(const char *verb, int n_words), int argc,
	char **argv, char *why, size_t size);
/* Apply one line of text; a blank line or a comment is true and does nothing. */
bool ui_rc_line(struct ui_bindings *b, bool (*known)(const char *verb, int n_words), const char *text,
	char *why, size_t size);
/* Apply every line of a file. False when it cannot be read at all (r->first says why,
 * n_bad is 1); else true, with the bad lines (if any) in r. */
bool ui_rc_load(struct ui_bindings *b, bool (*known)(const char *verb, int n_words), const char *path,
	struct ui_rc_report *r);
/* The file read at start (see above) into buf; *required is false for the default
 * path, which may be missing. False when there is no place (no HOME). */
bool ui_rc_path(const char *option, char *buf, size_t size, bool *required);
/* Words as one line: each word holding a space quoted again; false (why) if too long. */
bool ui_rc_join(int argc, char **argv, char *buf, size_t size, char *why, size_t why_size);

#endif
