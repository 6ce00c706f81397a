/* Linkwitz-Riley crossover sections (see xover.h; docs/dsp.md). */
#include "audio/fx/xover.h"

#include <complex.h>
#include <math.h>

#include "audio/fx/fx.h"

void xover_design(struct xover *x, double fs, double hz)
{
	if (hz < 1.0)
		hz = 1.0;
	if (hz > 0.49 * fs)
		hz = 0.49 * fs;
	/* R. Bristow-Johnson's cookbook LPF, HPF and APF with Q = 1/sqrt(2) */
	double w0 = 2.0 * M_PI * hz / fs, cw = cos(w0), alpha = sin(w0) / M_SQRT2;
	double a0 = 1.0 + alpha, a1 = -2.0 * cw / a0, a2 = (1.0 - alpha) / a0;
	x->lp = (struct xover_biquad){ (1.0 - cw) / 2.0 / a0, (1.0 - cw) / a0,
		(1.0 - cw) / 2.0 / a0, a1, a2 };
	x->hp = (struct xover_biquad){ (1.0 + cw) / 2.0 / a0, -(1.0 + cw) / a0,
		(1.0 + cw) / 2.0 / a0, a1, a2 };
	x->ap = (struct xover_biquad){ a2, a1, 1.0, a1, a2 };
}

void xover_flush(double (*s)[2], int n)
{
	for (int i = 0; i < n; i++)
		for (int k = 0; k < 2; k++)
			if (fabs(s[i][k]) < FX_FLUSH)
				s[i][k] = 0.0;
}

static double complex biquad_at(const struct xover_biquad *c, double complex z1)
{
	return (c->b0 + c->b1 * z1 + c->b2 * z1 * z1) / (1.0 + c->a1 * z1 + c->a2 * z1 * z1);
}

void xover_response(const struct xover *x, double fs, double hz, double lp_re_im[2],
	double hp_re_im[2], double ap_re_im[2])
{
	double complex z1 = cexp(-I * 2.0 * M_PI * hz / fs);
	double complex lp = biquad_at(&x->lp, z1), hp = biquad_at(&x->hp, z1);
	double complex ap = biquad_at(&x->ap, z1);
	lp *= lp;
	hp *= hp;
	lp_re_im[0] = creal(lp), lp_re_im[1] = cimag(lp);
	hp_re_im[0] = creal(hp), hp_re_im[1] = cimag(hp);
	ap_re_im[0] = creal(ap), ap_re_im[1] = cimag(ap);
}
