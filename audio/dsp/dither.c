#include "audio/dsp/dither.h"

#include <math.h>
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

void dither_process_rt(struct dither *d, float *buf, int frames)
{
	const float scale = (float)(1 << (d->bits - 1));
	const float max_q = scale - 1.0f, min_q = -scale;
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
