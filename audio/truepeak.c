#include "audio/truepeak.h"

#include "audio/dsp/hot.h"

#include <float.h>
#include <stdbool.h>
#include <stdint.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#define TP_TAPS 49          /* the interpolator's length (libebur128's) */
#define TP_MAX_FACTOR 4
#define TP_MAX_HIST 24      /* history a phase reaches back: (TP_TAPS - 1) / factor */
#define TP_CHUNK 256        /* frames per pass */
#define TP_SMALL 1e-6       /* a coefficient this small is left out (libebur128's) */

typedef double tp_v4df __attribute__((vector_size(32)));
typedef double tp_v2df __attribute__((vector_size(16)));
typedef float tp_v2sf __attribute__((vector_size(8)));
typedef float tp_v4sf __attribute__((vector_size(16)));
typedef int tp_v4si __attribute__((vector_size(16)));

struct truepeak {
	int channels;
	int factor;                         /* 0: no oversampling (192 kHz and up) */
	int hist;                           /* frames of history kept */
	int count[TP_MAX_FACTOR];           /* taps of each phase */
	double coef[TP_MAX_FACTOR][TP_TAPS];
	int back[TP_MAX_FACTOR][TP_TAPS];   /* how many frames before the newest */
	/* the largest sum of |coefficients| of a phase, made a little larger: no frame
	 * interpolated from samples no larger than m can come out larger than m gain */
	double gain;
	float peak[2];
	/* per channel: hist frames of history, then the frames of the pass */
	float x[2][TP_MAX_HIST + TP_CHUNK];
};

struct truepeak *truepeak_create(int sample_rate_hz, int channels)
{
	struct truepeak *t = calloc(1, sizeof *t);
	if (!t)
		return NULL;
	t->channels = channels < 2 ? 1 : 2;
	t->factor = sample_rate_hz < 96000 ? 4 : sample_rate_hz < 192000 ? 2 : 0;
	if (!t->factor)
		return t;
	t->hist = (TP_TAPS - 1) / t->factor;
	/* A Hann-windowed sinc cut at fs/2 of the input, split into its phases; the same
	 * expressions in the same order as libebur128's, so that the doubles come out
	 * equal and the same taps fall under TP_SMALL (the zeros of the sinc). */
	for (unsigned j = 0; j < TP_TAPS; j++) {
		double m = (double)j - (double)(TP_TAPS - 1) / 2.0;
		double c = 1.0;
		if (fabs(m) > TP_SMALL)
			c = sin(m * M_PI / t->factor) / (m * M_PI / t->factor);
		c *= 0.5 * (1 - cos(2 * M_PI * j / (TP_TAPS - 1)));
		if (fabs(c) > TP_SMALL) {
			int f = (int)(j % (unsigned)t->factor);
			t->coef[f][t->count[f]] = c;
			t->back[f][t->count[f]++] = (int)(j / (unsigned)t->factor);
		}
	}
	for (int f = 0; f < t->factor; f++) {
		double sum = 0.0;
		for (int k = 0; k < t->count[f]; k++)
			sum += fabs(t->coef[f][k]);
		/* the margin covers the rounding of the 49 products and their sum in double
		 * (under 1e-14 relative) and of the result to float (6e-8) many times over */
		if (sum * (1.0 + 1e-6) > t->gain)
			t->gain = sum * (1.0 + 1e-6);
	}
	return t;
}

void truepeak_destroy(struct truepeak *t)
{
	free(t);
}

/* |v| > p ? |v| : p lane by lane: a NaN never becomes the peak, as in libebur128,
 * whose comparisons are false for it; nor does a value under FLT_MIN, which
 * libebur128's conversion to float flushes to 0 (it runs with MXCSR's flush-to-zero) */
static inline __attribute__((always_inline)) tp_v4sf tp_max_abs(tp_v4sf p, tp_v4sf v)
{
	const tp_v4sf a = (tp_v4sf)((tp_v4si)v & 0x7fffffff);
	const tp_v4si gt = (a > p) & (a >= FLT_MIN);
	return (tp_v4sf)((gt & (tp_v4si)a) | (~gt & (tp_v4si)p));
}

/* One channel's pass over x[hist .. hist + n): every phase of every frame, four frames
 * of a phase at once; each lane sums its taps in double from 0 in tap order, products
 * rounded before the sum (the build does not contract, and this function is not
 * DSP_FUSED), as libebur128's scalar loop does. The frames are made doubles once (exact)
 * rather than at each of the dozen taps that reach them. */
DSP_HOT static float tp_pass(const struct truepeak *t, const float *x, int n, float peak)
{
	double xd[TP_MAX_HIST + TP_CHUNK];
	for (int j = 0; j < t->hist + n; j++)
		xd[j] = x[j];
	tp_v4sf pv = { peak, peak, peak, peak };
	const int wide = dsp_wide();
	int i = 0;
	/* without four-double vectors: eight frames of a phase at once in four pairs, so
	 * that each tap's index and coefficient serve four vector products, not two */
	for (; !wide && i + 8 <= n; i += 8) {
		const double *now = xd + t->hist + i;
		for (int f = 0; f < t->factor; f++) {
			tp_v2df s0 = { 0.0, 0.0 }, s1 = s0, s2 = s0, s3 = s0;
			for (int k = 0; k < t->count[f]; k++) {
				const double *p = now - t->back[f][k], c = t->coef[f][k];
				tp_v2df a, b, d, e;   /* (one array would be copied through the stack) */
				memcpy(&a, p, sizeof a);
				memcpy(&b, p + 2, sizeof b);
				memcpy(&d, p + 4, sizeof d);
				memcpy(&e, p + 6, sizeof e);
				s0 += a * c;
				s1 += b * c;
				s2 += d * c;
				s3 += e * c;
			}
			pv = tp_max_abs(pv, __builtin_shufflevector(
				__builtin_convertvector(s0, tp_v2sf),
				__builtin_convertvector(s1, tp_v2sf), 0, 1, 2, 3));
			pv = tp_max_abs(pv, __builtin_shufflevector(
				__builtin_convertvector(s2, tp_v2sf),
				__builtin_convertvector(s3, tp_v2sf), 0, 1, 2, 3));
		}
	}
	for (; i + 4 <= n; i += 4) {
		const double *now = xd + t->hist + i;
		for (int f = 0; f < t->factor; f++) {
			if (wide) {
				tp_v4df acc = { 0.0, 0.0, 0.0, 0.0 };
				for (int k = 0; k < t->count[f]; k++) {
					tp_v4df v;
					memcpy(&v, now - t->back[f][k], sizeof v);
					acc += v * t->coef[f][k];
				}
				pv = tp_max_abs(pv, __builtin_convertvector(acc, tp_v4sf));
				continue;
			}
			/* frames 0-1 and 2-3 (audio/dsp/hot.h, dsp_wide) */
			tp_v2df lo = { 0.0, 0.0 }, hi = { 0.0, 0.0 };
			for (int k = 0; k < t->count[f]; k++) {
				tp_v2df a, b;
				memcpy(&a, now - t->back[f][k], sizeof a);
				memcpy(&b, now - t->back[f][k] + 2, sizeof b);
				const double c = t->coef[f][k];
				lo += a * c;
				hi += b * c;
			}
			pv = tp_max_abs(pv, __builtin_shufflevector(
				__builtin_convertvector(lo, tp_v2sf),
				__builtin_convertvector(hi, tp_v2sf), 0, 1, 2, 3));
		}
	}
	for (int l = 0; l < 4; l++)
		peak = pv[l] > peak ? pv[l] : peak;
	for (; i < n; i++) {
		const double *now = xd + t->hist + i;
		for (int f = 0; f < t->factor; f++) {
			double acc = 0.0;
			for (int k = 0; k < t->count[f]; k++)
				acc += now[-t->back[f][k]] * t->coef[f][k];
			float a = fabsf((float)acc);
			peak = a > peak && a >= FLT_MIN ? a : peak;
		}
	}
	return peak;
}

/* Whether channel x's pass over x[0 .. hist + n) cannot raise peak: every frame it
 * interpolates is a sum over those samples, at most their largest magnitude times the
 * gain, and that stays under the peak already found. Then the pass is not run and the
 * peak is the one it would have returned (the loud part of a song sets the peak, and
 * most passes after it fall under it). A NaN is not counted: what it touches comes out
 * NaN, which never becomes the peak. */
DSP_HOT static bool tp_below(const struct truepeak *t, const float *x, int n, float peak)
{
	/* the magnitudes' bits, which order as the magnitudes do (a NaN's, above an
	 * infinity's, taken as 0): an integer maximum, which vectorises where a float one
	 * would not (its NaN rules) */
	uint32_t m = 0;
	for (int j = 0; j < t->hist + n; j++) {
		uint32_t u;
		memcpy(&u, &x[j], sizeof u);
		u &= 0x7fffffffu;
		u = u > 0x7f800000u ? 0 : u;
		m = u > m ? u : m;
	}
	float a;
	memcpy(&a, &m, sizeof a);
	return (double)a * t->gain < (double)peak;
}

void truepeak_add(struct truepeak *t, const float *in, long frames)
{
	if (!t->factor)
		return;
	const int ch = t->channels;
	while (frames > 0) {
		const int n = frames < TP_CHUNK ? (int)frames : TP_CHUNK;
		for (int c = 0; c < ch; c++) {
			float *x = t->x[c];
			for (int i = 0; i < n; i++)
				x[t->hist + i] = in[(size_t)i * (size_t)ch + (size_t)c];
			if (!tp_below(t, x, n, t->peak[c]))
				t->peak[c] = tp_pass(t, x, n, t->peak[c]);
			/* the last hist frames are the next pass's history */
			memmove(x, x + n, sizeof(float) * (size_t)t->hist);
		}
		in += (size_t)n * (size_t)ch;
		frames -= n;
	}
}

double truepeak_get(const struct truepeak *t, int c)
{
	return c >= 0 && c < t->channels ? t->peak[c] : 0.0;
}
