#include "audio/levels.h"

#include <math.h>
#include <string.h>

#include "audio/dsp/fastmath.h"

void levels_init(struct levels *l)
{
	memset(l, 0, sizeof *l);
}

/* Eight lanes of floats at a time, in runs of 512 samples: a float sum of squares is
 * exact enough over a run, and the double that carries it across runs keeps a whole
 * song's sum (one serial double sum would be a dependency chain per sample). The peak
 * is a maximum of the magnitudes' bits, which order as the magnitudes do (a NaN's
 * bits are larger than infinity's: masked to 0). */
void levels_add(struct levels *l, const float *x, long n)
{
	const fm_v4si abs_mask = { 0x7fffffff, 0x7fffffff, 0x7fffffff, 0x7fffffff };
	const fm_v4si inf = { 0x7f800000, 0x7f800000, 0x7f800000, 0x7f800000 };
	fm_v4si peak = { 0, 0, 0, 0 };
	double sum = 0.0;
	for (long from = 0; from < n; from += 512) {
		const long to = from + 512 < n ? from + 512 : n;
		fm_v4sf a = { 0, 0, 0, 0 }, b = { 0, 0, 0, 0 };
		long i = from;
		for (; i + 8 <= to; i += 8) {
			fm_v4sf p, q;
			memcpy(&p, x + i, sizeof p);
			memcpy(&q, x + i + 4, sizeof q);
			a += p * p;
			b += q * q;
			fm_v4si u = (fm_v4si)p & abs_mask, v = (fm_v4si)q & abs_mask;
			u &= u <= inf;
			v &= v <= inf;
			fm_v4si gt = u > peak;
			peak = (u & gt) | (peak & ~gt);
			gt = v > peak;
			peak = (v & gt) | (peak & ~gt);
		}
		float tail = 0.0f;
		for (; i < to; i++) {
			tail += x[i] * x[i];
			float m = fabsf(x[i]);
			if (m > l->peak)
				l->peak = m;
		}
		a += b;
		sum += (double)a[0] + a[1] + a[2] + a[3] + tail;
	}
	for (int k = 0; k < 4; k++) {
		float m;
		memcpy(&m, (const int32_t *)&peak + k, sizeof m);
		if (m > l->peak)
			l->peak = m;
	}
	if (isfinite(sum))
		l->sum_sq += sum;
	l->samples += n;
}

double levels_peak_dbfs(const struct levels *l)
{
	return l->peak > 0.0f ? 20.0 * log10(l->peak) : -INFINITY;
}

double levels_rms_dbfs(const struct levels *l)
{
	if (l->samples <= 0 || !(l->sum_sq > 0.0))
		return -INFINITY;
	return 10.0 * log10(l->sum_sq / (double)l->samples);
}

void levels_add_silence(struct levels *l, long n)
{
	/* zeros leave the peak and the sum of squares as they are */
	l->samples += n;
}
