/* librubberband, loaded when a clip's pitch is first rendered (dlopen, src/base/dl.h)
 * rather than linked: it brings libstdc++, about 1.5 MB of pages that every command
 * paid at start, a render of a project with no pitched clip included (issue 23, goal
 * 5). src/pitch.c calls rubberband only through rubberband_fn.
 *
 * Threads: rubberband_dl_load on any thread but the audio thread (pitch_build's
 * worker); the table is read-only afterwards. */
#ifndef TTYMIX_SRC_PITCH_DL_H
#define TTYMIX_SRC_PITCH_DL_H

#include <rubberband/rubberband-c.h>

#include "src/base/err.h"

/* the functions ttymix calls, typed from the library's own header */
struct rubberband_fn {
	__typeof__(rubberband_available) *available;
	__typeof__(rubberband_delete) *delete;
	__typeof__(rubberband_new) *new;
	__typeof__(rubberband_process) *process;
	__typeof__(rubberband_retrieve) *retrieve;
	__typeof__(rubberband_set_expected_input_duration) *set_expected_input_duration;
	__typeof__(rubberband_set_max_process_size) *set_max_process_size;
	__typeof__(rubberband_study) *study;
};

/* filled by rubberband_dl_load; NULL members until then */
extern struct rubberband_fn rubberband_fn;

/* Load librubberband (once). ERR_NOT_FOUND and one line in msg when it is missing. */
enum err rubberband_dl_load(struct err_msg *msg);

#endif
