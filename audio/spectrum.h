/* A spectrum for the mastering page: 1/3-octave bands (the 31 ISO 266 centres from
 * 20 Hz to 20 kHz) of the last SPECTRUM_FFT frames, through FFTW (single precision);
 * the only file that calls FFTW, through audio/fftw_dl.h (loaded on the first create).
 *
 * Threads: spectrum_create and spectrum_destroy on any thread (they take a lock
 * around FFTW's planner, which is not thread-safe); spectrum_add and spectrum_bands
 * on one thread at a time per object (the analysis thread, a worker). Not for the
 * audio thread. */
#ifndef TTYMIX_SPECTRUM_H
#define TTYMIX_SPECTRUM_H

#include "src/base/err.h"

#define SPECTRUM_BANDS 31
#define SPECTRUM_FFT 8192

struct spectrum;

enum err spectrum_create(struct spectrum **out, int sample_rate);
/* Load libfftw3f (audio/fftw_dl.h) if it is not yet: spectrum_create does, and fails
 * with ERR_NOT_FOUND when it cannot; this says why in msg, for a command to print. */
enum err spectrum_load(struct err_msg *msg);
void spectrum_destroy(struct spectrum *s); /* NULL: no-op */
/* Add n interleaved stereo frames (their mid, (L+R)/2, is analysed). */
void spectrum_add(struct spectrum *s, const float *frames, int n);
/* Forget what was added. */
void spectrum_clear(struct spectrum *s);
/* Each band's level in dB of the last SPECTRUM_FFT frames (Hann window): a full-scale
 * sine at a band's centre reads 0 dB in that band; -INFINITY for nothing. */
void spectrum_bands(struct spectrum *s, float out_db[SPECTRUM_BANDS]);
/* Add the power of each FFT bin 0..SPECTRUM_FFT/2 of the last SPECTRUM_FFT frames
 * (Hann window) into acc, on the scale spectrum_bands sums (a full-scale sine's bins
 * add up to 1): for a long-term average, call it every SPECTRUM_FFT / 2 frames added
 * and divide by the calls (src/match.c). */
#define SPECTRUM_BINS (SPECTRUM_FFT / 2 + 1)
void spectrum_power_add(struct spectrum *s, double acc[SPECTRUM_BINS]);
/* The bands' levels (dB, as spectrum_bands) of a power per bin as spectrum_power_add
 * gives it. */
void spectrum_bands_of(const struct spectrum *s, const double power[SPECTRUM_BINS],
	float out_db[SPECTRUM_BANDS]);
/* The centre of band i (Hz). */
double spectrum_band_hz(int i);

#endif
