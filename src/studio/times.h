/* The numbers and times a command's words say: a plain number, a time in seconds or
 * m:ss, or a bar of the project's tempo map. Pure functions of the word (and, for
 * bars, the project's map); the UI thread, like every command. */
#ifndef TTYMIX_STUDIO_TIMES_H
#define TTYMIX_STUDIO_TIMES_H

#include <stdbool.h>

#include "src/base/err.h"

struct studio;

/* A plain number: no trailing text, finite. */
bool studio_line_number(const char *s, double *out);
/* A time in seconds (12.5) or m:ss(.fraction) (1:05), 0 to PROJECT_MAX_SECONDS. */
bool studio_line_time(const char *s, double *out);
/* The same, or a bar of the project's tempo map: "b21", "b21.3", "21.3.0" (bar.beat.tick,
 * src/tempo.h). false when it is none: msg then says why when the word is a bar the map
 * has not (bar 3 has 3 beats), and is empty otherwise. */
bool studio_line_when(const struct studio *st, const char *word, double *sec,
	struct err_msg *msg);

#endif
