/* Master-bus analysis off the audio thread: a thread that drains the engine's tap
 * (engine_tap_read), measures loudness (audio/loudness.c: EBU R128 momentary,
 * short-term, integrated, LRA, true and sample peak) and publishes the figures about
 * ten times a second as a snapshot, together with a history of the short-term
 * loudness for a plot (ten readings a second, the last ten minutes).
 *
 * Threads: create, destroy, set_active, reset and snapshot from one control thread
 * (the UI thread); the analysis thread is private. The snapshot is guarded by a mutex
 * shared by the control thread and the analysis thread only; the audio thread is
 * reached only through the tap, so nothing here ever blocks it.
 *
 * The analysis is the tap's one consumer: while an analysis exists nothing else may
 * call engine_tap_read on its engine. It starts paused, with the tap off. */
#ifndef TTYMIX_ANALYSIS_H
#define TTYMIX_ANALYSIS_H

#include <stdbool.h>
#include <stdint.h>

#include "audio/engine.h"
#include "audio/spectrum.h"
#include "src/base/err.h"

/* The correlation meter's window. */
#define ANALYSIS_CORR_MS 300
/* Publications per second. */
#define ANALYSIS_RATE_HZ 10
/* The short-term loudness history for the page's plot: one reading every 100 ms of
 * audio measured (at a fixed rate whatever the tap's block sizes), the last 10
 * minutes of them kept in a ring: 6000 floats, 24 KB, in each snapshot. */
#define ANALYSIS_HISTORY_HZ 10
#define ANALYSIS_HISTORY_MINUTES 10
#define ANALYSIS_HISTORY (ANALYSIS_HISTORY_HZ * 60 * ANALYSIS_HISTORY_MINUTES)

/* Values are -INFINITY while undefined (see struct loudness_result). Everything
 * covers the audio since the last reset (by analysis_reset, or a locate). */
struct analysis_snapshot {
	double momentary_lufs;     /* the last 400 ms */
	double shortterm_lufs;     /* the last 3 s */
	double integrated_lufs;
	double lra_lu;
	double true_peak_dbtp;     /* the highest since the reset */
	double sample_peak_dbfs;
	double measured_sec;       /* audio measured since the reset */
	uint64_t dropped_frames;   /* lost by the tap (analysis too slow) since creation */
	uint32_t serial;           /* changes whenever anything above changes */
	/* The master sum before the master inserts and fader (the engine's second tap),
	 * for the loudness-matched A/B: the same windows as above. */
	double pre_momentary_lufs;
	double pre_shortterm_lufs;
	/* Stereo correlation of the last whole ANALYSIS_CORR_MS window (after the fader):
	 * sum(LR) / sqrt(sum(LL) sum(RR)), +1 mono, 0 unrelated, -1 out of phase; NAN
	 * while a side is silent or before the first window. */
	double correlation;
	/* 1/3-octave spectrum of the last SPECTRUM_FFT frames (audio/spectrum.h). */
	float spectrum_db[SPECTRUM_BANDS];
	/* History readings taken since the reset; reading i (0 the first) is
	 * history_ring[i % ANALYSIS_HISTORY] while i >= history_total - ANALYSIS_HISTORY.
	 * A reading is the short-term loudness then, -INFINITY for none (the first 3 s,
	 * or silence). Use analysis_history_first and analysis_history_at. */
	uint64_t history_total;
	float history_ring[ANALYSIS_HISTORY];
};

/* The number of the oldest reading still held. */
static inline uint64_t analysis_history_first(const struct analysis_snapshot *s)
{
	return s->history_total > ANALYSIS_HISTORY ? s->history_total - ANALYSIS_HISTORY : 0;
}

/* Reading i, for analysis_history_first(s) <= i < s->history_total. */
static inline double analysis_history_at(const struct analysis_snapshot *s, uint64_t i)
{
	return s->history_ring[i % ANALYSIS_HISTORY];
}

struct analysis;

/* Start the analysis thread for e (which must outlive it), paused. Errors: ERR_NOMEM,
 * ERR_RANGE (the engine's rate), or a failed thread start (msg says which). */
enum err analysis_create(struct analysis **out, struct engine *e, struct err_msg *msg);
/* Stop the thread, turn the tap off and free everything. NULL: no-op. */
void analysis_destroy(struct analysis *a);
/* Measure (tap on, thread running) or pause (tap off, thread asleep). Pausing keeps
 * the measurement; resuming continues it. */
void analysis_set_active(struct analysis *a, bool on);
/* Start the measurement again: integrated, LRA, peaks and history from now on. */
void analysis_reset(struct analysis *a);
/* Copy the latest published figures. */
void analysis_snapshot(struct analysis *a, struct analysis_snapshot *out);

#endif
