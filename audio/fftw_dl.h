/* libfftw3f, loaded when the first spectrum is made (dlopen, src/base/dl.h) rather
 * than linked: its codelets are about 300 KB of pages that every command paid at
 * start, though only the spectrum (the studio's meters, review, match) calls it
 * (issue 23, goal 5). audio/spectrum.c calls fftw only through fftwf_fn.
 *
 * Threads: fftwf_dl_load on any thread but the audio thread (spectrum_create); the
 * table is read-only afterwards. */
#ifndef TTYMIX_AUDIO_FFTW_DL_H
#define TTYMIX_AUDIO_FFTW_DL_H

#include <fftw3.h>

#include "src/base/err.h"

/* the functions ttymix calls, typed from the library's own header */
struct fftwf_fn {
	__typeof__(fftwf_destroy_plan) *destroy_plan;
	__typeof__(fftwf_execute) *execute;
	__typeof__(fftwf_free) *free;
	__typeof__(fftwf_malloc) *malloc;
	__typeof__(fftwf_plan_dft_r2c_1d) *plan_dft_r2c_1d;
};

/* filled by fftwf_dl_load; NULL members until then */
extern struct fftwf_fn fftwf_fn;

/* Load libfftw3f (once). ERR_NOT_FOUND and one line in msg when it is missing. */
enum err fftwf_dl_load(struct err_msg *msg);

#endif
