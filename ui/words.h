/* A command line split into words, as the ':' line, a key's binding and the ttymixrc
 * read it: double or single quotes keep spaces inside a word (:gain "lead vox" -3).
 * Plain data and one pure function; any thread. */
#ifndef TTYMIX_UI_WORDS_H
#define TTYMIX_UI_WORDS_H

#include <stdbool.h>
#include <stddef.h>

#define UI_CMDLINE_MAX 512       /* bytes in a line */
#define UI_CMDLINE_MAX_ARGS 16   /* words in a line, the command's name included */

/* argv[0] is the command's name; the words live in store. */
struct ui_line_args {
	int argc;
	char *argv[UI_CMDLINE_MAX_ARGS];
	char store[UI_CMDLINE_MAX + UI_CMDLINE_MAX_ARGS];
};

/* Split text into words; false (with a reason in why, when not NULL) on an
 * unterminated quote or too many words. */
bool ui_line_split(const char *text, struct ui_line_args *out, char *why, size_t why_size);

#endif
