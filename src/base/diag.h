/* A list of problems found while reading or checking something, one line each
 * ("project.json: tracks[2].gain_db: must be a number"). UI thread / CLI only. */
#ifndef TTYMIX_DIAG_H
#define TTYMIX_DIAG_H

#include <stdbool.h>
#include <stddef.h>

enum diag_level { DIAG_WARNING, DIAG_ERROR };

struct diag_item {
	enum diag_level level;
	char *text;
};

struct diag {
	struct diag_item *items;
	size_t count, cap;
	size_t errors;
};

void diag_init(struct diag *d);
void diag_deinit(struct diag *d);
void diag_add(struct diag *d, enum diag_level level, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
/* Text of the first error (or "" when there is none). */
const char *diag_first_error(const struct diag *d);

#endif
