/* Master-bus analysis off the audio thread: a thread that drains the engine's tap
 * (engine_tap_read), measures loudness (audio/loudness.c: EBU R128 momentary,
 * short-term, integrated, LRA, true and sample peak) and publishes the figures about
 * ten times a second as a snapshot, together with a history of the short-term
 * loudness for a plot.
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
#include "src/err.h"

/* Publications per second, and how many short-term readings the history keeps
 * (one every ANALYSIS_HISTORY_SEC while audio flows). */
#define ANALYSIS_RATE_HZ 10
#define ANALYSIS_HISTORY 240
#define ANALYSIS_HISTORY_SEC 0.5

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
	int history_count;         /* valid entries of history_lufs, oldest first */
	float history_lufs[ANALYSIS_HISTORY]; /* short-term loudness; -INFINITY: none */
};

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
