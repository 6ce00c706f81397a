/* The engine: one render graph, the transport, and the rings that connect it to the
 * control thread and the disk thread. All drivers (PortAudio, null, offline) call the
 * same engine_process_rt().
 *
 * Threads:
 *  - control thread (one: the UI thread or the CLI's main thread): create/destroy,
 *    engine_send, engine_poll_event, engine_collect_garbage, engine_xruns;
 *  - disk thread: engine_disk_start runs it; for offline rendering the caller instead
 *    calls engine_disk_service() itself, on its own thread, between process calls;
 *  - audio thread (one at a time): engine_process_rt, engine_note_xrun_rt. It never
 *    allocates, frees, locks, logs or does I/O.
 * The engine owns every graph it is sent and frees retired ones on the control thread
 * in engine_collect_garbage (after the disk thread has let go of them). */
#ifndef TTYMIX_ENGINE_H
#define TTYMIX_ENGINE_H

#include <stdatomic.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "audio/cmd.h"
#include "src/base/err.h"

struct engine;

struct engine *engine_create(int sample_rate);
/* The same with a chosen event ring size: an offline render drains events every block
 * and needs few, and every slot of a ring that cycles ends up resident memory. */
struct engine *engine_create_sized(int sample_rate, size_t event_slots);
/* Stop the disk thread first (or never start it) and stop every driver. NULL: no-op. */
void engine_destroy(struct engine *e);
int engine_sample_rate(const struct engine *e);

/* Queue a command for the audio thread. ERR_FULL when the ring is full (try later);
 * then a graph in the command is still the caller's. */
enum err engine_send(struct engine *e, const struct cmd *c);
/* Shorthands for engine_send. */
enum err engine_send_graph(struct engine *e, struct graph *g);
enum err engine_send_simple(struct engine *e, enum cmd_type type, int strip, double value,
	bool on, int64_t frame);
bool engine_poll_event(struct engine *e, struct event *ev);
/* Free graphs the audio and disk threads have let go of. */
void engine_collect_garbage(struct engine *e);
uint32_t engine_xruns(const struct engine *e);
uint32_t engine_events_dropped(const struct engine *e);

/* Disk thread: read ahead for the current graph. */
enum err engine_disk_start(struct engine *e, struct err_msg *msg);
void engine_disk_stop(struct engine *e);
/* One pass of disk work on the calling thread; true when it did something. */
bool engine_disk_service(struct engine *e);
/* One round of it: the requests, then at most one chunk per track (a test's slow
 * disk). True when it read something. */
bool engine_disk_round(struct engine *e);

/* Offline rendering only, from the control thread before the first graph is sent:
 * render the tracks of each block on `threads` threads (this one and threads - 1
 * helpers, at most ENGINE_MAX_THREADS), each track's inserts and fader on whichever
 * thread takes it first, then everything that sums (sends, outputs, buses, master) on
 * the calling thread in track order: the samples are exactly those of one thread.
 * The render thread then waits on its helpers with a semaphore each block, which a
 * real-time thread must never do: never call this for an engine a driver plays.
 * Graphs sent afterwards need graph_alloc_parallel. ERR_OK with fewer helpers (and a
 * message) when threads could not be started. */
#define ENGINE_MAX_THREADS 8
enum err engine_render_threads(struct engine *e, int threads, struct err_msg *msg);

/* Render frames (any number; internally in blocks of at most ENGINE_MAX_BLOCK) of
 * interleaved stereo float into out. Returns how many frames the transport advanced:
 * 0 while stopped or waiting for the disk after a locate. */
int engine_process_rt(struct engine *e, float *out, int frames);
/* Per-strip outputs (the JACK driver's ports per track and bus): during the next
 * engine_process_rt calls, each strip's block after its fader (before its output's
 * compensating delay) is also written, planar, to outs[s].l and .r from frame 0 of the
 * call's out (s numbered as in struct cmd: tracks, then buses; a NULL .l: none).
 * Frames the transport does not play are left as they were: the caller clears them.
 * Audio thread only; outs[0..n) stay the caller's and must live until cleared with
 * engine_strip_outs_rt(e, NULL, 0). */
struct engine_strip_out {
	float *l, *r;
};
void engine_strip_outs_rt(struct engine *e, const struct engine_strip_out *outs, int n);
/* Audio thread (or the offline renderer's): true when every track holds `frames`
 * frames read ahead of the playhead, so that processing them cannot underrun; also
 * true with no graph yet (processing then takes the commands and plays nothing). It
 * counts every chunk read, so right after a locate it may count stale ones: for a
 * render whose disk thread reads beside it, which locates once, before reading. */
bool engine_read_ahead_rt(struct engine *e, int frames);
/* Audio thread: true when every track holds its whole pool of chunks read ahead (the
 * ones left from before the last locate dropped first), as the transport wants it
 * before it starts rolling after play, a locate or a late graph swap: the disk
 * thread's burst of reading is then over before the first period plays. Also true
 * with no graph. */
bool engine_read_ahead_full_rt(struct engine *e);
/* Control thread, before the first engine_process_rt: this engine renders offline
 * (audio/render.c), and rolls as soon as every track can play, without the whole
 * read-ahead: a render waits for the disk instead of underrunning, and the wait for
 * hundreds of tracks' full pools could outlast its stall limit. Its strips and
 * master are not metered (EV_METER then reads silence): nobody reads a render's. */
void engine_set_offline(struct engine *e);
/* Count an over/underrun reported by the driver. */
void engine_note_xrun_rt(struct engine *e);

/* Rest: the transport stopped, nothing queued, pending or retiring, no tap, and a
 * second of that since the last command (audio/idle.c). Callbacks then compute only
 * silence, so a driver that paces itself by a timer (the null driver) may wait in
 * engine_rest_wait instead, and so does the disk thread. Any thread. */
bool engine_resting(const struct engine *e);
/* The null driver's thread outside its callback, or the disk thread (never a real
 * device's audio thread): block until a command is sent, the rest ends, *run turns
 * false, or timeout_ms passes. Whoever clears *run calls engine_rest_wake after. */
void engine_rest_wait(struct engine *e, int timeout_ms, _Atomic bool *run);
/* End the rest and every engine_rest_wait now (engine_send does it; so does stopping
 * a thread that may be waiting). Not on the audio thread: it takes a lock. */
void engine_rest_wake(struct engine *e);

/* DSP load: time spent in engine_process_rt as a fraction of the audio period it
 * covered, mean and worst over the callbacks since the engine started (the worst, the
 * overruns and the stalls since the last engine_dsp_load_reset). A callback that
 * took longer than its period is an overrun when the thread's own CPU time passed the
 * period (an xrun ttymix caused itself), else a stall (the thread was kept from
 * running: other threads, interrupts, a virtual machine's host). The driver's xrun
 * count also holds the ones the server or the scheduler caused. Any thread. */
struct engine_load {
	double mean, worst;     /* 0..1 (and beyond, when a callback overran) */
	/* the worst split in two: the callbacks from a play or a locate until
	 * ENGINE_START_SEC of song have played after it (the wait for the disk included),
	 * and all the others */
	double worst_start, worst_steady;
	/* the same two by the audio thread's own CPU time in the callback (what ttymix
	 * cost, without the time the thread was kept from running) */
	double cpu_worst_start, cpu_worst_steady;
	uint64_t callbacks;
	uint64_t overruns, stalls;
};
#define ENGINE_START_SEC 2
void engine_dsp_load(const struct engine *e, struct engine_load *out);
void engine_dsp_load_reset(struct engine *e);

/* Transport state as last seen by the audio thread (any thread; relaxed). */
int64_t engine_playhead(const struct engine *e);

/* The tap: the master output after the master fader, as the transport plays it
 * (nothing while stopped or waiting for the disk), for analysis that is too slow for
 * the audio thread (loudness, true peak). The audio thread copies it into a
 * single-producer/single-consumer ring; when the ring is full it drops the frames and
 * counts them, it never waits.
 *
 * Threads: engine_tap_enable, engine_tap_dropped and engine_tap_locates from any
 * thread; engine_tap_read from ONE consumer thread at a time (the analysis thread).
 * Off by default: while off the audio thread only checks a flag. Enable it only while
 * something reads it; frames already in the ring when it is turned off stay there
 * until read. */
#define ENGINE_TAP_FRAMES 131072 /* ring capacity: 2.7 s at 48 kHz */
#define ENGINE_TAP_BLOCK 256      /* frames the audio thread gathers per ring push */
void engine_tap_enable(struct engine *e, bool on);
/* Copy up to max_frames of the oldest tapped frames (interleaved stereo float) into
 * buf; returns how many (0 when there is nothing). Never blocks. Frames the audio
 * thread has not yet gathered into a full block (under ENGINE_TAP_BLOCK) wait for
 * the next. */
int engine_tap_read(struct engine *e, float *buf, int max_frames);
/* The same for the second tap: the master sum BEFORE the master inserts and the master
 * fader (what the mastering chain receives), for the loudness-matched A/B. It is on
 * and off with the first, carries the same frames' positions and restarts with the
 * same locates. One consumer thread. A consumer of the first tap alone may leave it
 * unread: it then fills and drops (counted apart), and the first is unaffected. */
int engine_tap_pre_read(struct engine *e, float *buf, int max_frames);
uint64_t engine_tap_pre_dropped(const struct engine *e);
/* Frames dropped because the consumer fell behind, since the engine started. */
uint64_t engine_tap_dropped(const struct engine *e);
/* How many locates the audio thread has applied: when this changes, what follows in
 * the tap does not continue what came before (a consumer may start its measurement
 * again). Frames from before the locate may still be in the ring. */
uint32_t engine_tap_locates(const struct engine *e);

#endif
