/* The output tap: what a driver plays, after the monitor section, copied for a reader
 * that is not real-time (the stream server, src/stream/). The engine tap
 * (engine_tap_read) is the master before the monitor and only while the transport
 * moves; this one is the signal the sound card gets, silence and all, with the
 * transport's state beside each block.
 *
 * Threads: outtap_push_rt on the driver's audio thread (one producer); outtap_pop on
 * one consumer thread; create/destroy on the control thread, never while a driver
 * holds the tap (close the driver first). The audio thread never waits: when the
 * ring is full the block is dropped and counted. */
#ifndef TTYMIX_OUTTAP_H
#define TTYMIX_OUTTAP_H

#include <stdbool.h>
#include <stdint.h>

#define OUTTAP_BLOCK 256 /* frames per ring item at most; a period is split into items */

struct outtap_block {
	int frames;          /* 1..OUTTAP_BLOCK */
	bool playing;        /* the transport advanced in this period */
	int64_t playhead;    /* the engine's playhead after the period, in frames */
	double produced_sec; /* CLOCK_MONOTONIC when the audio thread made it */
	float samples[OUTTAP_BLOCK * 2]; /* interleaved stereo */
};

struct outtap;

/* A tap holding about `seconds` of audio at `rate`; NULL when out of memory. */
struct outtap *outtap_create(int rate, double seconds);
void outtap_destroy(struct outtap *t); /* NULL is a no-op */
int outtap_rate(const struct outtap *t);

/* Audio thread: copy `frames` of interleaved stereo from out. */
void outtap_push_rt(struct outtap *t, const float *out, int frames, bool playing,
	int64_t playhead);
/* Consumer: the oldest block into b; false when there is none. */
bool outtap_pop(struct outtap *t, struct outtap_block *b);
/* True when no block waits (any thread; a hint, for a consumer's owner waiting for
 * it to drain once the producer stopped). */
bool outtap_empty(struct outtap *t);
/* Blocks dropped because the consumer fell behind (any thread). */
uint64_t outtap_dropped(const struct outtap *t);

#endif
