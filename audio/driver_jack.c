/* The native JACK driver: a JACK client of its own (not PortAudio's) with named ports,
 * run by JACK's process callback. The only file that calls libjack, through
 * audio/jack_dl.h's table: the library is loaded when the driver first opens.
 *
 * Threads: the operations and driver_jack.h's calls on the control thread; jk_process
 * on JACK's real-time thread; jk_xrun and jk_shutdown on JACK's notification thread
 * (they only touch atomics). */
#include "audio/driver.h"
#include "audio/driver_jack.h"

#include <errno.h>
#include "audio/jack_dl.h"
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "audio/capture.h"
#include "audio/engine.h"
#include "audio/rtguard.h"
#include "src/base/xalloc.h"

/* The engine writes interleaved stereo; JACK's ports are one buffer each. A period is
 * played in pieces of this many frames through the scratch buffer, so that no block
 * size the server picks (now or after a buffer-size change) needs memory the process
 * callback would have to allocate. */
#define JK_SCRATCH_FRAMES 1024

enum { JK_OUTS = 2, JK_INS = 2 };

/* Ports per strip (--jack-ports strips): room for every track and bus a project may
 * have (src/project.h's limits, which audio/ may not include). */
#define JK_MAX_STRIPS (1024 + 256)

struct jack_priv {
	jack_client_t *client;
	jack_port_t *out[JK_OUTS];
	jack_port_t *in[JK_INS];   /* read for recording (audio/capture.h) */
	/* what the inputs feed: armed tracks' rings and meters, or NULL (the control
	 * thread stores it with release, the callback loads it with acquire) */
	_Atomic(struct capture *) capture;
	float scratch[JK_SCRATCH_FRAMES * 2];
	bool active;
	bool no_connect;
	/* --jack-ports strips: a pair of ports per strip, [2 s] and [2 s + 1] (written on
	 * the control thread; the process callback reads the first n_strips pairs) */
	bool strips;
	jack_port_t **strip_port;
	char **strip_name;           /* the name each registered pair was given for */
	int n_registered;            /* pairs registered (>= n_strips) */
	_Atomic int n_strips;        /* pairs the callback fills (release/acquire) */
	struct engine_strip_out *strip_base, *strip_at;  /* the callback's scratch */
	_Atomic bool dead;             /* the server shut down: never call libjack again */
	_Atomic jack_nframes_t period; /* the server's buffer size (bufsize callback) */
	/* process callbacks finished, counted at the very end of each (release), after
	 * the capture and the strips were last used: d->callbacks_done counts engine
	 * chunks (JK_SCRATCH_FRAMES), several per period at a large buffer size */
	_Atomic uint64_t periods;
	jack_nframes_t described;      /* the period d->description says */
};

/* The strip ports' buffers for this cycle, cleared (the engine writes only the frames
 * the transport plays); returns how many pairs. */
static int jk_strip_buffers(struct jack_priv *p, jack_nframes_t frames)
{
	const int n = atomic_load_explicit(&p->n_strips, memory_order_acquire);
	for (int s = 0; s < n; s++) {
		float *l = jack_fn.port_get_buffer(p->strip_port[2 * s], frames);
		float *r = jack_fn.port_get_buffer(p->strip_port[2 * s + 1], frames);
		memset(l, 0, sizeof(float) * frames);
		memset(r, 0, sizeof(float) * frames);
		p->strip_base[s] = (struct engine_strip_out){ l, r };
	}
	return n;
}

static int jk_process(jack_nframes_t frames, void *arg)
{
	struct driver *d = arg;
	struct jack_priv *p = d->priv;
	float *l = jack_fn.port_get_buffer(p->out[0], frames);
	float *r = jack_fn.port_get_buffer(p->out[1], frames);
	const int n_strips = p->strips ? jk_strip_buffers(p, frames) : 0;
	struct capture *cap = atomic_load_explicit(&p->capture, memory_order_acquire);
	const float *ins[JK_INS];
	for (int i = 0; cap && i < JK_INS; i++)
		ins[i] = jack_fn.port_get_buffer(p->in[i], frames);
	struct engine *e = atomic_load_explicit(&d->engine, memory_order_acquire);
	const int64_t song = engine_playhead(e);
	for (jack_nframes_t done = 0; done < frames;) {
		jack_nframes_t n = frames - done;
		if (n > JK_SCRATCH_FRAMES)
			n = JK_SCRATCH_FRAMES;
		for (int s = 0; s < n_strips; s++)
			p->strip_at[s] = (struct engine_strip_out){ p->strip_base[s].l + done,
				p->strip_base[s].r + done };
		driver_play_strips_rt(d, p->scratch, (int)n, n_strips ? p->strip_at : NULL,
			n_strips);
		/* the copy out is audio-thread work too: marked like the engine's */
		rtguard_enter_rt();
		for (jack_nframes_t i = 0; i < n; i++) {
			l[done + i] = p->scratch[2 * i];
			r[done + i] = p->scratch[2 * i + 1];
		}
		rtguard_leave_rt();
		done += n;
	}
	if (cap) {
		/* this period's output began at song; the transport rolled through it when
		 * the playhead moved on by exactly the period */
		const bool rolling = engine_playhead(e) == song + (int64_t)frames;
		rtguard_enter_rt();
		capture_process_rt(cap, ins, JK_INS, (int)frames, song, rolling);
		capture_monitor_rt(cap, ins, JK_INS, l, r, (int)frames);
		rtguard_leave_rt();
	}
	atomic_fetch_add_explicit(&p->periods, 1, memory_order_release);
	return 0;
}

static int jk_xrun(void *arg)
{
	struct driver *d = arg;
	engine_note_xrun_rt(atomic_load_explicit(&d->engine, memory_order_acquire));
	return 0;
}

static int jk_bufsize(jack_nframes_t frames, void *arg)
{
	struct driver *d = arg;
	struct jack_priv *p = d->priv;
	atomic_store(&p->period, frames);
	return 0;
}

/* The server went away (killed, or it threw the client out): the client is dead and
 * libjack may not be called on it again; the control thread sees d->failed and
 * treats it as a lost device (driver_close keeps d: jk_lost). */
static void jk_shutdown(jack_status_t code, const char *reason, void *arg)
{
	(void)code;
	(void)reason;
	struct driver *d = arg;
	struct jack_priv *p = d->priv;
	atomic_store(&p->dead, true);
	atomic_store(&p->capture, NULL); /* the recording is stopped as the input is lost */
	atomic_store(&d->failed, true);
}

static void jk_free(struct jack_priv *p)
{
	if (p->strip_name)
		for (int s = 0; s < JK_MAX_STRIPS; s++)
			free(p->strip_name[s]);
	free(p->strip_name);
	free(p->strip_port);
	free(p->strip_base);
	free(p->strip_at);
	free(p);
}

static enum err jk_register(struct jack_priv *p, struct err_msg *msg)
{
	static const char *const outs[JK_OUTS] = { "out_L", "out_R" };
	for (int i = 0; i < JK_OUTS; i++) {
		p->out[i] = jack_fn.port_register(p->client, outs[i], JACK_DEFAULT_AUDIO_TYPE,
			JackPortIsOutput, 0);
		if (!p->out[i])
			return err_set(msg, ERR_DEVICE, "JACK: cannot register the port %s", outs[i]);
	}
	for (int i = 0; i < JK_INS; i++) {
		char name[16];
		snprintf(name, sizeof name, "in_%d", i + 1);
		p->in[i] = jack_fn.port_register(p->client, name, JACK_DEFAULT_AUDIO_TYPE,
			JackPortIsInput, 0);
		if (!p->in[i])
			return err_set(msg, ERR_DEVICE, "JACK: cannot register the port %s", name);
	}
	return ERR_OK;
}

static enum err jk_open(struct driver *d, const struct driver_config *cfg, struct err_msg *msg)
{
	enum err e = jack_dl_load(msg);
	if (e != ERR_OK)
		return e;
	const char *want = cfg->jack_name && *cfg->jack_name ? cfg->jack_name : "ttymix";
	jack_status_t status;
	jack_client_t *c = jack_fn.client_open(want, JackNoStartServer, &status);
	if (!c)
		return err_set(msg, ERR_DEVICE, "JACK: no server to join%s (start jackd, or use "
			"--output pa)", (status & JackServerFailed) ? "" : " (the server refused)");
	const jack_nframes_t rate = jack_fn.get_sample_rate(c);
	if ((int)rate != cfg->sample_rate) {
		jack_fn.client_close(c);
		return err_set(msg, ERR_DEVICE, "JACK runs at %u Hz and the project at %d Hz: "
			"start jackd with -r %d", (unsigned)rate, cfg->sample_rate, cfg->sample_rate);
	}
	struct jack_priv *p = xcalloc(1, sizeof *p);
	p->client = c;
	p->no_connect = cfg->jack_no_connect;
	p->strips = cfg->jack_strips;
	if (p->strips) {
		p->strip_port = xcalloc(2 * JK_MAX_STRIPS, sizeof *p->strip_port);
		p->strip_name = xcalloc(JK_MAX_STRIPS, sizeof *p->strip_name);
		p->strip_base = xcalloc(JK_MAX_STRIPS, sizeof *p->strip_base);
		p->strip_at = xcalloc(JK_MAX_STRIPS, sizeof *p->strip_at);
	}
	atomic_init(&p->period, jack_fn.get_buffer_size(c));
	atomic_init(&p->capture, NULL);
	atomic_init(&p->periods, 0);
	d->priv = p;
	enum err rc = jk_register(p, msg);
	if (rc == ERR_OK && (jack_fn.set_process_callback(c, jk_process, d) ||
	    jack_fn.set_xrun_callback(c, jk_xrun, d) ||
	    jack_fn.set_buffer_size_callback(c, jk_bufsize, d)))
		rc = err_set(msg, ERR_DEVICE, "JACK: the server refused ttymix's callbacks");
	if (rc != ERR_OK) {
		jack_fn.client_close(c);
		jk_free(p);
		d->priv = NULL;
		return rc;
	}
	jack_fn.on_info_shutdown(c, jk_shutdown, d);
	d->buffer_frames = cfg->buffer_frames;
	snprintf(d->description, sizeof d->description, "JACK: %s, %u Hz, %u frames",
		jack_fn.get_client_name(c), (unsigned)rate, (unsigned)atomic_load(&p->period));
	return ERR_OK;
}

/* Our outputs to the first two physical playback ports, our inputs from the first two
 * physical capture ports (as many as there are). */
static void jk_autoconnect(struct jack_priv *p)
{
	const char **play = jack_fn.get_ports(p->client, NULL, JACK_DEFAULT_AUDIO_TYPE,
		JackPortIsPhysical | JackPortIsInput);
	for (int i = 0; play && play[i] && i < JK_OUTS; i++)
		jack_fn.connect(p->client, jack_fn.port_name(p->out[i]), play[i]);
	jack_fn.free(play);
	const char **cap = jack_fn.get_ports(p->client, NULL, JACK_DEFAULT_AUDIO_TYPE,
		JackPortIsPhysical | JackPortIsOutput);
	for (int i = 0; cap && cap[i] && i < JK_INS; i++)
		jack_fn.connect(p->client, cap[i], jack_fn.port_name(p->in[i]));
	jack_fn.free(cap);
}

/* The output latency: from our ports to the speakers, as JACK's latency ranges say
 * (known once the ports are connected and the client runs). */
static void jk_describe(struct driver *d)
{
	struct jack_priv *p = d->priv;
	jack_latency_range_t range = { 0, 0 };
	jack_fn.port_get_latency_range(p->out[0], JackPlaybackLatency, &range);
	const jack_nframes_t rate = jack_fn.get_sample_rate(p->client);
	p->described = atomic_load(&p->period);
	snprintf(d->description, sizeof d->description,
		"JACK: %s, %u Hz, %u frames, output latency %.1f ms",
		jack_fn.get_client_name(p->client), (unsigned)rate, (unsigned)atomic_load(&p->period),
		rate ? range.max * 1000.0 / rate : 0.0);
}

static enum err jk_start(struct driver *d, struct err_msg *msg)
{
	struct jack_priv *p = d->priv;
	if (p->active)
		return ERR_OK;
	if (atomic_load(&p->dead))
		return err_set(msg, ERR_DEVICE, "JACK: the server is gone");
	if (jack_fn.activate(p->client))
		return err_set(msg, ERR_DEVICE, "JACK: cannot activate the client %s",
			jack_fn.get_client_name(p->client));
	p->active = true;
	if (!p->no_connect)
		jk_autoconnect(p);
	jk_describe(d);
	return ERR_OK;
}

static void jk_stop(struct driver *d)
{
	struct jack_priv *p = d->priv;
	if (!p || !p->active || atomic_load(&p->dead))
		return;
	jack_fn.deactivate(p->client);
	p->active = false;
}

static void jk_close(struct driver *d)
{
	struct jack_priv *p = d->priv;
	if (!p || atomic_load(&p->dead))
		return;
	jack_fn.client_close(p->client);
	jk_free(p);
	d->priv = NULL;
}

static bool jk_lost(struct driver *d)
{
	struct jack_priv *p = d->priv;
	return p && atomic_load(&p->dead);
}

const struct driver_ops driver_jack_ops = {
	.name = "jack",
	.open = jk_open,
	.start = jk_start,
	.stop = jk_stop,
	.close = jk_close,
	.lost = jk_lost,
};

/* ---- ports and connections (driver_jack.h) ---- */

static struct jack_priv *live(const struct driver *d)
{
	if (!d || d->ops != &driver_jack_ops || !d->priv)
		return NULL;
	struct jack_priv *p = d->priv;
	return atomic_load(&p->dead) ? NULL : p;
}

bool driver_jack_live(const struct driver *d)
{
	return live(d) != NULL;
}

bool driver_jack_refresh(struct driver *d)
{
	struct jack_priv *p = live(d);
	if (!p || !p->active || atomic_load(&p->period) == p->described)
		return false;
	jk_describe(d);
	return true;
}

/* A copy of a NULL-ended list libjack gave (and frees here); returns its length. */
static int take_list(const char **list, char ***out)
{
	int n = 0;
	while (list && list[n])
		n++;
	*out = xcalloc((size_t)n + 1, sizeof **out);
	for (int i = 0; i < n; i++)
		(*out)[i] = xstrdup(list[i]);
	jack_fn.free(list);
	return n;
}

int driver_jack_port_lines(struct driver *d, char ***lines, struct err_msg *msg)
{
	struct jack_priv *p = live(d);
	*lines = NULL;
	if (!p) {
		err_set(msg, ERR_DEVICE, "the output is not JACK (:device jack)");
		return -1;
	}
	char pattern[128];
	snprintf(pattern, sizeof pattern, "^%s:", jack_fn.get_client_name(p->client));
	char **mine;
	const int n = take_list(jack_fn.get_ports(p->client, pattern, NULL, 0), &mine);
	*lines = xcalloc((size_t)n + 1, sizeof **lines);
	for (int i = 0; i < n; i++) {
		jack_port_t *port = jack_fn.port_by_name(p->client, mine[i]);
		const bool input = port && (jack_fn.port_flags(port) & JackPortIsInput);
		char **to;
		const int k = take_list(port ? jack_fn.port_get_all_connections(p->client, port)
			: NULL, &to);
		size_t size = strlen(mine[i]) + 16;
		for (int j = 0; j < k; j++)
			size += strlen(to[j]) + 2;
		char *line = xmalloc(size);
		snprintf(line, size, "%s %s %s", mine[i], input ? "<-" : "->", k ? "" : "(none)");
		for (int j = 0; j < k; j++) {
			strcat(line, to[j]);
			if (j + 1 < k)
				strcat(line, ", ");
			free(to[j]);
		}
		free(to);
		(*lines)[i] = line;
		free(mine[i]);
	}
	free(mine);
	return n;
}

int driver_jack_port_names(struct driver *d, char ***names)
{
	struct jack_priv *p = live(d);
	*names = NULL;
	if (!p)
		return 0;
	return take_list(jack_fn.get_ports(p->client, NULL, NULL, 0), names);
}

/* A typed port name: "out_L" is our own; anything with a ':' is the server's. */
static jack_port_t *find_port(struct jack_priv *p, const char *name, char *full, size_t size)
{
	if (strchr(name, ':'))
		snprintf(full, size, "%s", name);
	else
		snprintf(full, size, "%s:%s", jack_fn.get_client_name(p->client), name);
	return jack_fn.port_by_name(p->client, full);
}

enum err driver_jack_connect(struct driver *d, const char *a, const char *b, bool connect,
	struct err_msg *msg)
{
	struct jack_priv *p = live(d);
	if (!p)
		return err_set(msg, ERR_DEVICE, "the output is not JACK (:device jack)");
	char fa[320], fb[320];
	jack_port_t *pa = find_port(p, a, fa, sizeof fa);
	jack_port_t *pb = find_port(p, b, fb, sizeof fb);
	if (!pa || !pb)
		return err_set(msg, ERR_NOT_FOUND, "no JACK port %s (see :ports)", pa ? fb : fa);
	const bool a_out = jack_fn.port_flags(pa) & JackPortIsOutput;
	const bool b_out = jack_fn.port_flags(pb) & JackPortIsOutput;
	if (a_out == b_out)
		return err_set(msg, ERR_USAGE, "%s and %s are both %s", fa, fb,
			a_out ? "outputs" : "inputs");
	const char *src = a_out ? fa : fb, *dst = a_out ? fb : fa;
	const int rc = connect ? jack_fn.connect(p->client, src, dst)
		: jack_fn.disconnect(p->client, src, dst);
	if (rc != 0 && !(connect && rc == EEXIST))
		return err_set(msg, ERR_DEVICE, "JACK: cannot %s %s %s %s",
			connect ? "connect" : "disconnect", src, connect ? "to" : "from", dst);
	return ERR_OK;
}

/* ---- ports per strip (driver_jack.h) ---- */

/* The short port name for strip s called name, side "L" or "R": JACK's separator
 * ':' and control characters become '_'. */
static void strip_port_name(char *buf, size_t size, const char *name, const char *side)
{
	snprintf(buf, size, "%.60s_%s", name, side);
	for (char *c = buf; *c; c++)
		if (*c == ':' || (unsigned char)*c < 0x20)
			*c = '_';
}

/* Give pair s the name name: register it, or rename it when it was registered for
 * another strip. A name JACK refuses (taken: "out" would clash) falls back to
 * strip<N>. */
static bool strip_pair(struct jack_priv *p, int s, const char *name)
{
	static const char *const side[2] = { "L", "R" };
	char fallback[32];
	snprintf(fallback, sizeof fallback, "strip%d", s + 1);
	for (int i = 0; i < 2; i++) {
		char want[80], alt[80];
		strip_port_name(want, sizeof want, name, side[i]);
		strip_port_name(alt, sizeof alt, fallback, side[i]);
		jack_port_t **port = &p->strip_port[2 * s + i];
		if (!*port) {
			*port = jack_fn.port_register(p->client, want, JACK_DEFAULT_AUDIO_TYPE,
				JackPortIsOutput, 0);
			if (!*port)
				*port = jack_fn.port_register(p->client, alt, JACK_DEFAULT_AUDIO_TYPE,
					JackPortIsOutput, 0);
			if (!*port)
				return false;
		} else if (jack_fn.port_rename(p->client, *port, want) != 0) {
			jack_fn.port_rename(p->client, *port, alt);
		}
	}
	free(p->strip_name[s]);
	p->strip_name[s] = xstrdup(name);
	return true;
}

/* Wait (briefly) until two more process callbacks have ended: then none still holds
 * what was swapped out (the pairs beyond the count, the old capture). Whole periods,
 * not d->callbacks_done's chunks: at a period of 2048 frames or more one callback
 * bumps that twice while it still has the old capture to use. */
static bool callbacks_moved(struct jack_priv *p)
{
	const uint64_t was = atomic_load_explicit(&p->periods, memory_order_acquire);
	for (int i = 0; i < 200; i++) {
		if (atomic_load_explicit(&p->periods, memory_order_acquire) >= was + 2)
			return true;
		nanosleep(&(struct timespec){ .tv_nsec = 1000000 }, NULL);
	}
	return false;
}

void driver_jack_set_strips(struct driver *d, const char *const *names, int n)
{
	struct jack_priv *p = live(d);
	if (!p || !p->strips)
		return;
	if (n > JK_MAX_STRIPS)
		n = JK_MAX_STRIPS;
	const int had = atomic_load_explicit(&p->n_strips, memory_order_relaxed);
	int ok = 0;
	while (ok < n && (ok < had && !strcmp(p->strip_name[ok], names[ok]) ? true
		: strip_pair(p, ok, names[ok])))
		ok++;
	if (ok < had) {
		/* fewer strips: the callback stops filling the rest before they go */
		atomic_store_explicit(&p->n_strips, ok, memory_order_release);
		if (p->active && !callbacks_moved(p))
			return; /* a callback may still hold them: kept registered for now */
		for (int s = ok; s < p->n_registered; s++) {
			for (int i = 0; i < 2; i++) {
				if (p->strip_port[2 * s + i])
					jack_fn.port_unregister(p->client, p->strip_port[2 * s + i]);
				p->strip_port[2 * s + i] = NULL;
			}
			free(p->strip_name[s]);
			p->strip_name[s] = NULL;
		}
		p->n_registered = ok;
		return;
	}
	if (ok > p->n_registered)
		p->n_registered = ok;
	atomic_store_explicit(&p->n_strips, ok, memory_order_release);
}

/* ---- recording (driver_jack.h) ---- */

bool driver_jack_set_capture(struct driver *d, struct capture *c)
{
	struct jack_priv *p = live(d);
	if (!p)
		return true; /* no live client: no callback reads any capture */
	struct capture *was = atomic_exchange_explicit(&p->capture, c, memory_order_acq_rel);
	return !was || !p->active || callbacks_moved(p);
}

bool driver_jack_latency(struct driver *d, int64_t *capture, int64_t *playback)
{
	struct jack_priv *p = live(d);
	if (!p)
		return false;
	jack_latency_range_t in = { 0, 0 }, out = { 0, 0 };
	jack_fn.port_get_latency_range(p->in[0], JackCaptureLatency, &in);
	jack_fn.port_get_latency_range(p->out[0], JackPlaybackLatency, &out);
	*capture = in.max;
	*playback = out.max;
	/* in_1 fed by one of our own outputs (a loopback): JACK breaks that feedback loop
	 * by handing the input what the output wrote in the cycle before, a period its
	 * latency ranges do not count */
	const char **from = jack_fn.port_get_connections(p->in[0]);
	bool loop = false;
	for (int i = 0; from && from[i]; i++) {
		jack_port_t *port = jack_fn.port_by_name(p->client, from[i]);
		loop |= port && jack_fn.port_is_mine(p->client, port);
	}
	jack_fn.free(from);
	if (loop)
		*capture += atomic_load(&p->period);
	return true;
}

/* ---- JACK transport (driver_jack.h) ---- */

bool driver_jack_transport_query(struct driver *d, bool *rolling, int64_t *frame)
{
	struct jack_priv *p = live(d);
	if (!p)
		return false;
	jack_position_t pos;
	const jack_transport_state_t state = jack_fn.transport_query(p->client, &pos);
	*rolling = state == JackTransportRolling || state == JackTransportStarting;
	*frame = pos.frame;
	return true;
}

void driver_jack_transport_start(struct driver *d)
{
	struct jack_priv *p = live(d);
	if (p)
		jack_fn.transport_start(p->client);
}

void driver_jack_transport_stop(struct driver *d)
{
	struct jack_priv *p = live(d);
	if (p)
		jack_fn.transport_stop(p->client);
}

void driver_jack_transport_locate(struct driver *d, int64_t frame)
{
	struct jack_priv *p = live(d);
	if (p && frame >= 0 && frame <= UINT32_MAX)
		jack_fn.transport_locate(p->client, (jack_nframes_t)frame);
}
