/* True peak (ITU-R BS.1770-4, annex 2): the largest magnitude of the signal
 * oversampled 4 times below 96 kHz and 2 times below 192 kHz (none from 192 kHz up),
 * through the same 49-tap Hann-windowed sinc polyphase interpolator as libebur128's
 * EBUR128_MODE_TRUE_PEAK, with the same taps, the same double sums in the same order
 * and the same rounding to float, so the peak is the value libebur128 gives, bit for
 * bit (tests/loudness_test.c compares them). It is computed here because libebur128's
 * interpolator, written for any channel count with a circular index per tap, took a
 * fifth of a render's CPU: here four output frames of a phase are one vector sum over
 * a straight history (docs/dsp.md, "True peak").
 *
 * Thread: one object per thread at a time, any thread but the audio one (create
 * allocates). The caller owns what truepeak_create makes. */
#ifndef TTYMIX_TRUEPEAK_H
#define TTYMIX_TRUEPEAK_H

struct truepeak;

/* NULL when out of memory. channels: 1 or 2. */
struct truepeak *truepeak_create(int sample_rate_hz, int channels);
void truepeak_destroy(struct truepeak *t); /* NULL is a no-op */

/* Add interleaved frames (any number; block sizes do not change the result). */
void truepeak_add(struct truepeak *t, const float *interleaved, long frames);

/* The largest interpolated magnitude of channel c so far (linear; 0 when nothing was
 * added, and always 0 where no oversampling is done: the caller takes the larger of
 * this and the sample peak, as libebur128 does). */
double truepeak_get(const struct truepeak *t, int c);

#endif
