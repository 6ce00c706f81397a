/* The limiter: a true-peak aware lookahead brickwall for the end of the master chain
 * (docs/dsp.md, "Limiter").
 *
 * The signal (after input_db) is watched at 4x its rate: a polyphase interpolator of
 * our own (Kaiser-windowed sinc, LIM_HALF taps each side, three fractional phases; the
 * fourth phase is the sample itself) estimates the three points between each pair of
 * samples, as ITU-R BS.1770-4 Annex 2 does to measure true peak. Each sample k gets a
 * requirement q[k]: the highest estimate on the two intervals it bounds, and with it a
 * gain reduction (dB) that brings q[k] to the ceiling (less a small safety margin, for
 * a meter whose interpolator is not ours).
 *
 * The reduction is held as a running maximum over the lookahead window of W samples,
 * released by a one-pole in dB (r = max(hold, r a), a = exp(-1 / (release fs))), turned
 * into a linear gain and averaged over the same W samples, which makes a linear attack
 * ramp W samples long; the audio is delayed so that the ramp ends on the peak. Every
 * gain in the average is at most the gain a peak inside the window needs, so the
 * average is too: the applied gain never lets a detected peak over the ceiling.
 * Latency: LIM_HALF (the interpolator's look-ahead) + W - 1 frames. */
#include "audio/fx/fx.h"
#include "audio/dsp/fastmath.h"
#include "audio/dsp/hot.h"

#include <math.h>
#include <stdatomic.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#define DB_PER_LOG2 6.0205999132796239  /* 20 log10(2) */
#define LIM_HALF 16             /* interpolator: taps each side of the point (32 a phase) */
#define LIM_PHASES 4            /* oversampling factor */
/* with 32 taps a phase, beta 5 keeps every phase within 0.03 dB of the ideal (sinc)
 * interpolation up to 0.9 of Nyquist (21.6 kHz at 48 kHz); a shorter filter, or a
 * steeper window, reads peaks of signals near Nyquist low */
#define LIM_KAISER_BETA 5.0
#define LIM_SHORT_HALF 6        /* the meter-like interpolator: 12 taps a phase */
#define LIM_LOOKAHEAD_MS 2.0    /* the attack ramp: W = 2 ms of samples */
#define LIM_MARGIN_DB 0.15     /* ceiling less this is what the detector aims for */
#define LIM_GR_FLUSH_DB 1e-5    /* reduction below this is none (a gain of 0.999999) */

enum { L_CEILING_DBTP, L_RELEASE_MS, L_INPUT_DB, L_COUNT };

static const struct fx_param lim_params[L_COUNT] = {
	{ "ceiling_dbtp", "dBTP", -12, 0, -1, FX_TAPER_DB, 0,
	  "highest true peak let out (4x oversampled, as BS.1770 measures it)" },
	{ "release_ms", "ms", 1, 2000, 100, FX_TAPER_LOG, 0,
	  "time constant of the gain reduction's recovery, in dB (63 % of the way)" },
	{ "input_db", "dB", -24, 36, 0, FX_TAPER_DB, 0,
	  "gain before limiting: drives the signal into the ceiling" },
};

struct limiter {
	double fs;
	double p[L_COUNT];
	int w;                        /* lookahead window, samples */
	int latency;                  /* LIM_HALF + w - 1 */
	float coef[LIM_PHASES - 1][2 * LIM_HALF];  /* phases 1/4, 2/4, 3/4 */
	float coef_short[LIM_PHASES - 1][2 * LIM_SHORT_HALF];
	/* input history per channel, written twice (at pos and pos + 2 LIM_HALF) so that
	 * the last 2 LIM_HALF samples are always contiguous */
	float hist[2][4 * LIM_HALF];
	int hist_pos;
	float prev_peak;              /* the estimate of the previous interval */
	/* running maximum of the requirement (dB) over w samples: a monotonic deque */
	float *dq_val;
	int64_t *dq_idx;
	int dq_head, dq_len, dq_cap;
	int64_t k;                    /* samples seen */
	double release_a;
	double r_db;                  /* held and released reduction, dB >= 0 */
	/* the average of the gain over w samples */
	double *box;
	double box_sum;
	int box_pos;
	float *delay;                 /* latency frames x 2 */
	int delay_pos;
	double in_gain, in_gain_target, in_gain_k;    /* per-frame one-pole, linear */
	struct fx_glide ceiling_db;   /* per FX_SUBBLOCK */
	double glide_k;
	int sub_left;
	float aim_lin;                /* ceiling less the margin, linear */
	int64_t quiet;                /* frames since the last non-zero input */
	_Atomic float gr_db;          /* the largest reduction applied in the last block */
	/* keyed stems (fx_class.record_gains): per frame, the input gain of the frame
	 * that comes in and the gain of the (delayed) frame that goes out */
	const struct fx_gains *rec, *follow;
	unsigned rec_pos;
};

static double bessel_i0(double x)
{
	double sum = 1.0, term = 1.0;
	for (int k = 1; k < 40; k++) {
		term *= (x / (2.0 * k)) * (x / (2.0 * k));
		sum += term;
		if (term < sum * 1e-17)
			break;
	}
	return sum;
}

/* Phase ph (1..3, the point ph/4 after sample n0) uses x[n0 - LIM_HALF + 1 + j],
 * j = 0 .. 2 LIM_HALF - 1: a windowed sinc centred on the point, each phase scaled to
 * unit gain at DC. */
static void lim_design(struct limiter *l)
{
	for (int ph = 1; ph < LIM_PHASES; ph++) {
		double t = (double)ph / LIM_PHASES, sum = 0.0, c[2 * LIM_HALF];
		for (int j = 0; j < 2 * LIM_HALF; j++) {
			double u = t - (double)(j - (LIM_HALF - 1)); /* distance from the tap */
			double sinc = fabs(u) < 1e-12 ? 1.0 : sin(M_PI * u) / (M_PI * u);
			double r = u / LIM_HALF;
			double win = bessel_i0(LIM_KAISER_BETA * sqrt(fmax(0.0, 1.0 - r * r)))
				/ bessel_i0(LIM_KAISER_BETA);
			c[j] = sinc * win;
			sum += c[j];
		}
		for (int j = 0; j < 2 * LIM_HALF; j++)
			l->coef[ph - 1][j] = (float)(c[j] / sum);
		/* the short one: a Hann-windowed sinc reaching LIM_SHORT_HALF samples each side,
		 * not normalised, the plain design of BS.1770-4 Annex 2's example filter */
		for (int j = 0; j < 2 * LIM_SHORT_HALF; j++) {
			double u = t - (double)(j - (LIM_SHORT_HALF - 1));
			double sinc = fabs(u) < 1e-12 ? 1.0 : sin(M_PI * u) / (M_PI * u);
			l->coef_short[ph - 1][j] = (float)(sinc * 0.5 * (1.0 + cos(M_PI * u / LIM_SHORT_HALF)));
		}
	}
}

static void lim_aim(struct limiter *l)
{
	l->aim_lin = (float)pow(10.0, (l->ceiling_db.cur - LIM_MARGIN_DB) / 20.0);
}

static void lim_snap(struct limiter *l)
{
	l->ceiling_db.cur = l->ceiling_db.target = l->p[L_CEILING_DBTP];
	l->in_gain = l->in_gain_target = pow(10.0, l->p[L_INPUT_DB] / 20.0);
	l->release_a = exp(-1.0 / (l->p[L_RELEASE_MS] * 1e-3 * l->fs));
	l->sub_left = 0;
	lim_aim(l);
}

/* Forget the signal: empty histories, no reduction, a full box of unit gains. */
static void lim_clear(struct limiter *l)
{
	memset(l->hist, 0, sizeof l->hist);
	l->hist_pos = 0;
	l->prev_peak = 0.0f;
	l->dq_head = l->dq_len = 0;
	l->k = 0;
	l->r_db = 0.0;
	for (int i = 0; i < l->w; i++)
		l->box[i] = 1.0;
	l->box_sum = l->w;
	l->box_pos = 0;
	memset(l->delay, 0, sizeof(float) * 2 * (size_t)l->latency);
	l->delay_pos = 0;
	l->quiet = INT64_MAX / 2;
	atomic_store_explicit(&l->gr_db, 0.0f, memory_order_relaxed);
}

static void lim_destroy(void *state)
{
	struct limiter *l = state;
	if (!l)
		return;
	free(l->dq_val);
	free(l->dq_idx);
	free(l->box);
	free(l->delay);
	free(l);
}

static void *lim_create(int sample_rate, const double *params)
{
	struct limiter *l = fx_alloc_zeroed(1, sizeof *l);
	if (!l)
		return NULL;
	l->fs = sample_rate;
	memcpy(l->p, params, sizeof l->p);
	l->w = (int)lround(LIM_LOOKAHEAD_MS * 1e-3 * sample_rate);
	if (l->w < 1)
		l->w = 1;
	l->latency = LIM_HALF + l->w - 1;
	l->dq_cap = l->w + 1;
	l->dq_val = fx_alloc_zeroed((size_t)l->dq_cap, sizeof *l->dq_val);
	l->dq_idx = fx_alloc_zeroed((size_t)l->dq_cap, sizeof *l->dq_idx);
	l->box = fx_alloc_zeroed((size_t)l->w, sizeof *l->box);
	l->delay = fx_alloc_zeroed((size_t)l->latency * 2, sizeof *l->delay);
	if (!l->dq_val || !l->dq_idx || !l->box || !l->delay) {
		lim_destroy(l);
		return NULL;
	}
	l->glide_k = fx_glide_coef(sample_rate);
	l->in_gain_k = 1.0 - exp(-1.0 / (FX_GLIDE_MS * 1e-3 * sample_rate));
	lim_design(l);
	lim_snap(l);
	atomic_init(&l->gr_db, 0.0f);
	lim_clear(l);
	return l;
}

static void lim_reset_rt(void *state)
{
	struct limiter *l = state;
	lim_snap(l);
	lim_clear(l);
}

static void lim_set_param_rt(void *state, int index, double value)
{
	struct limiter *l = state;
	if (index < 0 || index >= L_COUNT)
		return;
	l->p[index] = value;
	switch (index) {
	case L_CEILING_DBTP: l->ceiling_db.target = value; break;
	case L_RELEASE_MS: l->release_a = exp(-1.0 / (value * 1e-3 * l->fs)); break;
	case L_INPUT_DB: l->in_gain_target = pow(10.0, value / 20.0); break;
	default: break;
	}
}

static int lim_latency(const void *state)
{
	const struct limiter *l = state;
	return l->latency;
}

/* The detector over a run of up to FX_SUBBLOCK frames, lane by lane: each lane of a vector is one
 * frame, and computes exactly what one frame's scalar loop did, in the same order (no
 * fused multiply-add: DSP_HOT without DSP_FUSED), so the output is bit for bit as
 * before while eight frames go at once. The per-frame loop was a chain of 132 dependent
 * additions a channel, which no compiler may reorder; it was two fifths of a render of
 * stems (one limiter a stem).
 *
 * lin[ch]: LIM_HALF * 2 - 1 samples before the run, then its n samples, then zeros to
 * a whole sub-block. Frame i's window (the newest 2 LIM_HALF samples, oldest first) is
 * lin[ch] + i. peak[i] gets the highest |value| of both channels on the interval from
 * the window's sample LIM_HALF - 1 to the next, at 4x, by either interpolator. */
enum { LV = 8, LN = FX_SUBBLOCK / LV, LIM_LIN = 2 * LIM_HALF - 1 + FX_SUBBLOCK };
_Static_assert(FX_SUBBLOCK % LV == 0, "a sub-block is whole vectors");

/* eight floats from p (any alignment) into v; |v| (the sign bit cleared) */
#define LIM_LOAD(v, p) memcpy(&(v), (p), sizeof(v))
#define LIM_ABS(v) ((fm_v8sf)((fm_v8si)(v) & 0x7fffffff))
/* a > peak ? a : peak, lane by lane, as the scalar code's "if (a > peak) peak = a" */
#define LIM_MAX(peak, a) FM_SELECT_V8((a) > (peak), (a), (peak))

DSP_HOT
static void lim_detect(const struct limiter *l, float lin[2][LIM_LIN], float *peak)
{
	/* all LN vectors of a sub-block side by side: four chains of additions that do not
	 * wait on each other (a short run computes its zero padding too) */
	fm_v8sf p[2][LN];
	for (int ch = 0; ch < 2; ch++) {
		const float *h = lin[ch];
		const float *hs = h + LIM_HALF - LIM_SHORT_HALF;
		fm_v8sf pk[LN], x;
		for (int v = 0; v < LN; v++) {
			LIM_LOAD(pk[v], h + v * LV + LIM_HALF - 1);
			pk[v] = LIM_ABS(pk[v]);
		}
		for (int ph = 0; ph < LIM_PHASES - 1; ph++) {
			fm_v8sf acc[LN] = { { 0 } }, acc_short[LN] = { { 0 } };
			for (int j = 0; j < 2 * LIM_HALF; j++)
				for (int v = 0; v < LN; v++) {
					LIM_LOAD(x, h + v * LV + j);
					acc[v] += l->coef[ph][j] * x;
				}
			for (int j = 0; j < 2 * LIM_SHORT_HALF; j++)
				for (int v = 0; v < LN; v++) {
					LIM_LOAD(x, hs + v * LV + j);
					acc_short[v] += l->coef_short[ph][j] * x;
				}
			for (int v = 0; v < LN; v++) {
				acc[v] = LIM_ABS(acc[v]);
				acc_short[v] = LIM_ABS(acc_short[v]);
				pk[v] = LIM_MAX(pk[v], acc[v]);
				pk[v] = LIM_MAX(pk[v], acc_short[v]);
			}
		}
		for (int v = 0; v < LN; v++)
			p[ch][v] = pk[v];
	}
	for (int v = 0; v < LN; v++) {
		/* p0 > p1 ? p0 : p1 */
		const fm_v8sf both = FM_SELECT_V8(p[0][v] > p[1][v], p[0][v], p[1][v]);
		memcpy(peak + v * LV, &both, sizeof both);
	}
}

/* A keyed stem's limiter: its signal through the input gains and the delay of its
 * mix's limiter, and out through the gains that one applied. In runs that wrap neither
 * the delay nor the record, so that the loop has no branch on a position and the
 * compiler can take it a vector at a time (each sample computed as before: the input
 * times its gain as a float, the delayed sample times the output gain in double when
 * that is under 1). */
DSP_HOT
static void lim_follow_rt(struct limiter *l, float *buf, int frames)
{
	const struct fx_gains *f = l->follow;
	const int len = l->latency;
	for (int done = 0; done < frames;) {
		const unsigned at = (l->rec_pos + (unsigned)done) & f->mask;
		int n = fx_gains_run(f, at, frames - done);
		if (n > len - l->delay_pos)
			n = len - l->delay_pos;
		const double *restrict g = f->g + (size_t)at * 2;
		float *restrict b = buf + (size_t)done * 2;
		float *restrict d = l->delay + (size_t)l->delay_pos * 2;
		for (int i = 0; i < n; i++) {
			const float g_in = (float)g[i * 2];
			const float x0 = b[i * 2] * g_in, x1 = b[i * 2 + 1] * g_in;
			const float y0 = d[i * 2], y1 = d[i * 2 + 1];
			d[i * 2] = x0;
			d[i * 2 + 1] = x1;
			const double gain = g[i * 2 + 1];
			b[i * 2] = gain < 1.0 ? (float)(y0 * gain) : y0;
			b[i * 2 + 1] = gain < 1.0 ? (float)(y1 * gain) : y1;
		}
		/* frames since the last that came in not silent (lim_idle) */
		int i = n - 1;
		while (i >= 0 && d[i * 2] == 0.0f && d[i * 2 + 1] == 0.0f)
			i--;
		l->quiet = i >= 0 ? n - 1 - i : l->quiet + n;
		l->delay_pos = l->delay_pos + n == len ? 0 : l->delay_pos + n;
		done += n;
	}
	l->rec_pos += (unsigned)frames;
}

static void lim_process_rt(void *state, float *buf, int frames)
{
	struct limiter *l = state;
	if (l->follow) {
		lim_follow_rt(l, buf, frames);
		return;
	}
	double *rec = l->rec ? l->rec->g : NULL;
	const unsigned rec_mask = l->rec ? l->rec->mask : 0;
	const int hl = 2 * LIM_HALF, w = l->w, len = l->latency;
	const double inv_w = 1.0 / w;
	double max_gr = 0.0;
	float lin[2][LIM_LIN];
	float peaks[FX_SUBBLOCK];
	for (int done = 0; done < frames;) {
		if (l->sub_left == 0) {
			if (fx_glide_step_rt(&l->ceiling_db, l->glide_k, 1e-4))
				lim_aim(l);
			l->sub_left = FX_SUBBLOCK;
		}
		int n = frames - done < l->sub_left ? frames - done : l->sub_left;
		const float aim = l->aim_lin;
		const double a = l->release_a;
		float *b = buf + (size_t)done * 2;
		/* the input, scaled, after the history's newest hl - 1 samples */
		for (int ch = 0; ch < 2; ch++)
			memcpy(lin[ch], &l->hist[ch][l->hist_pos + 1], sizeof(float) * (size_t)(hl - 1));
		for (int i = 0; i < n; i++) {
			if (l->in_gain != l->in_gain_target) {
				l->in_gain += (l->in_gain_target - l->in_gain) * l->in_gain_k;
				if (fabs(l->in_gain_target - l->in_gain) < 1e-7 * l->in_gain_target)
					l->in_gain = l->in_gain_target;
			}
			const float g_in = (float)l->in_gain;
			float x0 = b[i * 2] * g_in, x1 = b[i * 2 + 1] * g_in;
			if (x0 != 0.0f || x1 != 0.0f)
				l->quiet = 0;
			else
				l->quiet++;
			lin[0][hl - 1 + i] = x0;
			lin[1][hl - 1 + i] = x1;
			if (rec)
				rec[(size_t)((l->rec_pos + (unsigned)(done + i)) & rec_mask) * 2] = g_in;
			int hp = l->hist_pos;
			l->hist[0][hp] = l->hist[0][hp + hl] = x0;
			l->hist[1][hp] = l->hist[1][hp + hl] = x1;
			l->hist_pos = hp + 1 == hl ? 0 : hp + 1;
		}
		for (int i = n; i < FX_SUBBLOCK; i++)
			lin[0][hl - 1 + i] = lin[1][hl - 1 + i] = 0.0f;
		lim_detect(l, lin, peaks);
		for (int i = 0; i < n; i++) {
			const float x0 = lin[0][hl - 1 + i], x1 = lin[1][hl - 1 + i];
			const float peak = peaks[i];
			float q = peak > l->prev_peak ? peak : l->prev_peak;
			l->prev_peak = peak;
			float need_db = q > aim ? (float)DB_PER_LOG2 * log2f(q / aim) : 0.0f;
			/* running maximum over the last w requirements */
			int64_t k = l->k++;
			while (l->dq_len > 0) {
				int back = (l->dq_head + l->dq_len - 1) % l->dq_cap;
				if (l->dq_val[back] > need_db)
					break;
				l->dq_len--;
			}
			int slot = (l->dq_head + l->dq_len) % l->dq_cap;
			l->dq_val[slot] = need_db;
			l->dq_idx[slot] = k;
			l->dq_len++;
			if (l->dq_idx[l->dq_head] <= k - w) {
				l->dq_head = (l->dq_head + 1) % l->dq_cap;
				l->dq_len--;
			}
			double hold = l->dq_val[l->dq_head];
			double r = l->r_db * a;
			if (r < hold)
				r = hold;
			if (r < LIM_GR_FLUSH_DB)
				r = 0.0;
			l->r_db = r;
			double g = r == 0.0 ? 1.0 : (double)exp2f((float)(-r / DB_PER_LOG2));
			l->box_sum += g - l->box[l->box_pos];
			l->box[l->box_pos] = g;
			if (++l->box_pos == w) {
				/* start the running sum afresh once a window, so rounding cannot pile up */
				l->box_pos = 0;
				double s = 0.0;
				for (int j = 0; j < w; j++)
					s += l->box[j];
				l->box_sum = s;
			}
			double gain = l->box_sum == w ? 1.0 : l->box_sum * inv_w;
			if (gain > 1.0)
				gain = 1.0;
			if (rec)
				rec[(size_t)((l->rec_pos + (unsigned)(done + i)) & rec_mask) * 2 + 1] = gain;
			float *d = l->delay + (size_t)l->delay_pos * 2;
			float y0 = d[0], y1 = d[1];
			d[0] = x0;
			d[1] = x1;
			if (++l->delay_pos == len)
				l->delay_pos = 0;
			if (gain < 1.0) {
				b[i * 2] = (float)(y0 * gain);
				b[i * 2 + 1] = (float)(y1 * gain);
				double gr = -DB_PER_LOG2 * log2(gain);
				if (gr > max_gr)
					max_gr = gr;
			} else {
				b[i * 2] = y0;
				b[i * 2 + 1] = y1;
			}
		}
		l->sub_left -= n;
		done += n;
	}
	l->rec_pos += (unsigned)frames;
	atomic_store_explicit(&l->gr_db, (float)max_gr, memory_order_relaxed);
}

static void lim_record_gains(void *state, const struct fx_gains *rec)
{
	((struct limiter *)state)->rec = rec;
}

static void lim_follow_gains(void *state, const struct fx_gains *rec)
{
	((struct limiter *)state)->follow = rec;
}

static float lim_gain_reduction_db(const void *state)
{
	const struct limiter *l = state;
	return atomic_load_explicit(&((struct limiter *)l)->gr_db, memory_order_relaxed);
}

static bool lim_idle(const void *state)
{
	const struct limiter *l = state;
	/* a follower's only memory is its delay, which holds zeros once this many silent
	 * frames went through (its detector never runs) */
	if (l->follow)
		return l->quiet >= (int64_t)l->latency;
	/* every history, the deque, the box and the delay have seen only zeros once this
	 * many silent frames went through */
	return l->quiet > (int64_t)l->latency + 2 * LIM_HALF + l->w && l->r_db == 0.0 &&
		l->box_sum == l->w && l->in_gain == l->in_gain_target &&
		l->ceiling_db.cur == l->ceiling_db.target;
}

/* Whatever sits in the histories, the deque, the box and the delays is uniform (idle:
 * zeros, no reduction), so their positions need not move; what counts frames does. */
static void lim_skip_rt(void *state, int frames)
{
	struct limiter *l = state;
	l->sub_left = fx_countdown_after(l->sub_left, FX_SUBBLOCK, frames);
	l->rec_pos += (unsigned)frames;
	l->quiet += frames;
	l->k += frames;
	/* the box is summed afresh when its position wraps: keep that on the same frames */
	l->box_pos = (int)(((int64_t)l->box_pos + frames) % l->w);
}

static void lim_carry_rt(void *dst, void *src)
{
	struct limiter *l = dst;
	const struct limiter *o = src;
	if (l->w != o->w)
		return;
	memcpy(l->hist, o->hist, sizeof l->hist);
	l->hist_pos = o->hist_pos;
	l->prev_peak = o->prev_peak;
	memcpy(l->dq_val, o->dq_val, sizeof *l->dq_val * (size_t)l->dq_cap);
	memcpy(l->dq_idx, o->dq_idx, sizeof *l->dq_idx * (size_t)l->dq_cap);
	l->dq_head = o->dq_head;
	l->dq_len = o->dq_len;
	l->k = o->k;
	l->r_db = o->r_db;
	memcpy(l->box, o->box, sizeof *l->box * (size_t)l->w);
	l->box_sum = o->box_sum;
	l->box_pos = o->box_pos;
	memcpy(l->delay, o->delay, sizeof(float) * 2 * (size_t)l->latency);
	l->delay_pos = o->delay_pos;
	l->in_gain = o->in_gain;
	l->ceiling_db.cur = o->ceiling_db.cur;
	l->sub_left = o->sub_left;
	l->quiet = o->quiet;
	lim_aim(l);
}

const struct fx_class fx_limiter = {
	.name = "limiter",
	.help = "true-peak lookahead brickwall limiter (4x oversampled detector, 2 ms lookahead)",
	.params = lim_params,
	.n_params = L_COUNT,
	.create = lim_create,
	.process_rt = lim_process_rt,
	.set_param_rt = lim_set_param_rt,
	.reset_rt = lim_reset_rt,
	.destroy = lim_destroy,
	.latency = lim_latency,
	.gain_reduction_db = lim_gain_reduction_db,
	.idle = lim_idle,
	.skip_rt = lim_skip_rt,
	.carry_rt = lim_carry_rt,
	.gains_per_frame = 2,
	.record_gains = lim_record_gains,
	.follow_gains = lim_follow_gains,
};
