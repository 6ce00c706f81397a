/* gen_demo: the demo song, synthesised at build time by our own generator.
 *
 *   gen_demo OUTDIR     writes OUTDIR/project.json and OUTDIR/audio/<stem>.flac
 *
 * A small pop song in A minor at 120 bpm (one bar = 2 s, so section times are easy to
 * read off the ruler): intro 4 bars, verse 8, chorus 8, verse 8, chorus 8, outro 2.
 * Verses loop Am-F-C-G (i-VI-III-VII), choruses C-G-Am-F (the brighter I-V-vi-IV of the
 * relative major), so the chorus lifts without a key change.
 *
 * The song is left unmixed on purpose, because it is the thing students fix: every
 * fader at 0 dB and every track centred, the stems at clumsy levels (kick and pad too hot,
 * lead buried), and the pad carries a boost around 280 Hz (mud) that an EQ should cut.
 *
 * The output is deterministic: no clock, no environment, and an xorshift PRNG seeded per
 * stem, so a stem does not change when another one gains or loses a note. Build tool,
 * single thread; not part of libttymix. */
#include <errno.h>
#include <math.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "audio/media.h"
#include "src/base/err.h"
#include "src/paths.h"
#include "src/project.h"
#include "src/base/xalloc.h"

#define DEMO_RATE 48000
#define DEMO_BPM 120.0
#define DEMO_BEATS_PER_BAR 4
#define DEMO_TAIL_SEC 2.0          /* lets the last pad chord and lead note ring out */
#define DEMO_SWING_BEATS 0.035     /* late off-beat 16ths: the groove's shuffle */
#define DEMO_WRITE_FRAMES 8192

#ifndef M_PI
#define M_PI 3.14159265358979323846
#endif

/* ---- song form ---- */

enum section_kind {
	SECTION_INTRO, SECTION_VERSE, SECTION_CHORUS, SECTION_OUTRO, SECTION_KINDS
};

struct section {
	const char *name;    /* also the marker's name */
	int bars;
	enum section_kind kind;
};

static const struct section song_sections[] = {
	{ "Intro", 4, SECTION_INTRO },
	{ "Verse 1", 8, SECTION_VERSE },
	{ "Chorus 1", 8, SECTION_CHORUS },
	{ "Verse 2", 8, SECTION_VERSE },
	{ "Chorus 2", 8, SECTION_CHORUS },
	{ "Outro", 2, SECTION_OUTRO },
};
#define SONG_SECTIONS ((int)(sizeof song_sections / sizeof song_sections[0]))

enum chord_id { CHORD_AM, CHORD_F, CHORD_C, CHORD_G };

#define PAD_VOICES 5

struct chord {
	int bass_midi;       /* root in the low octave (A1..C2) */
	int pad_midi[PAD_VOICES];  /* close voicing, ~100-330 Hz: a crowded low-mid */
};

static const struct chord chords[] = {
	[CHORD_AM] = { 33, { 45, 52, 57, 60, 64 } },  /* A2 E3 A3 C4 E4 */
	[CHORD_F] = { 29, { 41, 48, 53, 57, 60 } },   /* F2 C3 F3 A3 C4 */
	[CHORD_C] = { 36, { 48, 52, 55, 60, 64 } },   /* C3 E3 G3 C4 E4 */
	[CHORD_G] = { 31, { 43, 50, 55, 59, 62 } },   /* G2 D3 G3 B3 D4 */
};

static const enum chord_id verse_progression[4] = { CHORD_AM, CHORD_F, CHORD_C, CHORD_G };
static const enum chord_id chorus_progression[4] = { CHORD_C, CHORD_G, CHORD_AM, CHORD_F };

/* Where a bar sits in the form. */
struct bar_info {
	int bar;                 /* from the top of the song */
	int section;             /* index into song_sections */
	int bar_in_section;
	bool last_in_section;
	enum section_kind kind;
	enum chord_id chord;
};

static int song_bars(void)
{
	int n = 0;
	for (int i = 0; i < SONG_SECTIONS; i++)
		n += song_sections[i].bars;
	return n;
}

static int section_start_bar(int section)
{
	int n = 0;
	for (int i = 0; i < section; i++)
		n += song_sections[i].bars;
	return n;
}

static void song_bar(int bar, struct bar_info *b)
{
	int start = 0, i = 0;
	while (i < SONG_SECTIONS - 1 && bar >= start + song_sections[i].bars)
		start += song_sections[i++].bars;
	b->bar = bar;
	b->section = i;
	b->bar_in_section = bar - start;
	b->last_in_section = b->bar_in_section == song_sections[i].bars - 1;
	b->kind = song_sections[i].kind;
	/* the intro previews the verse changes; the outro rests on the tonic */
	if (b->kind == SECTION_CHORUS)
		b->chord = chorus_progression[b->bar_in_section % 4];
	else if (b->kind == SECTION_OUTRO)
		b->chord = CHORD_AM;
	else
		b->chord = verse_progression[b->bar_in_section % 4];
}

static double beat_sec(double beat)
{
	return beat * 60.0 / DEMO_BPM;
}

static int64_t beat_frame(double beat)
{
	return (int64_t)llround(beat_sec(beat) * DEMO_RATE);
}

/* Off-beat 16ths land a little late; on-beats and 8ths stay put so the grid holds. */
static double groove_beat(double beat_in_bar)
{
	double sixteenth = beat_in_bar * 4.0;
	if (fabs(sixteenth - floor(sixteenth)) < 1e-9 && (long)sixteenth % 2 == 1)
		return beat_in_bar + DEMO_SWING_BEATS;
	return beat_in_bar;
}

static int64_t bar_frame(int bar, double beat_in_bar)
{
	return beat_frame(bar * DEMO_BEATS_PER_BAR + groove_beat(beat_in_bar));
}

static int64_t song_frames(void)
{
	int64_t tail = (int64_t)(DEMO_TAIL_SEC * DEMO_RATE);
	return beat_frame(song_bars() * DEMO_BEATS_PER_BAR) + tail;
}

/* ---- building blocks ---- */

/* xorshift32 (Marsaglia 2003): tiny, fast, and the same on every platform. */
struct rng {
	uint32_t state;
};

static uint32_t rng_next(struct rng *r)
{
	uint32_t x = r->state;
	x ^= x << 13;
	x ^= x >> 17;
	x ^= x << 5;
	return r->state = x;
}

/* Uniform in [-1, 1): white noise for drums. */
static double rng_bipolar(struct rng *r)
{
	return (double)(rng_next(r) >> 8) / 8388608.0 - 1.0;
}

/* Uniform in [0, 1): oscillator start phases. */
static double rng_unit(struct rng *r)
{
	return (double)(rng_next(r) >> 8) / 16777216.0;
}

/* A player never hits twice the same: vary a velocity by up to +-amount. */
static double humanize(struct rng *r, double velocity, double amount)
{
	return velocity * (1.0 + amount * rng_bipolar(r));
}

static double midi_hz(double midi)
{
	return 440.0 * pow(2.0, (midi - 69.0) / 12.0);
}

struct stem {
	int channels;
	int64_t frames;
	float *buf;          /* interleaved */
};

static void stem_add(struct stem *s, int64_t frame, int channel, double value)
{
	if (frame >= 0 && frame < s->frames)
		s->buf[frame * s->channels + channel] += (float)value;
}

/* One-pole filter: the gentlest slope (6 dB/oct), enough to darken a saw or thin noise. */
struct one_pole {
	double a, z;
};

/* Move the cutoff and keep the state, so that a sweeping filter does not click. */
static void one_pole_set(struct one_pole *f, double cutoff_hz)
{
	f->a = 1.0 - exp(-2.0 * M_PI * cutoff_hz / DEMO_RATE);
}

static void one_pole_init(struct one_pole *f, double cutoff_hz)
{
	one_pole_set(f, cutoff_hz);
	f->z = 0.0;
}

static double one_pole_lp(struct one_pole *f, double x)
{
	f->z += f->a * (x - f->z);
	return f->z;
}

static double one_pole_hp(struct one_pole *f, double x)
{
	return x - one_pole_lp(f, x);
}

/* RBJ cookbook peaking biquad (Bristow-Johnson, "Audio EQ Cookbook"), transposed
 * direct form II. Used only to put the mud into the pad. */
struct biquad {
	double b0, b1, b2, a1, a2, z1, z2;
};

static void biquad_peak_init(struct biquad *f, double hz, double q, double gain_db)
{
	double a = pow(10.0, gain_db / 40.0);
	double w0 = 2.0 * M_PI * hz / DEMO_RATE;
	double alpha = sin(w0) / (2.0 * q);
	double a0 = 1.0 + alpha / a;
	f->b0 = (1.0 + alpha * a) / a0;
	f->b1 = -2.0 * cos(w0) / a0;
	f->b2 = (1.0 - alpha * a) / a0;
	f->a1 = f->b1;
	f->a2 = (1.0 - alpha / a) / a0;
	f->z1 = f->z2 = 0.0;
}

static double biquad_run(struct biquad *f, double x)
{
	double y = f->b0 * x + f->z1;
	f->z1 = f->b1 * x - f->a1 * y + f->z2;
	f->z2 = f->b2 * x - f->a2 * y;
	return y;
}

/* PolyBLEP (Valimaki & Huovilainen 2007): rounds the saw's step over one sample each
 * side, which removes most of the aliasing a naive saw folds back into the audio band. */
static double poly_blep(double t, double dt)
{
	if (t < dt) {
		t /= dt;
		return t + t - t * t - 1.0;
	}
	if (t > 1.0 - dt) {
		t = (t - 1.0) / dt;
		return t * t + t + t + 1.0;
	}
	return 0.0;
}

static double saw(double phase, double dt)
{
	return 2.0 * phase - 1.0 - poly_blep(phase, dt);
}

/* Phase advance in cycles, wrapped to [0, 1). */
static double phase_step(double phase, double dt)
{
	phase += dt;
	return phase - floor(phase);
}

/* Fade the last frames of a one-shot so that cutting it off never clicks. */
static double tail_gain(int64_t i, int64_t n, int64_t fade)
{
	return i < n - fade ? 1.0 : (double)(n - i) / (double)fade;
}

/* Attack-release: raised-cosine attack up to gate, linear release after it. */
static double env_ar(int64_t i, int64_t gate, int64_t attack, int64_t release)
{
	int64_t held = i < gate ? i : gate;
	double level = 1.0;
	if (held < attack)
		level = 0.5 - 0.5 * cos(M_PI * (double)held / (double)attack);
	if (i < gate)
		return level;
	double r = 1.0 - (double)(i - gate) / (double)release;
	return r > 0.0 ? level * r : 0.0;
}

/* ---- patterns ---- */

struct hit {
	double beat;         /* in the bar */
	double velocity;     /* 0..1 */
};

struct pattern {
	const struct hit *hits;
	int n;
};

#define PATTERN(a) { a, (int)(sizeof a / sizeof a[0]) }
#define NO_PATTERN { NULL, 0 }

/* Play a pattern in a bar through a one-shot voice. */
static void play_pattern(struct stem *s, struct rng *rng, const struct pattern *p, int bar,
	double humanize_amount, void (*voice)(struct stem *, struct rng *, int64_t, double))
{
	for (int i = 0; i < p->n; i++)
		voice(s, rng, bar_frame(bar, p->hits[i].beat),
			humanize(rng, p->hits[i].velocity, humanize_amount));
}

/* ---- kick ---- */

/* A falling sine, the 808 recipe: the fast sweep from ~160 Hz reads as the beater, the
 * tail at 48 Hz as the body. */
static void kick_voice(struct stem *s, struct rng *rng, int64_t at, double velocity)
{
	(void)rng;
	int64_t n = (int64_t)(0.7 * DEMO_RATE), fade = DEMO_RATE / 50;
	double phase = 0.0;
	for (int64_t i = 0; i < n; i++) {
		double t = (double)i / DEMO_RATE;
		double hz = 48.0 + 112.0 * exp(-t / 0.03);
		double amp = exp(-t / 0.17) * tail_gain(i, n, fade);
		stem_add(s, at + i, 0, velocity * amp * sin(2.0 * M_PI * phase));
		phase = phase_step(phase, hz / DEMO_RATE);
	}
}

static void kick_render(struct stem *s, struct rng *rng)
{
	static const struct hit intro[] = { { 0, 0.9 }, { 2, 0.85 } };
	/* the "and" of 3 pushes the verse forward; the chorus adds the "and" of 2 and 4 */
	static const struct hit verse[] = { { 0, 1.0 }, { 2, 0.9 }, { 2.5, 0.7 } };
	static const struct hit chorus[] = {
		{ 0, 1.0 }, { 1.5, 0.75 }, { 2, 0.95 }, { 3.5, 0.7 },
	};
	static const struct hit outro[] = { { 0, 1.0 } };
	static const struct pattern patterns[SECTION_KINDS] = {
		PATTERN(intro), PATTERN(verse), PATTERN(chorus), PATTERN(outro),
	};
	for (int bar = 0; bar < song_bars(); bar++) {
		struct bar_info b;
		song_bar(bar, &b);
		/* the kick enters halfway through the intro, and the outro is one last hit */
		if ((b.kind == SECTION_INTRO && b.bar_in_section < 2) ||
			(b.kind == SECTION_OUTRO && b.bar_in_section > 0))
			continue;
		play_pattern(s, rng, &patterns[b.kind], bar, 0.04, kick_voice);
	}
}

/* ---- snare ---- */

/* Tone burst (the shell, ~185 Hz dropping a little) plus band-limited noise (the
 * wires), each with its own decay: the tone dies first, the wires rattle on. */
static void snare_voice(struct stem *s, struct rng *rng, int64_t at, double velocity)
{
	int64_t n = (int64_t)(0.4 * DEMO_RATE), fade = DEMO_RATE / 50;
	struct one_pole hp, lp;
	one_pole_init(&hp, 1200.0);
	one_pole_init(&lp, 9000.0);
	double phase = 0.0;
	for (int64_t i = 0; i < n; i++) {
		double t = (double)i / DEMO_RATE;
		double tone = sin(2.0 * M_PI * phase) * exp(-t / 0.05);
		double noise = one_pole_lp(&lp, one_pole_hp(&hp, rng_bipolar(rng)));
		double wires = noise * exp(-t / 0.11);
		double x = 0.55 * tone + 0.9 * wires;
		stem_add(s, at + i, 0, velocity * x * tail_gain(i, n, fade));
		phase = phase_step(phase, (180.0 + 25.0 * exp(-t / 0.02)) / DEMO_RATE);
	}
}

static void snare_render(struct stem *s, struct rng *rng)
{
	static const struct hit backbeat[] = { { 1, 1.0 }, { 3, 1.0 } };
	/* ghost notes on the 16ths before the backbeat give the groove its lilt */
	static const struct hit verse_ghost[] = { { 1, 1.0 }, { 3, 1.0 }, { 3.75, 0.22 } };
	static const struct hit chorus[] = {
		{ 1, 1.0 }, { 2.75, 0.28 }, { 3, 1.0 }, { 3.75, 0.22 },
	};
	/* a rising 16th fill announces the next section */
	static const struct hit fill[] = {
		{ 1, 1.0 }, { 2.5, 0.45 }, { 3, 0.55 },
		{ 3.25, 0.65 }, { 3.5, 0.8 }, { 3.75, 0.95 },
	};
	static const struct pattern p_backbeat = PATTERN(backbeat),
		p_verse = PATTERN(verse_ghost), p_chorus = PATTERN(chorus), p_fill = PATTERN(fill);
	for (int bar = 0; bar < song_bars(); bar++) {
		struct bar_info b;
		song_bar(bar, &b);
		const struct pattern *p = NULL;
		if (b.kind == SECTION_OUTRO)
			continue;
		if (b.last_in_section)
			p = &p_fill;
		else if (b.kind == SECTION_INTRO)
			p = b.bar_in_section >= 2 ? &p_backbeat : NULL;
		else if (b.kind == SECTION_VERSE)
			p = b.bar_in_section % 2 ? &p_verse : &p_backbeat;
		else
			p = &p_chorus;
		if (p)
			play_pattern(s, rng, p, bar, 0.06, snare_voice);
	}
}

/* ---- hats ---- */

/* White noise through two one-pole high-passes (12 dB/oct from ~7 kHz): metal without
 * body. Velocity above 1 marks an open hat, which rings about six times longer. */
static void hat_voice(struct stem *s, struct rng *rng, int64_t at, double velocity)
{
	bool open = velocity > 1.0;
	double decay = open ? 0.2 : 0.032;
	int64_t n = (int64_t)(decay * 5.0 * DEMO_RATE), fade = DEMO_RATE / 200;
	struct one_pole hp1, hp2;
	one_pole_init(&hp1, 7000.0);
	one_pole_init(&hp2, 7000.0);
	if (open)
		velocity *= 0.7;
	/* a drummer's hand is not a grid: up to +-1 ms */
	at += (int64_t)(rng_bipolar(rng) * 0.001 * DEMO_RATE);
	for (int64_t i = 0; i < n; i++) {
		double t = (double)i / DEMO_RATE;
		double x = one_pole_hp(&hp2, one_pole_hp(&hp1, rng_bipolar(rng)));
		stem_add(s, at + i, 0, velocity * x * exp(-t / decay) * tail_gain(i, n, fade));
	}
}

static void hats_render(struct stem *s, struct rng *rng)
{
	/* 8ths with the off-beats accented in the verse, 16ths in the chorus; 1.3 = open */
	static const struct hit intro[] = {
		{ 0, 0.8 }, { 0.5, 0.45 }, { 1, 0.8 }, { 1.5, 0.45 },
		{ 2, 0.8 }, { 2.5, 0.45 }, { 3, 0.8 }, { 3.5, 0.45 },
	};
	static const struct hit verse[] = {
		{ 0, 0.5 }, { 0.5, 0.85 }, { 1, 0.5 }, { 1.5, 0.85 },
		{ 2, 0.5 }, { 2.5, 0.85 }, { 3, 0.5 }, { 3.5, 0.85 },
	};
	static const struct hit verse_open[] = {
		{ 0, 0.5 }, { 0.5, 0.85 }, { 1, 0.5 }, { 1.5, 0.85 },
		{ 2, 0.5 }, { 2.5, 0.85 }, { 3, 0.5 }, { 3.5, 1.3 },
	};
	static const struct hit chorus[] = {
		{ 0, 0.9 }, { 0.25, 0.35 }, { 0.5, 0.65 }, { 0.75, 0.35 },
		{ 1, 0.9 }, { 1.25, 0.35 }, { 1.5, 0.65 }, { 1.75, 0.35 },
		{ 2, 0.9 }, { 2.25, 0.35 }, { 2.5, 0.65 }, { 2.75, 0.35 },
		{ 3, 0.9 }, { 3.25, 0.35 }, { 3.5, 1.3 },
	};
	static const struct hit outro[] = { { 0, 1.3 } };
	static const struct pattern p_intro = PATTERN(intro), p_verse = PATTERN(verse),
		p_verse_open = PATTERN(verse_open), p_chorus = PATTERN(chorus),
		p_outro = PATTERN(outro);
	for (int bar = 0; bar < song_bars(); bar++) {
		struct bar_info b;
		song_bar(bar, &b);
		const struct pattern *p = &p_chorus;
		if (b.kind == SECTION_INTRO)
			p = &p_intro;
		else if (b.kind == SECTION_VERSE)
			p = b.bar_in_section % 4 == 3 ? &p_verse_open : &p_verse;
		else if (b.kind == SECTION_OUTRO)
			p = b.bar_in_section == 0 ? &p_outro : NULL;
		if (p)
			play_pattern(s, rng, p, bar, 0.1, hat_voice);
	}
}

/* ---- bass ---- */

struct note {
	double beat;         /* from the start of the phrase */
	double beats;        /* length */
	int midi;            /* for bass: semitones above the chord's root */
	double velocity;
};

/* A saw through a one-pole low-pass whose cutoff tracks the note (4x the fundamental)
 * and opens briefly at the attack: a round bass with a pluck that stays out of the
 * pad's way above ~500 Hz. */
static void bass_voice(struct stem *s, int64_t at, int64_t gate, double midi,
	double velocity)
{
	int64_t release = DEMO_RATE / 40, n = gate + release;
	double hz = midi_hz(midi), dt = hz / DEMO_RATE, phase = 0.0;
	struct one_pole lp;
	one_pole_init(&lp, hz * 4.0);
	for (int64_t i = 0; i < n; i++) {
		double t = (double)i / DEMO_RATE;
		if (i % 32 == 0) /* the filter moves slowly; recompute now and then */
			one_pole_set(&lp, hz * (4.0 + 14.0 * exp(-t / 0.06)));
		double env = env_ar(i, gate, DEMO_RATE / 400, release);
		env *= 0.8 + 0.2 * exp(-t / 0.3);  /* a slight sag after the pluck */
		stem_add(s, at + i, 0, velocity * env * one_pole_lp(&lp, saw(phase, dt)));
		phase = phase_step(phase, dt);
	}
}

/* spread: how much each note's velocity strays (humanize amount); the demo's player
 * is steady (0.05), the compression lesson's is not. */
static void bass_render_spread(struct stem *s, struct rng *rng, double spread)
{
	/* verse: dotted root, pickup, and an octave bounce into the next bar */
	static const struct note verse[] = {
		{ 0, 1.5, 0, 1.0 }, { 1.5, 0.5, 0, 0.7 }, { 2, 1, 0, 0.9 },
		{ 3, 0.5, 12, 0.8 }, { 3.5, 0.5, 0, 0.75 },
	};
	/* chorus: driving 8ths, octave on the "and" of 2 and 4 */
	static const struct note chorus[] = {
		{ 0, 0.5, 0, 1.0 }, { 0.5, 0.5, 0, 0.7 }, { 1, 0.5, 0, 0.85 },
		{ 1.5, 0.5, 12, 0.75 }, { 2, 0.5, 0, 0.95 }, { 2.5, 0.5, 0, 0.7 },
		{ 3, 0.5, 0, 0.85 }, { 3.5, 0.5, 12, 0.75 },
	};
	static const struct note outro[] = { { 0, 6, 0, 1.0 } };
	for (int bar = 0; bar < song_bars(); bar++) {
		struct bar_info b;
		song_bar(bar, &b);
		const struct note *notes = verse;
		int n = (int)(sizeof verse / sizeof verse[0]);
		if (b.kind == SECTION_INTRO || (b.kind == SECTION_OUTRO && b.bar_in_section > 0))
			continue;
		if (b.kind == SECTION_CHORUS) {
			notes = chorus;
			n = (int)(sizeof chorus / sizeof chorus[0]);
		} else if (b.kind == SECTION_OUTRO) {
			notes = outro;
			n = 1;
		}
		for (int i = 0; i < n; i++) {
			int64_t at = bar_frame(bar, notes[i].beat);
			/* staccato: 85% of the written length leaves air between the notes */
			int64_t gate = beat_frame(notes[i].beats * 0.85);
			bass_voice(s, at, gate, chords[b.chord].bass_midi + notes[i].midi,
				humanize(rng, notes[i].velocity, spread));
		}
	}
}

static void bass_render(struct stem *s, struct rng *rng)
{
	bass_render_spread(s, rng, 0.05);
}

/* An uneven player for the compression lesson: some notes twice as loud as others. */
static void bass_uneven_render(struct stem *s, struct rng *rng)
{
	bass_render_spread(s, rng, 0.6);
}

/* ---- pad ---- */

/* Two saws per note and side, a few cents apart and detuned differently left and right:
 * their slow beating is what makes a pad sound wide and alive. */
struct pad_osc {
	double phase[PAD_VOICES][2][2];  /* [voice][channel][saw] */
	double dt[PAD_VOICES][2][2];
};

static void pad_osc_init(struct pad_osc *o, struct rng *rng, const int *midi)
{
	static const double detune_cents[2][2] = { { -9.0, 4.0 }, { -4.0, 9.0 } };
	for (int v = 0; v < PAD_VOICES; v++)
		for (int ch = 0; ch < 2; ch++)
			for (int k = 0; k < 2; k++) {
				double hz = midi_hz(midi[v] + detune_cents[ch][k] / 100.0);
				o->dt[v][ch][k] = hz / DEMO_RATE;
				/* random start phases: aligned saws would start with a spike */
				o->phase[v][ch][k] = rng_unit(rng);
			}
}

static double pad_osc_run(struct pad_osc *o, int ch)
{
	double sum = 0.0;
	for (int v = 0; v < PAD_VOICES; v++)
		for (int k = 0; k < 2; k++) {
			sum += saw(o->phase[v][ch][k], o->dt[v][ch][k]);
			o->phase[v][ch][k] = phase_step(o->phase[v][ch][k], o->dt[v][ch][k]);
		}
	return sum;
}

/* The slow attack swells each chord in rather than striking it; the release overlaps
 * the next chord's attack so that the changes crossfade. */
static void pad_chord(struct stem *s, struct rng *rng, int64_t at, int64_t gate,
	int64_t release, const int *midi, double velocity)
{
	struct pad_osc o;
	pad_osc_init(&o, rng, midi);
	int64_t attack = (int64_t)(0.4 * DEMO_RATE);
	double gain = velocity / (2.0 * PAD_VOICES);
	for (int64_t i = 0; i < gate + release; i++) {
		double env = gain * env_ar(i, gate, attack, release);
		for (int ch = 0; ch < 2; ch++)
			stem_add(s, at + i, ch, env * pad_osc_run(&o, ch));
	}
}

static void pad_render(struct stem *s, struct rng *rng)
{
	static const double velocity[SECTION_KINDS] = { 0.7, 0.8, 1.0, 0.85 };
	int64_t release = (int64_t)(0.7 * DEMO_RATE);
	for (int bar = 0; bar < song_bars(); bar++) {
		struct bar_info b;
		song_bar(bar, &b);
		int64_t gate = beat_frame(DEMO_BEATS_PER_BAR);
		if (b.kind == SECTION_OUTRO) {
			if (b.bar_in_section > 0)
				continue;
			/* the last chord holds through the outro and fades into the tail */
			gate = beat_frame(6);
			release = (int64_t)(DEMO_TAIL_SEC * DEMO_RATE);
		}
		pad_chord(s, rng, bar_frame(bar, 0), gate, release, chords[b.chord].pad_midi,
			velocity[b.kind]);
	}
}

/* The same chords split in two mono layers for the panning lesson: the low voices
 * (root, fifth, octave) and the high ones (third and its octave), each with its own
 * detune and start phases, so that the layers are nearly uncorrelated and panning them
 * apart widens the chord bus. Only the left side's detune is used (mono). */
static void pad_layer_chord(struct stem *s, struct rng *rng, int64_t at, int64_t gate,
	int64_t release, const int *midi, int first, int count, double velocity)
{
	struct pad_osc o;
	pad_osc_init(&o, rng, midi);
	int64_t attack = (int64_t)(0.4 * DEMO_RATE);
	double gain = velocity / (2.0 * count);
	for (int64_t i = 0; i < gate + release; i++) {
		double env = gain * env_ar(i, gate, attack, release);
		double sum = 0.0;
		for (int v = first; v < first + count; v++)
			for (int k = 0; k < 2; k++) {
				sum += saw(o.phase[v][0][k], o.dt[v][0][k]);
				o.phase[v][0][k] = phase_step(o.phase[v][0][k], o.dt[v][0][k]);
			}
		stem_add(s, at + i, 0, env * sum);
	}
}

static void pad_layer_render(struct stem *s, struct rng *rng, int first, int count)
{
	static const double velocity[SECTION_KINDS] = { 0.7, 0.8, 1.0, 0.85 };
	int64_t release = (int64_t)(0.7 * DEMO_RATE);
	for (int bar = 0; bar < song_bars(); bar++) {
		struct bar_info b;
		song_bar(bar, &b);
		int64_t gate = beat_frame(DEMO_BEATS_PER_BAR);
		if (b.kind == SECTION_OUTRO) {
			if (b.bar_in_section > 0)
				continue;
			gate = beat_frame(6);
			release = (int64_t)(DEMO_TAIL_SEC * DEMO_RATE);
		}
		pad_layer_chord(s, rng, bar_frame(bar, 0), gate, release, chords[b.chord].pad_midi,
			first, count, velocity[b.kind]);
	}
}

static void pad_low_render(struct stem *s, struct rng *rng)
{
	pad_layer_render(s, rng, 0, 3);
}

static void pad_high_render(struct stem *s, struct rng *rng)
{
	pad_layer_render(s, rng, 3, 2);
}

/* Dark saws, then the mud: +10 dB around 280 Hz, broad, on top of a voicing that already
 * crowds 100-330 Hz. A real pad would be cut there; this one waits for the student. */
static void pad_finish(struct stem *s)
{
	for (int ch = 0; ch < s->channels; ch++) {
		struct one_pole lp;
		struct biquad mud;
		one_pole_init(&lp, 2500.0);
		biquad_peak_init(&mud, 280.0, 0.9, 10.0);
		for (int64_t i = 0; i < s->frames; i++) {
			float *x = &s->buf[i * s->channels + ch];
			*x = (float)biquad_run(&mud, one_pole_lp(&lp, *x));
		}
	}
}

/* ---- lead ---- */

/* Mostly triangle (soft, flute-like) with a quarter saw for some edge. The vibrato
 * (5.5 Hz, +-25 cents) waits ~0.1 s and fades in, as a singer settles on a long note
 * before letting it move; short notes stay straight. */
static void lead_voice(struct stem *s, int64_t at, int64_t gate, int midi, double velocity)
{
	int64_t release = (int64_t)(0.12 * DEMO_RATE);
	double hz = midi_hz(midi), phase = 0.0;
	for (int64_t i = 0; i < gate + release; i++) {
		double t = (double)i / DEMO_RATE;
		double depth = fmin(1.0, fmax(0.0, (t - 0.1) / 0.3)) * 25.0;
		double dt = hz * exp2(depth * sin(2.0 * M_PI * 5.5 * t) / 1200.0) / DEMO_RATE;
		double tri = 1.0 - 4.0 * fabs(phase - 0.5);
		double env = env_ar(i, gate, DEMO_RATE / 100, release);
		env *= 0.75 + 0.25 * exp(-t / 0.15);  /* the attack speaks, then settles */
		stem_add(s, at + i, 0, velocity * env * (0.75 * tri + 0.25 * saw(phase, dt)));
		phase = phase_step(phase, dt);
	}
}

static void lead_phrase(struct stem *s, struct rng *rng, int bar, const struct note *notes,
	int n)
{
	for (int i = 0; i < n; i++) {
		int64_t at = beat_frame(bar * DEMO_BEATS_PER_BAR + notes[i].beat);
		/* nearly legato: a short gap lets each note speak */
		int64_t gate = beat_frame(notes[i].beats * 0.92);
		lead_voice(s, at, gate, notes[i].midi, humanize(rng, notes[i].velocity, 0.06));
	}
}

#define NOTES(a) (a), (int)(sizeof (a) / sizeof (a)[0])

/* Melodies in MIDI notes over four bars (16 beats), chord tones on the strong beats. */
static const struct note verse_melody[] = {   /* Am F C G: low, question-like */
	{ 0.5, 0.5, 69, 0.7 }, { 1, 1, 72, 0.9 }, { 2, 0.5, 71, 0.7 }, { 2.5, 1.5, 69, 0.85 },
	{ 5, 0.5, 69, 0.7 }, { 5.5, 0.5, 72, 0.75 }, { 6, 1.5, 69, 0.85 },
	{ 8.5, 0.5, 67, 0.7 }, { 9, 1, 72, 0.9 }, { 10, 1, 76, 0.9 }, { 11, 1, 74, 0.8 },
	{ 12, 2, 74, 0.9 }, { 14, 1, 71, 0.75 }, { 15, 1, 67, 0.7 },
};
static const struct note chorus_melody[] = {  /* C G Am: higher, reaching A5 */
	{ 0, 1.5, 76, 1.0 }, { 1.5, 0.5, 74, 0.8 }, { 2, 1, 72, 0.9 }, { 3, 1, 74, 0.85 },
	{ 4, 1.5, 74, 1.0 }, { 5.5, 0.5, 71, 0.8 }, { 6, 2, 67, 0.85 },
	{ 8, 1, 72, 0.9 }, { 9, 1, 76, 0.95 }, { 10, 1.5, 81, 1.0 }, { 11.5, 0.5, 79, 0.8 },
};
static const struct note chorus_ending_open[] = {   /* F: hangs on C, wants more */
	{ 12, 1, 77, 0.95 }, { 13, 1, 76, 0.85 }, { 14, 2, 72, 0.9 },
};
static const struct note chorus_ending_home[] = {   /* F: falls to A, home for Am */
	{ 12, 1, 76, 0.95 }, { 13, 1, 74, 0.85 }, { 14, 2, 69, 0.9 },
};
static const struct note outro_melody[] = { { 0, 6, 69, 0.9 } };

/* Every phrase of the lead's part, in song order, through phrase (the notes, or the
 * sibilants of lesson 13's lead). */
static void lead_walk(struct stem *s, struct rng *rng, void (*phrase)(struct stem *s,
	struct rng *rng, int bar, const struct note *notes, int n))
{
	int verses = 0;
	for (int sec = 0; sec < SONG_SECTIONS; sec++) {
		int bar = section_start_bar(sec);
		switch (song_sections[sec].kind) {
		case SECTION_VERSE:
			/* the first verse lets the groove settle for four bars before the voice */
			if (verses++ > 0)
				phrase(s, rng, bar, NOTES(verse_melody));
			phrase(s, rng, bar + 4, NOTES(verse_melody));
			break;
		case SECTION_CHORUS:
			/* the same four bars twice: the first ending hangs, the second comes home */
			phrase(s, rng, bar, NOTES(chorus_melody));
			phrase(s, rng, bar, NOTES(chorus_ending_open));
			phrase(s, rng, bar + 4, NOTES(chorus_melody));
			phrase(s, rng, bar + 4, NOTES(chorus_ending_home));
			break;
		case SECTION_OUTRO:
			phrase(s, rng, bar, NOTES(outro_melody));
			break;
		default:
			break;
		}
	}
}

static void lead_render(struct stem *s, struct rng *rng)
{
	lead_walk(s, rng, lead_phrase);
}

/* Take the fizz off the saw part; the tone stays simple on purpose. */
static void lead_finish(struct stem *s)
{
	struct one_pole lp;
	one_pole_init(&lp, 5000.0);
	for (int64_t i = 0; i < s->frames; i++)
		s->buf[i] = (float)one_pole_lp(&lp, s->buf[i]);
}

/* ---- stems of lessons 7 to 13 ---- */

/* The EQ lesson's lead: the same notes (the lead's seed) with a whistle, a narrow
 * +14 dB resonance at 2.5 kHz (Q 6), as a cheap microphone or a ringing room gives,
 * for the student to notch out. */
static void lead_whistle_finish(struct stem *s)
{
	lead_finish(s);
	struct biquad ring;
	biquad_peak_init(&ring, 2500.0, 6.0, 14.0);
	for (int64_t i = 0; i < s->frames; i++)
		s->buf[i] = (float)biquad_run(&ring, s->buf[i]);
}

/* The de-essing lesson's lead: an "s" on about two notes in three, as a singer's
 * words give them: 90 ms of noise between about 4.5 and 11 kHz (two one-pole
 * high-passes, one low-pass) that ends 30 ms into the note, its rise 15 ms and its
 * fall 40 ms, at 1.2 times the note's velocity: harsh, as a bright microphone close
 * to the mouth makes them. */
static void ess_phrase(struct stem *s, struct rng *rng, int bar, const struct note *notes,
	int n)
{
	const int64_t len = (int64_t)(0.09 * DEMO_RATE), rise = (int64_t)(0.015 * DEMO_RATE),
		fall = (int64_t)(0.04 * DEMO_RATE);
	for (int i = 0; i < n; i++) {
		if (rng_unit(rng) > 0.67)
			continue;
		int64_t at = beat_frame(bar * DEMO_BEATS_PER_BAR + notes[i].beat) -
			(int64_t)(0.06 * DEMO_RATE);
		struct one_pole hp1, hp2, lp;
		one_pole_init(&hp1, 4500.0);
		one_pole_init(&hp2, 4500.0);
		one_pole_init(&lp, 11000.0);
		for (int64_t k = 0; k < len; k++) {
			double env = fmin(1.0, fmin((double)k / rise, (double)(len - k) / fall));
			double x = one_pole_hp(&hp2, one_pole_hp(&hp1, rng_bipolar(rng)));
			stem_add(s, at + k, 0, 1.2 * notes[i].velocity * env * one_pole_lp(&lp, x));
		}
	}
}

static void lead_sibilant_finish(struct stem *s)
{
	lead_finish(s);
	struct rng esses = { 0x5bd1e995u };
	lead_walk(s, &esses, ess_phrase);
}

/* The gate lesson's snare microphone: the snare (its own seed) with the hats and the
 * kick spilling into it about 30 dB down, as a close microphone hears its neighbours. */
static void snare_spill_render(struct stem *s, struct rng *rng)
{
	snare_render(s, rng);
	struct stem other = { .channels = 1, .frames = s->frames };
	other.buf = xcalloc((size_t)other.frames, sizeof *other.buf);
	struct rng r = { 0xc2b2ae35u };
	hats_render(&other, &r);
	struct rng k = { 0x9e3779b9u };
	kick_render(&other, &k);
	for (int64_t i = 0; i < s->frames; i++)
		s->buf[i] += 0.02f * other.buf[i];
	free(other.buf);
}

/* The width lesson's pad: the demo's pad (its seed) with its side 1.5 times as
 * loud (3.5 dB over its middle), so wide that left and right partly cancel when
 * summed to mono (correlation about -0.4). */
static void pad_wide_finish(struct stem *s)
{
	pad_finish(s);
	for (int64_t i = 0; i < s->frames; i++) {
		double l = s->buf[i * 2], r = s->buf[i * 2 + 1];
		double m = (l + r) / 2.0, d = 1.5 * (l - r) / 2.0;
		s->buf[i * 2] = (float)(m + d);
		s->buf[i * 2 + 1] = (float)(m - d);
	}
}

/* ---- the stems and the project ---- */

struct instrument {
	const char *track;   /* the track's name */
	const char *file;    /* relative to the project folder */
	const char *color;
	int channels;
	/* Where the stem's sample peak lands. This is the unmixed balance: kick and pad too
	 * hot, hats too loud, the lead buried under everything; yet with every fader at 0 dB
	 * the sum still peaks just under full scale, so the first play does not clip. */
	double peak_dbfs;
	uint32_t seed;       /* nonzero; one per stem, so stems are independent */
	void (*render)(struct stem *s, struct rng *rng);
	void (*finish)(struct stem *s);   /* may be NULL */
};

static const struct instrument instruments[] = {
	{ "Kick", "audio/kick.flac", "red", 1, -6.0, 0x9e3779b9u, kick_render, NULL },
	{ "Snare", "audio/snare.flac", "yellow", 1, -12.0, 0x85ebca6bu, snare_render, NULL },
	{ "Hats", "audio/hats.flac", "cyan", 1, -10.0, 0xc2b2ae35u, hats_render, NULL },
	{ "Bass", "audio/bass.flac", "blue", 1, -10.0, 0x27d4eb2fu, bass_render, NULL },
	{ "Pad", "audio/pad.flac", "magenta", 2, -7.0, 0x165667b1u, pad_render, pad_finish },
	{ "Lead", "audio/lead.flac", "green", 1, -22.0, 0xd3a2646cu, lead_render, lead_finish },
};
#define INSTRUMENTS ((int)(sizeof instruments / sizeof instruments[0]))

/* Stems the demo song does not play but the lessons do (projects/lessons): written
 * into the same audio folder so that every lesson shares one copy of the material. */
static const struct instrument lesson_stems[] = {
	{ "Pad low", "audio/pad_low.flac", "magenta", 1, -10.0, 0x2545f491u, pad_low_render,
		pad_finish },
	{ "Bass uneven", "audio/bass_uneven.flac", "blue", 1, -10.0, 0x7feb352du,
		bass_uneven_render, NULL },
	{ "Pad high", "audio/pad_high.flac", "magenta", 1, -10.0, 0x61c88647u, pad_high_render,
		pad_finish },
	{ "Lead whistle", "audio/lead_whistle.flac", "green", 1, -22.0, 0xd3a2646cu,
		lead_render, lead_whistle_finish },
	{ "Snare spill", "audio/snare_spill.flac", "yellow", 1, -12.0, 0x85ebca6bu,
		snare_spill_render, NULL },
	{ "Pad wide", "audio/pad_wide.flac", "magenta", 2, -7.0, 0x165667b1u, pad_render,
		pad_wide_finish },
	{ "Lead sibilant", "audio/lead_sibilant.flac", "green", 1, -14.0, 0xd3a2646cu,
		lead_render, lead_sibilant_finish },
};
#define LESSON_STEMS ((int)(sizeof lesson_stems / sizeof lesson_stems[0]))

static void stem_normalise(struct stem *s, double peak_dbfs)
{
	double peak = 0.0;
	int64_t n = s->frames * s->channels;
	for (int64_t i = 0; i < n; i++)
		peak = fmax(peak, fabs(s->buf[i]));
	if (peak <= 0.0)
		return;
	double gain = pow(10.0, peak_dbfs / 20.0) / peak;
	for (int64_t i = 0; i < n; i++)
		s->buf[i] = (float)(s->buf[i] * gain);
}

static enum err stem_write(const struct stem *s, const char *path, const char *track,
	struct err_msg *msg)
{
	struct media_writer *w;
	/* 24-bit FLAC: lossless and compact, and the synth's long silences cost nothing */
	enum err e = media_writer_open(&w, path, MEDIA_FLAC, MEDIA_PCM24, DEMO_RATE,
		s->channels, msg);
	if (e != ERR_OK)
		return e;
	char *title = xasprintf("Demo song: %s", track);
	media_writer_set_tag(w, "title", title);
	media_writer_set_tag(w, "software", "ttymix gen_demo");
	free(title);
	for (int64_t at = 0; e == ERR_OK && at < s->frames; at += DEMO_WRITE_FRAMES) {
		int64_t left = s->frames - at;
		int n = left < DEMO_WRITE_FRAMES ? (int)left : DEMO_WRITE_FRAMES;
		e = media_writer_write(w, s->buf + at * s->channels, n, msg);
	}
	struct err_msg close_msg;
	enum err ec = media_writer_close(w, &close_msg);
	if (e == ERR_OK && ec != ERR_OK) {
		*msg = close_msg;
		e = ec;
	}
	return e;
}

static enum err make_stem(const char *dir, const struct instrument *in, struct err_msg *msg)
{
	struct stem s = { .channels = in->channels, .frames = song_frames() };
	s.buf = xcalloc((size_t)(s.frames * s.channels), sizeof *s.buf);
	struct rng rng = { in->seed };
	in->render(&s, &rng);
	if (in->finish)
		in->finish(&s);
	stem_normalise(&s, in->peak_dbfs);
	char *path = xasprintf("%s/%s", dir, in->file);
	enum err e = stem_write(&s, path, in->track, msg);
	free(path);
	free(s.buf);
	return e;
}

/* ---- lesson 14's album: three short songs ---- */

/* A song of the album lesson: some of the demo's instruments (as their stems are
 * written, at the demo's balance) mixed to stereo over ALBUM_SONG_SEC from Chorus 1,
 * a short fade in and a 1.5 s fade out, its sample peak at peak_dbfs. The three are
 * several LU apart and the first is hot (its true peak over -1 dBTP), for the
 * student to even out. */
#define ALBUM_SONG_SEC 12.0
#define ALBUM_SONG_PARTS 6

struct album_song {
	const char *file, *title;
	int parts[ALBUM_SONG_PARTS];    /* indices into instruments[], -1 ends */
	double peak_dbfs;
};

static const struct album_song album_songs[] = {
	{ "audio/album_1.flac", "Night Drive", { 0, 1, 2, 3, 4, 5 }, -0.1 },
	{ "audio/album_2.flac", "Slow Lights", { 4, 5, -1 }, -12.0 },
	{ "audio/album_3.flac", "Home", { 2, 3, 4, 5, -1 }, -5.0 },
};
#define ALBUM_SONGS ((int)(sizeof album_songs / sizeof album_songs[0]))

static void album_song_add(struct stem *song, const struct instrument *in, int64_t from)
{
	struct stem s = { .channels = in->channels, .frames = song_frames() };
	s.buf = xcalloc((size_t)(s.frames * s.channels), sizeof *s.buf);
	struct rng rng = { in->seed };
	in->render(&s, &rng);
	if (in->finish)
		in->finish(&s);
	stem_normalise(&s, in->peak_dbfs);
	for (int64_t i = 0; i < song->frames && from + i < s.frames; i++)
		for (int ch = 0; ch < 2; ch++)
			song->buf[i * 2 + ch] += s.buf[(from + i) * s.channels +
				(s.channels == 2 ? ch : 0)];
	free(s.buf);
}

static enum err make_album_song(const char *dir, const struct album_song *a,
	struct err_msg *msg)
{
	struct stem song = { .channels = 2, .frames = (int64_t)(ALBUM_SONG_SEC * DEMO_RATE) };
	song.buf = xcalloc((size_t)(song.frames * 2), sizeof *song.buf);
	const int64_t from = bar_frame(section_start_bar(2), 0.0);
	for (int k = 0; k < ALBUM_SONG_PARTS && a->parts[k] >= 0; k++)
		album_song_add(&song, &instruments[a->parts[k]], from);
	const int64_t in = DEMO_RATE / 100, out = (int64_t)(1.5 * DEMO_RATE);
	for (int64_t i = 0; i < song.frames; i++) {
		double g = fmin(1.0, fmin((double)i / in, (double)(song.frames - 1 - i) / out));
		song.buf[i * 2] = (float)(song.buf[i * 2] * g);
		song.buf[i * 2 + 1] = (float)(song.buf[i * 2 + 1] * g);
	}
	stem_normalise(&song, a->peak_dbfs);
	char *path = xasprintf("%s/%s", dir, a->file);
	enum err e = stem_write(&song, path, a->title, msg);
	free(path);
	free(song.buf);
	return e;
}

static void project_add_markers(struct project *p)
{
	p->markers = xcalloc(SONG_SECTIONS, sizeof *p->markers);
	for (int i = 0; i < SONG_SECTIONS; i++) {
		p->markers[i].name = xstrdup(song_sections[i].name);
		p->markers[i].time = beat_sec(section_start_bar(i) * DEMO_BEATS_PER_BAR);
	}
	p->n_markers = SONG_SECTIONS;
}

/* Set a parameter of an insert by name (the names are the fx table's contract). */
static void set_param(struct project_insert *ins, const char *name, double v)
{
	int k = fx_param_find(ins->cls, name);
	if (k >= 0)
		ins->params[k] = v;
}

/* Two effect returns, as a mixing desk has them: a reverb bus and a tempo-synced delay
 * bus, each 100 % wet and solo-safe (soloing a track keeps its space), and a send from
 * every track to each, all turned off: adding space is part of the lesson. */
static void add_effect_buses(struct project *p)
{
	struct project_bus *b = project_add_bus(p, "Reverb");
	b->strip.color = xstrdup("white");
	b->strip.solo_safe = true;
	struct project_insert *ins = project_add_insert(b->strip.inserts, &b->strip.n_inserts,
		&fx_reverb);
	set_param(ins, "decay_s", 1.8);
	set_param(ins, "predelay_ms", 25);
	set_param(ins, "mix", 1.0);
	b = project_add_bus(p, "Delay");
	b->strip.color = xstrdup("white");
	b->strip.solo_safe = true;
	ins = project_add_insert(b->strip.inserts, &b->strip.n_inserts, &fx_delay);
	set_param(ins, "sync", 0.75); /* a dotted eighth */
	set_param(ins, "feedback", 0.3);
	set_param(ins, "lowpass_hz", 4000);
	set_param(ins, "mix", 1.0);
	for (int t = 0; t < p->n_tracks; t++) {
		struct project_track *tr = &p->tracks[t];
		project_add_send(&tr->strip.sends, &tr->strip.n_sends, "Reverb");
		project_add_send(&tr->strip.sends, &tr->strip.n_sends, "Delay");
	}
}

/* Every fader at 0 dB and every pan centred: the starting point of the lesson. */
static struct project *demo_project(const char *dir)
{
	struct project *p = project_new(dir, "Demo song", DEMO_RATE);
	p->tempo_bpm = DEMO_BPM;
	for (int i = 0; i < INSTRUMENTS; i++) {
		struct project_track *t = project_add_track(p, instruments[i].track);
		t->strip.color = xstrdup(instruments[i].color);
		t->strip.gain_db = 0.0;
		t->strip.pan = 0.0;
		project_add_clip(t, instruments[i].file, 0.0);
	}
	add_effect_buses(p);
	project_add_markers(p);
	/* a loop over the first chorus, ready to switch on, but off */
	p->loop_start = beat_sec(section_start_bar(2) * DEMO_BEATS_PER_BAR);
	p->loop_end = beat_sec(section_start_bar(3) * DEMO_BEATS_PER_BAR);
	p->loop_enabled = false;
	return p;
}

static enum err write_project(const char *dir, struct err_msg *msg)
{
	char *abs = realpath(dir, NULL);
	if (!abs)
		return err_set(msg, ERR_IO, "%s: %s", dir, strerror(errno));
	struct project *p = demo_project(abs);
	free(abs);
	/* a build product needs no backup of the previous build (it would be installed) */
	unlink(p->path);
	enum err e = project_save(p, msg);
	project_free(p);
	return e;
}

static enum err generate(const char *dir, struct err_msg *msg)
{
	char *audio = xasprintf("%s/audio", dir);
	enum err e = paths_mkdirs(audio, msg);
	free(audio);
	for (int i = 0; e == ERR_OK && i < INSTRUMENTS; i++)
		e = make_stem(dir, &instruments[i], msg);
	for (int i = 0; e == ERR_OK && i < LESSON_STEMS; i++)
		e = make_stem(dir, &lesson_stems[i], msg);
	for (int i = 0; e == ERR_OK && i < ALBUM_SONGS; i++)
		e = make_album_song(dir, &album_songs[i], msg);
	if (e == ERR_OK)
		e = write_project(dir, msg);
	return e;
}

int main(int argc, char **argv)
{
	if (argc != 2 || argv[1][0] == '\0') {
		fprintf(stderr, "usage: gen_demo OUTDIR\n");
		return 2;
	}
	struct err_msg msg = { { 0 } };
	enum err e = generate(argv[1], &msg);
	if (e != ERR_OK) {
		fprintf(stderr, "gen_demo: %s\n", msg.text[0] ? msg.text : err_str(e));
		return 1;
	}
	return 0;
}
