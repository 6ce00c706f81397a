/* Chorus (and flanger): a delay swept by a sine LFO, read at a fractional position with
 * linear interpolation, with feedback (docs/dsp.md, "Chorus"). The right channel's LFO
 * runs a quarter cycle ahead of the left's, which spreads the voices across the stereo
 * image. Chorus: delay_ms around 15-25, depth_ms a few ms, little feedback; flanger:
 * delay_ms 1-5, depth_ms about as much, feedback up to 0.9. */
#include "audio/fx/fx.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#define CH_MAX_DELAY_MS 30.0
#define CH_MAX_DEPTH_MS 10.0
#define CH_MIN_FRAMES 1.0       /* the read position never reaches the write position */
#define CH_PHASE_R 0.25         /* right LFO ahead of the left by this part of a cycle */

enum { C_RATE_HZ, C_DEPTH_MS, C_DELAY_MS, C_FEEDBACK, C_MIX, C_COUNT };

static const struct fx_param chorus_params[C_COUNT] = {
	{ "rate_hz", "Hz", 0.01, 10, 0.8, FX_TAPER_LOG, 0,
	  "speed of the sweep (LFO frequency)" },
	{ "depth_ms", "ms", 0, CH_MAX_DEPTH_MS, 3, FX_TAPER_LIN, 0,
	  "how far the delay swings either side of delay_ms" },
	{ "delay_ms", "ms", 0.5, CH_MAX_DELAY_MS, 15, FX_TAPER_LOG, 0,
	  "centre delay: 15-25 ms chorus, 1-5 ms flanger" },
	{ "feedback", "", 0, 0.9, 0, FX_TAPER_LIN, 0,
	  "swept signal fed back to the input (flanger resonance)" },
	{ "mix", "", 0, 1, 0.5, FX_TAPER_LIN, 0,
	  "0: dry only, 1: swept signal only (linear crossfade)" },
};

struct chorus {
	double fs;
	double p[C_COUNT];
	float *line[2];
	unsigned mask, write;
	double phase;                         /* left LFO, cycles in [0, 1) */
	double inc, inc_target;               /* cycles per frame */
	double depth, depth_target;           /* frames */
	double delay, delay_target;           /* frames */
	double feedback, feedback_target, mix, mix_target;
	double k;
};

static void chorus_snap(struct chorus *c)
{
	c->inc = c->inc_target = c->p[C_RATE_HZ] / c->fs;
	c->depth = c->depth_target = c->p[C_DEPTH_MS] * 1e-3 * c->fs;
	c->delay = c->delay_target = c->p[C_DELAY_MS] * 1e-3 * c->fs;
	c->feedback = c->feedback_target = c->p[C_FEEDBACK];
	c->mix = c->mix_target = c->p[C_MIX];
}

static void chorus_destroy(void *state)
{
	struct chorus *c = state;
	if (!c)
		return;
	free(c->line[0]);
	free(c->line[1]);
	free(c);
}

static void *chorus_create(int sample_rate, const double *params)
{
	struct chorus *c = fx_alloc_zeroed(1, sizeof *c);
	if (!c)
		return NULL;
	c->fs = sample_rate;
	memcpy(c->p, params, sizeof c->p);
	unsigned len = 1;
	while (len < (unsigned)ceil((CH_MAX_DELAY_MS + CH_MAX_DEPTH_MS) * 1e-3 * c->fs) + 4)
		len <<= 1;
	c->mask = len - 1;
	c->line[0] = fx_alloc_zeroed(len, sizeof(float));
	c->line[1] = fx_alloc_zeroed(len, sizeof(float));
	if (!c->line[0] || !c->line[1]) {
		chorus_destroy(c);
		return NULL;
	}
	c->k = 1.0 - exp(-1.0 / (FX_GLIDE_MS * 1e-3 * c->fs));
	chorus_snap(c);
	return c;
}

static void chorus_reset_rt(void *state)
{
	struct chorus *c = state;
	memset(c->line[0], 0, sizeof(float) * (c->mask + 1));
	memset(c->line[1], 0, sizeof(float) * (c->mask + 1));
	c->write = 0;
	c->phase = 0.0;
	chorus_snap(c);
}

static void chorus_set_param_rt(void *state, int index, double value)
{
	struct chorus *c = state;
	if (index < 0 || index >= C_COUNT)
		return;
	c->p[index] = value;
	switch (index) {
	case C_RATE_HZ: c->inc_target = value / c->fs; break;
	case C_DEPTH_MS: c->depth_target = value * 1e-3 * c->fs; break;
	case C_DELAY_MS: c->delay_target = value * 1e-3 * c->fs; break;
	case C_FEEDBACK: c->feedback_target = value; break;
	case C_MIX: c->mix_target = value; break;
	default: break;
	}
}

static inline double glide(double cur, double target, double k, double snap)
{
	if (cur == target)
		return cur;
	cur += (target - cur) * k;
	return fabs(target - cur) < snap ? target : cur;
}

static void chorus_process_rt(void *state, float *buf, int frames)
{
	struct chorus *c = state;
	for (int i = 0; i < frames; i++) {
		c->inc = glide(c->inc, c->inc_target, c->k, 1e-12);
		c->depth = glide(c->depth, c->depth_target, c->k, 1e-4);
		c->delay = glide(c->delay, c->delay_target, c->k, 1e-4);
		c->feedback = glide(c->feedback, c->feedback_target, c->k, 1e-6);
		c->mix = glide(c->mix, c->mix_target, c->k, 1e-6);
		float *x = buf + (size_t)i * 2;
		double wet[2];
		for (int ch = 0; ch < 2; ch++) {
			double ph = c->phase + (ch ? CH_PHASE_R : 0.0);
			double d = c->delay + c->depth * sin(2.0 * M_PI * ph);
			if (d < CH_MIN_FRAMES)
				d = CH_MIN_FRAMES;
			double whole = floor(d), frac = d - whole;
			unsigned i0 = (c->write - (unsigned)whole) & c->mask;
			unsigned i1 = (i0 - 1u) & c->mask;
			wet[ch] = (1.0 - frac) * c->line[ch][i0] + frac * c->line[ch][i1];
			double in = x[ch] + c->feedback * wet[ch];
			c->line[ch][c->write] = fabs(in) < FX_FLUSH ? 0.0f : (float)in;
		}
		c->write = (c->write + 1u) & c->mask;
		c->phase += c->inc;
		if (c->phase >= 1.0)
			c->phase -= 1.0;
		const double mix = c->mix;
		x[0] = (float)(x[0] * (1.0 - mix) + wet[0] * mix);
		x[1] = (float)(x[1] * (1.0 - mix) + wet[1] * mix);
	}
}

/* A rebuilt graph's chorus carries on: lines, LFO phase and the values gliding. */
static void chorus_carry_rt(void *dst, void *src)
{
	struct chorus *c = dst;
	struct chorus *o = src;
	if (c->mask != o->mask || c->fs != o->fs)
		return;
	for (int ch = 0; ch < 2; ch++) { /* exchanged, not copied (fx.h, carry_rt) */
		float *t = c->line[ch];
		c->line[ch] = o->line[ch];
		o->line[ch] = t;
	}
	c->write = o->write;
	c->phase = o->phase;
	c->inc = o->inc;
	c->depth = o->depth;
	c->delay = o->delay;
	c->feedback = o->feedback;
	c->mix = o->mix;
}

const struct fx_class fx_chorus = {
	.name = "chorus",
	.help = "chorus and flanger: an LFO-swept delay with feedback",
	.params = chorus_params,
	.n_params = C_COUNT,
	.create = chorus_create,
	.process_rt = chorus_process_rt,
	.set_param_rt = chorus_set_param_rt,
	.reset_rt = chorus_reset_rt,
	.destroy = chorus_destroy,
	.carry_rt = chorus_carry_rt,
};
