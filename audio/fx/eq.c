/* The channel EQ: high-pass and low-pass (12 or 24 dB/oct Butterworth), low and high
 * shelves and four peaking bands, every section a biquad from R. Bristow-Johnson's
 * "Cookbook formulae for audio EQ biquad filter coefficients" (docs/dsp.md, "EQ").
 *
 * Biquads run in transposed direct form II with double coefficients and states on the
 * float signal. A section at its off position (0 dB; a filter at 0 Hz) is skipped, so it
 * costs nothing. Frequencies glide in log(Hz), gains in dB and Q in log(Q) with a
 * one-pole of FX_GLIDE_MS, stepped every FX_SUBBLOCK frames; while a section moves its
 * coefficients are recomputed each step and interpolated linearly sample by sample
 * towards the new values, so a sweep has no steps. States below FX_FLUSH become 0. */
#include "audio/fx/fx.h"

#include "audio/dsp/hot.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

enum {
	P_HPF_HZ, P_HPF_SLOPE, P_LPF_HZ, P_LPF_SLOPE,
	P_LOW_SHELF_HZ, P_LOW_SHELF_DB, P_HIGH_SHELF_HZ, P_HIGH_SHELF_DB,
	P_BAND1_HZ, P_BAND1_DB, P_BAND1_Q,
	P_EQ_COUNT = P_BAND1_HZ + 12
};

#define BAND_PARAMS(k, hz) \
	{ "band" #k "_hz", "Hz", 20, 20000, hz, FX_TAPER_LOG, 0, \
	  "peaking band " #k ": centre frequency" }, \
	{ "band" #k "_db", "dB", -24, 24, 0, FX_TAPER_DB, 0, \
	  "peaking band " #k ": boost or cut at the centre (0: off)" }, \
	{ "band" #k "_q", "", 0.1, 10, 1, FX_TAPER_LOG, 0, \
	  "peaking band " #k ": Q (cookbook definition; higher is narrower)" }

static const struct fx_param eq_params[P_EQ_COUNT] = {
	{ "hpf_hz", "Hz", 0, 20000, 0, FX_TAPER_LOG, 0,
	  "high-pass corner (-3 dB), 0: off" },
	{ "hpf_slope", "dB/oct", 12, 24, 12, FX_TAPER_LIN, 12,
	  "high-pass slope: 12 (2nd-order) or 24 (4th-order Butterworth)" },
	{ "lpf_hz", "Hz", 0, 20000, 0, FX_TAPER_LOG, 0,
	  "low-pass corner (-3 dB), 0: off" },
	{ "lpf_slope", "dB/oct", 12, 24, 12, FX_TAPER_LIN, 12,
	  "low-pass slope: 12 (2nd-order) or 24 (4th-order Butterworth)" },
	{ "low_shelf_hz", "Hz", 20, 2000, 100, FX_TAPER_LOG, 0,
	  "low shelf: corner (half the shelf gain in dB)" },
	{ "low_shelf_db", "dB", -24, 24, 0, FX_TAPER_DB, 0,
	  "low shelf: gain below the corner (0: off)" },
	{ "high_shelf_hz", "Hz", 500, 20000, 8000, FX_TAPER_LOG, 0,
	  "high shelf: corner (half the shelf gain in dB)" },
	{ "high_shelf_db", "dB", -24, 24, 0, FX_TAPER_DB, 0,
	  "high shelf: gain above the corner (0: off)" },
	BAND_PARAMS(1, 100), BAND_PARAMS(2, 500), BAND_PARAMS(3, 2000), BAND_PARAMS(4, 8000),
};

enum kind { K_HPF, K_LPF, K_LOW_SHELF, K_HIGH_SHELF, K_PEAK };

/* Sections in signal order. */
enum { S_HPF1, S_HPF2, S_LPF1, S_LPF2, S_LOW, S_HIGH, S_BAND1, S_COUNT = S_BAND1 + 4 };

#define FLUSH_FRAMES 1024       /* states below FX_FLUSH become 0 this often */
#define HP_OFF_HZ 10.0          /* a high-pass glides here before switching off */
#define LP_OFF_FRACTION 0.49    /* a low-pass glides to this fraction of fs */
/* Butterworth Q values: one 2nd-order section, or the pair making a 4th-order one
 * (1 / (2 cos(pi/8)), 1 / (2 cos(3 pi/8))) */
#define Q_BW2 0.70710678118654752
#define Q_BW4A 0.54119610014619698
#define Q_BW4B 1.30656296487637653

struct section {
	enum kind kind;
	bool on;                 /* the target settings make it do something */
	bool active;             /* it runs (on, or gliding to off) */
	struct fx_glide log_hz, db, log_q;
	double c[5];             /* b0 b1 b2 a1 a2 (a0 = 1) now */
	double ct[5];            /* where the ramp ends */
	double dc[5];            /* per frame while ramping */
	int ramp_left;
	double s[2][2];          /* TDF-II states per channel */
};

#define EQ_PAIRS (S_COUNT / 2)

/* run_cascade's coefficients: sections two by two, lanes (j L, j+1 L, j R, j+1 R).
 * Plain doubles, read with unaligned loads: the baseline build aligns a vector of four
 * doubles to 16 bytes only. */
struct cascade {
	bool valid;
	int m;                      /* active sections */
	int pairs;                  /* (m + 1) / 2: an odd m ends with an identity */
	int sec[S_COUNT];           /* the section of each place */
	double c[EQ_PAIRS][5][4];   /* b0, b1 - a1 b0, b2 - a2 b0, a1, a2 */
};

struct eq {
	double fs;
	double k;                /* glide coefficient per sub-block */
	int sub_left;            /* frames until the next glide step */
	int flush_left;          /* frames until the next flush of tiny states */
	bool moving;             /* some glide or ramp is in progress */
	double p[P_EQ_COUNT];
	struct section sec[S_COUNT];
	struct cascade cas;
};

static double clamp_hz(double hz, double fs)
{
	if (hz > LP_OFF_FRACTION * fs)
		hz = LP_OFF_FRACTION * fs;
	return hz < 1.0 ? 1.0 : hz;
}

/* Cookbook coefficients, normalised by a0. */
static void design(enum kind kind, double fs, double hz, double db, double q, double c[5])
{
	const double w0 = 2.0 * M_PI * clamp_hz(hz, fs) / fs;
	const double cw = cos(w0), sw = sin(w0);
	double b0, b1, b2, a0, a1, a2;
	if (kind == K_HPF || kind == K_LPF) {
		const double alpha = sw / (2.0 * q);
		const double k = kind == K_HPF ? (1.0 + cw) / 2.0 : (1.0 - cw) / 2.0;
		b0 = k;
		b1 = kind == K_HPF ? -(1.0 + cw) : 1.0 - cw;
		b2 = k;
		a0 = 1.0 + alpha;
		a1 = -2.0 * cw;
		a2 = 1.0 - alpha;
	} else if (kind == K_PEAK) {
		const double A = pow(10.0, db / 40.0);
		const double alpha = sw / (2.0 * q);
		b0 = 1.0 + alpha * A;
		b1 = -2.0 * cw;
		b2 = 1.0 - alpha * A;
		a0 = 1.0 + alpha / A;
		a1 = -2.0 * cw;
		a2 = 1.0 - alpha / A;
	} else {
		/* shelf slope S = 1: alpha = sin(w0) / 2 * sqrt(2) */
		const double A = pow(10.0, db / 40.0);
		const double t = 2.0 * sqrt(A) * (sw / 2.0 * M_SQRT2);
		if (kind == K_LOW_SHELF) {
			b0 = A * ((A + 1) - (A - 1) * cw + t);
			b1 = 2 * A * ((A - 1) - (A + 1) * cw);
			b2 = A * ((A + 1) - (A - 1) * cw - t);
			a0 = (A + 1) + (A - 1) * cw + t;
			a1 = -2 * ((A - 1) + (A + 1) * cw);
			a2 = (A + 1) + (A - 1) * cw - t;
		} else {
			b0 = A * ((A + 1) + (A - 1) * cw + t);
			b1 = -2 * A * ((A - 1) + (A + 1) * cw);
			b2 = A * ((A + 1) + (A - 1) * cw - t);
			a0 = (A + 1) - (A - 1) * cw + t;
			a1 = 2 * ((A - 1) - (A + 1) * cw);
			a2 = (A + 1) - (A - 1) * cw - t;
		}
	}
	c[0] = b0 / a0;
	c[1] = b1 / a0;
	c[2] = b2 / a0;
	c[3] = a1 / a0;
	c[4] = a2 / a0;
}

/* The targets of section s from the parameters p: whether it is on, and where its
 * glides go. */
static void section_targets(const double *p, double fs, int s, bool *on, double *hz,
	double *db, double *q)
{
	*db = 0.0;
	*q = Q_BW2;
	switch (s) {
	case S_HPF1:
	case S_HPF2: {
		bool steep = p[P_HPF_SLOPE] > 18.0;
		*on = p[P_HPF_HZ] > 0.0 && (s == S_HPF1 || steep);
		*hz = *on ? clamp_hz(p[P_HPF_HZ], fs) : HP_OFF_HZ;
		*q = steep ? (s == S_HPF1 ? Q_BW4A : Q_BW4B) : Q_BW2;
		break;
	}
	case S_LPF1:
	case S_LPF2: {
		bool steep = p[P_LPF_SLOPE] > 18.0;
		*on = p[P_LPF_HZ] > 0.0 && (s == S_LPF1 || steep);
		*hz = *on ? clamp_hz(p[P_LPF_HZ], fs) : LP_OFF_FRACTION * fs;
		*q = steep ? (s == S_LPF1 ? Q_BW4A : Q_BW4B) : Q_BW2;
		break;
	}
	case S_LOW:
		*hz = p[P_LOW_SHELF_HZ];
		*db = p[P_LOW_SHELF_DB];
		*on = *db != 0.0;
		break;
	case S_HIGH:
		*hz = p[P_HIGH_SHELF_HZ];
		*db = p[P_HIGH_SHELF_DB];
		*on = *db != 0.0;
		break;
	default: {
		int b = s - S_BAND1;
		*hz = p[P_BAND1_HZ + 3 * b];
		*db = p[P_BAND1_DB + 3 * b];
		*q = p[P_BAND1_Q + 3 * b];
		*on = *db != 0.0;
		break;
	}
	}
}

static enum kind section_kind(int s)
{
	switch (s) {
	case S_HPF1: case S_HPF2: return K_HPF;
	case S_LPF1: case S_LPF2: return K_LPF;
	case S_LOW: return K_LOW_SHELF;
	case S_HIGH: return K_HIGH_SHELF;
	default: return K_PEAK;
	}
}

static void section_design(struct eq *q, struct section *sec, double c[5])
{
	design(sec->kind, q->fs, exp(sec->log_hz.cur), sec->db.cur, exp(sec->log_q.cur), c);
}

/* New targets for section s from q->p (audio thread: arithmetic only). */
static void retarget_rt(struct eq *q, int s)
{
	struct section *sec = &q->sec[s];
	bool on;
	double hz, db, qq;
	section_targets(q->p, q->fs, s, &on, &hz, &db, &qq);
	sec->on = on;
	q->cas.valid = false;
	if (!sec->active) {
		if (!on)
			return;
		/* switching on: start where the off position is, so that nothing jumps */
		sec->active = true;
		memset(sec->s, 0, sizeof sec->s);
		if (sec->kind == K_HPF)
			sec->log_hz.cur = log(HP_OFF_HZ);
		else if (sec->kind == K_LPF)
			sec->log_hz.cur = log(LP_OFF_FRACTION * q->fs);
		else
			sec->log_hz.cur = log(hz);
		sec->log_q.cur = log(qq);
		sec->db.cur = 0.0;
		section_design(q, sec, sec->c);
		sec->ramp_left = 0;
	}
	sec->log_hz.target = log(hz);
	sec->db.target = db;
	sec->log_q.target = log(qq);
	q->moving = true;
}

static void snap_rt(struct eq *q)
{
	q->cas.valid = false;
	for (int s = 0; s < S_COUNT; s++) {
		struct section *sec = &q->sec[s];
		bool on;
		double hz, db, qq;
		section_targets(q->p, q->fs, s, &on, &hz, &db, &qq);
		sec->on = sec->active = on;
		sec->log_hz.cur = sec->log_hz.target = log(hz);
		sec->db.cur = sec->db.target = db;
		sec->log_q.cur = sec->log_q.target = log(qq);
		sec->ramp_left = 0;
		memset(sec->s, 0, sizeof sec->s);
		section_design(q, sec, sec->c);
	}
	q->moving = false;
	q->sub_left = 0;
}

static void *eq_create(int sample_rate, const double *params)
{
	struct eq *q = fx_alloc_zeroed(1, sizeof *q);
	if (!q)
		return NULL;
	q->fs = sample_rate;
	q->k = fx_glide_coef(sample_rate);
	memcpy(q->p, params, sizeof q->p);
	for (int s = 0; s < S_COUNT; s++)
		q->sec[s].kind = section_kind(s);
	snap_rt(q);
	return q;
}

static void eq_destroy(void *state)
{
	free(state);
}

static void eq_reset_rt(void *state)
{
	snap_rt(state);
}

static void eq_set_param_rt(void *state, int index, double value)
{
	struct eq *q = state;
	if (index < 0 || index >= P_EQ_COUNT || q->p[index] == value)
		return;
	q->p[index] = value;
	/* only the sections this parameter feeds */
	if (index <= P_HPF_SLOPE) {
		retarget_rt(q, S_HPF1);
		retarget_rt(q, S_HPF2);
	} else if (index <= P_LPF_SLOPE) {
		retarget_rt(q, S_LPF1);
		retarget_rt(q, S_LPF2);
	} else if (index <= P_LOW_SHELF_DB) {
		retarget_rt(q, S_LOW);
	} else if (index <= P_HIGH_SHELF_DB) {
		retarget_rt(q, S_HIGH);
	} else {
		retarget_rt(q, S_BAND1 + (index - P_BAND1_HZ) / 3);
	}
}

/* One glide step for every section; sets up coefficient ramps over the next
 * sub-block. Returns whether anything still moves. */
static bool glide_rt(struct eq *q)
{
	q->cas.valid = false;  /* coefficients ramp, sections stop */
	bool moving = false;
	for (int s = 0; s < S_COUNT; s++) {
		struct section *sec = &q->sec[s];
		if (!sec->active)
			continue;
		bool m = fx_glide_step_rt(&sec->log_hz, q->k, 1e-5);
		m |= fx_glide_step_rt(&sec->db, q->k, 1e-4);
		m |= fx_glide_step_rt(&sec->log_q, q->k, 1e-5);
		if (m) {
			section_design(q, sec, sec->ct);
			for (int i = 0; i < 5; i++)
				sec->dc[i] = (sec->ct[i] - sec->c[i]) / FX_SUBBLOCK;
			sec->ramp_left = FX_SUBBLOCK;
			moving = true;
		} else if (!sec->on && sec->ramp_left == 0) {
			/* arrived at the off position: identity (or close enough), stop running */
			sec->active = false;
			memset(sec->s, 0, sizeof sec->s);
		}
		moving |= sec->ramp_left > 0;
	}
	return moving;
}

/* Run one section over n stereo frames in place, with fixed coefficients. */
static void run_fixed(struct section *sec, float *restrict buf, int n)
{
	const double b0 = sec->c[0], b1 = sec->c[1], b2 = sec->c[2];
	const double a1 = sec->c[3], a2 = sec->c[4];
	double s10 = sec->s[0][0], s20 = sec->s[0][1];
	double s11 = sec->s[1][0], s21 = sec->s[1][1];
	for (int i = 0; i < n; i++) {
		double x0 = buf[i * 2], x1 = buf[i * 2 + 1];
		double y0 = b0 * x0 + s10, y1 = b0 * x1 + s11;
		s10 = b1 * x0 - a1 * y0 + s20;
		s11 = b1 * x1 - a1 * y1 + s21;
		s20 = b2 * x0 - a2 * y0;
		s21 = b2 * x1 - a2 * y1;
		buf[i * 2] = (float)y0;
		buf[i * 2 + 1] = (float)y1;
	}
	sec->s[0][0] = s10;
	sec->s[0][1] = s20;
	sec->s[1][0] = s11;
	sec->s[1][1] = s21;
}

/* The same while the coefficients ramp (n <= ramp_left). */
static void run_ramp(struct section *sec, float *restrict buf, int n)
{
	double *c = sec->c;
	for (int i = 0; i < n; i++) {
		for (int k = 0; k < 5; k++)
			c[k] += sec->dc[k];
		if (--sec->ramp_left == 0)
			memcpy(c, sec->ct, sizeof sec->ct);
		for (int ch = 0; ch < 2; ch++) {
			double x = buf[i * 2 + ch];
			double *s = sec->s[ch];
			double y = c[0] * x + s[0];
			s[0] = c[1] * x - c[3] * y + s[1];
			s[1] = c[2] * x - c[4] * y;
			buf[i * 2 + ch] = (float)y;
		}
	}
}

static void flush_rt(struct eq *q)
{
	for (int s = 0; s < S_COUNT; s++) {
		struct section *sec = &q->sec[s];
		if (!sec->active)
			continue;
		for (int ch = 0; ch < 2; ch++)
			for (int k = 0; k < 2; k++)
				if (fabs(sec->s[ch][k]) < FX_FLUSH)
					sec->s[ch][k] = 0.0;
	}
}

/* All active sections with fixed coefficients, through the cascade frame by frame.
 *
 * Each section runs the transposed direct form II with y substituted into the state
 * updates (docs/dsp.md, "EQ"):
 *     y = b0 x + s1,   s1' = ((b1 - a1 b0) x + s2) - a1 s1,   s2' = (b2 - a2 b0) x - a2 s1
 * The states mean what they mean in the plain form (run_fixed, run_ramp), but the way
 * from a state to its next value is a multiply and a subtraction instead of an addition,
 * a multiply and a subtraction, and that way bounds how fast one biquad can run.
 *
 * In step i section j works on frame i - j, with what section j - 1 made of that frame
 * in step i - 1: the sections of one step do not wait on each other. They go two at a
 * time into a vector of four doubles, lanes (j L, j+1 L, j R, j+1 R), so a pair's input
 * is one shuffle within each half of the last step's outputs; an odd count ends with an
 * identity section (y = x) in the last pair. The states stay in registers: run_pairs is
 * spelt out for each number of pairs.
 *
 * The first and last steps of a call have sections without a frame: they are computed
 * like the others and their states put back. So every section sees every frame once,
 * with the same operations, and leaves the states a plain cascade leaves, whatever the
 * call's length (renders do not depend on block sizes). */
typedef double eq_v4df __attribute__((vector_size(32)));
typedef long long eq_v4di __attribute__((vector_size(32)));
typedef float eq_v2sf __attribute__((vector_size(8)));

static inline eq_v2sf eq_load2(const float *f)
{
	eq_v2sf x;
	memcpy(&x, f, sizeof x);
	return x;
}

/* One step of a pair, the formulas above (macros here: a function passing vectors of
 * four doubles would have another ABI in the baseline copy). */
#define EQ_STEP(c, s1, s2, x, y) do { \
	(y) = EQ_LD((c)[0]) * (x) + (s1); \
	const eq_v4df s1n_ = (EQ_LD((c)[1]) * (x) + (s2)) - EQ_LD((c)[3]) * (s1); \
	(s2) = EQ_LD((c)[2]) * (x) - EQ_LD((c)[4]) * (s1); \
	(s1) = s1n_; \
} while (0)

/* four doubles from anywhere */
#define EQ_LD(a) __extension__ ({ eq_v4df v_; memcpy(&v_, (a), sizeof v_); v_; })

/* A pair's input: lanes 1 and 3 of what feeds it (the previous pair's outputs, or the
 * frame), between lanes 0 and 2 of its own outputs. */
#define EQ_FEED(prev, own) __builtin_shuffle((prev), (own), (eq_v4di){ 1, 4, 3, 6 })

/* frame f as (L, L, R, R), and lanes 1 and 3 of y into frame f */
#define EQ_FRAME(f) __builtin_convertvector(__builtin_shufflevector(eq_load2(f), \
	eq_load2(f), 0, 0, 1, 1), eq_v4df)
#define EQ_PUT(f, y) ((f)[0] = (float)(y)[1], (f)[1] = (float)(y)[3])

/* lanes 0 and 2 (1 and 3) of a, the others of b */
#define EQ_LANES_02(a, b) __builtin_shuffle((a), (b), (eq_v4di){ 0, 5, 2, 7 })
#define EQ_LANES_13(a, b) __builtin_shuffle((a), (b), (eq_v4di){ 4, 1, 6, 3 })

/* calls shorter than this many frames a pair skip the pipeline */
#define EQ_SHORT 4

/* lanes of a where on, of b elsewhere */
#define EQ_SELECT(on, a, b) ((eq_v4df)(((eq_v4di)(a) & (on)) | ((eq_v4di)(b) & ~(on))))

/* The coefficients as the pairs hold them, made again when a section starts, stops or
 * ramps (cascade.valid cleared). */
static inline __attribute__((always_inline)) void cascade_setup(struct eq *q)
{
	struct cascade *k = &q->cas;
	int m = 0;
	for (int s = 0; s < S_COUNT; s++)
		if (q->sec[s].active)
			k->sec[m++] = s;
	k->m = m;
	k->pairs = (m + 1) / 2;
	for (int j = 0; j < k->pairs * 2; j++) {
		double t[5] = { 1.0, 0.0, 0.0, 0.0, 0.0 };
		if (j < m) {
			const double *c = q->sec[k->sec[j]].c;
			t[0] = c[0];
			t[1] = c[1] - c[3] * c[0];
			t[2] = c[2] - c[4] * c[0];
			t[3] = c[3];
			t[4] = c[4];
		}
		for (int i = 0; i < 5; i++)
			k->c[j / 2][i][j % 2] = k->c[j / 2][i][j % 2 + 2] = t[i];
	}
	k->valid = true;
}

/* Step i of a call of n frames with the states of sections without a frame (i - j
 * outside 0..n-1) put back. */
static inline __attribute__((always_inline)) void edge_step(const double (*c)[5][4],
	eq_v4df *s1, eq_v4df *s2, eq_v4df *y, const eq_v4df *jv, float *buf, int n, int i,
	const int pairs)
{
	eq_v4df prev = { 0.0, 0.0, 0.0, 0.0 };
	if (i < n)
		prev = EQ_FRAME(buf + (size_t)i * 2);
	const eq_v4df iv = { i, i, i, i };
#pragma GCC unroll 8
	for (int p = 0; p < pairs; p++) {
		const eq_v4df x = EQ_FEED(prev, y[p]), f = iv - jv[p];
		const eq_v4di on = (f >= 0.0) & (f < (double)n);
		eq_v4df a1 = s1[p], a2 = s2[p];
		prev = y[p];
		EQ_STEP(c[p], a1, a2, x, y[p]);
		s1[p] = EQ_SELECT(on, a1, s1[p]);
		s2[p] = EQ_SELECT(on, a2, s2[p]);
	}
	const int o = i - (2 * pairs - 1);
	if (o >= 0 && o < n)
		EQ_PUT(buf + (size_t)o * 2, y[pairs - 1]);
}

/* A call of n frames: steps 0 .. n + 2 pairs - 2, the first and last ones by
 * edge_step. */
static inline __attribute__((always_inline)) void run_pairs(struct eq *q,
	float *restrict buf, int n, const int pairs)
{
	const struct cascade *k = &q->cas;
	const int d = 2 * pairs - 1;    /* the last section is this many frames behind */
	const double (*c)[5][4] = k->c;
	eq_v4df s1[EQ_PAIRS], s2[EQ_PAIRS], y[EQ_PAIRS], jv[EQ_PAIRS];
	static const double no_state[2][2];
#pragma GCC unroll 8
	for (int p = 0; p < pairs; p++) {
		/* (the identity's states are 0) */
		const double (*a)[2] = q->sec[k->sec[2 * p]].s;
		const double (*b)[2] = 2 * p + 1 < k->m ? q->sec[k->sec[2 * p + 1]].s : no_state;
		s1[p] = (eq_v4df){ a[0][0], b[0][0], a[1][0], b[1][0] };
		s2[p] = (eq_v4df){ a[0][1], b[0][1], a[1][1], b[1][1] };
		y[p] = (eq_v4df){ 0.0, 0.0, 0.0, 0.0 };
		jv[p] = (eq_v4df){ 2.0 * p, 2.0 * p + 1.0, 2.0 * p, 2.0 * p + 1.0 };
	}
	if (n < EQ_SHORT * pairs) {
		/* a short call: each frame through every section in turn, the same operations
		 * per section and frame without the pipeline's start and end */
		for (int i = 0; i < n; i++) {
			eq_v4df prev = EQ_FRAME(buf + (size_t)i * 2);
#pragma GCC unroll 8
			for (int p = 0; p < pairs; p++) {
				eq_v4df a1 = s1[p], a2 = s2[p], ya, yb;
				const eq_v4df xa = EQ_FEED(prev, y[p]);
				EQ_STEP(c[p], a1, a2, xa, ya);
				s1[p] = EQ_LANES_02(a1, s1[p]);
				s2[p] = EQ_LANES_02(a2, s2[p]);
				a1 = s1[p];
				a2 = s2[p];
				const eq_v4df xb = EQ_FEED(prev, ya);
				EQ_STEP(c[p], a1, a2, xb, yb);
				s1[p] = EQ_LANES_13(a1, s1[p]);
				s2[p] = EQ_LANES_13(a2, s2[p]);
				prev = yb;
			}
			EQ_PUT(buf + (size_t)i * 2, prev);
		}
		n = 0;  /* states below */
	}
	for (int i = 0; i < d && n > 0; i++)
		edge_step(c, s1, s2, y, jv, buf, n, i, pairs);
	for (int i = d; i < n; i++) {
		eq_v4df prev = EQ_FRAME(buf + (size_t)i * 2);
#pragma GCC unroll 8
		for (int p = 0; p < pairs; p++) {
			const eq_v4df x = EQ_FEED(prev, y[p]);
			prev = y[p];
			EQ_STEP(c[p], s1[p], s2[p], x, y[p]);
		}
		EQ_PUT(buf + (size_t)(i - d) * 2, y[pairs - 1]);
	}
	for (int i = n > d ? n : d; i < n + d && n > 0; i++)
		edge_step(c, s1, s2, y, jv, buf, n, i, pairs);
#pragma GCC unroll 8
	for (int p = 0; p < pairs; p++) {
		for (int h = 0; h < 2; h++) {
			if (2 * p + h >= k->m)
				continue;
			struct section *sec = &q->sec[k->sec[2 * p + h]];
			sec->s[0][0] = s1[p][h];
			sec->s[1][0] = s1[p][h + 2];
			sec->s[0][1] = s2[p][h];
			sec->s[1][1] = s2[p][h + 2];
		}
	}
}

/* Without AVX a vector of four doubles lives in memory (GCC has no register for it):
 * there each section runs on (L, R) pairs instead (run_plain), pipelined over the
 * frames as run_pairs is, with the states in registers (one loop per section count)
 * and the same operations per section and frame. One machine always takes the same
 * way. */
typedef double eq_v2df __attribute__((vector_size(16)));

/* One section's step on (L, R), the formulas above run_pairs: its output into y (not
 * x itself: x is read after y is set), its states updated */
#define EQ_STEP2(c, s1, s2, x, y) do { \
	(y) = (c)[0] * (x) + (s1); \
	const eq_v2df s1n_ = ((c)[1] * (x) + (s2)) - (c)[3] * (s1); \
	(s2) = (c)[2] * (x) - (c)[4] * (s1); \
	(s1) = s1n_; \
} while (0)

/* As run_pairs, one section a vector: in step i section j works on frame i - j, so
 * the sections of a step do not wait on each other (a frame through five sections one
 * after another waits on five multiply-adds in a row). Calls shorter than the cascade
 * take each frame through every section in turn. Either way every section sees every
 * frame once with the same operations. */
static inline __attribute__((always_inline)) void run_plain(struct eq *q,
	float *restrict buf, int n, const int m)
{
	const struct cascade *k = &q->cas;
	eq_v2df c[S_COUNT][5], s1[S_COUNT], s2[S_COUNT], y[S_COUNT];
#pragma GCC unroll 10
	for (int j = 0; j < m; j++) {
		const struct section *sec = &q->sec[k->sec[j]];
		for (int i = 0; i < 5; i++) {
			const double v = k->c[j / 2][i][j % 2];
			c[j][i] = (eq_v2df){ v, v };
		}
		s1[j] = (eq_v2df){ sec->s[0][0], sec->s[1][0] };
		s2[j] = (eq_v2df){ sec->s[0][1], sec->s[1][1] };
		y[j] = (eq_v2df){ 0.0, 0.0 };
	}
	if (n < m) {
		for (int i = 0; i < n; i++) {
			eq_v2df x = { buf[i * 2], buf[i * 2 + 1] };
#pragma GCC unroll 10
			for (int j = 0; j < m; j++) {
				eq_v2df out;
				EQ_STEP2(c[j], s1[j], s2[j], x, out);
				x = out;
			}
			buf[i * 2] = (float)x[0];
			buf[i * 2 + 1] = (float)x[1];
		}
	} else {
		/* steps 0 .. m - 2: sections 0 .. i */
		for (int i = 0; i < m - 1; i++) {
			eq_v2df prev = { buf[i * 2], buf[i * 2 + 1] };
#pragma GCC unroll 10
			for (int j = 0; j < m; j++) {
				const eq_v2df x = prev;
				prev = y[j];
				if (j <= i)
					EQ_STEP2(c[j], s1[j], s2[j], x, y[j]);
			}
		}
		for (int i = m - 1; i < n; i++) {
			eq_v2df prev = { buf[i * 2], buf[i * 2 + 1] };
#pragma GCC unroll 10
			for (int j = 0; j < m; j++) {
				const eq_v2df x = prev;
				prev = y[j];
				EQ_STEP2(c[j], s1[j], s2[j], x, y[j]);
			}
			buf[(i - (m - 1)) * 2] = (float)y[m - 1][0];
			buf[(i - (m - 1)) * 2 + 1] = (float)y[m - 1][1];
		}
		/* steps n .. n + m - 2: sections i - n + 1 .. m - 1 */
		for (int i = n; i < n + m - 1; i++) {
			eq_v2df prev = { 0.0, 0.0 };
#pragma GCC unroll 10
			for (int j = 0; j < m; j++) {
				const eq_v2df x = prev;
				prev = y[j];
				if (j > i - n)
					EQ_STEP2(c[j], s1[j], s2[j], x, y[j]);
			}
			buf[(i - (m - 1)) * 2] = (float)y[m - 1][0];
			buf[(i - (m - 1)) * 2 + 1] = (float)y[m - 1][1];
		}
	}
#pragma GCC unroll 10
	for (int j = 0; j < m; j++) {
		struct section *sec = &q->sec[k->sec[j]];
		sec->s[0][0] = s1[j][0];
		sec->s[1][0] = s1[j][1];
		sec->s[0][1] = s2[j][0];
		sec->s[1][1] = s2[j][1];
	}
}

DSP_HOT DSP_FUSED static void run_cascade(struct eq *q, float *restrict buf, int n)
{
	if (!q->cas.valid)
		cascade_setup(q);
	if (n <= 0 || q->cas.m == 0)
		return;
	if (dsp_wide()) {
		switch (q->cas.pairs) {
		case 1: run_pairs(q, buf, n, 1); break;
		case 2: run_pairs(q, buf, n, 2); break;
		case 3: run_pairs(q, buf, n, 3); break;
		case 4: run_pairs(q, buf, n, 4); break;
		default: run_pairs(q, buf, n, EQ_PAIRS); break;
		}
		return;
	}
	switch (q->cas.m) {
	case 1: run_plain(q, buf, n, 1); break;
	case 2: run_plain(q, buf, n, 2); break;
	case 3: run_plain(q, buf, n, 3); break;
	case 4: run_plain(q, buf, n, 4); break;
	case 5: run_plain(q, buf, n, 5); break;
	case 6: run_plain(q, buf, n, 6); break;
	case 7: run_plain(q, buf, n, 7); break;
	case 8: run_plain(q, buf, n, 8); break;
	case 9: run_plain(q, buf, n, 9); break;
	default: run_plain(q, buf, n, S_COUNT); break;
	}
}

/* Runs in pieces that never cross a glide step (every FX_SUBBLOCK frames while
 * moving) or a flush (every FLUSH_FRAMES frames), both counted in frames, so the output
 * does not depend on how the caller splits the signal into blocks. */
static void eq_process_rt(void *state, float *buf, int frames)
{
	struct eq *q = state;
	for (int done = 0; done < frames;) {
		if (q->flush_left == 0) {
			flush_rt(q);
			q->flush_left = FLUSH_FRAMES;
		}
		if (q->moving && q->sub_left == 0) {
			q->moving = glide_rt(q);
			q->sub_left = FX_SUBBLOCK;
		}
		int n = frames - done < q->flush_left ? frames - done : q->flush_left;
		float *b = buf + (size_t)done * 2;
		bool ramping = false;
		if (q->moving) {
			if (n > q->sub_left)
				n = q->sub_left;
			for (int s = 0; s < S_COUNT; s++)
				ramping |= q->sec[s].active && q->sec[s].ramp_left > 0;
			q->sub_left -= n;
		}
		if (ramping) {
			q->cas.valid = false;
			for (int s = 0; s < S_COUNT; s++) {
				struct section *sec = &q->sec[s];
				if (!sec->active)
					continue;
				if (sec->ramp_left > 0)
					run_ramp(sec, b, n);
				else
					run_fixed(sec, b, n);
			}
		} else {
			run_cascade(q, b, n);
		}
		q->flush_left -= n;
		done += n;
	}
}

/* |H(e^jw)| of a biquad, dB. */
static double biquad_db(const double c[5], double w)
{
	const double c1 = cos(w), s1 = sin(w), c2 = cos(2 * w), s2 = sin(2 * w);
	double nr = c[0] + c[1] * c1 + c[2] * c2, ni = -(c[1] * s1 + c[2] * s2);
	double dr = 1.0 + c[3] * c1 + c[4] * c2, di = -(c[3] * s1 + c[4] * s2);
	return 10.0 * log10((nr * nr + ni * ni) / (dr * dr + di * di));
}

double fx_eq_magnitude_db(const double *params, int sample_rate, double hz)
{
	const double fs = sample_rate, w = 2.0 * M_PI * hz / fs;
	double sum = 0.0;
	for (int s = 0; s < S_COUNT; s++) {
		bool on;
		double f, db, q;
		section_targets(params, fs, s, &on, &f, &db, &q);
		if (!on)
			continue;
		double c[5];
		design(section_kind(s), fs, f, db, q, c);
		sum += biquad_db(c, w);
	}
	return sum;
}

static bool eq_idle(const void *state)
{
	const struct eq *q = state;
	if (q->moving)
		return false;
	for (int s = 0; s < S_COUNT; s++)
		for (int ch = 0; ch < 2; ch++)
			if (q->sec[s].s[ch][0] != 0.0 || q->sec[s].s[ch][1] != 0.0)
				return false;
	return true;
}

static void eq_skip_rt(void *state, int frames)
{
	struct eq *q = state;
	q->flush_left = fx_countdown_after(q->flush_left, FLUSH_FRAMES, frames);
}

static void eq_carry_rt(void *dst, void *src)
{
	struct eq *q = dst;
	const struct eq *o = src;
	memcpy(q->sec, o->sec, sizeof q->sec);
	q->sub_left = o->sub_left;
	q->flush_left = o->flush_left;
	/* the old sections' states and positions, gliding to this graph's settings */
	for (int s = 0; s < S_COUNT; s++)
		retarget_rt(q, s);
}

const struct fx_class fx_eq = {
	.name = "eq",
	.help = "channel EQ: high/low-pass, two shelves, four peaking bands",
	.params = eq_params,
	.n_params = P_EQ_COUNT,
	.create = eq_create,
	.process_rt = eq_process_rt,
	.set_param_rt = eq_set_param_rt,
	.reset_rt = eq_reset_rt,
	.destroy = eq_destroy,
	.idle = eq_idle,
	.skip_rt = eq_skip_rt,
	.carry_rt = eq_carry_rt,
};
