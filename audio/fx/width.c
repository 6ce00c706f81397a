/* Stereo width: mid/side scaling with the bass kept mono (docs/dsp.md, "Stereo width").
 *
 * M = (L + R) / 2, S = (L - R) / 2; out L = M' + S', R = M' - S'. S' = width S, so 0 is
 * mono, 1 leaves the signal alone and 2 doubles the side. With mono_below_hz on, the
 * side goes through a 4th-order Linkwitz-Riley high-pass at that frequency (the bass
 * side is removed) and the mid through the all-pass its LR4 halves sum to, so above
 * the crossover mid and side keep their phase relation (the stereo image is the
 * original's, delayed by the same all-pass), and the mono sum stays flat. Width and
 * the amount of the bass filter glide per frame (one-pole, FX_GLIDE_MS); the crossover
 * frequency in log(Hz) per FX_SUBBLOCK. At width 1 with the bass filter off the insert
 * passes its input untouched (bit for bit). */
#include "audio/fx/fx.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "audio/fx/xover.h"

#define WIDTH_OFF_HZ 20.0   /* the bass filter, when off, sits here while it fades out */

enum { W_WIDTH, W_MONO_BELOW_HZ, W_COUNT };

static const struct fx_param width_params[W_COUNT] = {
	{ "width", "", 0, 2, 1, FX_TAPER_LIN, 0,
	  "side level: 0 mono, 1 unchanged, 2 twice as wide" },
	{ "mono_below_hz", "Hz", 0, 500, 0, FX_TAPER_LOG, 0,
	  "below this the side is removed (bass kept mono; LR4 crossover); 0: off" },
};

struct width {
	double fs;
	double p[W_COUNT];
	double width, width_target;
	double amount, amount_target;   /* 0: no bass filter, 1: the filter fully in */
	double k;                       /* per-frame one-pole coefficient */
	struct fx_glide log_hz;
	double glide_k;
	int sub_left;
	struct xover x;
	double s[3][2];                 /* mid all-pass; side high-pass, two sections */
};

static void width_targets(struct width *w)
{
	w->width_target = w->p[W_WIDTH];
	w->amount_target = w->p[W_MONO_BELOW_HZ] > 0.0 ? 1.0 : 0.0;
	/* when the filter goes off, its frequency stays where it was while it fades out */
	if (w->p[W_MONO_BELOW_HZ] > 0.0)
		w->log_hz.target = log(w->p[W_MONO_BELOW_HZ] < WIDTH_OFF_HZ ? WIDTH_OFF_HZ
			: w->p[W_MONO_BELOW_HZ]);
}

static void width_snap(struct width *w)
{
	w->log_hz.cur = w->log_hz.target = log(WIDTH_OFF_HZ);
	width_targets(w);
	w->width = w->width_target;
	w->amount = w->amount_target;
	w->log_hz.cur = w->log_hz.target;
	xover_design(&w->x, w->fs, exp(w->log_hz.cur));
	w->sub_left = 0;
}

static void *width_create(int sample_rate, const double *params)
{
	struct width *w = fx_alloc_zeroed(1, sizeof *w);
	if (!w)
		return NULL;
	w->fs = sample_rate;
	memcpy(w->p, params, sizeof w->p);
	w->k = 1.0 - exp(-1.0 / (FX_GLIDE_MS * 1e-3 * sample_rate));
	w->glide_k = fx_glide_coef(sample_rate);
	width_snap(w);
	return w;
}

static void width_destroy(void *state)
{
	free(state);
}

static void width_reset_rt(void *state)
{
	struct width *w = state;
	width_snap(w);
	memset(w->s, 0, sizeof w->s);
}

static void width_set_param_rt(void *state, int index, double value)
{
	struct width *w = state;
	if (index < 0 || index >= W_COUNT)
		return;
	w->p[index] = value;
	width_targets(w);
}

static inline double glide(double cur, double target, double k)
{
	if (cur == target)
		return cur;
	cur += (target - cur) * k;
	return fabs(target - cur) < 1e-6 ? target : cur;
}

static void width_process_rt(void *state, float *buf, int frames)
{
	struct width *w = state;
	for (int done = 0; done < frames;) {
		if (w->sub_left == 0) {
			if (fx_glide_step_rt(&w->log_hz, w->glide_k, 1e-6))
				xover_design(&w->x, w->fs, exp(w->log_hz.cur));
			if (w->amount == 0.0)
				memset(w->s, 0, sizeof w->s); /* unused until the filter comes back */
			else
				xover_flush(w->s, 3);
			w->sub_left = FX_SUBBLOCK;
		}
		int n = frames - done < w->sub_left ? frames - done : w->sub_left;
		float *b = buf + (size_t)done * 2;
		for (int i = 0; i < n; i++) {
			w->width = glide(w->width, w->width_target, w->k);
			w->amount = glide(w->amount, w->amount_target, w->k);
			if (w->width == 1.0 && w->amount == 0.0)
				continue; /* untouched, bit for bit */
			double l = b[i * 2], r = b[i * 2 + 1];
			double mid = 0.5 * (l + r), side = 0.5 * (l - r);
			if (w->amount > 0.0) {
				double ap = xover_tick(&w->x.ap, w->s[0], mid);
				double hp = xover_tick(&w->x.hp, w->s[1], side);
				hp = xover_tick(&w->x.hp, w->s[2], hp);
				mid += (ap - mid) * w->amount;
				side += (hp - side) * w->amount;
			}
			side *= w->width;
			b[i * 2] = (float)(mid + side);
			b[i * 2 + 1] = (float)(mid - side);
		}
		w->sub_left -= n;
		done += n;
	}
}

static bool width_idle(const void *state)
{
	const struct width *w = state;
	for (int i = 0; i < 3; i++)
		if (w->s[i][0] != 0.0 || w->s[i][1] != 0.0)
			return false;
	return w->width == w->width_target && w->amount == w->amount_target &&
		w->log_hz.cur == w->log_hz.target;
}

static void width_skip_rt(void *state, int frames)
{
	struct width *w = state;
	w->sub_left = fx_countdown_after(w->sub_left, FX_SUBBLOCK, frames);
}

static void width_carry_rt(void *dst, void *src)
{
	struct width *w = dst;
	const struct width *o = src;
	memcpy(w->s, o->s, sizeof w->s);
	w->width = o->width;
	w->amount = o->amount;
	w->log_hz.cur = o->log_hz.cur;
	w->sub_left = o->sub_left;
	xover_design(&w->x, w->fs, exp(w->log_hz.cur));
}

const struct fx_class fx_width = {
	.name = "width",
	.help = "mid/side stereo width, with the bass kept mono below a crossover",
	.params = width_params,
	.n_params = W_COUNT,
	.create = width_create,
	.process_rt = width_process_rt,
	.set_param_rt = width_set_param_rt,
	.reset_rt = width_reset_rt,
	.destroy = width_destroy,
	.idle = width_idle,
	.skip_rt = width_skip_rt,
	.carry_rt = width_carry_rt,
};
