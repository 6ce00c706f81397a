/* A command line split into words, as the ':' line, a key's binding and the ttymixrc
 * read it: double or single quotes keep spaces inside a word (:gain "lead vox" -3).
 * Plain data and one pure function; any thread. */
#ifndef TTYMIX_STUDIO_WORDS_H
#define TTYMIX_STUDIO_WORDS_H

#include <stdbool.h>
#include <stddef.h>

#define STUDIO_LINE_MAX 512      /* bytes in a line */
#define STUDIO_WORDS_MAX 16      /* words in a line, the command's name included */

/* argv[0] is the command's name; the words live in store. */
struct studio_words {
	int argc;
	char *argv[STUDIO_WORDS_MAX];
	char store[STUDIO_LINE_MAX + STUDIO_WORDS_MAX];
};

/* Split text into words; false (with a reason in why, when not NULL) on an
 * unterminated quote or too many words. */
bool studio_words_split(const char *text, struct studio_words *out, char *why, size_t why_size);

#endif
