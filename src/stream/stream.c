/* The stream's life and what it tells its owner (stream.h). */
#include <math.h>
#include <pwd.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/random.h>
#include <time.h>
#include <unistd.h>

#include "audio/outtap.h"
#include "src/base/clock.h"
#include "src/base/xalloc.h"
#include "src/stream/stream_priv.h"

#define TAP_SEC 2.0 /* the pump empties it every few ms; this is for a stall of it */

/* 128 random bits in the URL-safe base64 alphabet: a key nobody on the machine can
 * guess, short enough that the whole address fits an 80-column status line. */
static enum err make_key(char *key, size_t size, struct err_msg *msg)
{
	static const char alphabet[] =
		"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
	unsigned char raw[22];
	if (size < sizeof raw + 1 || getrandom(raw, sizeof raw, 0) != (ssize_t)sizeof raw)
		return err_set(msg, ERR_DEVICE, "stream: no random numbers for a key");
	/* 22 letters of 6 bits each: 132 bits, each letter from its own random byte */
	for (size_t i = 0; i < sizeof raw; i++)
		key[i] = alphabet[raw[i] & 63];
	key[sizeof raw] = '\0';
	return ERR_OK;
}

/* A key of the user's: it goes into an address, so only characters an address keeps
 * as they are, and enough of them that a guess is hopeless. */
static enum err take_key(char *key, size_t size, const char *given, struct err_msg *msg)
{
	size_t n = strlen(given);
	if (n < 8 || n >= size)
		return err_set(msg, ERR_USAGE, "--stream-key takes 8 to %zu characters", size - 1);
	for (size_t i = 0; i < n; i++)
		if (!strchr("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~",
			given[i]))
			return err_set(msg, ERR_USAGE, "--stream-key takes letters, digits and "
				"- . _ ~ only");
	memcpy(key, given, n + 1);
	return ERR_OK;
}

enum err stream_open(struct stream **out, const struct stream_config *cfg,
	struct err_msg *msg)
{
	*out = NULL;
	struct stream *s = xcalloc(1, sizeof *s);
	s->listen_fd = -1;
	s->rate = cfg->rate;
	s->kbps = cfg->kbps > 0 ? cfg->kbps : STREAM_DEFAULT_KBPS;
	s->max_listeners = cfg->max_listeners > 0 ? cfg->max_listeners : STREAM_DEFAULT_MAX;
	s->momentary_lufs = s->peak_dbfs = -INFINITY;
	snprintf(s->project, sizeof s->project, "%s", cfg->project ? cfg->project : "");
	pthread_mutex_init(&s->lock, NULL);
	pthread_cond_init(&s->more, NULL);
	enum err rc = cfg->key ? take_key(s->key, sizeof s->key, cfg->key, msg)
		: make_key(s->key, sizeof s->key, msg);
	if (rc == ERR_OK)
		rc = stream_listen_open(s, cfg->listen, msg);
	if (rc == ERR_OK) {
		s->hist_cap = (uint64_t)(STREAM_HISTORY_SEC * s->rate);
		s->hist = calloc(s->hist_cap * 2, sizeof(float));
		s->tap = outtap_create(s->rate, TAP_SEC);
		if (!s->hist || !s->tap)
			rc = err_set(msg, ERR_NOMEM, "stream: no memory for its buffers");
	}
	if (rc == ERR_OK)
		rc = stream_pump_start(s, msg);
	if (rc == ERR_OK)
		rc = stream_server_start(s, msg);
	if (rc != ERR_OK) {
		stream_close(s);
		return rc;
	}
	*out = s;
	return ERR_OK;
}

void stream_close(struct stream *s)
{
	if (!s)
		return;
	/* listeners take what is left and end their streams properly (the last FLAC
	 * block, the last Ogg page, the end of the chunked reply), for a moment at most */
	const double until = clock_now_sec() + STREAM_FINISH_SEC;
	while (s->pump_started && !outtap_empty(s->tap) && clock_now_sec() < until) {
		const struct timespec ts = { 0, 2 * 1000 * 1000 }; /* the pump takes the last */
		nanosleep(&ts, NULL);
	}
	pthread_mutex_lock(&s->lock);
	s->finishing = true;
	pthread_cond_broadcast(&s->more);
	pthread_mutex_unlock(&s->lock);
	while (s->server && stream_listener_count(s) > 0 && clock_now_sec() < until) {
		const struct timespec ts = { 0, 10 * 1000 * 1000 };
		nanosleep(&ts, NULL);
	}
	pthread_mutex_lock(&s->lock);
	s->quit = true; /* the rest end now... */
	pthread_cond_broadcast(&s->more);
	pthread_mutex_unlock(&s->lock);
	stream_server_stop(s); /* ...and the server waits for their threads */
	stream_pump_stop(s);
	stream_listen_close(s);
	outtap_destroy(s->tap);
	free(s->hist);
	pthread_cond_destroy(&s->more);
	pthread_mutex_destroy(&s->lock);
	free(s);
}

struct outtap *stream_tap(struct stream *s)
{
	return s->tap;
}

const char *stream_url(const struct stream *s)
{
	return s->url;
}

void stream_where(const struct stream *s, char *buf, size_t size)
{
	if (!s->is_unix) {
		snprintf(buf, size, "%s", s->url);
		return;
	}
	char host[256] = "HOST";
	gethostname(host, sizeof host - 1);
	const struct passwd *pw = getpwuid(getuid());
	snprintf(buf, size, "ssh -N -L %d:%s %s@%s, then open http://127.0.0.1:%d/",
		STREAM_DEFAULT_PORT, s->unix_path, pw ? pw->pw_name : "USER", host,
		STREAM_DEFAULT_PORT);
}

void stream_describe(const struct stream *s, char *buf, size_t size)
{
	char where[800];
	stream_where(s, where, sizeof where);
	if (!s->is_unix)
		snprintf(buf, size, "streaming at %s", where);
	else /* the last line is the one to act on: a status line keeps only it */
		snprintf(buf, size, "streaming on unix:%s; on your own machine run:\n%s",
			s->unix_path, where);
}

void stream_status_line(const struct stream *s, char *buf, size_t size)
{
	snprintf(buf, size, "STREAM %s (%d)", s->base_url, stream_listener_count(s));
}

int stream_listener_count(const struct stream *s)
{
	struct stream *m = (struct stream *)s; /* the lock, not the stream, changes */
	pthread_mutex_lock(&m->lock);
	const int n = m->n_listeners;
	pthread_mutex_unlock(&m->lock);
	return n;
}

unsigned long long stream_dropped_blocks(const struct stream *s)
{
	struct stream *m = (struct stream *)s;
	pthread_mutex_lock(&m->lock);
	unsigned long long n = m->retired_dropped + outtap_dropped(m->tap);
	pthread_mutex_unlock(&m->lock);
	return n;
}

const char *stream_key(const struct stream *s)
{
	return s->key;
}

/* Taps an abandoned driver may still write to: never freed, kept reachable. */
static struct outtap *retired_taps[16];
static int n_retired;

void stream_renew_tap(struct stream *s)
{
	struct outtap *fresh = outtap_create(s->rate, TAP_SEC);
	if (!fresh)
		return; /* no memory: keep the old one, as before */
	pthread_mutex_lock(&s->lock);
	struct outtap *old = s->tap;
	s->retired_dropped += outtap_dropped(old);
	s->tap = fresh; /* the pump reads it under the lock */
	pthread_mutex_unlock(&s->lock);
	retired_taps[n_retired % (int)(sizeof retired_taps / sizeof retired_taps[0])] = old;
	n_retired++;
}

unsigned stream_joined(const struct stream *s)
{
	return atomic_load(&((struct stream *)s)->joined);
}

void stream_listeners_text(const struct stream *s, char *buf, size_t size)
{
	struct stream *m = (struct stream *)s;
	size_t used = 0;
	buf[0] = '\0';
	pthread_mutex_lock(&m->lock);
	for (const struct stream_listener *l = m->listeners; l && used + 1 < size; l = l->next) {
		if (l->dropped)
			continue;
		const double lat = atomic_load_explicit(&((struct stream_listener *)l)->latency_sec,
			memory_order_relaxed);
		const double worst = atomic_load_explicit(
			&((struct stream_listener *)l)->latency_worst, memory_order_relaxed);
		int n = snprintf(buf + used, size - used, "%s#%d %s %.0f ms, worst %.0f",
			used ? "; " : "", l->id, stream_codec_name(l->codec), lat * 1000.0,
			worst * 1000.0);
		if (n < 0)
			break;
		used += (size_t)n < size - used ? (size_t)n : size - used - 1;
	}
	pthread_mutex_unlock(&m->lock);
}

void stream_set_project(struct stream *s, const char *name)
{
	pthread_mutex_lock(&s->lock);
	snprintf(s->project, sizeof s->project, "%s", name ? name : "");
	pthread_mutex_unlock(&s->lock);
}

bool stream_take_message(struct stream *s, char *buf, size_t size)
{
	pthread_mutex_lock(&s->lock);
	const bool any = s->msg_count > 0;
	if (any) {
		snprintf(buf, size, "%s", s->messages[s->msg_head]);
		s->msg_head = (s->msg_head + 1) % STREAM_MESSAGES;
		s->msg_count--;
	}
	pthread_mutex_unlock(&s->lock);
	return any;
}
