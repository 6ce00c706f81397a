/* libsoxr, loaded when a file first needs resampling (dlopen, src/base/dl.h) rather
 * than linked: it brings libgomp, about 350 KB of pages that every command paid at
 * start, a render whose files all have the project's rate included (issue 23, goal 5).
 * audio/media.c calls soxr only through soxr_fn.
 *
 * Threads: soxr_dl_load on any thread but the audio thread (media.c's resampler_create,
 * before any resampler exists); the table is read-only afterwards, and the disk and
 * audio threads call process and clear through it. */
#ifndef TTYMIX_AUDIO_SOXR_DL_H
#define TTYMIX_AUDIO_SOXR_DL_H

#include <soxr.h>

#include "src/base/err.h"

/* the functions ttymix calls, typed from the library's own header */
struct soxr_fn {
	__typeof__(soxr_clear) *clear;
	__typeof__(soxr_create) *create;
	__typeof__(soxr_delete) *delete;
	__typeof__(soxr_io_spec) *io_spec;
	__typeof__(soxr_process) *process;
	__typeof__(soxr_quality_spec) *quality_spec;
};

/* filled by soxr_dl_load; NULL members until then */
extern struct soxr_fn soxr_fn;

/* Load libsoxr (once). ERR_NOT_FOUND and one line in msg when it is missing. */
enum err soxr_dl_load(struct err_msg *msg);

#endif
