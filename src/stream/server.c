/* The HTTP side of the stream, on libmicrohttpd (the only file that talks to it):
 * four endpoints and nothing else, a key on every TCP request, capped request
 * headers and connections, and one thread per connection, so that a listener whose
 * network stalls stalls only its own thread. A listener's thread encodes its own
 * stream from the shared history (stream_priv.h) and waits there for more. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <arpa/inet.h>

#include "src/base/clock.h"
#include "src/base/xalloc.h"
#include "src/stream/mhd.h"
#include "src/stream/page.h"
#include "src/stream/stream_priv.h"

#define SERVER_HEADER_LIMIT 16384   /* bytes of request a connection may hold */
/* beyond the listeners: the page, status and requests not yet keyed. A local user
 * without the key can still hold connections open (any loopback server can be so
 * crowded); the room is wide, and --listen unix: keeps others out altogether. */
#define SERVER_SPARE_CONNECTIONS 56
/* a connection that moves nothing for this long: longer than STREAM_BEHIND_SEC, so
 * that a stalled listener is dropped (and said so) before it times out */
#define SERVER_TIMEOUT_SEC 10
#define SERVER_BLOCK 16384          /* bytes handed to the server at a time at most */
#define WAIT_SLICE_NS 200000000L    /* how often a waiting listener looks at quit */
#define SERVER_SNDBUF 65536         /* bytes: under half a second of FLAC at 48 kHz */

/* Equal keys, in a time that does not say how much of a wrong key was right. */
static bool same_key(const char *a, const char *b)
{
	size_t la = strlen(a), lb = strlen(b);
	unsigned char diff = (unsigned char)(la != lb);
	for (size_t i = 0; i < la; i++)
		diff |= (unsigned char)(a[i] ^ b[i % (lb ? lb : 1)]);
	return diff == 0 && lb > 0;
}

static enum MHD_Result reply(struct MHD_Connection *c, unsigned status, const char *type,
	const char *body, size_t len, enum MHD_ResponseMemoryMode mode)
{
	struct MHD_Response *r = mhd_api()->create_response_from_buffer(len, (void *)body, mode);
	if (!r) {
		if (mode == MHD_RESPMEM_MUST_FREE)
			free((void *)body);
		return MHD_NO;
	}
	mhd_api()->add_response_header(r, "Content-Type", type);
	mhd_api()->add_response_header(r, "Cache-Control", "no-store");
	mhd_api()->add_response_header(r, "X-Content-Type-Options", "nosniff");
	/* the key is in the page's address: never sent on to another site */
	mhd_api()->add_response_header(r, "Referrer-Policy", "no-referrer");
	enum MHD_Result ok = mhd_api()->queue_response(c, status, r);
	mhd_api()->destroy_response(r);
	return ok;
}

static enum MHD_Result reply_text(struct MHD_Connection *c, unsigned status,
	const char *text)
{
	return reply(c, status, "text/plain; charset=utf-8", text, strlen(text),
		MHD_RESPMEM_PERSISTENT);
}

/* ---- a listener ---- */

static void release_slot(struct stream *s)
{
	pthread_mutex_lock(&s->lock);
	s->n_listeners--;
	pthread_mutex_unlock(&s->lock);
}

static void listener_free(void *cls)
{
	struct stream_listener *l = cls;
	struct stream *s = l->s;
	pthread_mutex_lock(&s->lock);
	for (struct stream_listener **p = &s->listeners; *p; p = &(*p)->next)
		if (*p == l) {
			*p = l->next;
			break;
		}
	if (!l->dropped) {
		s->n_listeners--;
		if (!s->quit)
			stream_say_locked(s, "stream: listener %d (%s) left", l->id,
				stream_codec_name(l->codec));
	}
	pthread_mutex_unlock(&s->lock);
	stream_enc_free(l->enc);
	stream_bytes_free(&l->out);
	free(l->pcm);
	free(l);
}

/* When the audio thread made history frame i, by the newest frame's time: the
 * history is made in real time, so frames before it are older by their distance. */
static double made_sec(const struct stream_listener *l, uint64_t i, uint64_t written,
	double written_sec)
{
	return written_sec - (double)(written - i) / l->s->rate;
}

enum fill { FILL_MORE, FILL_END, FILL_ERROR };

/* Take what the history has for l (waiting for it) and encode it. FILL_END: the
 * stream is finishing and l has taken everything; FILL_ERROR: l must end now (the
 * stream closes at once, or l fell behind). */
static enum fill listener_fill(struct stream_listener *l)
{
	struct stream *s = l->s;
	pthread_mutex_lock(&s->lock);
	while (!s->quit && !l->dropped && !s->finishing && s->written == l->pos) {
		struct timespec until;
		clock_gettime(CLOCK_REALTIME, &until);
		until.tv_nsec += WAIT_SLICE_NS;
		if (until.tv_nsec >= 1000000000L) {
			until.tv_nsec -= 1000000000L;
			until.tv_sec++;
		}
		pthread_cond_timedwait(&s->more, &s->lock, &until);
	}
	if (s->quit || l->dropped) {
		pthread_mutex_unlock(&s->lock);
		return FILL_ERROR;
	}
	if (s->written == l->pos) { /* finishing, and all of it taken */
		pthread_mutex_unlock(&s->lock);
		return FILL_END;
	}
	uint64_t n = s->written - l->pos;
	if (n > STREAM_CHUNK)
		n = STREAM_CHUNK;
	for (uint64_t i = 0; i < n; i++) {
		const float *src = s->hist + ((l->pos + i) % s->hist_cap) * 2;
		l->pcm[i * 2] = src[0];
		l->pcm[i * 2 + 1] = src[1];
	}
	l->pos += n;
	const uint64_t written = s->written;
	const double written_sec = s->written_sec;
	pthread_mutex_unlock(&s->lock);
	const uint64_t before = l->start + stream_enc_frames_out(l->enc);
	if (stream_enc_write(l->enc, l->pcm, (int)n) != ERR_OK)
		return FILL_ERROR;
	/* a new block or page left the encoder: its oldest frame has waited longest, and
	 * its wait ends when the bytes go to the socket (listener_read) */
	if (l->start + stream_enc_frames_out(l->enc) > before && !l->pending) {
		l->pending = true;
		l->pending_made = made_sec(l, before, written, written_sec);
	}
	return FILL_MORE;
}

static ssize_t listener_read(void *cls, uint64_t pos, char *buf, size_t max)
{
	(void)pos;
	struct stream_listener *l = cls;
	while (l->out.off == l->out.len) {
		if (l->ended)
			return MHD_CONTENT_READER_END_OF_STREAM;
		const enum fill f = listener_fill(l);
		if (f == FILL_ERROR)
			return MHD_CONTENT_READER_END_WITH_ERROR;
		if (f == FILL_END) { /* the last block or page, then a proper end */
			stream_enc_finish(l->enc);
			l->ended = true;
		}
	}
	size_t n = l->out.len - l->out.off;
	if (n > max)
		n = max;
	memcpy(buf, l->out.data + l->out.off, n);
	l->out.off += n;
	if (l->pending) {
		const double lat = clock_now_sec() - l->pending_made;
		l->pending = false;
		atomic_store_explicit(&l->latency_sec, lat, memory_order_relaxed);
		if (lat > atomic_load_explicit(&l->latency_worst, memory_order_relaxed))
			atomic_store_explicit(&l->latency_worst, lat, memory_order_relaxed);
	}
	return (ssize_t)n;
}

static void peer_name(struct MHD_Connection *c, const struct stream *s, char *buf,
	size_t size)
{
	snprintf(buf, size, "%s", s->is_unix ? "the socket" : "?");
	const union MHD_ConnectionInfo *ci = mhd_api()->get_connection_info(c,
		MHD_CONNECTION_INFO_CLIENT_ADDRESS);
	if (s->is_unix || !ci || !ci->client_addr)
		return;
	const struct sockaddr *sa = ci->client_addr;
	if (sa->sa_family == AF_INET)
		inet_ntop(AF_INET, &((const struct sockaddr_in *)sa)->sin_addr, buf, (socklen_t)size);
	else if (sa->sa_family == AF_INET6)
		inet_ntop(AF_INET6, &((const struct sockaddr_in6 *)sa)->sin6_addr, buf,
			(socklen_t)size);
}

/* The kernel's send buffer grows to megabytes on its own: seconds of audio a slow
 * listener would hear late and the pump could not see. Keep it to a fraction of one. */
static void small_send_buffer(struct MHD_Connection *c)
{
	const union MHD_ConnectionInfo *ci = mhd_api()->get_connection_info(c,
		MHD_CONNECTION_INFO_CONNECTION_FD);
	int size = SERVER_SNDBUF;
	if (ci)
		setsockopt(ci->connect_fd, SOL_SOCKET, SO_SNDBUF, &size, sizeof size);
}

static enum MHD_Result serve_listen(struct stream *s, struct MHD_Connection *c,
	enum stream_codec codec)
{
	struct stream_listener *l = xcalloc(1, sizeof *l);
	l->s = s;
	l->codec = codec;
	l->pcm = xcalloc((size_t)STREAM_CHUNK * 2, sizeof(float));
	peer_name(c, s, l->peer, sizeof l->peer);
	/* the slot is taken with the check, so that joins at once cannot pass the cap */
	pthread_mutex_lock(&s->lock);
	const bool full = s->n_listeners >= s->max_listeners;
	if (!full)
		s->n_listeners++;
	char title[256];
	snprintf(title, sizeof title, "%s", s->project);
	pthread_mutex_unlock(&s->lock);
	struct err_msg msg;
	if (full || stream_enc_create(&l->enc, codec, s->rate, s->kbps, title, &l->out, &msg)
		!= ERR_OK) {
		if (!full)
			release_slot(s);
		stream_bytes_free(&l->out);
		free(l->pcm);
		free(l);
		if (full) {
			char text[96];
			snprintf(text, sizeof text, "too many listeners: at most %d (--stream-max)\n",
				s->max_listeners);
			return reply(c, MHD_HTTP_SERVICE_UNAVAILABLE, "text/plain", text,
				strlen(text), MHD_RESPMEM_MUST_COPY);
		}
		return reply_text(c, MHD_HTTP_INTERNAL_SERVER_ERROR, "cannot start the encoder\n");
	}
	struct MHD_Response *r = mhd_api()->create_response_from_callback(MHD_SIZE_UNKNOWN,
		SERVER_BLOCK, listener_read, l, listener_free);
	if (!r) {
		release_slot(s);
		stream_enc_free(l->enc);
		stream_bytes_free(&l->out);
		free(l->pcm);
		free(l);
		return MHD_NO;
	}
	pthread_mutex_lock(&s->lock);
	/* each listener's stream starts here, with its own headers (its slot is taken) */
	l->pos = l->start = s->written;
	l->id = ++s->next_id;
	l->next = s->listeners;
	s->listeners = l;
	atomic_fetch_add(&s->joined, 1);
	stream_say_locked(s, "stream: listener %d joined (%s, %s)", l->id,
		stream_codec_name(codec), l->peer);
	pthread_mutex_unlock(&s->lock);
	small_send_buffer(c);
	mhd_api()->add_response_header(r, "Content-Type", codec == STREAM_FLAC ? "audio/flac"
		: "audio/ogg; codecs=opus");
	mhd_api()->add_response_header(r, "Cache-Control", "no-store");
	mhd_api()->add_response_header(r, "X-Content-Type-Options", "nosniff");
	enum MHD_Result ok = mhd_api()->queue_response(c, MHD_HTTP_OK, r);
	mhd_api()->destroy_response(r); /* the connection keeps it; listener_free runs at its end */
	return ok;
}

static enum MHD_Result on_request(void *cls, struct MHD_Connection *c, const char *url,
	const char *method, const char *version, const char *upload_data,
	size_t *upload_data_size, void **req_cls)
{
	(void)version;
	(void)upload_data;
	struct stream *s = cls;
	(void)req_cls;
	/* the key first: without it, every request is the same 403 */
	if (!s->is_unix) {
		const char *key = mhd_api()->lookup_connection_value(c, MHD_GET_ARGUMENT_KIND, "key");
		if (!key || !same_key(key, s->key))
			return reply_text(c, MHD_HTTP_FORBIDDEN, "a key is needed: open the address "
				"ttymix printed, with its ?key=\n");
	}
	if (*upload_data_size || (strcmp(method, "GET") && strcmp(method, "HEAD")))
		return reply_text(c, MHD_HTTP_METHOD_NOT_ALLOWED, "only GET\n");
	if (!strcmp(url, "/"))
		return reply(c, MHD_HTTP_OK, "text/html; charset=utf-8", stream_page_html,
			strlen(stream_page_html), MHD_RESPMEM_PERSISTENT);
	if (!strcmp(url, "/status.json")) {
		char *json = stream_status_json(s);
		if (!json)
			return MHD_NO;
		return reply(c, MHD_HTTP_OK, "application/json", json, strlen(json),
			MHD_RESPMEM_MUST_FREE);
	}
	const bool flac = !strcmp(url, "/listen.flac"), opus = !strcmp(url, "/listen.opus");
	if ((flac || opus) && !strcmp(method, "HEAD")) /* a look, not a listener */
		return reply(c, MHD_HTTP_OK, flac ? "audio/flac" : "audio/ogg; codecs=opus", "", 0,
			MHD_RESPMEM_PERSISTENT);
	if (flac || opus)
		return serve_listen(s, c, flac ? STREAM_FLAC : STREAM_OPUS);
	return reply_text(c, MHD_HTTP_NOT_FOUND, "not found: the stream has /, /listen.flac, "
		"/listen.opus and /status.json\n");
}

/* libmicrohttpd's own complaints go nowhere: the studio's screen is not stderr */
static void on_log(void *cls, const char *fmt, va_list ap)
{
	(void)cls;
	(void)fmt;
	(void)ap;
}

enum err stream_server_start(struct stream *s, struct err_msg *msg)
{
	const struct mhd_api *mhd = mhd_load(msg);
	if (!mhd)
		return ERR_DEVICE;
	/* the server owns the socket from here, even when it fails to start (it closes
	 * it then): ours must not close that number again */
	const int fd = s->listen_fd;
	s->listen_fd = -1;
	struct MHD_Daemon *d = mhd->start_daemon(MHD_USE_THREAD_PER_CONNECTION
		| MHD_USE_INTERNAL_POLLING_THREAD | MHD_USE_POLL | MHD_USE_ERROR_LOG, 0, NULL, NULL,
		on_request, s,
		MHD_OPTION_EXTERNAL_LOGGER, on_log, NULL,
		MHD_OPTION_LISTEN_SOCKET, fd,
		MHD_OPTION_CONNECTION_LIMIT, (unsigned)(s->max_listeners + SERVER_SPARE_CONNECTIONS),
		MHD_OPTION_CONNECTION_MEMORY_LIMIT, (size_t)SERVER_HEADER_LIMIT,
		MHD_OPTION_CONNECTION_TIMEOUT, (unsigned)SERVER_TIMEOUT_SEC,
		MHD_OPTION_END);
	if (!d)
		return err_set(msg, ERR_DEVICE, "stream: the HTTP server did not start: %s",
			strerror(errno));
	s->server = d;
	return ERR_OK;
}

void stream_server_stop(struct stream *s)
{
	if (s->server)
		mhd_api()->stop_daemon(s->server);
	s->server = NULL;
}
