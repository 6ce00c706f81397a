/* Inside the stream (src/stream/): the shared history, the listeners, and the parts'
 * entry points. Not for use outside src/stream/.
 *
 * Locking: s->lock guards the history (hist, written, written_sec), the transport
 * state and meters, the listener list and every listener's `dropped`, `pos`-reading by
 * the pump, and the message queue. A listener's encoder and byte buffer belong to its
 * connection thread alone. Nothing here runs on the audio thread: the audio thread
 * only pushes into the tap. */
#ifndef TTYMIX_STREAM_PRIV_H
#define TTYMIX_STREAM_PRIV_H

#include <pthread.h>
#include <stdatomic.h>
#include <stdint.h>

#include "src/stream/encode.h"
#include "src/stream/stream.h"

#define STREAM_HISTORY_SEC 8.0  /* shared history: more than STREAM_BEHIND_SEC */
#define STREAM_CHUNK 2048       /* frames a listener takes from the history at once */
#define STREAM_MESSAGES 8
#define STREAM_FINISH_SEC 1.0 /* at most, for listeners to take the rest at close */

struct stream_listener {
	struct stream *s;
	int id;
	enum stream_codec codec;
	uint64_t pos;              /* the next history frame to encode (lock) */
	bool dropped;              /* the pump gave up on it (lock) */
	char peer[64];
	/* the connection thread's own */
	struct stream_enc *enc;
	struct stream_bytes out;   /* encoded, not yet handed to the server */
	uint64_t start;            /* history frame of the encoder's first frame */
	float *pcm;                /* STREAM_CHUNK frames */
	bool pending;              /* a block or page left the encoder, its bytes not yet
	                              handed to the server; the oldest frame in it was
	                              made at pending_made */
	double pending_made;
	bool ended;                /* the encoder is finished: the stream ends cleanly */
	/* read by the control thread for :stream (relaxed: figures to show) */
	_Atomic double latency_sec;     /* the last measured */
	_Atomic double latency_worst;   /* the worst since joined */
	struct stream_listener *next;   /* lock */
};

struct stream {
	pthread_mutex_t lock;
	pthread_cond_t more;       /* history grew, or quit */
	/* history: a ring of hist_cap frames, interleaved stereo; frame i is at i % cap */
	float *hist;
	uint64_t hist_cap, written;
	double written_sec;        /* when the audio thread made the newest frame */
	bool playing;
	int64_t playhead;
	double momentary_lufs, peak_dbfs, peak_held_sec;
	struct stream_listener *listeners;
	int n_listeners;
	int next_id;
	_Atomic unsigned joined;
	char messages[STREAM_MESSAGES][160];
	int msg_head, msg_count;
	bool finishing;            /* closing: listeners take what is left, then end */
	bool quit;                 /* closing now: listeners end at once */

	struct outtap *tap;        /* lock: stream_renew_tap swaps it */
	unsigned long long retired_dropped; /* drops counted in taps renewed away (lock) */
	pthread_t pump;
	bool pump_started;

	void *server;              /* the server's own (server.c) */
	int listen_fd;
	bool is_unix;
	char unix_path[256];
	char url[512];             /* what to open, with the key */
	char base_url[320];        /* the same without the key, for the status line */
	char key[129];
	char project[256];
	int rate, kbps, max_listeners;
};

/* listen.c: bind the socket cfg asks for; fills listen_fd, is_unix, unix_path, url,
 * base_url (the key is made before). */
enum err stream_listen_open(struct stream *s, const char *spec, struct err_msg *msg);
void stream_listen_close(struct stream *s);

/* pump.c: the thread that empties the tap into the history */
enum err stream_pump_start(struct stream *s, struct err_msg *msg);
void stream_pump_stop(struct stream *s);
/* a line for stream_take_message (lock held) */
void stream_say_locked(struct stream *s, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

/* server.c: the HTTP side (libmicrohttpd) */
enum err stream_server_start(struct stream *s, struct err_msg *msg);
void stream_server_stop(struct stream *s);

/* status.c: the body of /status.json (malloc'd, the caller frees); NULL: no memory */
char *stream_status_json(struct stream *s);

#endif
