/* Real-time output drivers behind one small table of operations (driver_*.c). The
 * engine never includes a driver's header; a driver calls engine_process_rt() from its
 * own audio thread. Control thread only, except where noted.
 *
 * The offline renderer is not a driver: it runs engine_process_rt() in a loop on the
 * calling thread (audio/render.h). */
#ifndef TTYMIX_DRIVER_H
#define TTYMIX_DRIVER_H

#include <stdatomic.h>
#include <stdbool.h>
#include <stdint.h>

#include "src/base/err.h"

struct engine;
struct engine_strip_out;
struct monitor;
struct outtap;

enum driver_kind {
	DRIVER_AUTO,  /* PortAudio if a device opens, otherwise null (and say so) */
	DRIVER_PA,    /* PortAudio only: failing to open is an error */
	DRIVER_NULL,  /* silent, paced in real time by a timer thread */
	DRIVER_JACK,  /* a JACK client of its own with named ports (audio/driver_jack.c) */
};

struct driver_config {
	enum driver_kind kind;
	const char *device;   /* name (substring) or index; NULL: the default */
	int buffer_frames;    /* 0: the driver's choice */
	int sample_rate;      /* must be the engine's rate */
	struct monitor *monitor; /* NULL: none; else applied to what plays (it must
	                            outlive the driver, or be detached first) */
	struct outtap *tap;      /* NULL: none; else gets what plays, after the monitor
	                            (audio/outtap.h; it must outlive the driver) */
	/* DRIVER_PA (and AUTO's PortAudio) only: open duplex when the device has inputs,
	 * for recording (driver_pa_inputs) */
	bool inputs;
	/* DRIVER_JACK only */
	const char *jack_name;   /* the client's name; NULL: "ttymix" */
	bool jack_no_connect;    /* leave the ports unconnected (--no-connect) */
	bool jack_strips;        /* a pair of ports per strip too (--jack-ports strips;
	                            driver_jack_set_strips names them) */
};

struct driver;

struct driver_ops {
	const char *name;
	enum err (*open)(struct driver *d, const struct driver_config *cfg, struct err_msg *msg);
	enum err (*start)(struct driver *d, struct err_msg *msg);
	void (*stop)(struct driver *d);
	void (*close)(struct driver *d);
	/* optional: d's audio thread stopped answering and d will never be stopped or
	 * closed (see driver_abandon); let go of whatever would wait for it */
	void (*abandon)(struct driver *d);
	/* optional: stopping or closing found d's device gone in a way that makes any
	 * further call wait or crash (a JACK server that died); driver_close then
	 * abandons d instead of freeing it */
	bool (*lost)(struct driver *d);
};

struct driver {
	const struct driver_ops *ops;
	/* atomic: driver_abandon repoints it while the audio thread may still read it */
	struct engine *_Atomic engine;
	/* callbacks finished (release, at the end of driver_play_rt): a control thread
	 * that saw the count stop may take over what the audio thread used (acquire) */
	_Atomic uint64_t callbacks_done;
	char description[640];  /* for the status line: device name, or why silent */
	int buffer_frames;      /* as asked for (0: the driver or host chose) */
	_Atomic bool failed;    /* set by the driver's thread when the device stopped by
	                           itself; polled by the control thread */
	_Atomic(struct monitor *) monitor; /* heard, never rendered (audio/monitor.h) */
	_Atomic(struct outtap *) tap;      /* a copy of what plays (audio/outtap.h) */
	void *priv;
};

extern const struct driver_ops driver_pa_ops;
extern const struct driver_ops driver_null_ops;
extern const struct driver_ops driver_jack_ops;

/* Open per cfg->kind. With DRIVER_AUTO a failing PortAudio open falls back to the
 * null driver; *fallback_msg (may be NULL) then says why. Caller frees with
 * driver_close. */
enum err driver_open(struct driver **out, struct engine *e, const struct driver_config *cfg,
	struct err_msg *fallback_msg, struct err_msg *msg);
enum err driver_start(struct driver *d, struct err_msg *msg);
void driver_stop(struct driver *d);
/* NULL is a no-op. Never waits long for a dead device: PortAudio's stop and close run
 * under a watchdog, and a driver found lost is abandoned (driver_abandon) instead. */
void driver_close(struct driver *d);
/* For a driver whose audio thread stopped answering (a JACK server that died): stopping
 * or closing it would wait for that thread (PortAudio waits ten minutes), so it is
 * never stopped, closed or freed. The driver layer takes d over, points it at a silent
 * engine of its own (should its callback ever run again, it must not share the
 * caller's engine with the next driver's thread) and keeps it reachable. The next
 * PortAudio open starts from a fresh copy of PortAudio. The caller forgets d. */
void driver_abandon(struct driver *d);

/* The output watchdog, for the control thread. A PortAudio output whose callbacks stop
 * for DRIVER_STALL_SEC is gone: JACK's shutdown does not finish the stream, so the
 * failed flag never comes. A JACK cycle or an ALSA period is milliseconds; a second
 * and a half is far beyond any xrun. Zero-initialise a watch; driver_watch_reset it
 * whenever the driver changes. The null driver never stalls. */
#define DRIVER_STALL_SEC 1.5
struct driver_watch {
	uint64_t callbacks;  /* the driver's finished callbacks last seen... */
	double since_sec;    /* ...and when it last moved; 0: not watching yet */
};
void driver_watch_reset(struct driver_watch *w);
/* True when d (may be NULL: false) is a PortAudio output whose engine callbacks have
 * not run for DRIVER_STALL_SEC of now_sec (any monotonic clock, in seconds). Call it
 * regularly; then driver_abandon a stalled driver instead of closing it. */
bool driver_stalled(struct driver *d, struct driver_watch *w, double now_sec);

/* Point d's monitor section at m (NULL: none) from the control thread; the previous
 * one may still be in a callback until the next has run. */
void driver_set_monitor(struct driver *d, struct monitor *m);

/* For the drivers' audio threads: render a period with the engine, then pass it
 * through the monitor section and copy it to the output tap, if any. Only real-time drivers call this; the offline renderer
 * calls engine_process_rt alone, so the monitor never reaches a render. */
void driver_play_rt(struct driver *d, float *out, int frames);
/* The same, with each strip's block after its fader also written to strips[s]
 * (engine_strip_outs_rt: the JACK driver's ports per strip). */
void driver_play_strips_rt(struct driver *d, float *out, int frames,
	const struct engine_strip_out *strips, int n_strips);

/* Recording through PortAudio: opened with cfg->inputs, a device with inputs is
 * opened duplex, and its first inputs (up to CAPTURE_MAX_INPUTS) feed a capture
 * (audio/capture.h).
 * driver_pa_device: d's PortAudio device index (-1: d is not PortAudio), and in
 * *inputs_asked whether it was opened with cfg->inputs.
 * driver_pa_inputs: how many d reads (0: d is not PortAudio, or output only).
 * driver_pa_set_capture: the capture the callback feeds (NULL: none) from the next
 * buffer on; false when the callback, which may hold the one replaced, did not move
 * on within 200 ms (the old one must then be kept). True at once when d reads no
 * inputs. driver_pa_latency: PortAudio's reported input and output latency of the
 * stream, in frames; false when d reads no inputs. */
struct capture;
int driver_pa_device(const struct driver *d, bool *inputs_asked);
int driver_pa_inputs(const struct driver *d);
bool driver_pa_set_capture(struct driver *d, struct capture *c);
bool driver_pa_latency(const struct driver *d, int64_t *capture, int64_t *playback);

/* Print the output devices PortAudio sees, one per line, to stdout. */
enum err driver_pa_list_devices(struct err_msg *msg);

#endif
