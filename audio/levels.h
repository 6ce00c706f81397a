/* The sample peak and the RMS level of a stream of samples: what a stem's closing line
 * says (src/render_file.c). Cheap where loudness (audio/loudness.h) is not: a
 * maximum and a sum of squares, four samples at a time, where loudness filters every
 * sample and true peak oversamples it.
 *
 * Thread: one object per thread at a time, any thread; no allocation. */
#ifndef TTYMIX_LEVELS_H
#define TTYMIX_LEVELS_H

#include <stdint.h>

struct levels {
	float peak;          /* largest |sample| so far */
	double sum_sq;       /* of every sample so far */
	int64_t samples;
};

/* Start afresh: nothing added. */
void levels_init(struct levels *l);
/* Add n samples (interleaved channels together: the level of the whole). A NaN counts
 * as 0 toward the peak. */
void levels_add(struct levels *l, const float *x, long n);
/* Add n samples of digital silence (levels_add of n zeros, without reading them). */
void levels_add_silence(struct levels *l, long n);
/* dBFS; -INFINITY for silence or nothing added. The RMS of a full-scale sine is
 * -3.0 dBFS (no +3 dB correction). */
double levels_peak_dbfs(const struct levels *l);
double levels_rms_dbfs(const struct levels *l);

#endif
