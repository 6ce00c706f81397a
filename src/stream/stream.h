/* The stream output: the studio's sound served over HTTP to listeners on other
 * machines (mixing over SSH). A driver copies what it plays into the stream's output
 * tap (audio/outtap.h); a pump thread takes it into a few seconds of shared history
 * and measures it; each listener's connection thread encodes its own FLAC or Ogg Opus
 * stream from there (so a slow listener slows no one but itself), served by
 * libmicrohttpd (src/stream/server.c). The endpoints, the key and the addresses are
 * the contract in README and docs/ttymix.1.
 *
 * Threads: every function here is for the control thread (the studio's, or play's),
 * except where noted. The stream owns its tap, its threads and its socket. */
#ifndef TTYMIX_STREAM_H
#define TTYMIX_STREAM_H

#include <stdbool.h>
#include <stddef.h>

#include "src/base/err.h"

struct outtap;

#define STREAM_DEFAULT_PORT 8757
#define STREAM_LAST_PORT 8799   /* the default port scans up to here */
#define STREAM_DEFAULT_KBPS 160
#define STREAM_DEFAULT_MAX 8
#define STREAM_BEHIND_SEC 5.0   /* a listener further behind is dropped */

struct stream_config {
	const char *listen;   /* "[ADDR:]PORT", "unix:" or "unix:PATH"; NULL: the default */
	const char *key;      /* NULL: a random one */
	int kbps;             /* Opus bitrate; 0: the default */
	int max_listeners;    /* 0: the default */
	int rate;             /* the project's sample rate */
	const char *project;  /* the project's name, for the page */
};

struct stream;

/* Bind, start the server and the pump. Errors: ERR_USAGE (a bad --listen or key),
 * ERR_DEVICE (the address is taken or cannot be bound: msg says which), ERR_NOMEM. */
enum err stream_open(struct stream **out, const struct stream_config *cfg,
	struct err_msg *msg);
/* Stop serving (listeners are cut off) and free. Close every driver that holds the
 * tap first. NULL is a no-op. */
void stream_close(struct stream *s);

/* The tap to give the driver (driver_config.tap). */
struct outtap *stream_tap(struct stream *s);
/* What to open: "http://127.0.0.1:8757/?key=..." (TCP), or the socket's path (UNIX). */
const char *stream_url(const struct stream *s);
/* What a listener does to hear it, on one line: the URL with its key (TCP), or for a
 * UNIX socket the ssh forwarding line for this user and the URL to open then. */
void stream_where(const struct stream *s, char *buf, size_t size);
/* The lines to print for a person at start ('\n'-separated): "streaming at URL", or
 * the socket's path and then stream_where's line. */
void stream_describe(const struct stream *s, char *buf, size_t size);
/* The short form for the status line: "STREAM http://127.0.0.1:8757/ (2)". */
void stream_status_line(const struct stream *s, char *buf, size_t size);
/* The listeners on one line: "#2 opus 47 ms, worst 52; #1 flac ...": each one's
 * codec and the latency measured from the audio thread to its socket, the last and
 * the worst since it joined. */
void stream_listeners_text(const struct stream *s, char *buf, size_t size);
int stream_listener_count(const struct stream *s);
/* Blocks of sound the stream lost because its pump fell behind the audio thread. */
unsigned long long stream_dropped_blocks(const struct stream *s);
/* The key every TCP request needs (the one given, or the one made). */
const char *stream_key(const struct stream *s);
/* A driver that held the tap was abandoned (its audio thread may still be in a
 * callback that pushes into it): the stream takes a fresh tap for the next driver and
 * keeps the old one allocated for good. */
void stream_renew_tap(struct stream *s);
/* Listeners that ever joined (any thread); play waits for the first. */
unsigned stream_joined(const struct stream *s);
/* The project's name as the page shows it (after Save As). */
void stream_set_project(struct stream *s, const char *name);
/* A line for the status bar (a listener joined, left, was dropped); false when none. */
bool stream_take_message(struct stream *s, char *buf, size_t size);

#endif
