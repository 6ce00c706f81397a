#include "audio/dsp/dither.h"

#include <math.h>
#include <stdint.h>
#include <string.h>

/* The 5-tap psychoacoustic error-feedback filter of Lipshitz, Vanderkooy and Wannamaker,
 * "Minimally audible noise shaping" (JAES 39(11), 1991), designed for 44.1 kHz: pushes the requantisation
 * noise away from the ear's most sensitive band (2-5 kHz) towards the top octave. */
static const float shape_coef[DITHER_SHAPE_TAPS] = {
	2.033f, -2.165f, 1.959f, -1.590f, 0.6149f
};

void dither_init(struct dither *d, enum dither_kind kind, int bits, int channels)
{
	memset(d, 0, sizeof *d);
	d->kind = kind;
	d->bits = bits;
	d->channels = channels > 2 ? 2 : channels;
	d->rng = 0x9E3779B97F4A7C15ull; /* fixed seed: renders are reproducible */
}

/* Uniform in [-0.5, 0.5) from xorshift64*. */
static float uniform_rt(uint64_t *s)
{
	uint64_t x = *s;
	x ^= x >> 12;
	x ^= x << 25;
	x ^= x >> 27;
	*s = x;
	uint64_t r = x * 0x2545F4914F6CDD1Dull;
	return (float)((double)(r >> 11) * (1.0 / 9007199254740992.0)) - 0.5f;
}

/* Without dither or shaping, the plain quantiser four samples at a time (a render of
 * stems quantises a file per strip: the scalar loop was an eighth of its time). The
 * same values as the loop below: rintf of x (|x| < 2^23, where it matters: larger
 * ones are integers already) is (x + c) - c with c = 2^23 carrying x's sign, whose sum
 * has a spacing of 1 and so rounds to the nearest integer, ties to even, as rintf does
 * in the default rounding mode; + 0.0f as the loop adds its zero noise (-0 becomes 0). */
static void quantise_plain_rt(struct dither *d, float *buf, int samples, float scale)
{
	typedef float v4f __attribute__((vector_size(16)));
	typedef int32_t v4i __attribute__((vector_size(16)));
	const v4f sc = { scale, scale, scale, scale }, inv = 1.0f / sc;
	const v4f max_q = sc - 1.0f, min_q = -sc;
	const v4i sign = { INT32_MIN, INT32_MIN, INT32_MIN, INT32_MIN };
	const v4f two23 = { 8388608.0f, 8388608.0f, 8388608.0f, 8388608.0f };
	v4i clipped = { 0, 0, 0, 0 };
	int i = 0;
	for (; i + 4 <= samples; i += 4) {
		v4f x;
		memcpy(&x, buf + i, sizeof x);
		x = x * sc + 0.0f;
		const v4f c = (v4f)(((v4i)x & sign) | (v4i)two23);
		const v4i whole = ((v4i)x & ~sign) >= (v4i)two23;   /* |x| >= 2^23: an integer */
		v4f q = (x + c) - c;
		/* x's sign, as rintf keeps it (-0.3 gives -0, where the sum gives 0) */
		q = (v4f)((v4i)q | ((v4i)x & sign));
		q = (v4f)(((v4i)x & whole) | ((v4i)q & ~whole));
		const v4i hi = q > max_q, lo = q < min_q;
		q = (v4f)(((v4i)max_q & hi) | ((v4i)min_q & lo) | ((v4i)q & ~(hi | lo)));
		clipped -= hi | lo;
		q = q * inv;
		memcpy(buf + i, &q, sizeof q);
	}
	d->clipped += (uint64_t)(clipped[0] + clipped[1] + clipped[2] + clipped[3]);
	const float max_s = scale - 1.0f, min_s = -scale;
	for (; i < samples; i++) {
		float q = rintf(buf[i] * scale + 0.0f);
		if (q > max_s) {
			q = max_s;
			d->clipped++;
		} else if (q < min_s) {
			q = min_s;
			d->clipped++;
		}
		buf[i] = q / scale;
	}
}

void dither_process_rt(struct dither *d, float *buf, int frames)
{
	const float scale = (float)(1 << (d->bits - 1));
	const float max_q = scale - 1.0f, min_q = -scale;
	if (d->kind == DITHER_NONE) {
		quantise_plain_rt(d, buf, frames * d->channels, scale);
		return;
	}
	for (int i = 0; i < frames; i++) {
		for (int c = 0; c < d->channels; c++) {
			float x = buf[i * d->channels + c] * scale;
			float shaped = 0.0f;
			if (d->kind == DITHER_SHAPED)
				for (int k = 0; k < DITHER_SHAPE_TAPS; k++)
					shaped += shape_coef[k] * d->err[c][k];
			float want = x - shaped;
			float noise = 0.0f;
			if (d->kind != DITHER_NONE)
				/* TPDF: sum of two independent uniform variables, 2 LSB peak to peak */
				noise = uniform_rt(&d->rng) + uniform_rt(&d->rng);
			float q = rintf(want + noise);
			if (q > max_q) {
				q = max_q;
				d->clipped++;
			} else if (q < min_q) {
				q = min_q;
				d->clipped++;
			}
			if (d->kind == DITHER_SHAPED) {
				memmove(&d->err[c][1], &d->err[c][0], sizeof(float) * (DITHER_SHAPE_TAPS - 1));
				float e = q - want;
				/* keep the loop stable when clipping makes the error large */
				d->err[c][0] = e > 2.0f ? 2.0f : (e < -2.0f ? -2.0f : e);
			}
			buf[i * d->channels + c] = q / scale;
		}
	}
}
