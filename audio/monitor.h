/* The monitor section: what the listener hears, never what is rendered. It sits after
 * engine_process_rt() in the real-time drivers' callbacks only (driver_pa.c,
 * driver_null.c); the offline renderer never sees it, so no monitor setting can reach a
 * bounce. It offers translation checks (mono, left only, right only, side only, L/R
 * swap), dim, headphone crossfeed (libbs2b presets), speaker simulations (our own
 * filter curves, docs/dsp.md "Monitor section"), a level trim (the loudness-matched A/B
 * of the master chain) and a reference track played in step with the transport,
 * level-matched to the mix.
 *
 * Threads: monitor_create/destroy, the setters, monitor_set_reference and
 * monitor_collect from ONE control thread (the UI thread); monitor_process_rt from the
 * driver's audio thread. Settings travel through atomics the audio thread reads once
 * per callback: no locks, no allocation, no I/O on the audio side. A change of mode,
 * crossfeed, speaker or source crossfades over MONITOR_FADE_MS; gains ramp over the
 * same time, so nothing clicks. */
#ifndef TTYMIX_MONITOR_H
#define TTYMIX_MONITOR_H

#include <stdbool.h>
#include <stdint.h>

#include "src/base/err.h"

enum monitor_mode {
	MONITOR_STEREO,   /* as is */
	MONITOR_MONO,     /* (L+R)/2 on both sides */
	MONITOR_LEFT,     /* L on both sides */
	MONITOR_RIGHT,    /* R on both sides */
	MONITOR_SIDE,     /* (L-R)/2 on both sides */
	MONITOR_SWAP,     /* R on the left, L on the right */
	MONITOR_MODES
};

enum monitor_crossfeed {
	MONITOR_XFEED_OFF,
	MONITOR_XFEED_DEFAULT,  /* bs2b default: 700 Hz, 4.5 dB */
	MONITOR_XFEED_CMOY,     /* bs2b Chu Moy: 700 Hz, 6.0 dB */
	MONITOR_XFEED_JMEIER,   /* bs2b Jan Meier: 650 Hz, 9.5 dB */
	MONITOR_XFEEDS
};

enum monitor_speaker {
	MONITOR_SPEAKER_OFF,
	MONITOR_SPEAKER_LAPTOP,   /* small speaker / laptop */
	MONITOR_SPEAKER_PHONE,    /* phone: one small speaker, so also summed to mono */
	MONITOR_SPEAKER_EARBUDS,
	MONITOR_SPEAKERS
};

enum monitor_source {
	MONITOR_SOURCE_MIX,
	MONITOR_SOURCE_REFERENCE,
};

#define MONITOR_DIM_DB (-20.0)
#define MONITOR_FADE_MS 10.0
/* Frames processed at a time inside a callback (any callback size works). */
#define MONITOR_CHUNK 256

/* A speaker simulation: high-pass, low-pass and a resonant peak, each one biquad
 * (RBJ cookbook forms; docs/dsp.md). */
struct monitor_speaker_curve {
	const char *name;
	double hpf_hz, hpf_q;
	double lpf_hz, lpf_q;
	double peak_hz, peak_q, peak_db;
	bool mono;               /* one speaker: L and R summed first */
};
/* The documented curve of a speaker (NULL for MONITOR_SPEAKER_OFF or out of range). */
const struct monitor_speaker_curve *monitor_speaker_curve(enum monitor_speaker s);

struct monitor;

/* For one sample rate (the engine's). ERR_NOMEM when bs2b cannot be opened,
 * ERR_RANGE for a rate bs2b does not take (2 kHz..384 kHz). */
enum err monitor_create(struct monitor **out, int sample_rate, struct err_msg *msg);
/* After every driver using it has stopped. NULL: no-op. */
void monitor_destroy(struct monitor *m);

void monitor_set_mode(struct monitor *m, enum monitor_mode mode);
void monitor_set_dim(struct monitor *m, bool on);
void monitor_set_crossfeed(struct monitor *m, enum monitor_crossfeed x);
void monitor_set_speaker(struct monitor *m, enum monitor_speaker s);
void monitor_set_source(struct monitor *m, enum monitor_source s);
/* A gain on the mix (the A/B trim), in dB; 0 is none. */
void monitor_set_trim_db(struct monitor *m, double db);
/* A gain on the reference (its level match), in dB. */
void monitor_set_reference_gain_db(struct monitor *m, double db);

enum monitor_mode monitor_mode(const struct monitor *m);
bool monitor_dim(const struct monitor *m);
enum monitor_crossfeed monitor_crossfeed(const struct monitor *m);
enum monitor_speaker monitor_speaker(const struct monitor *m);
enum monitor_source monitor_source(const struct monitor *m);
double monitor_trim_db(const struct monitor *m);
/* Whether anything differs from plain stereo of the mix (for the status line). */
bool monitor_engaged(const struct monitor *m);

const char *monitor_mode_name(enum monitor_mode mode);
const char *monitor_crossfeed_name(enum monitor_crossfeed x);
const char *monitor_speaker_name(enum monitor_speaker s);
/* Parse a name as printed above; false when it is none of them. */
bool monitor_mode_parse(const char *name, enum monitor_mode *out);

/* The loudness-matched A/B of the master chain, kept by the control thread: while the
 * chain plays, it learns how much louder the chain makes the master (short-term
 * loudness after the inserts and fader, minus before them, minus the fader); while the
 * chain is bypassed, the monitor's trim is that difference, so both sides of the A/B
 * play equally loud. The short-term window is 3 s: after the chain comes back, the
 * post figure still holds bypassed audio for that long, so learning waits. */
#define MONITOR_AB_SETTLE_SEC 3.0
struct monitor_ab {
	bool bypassed;      /* the chain is bypassed for the comparison */
	bool known;         /* delta_db has been measured */
	double delta_db;    /* the chain's loudness gain, smoothed */
	double settle_sec;  /* learn only once measured_sec reaches this */
};
/* Record a toggle at measured_sec (the analysis' clock). */
void monitor_ab_set_bypassed(struct monitor_ab *ab, bool bypassed, double measured_sec);
/* Feed one analysis publication: short-term loudness after (post) and before (pre) the
 * chain, the master fader, and measured_sec. */
void monitor_ab_update(struct monitor_ab *ab, double post_lufs, double pre_lufs,
	double master_gain_db, double measured_sec);
/* The trim for the monitor now (0 while the chain plays or nothing is known). */
double monitor_ab_trim_db(const struct monitor_ab *ab);

/* Hand a reference to the audio thread: frames (interleaved stereo at the monitor's
 * rate, malloc'd) become the monitor's, n_frames > 0. The one it replaces is freed by
 * a later monitor_collect (once the audio thread cannot be using it) or by
 * monitor_destroy. NULL/0 removes the reference. ERR_FULL (frames stay the caller's)
 * when several replaced ones wait for an audio callback that has not come. */
enum err monitor_set_reference(struct monitor *m, float *frames, int64_t n_frames);
bool monitor_has_reference(const struct monitor *m);
/* Free references the audio thread has let go of. Call it regularly. */
void monitor_collect(struct monitor *m);

/* The audio thread: rework frames of interleaved stereo in place. start_frame is the
 * transport position of the first frame and playing whether the transport moved
 * through them (the reference plays at start_frame modulo its length, silent while
 * stopped). With every setting neutral the samples are left untouched. */
void monitor_process_rt(struct monitor *m, float *frames, int n, int64_t start_frame,
	bool playing);

#endif
