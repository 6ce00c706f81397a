/* The native JACK driver's own calls, beyond driver.h's operations: its ports and
 * their connections, for :ports and :connect (src/studio/jack.c). libjack stays behind
 * audio/driver_jack.c; this header names nothing of it.
 *
 * Control thread only. Every call is safe on any driver (false, 0 or ERR_DEVICE when d
 * is not a live JACK client: NULL, another kind, or one whose server died). */
#ifndef TTYMIX_DRIVER_JACK_H
#define TTYMIX_DRIVER_JACK_H

#include <stdbool.h>
#include <stdint.h>

#include "src/base/err.h"

struct driver;

/* True when d is the native JACK driver and its server is alive. */
bool driver_jack_live(const struct driver *d);
/* After the server's buffer size changed: d->description says the new one and the
 * output latency that goes with it. True when it changed. */
bool driver_jack_refresh(struct driver *d);
/* One line per port of d's client: "ttymix:out_L -> system:playback_1, jack_rec:in_1"
 * ("<-" for an input; "(none)" when unconnected). *lines is the caller's (free each
 * line, then the array). Returns how many, or -1 with msg. */
int driver_jack_port_lines(struct driver *d, char ***lines, struct err_msg *msg);
/* Every port on d's server, for completion. *names is the caller's, as above. */
int driver_jack_port_names(struct driver *d, char ***names);
/* Connect (or disconnect) a and b, in either order: one must be an output, the other
 * an input. A name without a ':' is one of d's own ports ("out_L"). */
enum err driver_jack_connect(struct driver *d, const char *a, const char *b, bool connect,
	struct err_msg *msg);

/* With --jack-ports strips: name the pairs of ports per strip after names[0..n)
 * (tracks, then buses, as the engine numbers them): "vox" gets ttymix:vox_L and
 * ttymix:vox_R, after its fader. Pairs are registered, renamed or unregistered as the
 * strips changed since the last call; nothing happens when none did. */
void driver_jack_set_strips(struct driver *d, const char *const *names, int n);

/* Recording (src/studio/record.c): the inputs in_1, in_2 feed capture c (NULL:
 * none) from the next period on. The capture that c replaces may still be in a
 * callback: this waits for the callback to move on, and returns false when it did
 * not in 200 ms (then the old capture must be kept, not freed). True at once on a
 * driver that is no live JACK client. */
struct capture;
bool driver_jack_set_capture(struct driver *d, struct capture *c);
/* JACK's latency ranges (the worst of each, in frames): from the physical input to
 * in_1 (capture, plus a period when in_1 is fed by ttymix's own output: JACK delays
 * that feedback by a cycle) and from out_L to the speakers (playback). false when d
 * is no live JACK client. */
bool driver_jack_latency(struct driver *d, int64_t *capture, int64_t *playback);

/* JACK transport, for :transport jack. Query: false when d is no live JACK client;
 * else whether JACK's transport rolls (or is starting) and its frame. The others ask
 * JACK's transport to start, stop or go to frame (no-ops on any other driver). */
bool driver_jack_transport_query(struct driver *d, bool *rolling, int64_t *frame);
void driver_jack_transport_start(struct driver *d);
void driver_jack_transport_stop(struct driver *d);
void driver_jack_transport_locate(struct driver *d, int64_t frame);

#endif
