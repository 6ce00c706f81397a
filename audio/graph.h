/* The render graph: everything the audio thread needs to play one version of a
 * project, built off the audio thread (graph_build in src/) and handed over with
 * CMD_SWAP_GRAPH. Sizes and buffers are fixed at build time; nothing in it grows later.
 *
 * Ownership by thread, member by member:
 *  - built by the control thread, then read-only: everything marked (const);
 *  - audio thread only: members marked (rt);
 *  - disk thread only: members marked (disk) (the disk thread is the offline loop when
 *    rendering).
 * Each track's audio travels from the disk thread to the audio thread in chunks: the
 * `ready` ring carries filled chunk indices to the audio thread, `empty` brings them
 * back. A chunk names the timeline frame it starts at and the seek generation it was
 * filled for, so the audio thread can drop chunks left over from before a locate. */
#ifndef TTYMIX_GRAPH_H
#define TTYMIX_GRAPH_H

#include <stdalign.h>
#include <stdbool.h>
#include <stdint.h>

#include "audio/fx/fx.h"
#include "audio/pdc.h"
#include "audio/ring.h"
#include "src/base/err.h"

struct media_reader;
struct media_pool;

#define GRAPH_CHUNK_FRAMES 4096
#define GRAPH_CHUNKS_PLAYBACK 32  /* read-ahead: 32 x 4096 frames = 2.7 s at 48 kHz */
/* a render reading between its blocks: the chunk being read and the next, which is
 * enough for a step of up to GRAPH_CHUNK_FRAMES (render.c keeps its steps that short);
 * per track 32 KB less than a third chunk held (issue 23, goal 5) */
#define GRAPH_CHUNKS_OFFLINE 2
#define GRAPH_CHUNKS_OFFLINE_THREADED 8  /* one whose disk thread reads beside it */
#define ENGINE_MAX_BLOCK 8192
#define GRAPH_MAX_SENDS 64   /* per strip: at least the project's PROJECT_MAX_SENDS */

/* The curve of a fade (docs/dsp.md, "Clip gain and fades"); x runs 0..1 into a
 * fade-in, and a fade-out is its mirror. */
enum graph_fade_shape {
	GRAPH_FADE_LINEAR,      /* g = x */
	GRAPH_FADE_EQUAL_POWER, /* g = sin(x pi/2) */
	GRAPH_FADE_S_CURVE,     /* g = (1 - cos(x pi)) / 2 */
};

struct graph_clip {
	int64_t start, length, offset;    /* frames at the project rate (const) */
	int64_t fade_in, fade_out;        /* frames (const) */
	enum graph_fade_shape fade_in_shape, fade_out_shape; /* (const) */
	/* automatic crossfade with an overlapping neighbour (graph_track_crossfades):
	 * an equal-power fade-in over the first xfade_in frames; from frame cut (relative
	 * to start; = length when no later clip takes over) an equal-power fade-out over
	 * xfade_out frames, then silence (const) */
	int64_t xfade_in, cut, xfade_out;
	/* the latest timeline frame any clip up to this one is heard until (a running
	 * maximum, graph_track_setup): a fill skips, by bisection, every clip before the
	 * first whose reach passes its start (const) */
	int64_t reach;
	float gain;                       /* linear clip gain (const) */
	int channels;                     /* of the file: 1 or 2 (const) */
	char *path;                       /* for messages (const) */
	struct media_reader *reader;      /* (disk); NULL when offline */
	bool offline;                     /* (disk) */
	struct err_msg error;             /* (disk) why it went offline while reading */
};

struct feed_chunk {
	int64_t start;       /* timeline frame of data[0] */
	int frames;
	uint32_t gen;
	float *data;         /* frames x track channels */
};

struct gain_ramp {
	float cur[2], target[2], step[2];
	int left;            /* samples until cur == target */
};

/* A send: a copy of a strip's signal into a bus, after the inserts (pre_fader) or after
 * the fader and pan. */
struct graph_send {
	int dest;                         /* bus index (const) */
	bool pre_fader;                   /* (const) */
	float level_db;                   /* (rt) */
	struct gain_ramp ramp;            /* (rt) 0 while the strip is silenced */
	struct pdc_line delay;            /* what it needs beyond its strip's (graph_pdc_plan) */
};

/* A sidechain key: insert slot of a strip hears another strip's signal after its
 * inserts and fader (audio/graph_key.c). The source plays before the strip in every
 * block (a track keyed by a track plays after the other tracks, a bus keyed by a bus
 * after it in bus_order), so the key is the same block's signal. */
struct graph_key {
	int slot;                         /* the insert it keys (const) */
	int src;                          /* track, or n_tracks + bus index (const) */
	/* frames the source's signal is delayed to reach the insert as late as the
	 * strip's own signal does (graph_key_plan); late: frames it still arrives after
	 * it when the source is later than the strip's whole compensation (const) */
	int delay, late;
	struct pdc_line line;
	float *buf;                       /* the delayed key, ENGINE_MAX_BLOCK x 2 (rt) */
};

/* What an automation lane drives (the graph's own names for the project's lane
 * controls; src/graph_build.c maps them). */
enum graph_lane_target { LANE_GAIN, LANE_PAN, LANE_MUTE, LANE_SEND, LANE_INSERT };

/* An automation lane: breakpoints (timeline frame, value) in frame order, joined by
 * straight lines; flat before the first and after the last (docs/dsp.md). */
struct graph_lane {
	enum graph_lane_target target;    /* (const) */
	int index, param;                 /* send index; insert slot and parameter (const) */
	bool active;                      /* a read lane with points (const) */
	int64_t *frames;                  /* (const) */
	double *values;                   /* (const) */
	int n;
	int cursor;                       /* (rt) the segment last read */
	bool held;                        /* (rt) the studio is writing this control: the
	                                     lane is not read (CMD_AUTO_HOLD) */
	double last;                      /* (rt) insert lanes: the value last set */
};

/* The mixing half of a strip, the same for tracks and buses: inserts, fader, pan,
 * mute/solo, sends, meter, and where the result goes. */
struct graph_mix {
	/* which strip this is (graph_build: a hash of its name, never 0; 0: unknown), so
	 * that a rebuilt graph carries a strip's state only into the same strip (const) */
	uint64_t ident;
	int channels;                     /* 1: mono pan law; 2: balance (const) */
	int output;                       /* bus index, or -1: the master (const) */
	struct graph_send *sends;         /* (const array; members rt) */
	int n_sends;
	/* bus indices the output and sends reach directly, for solo logic (const) */
	int *dests;
	int n_dests;
	/* (rt) */
	float gain_db, pan;
	bool mute, solo, solo_safe;
	bool solo_down, solo_up;          /* scratch of update_targets_rt */
	bool heard;                       /* not silenced by mute or solo (update_targets_rt) */
	struct graph_lane *lanes;         /* automation (const array; members rt) */
	int n_lanes;
	struct gain_ramp ramp;
	float peak[2];
	double sum_sq[2];
	struct fx_chain inserts;          /* before the fader */
	/* Delay compensation (graph_pdc_plan; docs/dsp.md "Delay compensation"), frames:
	 * latency: its inserts' sum; path_latency: that plus the latest chain of buses
	 * after it to the master; lag_inserts and lag_fader: how far behind the playhead
	 * the song frame at its inserts' input and at its fader is, which its lanes are
	 * read at (const) */
	int latency, path_latency;
	int64_t lag_inserts, lag_fader;
	struct pdc_line in_delay;         /* before its inserts */
	struct pdc_line out_delay;        /* on its output, beyond in_delay */
	/* sidechains: the keys of its inserts (const array; members rt), and, when it
	 * keys another strip, its block after its fader (ENGINE_MAX_BLOCK x 2, or NULL) */
	struct graph_key *keys;
	int n_keys;
	float *key_out;
	/* A render of stems in the mix's pass (graph_stems_alloc): what this strip adds to
	 * the master's sum, at the same frames of the call as the mix (ENGINE_MAX_BLOCK x
	 * 2; zeros when its output is a bus), or NULL (rt) */
	float *stem;
};

struct graph_track {
	int channels;                     /* of the chunks: 1 or 2 (const) */
	int n_clips;
	struct graph_clip *clips;         /* sorted by start (const) */

	struct feed_chunk *chunks;        /* pool (const array; contents: owner of index) */
	int n_chunks;
	struct ring *ready;               /* int chunk index, disk -> audio */
	struct ring *empty;               /* int chunk index, audio -> disk */

	/* (disk) */
	int64_t fill_pos;
	uint32_t fill_gen;

	/* (rt), on its own cache line, away from the disk thread's fields */
	alignas(64) int held;             /* chunk index being played, or -1 */
	int held_off;                     /* frames of it already played */
	uint32_t underruns;
	struct graph_mix mix;
	/* a parallel offline render (engine_render_threads): the track after its fader,
	 * and before it when it has pre-fader sends (ENGINE_MAX_BLOCK x 2 each, or NULL);
	 * whether the disk fell behind it. Written by the thread that took the track,
	 * read by the render thread after the block's join. Two sets: the second half of
	 * each buffer and par_stalled[1] hold the next sub-block while the render thread
	 * sums this one from the first (graph.par_pipe). */
	float *par_out, *par_pre;
	bool par_stalled[2];
	bool keyed;                       /* keyed by a track: plays after them (const) */
};

/* A bus: a stereo strip without clips; what feeds it is summed into buf. */
struct graph_bus {
	struct graph_mix mix;
	float *buf;                       /* ENGINE_MAX_BLOCK x 2 (rt) */
};

struct graph {
	int sample_rate;                  /* (const) */
	double pan_law_db;                /* (const) */
	int64_t end_frame;                /* where the last clip ends (const) */
	int n_tracks;
	struct graph_track *tracks;
	int n_buses;
	struct graph_bus *buses;
	int *bus_order;                   /* every bus after those feeding it (const) */
	/* the tracks keyed by tracks, each after the tracks that key it; the others play
	 * first (graph_key_plan) (const) */
	int *key_tracks;
	int n_key_tracks;
	/* a parallel render may pipeline (graph_alloc_parallel): helpers play the tracks
	 * of the next sub-block while the render thread sums this one. Not with a
	 * sidechain key anywhere (a key's source block would change under its reader) nor
	 * with a mute lane on a track with sends (both sides read it, and reading moves
	 * its cursor) (const) */
	bool par_pipe;
	float *disk_scratch;              /* (disk) GRAPH_CHUNK_FRAMES x 2 */
	/* the bound on the files the clips' readers hold open: clips open theirs when
	 * first read (graph_build), so a graph of 20,000 clips holds a few dozen (disk) */
	struct media_pool *media;
	/* What the strip, send, insert and lane numbers of commands mean in this graph
	 * (graph_build: the strips' names and their inserts', sends' and lanes' order).
	 * Two graphs with the same layout take the same commands; 0: unknown (const) */
	uint64_t layout;
	/* Delay compensation (graph_pdc_plan): every path reaches the master's sum
	 * pdc_master_frames after the playhead (const); pdc_scratch: a block for the sends
	 * and outputs that need a delay of their own (ENGINE_MAX_BLOCK x 2, or NULL when
	 * none does; the summing thread's) */
	int pdc_master_frames;
	float *pdc_scratch;
	/* master strip (rt) */
	struct fx_chain master_inserts;   /* before the master fader */
	float master_gain_db;
	struct gain_ramp master_ramp;
	float master_peak[2];
	double master_sum_sq[2];
	/* Stems (graph_stems_alloc; NULL and 0 otherwise): for each strip, tracks then
	 * buses, a master chain of its own that its stem (graph_mix.stem) passes through
	 * after the mix's master chain has run, with the master's fader (rt) */
	struct fx_chain *stem_master;
	int n_stems;
	/* for master insert i that computes gains (fx_class.gains_per_frame), the gains
	 * the mix's applied in this block, which every stem's copy applies (g NULL:
	 * none; rt) */
	struct fx_gains stem_gains[FX_MAX_INSERTS];
};

/* Allocate a graph with n_tracks empty tracks (control thread). */
struct graph *graph_create(int sample_rate, int n_tracks);
/* Give the graph n_buses buses (default: stereo, output to the master, unity) and the
 * order to mix them in (copied). Once, before any graph_set_routing. */
void graph_add_buses(struct graph *g, int n_buses, const int *order);
/* The mix of strip s: a track 0..n_tracks-1 or a bus n_tracks..; NULL otherwise. Any
 * thread that may read the graph. */
struct graph_mix *graph_strip_mix(struct graph *g, int s);
/* Set a strip's output (bus index or -1) and its sends (n_sends: dest, pre_fader,
 * level_db each; copied), and the dests list solo logic needs. Control thread, before
 * the graph is handed over. */
void graph_set_routing(struct graph_mix *m, int output, int n_sends, const int *dest,
	const bool *pre_fader, const float *level_db);
/* Delay compensation: from every strip's inserts' latency and the routing, the delay
 * each strip and send needs so that every path reaches the master's sum aligned, with
 * its delay lines (docs/dsp.md, "Delay compensation"). Control thread, once, after
 * every strip's inserts and routing are set and before the graph is handed over. */
void graph_pdc_plan(struct graph *g);
/* Frames from the playhead to the master's output: the latest path to the master's
 * sum plus the master chain's latency. Any thread that may read the graph. */
int graph_latency(const struct graph *g);
/* Give a strip n lanes (zeroed; the caller fills them, allocating frames and values
 * with malloc: graph_destroy frees them). Control thread, before the hand-over. */
void graph_set_lanes(struct graph_mix *m, int n);
/* A lane's value at timeline frame f (audio thread: moves the lane's cursor). */
double graph_lane_value_rt(struct graph_lane *lane, int64_t f);
/* Give track t its clips (takes ownership of the array) and its chunk pool. */
void graph_track_setup(struct graph *g, int t, int channels, struct graph_clip *clips,
	int n_clips, int n_chunks);
/* Give every track the buffers a parallel offline render needs (control thread, before
 * the graph is sent to an engine with engine_render_threads > 1). */
void graph_alloc_parallel(struct graph *g);
/* Make the graph render every strip's stem in the same pass as the mix: a buffer per
 * strip (graph_mix.stem) and n_strips master chains (taken over: their inserts belong
 * to the graph from now on; the caller made each like the master's, in the same order
 * as the strips, or empty for a strip whose stem is silent). A stem is the strip's
 * part of the master's sum (nothing when it plays into a bus) through the master's
 * inserts and fader as the mix went through them: the linear inserts (eq, width,
 * delay...) and plug-ins as copies of their own, and each insert that computes gains
 * from its input (compressor, gate, multiband, limiter) applying the gains the mix's
 * instance computed from the mix, recorded in a buffer allocated here, so that the
 * stems add up to the mix (docs/dsp.md, "Stems"). Control thread, before the graph
 * is sent to an engine. */
void graph_stems_alloc(struct graph *g, struct fx_chain *masters, int n_strips);
/* Close the files the clips' readers hold open (they would reopen on a read): for a
 * graph the disk thread reads no more. Disk thread. */
void graph_close_files(struct graph *g);
/* Free everything, including open readers and their pool. Not on the audio thread.
 * NULL: no-op. */
void graph_destroy(struct graph *g);

/* Fill one chunk of track t with timeline frames [start, start + frames): the sum of
 * the clips there, with clip gain and fades applied. Disk thread (or offline loop).
 * Returns the index of a clip whose file failed while reading (it goes offline and
 * plays silence from then on), or -1. */
int graph_fill_disk(struct graph *g, int t, int64_t start, int frames, float *out);

/* Gain of a fade at frame i of a fade n frames long (docs/dsp.md): linear,
 * g = i / n for a fade-in; a fade-out mirrors it. */
float graph_fade_in_gain(int64_t i, int64_t n);
/* The same for any shape: x = i / n, then the shape's curve; 1 from i >= n. */
float graph_fade_gain(enum graph_fade_shape shape, int64_t i, int64_t n);

/* Where clips on one track (sorted by start, each with cut = length) overlap, the
 * later one takes over: a clip B starting inside A and ending at or after A's end
 * gets an equal-power fade-in of X = min(xfade_frames, overlap) frames and A an
 * equal-power fade-out over the same frames, after which A is silent. Clips wholly
 * inside another are left to mix. Control thread, at build time. */
void graph_track_crossfades(struct graph_clip *clips, int n, int64_t xfade_frames);

#endif
