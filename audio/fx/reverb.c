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

#include "audio/dsp/hot.h"

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
	double gain_len[RV_LINES], gain_decay;     /* what gain[] was computed from */
	double pre_frames, pre_target;
	double damp_a, damp_a_target;         /* 1: no damping */
	double width, width_target, mix, mix_target;
	double k, len_k;
	double damp[RV_LINES];                /* loop low-pass states */
	double dc_x[2], dc_y[2], dc_r;        /* DC blocker */
	int sub_left;
	bool steady;        /* at the last sub-block start nothing glided (and no target
	                       has been set since): reverb_run_steady_rt may run */
};

static double damp_coef(double hz, double fs)
{
	if (hz <= 0.0 || hz >= 0.45 * fs)
		return 1.0;
	return 1.0 - exp(-2.0 * M_PI * hz / fs);
}

static void reverb_gains(struct reverb *r)
{
	for (int i = 0; i < RV_LINES; i++) {
		r->gain[i] = pow(10.0, -3.0 * r->len[i] / (r->fs * r->p[R_DECAY_S]));
		r->gain_len[i] = r->len[i];
	}
	r->gain_decay = r->p[R_DECAY_S];
}

/* gain[] is what reverb_gains would give now */
static bool reverb_gains_current(const struct reverb *r)
{
	for (int i = 0; i < RV_LINES; i++)
		if (r->gain_len[i] != r->len[i])
			return false;
	return r->gain_decay == r->p[R_DECAY_S];
}

/* every gliding value at its target */
static bool reverb_settled(const struct reverb *r)
{
	for (int i = 0; i < RV_LINES; i++)
		if (r->len[i] != r->len_target[i])
			return false;
	return r->pre_frames == r->pre_target && r->damp_a == r->damp_a_target &&
		r->width == r->width_target && r->mix == r->mix_target;
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
	r->steady = false;
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
	struct reverb *r = fx_alloc_zeroed(1, sizeof *r);
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
	r->steady = false;
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

/* Frames while something glides (lengths, predelay, damping, width or mix), or until
 * the next sub-block start after a change: everything per frame, fractional reads.
 * Never crosses a sub-block start. */
static void reverb_run_gliding(struct reverb *r, float *buf, int frames)
{
	const double out_scale = 1.0 / sqrt((double)RV_LINES);
	for (int i = 0; i < frames; i++) {
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

/* The same frames with nothing gliding: whole delays (the lengths are whole frames at
 * their targets), one predelay weight, fixed gains, and the eight lines as four vectors
 * of two doubles (lines 0-1, 2-3, 4-5, 6-7: two doubles fill an SSE register, so the
 * baseline copy of audio/dsp/hot.h keeps them in registers, where vectors of four
 * lived in memory and their comparisons ran lane by lane; the x86-64-v3 copy computes
 * the same). The output signs repeat every four lines (o_L = 1 1 -1 -1, o_R = 1 -1 -1
 * 1; the input weights too), so a line and the one four further are summed first. Runs
 * in stretches in which no read or write index wraps. */
typedef double rv_v2df __attribute__((vector_size(16)));
typedef float rv_v2sf __attribute__((vector_size(8)));
typedef long long rv_v2di __attribute__((vector_size(16)));

/* states below FX_FLUSH become 0 (as flush(): a NaN stays) */
#define RV_FLUSH2(x) ((rv_v2df)((rv_v2di)(x) & \
	~((rv_v2df)((rv_v2di)(x) & 0x7fffffffffffffffLL) < FX_FLUSH)))

/* lines l and l + 1 at t, as doubles */
#define RV_READ2(p, l, t) __builtin_convertvector(((rv_v2sf){ (p)[l][t], (p)[(l) + 1][t] }), \
	rv_v2df)

static inline unsigned rv_min(unsigned a, unsigned b)
{
	return a < b ? a : b;
}

DSP_HOT DSP_FUSED static void reverb_run_steady_rt(struct reverb *r, float *buf,
	int frames)
{
	const double out_scale = 1.0 / sqrt((double)RV_LINES);
	const unsigned mask = r->line_mask, pmask = r->pre_mask;
	unsigned d[RV_LINES];
	for (int l = 0; l < RV_LINES; l++)
		d[l] = (unsigned)r->len[l];
	const double pwhole = floor(r->pre_frames), pfrac = r->pre_frames - pwhole;
	const unsigned pd = (unsigned)pwhole;
	const rv_v2df g0a = { r->gain[0], r->gain[1] }, g0b = { r->gain[2], r->gain[3] };
	const rv_v2df g1a = { r->gain[4], r->gain[5] }, g1b = { r->gain[6], r->gain[7] };
	const double a = r->damp_a, width = r->width, mix = r->mix, dry = 1.0 - mix;
	const double dc_r = r->dc_r;
	rv_v2df z0a = { r->damp[0], r->damp[1] }, z0b = { r->damp[2], r->damp[3] };
	rv_v2df z1a = { r->damp[4], r->damp[5] }, z1b = { r->damp[6], r->damp[7] };
	double dcx0 = r->dc_x[0], dcx1 = r->dc_x[1], dcy0 = r->dc_y[0], dcy1 = r->dc_y[1];
	unsigned w = r->write, pw = r->pre_write;
	for (int done = 0; done < frames;) {
		/* a stretch in which no index wraps */
		unsigned n = (unsigned)(frames - done);
		const float *rp[RV_LINES];
		float *wp[RV_LINES];
		n = rv_min(n, mask + 1 - w);
		for (int l = 0; l < RV_LINES; l++) {
			const unsigned i = (w - d[l]) & mask;
			n = rv_min(n, mask + 1 - i);
			rp[l] = r->line[l] + i;
			wp[l] = r->line[l] + w;
		}
		const unsigned p0 = (pw - pd) & pmask, p1 = (p0 - 1u) & pmask;
		n = rv_min(n, pmask + 1 - pw);
		n = rv_min(n, pmask + 1 - p0);
		if (pfrac != 0.0)
			n = rv_min(n, pmask + 1 - p1);
		float *pin_l = r->pre[0] + pw, *pin_r = r->pre[1] + pw;
		const float *pa_l = r->pre[0] + p0, *pa_r = r->pre[1] + p0;
		const float *pb_l = r->pre[0] + p1, *pb_r = r->pre[1] + p1;
		float *x = buf + (size_t)done * 2;
		for (unsigned t = 0; t < n; t++, x += 2) {
			/* predelay (0 frames: the input itself) */
			pin_l[t] = x[0];
			pin_r[t] = x[1];
			double in_l = pa_l[t], in_r = pa_r[t];
			if (pfrac != 0.0) {
				in_l = (1.0 - pfrac) * in_l + pfrac * pb_l[t];
				in_r = (1.0 - pfrac) * in_r + pfrac * pb_r[t];
			}
			rv_v2df v0a = RV_READ2(rp, 0, t), v0b = RV_READ2(rp, 2, t);
			rv_v2df v1a = RV_READ2(rp, 4, t), v1b = RV_READ2(rp, 6, t);
			/* outputs: lines l and l + 4 share their signs */
			const rv_v2df u = (v0a + v1a) - (v0b + v1b);
			const double wet_l = (u[0] + u[1]) * out_scale;
			const double wet_r = (u[0] - u[1]) * out_scale;
			/* loop low-passes, then Householder: y = s - (2/N) sum(s) */
			v0a *= g0a;
			v0b *= g0b;
			v1a *= g1a;
			v1b *= g1b;
			z0a = RV_FLUSH2(z0a + a * (v0a - z0a));
			z0b = RV_FLUSH2(z0b + a * (v0b - z0b));
			z1a = RV_FLUSH2(z1a + a * (v1a - z1a));
			z1b = RV_FLUSH2(z1b + a * (v1b - z1b));
			const rv_v2df zsa = z0a + z1a, zsb = z0b + z1b;
			const double h = ((zsa[0] + zsb[0]) + (zsa[1] + zsb[1])) * (2.0 / RV_LINES);
			const double e_l = M_SQRT1_2 * in_l, e_r = M_SQRT1_2 * in_r;
			const rv_v2df ea = { e_l, e_r }, eb = { -e_l, -e_r };
			const rv_v2sf o0a = __builtin_convertvector(RV_FLUSH2((z0a - h) + ea), rv_v2sf);
			const rv_v2sf o0b = __builtin_convertvector(RV_FLUSH2((z0b - h) + eb), rv_v2sf);
			const rv_v2sf o1a = __builtin_convertvector(RV_FLUSH2((z1a - h) + ea), rv_v2sf);
			const rv_v2sf o1b = __builtin_convertvector(RV_FLUSH2((z1b - h) + eb), rv_v2sf);
			for (int l = 0; l < 2; l++) {
				wp[l][t] = o0a[l];
				wp[l + 2][t] = o0b[l];
				wp[l + 4][t] = o1a[l];
				wp[l + 6][t] = o1b[l];
			}
			/* DC blocker: y = x - x1 + R y1 */
			const double y0 = flush(wet_l - dcx0 + dc_r * dcy0);
			const double y1 = flush(wet_r - dcx1 + dc_r * dcy1);
			dcx0 = wet_l;
			dcx1 = wet_r;
			dcy0 = y0;
			dcy1 = y1;
			/* width: mid/side, side scaled */
			const double mid = 0.5 * (y0 + y1), side = 0.5 * (y0 - y1) * width;
			x[0] = (float)(x[0] * dry + (mid + side) * mix);
			x[1] = (float)(x[1] * dry + (mid - side) * mix);
		}
		w = (w + n) & mask;
		pw = (pw + n) & pmask;
		done += (int)n;
	}
	for (int l = 0; l < 2; l++) {
		r->damp[l] = z0a[l];
		r->damp[l + 2] = z0b[l];
		r->damp[l + 4] = z1a[l];
		r->damp[l + 6] = z1b[l];
	}
	r->dc_x[0] = dcx0;
	r->dc_x[1] = dcx1;
	r->dc_y[0] = dcy0;
	r->dc_y[1] = dcy1;
	r->write = w;
	r->pre_write = pw;
}

/* Gains follow the lengths and decay_s once per sub-block start (counted in frames), as
 * every gliding value is checked there: from a start at which nothing glides until a
 * parameter is set, the frames take reverb_run_steady_rt, whose sub-block starts would
 * change nothing, so it runs to the end of the call. */
static void reverb_process_rt(void *state, float *buf, int frames)
{
	struct reverb *r = state;
	for (int done = 0; done < frames;) {
		if (r->sub_left == 0) {
			if (!reverb_gains_current(r))
				reverb_gains(r);
			r->sub_left = FX_SUBBLOCK;
			r->steady = reverb_settled(r);
		}
		float *b = buf + (size_t)done * 2;
		int n = frames - done;
		if (r->steady && reverb_gains_current(r)) {
			reverb_run_steady_rt(r, b, n);
			/* the count as frame-by-frame sub-block starts would leave it */
			int left = r->sub_left - n;
			if (left < 0)
				left = (left % FX_SUBBLOCK + FX_SUBBLOCK) % FX_SUBBLOCK;
			r->sub_left = left;
		} else {
			if (n > r->sub_left)
				n = r->sub_left;
			reverb_run_gliding(r, b, n);
			r->sub_left -= n;
		}
		done += n;
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
	memcpy(r->gain_len, o->gain_len, sizeof r->gain_len);
	r->gain_decay = o->gain_decay;
	memcpy(r->damp, o->damp, sizeof r->damp);
	memcpy(r->dc_x, o->dc_x, sizeof r->dc_x);
	memcpy(r->dc_y, o->dc_y, sizeof r->dc_y);
	r->pre_frames = o->pre_frames;
	r->damp_a = o->damp_a;
	r->width = o->width;
	r->mix = o->mix;
	r->sub_left = o->sub_left;
	r->steady = false;  /* src's values glide to dst's targets */
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
