/* The strip tap: one strip's signal after its inserts and before its fader (for the
 * master, after the master inserts and before the master fader), as the transport
 * plays it, for the spectrum behind the strip detail's EQ curve. The same design as
 * the master tap (engine.h): the audio thread gathers blocks of ENGINE_TAP_BLOCK
 * frames into a single-producer/single-consumer ring, drops and counts them when it
 * is full, and restarts with each locate; it copies nothing while no strip is asked
 * for.
 *
 * Threads: engine_strip_tap_set from the control thread (it goes through the command
 * ring, so it takes effect in the audio thread's next callback); engine_strip_tap_read
 * and engine_strip_tap_dropped from ONE consumer thread. Frames of the strip tapped
 * before a change may still be read after it (at most what one callback played after
 * the consumer last emptied the ring). */
#ifndef TTYMIX_STRIP_TAP_H
#define TTYMIX_STRIP_TAP_H

#include <stdbool.h>
#include <stdint.h>

#include "src/base/err.h"

struct engine;

/* No strip tapped (the strip numbers are >= 0, the master is STRIP_MASTER). */
#define STRIP_TAP_OFF (-2)

/* Tap strip (a track, a bus or STRIP_MASTER; the numbering of struct cmd), or none
 * with STRIP_TAP_OFF. ERR_FULL: the command ring is full (try again later). */
enum err engine_strip_tap_set(struct engine *e, int strip);
/* Copy up to max_frames of the oldest tapped frames (interleaved stereo float) into
 * buf; returns how many (0 when there is nothing). Never blocks. */
int engine_strip_tap_read(struct engine *e, float *buf, int max_frames);
/* Frames lost because the consumer fell behind, since the engine started. */
uint64_t engine_strip_tap_dropped(const struct engine *e);

#endif
