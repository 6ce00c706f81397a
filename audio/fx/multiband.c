/* The multiband compressor: three bands split by 4th-order Linkwitz-Riley crossovers,
 * each band with its own compressor (docs/dsp.md, "Multiband compressor").
 *
 * Split: low = LR4 low-pass at xover_low of x; the rest = LR4 high-pass at xover_low,
 * split again at xover_high into mid and high. mid + high is the rest through the
 * all-pass at xover_high, so the low band goes through that same all-pass too (phase
 * compensation): then low + mid + high = AP_high(AP_low(x)), flat in magnitude, and a
 * neutral setting (ratio 1, makeup 0) changes only the phase.
 *
 * Each band's compressor is the compressor insert's design (dynamics.c): the static
 * curve fx_compressor_curve_db with a fixed 6 dB soft knee, a branching smooth peak
 * detector on the gain reduction in dB (attack while it grows, release while it
 * shrinks; 63 % of a step after the time constant), stereo-linked on the louder
 * channel of the band, and make-up. Thresholds and ratios glide per FX_SUBBLOCK,
 * make-ups per frame; crossover frequencies glide in log(Hz) per FX_SUBBLOCK with the
 * sections redesigned at each step. */
#include "audio/fx/fx.h"

#include <math.h>
#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>

#include "audio/fx/xover.h"

#define DB_PER_LOG2 6.0205999132796239  /* 20 log10(2) */
#define MB_KNEE_DB 6.0
#define MB_GR_FLUSH_DB 1e-4
#define MB_BANDS 3

enum {
	M_XOVER_LOW_HZ, M_XOVER_HIGH_HZ,
	M_BAND0,                    /* then per band: threshold, ratio, attack, release, makeup */
	M_PER_BAND = 5,
	M_COUNT = M_BAND0 + MB_BANDS * M_PER_BAND
};
enum { B_THRESHOLD, B_RATIO, B_ATTACK, B_RELEASE, B_MAKEUP };

#define BAND_PARAMS(b, what) \
	{ b "_threshold_db", "dB", -60, 0, -20, FX_TAPER_DB, 0, \
	  what " band: level where compression starts (centre of a 6 dB knee), dBFS" }, \
	{ b "_ratio", ":1", 1, 20, 1, FX_TAPER_LOG, 0, \
	  what " band: input dB over the threshold per output dB (1: the band is untouched)" }, \
	{ b "_attack_ms", "ms", 0.1, 500, 10, FX_TAPER_LOG, 0, \
	  what " band: time constant of rising gain reduction" }, \
	{ b "_release_ms", "ms", 1, 5000, 150, FX_TAPER_LOG, 0, \
	  what " band: time constant of falling gain reduction" }, \
	{ b "_makeup_db", "dB", -12, 24, 0, FX_TAPER_DB, 0, \
	  what " band: gain after compression" }

static const struct fx_param mb_params[M_COUNT] = {
	{ "xover_low_hz", "Hz", 20, 1000, 200, FX_TAPER_LOG, 0,
	  "crossover between the low and mid bands (Linkwitz-Riley, 24 dB/oct)" },
	{ "xover_high_hz", "Hz", 1000, 16000, 3000, FX_TAPER_LOG, 0,
	  "crossover between the mid and high bands (Linkwitz-Riley, 24 dB/oct)" },
	BAND_PARAMS("low", "low"),
	BAND_PARAMS("mid", "mid"),
	BAND_PARAMS("high", "high"),
};

struct mb_band {
	struct fx_glide threshold, inv_ratio;
	double alpha_a, alpha_r;
	double makeup_db, makeup_target;
	float lo_lin;               /* below this level the curve asks for nothing */
	double y;                   /* detector: gain reduction, dB */
};

/* Filter states per channel, in signal order. */
enum { F_LP1A, F_LP1B, F_AP2, F_HP1A, F_HP1B, F_LP2A, F_LP2B, F_HP2A, F_HP2B, F_COUNT };

struct multiband {
	double fs;
	double p[M_COUNT];
	struct fx_glide log_lo_hz, log_hi_hz;
	struct xover lo, hi;
	double s[2][F_COUNT][2];
	struct mb_band band[MB_BANDS];
	double glide_k, makeup_k;
	int sub_left;
	_Atomic float gr_db;
	/* keyed stems (fx_class.record_gains): the three bands' gains per frame; a
	 * follower splits its own signal and applies them */
	const struct fx_gains *rec, *follow;
	unsigned rec_pos;
};

static double coef_ms(double ms, double fs)
{
	return exp(-1.0 / (ms * 1e-3 * fs));
}

static void band_lo(struct mb_band *b)
{
	b->lo_lin = (float)pow(10.0, (b->threshold.cur - MB_KNEE_DB / 2.0) / 20.0);
}

static void mb_design(struct multiband *m)
{
	xover_design(&m->lo, m->fs, exp(m->log_lo_hz.cur));
	xover_design(&m->hi, m->fs, exp(m->log_hi_hz.cur));
}

static void mb_snap(struct multiband *m)
{
	m->log_lo_hz.cur = m->log_lo_hz.target = log(m->p[M_XOVER_LOW_HZ]);
	m->log_hi_hz.cur = m->log_hi_hz.target = log(m->p[M_XOVER_HIGH_HZ]);
	for (int k = 0; k < MB_BANDS; k++) {
		const double *bp = m->p + M_BAND0 + k * M_PER_BAND;
		struct mb_band *b = &m->band[k];
		b->threshold.cur = b->threshold.target = bp[B_THRESHOLD];
		b->inv_ratio.cur = b->inv_ratio.target = 1.0 / bp[B_RATIO];
		b->alpha_a = coef_ms(bp[B_ATTACK], m->fs);
		b->alpha_r = coef_ms(bp[B_RELEASE], m->fs);
		b->makeup_db = b->makeup_target = bp[B_MAKEUP];
		band_lo(b);
	}
	mb_design(m);
	m->sub_left = 0;
}

static void *mb_create(int sample_rate, const double *params)
{
	struct multiband *m = fx_alloc_zeroed(1, sizeof *m);
	if (!m)
		return NULL;
	m->fs = sample_rate;
	memcpy(m->p, params, sizeof m->p);
	m->glide_k = fx_glide_coef(sample_rate);
	m->makeup_k = 1.0 - exp(-1.0 / (FX_GLIDE_MS * 1e-3 * sample_rate));
	mb_snap(m);
	atomic_init(&m->gr_db, 0.0f);
	return m;
}

static void mb_destroy(void *state)
{
	free(state);
}

static void mb_reset_rt(void *state)
{
	struct multiband *m = state;
	mb_snap(m);
	memset(m->s, 0, sizeof m->s);
	for (int k = 0; k < MB_BANDS; k++)
		m->band[k].y = 0.0;
	atomic_store_explicit(&m->gr_db, 0.0f, memory_order_relaxed);
}

static void mb_set_param_rt(void *state, int index, double value)
{
	struct multiband *m = state;
	if (index < 0 || index >= M_COUNT)
		return;
	m->p[index] = value;
	if (index == M_XOVER_LOW_HZ) {
		m->log_lo_hz.target = log(value);
		return;
	}
	if (index == M_XOVER_HIGH_HZ) {
		m->log_hi_hz.target = log(value);
		return;
	}
	struct mb_band *b = &m->band[(index - M_BAND0) / M_PER_BAND];
	switch ((index - M_BAND0) % M_PER_BAND) {
	case B_THRESHOLD: b->threshold.target = value; break;
	case B_RATIO: b->inv_ratio.target = 1.0 / value; break;
	case B_ATTACK: b->alpha_a = coef_ms(value, m->fs); break;
	case B_RELEASE: b->alpha_r = coef_ms(value, m->fs); break;
	default: b->makeup_target = value; break;
	}
}

/* The band's gain for this frame, from the louder of its two channels. */
static inline double band_gain(struct mb_band *b, double makeup_k, double l, double r)
{
	double level = fabs(l) > fabs(r) ? fabs(l) : fabs(r);
	double want = 0.0;
	if (b->inv_ratio.cur != 1.0 && level > b->lo_lin) {
		double x_db = DB_PER_LOG2 * log2(level);
		want = x_db - fx_compressor_curve_db(x_db, b->threshold.cur, 1.0 / b->inv_ratio.cur,
			MB_KNEE_DB);
		if (want < 0.0)
			want = 0.0;
	}
	double a = want > b->y ? b->alpha_a : b->alpha_r;
	b->y = want + a * (b->y - want);
	if (b->makeup_db != b->makeup_target) {
		b->makeup_db += (b->makeup_target - b->makeup_db) * makeup_k;
		if (fabs(b->makeup_target - b->makeup_db) < 1e-5)
			b->makeup_db = b->makeup_target;
	}
	if (b->y == 0.0 && b->makeup_db == 0.0)
		return 1.0;
	return exp2((b->makeup_db - b->y) / DB_PER_LOG2);
}

static void mb_process_rt(void *state, float *buf, int frames)
{
	struct multiband *m = state;
	for (int done = 0; done < frames;) {
		if (m->sub_left == 0) {
			bool moved = fx_glide_step_rt(&m->log_lo_hz, m->glide_k, 1e-6);
			moved |= fx_glide_step_rt(&m->log_hi_hz, m->glide_k, 1e-6);
			if (moved)
				mb_design(m);
			for (int k = 0; k < MB_BANDS; k++) {
				struct mb_band *b = &m->band[k];
				bool t = fx_glide_step_rt(&b->threshold, m->glide_k, 1e-4);
				fx_glide_step_rt(&b->inv_ratio, m->glide_k, 1e-6);
				if (t)
					band_lo(b);
				/* a release heads for 0 dB for ever: end it once inaudible */
				if (b->y < MB_GR_FLUSH_DB)
					b->y = 0.0;
			}
			for (int ch = 0; ch < 2; ch++)
				xover_flush(m->s[ch], F_COUNT);
			m->sub_left = FX_SUBBLOCK;
		}
		int n = frames - done < m->sub_left ? frames - done : m->sub_left;
		float *buf_n = buf + (size_t)done * 2;
		for (int i = 0; i < n; i++) {
			double low[2], mid[2], high[2];
			for (int ch = 0; ch < 2; ch++) {
				double (*s)[2] = m->s[ch];
				double x = buf_n[i * 2 + ch];
				double lo = xover_tick(&m->lo.lp, s[F_LP1A], x);
				lo = xover_tick(&m->lo.lp, s[F_LP1B], lo);
				low[ch] = xover_tick(&m->hi.ap, s[F_AP2], lo);
				double rest = xover_tick(&m->lo.hp, s[F_HP1A], x);
				rest = xover_tick(&m->lo.hp, s[F_HP1B], rest);
				double md = xover_tick(&m->hi.lp, s[F_LP2A], rest);
				mid[ch] = xover_tick(&m->hi.lp, s[F_LP2B], md);
				double hi = xover_tick(&m->hi.hp, s[F_HP2A], rest);
				high[ch] = xover_tick(&m->hi.hp, s[F_HP2B], hi);
			}
			const unsigned at = m->rec_pos + (unsigned)(done + i);
			double g0, g1, g2;
			if (m->follow) {
				const double *g = m->follow->g + (size_t)(at & m->follow->mask) * 3;
				g0 = g[0];
				g1 = g[1];
				g2 = g[2];
			} else {
				g0 = band_gain(&m->band[0], m->makeup_k, low[0], low[1]);
				g1 = band_gain(&m->band[1], m->makeup_k, mid[0], mid[1]);
				g2 = band_gain(&m->band[2], m->makeup_k, high[0], high[1]);
				if (m->rec) {
					double *g = m->rec->g + (size_t)(at & m->rec->mask) * 3;
					g[0] = g0;
					g[1] = g1;
					g[2] = g2;
				}
			}
			for (int ch = 0; ch < 2; ch++)
				buf_n[i * 2 + ch] = (float)(low[ch] * g0 + mid[ch] * g1 + high[ch] * g2);
		}
		m->sub_left -= n;
		done += n;
	}
	m->rec_pos += (unsigned)frames;
	double gr = 0.0;
	for (int k = 0; k < MB_BANDS; k++)
		if (m->band[k].y > gr)
			gr = m->band[k].y;
	atomic_store_explicit(&m->gr_db, (float)gr, memory_order_relaxed);
}

static float mb_gain_reduction_db(const void *state)
{
	const struct multiband *m = state;
	return atomic_load_explicit(&((struct multiband *)m)->gr_db, memory_order_relaxed);
}

static bool mb_idle(const void *state)
{
	const struct multiband *m = state;
	for (int ch = 0; ch < 2; ch++)
		for (int f = 0; f < F_COUNT; f++)
			if (m->s[ch][f][0] != 0.0 || m->s[ch][f][1] != 0.0)
				return false;
	for (int k = 0; k < MB_BANDS; k++) {
		const struct mb_band *b = &m->band[k];
		if (b->y != 0.0 || b->makeup_db != b->makeup_target ||
		    b->threshold.cur != b->threshold.target || b->inv_ratio.cur != b->inv_ratio.target)
			return false;
	}
	return m->log_lo_hz.cur == m->log_lo_hz.target && m->log_hi_hz.cur == m->log_hi_hz.target;
}

static void mb_record_gains(void *state, const struct fx_gains *rec)
{
	((struct multiband *)state)->rec = rec;
}

static void mb_skip_rt(void *state, int frames)
{
	struct multiband *m = state;
	m->sub_left = fx_countdown_after(m->sub_left, FX_SUBBLOCK, frames);
	m->rec_pos += (unsigned)frames;
}

static void mb_follow_gains(void *state, const struct fx_gains *rec)
{
	((struct multiband *)state)->follow = rec;
}

static void mb_carry_rt(void *dst, void *src)
{
	struct multiband *m = dst;
	const struct multiband *o = src;
	memcpy(m->s, o->s, sizeof m->s);
	m->log_lo_hz.cur = o->log_lo_hz.cur;
	m->log_hi_hz.cur = o->log_hi_hz.cur;
	for (int k = 0; k < MB_BANDS; k++) {
		struct mb_band *b = &m->band[k];
		const struct mb_band *ob = &o->band[k];
		b->y = ob->y;
		b->threshold.cur = ob->threshold.cur;
		b->inv_ratio.cur = ob->inv_ratio.cur;
		b->makeup_db = ob->makeup_db;
		band_lo(b);
	}
	m->sub_left = o->sub_left;
	mb_design(m);
}

const struct fx_class fx_multiband = {
	.name = "multiband",
	.help = "3-band compressor on Linkwitz-Riley 24 dB/oct crossovers (flat when neutral)",
	.params = mb_params,
	.n_params = M_COUNT,
	.create = mb_create,
	.process_rt = mb_process_rt,
	.set_param_rt = mb_set_param_rt,
	.reset_rt = mb_reset_rt,
	.destroy = mb_destroy,
	.gain_reduction_db = mb_gain_reduction_db,
	.idle = mb_idle,
	.skip_rt = mb_skip_rt,
	.carry_rt = mb_carry_rt,
	.gains_per_frame = MB_BANDS,
	.record_gains = mb_record_gains,
	.follow_gains = mb_follow_gains,
};
