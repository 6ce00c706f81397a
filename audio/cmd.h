/* The protocol between the control side (UI thread or CLI main thread) and the audio
 * thread: small POD messages through SPSC rings (see ring.h).
 *
 *   control --struct cmd-->  audio thread   (engine_send / drained by engine_process_rt)
 *   control <--struct event-- audio thread  (engine_poll_event)
 *
 * A command never carries anything the audio thread must free. The one pointer it can
 * carry, a render graph, changes owner: the engine owns it once the command is sent. */
#ifndef TTYMIX_CMD_H
#define TTYMIX_CMD_H

#include <stdbool.h>
#include <stdint.h>

struct graph;

/* A strip index: tracks are 0..n_tracks-1, buses n_tracks..n_tracks+n_buses-1 (in the
 * project's order); the master has its own number. */
#define STRIP_MASTER (-1)

enum cmd_type {
	CMD_GAIN,        /* strip, value = dB (smoothed) */
	CMD_PAN,         /* strip, value = -1..1 (smoothed) */
	CMD_MUTE,        /* strip, on */
	CMD_SOLO,        /* strip, on */
	CMD_PLAY,
	CMD_STOP,
	CMD_LOCATE,      /* frame */
	CMD_LOOP,        /* frame = start, frame2 = end, on */
	CMD_SWAP_GRAPH,  /* graph: the new graph; the old one is retired and freed off the
	                    audio thread (engine_collect_garbage) */
	CMD_FX_PARAM,    /* strip, slot (insert 0..), param (index in its class's table),
	                    value (clamped to the parameter's range; the effect glides) */
	CMD_FX_BYPASS,   /* strip, slot, on = bypassed (crossfaded, FX_XFADE_MS) */
	CMD_SOLO_SAFE,   /* strip, on: never silenced by another strip's solo */
	CMD_SEND_LEVEL,  /* strip, slot (send index), value = dB (smoothed) */
	CMD_AUTO_HOLD,   /* strip, slot (automation lane index), on: the studio is writing
	                    the lane's control, so the lane is not read (the control's own
	                    value, set by the usual commands, is heard); off: read again */
	CMD_FX_AB,       /* strip, slot, on = bypassed with its output level matched (a
	                    listening aid: not in the project, never rendered) */
	CMD_STRIP_TAP,   /* strip (or STRIP_MASTER), on: copy that strip's signal after its
	                    inserts into the strip tap (audio/strip_tap.h); off: none */
};

struct cmd {
	enum cmd_type type;
	int strip;
	int slot, param;   /* CMD_FX_*: insert slot on the strip, parameter index */
	bool on;
	double value;
	int64_t frame, frame2;
	struct graph *graph;
};

enum event_type {
	EV_METER,       /* strip, peak[], rms[] over the last meter period (linear) */
	EV_TRANSPORT,   /* frame = playhead, playing, waiting (for the disk), count = xruns
	                   so far */
	EV_UNDERRUN,    /* strip: the disk did not keep up; count = total so far */
	EV_CLIP_OFFLINE /* strip, clip: a clip's file failed while reading (disk thread) */
};

struct event {
	enum event_type type;
	int strip;
	int clip;
	bool playing, waiting;
	float peak[2], rms[2];
	int64_t frame;
	uint32_t count;
};

#endif
