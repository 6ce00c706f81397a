/* gen_tracks: deterministic stereo test material for the benchmarks in bench/.
 *
 *   bench/gen_tracks [-n TRACKS] [-s SECONDS] [-r RATE] OUTDIR
 *
 * Writes OUTDIR/trackNN.wav (NN from 01), stereo 24-bit PCM, through our own media
 * writer (audio/media.h), so the benchmark also exercises the path ttymix writes with.
 * Each track is different but the same on every run: band-limited noise (partly
 * correlated between the channels), two slowly beating tones and, on every third
 * track, percussive noise bursts on a 120 bpm grid. Levels sit around -28 dBFS RMS
 * per track so that a 16-track mix at moderate fader gains stays below full scale
 * and neither renderer clips (clipping would hide differences between them). */
#include <errno.h>
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "audio/media.h"

#define GEN_BLOCK_FRAMES 4096
#define GEN_MAX_TRACKS 999

/* xorshift32: fast, and identical everywhere, unlike rand(). */
static uint32_t rng_next(uint32_t *state)
{
	uint32_t x = *state;
	x ^= x << 13;
	x ^= x >> 17;
	x ^= x << 5;
	*state = x;
	return x;
}

/* Uniform in [-1, 1). */
static double rng_bipolar(uint32_t *state)
{
	return (double)rng_next(state) / 2147483648.0 - 1.0;
}

/* A sine oscillator as a rotating phasor; renormalised now and then so that rounding
 * does not let its amplitude drift over minutes. */
struct phasor {
	double re, im, step_re, step_im;
};

static void phasor_init(struct phasor *p, double freq_hz, double phase, int rate)
{
	double w = 2.0 * M_PI * freq_hz / rate;
	p->re = cos(phase);
	p->im = sin(phase);
	p->step_re = cos(w);
	p->step_im = sin(w);
}

static double phasor_next(struct phasor *p)
{
	double re = p->re * p->step_re - p->im * p->step_im;
	double im = p->re * p->step_im + p->im * p->step_re;
	p->re = re;
	p->im = im;
	return im;
}

static void phasor_renormalise(struct phasor *p)
{
	double mag = sqrt(p->re * p->re + p->im * p->im);
	p->re /= mag;
	p->im /= mag;
}

/* Everything one track needs to make its next frame. */
struct track_gen {
	uint32_t rng;
	double lp_coef, hp_coef;       /* one-pole coefficients of the noise band */
	double lp_state[2], hp_state[2];
	double noise_level, correlation;
	struct phasor tone[2], tremolo;
	double tone_level, pan_tone;   /* pan_tone: how far the tones sit to one side */
	bool bursts;
	double burst_env, burst_decay, burst_level;
	int64_t beat_frames;
};

static double one_pole_coef(double cutoff_hz, int rate)
{
	return 1.0 - exp(-2.0 * M_PI * cutoff_hz / rate);
}

static void track_gen_init(struct track_gen *g, int index, int rate)
{
	memset(g, 0, sizeof *g);
	g->rng = 0x9e3779b9u ^ (uint32_t)(index + 1) * 0x85ebca6bu;
	if (!g->rng)
		g->rng = 1;
	/* the noise band climbs with the track number: rumble to hiss */
	double centre_hz = 80.0 * pow(1.35, index % 16);
	g->lp_coef = one_pole_coef(centre_hz * 2.0, rate);
	g->hp_coef = one_pole_coef(centre_hz / 2.0, rate);
	g->noise_level = 0.06;
	g->correlation = 0.3 + 0.04 * (index % 16);
	/* two tones a little apart so that they beat; a different scale step per track */
	double base_hz = 110.0 * pow(2.0, (double)((index * 7) % 24) / 12.0);
	phasor_init(&g->tone[0], base_hz, 0.1 * index, rate);
	phasor_init(&g->tone[1], base_hz * 1.5 + 0.7, 0.3 * index, rate);
	phasor_init(&g->tremolo, 0.15 + 0.05 * (index % 5), 0.0, rate);
	g->tone_level = 0.035;
	g->pan_tone = ((index % 5) - 2) * 0.2;
	g->bursts = index % 3 == 0;
	g->burst_decay = exp(-1.0 / (0.08 * rate));
	g->burst_level = 0.12;
	g->beat_frames = rate / 2; /* 120 bpm */
}

static void track_gen_fill(struct track_gen *g, int64_t first_frame, float *out, int n)
{
	for (int i = 0; i < n; i++) {
		int64_t frame = first_frame + i;
		double common = rng_bipolar(&g->rng);
		double noise[2];
		for (int c = 0; c < 2; c++) {
			double x = g->correlation * common
				+ (1.0 - g->correlation) * rng_bipolar(&g->rng);
			g->lp_state[c] += g->lp_coef * (x - g->lp_state[c]);
			g->hp_state[c] += g->hp_coef * (g->lp_state[c] - g->hp_state[c]);
			noise[c] = (g->lp_state[c] - g->hp_state[c]) * g->noise_level * 4.0;
		}
		double trem = 0.6 + 0.4 * phasor_next(&g->tremolo);
		double tones = (phasor_next(&g->tone[0]) + 0.5 * phasor_next(&g->tone[1]))
			* g->tone_level * trem;
		double burst = 0.0;
		if (g->bursts) {
			if (frame % g->beat_frames == 0)
				g->burst_env = 1.0;
			burst = g->burst_env * g->burst_level * rng_bipolar(&g->rng);
			g->burst_env *= g->burst_decay;
		}
		out[i * 2] = (float)(noise[0] + tones * (1.0 - g->pan_tone) + burst);
		out[i * 2 + 1] = (float)(noise[1] + tones * (1.0 + g->pan_tone) + burst);
	}
	phasor_renormalise(&g->tone[0]);
	phasor_renormalise(&g->tone[1]);
	phasor_renormalise(&g->tremolo);
}

static int write_track(const char *dir, int index, double seconds, int rate)
{
	char path[4096];
	snprintf(path, sizeof path, "%s/track%02d.wav", dir, index + 1);
	struct media_writer *w;
	struct err_msg msg;
	if (media_writer_open(&w, path, MEDIA_WAV, MEDIA_PCM24, rate, 2, &msg) != ERR_OK) {
		fprintf(stderr, "gen_tracks: %s\n", msg.text);
		return 1;
	}
	struct track_gen g;
	track_gen_init(&g, index, rate);
	static float block[GEN_BLOCK_FRAMES * 2];
	const int64_t total = llround(seconds * rate);
	enum err e = ERR_OK;
	for (int64_t done = 0; done < total && e == ERR_OK; ) {
		int n = total - done < GEN_BLOCK_FRAMES ? (int)(total - done) : GEN_BLOCK_FRAMES;
		track_gen_fill(&g, done, block, n);
		e = media_writer_write(w, block, n, &msg);
		done += n;
	}
	struct err_msg close_msg;
	enum err ce = media_writer_close(w, &close_msg);
	if (e == ERR_OK && ce != ERR_OK) {
		e = ce;
		msg = close_msg;
	}
	if (e != ERR_OK) {
		fprintf(stderr, "gen_tracks: %s\n", msg.text);
		remove(path);
		return 1;
	}
	return 0;
}

static int usage(void)
{
	fprintf(stderr, "usage: gen_tracks [-n TRACKS] [-s SECONDS] [-r RATE] OUTDIR\n");
	return 2;
}

/* Strict positive number, or false. */
static bool parse_number(const char *s, double min, double max, double *out)
{
	char *end;
	errno = 0;
	double v = strtod(s, &end);
	if (errno || end == s || *end || !(v >= min && v <= max))
		return false;
	*out = v;
	return true;
}

int main(int argc, char **argv)
{
	double tracks = 16, seconds = 180, rate = 48000;
	const char *dir = NULL;
	for (int i = 1; i < argc; i++) {
		const char *a = argv[i];
		bool ok = true;
		if (!strcmp(a, "-n") && i + 1 < argc)
			ok = parse_number(argv[++i], 1, GEN_MAX_TRACKS, &tracks)
				&& tracks == floor(tracks);
		else if (!strcmp(a, "-s") && i + 1 < argc)
			ok = parse_number(argv[++i], 0.001, 86400, &seconds);
		else if (!strcmp(a, "-r") && i + 1 < argc)
			ok = parse_number(argv[++i], 8000, 384000, &rate) && rate == floor(rate);
		else if (a[0] == '-' || dir)
			return usage();
		else
			dir = a;
		if (!ok)
			return usage();
	}
	if (!dir)
		return usage();
	if (mkdir(dir, 0755) != 0 && errno != EEXIST) {
		fprintf(stderr, "gen_tracks: %s: cannot create: %s\n", dir, strerror(errno));
		return 1;
	}
	for (int t = 0; t < (int)tracks; t++)
		if (write_track(dir, t, seconds, (int)rate))
			return 1;
	return 0;
}
