/* Finding a name from what a user typed, the one rule every STRIP word, Tab and the
 * '/' jump use: case-insensitive exact, then prefix, then substring, then fuzzy (the
 * typed letters in order: "kck" finds "01_Kick"). The first stage that matches
 * anything decides: one match is the answer, several are candidates to choose from.
 * Pure functions on plain data; any thread. */
#ifndef TTYMIX_STUDIO_FIND_H
#define TTYMIX_STUDIO_FIND_H

#include <stdbool.h>
#include <stddef.h>

enum studio_find_stage {
	STUDIO_FIND_NONE,
	STUDIO_FIND_EXACT,      /* the whole name, ignoring case */
	STUDIO_FIND_PREFIX,
	STUDIO_FIND_SUBSTRING,
	STUDIO_FIND_FUZZY,      /* every typed letter, in order, ignoring case */
};

/* Whether name matches word at that stage (an empty word matches nothing). */
bool studio_find_at(const char *name, const char *word, enum studio_find_stage stage);

/* Match word against names[0..n): the first stage with any match; the indices that
 * match there go to found (up to max, in names' order; *n_found counts them all).
 * STUDIO_FIND_NONE when nothing matches at any stage. A unique answer is the stage's
 * only match: *n_found == 1. */
enum studio_find_stage studio_find_name(const char *const *names, int n, const char *word,
	int *found, int max, int *n_found);

#endif
