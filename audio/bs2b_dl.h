/* libbs2b, loaded when the monitor section is created (dlopen, src/base/dl.h) rather
 * than linked: it brings libstdc++, about 1.5 MB of pages that every command paid at
 * start, though only the studio monitors (issue 23, goal 5). audio/monitor.c calls
 * bs2b only through bs2b_fn.
 *
 * Threads: bs2b_dl_load on the control thread (monitor_create); the table is
 * read-only afterwards, and the audio thread calls cross_feed_f and clear through it. */
#ifndef TTYMIX_AUDIO_BS2B_DL_H
#define TTYMIX_AUDIO_BS2B_DL_H

#include <bs2b/bs2b.h>

#include "src/base/err.h"

/* the functions ttymix calls, typed from the library's own header */
struct bs2b_fn {
	__typeof__(bs2b_clear) *clear;
	__typeof__(bs2b_close) *close;
	__typeof__(bs2b_cross_feed_f) *cross_feed_f;
	__typeof__(bs2b_open) *open;
	__typeof__(bs2b_set_level) *set_level;
	__typeof__(bs2b_set_srate) *set_srate;
};

/* filled by bs2b_dl_load; NULL members until then */
extern struct bs2b_fn bs2b_fn;

/* Load libbs2b (once). ERR_NOT_FOUND and one line in msg when it is missing. */
enum err bs2b_dl_load(struct err_msg *msg);

#endif
