/* The numbers and times a command's words say (times.h). */
#include "src/studio/times.h"

#include <errno.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "src/project.h"
#include "src/studio/studio.h"
#include "src/tempo.h"

bool studio_line_number(const char *s, double *out)
{
	if (!*s)
		return false;
	char *end;
	errno = 0;
	double v = strtod(s, &end);
	if (*end || errno == ERANGE || !isfinite(v))
		return false;
	*out = v;
	return true;
}

bool studio_line_time(const char *s, double *out)
{
	return tempo_parse_seconds(s, out);
}

bool studio_line_when(const struct studio *st, const char *word, double *sec,
	struct err_msg *msg)
{
	const struct tempo_map m = tempo_map_of(st->project);
	return tempo_parse_when(&m, word, sec, msg);
}
