/* Engine internals shared by engine.c (audio side) and disk.c (disk side). */
#ifndef TTYMIX_ENGINE_PRIV_H
#define TTYMIX_ENGINE_PRIV_H

#include <pthread.h>
#include <semaphore.h>
#include <stdatomic.h>

#include "audio/engine.h"
#include "audio/graph.h"
#include "audio/ring.h"
#include "audio/strip_tap.h"

#define ENGINE_CMD_RING 1024
#define ENGINE_EVENT_RING 8192
#define ENGINE_DISK_RING 256
/* Every graph in flight (in the cmd ring, in the disk ring, current, pending, due) may
 * be retired, so this ring can never be full when the disk thread pushes. */
#define ENGINE_RETIRE_RING (ENGINE_CMD_RING + ENGINE_DISK_RING + 5)
#define ENGINE_RETIRE_DUE 2
/* The tap ring carries master frames in fixed blocks, so the audio thread pays one
 * ring push per ENGINE_TAP_BLOCK frames, not one per frame. */
#define ENGINE_TAP_BLOCKS (ENGINE_TAP_FRAMES / ENGINE_TAP_BLOCK)

struct tap_block {
	float frames[ENGINE_TAP_BLOCK * 2];
	/* tap_locates when it was filled: a reader skips blocks played before the last
	 * locate, however late it reads them */
	uint32_t locates;
};

/* One tap: the master after its inserts (engine_tap_read), the master sum before them
 * (engine_tap_pre_read) or one strip (audio/strip_tap.h). The audio thread fills `fill`
 * and pushes whole blocks; the one consumer reads `read` out. A locate since a block
 * began discards it, however late it is read. All follow the tap_on flag. */
struct tap_side {
	struct ring *ring;               /* struct tap_block */
	/* audio thread only */
	int fill_frames;
	uint32_t fill_locates;           /* tap_locates when fill was started */
	struct tap_block fill;
	/* the consumer only */
	struct tap_block read;
	int read_off, read_frames;
	_Atomic uint64_t dropped;        /* frames lost to a full ring (audio thread writes) */
};

/* audio thread -> disk thread: read ahead for this graph from this position; and pass
 * these graphs on to the control thread (retire): the audio thread plays them no more
 * and, once the disk thread has taken this request, it reads them no more either. The
 * disk thread decides nothing about graphs' lives: the audio thread, which knows which
 * graph plays and which waits, names every one. */
struct disk_req {
	struct graph *graph;
	uint32_t gen;
	int64_t pos;
	int64_t loop_start, loop_end;
	bool loop_on;
	struct graph *retire[ENGINE_RETIRE_DUE + 1];
};

struct engine {
	int sample_rate;
	struct ring *cmds;        /* struct cmd: control -> audio */
	struct ring *events;      /* struct event: audio -> control */
	struct ring *disk_reqs;   /* struct disk_req: audio -> disk */
	struct ring *disk_events; /* struct event: disk -> control */
	struct ring *retired;     /* struct graph *: disk -> control */

	/* audio thread only */
	struct graph *graph;
	/* A graph swapped in during playback takes over pending_in frames of playback
	 * later (at the song's frame the disk reads it from), so that its read-ahead is
	 * there when it starts: an edit does not make a gap. Until then the playing graph
	 * plays on from what it has read ahead. */
	struct graph *pending;
	int64_t pending_in;
	uint32_t pending_gen;
	int64_t swap_lead;               /* frames from a swap command to the swap */
	struct disk_req last_req;        /* what the disk thread was last asked */
	struct graph *retire_due[ENGINE_RETIRE_DUE];   /* played no more; not yet sent */
	uint32_t gen_seq;
	bool playing, waiting, resync;
	/* an offline render (engine_set_offline): rolls once every track can play its first
	 * period; it never underruns, so the whole read-ahead is not waited for. Its strips
	 * and master are not metered: a render reads no meter event (render.c) */
	bool offline;
	bool targets_dirty;       /* a gain/pan/mute/solo changed in this callback */
	int64_t playhead;
	int64_t loop_start, loop_end;
	bool loop_on;
	uint32_t gen;
	int meter_period, meter_left;
	int meter_frames;   /* frames summed into the meters since they were last posted */
	int ramp_frames;
	float tbuf[ENGINE_MAX_BLOCK * 2];
	bool tap_active;                 /* tap_on as seen at the start of this callback */

	/* the taps: audio thread -> one analysis consumer each */
	_Atomic bool tap_on;             /* written by any thread, read by the audio thread */
	_Atomic uint32_t tap_locates;    /* locates applied (audio thread writes) */
	struct tap_side tap_master;      /* the master after its inserts (engine_tap_read) */
	struct tap_side tap_pre;         /* before the master inserts */
	/* one strip after its inserts (audio/strip_tap.h); strip_tap is the audio
	 * thread's, set by CMD_STRIP_TAP: a strip number, STRIP_MASTER or STRIP_TAP_OFF */
	struct tap_side tap_strip;
	/* control thread: the taps' rings were made resident at their first enable */
	bool taps_touched, strip_tap_touched;
	int strip_tap;
	/* each strip's block after its fader, for a driver's ports per strip (set and
	 * cleared around each engine_process_rt by driver_play_strips_rt; audio thread) */
	const struct engine_strip_out *strip_outs;
	int n_strip_outs;
	const float *out_start;  /* engine_process_rt's out: where frame 0 of the call is */

	/* written by the audio thread, read anywhere */
	_Atomic int64_t playhead_pub;
	/* at rest (audio/idle.c): written by the audio thread and by engine_rest_wake */
	_Atomic bool resting;
	int64_t rest_frames;             /* audio thread: frames with nothing to do */
	pthread_mutex_t wake_lock;       /* wake_gen and the wait on wake_cond; never */
	pthread_cond_t wake_cond;        /* taken by the audio thread */
	uint64_t wake_gen;               /* commands sent, as the waits count them */
	_Atomic uint32_t xruns;
	_Atomic uint32_t events_dropped;
	_Atomic uint64_t load_callbacks;
	_Atomic uint64_t load_sum_ppm;   /* sum of per-callback load, parts per million */
	_Atomic uint64_t load_max_ppm;
	/* the worst apart: callbacks from a play or a locate to ENGINE_START_SEC of playing
	 * after it, and all the others (issue 23, goal 8) */
	_Atomic uint64_t load_start_max_ppm, load_steady_max_ppm;
	/* the same by the thread's own CPU time, which leaves out the time it was kept
	 * from running: on a busy machine the wall clock's worst is the scheduler's */
	_Atomic uint64_t cpu_start_max_ppm, cpu_steady_max_ppm;
	int64_t start_left;              /* audio thread: frames of the start still to play */
	_Atomic uint64_t load_overruns;  /* callbacks whose own CPU time passed their period */
	_Atomic uint64_t load_stalls;    /* late callbacks that were kept from running */

	/* disk thread only */
	struct graph *disk_graph;
	uint32_t disk_gen;
	int64_t disk_pos, disk_loop_start, disk_loop_end;
	bool disk_loop_on;

	/* a parallel offline render (engine_render_threads): helpers take tracks by the
	 * counter; go[h] starts helper h on a block, done counts blocks finished */
	int n_helpers;
	pthread_t helpers[ENGINE_MAX_THREADS - 1];
	struct engine_helper { struct engine *e; int index; } helper_arg[ENGINE_MAX_THREADS - 1];
	sem_t go[ENGINE_MAX_THREADS - 1], done;
	_Atomic int next_track;
	_Atomic bool helpers_quit;
	int64_t job_pos;                 /* the block: written before go, read after it */
	int job_n;
	int job_set;                     /* which half of par_out/par_pre, par_stalled */

	/* control thread only */
	pthread_t disk_thread;
	bool disk_started;
	/* written by the control thread, read by the disk thread */
	_Atomic bool disk_run;
};

/* Rest (audio/idle.c). */
void engine_rest_init(struct engine *e);
void engine_rest_deinit(struct engine *e);
/* Audio thread, at the end of each callback: whether anything happened in it. */
void engine_rest_note_rt(struct engine *e, int frames, bool took_commands);
/* The halves every tap_side shares (audio/strip_tap.c): the audio thread pushes frames,
 * the side's one consumer reads them out (as engine_tap_pre_read). */
void engine_tap_side_push_rt(struct engine *e, struct tap_side *t, const float *frames,
	int n);
int engine_tap_side_read(struct engine *e, struct tap_side *t, float *buf, int max_frames);

/* The strip tap's audio-thread half (audio/strip_tap.c): called with each strip's
 * signal after its inserts (m: the strip's mix, NULL for the master after the master
 * inserts), it copies the one strip asked for; and CMD_STRIP_TAP. */
void engine_strip_tap_rt(struct engine *e, const struct graph_mix *m, const float *buf,
	int n);
void engine_strip_tap_cmd_rt(struct engine *e, const struct cmd *c);

#endif
