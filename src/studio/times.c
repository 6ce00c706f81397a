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

/* Seconds, or m:ss(.fraction). */
bool studio_line_time(const char *s, double *out)
{
	const char *colon = strchr(s, ':');
	double v;
	if (!colon) {
		if (!studio_line_number(s, &v))
			return false;
	} else {
		char minutes[32];
		size_t n = (size_t)(colon - s);
		if (n == 0 || n >= sizeof minutes)
			return false;
		memcpy(minutes, s, n);
		minutes[n] = '\0';
		double m, sec;
		if (!studio_line_number(minutes, &m) || m < 0 || m != floor(m)
			|| !studio_line_number(colon + 1, &sec) || sec < 0 || sec >= 60)
			return false;
		v = m * 60 + sec;
	}
	if (v < 0 || v > PROJECT_MAX_SECONDS)
		return false;
	*out = v;
	return true;
}

bool studio_line_when(const struct studio *st, const char *word, double *sec,
	struct err_msg *msg)
{
	const struct tempo_map m = tempo_map_of(st->project);
	if (tempo_parse(&m, word, sec, msg))
		return true;
	return !msg->text[0] && studio_line_time(word, sec);
}
