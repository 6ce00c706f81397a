#include "src/studio/words.h"

#include <stdio.h>
#include <string.h>

bool studio_words_split(const char *text, struct studio_words *out, char *why, size_t why_size)
{
	out->argc = 0;
	char *dst = out->store;
	const char *s = text;
	for (;;) {
		s += strspn(s, " \t");
		if (!*s)
			return true;
		if (out->argc == STUDIO_WORDS_MAX) {
			if (why)
				snprintf(why, why_size, "too many words (at most %d)",
					STUDIO_WORDS_MAX);
			return false;
		}
		out->argv[out->argc++] = dst;
		char quote = 0;
		while (*s && (quote || (*s != ' ' && *s != '\t'))) {
			if (quote && *s == quote)
				quote = 0;
			else if (!quote && (*s == '"' || *s == '\''))
				quote = *s;
			else if (dst < out->store + sizeof out->store - 1)
				*dst++ = *s;
			s++;
		}
		*dst++ = '\0';
		if (quote) {
			if (why)
				snprintf(why, why_size, "a %c quote is not closed", quote);
			return false;
		}
	}
}
