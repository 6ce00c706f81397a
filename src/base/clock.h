/* The monotonic clock in seconds, for intervals (progress lines, timeouts, autosave
 * ticks): never the wall clock, which jumps. Any thread but the audio one; no state. */
#ifndef TTYMIX_CLOCK_H
#define TTYMIX_CLOCK_H

#include <time.h>

static inline double clock_now_sec(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

#endif
