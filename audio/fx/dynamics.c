/* Dynamics: a feed-forward compressor and a gate (docs/dsp.md, "Compressor", "Gate").
 *
 * The compressor follows D. Giannoulis, M. Massberg and J. D. Reiss, "Digital Dynamic
 * Range Compressor Design - A Tutorial and Analysis", JAES 60(6), 2012: level in dB ->
 * soft-knee gain computer (their eq. 4) -> smooth *branching* peak detector in the log
 * domain on the gain reduction (their eq. 16, placed after the gain computer as in
 * their fig. 7) -> make-up. Time constants: alpha = exp(-1 / (tau * fs)), so a step in
 * the gain reduction is 63.2 % (1 - 1/e) of the way there after tau (attack when it
 * grows, release when it shrinks). */
#include "audio/fx/fx.h"

#include "audio/dsp/fastmath.h"
#include "audio/dsp/hot.h"

#include <math.h>
#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>

#define DB_PER_LOG2 6.0205999132796239  /* 20 log10(2) */
#define GR_FLUSH_DB 1e-4f  /* gain reduction below this is none (a gain of 0.99999) */

static double coef_ms(double ms, double fs)
{
	return exp(-1.0 / (ms * 1e-3 * fs));
}

/* 20 log10(x) for x > 0 */
static inline float lin_to_db(float x)
{
	return (float)DB_PER_LOG2 * fm_log2_rt(x);
}

static inline float db_to_lin(float db)
{
	return fm_exp2_rt(db * (float)(1.0 / DB_PER_LOG2));
}

/* ---- compressor ---- */

enum {
	C_THRESHOLD_DB, C_RATIO, C_KNEE_DB, C_ATTACK_MS, C_RELEASE_MS, C_MAKEUP_DB,
	C_SIDECHAIN_HPF_HZ, C_STEREO_LINK, C_COUNT
};

static const struct fx_param comp_params[C_COUNT] = {
	{ "threshold_db", "dB", -60, 0, -18, FX_TAPER_DB, 0,
	  "level where compression starts (centre of the knee), dBFS" },
	{ "ratio", ":1", 1, 100, 4, FX_TAPER_LOG, 0,
	  "input dB over the threshold per output dB over it" },
	{ "knee_db", "dB", 0, 24, 6, FX_TAPER_LIN, 0,
	  "width of the soft knee around the threshold (0: hard knee)" },
	{ "attack_ms", "ms", 0.1, 500, 10, FX_TAPER_LOG, 0,
	  "time constant of rising gain reduction (63 % of a step)" },
	{ "release_ms", "ms", 1, 5000, 100, FX_TAPER_LOG, 0,
	  "time constant of falling gain reduction (63 % of a step)" },
	{ "makeup_db", "dB", -12, 24, 0, FX_TAPER_DB, 0,
	  "gain after compression" },
	{ "sidechain_hpf_hz", "Hz", 0, 500, 0, FX_TAPER_LOG, 0,
	  "high-pass on the detector only, so bass does not pump the mix; 0: off" },
	{ "stereo_link", "", 0, 1, 1, FX_TAPER_LIN, 0,
	  "1: both channels follow the louder one; 0: each on its own" },
};

struct comp {
	double fs;
	double p[C_COUNT];
	double alpha_a, alpha_r;     /* double: a float glide stalls short of its goal */
	struct fx_glide threshold, knee, inv_ratio;   /* stepped per FX_SUBBLOCK */
	double glide_k;
	int sub_left;
	float makeup_db, makeup_target, makeup_k;     /* per-frame one-pole */
	float knee_lo_lin;                            /* below this, no gain reduction */
	bool sc_on;
	double sc[5];                                 /* sidechain HPF: b0 b1 b2 a1 a2 */
	double sc_s[2][2];
	double y[2];                                  /* detector: gain reduction, dB */
	_Atomic float gr_db;                          /* for meters (any thread) */
	/* keyed stems (fx_class.record_gains): gains l r per frame */
	const struct fx_gains *rec, *follow;
	unsigned rec_pos;
};

double fx_compressor_curve_db(double x, double t, double ratio, double w)
{
	double over = x - t;
	if (2.0 * over < -w)
		return x;
	if (2.0 * fabs(over) <= w && w > 0) {
		double d = over + w / 2.0;
		return x + (1.0 / ratio - 1.0) * d * d / (2.0 * w);
	}
	return t + over / ratio;
}

static void comp_sidechain_design(struct comp *c)
{
	double hz = c->p[C_SIDECHAIN_HPF_HZ];
	c->sc_on = hz > 0.0;
	if (!c->sc_on) {
		memset(c->sc_s, 0, sizeof c->sc_s);
		return;
	}
	/* RBJ cookbook high-pass, Q = 1/sqrt(2) (docs/dsp.md, "EQ") */
	double w0 = 2.0 * M_PI * hz / c->fs, cw = cos(w0), alpha = sin(w0) / M_SQRT2;
	double a0 = 1.0 + alpha;
	c->sc[0] = (1.0 + cw) / 2.0 / a0;
	c->sc[1] = -(1.0 + cw) / a0;
	c->sc[2] = c->sc[0];
	c->sc[3] = -2.0 * cw / a0;
	c->sc[4] = (1.0 - alpha) / a0;
}

static void comp_knee_lo(struct comp *c)
{
	c->knee_lo_lin = db_to_lin((float)(c->threshold.cur - c->knee.cur / 2.0));
}

static void comp_snap(struct comp *c)
{
	c->threshold.cur = c->threshold.target = c->p[C_THRESHOLD_DB];
	c->knee.cur = c->knee.target = c->p[C_KNEE_DB];
	c->inv_ratio.cur = c->inv_ratio.target = 1.0 / c->p[C_RATIO];
	c->makeup_db = c->makeup_target = (float)c->p[C_MAKEUP_DB];
	c->alpha_a = coef_ms(c->p[C_ATTACK_MS], c->fs);
	c->alpha_r = coef_ms(c->p[C_RELEASE_MS], c->fs);
	comp_sidechain_design(c);
	comp_knee_lo(c);
	c->sub_left = 0;
}

static void *comp_create(int sample_rate, const double *params)
{
	struct comp *c = fx_alloc_zeroed(1, sizeof *c);
	if (!c)
		return NULL;
	c->fs = sample_rate;
	memcpy(c->p, params, sizeof c->p);
	c->glide_k = fx_glide_coef(sample_rate);
	c->makeup_k = (float)(1.0 - exp(-1.0 / (FX_GLIDE_MS * 1e-3 * sample_rate)));
	comp_snap(c);
	atomic_init(&c->gr_db, 0.0f);
	return c;
}

static void comp_destroy(void *state)
{
	free(state);
}

static void comp_reset_rt(void *state)
{
	struct comp *c = state;
	comp_snap(c);
	memset(c->sc_s, 0, sizeof c->sc_s);
	c->y[0] = c->y[1] = 0.0;
	atomic_store_explicit(&c->gr_db, 0.0f, memory_order_relaxed);
}

static void comp_set_param_rt(void *state, int index, double value)
{
	struct comp *c = state;
	if (index < 0 || index >= C_COUNT)
		return;
	c->p[index] = value;
	switch (index) {
	case C_THRESHOLD_DB: c->threshold.target = value; break;
	case C_KNEE_DB: c->knee.target = value; break;
	case C_RATIO: c->inv_ratio.target = 1.0 / value; break;
	case C_ATTACK_MS: c->alpha_a = coef_ms(value, c->fs); break;
	case C_RELEASE_MS: c->alpha_r = coef_ms(value, c->fs); break;
	case C_MAKEUP_DB: c->makeup_target = (float)value; break;
	case C_SIDECHAIN_HPF_HZ: comp_sidechain_design(c); break;
	default: break; /* stereo_link is read per block */
	}
}

/* Gain reduction (dB >= 0) the static curve asks for at linear level x. */
static inline float gain_computer(float x, float lo_lin, float t, float w, float inv_r)
{
	if (x <= lo_lin)
		return 0.0f;
	float over = lin_to_db(x) - t;
	if (2.0f * over <= w && w > 0.0f) {
		float d = over + w * 0.5f;
		return (1.0f - inv_r) * d * d / (2.0f * w);
	}
	return (1.0f - inv_r) * over;
}

/* The passes below are inlined into comp_process_rt, each copy of it (audio/dsp/hot.h):
 * left to itself the compiler would call them out of line, built for the baseline. */
#define COMP_INLINE static inline __attribute__((always_inline))

/* The static curve's parameters, each in every lane (set once per sub-block: where
 * there is no eight-wide register, a scalar meeting eight lanes is spread through
 * memory at every use) */
struct comp_curve {
	fm_v8sf lo, t, w, half_w, slope, k_knee;   /* k_knee = (1 - 1/R) / (2 W) */
	bool knee;                                 /* W > 0 */
};

/* The side-chain high-pass (one biquad per channel, in double) of frames [0, n) into
 * kl/kr. */
static void sidechain_rt(struct comp *c, const float *b, float *kl, float *kr, int n)
{
	double *s0 = c->sc_s[0], *s1 = c->sc_s[1];
	for (int i = 0; i < n; i++) {
		float l = b[i * 2], r = b[i * 2 + 1];
		double o0 = c->sc[0] * l + s0[0], o1 = c->sc[0] * r + s1[0];
		s0[0] = c->sc[1] * l - c->sc[3] * o0 + s0[1];
		s1[0] = c->sc[1] * r - c->sc[3] * o1 + s1[1];
		s0[1] = c->sc[2] * l - c->sc[4] * o0;
		s1[1] = c->sc[2] * r - c->sc[4] * o1;
		kl[i] = (float)o0;
		kr[i] = (float)o1;
	}
}

typedef double comp_v4df __attribute__((vector_size(32)));

enum { CV = 8, CLEN = FX_SUBBLOCK, CNV = FX_SUBBLOCK / CV };
_Static_assert(FX_SUBBLOCK % CV == 0, "a sub-block is whole vectors");

/* A run: up to CSEG sub-block pieces (segments) of the buffer, processed together so
 * that the detector's recursion on one segment runs beside the vector work of its
 * neighbours. Working arrays per segment, padded to whole vectors (the padding lanes
 * compute nothing that is used); on the stack of comp_process_rt (about 28 KB). */
enum { CSEG = 4 };

struct comp_seg {
	float *b;                     /* the segment's frames in the buffer */
	int n;                        /* frames, 1..FX_SUBBLOCK */
	bool flush;                   /* starts a sub-block: y < GR_FLUSH_DB becomes 0 */
	bool quiet;                   /* every level at or under the knee's foot */
	struct comp_curve curve;      /* during it */
	unsigned at;                  /* its first frame's place in the gains' record */
};

struct comp_work {
	struct comp_seg seg[CSEG];
	fm_v8sf k0[CSEG][CNV], k1[CSEG][CNV];  /* levels, then gain reduction */
	fm_v8sf mk[CSEG][CNV];                 /* make-up per frame, dB */
	double yd0[CSEG][CLEN], yd1[CSEG][CLEN];  /* detector output */
	const struct fx_gains *rec;            /* NULL: no record kept */
};

/* The detector's coefficients and the link, for a run */
struct comp_k {
	double aa, ar, ca, cr;        /* a_A, a_R, 1 - a_A, 1 - a_R */
	fm_v8sf link;                 /* in every lane */
};

/* One step of the branching detector (docs/dsp.md, "Compressor", 5.) with
 * u = (1 - a_A) x and w = (1 - a_R) x: of a_A y + u and a_R y + w, the branch the
 * comparison of x with y would pick is the larger one when a_A <= a_R and the smaller
 * one otherwise, so the recursion holds no comparison of x with y, only a fused
 * multiply-add (two, side by side) and a max. With x = 0 (a quiet segment) both are
 * products and the one picked is a_R y (y >= 0), as with the comparison. */
COMP_INLINE double detector_step(double y, double u, double w, const struct comp_k *k,
	bool attack_is_max)
{
	const double p = k->aa * y + u, q = k->ar * y + w;
	if (attack_is_max)
		return p > q ? p : q;
	return p < q ? p : q;
}

/* v as it is, rounded to a double: the compiler may not fuse the product that made it
 * into the addition that takes it (DSP_FUSED would otherwise contract
 * a_A y + (1 - a_A) x either way round, and the detector's u and w are the products
 * rounded, as they were when the curve pass stored them) */
COMP_INLINE double comp_rounded(double v)
{
#if defined(__GNUC__) && (defined(__x86_64__) || defined(__i386__))
	__asm__("" : "+x"(v));
#elif defined(__GNUC__) && defined(__aarch64__)
	__asm__("" : "+w"(v));
#elif defined(__GNUC__)
	__asm__("" : "+m"(v));
#endif
	return v;
}

/* The detector's step on level x: u and w computed beside the recursion, off its path */
COMP_INLINE double detector_x(double y, float x, const struct comp_k *k, bool amax)
{
	const double u = comp_rounded(k->ca * x), w = comp_rounded(k->cr * x);
	return detector_step(y, u, w, k, amax);
}

/* four doubles from yd as floats */
COMP_INLINE fm_v4sf comp_half(const double *yd)
{
	comp_v4df d;
	memcpy(&d, yd, sizeof d);
	return __builtin_convertvector(d, fm_v4sf);
}

/* the constants of the four-wide passes (comp_lanes.h, CL_K) */
static const struct {
	fm_v4sf db_per_log2, to_log2, one;
} comp_k4 = {
	.db_per_log2 = { (float)DB_PER_LOG2, (float)DB_PER_LOG2, (float)DB_PER_LOG2,
		(float)DB_PER_LOG2 },
	.to_log2 = { (float)(1.0 / DB_PER_LOG2), (float)(1.0 / DB_PER_LOG2),
		(float)(1.0 / DB_PER_LOG2), (float)(1.0 / DB_PER_LOG2) },
	.one = { 1.0f, 1.0f, 1.0f, 1.0f },
};

#define CL_W 8
#include "audio/fx/comp_lanes.h"
#undef CL_W
#define CL_W 4
#include "audio/fx/comp_lanes.h"
#undef CL_W

/* Pass 1 for segment j (in order: the side-chain filter and the glides are serial):
 * the sub-block's bookkeeping when it starts one, the levels |x| per channel, whether
 * any is over the knee's foot, the make-up per frame. */
COMP_INLINE void comp_levels(struct comp *c, struct comp_work *s, int j, float *b, int n,
	bool wide)
{
	struct comp_seg *g = &s->seg[j];
	g->b = b;
	g->n = n;
	g->flush = c->sub_left == 0;
	if (g->flush) {
		/* every FX_SUBBLOCK frames (counted in frames, so that the output does not
		 * depend on the block sizes): tiny side-chain filter states become 0 (and the
		 * detector is flushed when the recursion gets there); parameters glide */
		for (int ch = 0; ch < 2; ch++)
			for (int k = 0; k < 2; k++)
				if (fabs(c->sc_s[ch][k]) < FX_FLUSH)
					c->sc_s[ch][k] = 0.0;
		bool m = fx_glide_step_rt(&c->threshold, c->glide_k, 1e-4);
		m |= fx_glide_step_rt(&c->knee, c->glide_k, 1e-4);
		m |= fx_glide_step_rt(&c->inv_ratio, c->glide_k, 1e-6);
		if (m)
			comp_knee_lo(c);
		c->sub_left = FX_SUBBLOCK;
	}
	c->sub_left -= n;
	const float w = (float)c->knee.cur, slope = 1.0f - (float)c->inv_ratio.cur;
	const fm_v8sf one = (fm_v8sf){ 0 } + 1.0f;
	g->curve.lo = one * c->knee_lo_lin;
	g->curve.t = one * (float)c->threshold.cur;
	g->curve.w = one * w;
	g->curve.half_w = one * (w * 0.5f);
	g->curve.slope = one * slope;
	g->curve.k_knee = one * (w > 0.0f ? slope / (2.0f * w) : 0.0f);
	g->curve.knee = w > 0.0f;

	const int nv = (n + CV - 1) / CV, full = n / CV;
	fm_v8sf *k0 = s->k0[j], *k1 = s->k1[j];
	k0[nv - 1] = k1[nv - 1] = (fm_v8sf){ 0 };
	if (c->sc_on) {
		sidechain_rt(c, b, (float *)k0, (float *)k1, n);
	} else {
		/* in four-wide halves: GCC builds an eight-wide shuffle lane by lane through
		 * the stack where there is no eight-wide register (the baseline copy), a
		 * quarter of the compressor's time there */
		for (int v = 0; v < full; v++) {
			/* (four variables: an array of four was copied to the stack as well) */
			fm_v4sf p0, p1, p2, p3;
			memcpy(&p0, b + v * 2 * CV, sizeof p0);
			memcpy(&p1, b + v * 2 * CV + 4, sizeof p1);
			memcpy(&p2, b + v * 2 * CV + 8, sizeof p2);
			memcpy(&p3, b + v * 2 * CV + 12, sizeof p3);
			const fm_v4sf l0 = __builtin_shufflevector(p0, p1, 0, 2, 4, 6);
			const fm_v4sf l1 = __builtin_shufflevector(p2, p3, 0, 2, 4, 6);
			const fm_v4sf r0 = __builtin_shufflevector(p0, p1, 1, 3, 5, 7);
			const fm_v4sf r1 = __builtin_shufflevector(p2, p3, 1, 3, 5, 7);
			float *l = (float *)&k0[v], *r = (float *)&k1[v];
			memcpy(l, &l0, sizeof l0);
			memcpy(l + 4, &l1, sizeof l1);
			memcpy(r, &r0, sizeof r0);
			memcpy(r + 4, &r1, sizeof r1);
		}
		for (int i = full * CV; i < n; i++) {
			((float *)k0)[i] = b[i * 2];
			((float *)k1)[i] = b[i * 2 + 1];
		}
	}
	/* |x|, with a NaN as 0 (no gain reduction, as near enough before); anything over
	 * the knee's foot? */
	g->quiet = !(wide ? comp_abs_v8((float *)k0, (float *)k1, nv, &g->curve.lo)
		: comp_abs_v4((float *)k0, (float *)k1, nv, &g->curve.lo));

	/* the make-up glides per frame while it moves (rarely) */
	if (c->makeup_db == c->makeup_target) {
		const fm_v4sf m = (fm_v4sf){ 0 } + c->makeup_db;   /* halves: as above */
		for (int v = 0; v < nv; v++) {
			float *d = (float *)&s->mk[j][v];
			memcpy(d, &m, sizeof m);
			memcpy(d + 4, &m, sizeof m);
		}
	} else {
		float *mk = (float *)s->mk[j];
		bool moving = true;
		for (int i = 0; i < n; i++) {
			if (moving) {
				c->makeup_db += (c->makeup_target - c->makeup_db) * c->makeup_k;
				if (fabsf(c->makeup_target - c->makeup_db) < 1e-5f)
					c->makeup_db = c->makeup_target;
				moving = c->makeup_db != c->makeup_target;
			}
			mk[i] = c->makeup_db;
		}
	}
}

/* Passes 2 to 4 over the ns segments of a run, software-pipelined: the detector's
 * recursion (pass 3: one frame after another, it cannot be otherwise, and it is the
 * long pole) runs on segment j while the curve of segment j + 1 and the gain of
 * segment j - 1, which do not depend on it, run beside it, one vector of each per
 * vector of the recursion. Inlined once per (linked, attack_is_max) pair and vector
 * width (comp_lanes.h). */
COMP_INLINE void comp_pipeline(struct comp_work *s, int ns, double *y0p, double *y1p,
	const struct comp_k *k, bool linked, bool amax, bool wide)
{
#define COMP_PASS(name, ...) (wide ? name##_v8(__VA_ARGS__) : name##_v4(__VA_ARGS__))
	double y0 = *y0p, y1 = *y1p;
	for (int v = 0; v < CNV; v++)
		if (v * CV < s->seg[0].n)
			COMP_PASS(comp_curve, s, 0, v, k, linked);
	for (int j = 0; j <= ns; j++) {
		const int n = j < ns ? s->seg[j].n : 0;
		if (n > 0 && s->seg[j].flush) {
			/* a release heads for 0 dB for ever: end it (and the per-sample gain it
			 * costs) once it is inaudible, long before it could turn denormal */
			if (y0 < GR_FLUSH_DB)
				y0 = 0.0;
			if (y1 < GR_FLUSH_DB)
				y1 = 0.0;
		}
		/* the gain reduction of the curve (pass 2) */
		const float *x0 = (const float *)s->k0[j & (CSEG - 1)];
		const float *x1 = (const float *)s->k1[j & (CSEG - 1)];
		double *yd0 = s->yd0[j & (CSEG - 1)], *yd1 = s->yd1[j & (CSEG - 1)];
		/* all quiet and the detector at rest: it stays at exactly 0 */
		const bool rest = n > 0 && s->seg[j].quiet && y0 == 0.0 && (linked || y1 == 0.0);
		for (int v = 0; v < CNV; v++) {
			if (j + 1 < ns && v * CV < s->seg[j + 1].n)
				COMP_PASS(comp_curve, s, j + 1, v, k, linked);
			if (rest) {
				for (int i = v * CV; i < (v + 1) * CV; i++)
					yd0[i] = yd1[i] = 0.0;
			} else if ((v + 1) * CV <= n) {
#pragma GCC unroll 8
				for (int i = v * CV; i < (v + 1) * CV; i++) {
					yd0[i] = y0 = detector_x(y0, x0[i], k, amax);
					if (!linked)
						yd1[i] = y1 = detector_x(y1, x1[i], k, amax);
				}
			} else {
				for (int i = v * CV; i < n; i++) {
					yd0[i] = y0 = detector_x(y0, x0[i], k, amax);
					if (!linked)
						yd1[i] = y1 = detector_x(y1, x1[i], k, amax);
				}
			}
			if (j > 0 && v * CV < s->seg[j - 1].n)
				COMP_PASS(comp_apply, s, j - 1, v, linked);
		}
	}
	*y0p = y0;
	*y1p = linked ? y0 : y1;
#undef COMP_PASS
}

/* comp_pipeline for these flags, each pair its own copy */
COMP_INLINE void comp_pipelines(struct comp_work *s, int ns, double *y0, double *y1,
	const struct comp_k *k, bool linked, bool amax, bool wide)
{
	if (linked && amax)
		comp_pipeline(s, ns, y0, y1, k, true, true, wide);
	else if (linked)
		comp_pipeline(s, ns, y0, y1, k, true, false, wide);
	else if (amax)
		comp_pipeline(s, ns, y0, y1, k, false, true, wide);
	else
		comp_pipeline(s, ns, y0, y1, k, false, false, wide);
}

/* A keyed stem's compressor: the gains its mix's compressor recorded, as that one
 * applies them. */
COMP_INLINE void comp_follow_rt(struct comp *c, float *buf, int frames)
{
	const struct fx_gains *f = c->follow;
	/* in runs that do not wrap the record: no position in the loop, vectors */
	for (int done = 0; done < frames;) {
		const unsigned at = (c->rec_pos + (unsigned)done) & f->mask;
		const int n = fx_gains_run(f, at, frames - done);
		const double *restrict g = f->g + (size_t)at * 2;
		float *restrict b = buf + (size_t)done * 2;
		for (int i = 0; i < n * 2; i++)
			b[i] *= (float)g[i];
		done += n;
	}
	c->rec_pos += (unsigned)frames;
}

/* The buffer in runs of up to CSEG segments: pass 1 on each segment in order, then
 * the pipeline. At stereo_link 1 the curve is fed the louder channel's level (the curve
 * is monotonic, so that is the louder one's gain reduction) and one detector and one
 * exp2 serve both channels.
 *
 * Built with contraction (DSP_FUSED; -std=c11 turns it off) so that the x86-64-v3
 * copy fuses the multiply-adds of the polynomials and of the detector; the baseline
 * copy has no fused multiply-add and computes as written. */
DSP_HOT DSP_FUSED
static void comp_process_rt(void *state, float *buf, int frames)
{
	struct comp *c = state;
	if (c->follow) {
		comp_follow_rt(c, buf, frames);
		return;
	}
	struct comp_work s;
	struct comp_k k;
	s.rec = c->rec;
	k.aa = c->alpha_a;
	k.ar = c->alpha_r;
	k.ca = 1.0 - k.aa;
	k.cr = 1.0 - k.ar;
	const float link = (float)c->p[C_STEREO_LINK];
	k.link = (fm_v8sf){ 0 } + link;
	const bool linked = link == 1.0f, amax = k.aa <= k.ar, wide = dsp_wide();
	double y0 = c->y[0], y1 = c->y[1];
	for (int done = 0; done < frames;) {
		int ns = 0;
		while (ns < CSEG && done < frames) {
			int left = c->sub_left == 0 ? FX_SUBBLOCK : c->sub_left;
			int n = frames - done < left ? frames - done : left;
			s.seg[ns].at = c->rec_pos + (unsigned)done;
			comp_levels(c, &s, ns++, buf + (size_t)done * 2, n, wide);
			done += n;
		}
		if (wide)
			comp_pipelines(&s, ns, &y0, &y1, &k, linked, amax, true);
		else
			comp_pipelines(&s, ns, &y0, &y1, &k, linked, amax, false);
	}
	c->y[0] = y0;
	c->y[1] = y1;
	c->rec_pos += (unsigned)frames;
	atomic_store_explicit(&c->gr_db, (float)(y0 > y1 ? y0 : y1), memory_order_relaxed);
}

static void comp_record_gains(void *state, const struct fx_gains *rec)
{
	((struct comp *)state)->rec = rec;
}

static void comp_follow_gains(void *state, const struct fx_gains *rec)
{
	((struct comp *)state)->follow = rec;
}

static float comp_gain_reduction_db(const void *state)
{
	const struct comp *c = state;
	return atomic_load_explicit(&((struct comp *)c)->gr_db, memory_order_relaxed);
}

static bool comp_idle(const void *state)
{
	const struct comp *c = state;
	/* a follower has no memory: its input times the gains recorded */
	if (c->follow)
		return true;
	for (int ch = 0; ch < 2; ch++)
		if (c->sc_s[ch][0] != 0.0 || c->sc_s[ch][1] != 0.0)
			return false;
	return c->y[0] == 0.0 && c->y[1] == 0.0 && c->makeup_db == c->makeup_target &&
		c->threshold.cur == c->threshold.target && c->knee.cur == c->knee.target &&
		c->inv_ratio.cur == c->inv_ratio.target;
}

static void comp_skip_rt(void *state, int frames)
{
	struct comp *c = state;
	c->sub_left = fx_countdown_after(c->sub_left, FX_SUBBLOCK, frames);
	c->rec_pos += (unsigned)frames;
}

static void comp_carry_rt(void *dst, void *src)
{
	struct comp *c = dst;
	const struct comp *o = src;
	memcpy(c->y, o->y, sizeof c->y);
	if (c->sc_on && o->sc_on)
		memcpy(c->sc_s, o->sc_s, sizeof c->sc_s);
	c->threshold.cur = o->threshold.cur;
	c->knee.cur = o->knee.cur;
	c->inv_ratio.cur = o->inv_ratio.cur;
	c->makeup_db = o->makeup_db;
	c->sub_left = o->sub_left;
	comp_knee_lo(c);
}

const struct fx_class fx_compressor = {
	.name = "compressor",
	.help = "feed-forward soft-knee compressor (Giannoulis, Massberg, Reiss 2012)",
	.params = comp_params,
	.n_params = C_COUNT,
	.create = comp_create,
	.process_rt = comp_process_rt,
	.set_param_rt = comp_set_param_rt,
	.reset_rt = comp_reset_rt,
	.destroy = comp_destroy,
	.gain_reduction_db = comp_gain_reduction_db,
	.idle = comp_idle,
	.skip_rt = comp_skip_rt,
	.carry_rt = comp_carry_rt,
	.gains_per_frame = 2,
	.record_gains = comp_record_gains,
	.follow_gains = comp_follow_gains,
};

/* ---- gate ---- */

enum { G_THRESHOLD_DB, G_RANGE_DB, G_ATTACK_MS, G_HOLD_MS, G_RELEASE_MS, G_COUNT };

static const struct fx_param gate_params[G_COUNT] = {
	{ "threshold_db", "dB", -90, 0, -50, FX_TAPER_DB, 0,
	  "the gate opens when either channel's peak reaches this, dBFS" },
	{ "range_db", "dB", -90, 0, -80, FX_TAPER_DB, 0,
	  "gain while closed (0: the gate does nothing)" },
	{ "attack_ms", "ms", 0.1, 500, 1, FX_TAPER_LOG, 0,
	  "time constant of opening (63 % of the way, in dB)" },
	{ "hold_ms", "ms", 0, 2000, 50, FX_TAPER_LOG, 0,
	  "stays open this long after the last peak over the threshold" },
	{ "release_ms", "ms", 1, 5000, 100, FX_TAPER_LOG, 0,
	  "time constant of closing (63 % of the way, in dB)" },
};

struct gate {
	double fs;
	double p[G_COUNT];
	float thr_lin;
	double range_db, alpha_a, alpha_r;
	int hold_frames, hold_left;
	double g_db;                 /* gain now, range_db..0 (double: see struct comp) */
	_Atomic float gr_db;
	/* keyed stems (fx_class.record_gains): one gain per frame */
	const struct fx_gains *rec, *follow;
	unsigned rec_pos;
};

static void gate_coefs(struct gate *g)
{
	g->thr_lin = (float)pow(10.0, g->p[G_THRESHOLD_DB] / 20.0);
	g->range_db = g->p[G_RANGE_DB];
	g->alpha_a = coef_ms(g->p[G_ATTACK_MS], g->fs);
	g->alpha_r = coef_ms(g->p[G_RELEASE_MS], g->fs);
	g->hold_frames = (int)lround(g->p[G_HOLD_MS] * 1e-3 * g->fs);
}

static void *gate_create(int sample_rate, const double *params)
{
	struct gate *g = fx_alloc_zeroed(1, sizeof *g);
	if (!g)
		return NULL;
	g->fs = sample_rate;
	memcpy(g->p, params, sizeof g->p);
	gate_coefs(g);
	g->g_db = g->range_db; /* closed until something comes through */
	atomic_init(&g->gr_db, (float)-g->g_db);
	return g;
}

static void gate_destroy(void *state)
{
	free(state);
}

static void gate_reset_rt(void *state)
{
	struct gate *g = state;
	gate_coefs(g);
	g->g_db = g->range_db;
	g->hold_left = 0;
}

static void gate_set_param_rt(void *state, int index, double value)
{
	struct gate *g = state;
	if (index < 0 || index >= G_COUNT)
		return;
	g->p[index] = value;
	/* a new threshold or range is reached through the attack/release smoothing of
	 * the gain, so nothing here jumps */
	gate_coefs(g);
}

/* A keyed stem's gate: the gains its mix's gate recorded (in runs that do not wrap
 * the record). */
DSP_HOT
static void gate_follow_rt(struct gate *g, float *buf, int frames)
{
	const struct fx_gains *f = g->follow;
	for (int done = 0; done < frames;) {
		const unsigned at = (g->rec_pos + (unsigned)done) & f->mask;
		const int n = fx_gains_run(f, at, frames - done);
		const double *restrict r = f->g + at;
		float *restrict b = buf + (size_t)done * 2;
		for (int i = 0; i < n; i++) {
			const float gain = (float)r[i];
			b[i * 2] *= gain;
			b[i * 2 + 1] *= gain;
		}
		done += n;
	}
	g->rec_pos += (unsigned)frames;
}

static void gate_process_rt(void *state, float *buf, int frames)
{
	struct gate *g = state;
	if (g->follow) {
		gate_follow_rt(g, buf, frames);
		return;
	}
	const float thr = g->thr_lin;
	const double range = g->range_db, aa = g->alpha_a, ar = g->alpha_r;
	double gd = g->g_db;
	int hold = g->hold_left;
	for (int i = 0; i < frames; i++) {
		float l = buf[i * 2], r = buf[i * 2 + 1];
		float key = fabsf(l) > fabsf(r) ? fabsf(l) : fabsf(r);
		double target;
		if (key >= thr) {
			hold = g->hold_frames;
			target = 0.0;
		} else if (hold > 0) {
			hold--;
			target = 0.0;
		} else {
			target = range;
		}
		if (gd != target) {
			double a = target > gd ? aa : ar;
			gd = target + a * (gd - target);
			if (fabs(gd - target) < 1e-4)
				gd = target; /* arrive, rather than creep into denormals */
		}
		float gain = gd == 0.0 ? 1.0f : db_to_lin((float)gd);
		buf[i * 2] = l * gain;
		buf[i * 2 + 1] = r * gain;
		if (g->rec)
			g->rec->g[(g->rec_pos + (unsigned)i) & g->rec->mask] = gain;
	}
	g->rec_pos += (unsigned)frames;
	g->g_db = gd;
	g->hold_left = hold;
	atomic_store_explicit(&g->gr_db, (float)-gd, memory_order_relaxed);
}

static float gate_gain_reduction_db(const void *state)
{
	const struct gate *g = state;
	return atomic_load_explicit(&((struct gate *)g)->gr_db, memory_order_relaxed);
}

static bool gate_idle(const void *state)
{
	const struct gate *g = state;
	if (g->follow)
		return true;   /* its input times the gains recorded: no memory */
	return g->hold_left == 0 && g->g_db == g->range_db;
}

static void gate_skip_rt(void *state, int frames)
{
	((struct gate *)state)->rec_pos += (unsigned)frames;
}

static void gate_record_gains(void *state, const struct fx_gains *rec)
{
	((struct gate *)state)->rec = rec;
}

static void gate_follow_gains(void *state, const struct fx_gains *rec)
{
	((struct gate *)state)->follow = rec;
}

static void gate_carry_rt(void *dst, void *src)
{
	struct gate *g = dst;
	const struct gate *o = src;
	g->g_db = o->g_db;
	g->hold_left = o->hold_left < g->hold_frames ? o->hold_left : g->hold_frames;
}

const struct fx_class fx_gate = {
	.name = "gate",
	.help = "noise gate with hold and a closed-gate range",
	.params = gate_params,
	.n_params = G_COUNT,
	.create = gate_create,
	.process_rt = gate_process_rt,
	.set_param_rt = gate_set_param_rt,
	.reset_rt = gate_reset_rt,
	.destroy = gate_destroy,
	.gain_reduction_db = gate_gain_reduction_db,
	.idle = gate_idle,
	.skip_rt = gate_skip_rt,
	.carry_rt = gate_carry_rt,
	.gains_per_frame = 1,
	.record_gains = gate_record_gains,
	.follow_gains = gate_follow_gains,
};
