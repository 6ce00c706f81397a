#include "src/studio/find.h"

#include <ctype.h>
#include <string.h>
#include <strings.h>

static bool contains_ci(const char *name, const char *word)
{
	const size_t n = strlen(word);
	for (const char *s = name; *s; s++)
		if (!strncasecmp(s, word, n))
			return true;
	return false;
}

/* Each letter of word in name, in order, ignoring case. */
static bool in_order_ci(const char *name, const char *word)
{
	const char *s = name;
	for (const char *w = word; *w; w++) {
		const int c = tolower((unsigned char)*w);
		while (*s && tolower((unsigned char)*s) != c)
			s++;
		if (!*s)
			return false;
		s++;
	}
	return true;
}

bool studio_find_at(const char *name, const char *word, enum studio_find_stage stage)
{
	if (!*word)
		return false;
	switch (stage) {
	case STUDIO_FIND_NONE: return false;
	case STUDIO_FIND_EXACT: return !strcasecmp(name, word);
	case STUDIO_FIND_PREFIX: return !strncasecmp(name, word, strlen(word));
	case STUDIO_FIND_SUBSTRING: return contains_ci(name, word);
	case STUDIO_FIND_FUZZY: return in_order_ci(name, word);
	}
	return false;
}

enum studio_find_stage studio_find_name(const char *const *names, int n, const char *word,
	int *found, int max, int *n_found)
{
	static const enum studio_find_stage stages[] = { STUDIO_FIND_EXACT,
		STUDIO_FIND_PREFIX, STUDIO_FIND_SUBSTRING, STUDIO_FIND_FUZZY };
	*n_found = 0;
	for (size_t k = 0; k < sizeof stages / sizeof stages[0]; k++) {
		for (int i = 0; i < n; i++) {
			if (!studio_find_at(names[i], word, stages[k]))
				continue;
			if (*n_found < max)
				found[*n_found] = i;
			(*n_found)++;
		}
		if (*n_found)
			return stages[k];
	}
	return STUDIO_FIND_NONE;
}
