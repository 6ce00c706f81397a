/* The insert framework: the one table of effects, parameter look-ups and validation,
 * and the insert wrapper that gives every effect a click-free bypass. */
#include "audio/fx/fx.h"

#include "audio/dsp/fastmath.h"

#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "src/base/xalloc.h"

const struct fx_class *const fx_classes[] = { &fx_eq, &fx_compressor, &fx_gate, &fx_delay,
	&fx_reverb, &fx_chorus, &fx_multiband, &fx_width, &fx_limiter };
const int fx_n_classes = (int)(sizeof fx_classes / sizeof fx_classes[0]);

void *fx_alloc_zeroed(size_t n, size_t size)
{
	if (size && n > SIZE_MAX / size)
		return NULL;
	void *p = calloc(n, size);
	xpretouch(p, n * size);
	return p;
}

const struct fx_class *fx_class_find(const char *name)
{
	for (int i = 0; i < fx_n_classes; i++)
		if (!strcmp(fx_classes[i]->name, name))
			return fx_classes[i];
	return NULL;
}

void fx_class_names(char *buf, size_t size)
{
	size_t used = 0;
	if (size)
		buf[0] = '\0';
	for (int i = 0; i < fx_n_classes && used < size; i++)
		used += (size_t)snprintf(buf + used, size - used, "%s%s", i ? ", " : "",
			fx_classes[i]->name);
}

int fx_param_find(const struct fx_class *cls, const char *name)
{
	for (int i = 0; i < cls->n_params; i++)
		if (!strcmp(cls->params[i].name, name))
			return i;
	return -1;
}

void fx_param_defaults(const struct fx_class *cls, double *out)
{
	for (int i = 0; i < cls->n_params; i++)
		out[i] = cls->params[i].def;
}

bool fx_param_valid(const struct fx_param *param, double value)
{
	if (!isfinite(value) || value < param->min || value > param->max)
		return false;
	if (param->step > 0) {
		double k = (value - param->min) / param->step;
		return fabs(k - nearbyint(k)) < 1e-9;
	}
	return true;
}

double fx_param_clamp_rt(const struct fx_param *param, double value)
{
	if (!(value >= param->min)) /* NaN too */
		value = param->min;
	if (value > param->max)
		value = param->max;
	if (param->step > 0)
		value = param->min + param->step * nearbyint((value - param->min) / param->step);
	return value;
}

double fx_glide_coef(int sample_rate)
{
	return 1.0 - exp(-(double)FX_SUBBLOCK / (FX_GLIDE_MS * 1e-3 * sample_rate));
}

bool fx_glide_step_rt(struct fx_glide *g, double k, double snap)
{
	if (g->cur == g->target)
		return false;
	g->cur += (g->target - g->cur) * k;
	if (fabs(g->target - g->cur) < snap)
		g->cur = g->target;
	return true;
}

/* ---- the insert wrapper ---- */

struct fx_insert *fx_insert_create(const struct fx_class *cls, int sample_rate,
	const double *params, bool bypass)
{
	struct fx_insert *fx = xcalloc_touched(1, sizeof *fx);
	fx->cls = cls;
	memcpy(fx->params, params, sizeof(double) * (size_t)cls->n_params);
	fx->state = cls->create_class ? cls->create_class(cls, sample_rate, params)
		: cls->create(sample_rate, params);
	if (!fx->state) {
		free(fx);
		return NULL;
	}
	fx->bypass = fx->bypass_set = bypass;
	fx->mix = bypass ? 0.0f : 1.0f;
	fx->sample_rate = sample_rate;
	fx->match_gain = fx->match_target = 1.0f;
	fx->match_step = (float)(1.0 - exp(-1.0 / (FX_MATCH_GLIDE_SEC * sample_rate)));
	atomic_init(&fx->match_db, 0.0f);
	fx->ab_meter = true;
	fx->latency = cls->latency ? cls->latency(fx->state) : 0;
	if (fx->latency > 0 && !(fx->delay = fx_alloc_zeroed((size_t)fx->latency * 2,
		sizeof(float))))
		xalloc_die();
	int xfade = (int)lround(FX_XFADE_MS * 1e-3 * sample_rate);
	fx->mix_step = 1.0f / (float)(xfade > 0 ? xfade : 1);
	return fx;
}

void fx_insert_destroy(struct fx_insert *fx)
{
	if (!fx)
		return;
	fx->cls->destroy(fx->state);
	free(fx->delay);
	free(fx);
}

void fx_insert_set_param_rt(struct fx_insert *fx, int index, double value)
{
	if (index < 0 || index >= fx->cls->n_params)
		return;
	value = fx_param_clamp_rt(&fx->cls->params[index], value);
	fx->params[index] = value;
	fx->cls->set_param_rt(fx->state, index, value);
}

/* Aim the crossfade at the effective bypass: the project's, or an A/B. */
static void apply_bypass_rt(struct fx_insert *fx)
{
	bool bypass = fx->bypass_set || fx->ab;
	if (fx->bypass == bypass)
		return;
	/* coming back from a full bypass: the states are stale (the effect did not run),
	 * so start from silence and from the current settings, then fade in */
	if (!bypass && fx->mix == 0.0f && fx->latency == 0)
		fx->cls->reset_rt(fx->state);
	fx->bypass = bypass;
}

void fx_insert_set_bypass_rt(struct fx_insert *fx, bool bypass)
{
	fx->bypass_set = bypass;
	apply_bypass_rt(fx);
}

void fx_insert_set_ab_rt(struct fx_insert *fx, bool on)
{
	fx->ab = on;
	fx->match_target = 1.0f;
	/* the last measured ratio, frozen: the effect stops running while bypassed */
	if (on && !fx->bypass_set && fx->ms_in > 1e-12 && fx->ms_out > 1e-12) {
		double db = 10.0 * log10(fx->ms_out / fx->ms_in);
		if (db > FX_MATCH_MAX_DB)
			db = FX_MATCH_MAX_DB;
		if (db < -FX_MATCH_MAX_DB)
			db = -FX_MATCH_MAX_DB;
		fx->match_target = (float)pow(10.0, db / 20.0);
	}
	apply_bypass_rt(fx);
}

float fx_insert_match_db(const struct fx_insert *fx)
{
	return fx ? atomic_load_explicit(&fx->match_db, memory_order_relaxed) : 0.0f;
}

float fx_insert_gain_reduction_db(const struct fx_insert *fx)
{
	if (!fx || !fx->cls->gain_reduction_db)
		return 0.0f;
	return fx->cls->gain_reduction_db(fx->state);
}

void fx_insert_set_tempo_rt(struct fx_insert *fx, double bpm)
{
	if (fx && fx->cls->set_tempo_rt)
		fx->cls->set_tempo_rt(fx->state, bpm);
}

/* An effect with latency: the dry path goes through a delay of the same length, the
 * effect always runs, and the output is the crossfade of the two (y = dry when
 * bypassed), so bypass never moves the signal in time. */
static void process_latent_rt(struct fx_insert *fx, float *buf, int frames)
{
	const float goal = fx->bypass ? 0.0f : 1.0f;
	const float step = fx->bypass ? -fx->mix_step : fx->mix_step;
	const int len = fx->latency;
	for (int done = 0; done < frames;) {
		int n = frames - done < FX_XFADE_CHUNK ? frames - done : FX_XFADE_CHUNK;
		float *b = buf + (size_t)done * 2;
		if (fx->mix == 1.0f && goal == 1.0f) {
			/* fully in: the dry path is not heard, only kept for a later crossfade,
			 * so the input goes into the delay line as whole runs (the last len
			 * frames of the chunk, where the frame-by-frame loop would leave them) */
			const int skip = n > len ? n - len : 0;
			int pos = (int)(((long)fx->delay_pos + skip) % len);
			for (int k = skip; k < n;) {
				const int run = n - k < len - pos ? n - k : len - pos;
				memcpy(fx->delay + (size_t)pos * 2, b + (size_t)k * 2,
					sizeof(float) * 2 * (size_t)run);
				k += run;
				pos = pos + run == len ? 0 : pos + run;
			}
			fx->delay_pos = pos;
			fx->cls->process_rt(fx->state, b, n);
			done += n;
			continue;
		}
		int pos = fx->delay_pos;
		for (int i = 0; i < n; i++) {
			float *d = fx->delay + (size_t)pos * 2;
			fx->dry[i * 2] = d[0];
			fx->dry[i * 2 + 1] = d[1];
			d[0] = b[i * 2];
			d[1] = b[i * 2 + 1];
			if (++pos == len)
				pos = 0;
		}
		fx->delay_pos = pos;
		fx->cls->process_rt(fx->state, b, n);
		float mix = fx->mix; /* not fully in: the fast path above took that */
		for (int i = 0; i < n; i++) {
			if (mix != goal) {
				mix += step;
				if ((step > 0 && mix >= goal) || (step < 0 && mix <= goal))
					mix = goal;
			}
			b[i * 2] = fx->dry[i * 2] + (b[i * 2] - fx->dry[i * 2]) * mix;
			b[i * 2 + 1] = fx->dry[i * 2 + 1] + (b[i * 2 + 1] - fx->dry[i * 2 + 1]) * mix;
		}
		fx->mix = mix;
		done += n;
	}
}

/* The sum of squares of a block's samples: four float lanes at a time over stretches
 * of 256 frames (exact enough there), carried in double across them. One serial double
 * sum would cost every insert a dependency chain per sample. */
static double sum_sq_rt(const float *buf, int frames)
{
	const int samples = frames * 2;
	double sum = 0.0;
	for (int from = 0; from < samples; from += 512) {
		const int to = from + 512 < samples ? from + 512 : samples;
		fm_v4sf a = { 0, 0, 0, 0 }, b = { 0, 0, 0, 0 };
		int i = from;
		for (; i + 8 <= to; i += 8) {
			fm_v4sf x, y;
			memcpy(&x, buf + i, sizeof x);
			memcpy(&y, buf + i + 4, sizeof y);
			a += x * x;
			b += y * y;
		}
		float tail = 0.0f;
		for (; i < to; i++)
			tail += buf[i] * buf[i];
		a += b;
		sum += (double)a[0] + a[1] + a[2] + a[3] + tail;
	}
	return sum;
}

/* The A/B compensation: the whole block scaled by a gain gliding to match_target. */
static void match_gain_rt(struct fx_insert *fx, float *buf, int frames)
{
	float g = fx->match_gain;
	const float target = fx->match_target, k = fx->match_step;
	for (int i = 0; i < frames; i++) {
		g += (target - g) * k;
		buf[i * 2] *= g;
		buf[i * 2 + 1] *= g;
	}
	if (fabsf(target - g) < 1e-6f)
		g = target;
	fx->match_gain = g;
}

static void process_inner_rt(struct fx_insert *fx, float *buf, int frames);

void fx_insert_process_rt(struct fx_insert *fx, float *buf, int frames)
{
	/* follow the effect's in/out power only while it is fully in */
	const bool measure = fx->ab_meter && fx->mix == 1.0f && !fx->bypass && frames > 0;
	const double in_sq = measure ? sum_sq_rt(buf, frames) : 0.0;
	process_inner_rt(fx, buf, frames);
	if (measure) {
		const double out_sq = sum_sq_rt(buf, frames);
		const double k = 1.0 - exp(-(double)frames / (FX_MATCH_SEC * fx->sample_rate));
		fx->ms_in += (in_sq / (2.0 * frames) - fx->ms_in) * k;
		fx->ms_out += (out_sq / (2.0 * frames) - fx->ms_out) * k;
		if (fx->ms_in < FX_FLUSH)
			fx->ms_in = 0.0;
		if (fx->ms_out < FX_FLUSH)
			fx->ms_out = 0.0;
		if (fx->ms_in > 1e-12 && fx->ms_out > 1e-12)
			atomic_store_explicit(&fx->match_db,
				(float)(10.0 * log10(fx->ms_out / fx->ms_in)), memory_order_relaxed);
	}
	if (fx->match_gain != 1.0f || fx->match_target != 1.0f)
		match_gain_rt(fx, buf, frames);
}

static void process_inner_rt(struct fx_insert *fx, float *buf, int frames)
{
	if (fx->latency > 0) {
		process_latent_rt(fx, buf, frames);
		return;
	}
	const float goal = fx->bypass ? 0.0f : 1.0f;
	if (fx->mix == goal) {
		if (!fx->bypass)
			fx->cls->process_rt(fx->state, buf, frames);
		return;
	}
	/* crossfading: y = dry + (wet - dry) * mix, mix moving linearly to its goal */
	const float step = fx->bypass ? -fx->mix_step : fx->mix_step;
	for (int done = 0; done < frames;) {
		int n = frames - done < FX_XFADE_CHUNK ? frames - done : FX_XFADE_CHUNK;
		float *b = buf + (size_t)done * 2;
		if (fx->mix == goal) {
			if (!fx->bypass)
				fx->cls->process_rt(fx->state, b, frames - done);
			return;
		}
		memcpy(fx->dry, b, sizeof(float) * 2 * (size_t)n);
		fx->cls->process_rt(fx->state, b, n);
		float mix = fx->mix;
		for (int i = 0; i < n; i++) {
			mix += step;
			if ((step > 0 && mix >= goal) || (step < 0 && mix <= goal))
				mix = goal;
			b[i * 2] = fx->dry[i * 2] + (b[i * 2] - fx->dry[i * 2]) * mix;
			b[i * 2 + 1] = fx->dry[i * 2 + 1] + (b[i * 2 + 1] - fx->dry[i * 2 + 1]) * mix;
		}
		fx->mix = mix;
		done += n;
	}
}

void fx_chain_process_rt(struct fx_chain *chain, float *buf, int frames)
{
	for (int i = 0; i < chain->n; i++)
		fx_insert_process_rt(chain->slot[i], buf, frames);
}

/* the insert runs its effect on this call (a bypassed insert without latency does
 * not, once its crossfade is over) */
static bool insert_runs(const struct fx_insert *fx)
{
	return fx->latency > 0 || !fx->bypass || fx->mix != 0.0f;
}

bool fx_chain_idle_rt(const struct fx_chain *chain)
{
	for (int i = 0; i < chain->n; i++) {
		const struct fx_insert *fx = chain->slot[i];
		if (fx->mix != (fx->bypass ? 0.0f : 1.0f) || fx->match_gain != fx->match_target)
			return false;
		/* a level measurement still decaying would move on silence */
		if (fx->ab_meter && (fx->ms_in != 0.0 || fx->ms_out != 0.0))
			return false;
		if (!insert_runs(fx))
			continue;
		if (!fx->cls->idle || !fx->cls->idle(fx->state))
			return false;
		for (int k = 0; k < fx->latency * 2; k++)
			if (fx->delay[k] != 0.0f)
				return false;
	}
	return true;
}

void fx_chain_skip_rt(struct fx_chain *chain, int frames)
{
	/* a latent insert's dry delay holds only zeros, so where its write position
	 * stands makes no difference: it is left where it is */
	for (int i = 0; i < chain->n; i++) {
		struct fx_insert *fx = chain->slot[i];
		if (insert_runs(fx) && fx->cls->skip_rt)
			fx->cls->skip_rt(fx->state, frames);
	}
}

void fx_chain_carry_rt(struct fx_chain *dst, struct fx_chain *src)
{
	for (int i = 0; i < dst->n && i < src->n; i++) {
		struct fx_insert *d = dst->slot[i];
		struct fx_insert *o = src->slot[i];
		if (d->cls != o->cls)
			continue;
		/* a bypassed old insert did not run: its memory is stale, keep dst's fresh one */
		if (d->cls->carry_rt && (o->mix > 0.0f || o->latency > 0))
			d->cls->carry_rt(d->state, o->state);
		d->mix = o->mix;
		/* a level-matched A/B carries on across a rebuild, as does its measurement */
		d->ms_in = o->ms_in;
		d->ms_out = o->ms_out;
		atomic_store_explicit(&d->match_db, fx_insert_match_db(o), memory_order_relaxed);
		if (o->ab) {
			d->ab = true;
			d->match_target = o->match_target;
			d->match_gain = o->match_gain;
			apply_bypass_rt(d);
			d->mix = o->mix;
		}
		if (d->latency > 0 && d->latency == o->latency) {
			memcpy(d->delay, o->delay, sizeof(float) * 2 * (size_t)d->latency);
			d->delay_pos = o->delay_pos;
		}
	}
}

int fx_chain_latency(const struct fx_chain *chain)
{
	int frames = 0;
	for (int i = 0; i < chain->n; i++)
		frames += chain->slot[i]->latency;
	return frames;
}

void fx_chain_destroy(struct fx_chain *chain)
{
	for (int i = 0; i < chain->n; i++)
		fx_insert_destroy(chain->slot[i]);
	chain->n = 0;
}
