/* The PortAudio driver: the only file that includes portaudio.h. */
#include "audio/driver.h"

#include "config.h"

#include <ctype.h>
#include <dlfcn.h>
#include <fcntl.h>
#include <pa_jack.h>
#include <portaudio.h>
#include <pthread.h>
#include <signal.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>
#include <unistd.h>

#include "audio/capture.h"
#include "audio/engine.h"
#include "audio/rtguard.h"
#include "src/base/text.h"
#include "src/base/xalloc.h"

/* One loaded copy of PortAudio: its function table, and what ttymix knows about it.
 *
 * PortAudio's JACK host API is one JACK client, made at Pa_Initialize. When the server
 * dies under a running stream, that stream can never be stopped or closed: PortAudio
 * waits ten minutes for the dead server's process thread to answer, and Pa_Terminate
 * closes every open stream first, so it waits too (tried on 19.6: still asleep after
 * 15 s). Such a copy is retired (driver_abandon): never called again. A fresh copy is
 * loaded in a link-map namespace of its own (dlmopen), whose PortAudio and JACK
 * library start from nothing, and it joins the new server as a JACK client with a new
 * name: the dead client's thread still waits on the old name's wake-up object and
 * would swallow the new client's wake-ups (tried: one callback in a second). */
struct pa_api {
	void *lib;
	char client_name[32];  /* PortAudio keeps the pointer: lives as long as the copy */
	__typeof__(PaJack_SetClientName) *PaJack_SetClientName;
	__typeof__(Pa_AbortStream) *Pa_AbortStream;
	__typeof__(Pa_CloseStream) *Pa_CloseStream;
	__typeof__(Pa_GetDefaultOutputDevice) *Pa_GetDefaultOutputDevice;
	__typeof__(Pa_GetDeviceCount) *Pa_GetDeviceCount;
	__typeof__(Pa_GetDeviceInfo) *Pa_GetDeviceInfo;
	__typeof__(Pa_GetErrorText) *Pa_GetErrorText;
	__typeof__(Pa_GetHostApiInfo) *Pa_GetHostApiInfo;
	__typeof__(Pa_GetStreamInfo) *Pa_GetStreamInfo;
	__typeof__(Pa_HostApiTypeIdToHostApiIndex) *Pa_HostApiTypeIdToHostApiIndex;
	__typeof__(Pa_Initialize) *Pa_Initialize;
	__typeof__(Pa_IsStreamActive) *Pa_IsStreamActive;
	__typeof__(Pa_OpenStream) *Pa_OpenStream;
	__typeof__(Pa_SetStreamFinishedCallback) *Pa_SetStreamFinishedCallback;
	__typeof__(Pa_StartStream) *Pa_StartStream;
	__typeof__(Pa_StopStream) *Pa_StopStream;
	__typeof__(Pa_Terminate) *Pa_Terminate;
};

/* Each fresh copy takes one of glibc's 16 link-map namespaces (with a C library of its
 * own) for good, and the dead client of a retired copy keeps the lost server's shared
 * memory mapped: the server's port table, 40 MB (jackd -p 128) to 105 MB (its default)
 * per lost server, measured with jackd2 1.9.21. So three reconnects per session; after
 * that the user is told to start ttymix again, which gives all of it back. */
#define PA_COPIES 4

/* Control thread only (like every driver operation). Copies are loaded when a
 * PortAudio driver opens, not at program start: their dependencies (JACK's client
 * library, C++ runtime, ALSA) cost a headless render or `check` a few megabytes of
 * memory for nothing. They are kept until exit: PortAudio's own libraries are not
 * unload-safe. */
static struct pa_api pa_copies[PA_COPIES];
static int pa_loaded;            /* pa_copies[0 .. pa_loaded-1] are loaded */
static struct pa_api *pa_live;   /* the copy new streams open on; NULL: load one */

/* frames the callback hands the capture at a time (a longer buffer goes in parts) */
#define PA_CHUNK 1024

struct pa_priv {
	struct pa_api *api;    /* the copy this stream lives on */
	PaStream *stream;
	bool started;
	bool jack;             /* on PortAudio's JACK host API */
	bool lost;             /* its server died: never stop, close or terminate it */
	_Atomic bool stopping; /* we asked the stream to stop: not a failure */
	_Atomic bool finished; /* the stream-finished callback ran */
	/* recording (driver_pa_set_capture): a duplex stream's inputs (0: output only),
	 * the latencies PortAudio reported at open (frames), the capture the callback
	 * feeds, and its scratch: the inputs apart, and the monitored inputs */
	int device;
	bool inputs_asked;
	int n_in;
	int64_t in_latency, out_latency;
	_Atomic(struct capture *) capture;
	float in[CAPTURE_MAX_INPUTS][PA_CHUNK];
	float mon[2][PA_CHUNK];
};

static struct pa_api *pa_load(struct err_msg *msg)
{
	if (pa_live)
		return pa_live;
	if (pa_loaded == PA_COPIES) {
		err_set(msg, ERR_DEVICE, "no fresh PortAudio left after %d lost servers: save, quit "
			"and start ttymix again", PA_COPIES);
		return NULL;
	}
	struct pa_api *api = &pa_copies[pa_loaded];
	/* the first copy lives with the program; later ones each in a namespace of their
	 * own, since loading the same library again in ours would give back the old copy */
	void *lib = pa_loaded == 0 ? dlopen(PORTAUDIO_SONAME, RTLD_NOW | RTLD_LOCAL)
		: dlmopen(LM_ID_NEWLM, PORTAUDIO_SONAME, RTLD_NOW | RTLD_LOCAL);
	if (!lib) {
		err_set(msg, ERR_DEVICE, "cannot load PortAudio (%s)%s: %s", PORTAUDIO_SONAME,
			pa_loaded ? " afresh" : "", dlerror());
		return NULL;
	}
#define PA_SYM(name) \
	do { \
		*(void **)&api->name = dlsym(lib, #name); \
		if (!api->name) { \
			err_set(msg, ERR_DEVICE, "PortAudio (%s) lacks %s", PORTAUDIO_SONAME, #name); \
			dlclose(lib); \
			return NULL; \
		} \
	} while (0)
	PA_SYM(PaJack_SetClientName);
	PA_SYM(Pa_AbortStream);
	PA_SYM(Pa_CloseStream);
	PA_SYM(Pa_GetDefaultOutputDevice);
	PA_SYM(Pa_GetDeviceCount);
	PA_SYM(Pa_GetDeviceInfo);
	PA_SYM(Pa_GetErrorText);
	PA_SYM(Pa_GetHostApiInfo);
	PA_SYM(Pa_GetStreamInfo);
	PA_SYM(Pa_HostApiTypeIdToHostApiIndex);
	PA_SYM(Pa_Initialize);
	PA_SYM(Pa_IsStreamActive);
	PA_SYM(Pa_OpenStream);
	PA_SYM(Pa_SetStreamFinishedCallback);
	PA_SYM(Pa_StartStream);
	PA_SYM(Pa_StopStream);
	PA_SYM(Pa_Terminate);
#undef PA_SYM
	api->lib = lib;
	if (pa_loaded == 0)
		snprintf(api->client_name, sizeof api->client_name, "ttymix");
	else
		snprintf(api->client_name, sizeof api->client_name, "ttymix-%d", pa_loaded + 1);
	pa_loaded++;
	pa_live = api;
	return api;
}

/* Host libraries (ALSA, JACK) print probing noise to stderr while PortAudio looks for
 * devices; keep it off the user's terminal. Errors still come back as codes. */
static PaError pa_init_quietly(struct pa_api *pa)
{
	pa->PaJack_SetClientName(pa->client_name);
	setenv("JACK_NO_START_SERVER", "1", 0);
	fflush(stderr);
	int saved = dup(STDERR_FILENO);
	int null = open("/dev/null", O_WRONLY | O_CLOEXEC);
	if (saved >= 0 && null >= 0)
		dup2(null, STDERR_FILENO);
	PaError rc = pa->Pa_Initialize();
	if (saved >= 0) {
		dup2(saved, STDERR_FILENO);
		close(saved);
	}
	if (null >= 0)
		close(null);
	return rc;
}

static void device_label(struct pa_api *pa, PaDeviceIndex i, char *buf, size_t size)
{
	const PaDeviceInfo *info = pa->Pa_GetDeviceInfo(i);
	const PaHostApiInfo *api = info ? pa->Pa_GetHostApiInfo(info->hostApi) : NULL;
	snprintf(buf, size, "%s: %s", api ? api->name : "?", info ? info->name : "?");
}

static bool has_output(struct pa_api *pa, PaDeviceIndex i)
{
	const PaDeviceInfo *info = pa->Pa_GetDeviceInfo(i);
	return info && info->maxOutputChannels >= 2;
}

/* Pick a device: by index, by a case-insensitive part of "Host API: name", or the
 * default. A running JACK server wins over the platform default, since whoever
 * started it means to play through it. */
static PaDeviceIndex choose_device(struct pa_api *pa, const char *want, struct err_msg *msg)
{
	int n = pa->Pa_GetDeviceCount();
	if (n <= 0) {
		err_set(msg, ERR_DEVICE, "no audio devices found");
		return paNoDevice;
	}
	if (want && *want) {
		char *end;
		long idx = strtol(want, &end, 10);
		if (!*end) {
			if (idx < 0 || idx >= n || !has_output(pa, (PaDeviceIndex)idx)) {
				err_set(msg, ERR_DEVICE, "device %ld: no such output device (see ttymix devices)",
					idx);
				return paNoDevice;
			}
			return (PaDeviceIndex)idx;
		}
		for (int i = 0; i < n; i++) {
			char label[512];
			device_label(pa, i, label, sizeof label);
			if (has_output(pa, i) && strcasestr(label, want))
				return i;
		}
		err_set(msg, ERR_DEVICE, "no output device matches \"%s\" (see ttymix devices)", want);
		return paNoDevice;
	}
	PaHostApiIndex jack = pa->Pa_HostApiTypeIdToHostApiIndex(paJACK);
	if (jack >= 0) {
		const PaHostApiInfo *api = pa->Pa_GetHostApiInfo(jack);
		if (api && api->defaultOutputDevice >= 0 && has_output(pa, api->defaultOutputDevice))
			return api->defaultOutputDevice;
	}
	PaDeviceIndex def = pa->Pa_GetDefaultOutputDevice();
	if (def >= 0 && has_output(pa, def))
		return def;
	for (int i = 0; i < n; i++)
		if (has_output(pa, i))
			return i;
	err_set(msg, ERR_DEVICE, "no stereo output device found");
	return paNoDevice;
}

/* A duplex stream's inputs (interleaved, p->n_in of them) into the capture, part by
 * part, and the monitored inputs added to the output; song: where this buffer's
 * output began. */
static void pa_capture_rt(struct pa_priv *p, struct capture *cap, const float *input,
	float *out, int frames, int64_t song, bool rolling)
{
	const float *ins[CAPTURE_MAX_INPUTS] = { NULL };
	for (int i = 0; i < p->n_in; i++)
		ins[i] = p->in[i];
	for (int done = 0; done < frames;) {
		const int n = frames - done < PA_CHUNK ? frames - done : PA_CHUNK;
		for (int i = 0; i < p->n_in; i++)
			for (int k = 0; k < n; k++)
				p->in[i][k] = input[(size_t)(done + k) * (size_t)p->n_in + (size_t)i];
		capture_process_rt(cap, ins, p->n_in, n, song + done, rolling);
		memset(p->mon, 0, sizeof p->mon);
		capture_monitor_rt(cap, ins, p->n_in, p->mon[0], p->mon[1], n);
		for (int k = 0; k < n; k++) {
			out[2 * (done + k)] += p->mon[0][k];
			out[2 * (done + k) + 1] += p->mon[1][k];
		}
		done += n;
	}
}

static int pa_callback(const void *input, void *output, unsigned long frames,
	const PaStreamCallbackTimeInfo *time, PaStreamCallbackFlags flags, void *arg)
{
	(void)time;
	struct driver *d = arg;
	struct pa_priv *p = d->priv;
	if (flags & (paOutputUnderflow | paOutputOverflow))
		engine_note_xrun_rt(d->engine);
	struct capture *cap = input ? atomic_load_explicit(&p->capture, memory_order_acquire)
		: NULL;
	struct engine *e = atomic_load_explicit(&d->engine, memory_order_acquire);
	const int64_t song = cap ? engine_playhead(e) : 0;
	driver_play_rt(d, output, (int)frames);
	if (cap) {
		/* the transport rolled through this buffer when the playhead moved on by it */
		const bool rolling = engine_playhead(e) == song + (int64_t)frames;
		rtguard_enter_rt();
		pa_capture_rt(p, cap, input, output, (int)frames, song, rolling);
		rtguard_leave_rt();
	}
	return paContinue;
}

static void pa_finished(void *arg)
{
	struct driver *d = arg;
	struct pa_priv *p = d->priv;
	atomic_store(&p->finished, true);
	if (!atomic_load(&p->stopping))
		atomic_store(&d->failed, true); /* the device went away (or the JACK server quit) */
}

/* ---- calls that may wait for a dead server ----
 *
 * When the JACK server dies, PortAudio's JACK host API can no longer be trusted with
 * the stream: Pa_StopStream waits (ten minutes) for a process thread that never runs
 * again, and once JACK's client has noticed the death, Pa_CloseStream aborts the
 * program on an assertion (CleanUpStream insists that unregistering its ports from
 * the dead server succeeds). So the stop runs on a thread of its own and the caller
 * waits at most PA_GUARD_SEC for it; a stop that does not come back, that fails, or
 * after which the stream never said it finished (on JACK, the process thread calls
 * the finished callback as it stops: a dead server's does not), means the server is
 * gone, and the stream is never closed: its copy of PortAudio is retired as
 * driver_abandon does. The program can then exit at once. */
#define PA_GUARD_SEC 1.0

enum pa_op { PA_OP_STOP, PA_OP_ABORT, PA_OP_CLOSE };

struct pa_call {
	/* set before the thread starts; read-only after */
	struct pa_api *api;
	PaStream *stream;
	enum pa_op op;
	/* protects rc, done and orphaned; whichever side sees the other gone frees this */
	pthread_mutex_t lock;
	pthread_cond_t done_cond;
	PaError rc;     /* under lock */
	bool done;      /* under lock */
	bool orphaned;  /* under lock: the caller gave up waiting; the thread frees this */
};

static void pa_call_free(struct pa_call *c)
{
	pthread_cond_destroy(&c->done_cond);
	pthread_mutex_destroy(&c->lock);
	free(c);
}

static void *pa_call_thread(void *arg)
{
	struct pa_call *c = arg;
	PaError rc;
	switch (c->op) {
	case PA_OP_STOP:
		rc = c->api->Pa_StopStream(c->stream);
		break;
	case PA_OP_ABORT:
		rc = c->api->Pa_AbortStream(c->stream);
		break;
	case PA_OP_CLOSE:
	default:
		rc = c->api->Pa_CloseStream(c->stream);
		/* the last user of this copy terminates it, and the next open initialises it
		 * again: a JACK server started meanwhile is then seen */
		c->api->Pa_Terminate();
		break;
	}
	pthread_mutex_lock(&c->lock);
	c->rc = rc;
	c->done = true;
	const bool orphaned = c->orphaned;
	pthread_cond_signal(&c->done_cond);
	pthread_mutex_unlock(&c->lock);
	if (orphaned)
		pa_call_free(c);
	return NULL;
}

/* Run op on stream; false when it did not return within PA_GUARD_SEC (it may still
 * be running, and may never return), else true with its result in *rc. */
static bool pa_guarded(struct pa_api *api, PaStream *stream, enum pa_op op, PaError *rc)
{
	struct pa_call *c = xcalloc(1, sizeof *c);
	c->api = api;
	c->stream = stream;
	c->op = op;
	pthread_condattr_t ca;
	pthread_condattr_init(&ca);
	pthread_condattr_setclock(&ca, CLOCK_MONOTONIC);
	pthread_cond_init(&c->done_cond, &ca);
	pthread_condattr_destroy(&ca);
	pthread_mutex_init(&c->lock, NULL);

	/* the helper takes no signals: SIGTERM and friends stay with the threads that
	 * act on them, even while it is stuck in PortAudio */
	sigset_t all, old;
	sigfillset(&all);
	pthread_sigmask(SIG_SETMASK, &all, &old);
	pthread_attr_t ta;
	pthread_attr_init(&ta);
	pthread_attr_setdetachstate(&ta, PTHREAD_CREATE_DETACHED);
	pthread_t thread;
	const int started = pthread_create(&thread, &ta, pa_call_thread, c);
	pthread_attr_destroy(&ta);
	pthread_sigmask(SIG_SETMASK, &old, NULL);
	if (started != 0) {
		pa_call_free(c);
		return false; /* no thread, no guard: treat the stream as lost */
	}

	struct timespec until;
	clock_gettime(CLOCK_MONOTONIC, &until);
	until.tv_sec += (time_t)PA_GUARD_SEC;
	until.tv_nsec += (long)((PA_GUARD_SEC - (double)(time_t)PA_GUARD_SEC) * 1e9);
	if (until.tv_nsec >= 1000000000L) {
		until.tv_sec++;
		until.tv_nsec -= 1000000000L;
	}
	pthread_mutex_lock(&c->lock);
	while (!c->done)
		if (pthread_cond_timedwait(&c->done_cond, &c->lock, &until) != 0)
			break;
	const bool done = c->done;
	if (done)
		*rc = c->rc;
	else
		c->orphaned = true;
	pthread_mutex_unlock(&c->lock);
	if (done)
		pa_call_free(c);
	return done;
}

/* The stream's server is gone: retire its copy of PortAudio (the next open loads a
 * fresh one) and keep the stream, never to be called again. */
static void pa_lost(struct driver *d)
{
	struct pa_priv *p = d->priv;
	p->lost = true;
	if (pa_live == p->api)
		pa_live = NULL;
}

static enum err pa_open(struct driver *d, const struct driver_config *cfg, struct err_msg *msg)
{
	struct pa_api *pa = pa_load(msg);
	if (!pa)
		return ERR_DEVICE;
	PaError rc = pa_init_quietly(pa);
	if (rc != paNoError)
		return err_set(msg, ERR_DEVICE, "PortAudio: %s", pa->Pa_GetErrorText(rc));
	PaDeviceIndex dev = choose_device(pa, cfg->device, msg);
	if (dev == paNoDevice) {
		pa->Pa_Terminate();
		return ERR_DEVICE;
	}
	const PaDeviceInfo *info = pa->Pa_GetDeviceInfo(dev);
	PaStreamParameters out = {
		.device = dev,
		.channelCount = 2,
		.sampleFormat = paFloat32,
		.suggestedLatency = info->defaultLowOutputLatency,
	};
	if (cfg->buffer_frames > 0 && (double)cfg->buffer_frames / cfg->sample_rate >
	    out.suggestedLatency)
		out.suggestedLatency = (double)cfg->buffer_frames / cfg->sample_rate;
	struct pa_priv *p = xcalloc(1, sizeof *p);
	p->api = pa;
	d->priv = p;
	char label[512];
	device_label(pa, dev, label, sizeof label);
	/* asked for inputs (a track is armed), a device with some opens duplex (up to
	 * CAPTURE_MAX_INPUTS of them); one that will not falls back to the output alone */
	const unsigned long fpb = cfg->buffer_frames > 0 ? (unsigned long)cfg->buffer_frames
		: paFramesPerBufferUnspecified;
	PaStreamParameters in = {
		.device = dev,
		.channelCount = info->maxInputChannels < CAPTURE_MAX_INPUTS
			? info->maxInputChannels : CAPTURE_MAX_INPUTS,
		.sampleFormat = paFloat32,
		.suggestedLatency = info->defaultLowInputLatency,
	};
	rc = paInvalidChannelCount;
	p->device = dev;
	p->inputs_asked = cfg->inputs;
	if (cfg->inputs && in.channelCount > 0
	    && (rc = pa->Pa_OpenStream(&p->stream, &in, &out, cfg->sample_rate, fpb, paNoFlag,
		pa_callback, d)) == paNoError)
		p->n_in = in.channelCount;
	if (rc != paNoError)
		rc = pa->Pa_OpenStream(&p->stream, NULL, &out, cfg->sample_rate, fpb, paNoFlag,
			pa_callback, d);
	if (rc != paNoError) {
		free(p);
		d->priv = NULL;
		pa->Pa_Terminate();
		return err_set(msg, ERR_DEVICE, "%s: cannot open at %d Hz: %s", label,
			cfg->sample_rate, pa->Pa_GetErrorText(rc));
	}
	const PaHostApiInfo *host = pa->Pa_GetHostApiInfo(info->hostApi);
	p->jack = host && host->type == paJACK;
	pa->Pa_SetStreamFinishedCallback(p->stream, pa_finished);
	d->buffer_frames = cfg->buffer_frames;
	const PaStreamInfo *si = pa->Pa_GetStreamInfo(p->stream);
	snprintf(d->description, sizeof d->description, "%s, %d Hz, %.1f ms", label,
		cfg->sample_rate, si ? si->outputLatency * 1000.0 : 0.0);
	p->in_latency = si && p->n_in ? (int64_t)(si->inputLatency * cfg->sample_rate + 0.5) : 0;
	p->out_latency = si ? (int64_t)(si->outputLatency * cfg->sample_rate + 0.5) : 0;
	atomic_init(&p->capture, NULL);
	return ERR_OK;
}

static enum err pa_start(struct driver *d, struct err_msg *msg)
{
	struct pa_priv *p = d->priv;
	if (p->started)
		return ERR_OK;
	atomic_store(&p->stopping, false);
	struct pa_api *pa = p->api;
	PaError rc = pa->Pa_StartStream(p->stream);
	if (rc != paNoError)
		return err_set(msg, ERR_DEVICE, "%s: cannot start: %s", d->description,
			pa->Pa_GetErrorText(rc));
	p->started = true;
	return ERR_OK;
}

static void pa_stop(struct driver *d)
{
	struct pa_priv *p = d->priv;
	if (!p || !p->started || p->lost)
		return;
	p->started = false;
	struct pa_api *pa = p->api;
	/* on JACK, a started stream that went inactive without being asked to was
	 * stopped by the server's shutdown: nothing may be called on it any more */
	const bool active = pa->Pa_IsStreamActive(p->stream) == 1;
	if (p->jack && !active && !atomic_load(&p->finished)) {
		pa_lost(d);
		return;
	}
	atomic_store(&p->finished, false);
	atomic_store(&p->stopping, true);
	PaError rc = paNoError;
	if (!pa_guarded(pa, p->stream, active ? PA_OP_STOP : PA_OP_ABORT, &rc) ||
	    (p->jack && (rc != paNoError || !atomic_load(&p->finished))))
		pa_lost(d);
}

static void pa_close(struct driver *d)
{
	struct pa_priv *p = d->priv;
	if (!p || p->lost)
		return;
	PaError rc;
	if (!pa_guarded(p->api, p->stream, PA_OP_CLOSE, &rc)) {
		/* left open on purpose (see pa_guarded): driver_close keeps d */
		pa_lost(d);
		return;
	}
	free(p);
	d->priv = NULL;
}

static bool pa_is_lost(struct driver *d)
{
	struct pa_priv *p = d->priv;
	return p && p->lost;
}

/* The stream stopped answering (its JACK server died): its copy of PortAudio can no
 * longer stop, close or terminate anything without waiting for the dead server, so
 * it is retired with the stream still open, and the next open loads a fresh copy. The
 * driver's memory stays with driver.c's list of abandoned drivers. */
static void pa_abandon(struct driver *d)
{
	struct pa_priv *p = d->priv;
	if (!p)
		return;
	if (pa_live == p->api)
		pa_live = NULL;
}

const struct driver_ops driver_pa_ops = {
	.name = "portaudio",
	.open = pa_open,
	.start = pa_start,
	.stop = pa_stop,
	.close = pa_close,
	.abandon = pa_abandon,
	.lost = pa_is_lost,
};

enum err driver_pa_list_devices(struct err_msg *msg)
{
	struct pa_api *pa = pa_load(msg);
	if (!pa)
		return ERR_DEVICE;
	PaError rc = pa_init_quietly(pa);
	if (rc != paNoError)
		return err_set(msg, ERR_DEVICE, "PortAudio: %s", pa->Pa_GetErrorText(rc));
	int n = pa->Pa_GetDeviceCount();
	PaDeviceIndex def = pa->Pa_GetDefaultOutputDevice();
	int shown = 0;
	for (int i = 0; i < n; i++) {
		const PaDeviceInfo *info = pa->Pa_GetDeviceInfo(i);
		if (!has_output(pa, i))
			continue; /* ttymix plays stereo: only devices it can open are listed */
		char label[512];
		device_label(pa, i, label, sizeof label);
		/* device names come from the system's sound servers: shown, never run */
		text_fprintf(stdout, "%c %3d  %s  (%d out, %.0f Hz)\n", i == def ? '*' : ' ', i,
			label, info->maxOutputChannels, info->defaultSampleRate);
		shown++;
	}
	if (!shown)
		printf("no output devices (ttymix plays on the silent null driver)\n");
	pa->Pa_Terminate();
	return ERR_OK;
}

/* ---- recording (driver.h) ---- */

static struct pa_priv *pa_of(const struct driver *d)
{
	return d && d->ops == &driver_pa_ops ? d->priv : NULL;
}

int driver_pa_device(const struct driver *d, bool *inputs_asked)
{
	const struct pa_priv *p = pa_of(d);
	*inputs_asked = p && p->inputs_asked;
	return p && !p->lost ? p->device : -1;
}

int driver_pa_inputs(const struct driver *d)
{
	const struct pa_priv *p = pa_of(d);
	return p && !p->lost ? p->n_in : 0;
}

bool driver_pa_set_capture(struct driver *d, struct capture *c)
{
	struct pa_priv *p = pa_of(d);
	if (!p || !p->n_in)
		return true; /* no inputs: no callback reads any capture */
	struct capture *was = atomic_exchange_explicit(&p->capture, c, memory_order_acq_rel);
	if (!was || !p->started || p->lost)
		return true;
	/* the callback that may hold the old one moves on within a few buffers */
	const uint64_t seen = atomic_load_explicit(&d->callbacks_done, memory_order_acquire);
	for (int i = 0; i < 200; i++) {
		if (atomic_load_explicit(&d->callbacks_done, memory_order_acquire) >= seen + 2)
			return true;
		nanosleep(&(struct timespec){ .tv_nsec = 1000000 }, NULL);
	}
	return false;
}

bool driver_pa_latency(const struct driver *d, int64_t *capture, int64_t *playback)
{
	const struct pa_priv *p = pa_of(d);
	if (!p || !p->n_in)
		return false;
	*capture = p->in_latency;
	*playback = p->out_latency;
	return true;
}
