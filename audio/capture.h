/* The capture path: what recording takes in. A capture holds one slot per armed
 * track (which inputs it reads, mono or stereo), an input meter per slot, and, while
 * a recording runs, a lock-free single-producer/single-consumer ring per slot and a
 * writer thread that empties the rings into 24-bit WAV files.
 *
 * Threads:
 * - capture_create, capture_destroy, capture_set_monitor, capture_record_start and
 *   capture_record_stop: the control thread (the studio's UI thread), one at a time.
 *   Everything is allocated here, before the audio thread sees the capture.
 * - capture_process_rt and capture_monitor_rt: the audio thread (JACK's process
 *   callback) only. They never allocate, lock, log or do I/O: they copy the inputs
 *   into the rings (a full ring drops the frames and counts them, and the writer
 *   writes as much silence in their place, so that the files stay in time) and keep
 *   the meters.
 * - the writer thread (capture.c's own): pops the rings and writes the files through
 *   audio/media.h, rewriting each header every CAPTURE_HEADER_SEC so that a process
 *   killed mid-take leaves files that play up to that point. A write error (a full
 *   disk) stops the writing of every slot; the files keep what was written and a
 *   valid header; capture_failed says why.
 * - capture_peak_take, capture_overflows, capture_failed, capture_recording: any
 *   thread (atomics).
 *
 * The rings' indices are C11 atomics: the producer loads the consumer's index with
 * acquire, copies the samples, then publishes its own with release; the consumer
 * mirrors it (the same discipline as audio/ring.h, but for runs of samples). */
#ifndef TTYMIX_CAPTURE_H
#define TTYMIX_CAPTURE_H

#include <stdbool.h>
#include <stdint.h>

#include "src/base/err.h"

#define CAPTURE_MAX_SLOTS 64
#define CAPTURE_MAX_INPUTS 2
/* seconds of audio each slot's ring holds while the writer is late (a slow disk) */
#define CAPTURE_RING_SEC 4.0
/* how often the writer rewrites the files' headers */
#define CAPTURE_HEADER_SEC 2.0

struct capture;

/* One armed track: its first input (0-based) and 1 or 2 channels. */
struct capture_slot_cfg {
	int input;
	int channels;
};

/* A capture of n slots (1..CAPTURE_MAX_SLOTS) at rate Hz; the inputs a slot names
 * must be below CAPTURE_MAX_INPUTS. NULL with msg on bad slots. */
struct capture *capture_create(int rate, const struct capture_slot_cfg *slots, int n,
	struct err_msg *msg);
/* Stops a running recording first (as capture_record_stop). Only once no audio
 * thread can reach c any more. NULL is a no-op. */
void capture_destroy(struct capture *c);
int capture_slots(const struct capture *c);

/* Hear slot s's input through the output (input monitoring), or not. */
void capture_set_monitor(struct capture *c, int s, bool on);

/* Start writing: paths[s] for each slot (created; 24-bit WAV at the capture's rate;
 * a slot with a NULL path is metered but not written). Its comment tag is comment
 * (may be NULL). The first recorded sample is the first of the first block the audio
 * thread sees with the transport rolling; its song frame is kept. On failure nothing
 * is left behind and msg says why. */
enum err capture_record_start(struct capture *c, char *const *paths, const char *comment,
	struct err_msg *msg);
/* Punch in and out: the next take starts at the first sample whose song frame (as
 * capture_process_rt is told it) lies in [in, out) and writes out - in frames of
 * time from there (a loop that wraps before out counts on); in < 0: no punch
 * (everything from the first rolling period on). Before capture_record_start. */
void capture_set_punch(struct capture *c, int64_t in, int64_t out);
/* Loop recording: the transport loops over [in, out) (song frames); the next take
 * notes where in its files each pass after the first begins (capture_take.pass_at),
 * so that the caller can make a take of each. in < 0: no loop. Before
 * capture_record_start. */
#define CAPTURE_MAX_PASSES 64
void capture_set_loop(struct capture *c, int64_t in, int64_t out);
/* What a take was. */
struct capture_take {
	int64_t start_frame;    /* the song frame of the first sample; -1: none came */
	int64_t frames[CAPTURE_MAX_SLOTS];  /* written per slot (dropped ones as silence) */
	uint64_t overflows;     /* frames dropped because a ring was full */
	double first_sample_sec; /* from capture_record_start to the writer's first
	                            samples (an upper bound of the first sample's delay) */
	enum err error;         /* the writer's first error, or ERR_OK */
	/* loop recording: the file frame at which the transport wrapped to the loop's
	 * start, for each wrap (the same in every slot's file) */
	int n_wraps;
	int64_t pass_at[CAPTURE_MAX_PASSES];
	struct err_msg msg;
};
/* Stop: the audio thread stops filling the rings (wait_cycles: wait up to 200 ms for
 * two more of its cycles, so that a block it was copying lands; false when the audio
 * thread is gone), the writer drains them, and the files are closed. */
void capture_record_stop(struct capture *c, bool wait_cycles, struct capture_take *out);
bool capture_recording(const struct capture *c); /* control thread */
/* A punch take has all its frames (punch_out - punch_in of them): the caller stops
 * it (a loop may never bring the song to punch_out). Control thread. */
bool capture_punched_out(const struct capture *c);
/* true (with why) once the writer met an error: the caller stops the recording. */
bool capture_failed(struct capture *c, struct err_msg *why);
/* Frames dropped so far in this recording (all slots). */
uint64_t capture_overflows(const struct capture *c);
/* The highest absolute sample of slot s's input since the last call (0..). */
float capture_peak_take(struct capture *c, int s);

/* Audio thread: one period of the inputs (ins[i] is frames samples; n_ins of them,
 * NULL for an input that is gone); song_frame is where the engine's output of this
 * period starts, rolling whether the transport plays. */
void capture_process_rt(struct capture *c, const float *const *ins, int n_ins, int frames,
	int64_t song_frame, bool rolling);
/* Audio thread: add the monitored slots' inputs to the output (l and r, frames each);
 * a mono input goes to the middle at -3 dB. */
void capture_monitor_rt(struct capture *c, const float *const *ins, int n_ins,
	float *l, float *r, int frames);

#endif
