/* Engine internals shared by engine.c (audio side) and disk.c (disk side). */
#ifndef TTYMIX_ENGINE_PRIV_H
#define TTYMIX_ENGINE_PRIV_H

#include <pthread.h>
#include <stdatomic.h>

#include "audio/engine.h"
#include "audio/graph.h"
#include "audio/ring.h"

#define ENGINE_CMD_RING 1024
#define ENGINE_EVENT_RING 8192
#define ENGINE_DISK_RING 256
#define ENGINE_RETIRE_RING ENGINE_CMD_RING /* every swap command may retire one graph */

/* audio thread -> disk thread: read ahead for this graph from this position */
struct disk_req {
	struct graph *graph;
	uint32_t gen;
	int64_t pos;
	int64_t loop_start, loop_end;
	bool loop_on;
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
	bool playing, waiting, resync;
	int64_t playhead;
	int64_t loop_start, loop_end;
	bool loop_on;
	uint32_t gen;
	int meter_period, meter_left;
	int ramp_frames;
	float mix[ENGINE_MAX_BLOCK * 2];
	float tbuf[ENGINE_MAX_BLOCK * 2];

	/* written by the audio thread, read anywhere */
	_Atomic int64_t playhead_pub;
	_Atomic uint32_t xruns;
	_Atomic uint32_t events_dropped;
	_Atomic uint64_t load_callbacks;
	_Atomic uint64_t load_sum_ppm;   /* sum of per-callback load, parts per million */
	_Atomic uint64_t load_max_ppm;

	/* disk thread only */
	struct graph *disk_graph;
	uint32_t disk_gen;
	int64_t disk_pos, disk_loop_start, disk_loop_end;
	bool disk_loop_on;

	/* control thread only */
	pthread_t disk_thread;
	bool disk_started;
	_Atomic bool disk_run;
};

#endif
