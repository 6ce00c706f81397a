/* Inserts: the effects a strip runs between its clips and its fader (tracks) or before
 * its fader (master). One `struct fx_class` per effect, all of them in one table
 * (fx_classes, fx.c); every parameter of every effect declared once, in the class's
 * parameter table, which JSON validation, docs, the UI, `:` commands and help all read.
 *
 * An instance (`struct fx_insert`) wraps a class's private state with what every insert
 * needs: a click-free bypass (a linear crossfade over FX_XFADE_MS) and the parameter
 * values last set. Parameter changes are smoothed by each effect (docs/dsp.md,
 * "Inserts"); denormals are avoided by flushing filter and detector states below
 * FX_FLUSH to exactly 0 (never by touching the FPU's MXCSR, which belongs to the host).
 *
 * Threads: fx_insert_create/destroy and the table look-ups on the control thread (they
 * allocate); every function ending in _rt on the audio thread (no allocation, lock or
 * I/O; blocks of any length from 1 frame, with the same output whatever the split);
 * fx_insert_gain_reduction_db on any thread. */
#ifndef TTYMIX_FX_H
#define TTYMIX_FX_H

#include <stdatomic.h>
#include <stdbool.h>
#include <stddef.h>

#define FX_MAX_PARAMS 256       /* parameters per effect (an LV2 plug-in's controls) */
#define FX_MAX_INSERTS 8        /* inserts per strip */
#define FX_XFADE_MS 5.0         /* bypass crossfade */
#define FX_XFADE_CHUNK 256      /* frames crossfaded per pass (scratch size) */
#define FX_FLUSH 1e-20          /* states below this become exactly 0 */
#define FX_MATCH_SEC 0.4        /* A/B level match: averaging time of in/out power */
#define FX_MATCH_GLIDE_SEC 0.01 /* A/B level match: glide of the compensating gain */
#define FX_MATCH_MAX_DB 24.0    /* A/B level match: largest compensation */

enum fx_taper {
	FX_TAPER_LIN,   /* a plain number (ratio, link) */
	FX_TAPER_LOG,   /* frequencies, times, Q: knobs move in equal ratios */
	FX_TAPER_DB,    /* levels in dB: knobs move in equal dB steps */
};

struct fx_param {
	const char *name;   /* the JSON key, unit in the name: "hpf_hz", "ratio" */
	const char *unit;   /* for display: "Hz", "dB", "ms", "dB/oct", ":1", "" */
	double min, max, def;
	enum fx_taper taper;
	double step;        /* 0: continuous; else only min + k * step (hpf_slope: 12, 24) */
	const char *help;   /* one line for the help page and `:` completion */
};

/* The gains a keyed effect applied over its last frames (fx_class.record_gains): a
 * ring of mask + 1 frames (a power of two, at least the longest block the effect is
 * given in one call) of per_frame gains, whose meaning the class defines. The
 * recorder and each follower keep their own position in it, from 0 at create, and
 * advance it by the frames of every call: they are called on the same frames, the
 * recorder first. Owned by whoever made it (the graph), not by the effects. */
struct fx_gains {
	double *g;
	int per_frame;
	unsigned mask;
};

/* Of `frames` frames from place pos of the record, how many come before it wraps: a
 * follower applies the gains in such runs, with no position to wrap in its loop. */
static inline int fx_gains_run(const struct fx_gains *f, unsigned pos, int frames)
{
	const unsigned room = f->mask + 1 - (pos & f->mask);
	return (unsigned)frames > room ? (int)room : frames;
}

/* An effect. State is opaque and sized at create: process_rt never allocates.
 * Buffers are interleaved stereo float, processed in place. */
struct fx_class {
	const char *name;                       /* the JSON "type" */
	const char *help;
	const struct fx_param *params;
	int n_params;
	/* params: n_params values, already validated. NULL on allocation failure. */
	void *(*create)(int sample_rate, const double *params);
	void (*process_rt)(void *state, float *buf, int frames);
	/* a new target for parameter index (within min..max); the effect glides to it */
	void (*set_param_rt)(void *state, int index, double value);
	/* forget the signal (filter and detector states) and jump smoothed parameters to
	 * their targets; used when a bypassed insert comes back */
	void (*reset_rt)(void *state);
	void (*destroy)(void *state);
	int (*latency)(const void *state);      /* frames; NULL: 0 */
	/* gain reduction now, dB >= 0, any thread; NULL: the effect has none */
	float (*gain_reduction_db)(const void *state);
	/* the effect's memory is empty (every filter and detector state exactly 0, nothing
	 * gliding): silence in gives silence out. Audio thread, or a thread that owns the
	 * insert; for tests of the silent tail and for skipping silent inserts. */
	bool (*idle)(const void *state);
	/* The insert's chain skipped a call on silence while every insert in it was idle
	 * (fx_chain_skip_rt): count the frames wherever the class counts frames (its
	 * sub-block and flush count-downs, its place in a gains record, silent frames
	 * seen), as the call would have, so that what follows does not depend on the
	 * skip. NULL: the class counts nothing. Audio thread. */
	void (*skip_rt)(void *state, int frames);
	/* take over src's signal memory (src: the same class, in the graph being replaced)
	 * so a rebuilt graph carries on without a click: states and smoothed values come
	 * from src, targets stay dst's own, and dst glides from one to the other. src is
	 * never processed again (its graph is retired): delay lines of equal size are
	 * exchanged, not copied, so a swap costs the audio thread the same whatever the
	 * lines' length (a megabyte copied took a 64-frame period and more). Audio
	 * thread. NULL: a new graph's insert starts from silence. */
	void (*carry_rt)(void *dst, void *src);
	/* the project's tempo in beats per minute, for effects that follow it (a synced
	 * delay); called after create and whenever the tempo changes. NULL: tempo-free */
	void (*set_tempo_rt)(void *state, double bpm);
	/* A class made at run time for one LV2 plug-in (audio/lv2/lv2.h): the plug-in's
	 * URI (NULL for the built-in effects), and create with the class passed along,
	 * since one function makes every such class's state (used instead of create when
	 * set). missing: the plug-in is not installed; the insert passes its signal. */
	const char *uri;
	void *(*create_class)(const struct fx_class *cls, int sample_rate,
		const double *params);
	bool missing;
	/* Keyed dynamics, for stems (docs/dsp.md, "Stems"): an effect whose output is its
	 * input (delayed by its latency) times gains it computes from that input, so that
	 * the same gains applied to the parts of a sum give parts that add up to its
	 * output. gains_per_frame: how many it applies a frame (0: not such an effect).
	 * record_gains: from now on process_rt writes them into rec as it applies them;
	 * follow_gains: from now on process_rt applies those rec holds, written by an
	 * instance of the same class and parameters that ran first on the same frames,
	 * to its own signal instead of computing its own. Control thread, before the
	 * instance first runs. */
	int gains_per_frame;
	void (*record_gains)(void *state, const struct fx_gains *rec);
	void (*follow_gains)(void *state, const struct fx_gains *rec);
};

/* Zeroed memory for an effect's lines and tables, allocated on the control thread with
 * every page written (xpretouch), so that the audio thread never takes a page fault
 * on first use (calloc hands out large blocks as untouched zero pages). NULL on failure; free()
 * releases it. */
void *fx_alloc_zeroed(size_t n, size_t size);

/* The table: every effect, in the order help lists them. */
extern const struct fx_class *const fx_classes[];
extern const int fx_n_classes;

/* Look-ups (any thread): NULL / -1 when unknown. */
const struct fx_class *fx_class_find(const char *name);
int fx_param_find(const struct fx_class *cls, const char *name);
/* "eq, compressor, ..., limiter": every class's name in table order, for a message
 * that says what is known (cut short to fit size). */
void fx_class_names(char *buf, size_t size);
/* Fill out[0..n_params) with the defaults. */
void fx_param_defaults(const struct fx_class *cls, double *out);
/* Whether value is allowed for param: within min..max and on its step. */
bool fx_param_valid(const struct fx_param *param, double value);
/* value clamped to min..max and rounded to the nearest step (audio thread safe). */
double fx_param_clamp_rt(const struct fx_param *param, double value);

/* ---- one insert on a strip ---- */

struct fx_insert {
	const struct fx_class *cls;
	void *state;
	double params[FX_MAX_PARAMS];   /* as last set (rt after hand-over) */
	bool bypass;                    /* target (rt) */
	float mix;                      /* 1: the effect in, 0: bypassed (rt) */
	float mix_step;                 /* per frame while crossfading */
	float dry[FX_XFADE_CHUNK * 2];  /* scratch for the crossfade (rt) */
	/* An effect with latency (a lookahead limiter) delays its dry path by the same
	 * frames, so that bypass and its crossfade stay on the effect's timeline; such an
	 * effect also keeps running while bypassed (its output unused), so that coming
	 * back needs no reset and no pre-roll. delay: latency frames x 2, (rt). */
	int latency;                    /* frames (const) */
	float *delay;
	int delay_pos;
	/* Level-matched A/B (docs/dsp.md "Level-matched A/B"): while the effect is fully
	 * in, the mean squares of its input and output are followed by a one-pole average
	 * over FX_MATCH_SEC; with ab on, the effect is bypassed as by `bypass` and the dry
	 * signal is scaled by the last sqrt(out / in), gliding (FX_MATCH_GLIDE_SEC), so the
	 * listener hears what the effect does rather than the level it adds or takes. */
	int sample_rate;                /* (const) */
	bool bypass_set;                /* the project's bypass (rt) */
	bool ab;                        /* A/B: bypassed with its level matched (rt) */
	double ms_in, ms_out;           /* (rt) */
	bool ab_meter;                  /* keep ms_in/ms_out (true from create); a graph
	                                   built for an offline render clears it: nobody
	                                   listens to a render's A/B */
	float match_gain, match_target; /* linear, 1 when not matching (rt) */
	float match_step;               /* glide coefficient per frame (const) */
	_Atomic float match_db;         /* out/in level, dB, as last measured (any thread) */
};

/* NULL when the effect cannot allocate its state. params: the class's n_params. */
struct fx_insert *fx_insert_create(const struct fx_class *cls, int sample_rate,
	const double *params, bool bypass);
void fx_insert_destroy(struct fx_insert *fx);   /* NULL: no-op */
void fx_insert_process_rt(struct fx_insert *fx, float *buf, int frames);
/* out-of-range indices are ignored; values are clamped to the parameter's range */
void fx_insert_set_param_rt(struct fx_insert *fx, int index, double value);
void fx_insert_set_bypass_rt(struct fx_insert *fx, bool bypass);
/* Level-matched A/B on (bypass with the output level matched) or off (as the project
 * says). */
void fx_insert_set_ab_rt(struct fx_insert *fx, bool on);
/* The insert's output level over its input, dB, as measured while it was last fully in
 * (0 before any signal). Any thread. */
float fx_insert_match_db(const struct fx_insert *fx);
float fx_insert_gain_reduction_db(const struct fx_insert *fx);
/* Tell the insert the project's tempo (no-op for effects that do not follow it). */
void fx_insert_set_tempo_rt(struct fx_insert *fx, double bpm);

/* A strip's inserts, in signal order. */
struct fx_chain {
	int n;
	struct fx_insert *slot[FX_MAX_INSERTS];
};

void fx_chain_process_rt(struct fx_chain *chain, float *buf, int frames);
/* Whether the chain, given silence (every sample +0 or -0) now, gives silence and
 * changes nothing by running: every insert that runs is idle (a class without idle
 * never is), none crossfades its bypass or glides its A/B level, and a latent
 * insert's dry delay holds only zeros. Audio thread. */
bool fx_chain_idle_rt(const struct fx_chain *chain);
/* Instead of fx_chain_process_rt on a silent block when fx_chain_idle_rt: the output
 * is that silence, and every insert counts the frames (skip_rt). Not for a chain
 * whose inserts record gains (the mix's master): a follower reads what the recorder
 * writes on every call. Audio thread. */
void fx_chain_skip_rt(struct fx_chain *chain, int frames);
/* A rebuilt graph's chain takes over the old one's signal memory, slot by slot where the
 * effect is the same (see carry_rt), and its bypass crossfade position. */
void fx_chain_carry_rt(struct fx_chain *dst, struct fx_chain *src);
void fx_chain_destroy(struct fx_chain *chain);  /* destroys the inserts; chain emptied */
/* Frames by which the chain delays its signal: the sum of every insert's latency,
 * bypassed ones included (a bypassed insert delays its dry path by the same amount,
 * so the chain's timing does not jump when bypass is switched). Any thread that owns
 * the chain (its latencies are fixed at create). */
int fx_chain_latency(const struct fx_chain *chain);

/* The classes (eq.c, dynamics.c, delay.c, reverb.c, chorus.c, multiband.c, width.c,
 * limiter.c). */
extern const struct fx_class fx_eq;
extern const struct fx_class fx_compressor;
extern const struct fx_class fx_gate;
extern const struct fx_class fx_delay;
extern const struct fx_class fx_reverb;
extern const struct fx_class fx_chorus;
extern const struct fx_class fx_multiband;
extern const struct fx_class fx_width;
extern const struct fx_class fx_limiter;

/* Magnitude of the eq's summed response at hz for the given parameter values (the
 * eq's n_params), dB: the product of every active section's |H(e^jw)|, as the biquads
 * run (docs/dsp.md). Any thread; for tests and the response plot. */
double fx_eq_magnitude_db(const double *params, int sample_rate, double hz);

/* The compressor's static curve (Giannoulis, Massberg and Reiss 2012, eq. 4): the
 * output level in dB for a steady input level in dB, before make-up gain. */
double fx_compressor_curve_db(double in_db, double threshold_db, double ratio,
	double knee_db);

/* Shared by the effects: a one-pole glide of a parameter, advanced once per
 * sub-block of FX_SUBBLOCK frames. */
#define FX_SUBBLOCK 32

/* A count-down that restarts at period when a step begins with it at 0 (sub_left and
 * the like), after `frames` more frames: for skip_rt. */
static inline int fx_countdown_after(int left, int period, int frames)
{
	if (frames <= left)
		return left - frames;
	const int r = (frames - left) % period;
	return r == 0 ? 0 : period - r;
}
#define FX_GLIDE_MS 20.0        /* time constant of parameter glides */

struct fx_glide {
	double cur, target;
};

/* Advance by one sub-block with coefficient k (fx_glide_coef); true while moving. */
bool fx_glide_step_rt(struct fx_glide *g, double k, double snap);
double fx_glide_coef(int sample_rate);

#endif
