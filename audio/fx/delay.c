/* Delay: a stereo (or ping-pong) feedback delay with a one-pole low-pass in the feedback
 * path (docs/dsp.md, "Delay").
 *
 * The lines are allocated at create for the longest time (2 s), so process_rt never
 * allocates. The read position is a fractional delay, read with linear interpolation,
 * that glides to a new time_ms with a one-pole (DELAY_TIME_GLIDE_MS): a time change
 * bends the pitch briefly, as a tape delay does, but never jumps (no click). At rest the
 * delay is a whole number of frames when time_ms * fs / 1000 is, and then the echo is
 * exact. With `sync` set, the time is that many beats at the project tempo (given by
 * set_tempo_rt after create) instead of time_ms. */
#include "audio/fx/fx.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#define DELAY_MAX_MS 2000.0
#define DELAY_TIME_GLIDE_MS 60.0   /* the read position moves slower than other params */

enum { D_TIME_MS, D_FEEDBACK, D_LOWPASS_HZ, D_PINGPONG, D_MIX, D_SYNC, D_COUNT };

static const struct fx_param delay_params[D_COUNT] = {
	{ "time_ms", "ms", 1, DELAY_MAX_MS, 375, FX_TAPER_LOG, 0,
	  "time from the input to the first echo, and between echoes" },
	{ "feedback", "", 0, 0.95, 0.35, FX_TAPER_LIN, 0,
	  "level of each echo relative to the one before" },
	{ "lowpass_hz", "Hz", 0, 20000, 0, FX_TAPER_LOG, 0,
	  "one-pole low-pass in the feedback path: each echo darker; 0: off" },
	{ "pingpong", "", 0, 1, 0, FX_TAPER_LIN, 1,
	  "1: echoes of the summed input alternate left and right; 0: each side on its own" },
	{ "mix", "", 0, 1, 0.3, FX_TAPER_LIN, 0,
	  "0: dry only, 1: echoes only (linear crossfade)" },
	{ "sync", "beats", 0, 4, 0, FX_TAPER_LIN, 0,
	  "time in beats at the project tempo, overriding time_ms: 0.5 = 1/8, 0.75 = dotted "
	  "1/8, 1/3 = 1/8 triplet, 1 = 1/4; 0: off" },
};

#define DELAY_DEFAULT_BPM 120.0

struct delay {
	double fs;
	double bpm;             /* the project's tempo, for sync */
	bool started;           /* processed a frame: a new tempo glides, not jumps */
	double p[D_COUNT];
	float *line[2];
	unsigned mask;          /* line length - 1 (a power of two) */
	unsigned write;
	double delay_frames, delay_target, delay_k;   /* gliding read distance */
	double feedback, feedback_target;
	double lp_a, lp_a_target;                     /* 1: no filtering */
	double mix, mix_target;
	double k;                                     /* per-frame glide coefficient */
	double lp[2];                                 /* feedback low-pass states */
};

static double lowpass_coef(double hz, double fs)
{
	if (hz <= 0.0 || hz >= 0.45 * fs)
		return 1.0;
	return 1.0 - exp(-2.0 * M_PI * hz / fs);
}

static double time_frames(double ms, double fs)
{
	return ms * 1e-3 * fs;
}

/* The delay in frames the parameters ask for: sync beats at the tempo when set, else
 * time_ms; never longer than the line. */
static double target_frames(const struct delay *d)
{
	double ms = d->p[D_SYNC] > 0 ? d->p[D_SYNC] * 60000.0 / d->bpm : d->p[D_TIME_MS];
	if (ms > DELAY_MAX_MS)
		ms = DELAY_MAX_MS;
	return time_frames(ms, d->fs);
}

static void delay_snap(struct delay *d)
{
	d->delay_frames = d->delay_target = target_frames(d);
	d->feedback = d->feedback_target = d->p[D_FEEDBACK];
	d->lp_a = d->lp_a_target = lowpass_coef(d->p[D_LOWPASS_HZ], d->fs);
	d->mix = d->mix_target = d->p[D_MIX];
}

static void delay_destroy(void *state)
{
	struct delay *d = state;
	if (!d)
		return;
	free(d->line[0]);
	free(d->line[1]);
	free(d);
}

static void *delay_create(int sample_rate, const double *params)
{
	struct delay *d = fx_alloc_zeroed(1, sizeof *d);
	if (!d)
		return NULL;
	d->fs = sample_rate;
	d->bpm = DELAY_DEFAULT_BPM;
	memcpy(d->p, params, sizeof d->p);
	unsigned len = 1;
	while (len < (unsigned)ceil(time_frames(DELAY_MAX_MS, d->fs)) + 4)
		len <<= 1;
	d->mask = len - 1;
	d->line[0] = fx_alloc_zeroed(len, sizeof(float));
	d->line[1] = fx_alloc_zeroed(len, sizeof(float));
	if (!d->line[0] || !d->line[1]) {
		delay_destroy(d);
		return NULL;
	}
	d->k = 1.0 - exp(-1.0 / (FX_GLIDE_MS * 1e-3 * d->fs));
	d->delay_k = 1.0 - exp(-1.0 / (DELAY_TIME_GLIDE_MS * 1e-3 * d->fs));
	delay_snap(d);
	return d;
}

static void delay_reset_rt(void *state)
{
	struct delay *d = state;
	memset(d->line[0], 0, sizeof(float) * (d->mask + 1));
	memset(d->line[1], 0, sizeof(float) * (d->mask + 1));
	d->lp[0] = d->lp[1] = 0.0;
	d->write = 0;
	delay_snap(d);
}

static void delay_set_param_rt(void *state, int index, double value)
{
	struct delay *d = state;
	if (index < 0 || index >= D_COUNT)
		return;
	d->p[index] = value;
	switch (index) {
	case D_TIME_MS:
	case D_SYNC: d->delay_target = target_frames(d); break;
	case D_FEEDBACK: d->feedback_target = value; break;
	case D_LOWPASS_HZ: d->lp_a_target = lowpass_coef(value, d->fs); break;
	case D_MIX: d->mix_target = value; break;
	default: break; /* pingpong is read per frame */
	}
}

/* one-pole glide of one value, per frame; snaps when within snap */
static inline double glide(double cur, double target, double k, double snap)
{
	if (cur == target)
		return cur;
	cur += (target - cur) * k;
	return fabs(target - cur) < snap ? target : cur;
}

static inline float read_line(const float *line, unsigned mask, unsigned write,
	double delay_frames)
{
	double whole = floor(delay_frames);
	double frac = delay_frames - whole;
	unsigned i0 = (write - (unsigned)whole) & mask;
	unsigned i1 = (i0 - 1u) & mask;
	if (frac == 0.0)
		return line[i0];
	return (float)((1.0 - frac) * line[i0] + frac * line[i1]);
}

static inline float flush_f(double x)
{
	return fabs(x) < FX_FLUSH ? 0.0f : (float)x;
}

static void delay_process_rt(void *state, float *buf, int frames)
{
	struct delay *d = state;
	const bool pingpong = d->p[D_PINGPONG] >= 0.5;
	d->started = true;
	for (int i = 0; i < frames; i++) {
		d->delay_frames = glide(d->delay_frames, d->delay_target, d->delay_k, 1e-4);
		d->feedback = glide(d->feedback, d->feedback_target, d->k, 1e-6);
		d->lp_a = glide(d->lp_a, d->lp_a_target, d->k, 1e-6);
		d->mix = glide(d->mix, d->mix_target, d->k, 1e-6);
		float *x = buf + (size_t)i * 2;
		double wet[2];
		for (int ch = 0; ch < 2; ch++) {
			wet[ch] = read_line(d->line[ch], d->mask, d->write, d->delay_frames);
			d->lp[ch] += d->lp_a * (wet[ch] - d->lp[ch]);
			if (fabs(d->lp[ch]) < FX_FLUSH)
				d->lp[ch] = 0.0;
		}
		double fb = d->feedback;
		if (pingpong) {
			/* the summed input enters the left line; each line feeds the other */
			d->line[0][d->write] = flush_f(0.5 * (x[0] + x[1]) + fb * d->lp[1]);
			d->line[1][d->write] = flush_f(fb * d->lp[0]);
		} else {
			d->line[0][d->write] = flush_f(x[0] + fb * d->lp[0]);
			d->line[1][d->write] = flush_f(x[1] + fb * d->lp[1]);
		}
		d->write = (d->write + 1u) & d->mask;
		const double mix = d->mix;
		x[0] = (float)(x[0] * (1.0 - mix) + wet[0] * mix);
		x[1] = (float)(x[1] * (1.0 - mix) + wet[1] * mix);
	}
}

/* A rebuilt graph's delay carries on: the lines (the echoes still to come), filter
 * states and the values gliding; targets stay dst's own. */
static void delay_carry_rt(void *dst, void *src)
{
	struct delay *d = dst;
	struct delay *o = src;
	if (d->mask != o->mask || d->fs != o->fs)
		return;
	for (int ch = 0; ch < 2; ch++) { /* exchanged, not copied (fx.h, carry_rt) */
		float *t = d->line[ch];
		d->line[ch] = o->line[ch];
		o->line[ch] = t;
	}
	memcpy(d->lp, o->lp, sizeof d->lp);
	d->write = o->write;
	d->delay_frames = o->delay_frames;
	d->feedback = o->feedback;
	d->lp_a = o->lp_a;
	d->mix = o->mix;
}

static void delay_set_tempo_rt(void *state, double bpm)
{
	struct delay *d = state;
	if (!(bpm > 0))
		return;
	d->bpm = bpm;
	d->delay_target = target_frames(d);
	if (!d->started)
		d->delay_frames = d->delay_target; /* a new insert starts at its time */
}

const struct fx_class fx_delay = {
	.name = "delay",
	.help = "feedback delay with a darkening low-pass and ping-pong",
	.params = delay_params,
	.n_params = D_COUNT,
	.create = delay_create,
	.process_rt = delay_process_rt,
	.set_param_rt = delay_set_param_rt,
	.reset_rt = delay_reset_rt,
	.destroy = delay_destroy,
	.carry_rt = delay_carry_rt,
	.set_tempo_rt = delay_set_tempo_rt,
};
