/* Reverb: an 8-line feedback delay network (docs/dsp.md, "Reverb").
 *
 * J.-M. Jot and A. Chaigne, "Digital delay networks for designing artificial
 * reverberators", AES 90th convention, 1991; J. O. Smith, "Physical Audio Signal
 * Processing", "Feedback Delay Networks". Eight delay lines, mutually prime-ish lengths
 * scaled by `size`, mixed through the 8x8 Householder matrix A = I - (2/8) 1 1^T
 * (orthogonal: lossless before the gains). Line i, len_i frames long, is scaled by
 * g_i = 10^(-3 len_i / (fs RT60)), so every path loses 60 dB in RT60 seconds whatever
 * its length. A one-pole low-pass in each loop (`damping_hz`) shortens the high
 * frequencies' decay. The left and right outputs take the lines with two orthogonal sign
 * patterns, so their tails are decorrelated; a DC blocker on the wet output keeps the
 * response's mean at zero. */
#include "audio/fx/fx.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#define RV_LINES 8
#define RV_MAX_SIZE 2.0
#define RV_MAX_PREDELAY_MS 500.0
#define RV_DC_HZ 10.0          /* DC blocker corner */
#define RV_LEN_GLIDE_MS 100.0  /* line lengths glide when size changes */

enum { R_PREDELAY_MS, R_DECAY_S, R_SIZE, R_DAMPING_HZ, R_WIDTH, R_MIX, R_COUNT };

static const struct fx_param reverb_params[R_COUNT] = {
	{ "predelay_ms", "ms", 0, RV_MAX_PREDELAY_MS, 20, FX_TAPER_LOG, 0,
	  "time before the reverb starts" },
	{ "decay_s", "s", 0.1, 20, 1.5, FX_TAPER_LOG, 0,
	  "RT60: time for the tail to fall by 60 dB (below damping_hz)" },
	{ "size", "", 0.5, RV_MAX_SIZE, 1, FX_TAPER_LOG, 0,
	  "room size: scales the delay line lengths (1: 30 to 75 ms)" },
	{ "damping_hz", "Hz", 0, 20000, 6000, FX_TAPER_LOG, 0,
	  "one-pole low-pass in the loop: highs die sooner; 0: off" },
	{ "width", "", 0, 1, 1, FX_TAPER_LIN, 0,
	  "stereo width of the tail: 0 mono, 1 full" },
	{ "mix", "", 0, 1, 0.25, FX_TAPER_LIN, 0,
	  "0: dry only, 1: reverb only (linear crossfade)" },
};

/* line lengths at size 1, ms: spread over 30..75 ms, no two sharing a small ratio */
static const double rv_base_ms[RV_LINES] = {
	29.7, 37.1, 41.1, 43.7, 53.3, 59.9, 67.1, 73.3
};
/* outputs: two orthogonal rows of a Hadamard matrix, so equal-energy lines give
 * uncorrelated L and R; inputs: each side feeds alternate lines, so a mono input excites
 * all eight equally */
static const double rv_out_l[RV_LINES] = { 1, 1, -1, -1, 1, 1, -1, -1 };
static const double rv_out_r[RV_LINES] = { 1, -1, -1, 1, 1, -1, -1, 1 };
static const double rv_in_l[RV_LINES] = { 1, 0, -1, 0, 1, 0, -1, 0 };
static const double rv_in_r[RV_LINES] = { 0, 1, 0, -1, 0, 1, 0, -1 };

struct reverb {
	double fs;
	double p[R_COUNT];
	float *line[RV_LINES];
	unsigned line_mask;
	float *pre[2];
	unsigned pre_mask;
	unsigned write;                       /* shared write index (same length masks) */
	unsigned pre_write;
	double len[RV_LINES], len_target[RV_LINES];   /* frames, gliding */
	double gain[RV_LINES];
	double pre_frames, pre_target;
	double damp_a, damp_a_target;         /* 1: no damping */
	double width, width_target, mix, mix_target;
	double k, len_k;
	double damp[RV_LINES];                /* loop low-pass states */
	double dc_x[2], dc_y[2], dc_r;        /* DC blocker */
	int sub_left;
};

static double damp_coef(double hz, double fs)
{
	if (hz <= 0.0 || hz >= 0.45 * fs)
		return 1.0;
	return 1.0 - exp(-2.0 * M_PI * hz / fs);
}

static void reverb_gains(struct reverb *r)
{
	for (int i = 0; i < RV_LINES; i++)
		r->gain[i] = pow(10.0, -3.0 * r->len[i] / (r->fs * r->p[R_DECAY_S]));
}

static void reverb_len_targets(struct reverb *r)
{
	for (int i = 0; i < RV_LINES; i++)
		r->len_target[i] = round(rv_base_ms[i] * r->p[R_SIZE] * 1e-3 * r->fs);
}

static void reverb_snap(struct reverb *r)
{
	reverb_len_targets(r);
	for (int i = 0; i < RV_LINES; i++)
		r->len[i] = r->len_target[i];
	reverb_gains(r);
	r->pre_frames = r->pre_target = r->p[R_PREDELAY_MS] * 1e-3 * r->fs;
	r->damp_a = r->damp_a_target = damp_coef(r->p[R_DAMPING_HZ], r->fs);
	r->width = r->width_target = r->p[R_WIDTH];
	r->mix = r->mix_target = r->p[R_MIX];
	r->sub_left = 0;
}

static void reverb_destroy(void *state)
{
	struct reverb *r = state;
	if (!r)
		return;
	for (int i = 0; i < RV_LINES; i++)
		free(r->line[i]);
	free(r->pre[0]);
	free(r->pre[1]);
	free(r);
}

static unsigned pow2_at_least(double frames)
{
	unsigned len = 1;
	while (len < (unsigned)ceil(frames))
		len <<= 1;
	return len;
}

static void *reverb_create(int sample_rate, const double *params)
{
	struct reverb *r = calloc(1, sizeof *r);
	if (!r)
		return NULL;
	r->fs = sample_rate;
	memcpy(r->p, params, sizeof r->p);
	unsigned len = pow2_at_least(rv_base_ms[RV_LINES - 1] * RV_MAX_SIZE * 1e-3 * r->fs + 4);
	r->line_mask = len - 1;
	for (int i = 0; i < RV_LINES; i++)
		if (!(r->line[i] = fx_alloc_zeroed(len, sizeof(float)))) {
			reverb_destroy(r);
			return NULL;
		}
	unsigned pre = pow2_at_least(RV_MAX_PREDELAY_MS * 1e-3 * r->fs + 4);
	r->pre_mask = pre - 1;
	for (int ch = 0; ch < 2; ch++)
		if (!(r->pre[ch] = fx_alloc_zeroed(pre, sizeof(float)))) {
			reverb_destroy(r);
			return NULL;
		}
	r->k = 1.0 - exp(-1.0 / (FX_GLIDE_MS * 1e-3 * r->fs));
	r->len_k = 1.0 - exp(-1.0 / (RV_LEN_GLIDE_MS * 1e-3 * r->fs));
	r->dc_r = 1.0 - 2.0 * M_PI * RV_DC_HZ / r->fs;
	reverb_snap(r);
	return r;
}

static void reverb_reset_rt(void *state)
{
	struct reverb *r = state;
	for (int i = 0; i < RV_LINES; i++)
		memset(r->line[i], 0, sizeof(float) * (r->line_mask + 1));
	memset(r->pre[0], 0, sizeof(float) * (r->pre_mask + 1));
	memset(r->pre[1], 0, sizeof(float) * (r->pre_mask + 1));
	memset(r->damp, 0, sizeof r->damp);
	memset(r->dc_x, 0, sizeof r->dc_x);
	memset(r->dc_y, 0, sizeof r->dc_y);
	r->write = r->pre_write = 0;
	reverb_snap(r);
}

static void reverb_set_param_rt(void *state, int index, double value)
{
	struct reverb *r = state;
	if (index < 0 || index >= R_COUNT)
		return;
	r->p[index] = value;
	switch (index) {
	case R_PREDELAY_MS: r->pre_target = value * 1e-3 * r->fs; break;
	case R_SIZE: reverb_len_targets(r); break;
	case R_DAMPING_HZ: r->damp_a_target = damp_coef(value, r->fs); break;
	case R_WIDTH: r->width_target = value; break;
	case R_MIX: r->mix_target = value; break;
	default: break; /* decay_s: the gains follow at the next sub-block */
	}
}

static inline double glide(double cur, double target, double k, double snap)
{
	if (cur == target)
		return cur;
	cur += (target - cur) * k;
	return fabs(target - cur) < snap ? target : cur;
}

static inline double read_frac(const float *line, unsigned mask, unsigned write, double d)
{
	double whole = floor(d);
	double frac = d - whole;
	unsigned i0 = (write - (unsigned)whole) & mask;
	if (frac == 0.0)
		return line[i0];
	return (1.0 - frac) * line[i0] + frac * line[(i0 - 1u) & mask];
}

static inline double flush(double x)
{
	return fabs(x) < FX_FLUSH ? 0.0 : x;
}

static void reverb_process_rt(void *state, float *buf, int frames)
{
	struct reverb *r = state;
	const double out_scale = 1.0 / sqrt((double)RV_LINES);
	for (int i = 0; i < frames; i++) {
		if (r->sub_left == 0) {
			/* gains follow gliding lengths and decay once per sub-block (frame count) */
			reverb_gains(r);
			r->sub_left = FX_SUBBLOCK;
		}
		r->sub_left--;
		for (int l = 0; l < RV_LINES; l++)
			r->len[l] = glide(r->len[l], r->len_target[l], r->len_k, 1e-4);
		r->pre_frames = glide(r->pre_frames, r->pre_target, r->len_k, 1e-4);
		r->damp_a = glide(r->damp_a, r->damp_a_target, r->k, 1e-6);
		r->width = glide(r->width, r->width_target, r->k, 1e-6);
		r->mix = glide(r->mix, r->mix_target, r->k, 1e-6);

		float *x = buf + (size_t)i * 2;
		/* predelay (0 frames: the input itself) */
		r->pre[0][r->pre_write] = x[0];
		r->pre[1][r->pre_write] = x[1];
		double in_l = read_frac(r->pre[0], r->pre_mask, r->pre_write, r->pre_frames);
		double in_r = read_frac(r->pre[1], r->pre_mask, r->pre_write, r->pre_frames);
		r->pre_write = (r->pre_write + 1u) & r->pre_mask;

		double s[RV_LINES], sum = 0.0, wet_l = 0.0, wet_r = 0.0;
		for (int l = 0; l < RV_LINES; l++) {
			double v = read_frac(r->line[l], r->line_mask, r->write, r->len[l]);
			wet_l += rv_out_l[l] * v;
			wet_r += rv_out_r[l] * v;
			v *= r->gain[l];
			r->damp[l] = flush(r->damp[l] + r->damp_a * (v - r->damp[l]));
			s[l] = r->damp[l];
			sum += s[l];
		}
		/* Householder: y = s - (2/N) sum(s) */
		const double h = sum * (2.0 / RV_LINES);
		for (int l = 0; l < RV_LINES; l++)
			r->line[l][r->write] = (float)flush(s[l] - h + M_SQRT1_2 *
				(rv_in_l[l] * in_l + rv_in_r[l] * in_r));
		r->write = (r->write + 1u) & r->line_mask;

		wet_l *= out_scale;
		wet_r *= out_scale;
		/* DC blocker: y = x - x1 + R y1 */
		double w[2] = { wet_l, wet_r };
		for (int ch = 0; ch < 2; ch++) {
			double y = w[ch] - r->dc_x[ch] + r->dc_r * r->dc_y[ch];
			r->dc_x[ch] = w[ch];
			r->dc_y[ch] = flush(y);
			w[ch] = r->dc_y[ch];
		}
		/* width: mid/side, side scaled */
		double mid = 0.5 * (w[0] + w[1]), side = 0.5 * (w[0] - w[1]) * r->width;
		const double mix = r->mix;
		x[0] = (float)(x[0] * (1.0 - mix) + (mid + side) * mix);
		x[1] = (float)(x[1] * (1.0 - mix) + (mid - side) * mix);
	}
}

/* A rebuilt graph's reverb carries on: lines, predelay, filter states and the values
 * gliding (the tail is not cut by an edit); targets stay dst's own. */
static void reverb_carry_rt(void *dst, void *src)
{
	struct reverb *r = dst;
	struct reverb *o = src;
	if (r->line_mask != o->line_mask || r->pre_mask != o->pre_mask || r->fs != o->fs)
		return;
	/* exchanged, not copied (fx.h, carry_rt): half a megabyte of lines */
	for (int i = 0; i < RV_LINES; i++) {
		float *t = r->line[i];
		r->line[i] = o->line[i];
		o->line[i] = t;
	}
	for (int ch = 0; ch < 2; ch++) {
		float *t = r->pre[ch];
		r->pre[ch] = o->pre[ch];
		o->pre[ch] = t;
	}
	r->write = o->write;
	r->pre_write = o->pre_write;
	memcpy(r->len, o->len, sizeof r->len);
	memcpy(r->gain, o->gain, sizeof r->gain);
	memcpy(r->damp, o->damp, sizeof r->damp);
	memcpy(r->dc_x, o->dc_x, sizeof r->dc_x);
	memcpy(r->dc_y, o->dc_y, sizeof r->dc_y);
	r->pre_frames = o->pre_frames;
	r->damp_a = o->damp_a;
	r->width = o->width;
	r->mix = o->mix;
	r->sub_left = o->sub_left;
}

const struct fx_class fx_reverb = {
	.name = "reverb",
	.help = "algorithmic reverb: an 8-line feedback delay network",
	.params = reverb_params,
	.n_params = R_COUNT,
	.create = reverb_create,
	.process_rt = reverb_process_rt,
	.set_param_rt = reverb_set_param_rt,
	.reset_rt = reverb_reset_rt,
	.destroy = reverb_destroy,
	.carry_rt = reverb_carry_rt,
};
