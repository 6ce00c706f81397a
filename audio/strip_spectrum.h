/* The spectrum of one strip, for the strip detail: the strip tap (audio/strip_tap.h)
 * read into a 1/3-octave analysis (audio/spectrum.h), the same bands as the master's
 * on the mastering page. Light enough for the UI thread (a copy and, at most ten
 * times a second, one FFT of SPECTRUM_FFT points), so it has no thread of its own.
 *
 * Threads: everything from the UI thread (the one thread that creates FFTW plans).
 * The engine must outlive the object. While an object exists nothing else may read
 * the strip tap. */
#ifndef TTYMIX_STRIP_SPECTRUM_H
#define TTYMIX_STRIP_SPECTRUM_H

#include <stdbool.h>

#include "audio/engine.h"
#include "audio/spectrum.h"
#include "audio/strip_tap.h"
#include "src/base/err.h"

struct strip_spectrum;

/* Errors: ERR_NOMEM (FFTW's buffers or plan). Follows no strip. */
enum err strip_spectrum_create(struct strip_spectrum **out, struct engine *e);
/* Turn the tap off and free. NULL: no-op. */
void strip_spectrum_destroy(struct strip_spectrum *s);
/* Analyse strip (a track, a bus or STRIP_MASTER), or nothing with STRIP_TAP_OFF. A
 * change forgets the spectrum gathered so far. */
void strip_spectrum_follow(struct strip_spectrum *s, int strip);
/* Read what the tap holds; when a tenth of a second of new audio has come since the
 * bands were last computed, compute them into out_db (dB, a full-scale sine at a
 * band's centre reads 0; -INFINITY for nothing) and return true. false: out_db is
 * untouched. */
bool strip_spectrum_update(struct strip_spectrum *s, float out_db[SPECTRUM_BANDS]);

#endif
