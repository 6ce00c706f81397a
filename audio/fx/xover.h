/* Linkwitz-Riley crossovers for the multiband compressor and the width insert
 * (docs/dsp.md, "Multiband compressor").
 *
 * A 4th-order Linkwitz-Riley low-pass (high-pass) is two identical 2nd-order
 * Butterworth low-passes (high-passes), Q = 1/sqrt(2), in series. Its two halves sum to
 * the 2nd-order all-pass with the same poles: LP^2 + HP^2 = (s^2 - sqrt2 w s + w^2) /
 * (s^2 + sqrt2 w s + w^2). The bilinear transform maps sums to sums, so with the
 * cookbook's (pre-warped bilinear) biquads the digital halves sum to the digital
 * all-pass (b0 = a2, b1 = a1, b2 = 1) exactly, up to rounding: flat in magnitude.
 *
 * Biquads run in transposed direct form II with double coefficients and states.
 * Design on the control or audio thread (no allocation); ticks on the audio thread. */
#ifndef TTYMIX_XOVER_H
#define TTYMIX_XOVER_H

struct xover_biquad {
	double b0, b1, b2, a1, a2;
};

/* The three sections of a crossover at hz: Butterworth low-pass and high-pass halves
 * (each used twice for LR4) and the all-pass their LR4 versions sum to. hz is kept
 * within 1 Hz .. 0.49 fs. */
struct xover {
	struct xover_biquad lp, hp, ap;
};

void xover_design(struct xover *x, double fs, double hz);

/* One sample through a section; s: its two states. */
static inline double xover_tick(const struct xover_biquad *c, double s[2], double in)
{
	double out = c->b0 * in + s[0];
	s[0] = c->b1 * in - c->a1 * out + s[1];
	s[1] = c->b2 * in - c->a2 * out;
	return out;
}

/* States below FX_FLUSH become 0 (n pairs). */
void xover_flush(double (*s)[2], int n);

/* The complex responses (re, im) of the LR4 low-pass, LR4 high-pass and the all-pass
 * at hz: for tests and plots. */
void xover_response(const struct xover *x, double fs, double hz, double lp_re_im[2],
	double hp_re_im[2], double ap_re_im[2]);

#endif
