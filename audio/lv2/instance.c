/* A running LV2 insert: one instance of the plug-in (stereo, 2 in/2 out) or two (mono,
 * one per channel), its port buffers, the features it is given, and a worker thread
 * for plug-ins with the worker extension.
 *
 * Made and freed on the control thread (lv2_create/lv2_destroy: instantiate, activate,
 * a first silent run to learn the latency, deactivate, free); lv2_process_rt is the
 * only call on the audio thread, with lv2_carry_rt, which hands the running plug-in
 * to the graph that replaces its own (a rebuild for an edit never restarts a reverb's
 * tail). Between ttymix's code and the plug-in's run() the
 * audio thread tells the rtcheck preload (audio/rtguard.h) that foreign code runs:
 * ttymix's own calls are policed, the plug-in's cannot be. */
#include "audio/lv2/lv2_priv.h"

#include <errno.h>
#include <math.h>
#include <dlfcn.h>
#include <pthread.h>
#include <semaphore.h>
#include <stdatomic.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <time.h>

#include <lv2/atom/atom.h>
#include <lv2/buf-size/buf-size.h>
#include <lv2/core/lv2.h>
#include <lv2/options/options.h>
#include <lv2/state/state.h>
#include <lv2/worker/worker.h>

#include "audio/ring.h"
#include "audio/rtguard.h"
#include "src/base/safefile.h"
#include "src/base/xalloc.h"

#define WORK_MAX 4096           /* bytes per worker message */
#define WORK_QUEUE 32           /* messages waiting each way */
#define LATENCY_PROBE 64        /* frames of silence run once at create */

struct work_msg {
	uint32_t size;
	unsigned char data[WORK_MAX];
};

/* The worker extension: run() schedules work (request ring, audio thread to worker
 * thread), the worker does it and responds (response ring, worker to audio thread),
 * and the next run's end hands the responses to the plug-in. */
struct lv2_worker {
	const LV2_Worker_Interface *iface;
	LV2_Handle handle;
	struct ring *requests, *responses;
	sem_t wake;
	atomic_bool quit;
	pthread_t thread;
	struct work_msg msg;    /* worker thread's scratch */
	struct work_msg reply;  /* audio thread's scratch for responses */
	struct work_msg sched;  /* audio thread's scratch for requests (a plug-in may
	                           schedule from inside work_response) */
	/* requests scheduled (audio thread), done by the worker (worker thread), and
	 * responses handed to the plug-in (audio thread): lv2_worker_counts, and how the
	 * studio finds a request left unanswered (lv2_state_take_worker_late) */
	atomic_uint scheduled, done, delivered;
};

struct lv2_one {
	LilvInstance *inst;
	float *controls_out;            /* per port (control outputs only used) */
	void **atom;                    /* per port: atom buffers (NULL for others) */
	struct lv2_worker *worker;
	LV2_Worker_Schedule schedule;
	LV2_Feature f_schedule;
};

/* What the plug-in's instances point at: their port buffers, options and features.
 * It moves as a whole from a retired graph's insert to its successor's (lv2_carry_rt),
 * so the plug-in keeps its memory across a graph rebuild. */
struct lv2_core {
	const struct lv2_class *lc;
	int n;                          /* instances: 2 for a mono plug-in, else 1 */
	struct lv2_one one[2];
	float *controls;                /* per parameter, the value the plug-in reads */
	float *in[2], *out[2];          /* LV2_MAX_BLOCK frames each */
	float *sc[2];                   /* the sidechain inputs' (the strip's own input;
	                                   one input on a stereo plug-in: the mid) */
	int32_t block_min, block_max, block_nominal;
	float rate;
	LV2_Options_Option options[5];
	LV2_Feature f_map, f_unmap, f_options, f_bounded;
	LV2_URID atom_sequence, atom_chunk;
	/* the state extension's paths (mapPath, makePath, freePath): files a state names
	 * are kept relative to the project folder dir (set when the insert is attached to
	 * its state file; NULL before, and for a project with no folder) */
	char *dir;
	LV2_State_Map_Path map_path;
	LV2_State_Make_Path make_path;
	LV2_State_Free_Path free_path;
	LV2_Feature f_map_path, f_make_path, f_free_path;
	char *restored[2];              /* per instance, the state restored into it, as
	                                   lilv writes it (absolute paths): what a save
	                                   writes while the plug-in has not run since (a
	                                   plug-in may take its state in only as it runs:
	                                   zeroconvolv's response comes from its worker) */
	unsigned serial;                /* the project's state it was restored from
	                                   (lv2_state_attach): carried only into an insert
	                                   restored from the same one */
	atomic_ullong runs;             /* run() calls (audio thread): which of the cores
	                                   attached to one state file is the one playing */
};

/* One insert of one graph: the core it runs now (exchanged with its predecessor's at
 * a swap), and what is the insert's own. */
struct lv2_state {
	const struct lv2_class *lc;
	struct lv2_core *_Atomic core;  /* NULL: missing or failed (passes the signal);
	                                   exchanged on the audio thread by lv2_carry_rt */
	int latency;
	atomic_bool bad;                /* the plug-in wrote NaN or Inf */
	atomic_bool bad_said;           /* lv2_state_take_bad_output told it */
	bool failed;                    /* would not instantiate: passes the signal */
	/* a work request unanswered (lv2_state_take_worker_late; control thread): the
	 * worker's count of done requests when it was first seen, and since when */
	unsigned late_done;
	double late_since;
	bool late_said;
	char *file;                     /* its state file (lv2_state_attach), or NULL */
	struct lv2_state *next_attached;
	/* the key (lv2_insert_key_rt): another strip's signal, interleaved stereo, for
	 * the frames still to come in this piece; each run takes its frames from the
	 * front. NULL: the sidechain hears the strip's own input (rt) */
	const float *key;
};

/* ---- the worker ---- */

static LV2_Worker_Status respond(LV2_Worker_Respond_Handle h, uint32_t size,
	const void *data)
{
	struct lv2_worker *w = h;
	if (size > WORK_MAX)
		return LV2_WORKER_ERR_NO_SPACE;
	w->msg.size = size;
	memcpy(w->msg.data, data, size);
	return ring_push_rt(w->responses, &w->msg) ? LV2_WORKER_SUCCESS
		: LV2_WORKER_ERR_NO_SPACE;
}

static void *worker_main(void *arg)
{
	struct lv2_worker *w = arg;
	struct work_msg *req = xcalloc(1, sizeof *req);
	for (;;) {
		while (sem_wait(&w->wake) != 0)
			;
		if (atomic_load(&w->quit))
			break;
		while (ring_pop_rt(w->requests, req)) {
			w->iface->work(w->handle, respond, w, req->size, req->data);
			atomic_fetch_add_explicit(&w->done, 1, memory_order_release);
		}
	}
	free(req);
	return NULL;
}

/* The plug-in's schedule_work, called from its run() on the audio thread. */
static LV2_Worker_Status schedule(LV2_Worker_Schedule_Handle h, uint32_t size,
	const void *data)
{
	struct lv2_worker *w = h;
	if (!w)     /* the plug-in has no worker interface */
		return LV2_WORKER_ERR_UNKNOWN;
	if (size > WORK_MAX)
		return LV2_WORKER_ERR_NO_SPACE;
	w->sched.size = size;
	memcpy(w->sched.data, data, size);
	/* counted first: the worker may be done with it before this returns */
	atomic_fetch_add_explicit(&w->scheduled, 1, memory_order_relaxed);
	if (!ring_push_rt(w->requests, &w->sched)) {
		atomic_fetch_sub_explicit(&w->scheduled, 1, memory_order_relaxed);
		return LV2_WORKER_ERR_NO_SPACE;
	}
	sem_post(&w->wake);
	return LV2_WORKER_SUCCESS;
}

static struct lv2_worker *worker_start(const LV2_Worker_Interface *iface, LV2_Handle h)
{
	struct lv2_worker *w = xcalloc(1, sizeof *w);
	w->iface = iface;
	w->handle = h;
	w->requests = ring_create(WORK_QUEUE, sizeof(struct work_msg));
	w->responses = ring_create(WORK_QUEUE, sizeof(struct work_msg));
	if (!w->requests || !w->responses || sem_init(&w->wake, 0, 0) != 0)
		xalloc_die();
	atomic_init(&w->quit, false);
	if (pthread_create(&w->thread, NULL, worker_main, w) != 0)
		xalloc_die();
	return w;
}

static void worker_stop(struct lv2_worker *w)
{
	if (!w)
		return;
	atomic_store(&w->quit, true);
	sem_post(&w->wake);
	pthread_join(w->thread, NULL);
	sem_destroy(&w->wake);
	ring_destroy(w->requests);
	ring_destroy(w->responses);
	free(w);
}

/* After run(): the worker's answers to the plug-in, then its end of the cycle. */
static void worker_deliver_rt(struct lv2_worker *w)
{
	while (ring_pop_rt(w->responses, &w->reply)) {
		w->iface->work_response(w->handle, w->reply.size, w->reply.data);
		atomic_fetch_add_explicit(&w->delivered, 1, memory_order_relaxed);
	}
	if (w->iface->end_run)
		w->iface->end_run(w->handle);
}

/* ---- create and destroy (control thread) ---- */

static void free_instances(struct lv2_core *s, int n);

static void set_features(struct lv2_core *s, int sample_rate)
{
	s->rate = (float)sample_rate;
	s->block_min = 1;
	s->block_max = LV2_MAX_BLOCK;
	s->block_nominal = 256;
	const LV2_URID int_t = lv2_urid(LV2_ATOM__Int), float_t = lv2_urid(LV2_ATOM__Float);
	const struct { const char *key; LV2_URID type; const void *v; } o[] = {
		{ LV2_BUF_SIZE__minBlockLength, int_t, &s->block_min },
		{ LV2_BUF_SIZE__maxBlockLength, int_t, &s->block_max },
		{ LV2_BUF_SIZE__nominalBlockLength, int_t, &s->block_nominal },
		{ "http://lv2plug.in/ns/ext/parameters#sampleRate", float_t, &s->rate },
	};
	for (int i = 0; i < 4; i++)
		s->options[i] = (LV2_Options_Option){ LV2_OPTIONS_INSTANCE, 0, lv2_urid(o[i].key),
			sizeof(int32_t), o[i].type, o[i].v };
	memset(&s->options[4], 0, sizeof s->options[4]);
	s->f_map = (LV2_Feature){ LV2_URID__map, lv2_urid_map() };
	s->f_unmap = (LV2_Feature){ LV2_URID__unmap, lv2_urid_unmap() };
	s->f_options = (LV2_Feature){ LV2_OPTIONS__options, s->options };
	s->f_bounded = (LV2_Feature){ LV2_BUF_SIZE__boundedBlockLength, NULL };
	s->map_path = (LV2_State_Map_Path){ &s->dir, lv2_path_abstract, lv2_path_absolute };
	s->make_path = (LV2_State_Make_Path){ &s->dir, lv2_path_make };
	s->free_path = (LV2_State_Free_Path){ NULL, lv2_path_free };
	s->f_map_path = (LV2_Feature){ LV2_STATE__mapPath, &s->map_path };
	s->f_make_path = (LV2_Feature){ LV2_STATE__makePath, &s->make_path };
	s->f_free_path = (LV2_Feature){ LV2_STATE__freePath, &s->free_path };
	s->atom_sequence = lv2_urid(LV2_ATOM__Sequence);
	s->atom_chunk = lv2_urid(LV2_ATOM__Chunk);
}

/* Atom buffers ready for a run: inputs an empty sequence, outputs their room. */
static void atoms_prepare_rt(const struct lv2_core *s, struct lv2_one *o)
{
	for (int p = 0; p < s->lc->n_ports; p++) {
		LV2_Atom_Sequence *seq = o->atom[p];
		if (!seq)
			continue;
		if (s->lc->kind[p] == LV2P_ATOM_IN) {
			seq->atom.size = sizeof(LV2_Atom_Sequence_Body);
			seq->atom.type = s->atom_sequence;
			seq->body.unit = 0;
			seq->body.pad = 0;
		} else {
			seq->atom.size = (uint32_t)(s->lc->atom_size[p] - sizeof(LV2_Atom));
			seq->atom.type = s->atom_chunk;
		}
	}
}

/* Held around every instantiate, activate, deactivate and free (see instantiate). Taken
 * after the world's lock when both are (lv2_class_get), never before it. */
static pthread_mutex_t inst_lock = PTHREAD_MUTEX_INITIALIZER;

/* A plug-in's library stays loaded until exit once it has been used: every graph
 * rebuild makes instances anew, and unloading the library with the last of them would
 * load it again at the next edit; many plug-ins also keep global state (tables, caches
 * reached from their static data) that does not survive an unload. RTLD_NODELETE on
 * the library lilv has just opened keeps it mapped whatever lilv closes. */
static void keep_library(const LilvPlugin *pl)
{
	const LilvNode *lib = lilv_fn.plugin_get_library_uri(pl);
	char *path = lib ? lilv_fn.file_uri_parse(lilv_fn.node_as_uri(lib), NULL) : NULL;
	if (!path)
		return;
	void *h = dlopen(path, RTLD_NOW | RTLD_NOLOAD | RTLD_NODELETE);
	if (h)
		dlclose(h); /* the flag stays: only the count this took is given back */
	lilv_fn.free(path);
}

static bool instantiate(struct lv2_core *s, struct lv2_one *o, int ch, int sample_rate)
{
	const struct lv2_class *lc = s->lc;
	const LV2_Feature *features[10] = { &s->f_map, &s->f_unmap, &s->f_options, &s->f_bounded,
		&s->f_map_path, &s->f_make_path, &s->f_free_path };
	int nf = 7;
	/* the worker needs the instance's handle: schedule's handle is set once both exist
	 * (a plug-in schedules work only from run(), never while instantiated) */
	o->schedule = (LV2_Worker_Schedule){ NULL, schedule };
	o->f_schedule = (LV2_Feature){ LV2_WORKER__schedule, &o->schedule };
	features[nf++] = &o->f_schedule;
	features[nf] = NULL;
	/* Instantiation and cleanup may not run at once for one plug-in library (the LV2
	 * spec's "instantiation class"), and lilv counts the libraries it has open without
	 * a lock of its own: graphs are built and freed on the UI thread, the :album and
	 * :render workers alike. inst_lock keeps them one at a time. (Not the world's lock:
	 * lv2_class_get holds that while it tries a first instance.) */
	pthread_mutex_lock(&inst_lock);
	o->inst = lilv_fn.plugin_instantiate(lc->plugin, sample_rate, features);
	if (o->inst)
		keep_library(lc->plugin);
	pthread_mutex_unlock(&inst_lock);
	if (!o->inst)
		return false;
	const LV2_Worker_Interface *iface = lilv_instance_get_extension_data(o->inst,
		LV2_WORKER__interface);
	if (iface && iface->work && iface->work_response) {
		o->worker = worker_start(iface, lilv_instance_get_handle(o->inst));
		o->schedule.handle = o->worker;
	}
	o->controls_out = fx_alloc_zeroed((size_t)lc->n_ports + 1, sizeof(float));
	o->atom = xcalloc((size_t)lc->n_ports + 1, sizeof *o->atom);
	if (!o->controls_out)
		xalloc_die();
	for (int p = 0; p < lc->n_ports; p++) {
		void *buf = NULL;
		switch (lc->kind[p]) {
		case LV2P_AUDIO_IN:
			buf = lc->mono ? s->in[ch] : s->in[p == lc->audio_in[0] ? 0 : 1];
			break;
		case LV2P_AUDIO_OUT:
			buf = lc->mono ? s->out[ch] : s->out[p == lc->audio_out[0] ? 0 : 1];
			break;
		case LV2P_AUDIO_SC:
			buf = lc->mono ? s->sc[ch] : s->sc[p == lc->sc[0] ? 0 : 1];
			break;
		case LV2P_CONTROL_IN:
			buf = &s->controls[lc->param[p]];
			break;
		case LV2P_CONTROL_OUT:
			buf = &o->controls_out[p];
			break;
		case LV2P_ATOM_IN:
		case LV2P_ATOM_OUT:
			if (!(o->atom[p] = fx_alloc_zeroed(lc->atom_size[p], 1)))
				xalloc_die();
			buf = o->atom[p];
			break;
		case LV2P_OPTIONAL:
			break;
		}
		lilv_instance_connect_port(o->inst, (uint32_t)p, buf);
	}
	pthread_mutex_lock(&inst_lock);
	lilv_instance_activate(o->inst);
	pthread_mutex_unlock(&inst_lock);
	return true;
}

static void core_free(struct lv2_core *c)
{
	if (!c)
		return;
	free_instances(c, c->n);
	for (int ch = 0; ch < 2; ch++) {
		free(c->in[ch]);
		free(c->out[ch]);
		free(c->sc[ch]);
	}
	free(c->controls);
	free(c->dir);
	free(c->restored[0]);
	free(c->restored[1]);
	free(c);
}

/* The plug-in's instance(s), activated, with their buffers; NULL when it would not
 * instantiate. */
static struct lv2_core *core_new(const struct lv2_class *lc, int sample_rate,
	const double *params)
{
	struct lv2_core *c = xcalloc(1, sizeof *c);
	c->lc = lc;
	set_features(c, sample_rate);
	c->controls = fx_alloc_zeroed((size_t)lc->cls.n_params + 1, sizeof(float));
	for (int ch = 0; ch < 2; ch++)
		if (!(c->in[ch] = fx_alloc_zeroed(LV2_MAX_BLOCK, sizeof(float))) ||
		    !(c->out[ch] = fx_alloc_zeroed(LV2_MAX_BLOCK, sizeof(float))) ||
		    !(c->sc[ch] = fx_alloc_zeroed(LV2_MAX_BLOCK, sizeof(float))))
			xalloc_die();
	if (!c->controls)
		xalloc_die();
	for (int i = 0; i < lc->cls.n_params; i++)
		c->controls[i] = (float)params[i];
	const int want = lc->mono ? 2 : 1;
	for (c->n = 0; c->n < want; c->n++)
		if (!instantiate(c, &c->one[c->n], c->n, sample_rate)) {
			core_free(c);
			return NULL;
		}
	return c;
}

void *lv2_create(const struct fx_class *cls, int sample_rate, const double *params)
{
	const struct lv2_class *lc = (const struct lv2_class *)cls;
	struct lv2_state *s = xcalloc(1, sizeof *s);
	s->lc = lc;
	atomic_init(&s->bad, false);
	atomic_init(&s->bad_said, false);
	if (lc->missing)
		return s;
	struct lv2_core *c = core_new(lc, sample_rate, params);
	if (!c) {
		/* a plug-in that loaded when its class was made (lv2_class_get tries it)
		 * and fails now, at another rate or out of memory: its insert passes the
		 * signal, as one that is not installed, rather than taking the graph down */
		s->failed = true;
		return s;
	}
	s->core = c;
	/* the latency port is written by run(): one short run of silence tells it */
	for (int i = 0; i < c->n; i++) {
		atoms_prepare_rt(c, &c->one[i]);
		lilv_instance_run(c->one[i].inst, LATENCY_PROBE);
		if (c->one[i].worker)
			worker_deliver_rt(c->one[i].worker);
	}
	if (lc->latency_port >= 0) {
		float l = c->one[0].controls_out[lc->latency_port];
		s->latency = isfinite(l) && l > 0 && l < 10.0f * (float)sample_rate
			? (int)lrintf(l) : 0;
	}
	return s;
}

bool lv2_state_failed(const void *state)
{
	return ((const struct lv2_state *)state)->failed;
}

/* ---- state files (the LV2 state extension) ----
 * Inserts attached to a state file, so that a save finds the plug-in that plays. A
 * core is freed under this lock once its insert is attached, so a save never reads one
 * that is going. */
static pthread_mutex_t attach_lock = PTHREAD_MUTEX_INITIALIZER;
static struct lv2_state *attached;

#define STATE_URI "urn:ttymix:lv2-state"
#define STATE_PREFIXES \
	"@prefix atom: <http://lv2plug.in/ns/ext/atom#> .\n" \
	"@prefix lv2: <http://lv2plug.in/ns/lv2core#> .\n" \
	"@prefix pset: <http://lv2plug.in/ns/ext/presets#> .\n" \
	"@prefix rdf: <http://www.w3.org/1999/02/22-rdf-syntax-ns#> .\n" \
	"@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .\n" \
	"@prefix state: <http://lv2plug.in/ns/ext/state#> .\n" \
	"@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .\n\n"

void lv2_destroy(void *state)
{
	struct lv2_state *s = state;
	if (!s)
		return;
	if (s->file) {
		pthread_mutex_lock(&attach_lock);
		for (struct lv2_state **pp = &attached; *pp; pp = &(*pp)->next_attached)
			if (*pp == s) {
				*pp = s->next_attached;
				break;
			}
		core_free(s->core);
		pthread_mutex_unlock(&attach_lock);
		free(s->file);
	} else {
		core_free(s->core);
	}
	free(s);
}

char *lv2_state_path(const char *dir, const char *kind, const char *name, int slot)
{
	char *clean = xstrdup(name ? name : "");
	for (char *c = clean; *c; c++)
		if (!((*c >= 'a' && *c <= 'z') || (*c >= 'A' && *c <= 'Z') || (*c >= '0' && *c <= '9')
		      || *c == '-' || *c == '_' || *c == '.'))
			*c = '_';
	char *path = xasprintf("%s/plugins/%s%s%s-%d.ttl", dir, kind, clean[0] ? "-" : "",
		clean, slot);
	free(clean);
	return path;
}

/* The whole of path as a string; NULL with errno set (ENOENT: there is none). */
static char *slurp(const char *path)
{
	FILE *f = fopen(path, "rb");
	if (!f)
		return NULL;
	size_t len = 0, cap = 4096;
	char *text = xmalloc(cap);
	size_t got;
	while ((got = fread(text + len, 1, cap - len - 1, f)) > 0) {
		len += got;
		if (cap - len - 1 == 0)
			text = xrealloc(text, cap *= 2);
	}
	int bad = ferror(f);
	fclose(f);
	if (bad) {
		free(text);
		errno = EIO;
		return NULL;
	}
	text[len] = '\0';
	return text;
}

char *lv2_state_pair_path(const char *file)
{
	const size_t n = strlen(file);
	const size_t stem = n > 4 && !strcmp(file + n - 4, ".ttl") ? n - 4 : n;
	return xasprintf("%.*s.right.ttl", (int)stem, file);
}

/* text's state restored into instance i of c: msg says why not (the plug-in keeps what
 * it had). Port values are project.json's (the insert's params): not restored here. A
 * plug-in may schedule work from its restore (x42's zeroconvolv loads its impulse
 * response so): its worker does it, and the response reaches its first run(). */
static enum err restore_text(struct lv2_core *c, int i, const char *text, const char *from,
	struct err_msg *msg)
{
	enum err e = ERR_OK;
	char *full = lv2_text_absolute(text, c->dir);
	LilvWorld *w = lv2_world_lock();
	LilvState *st = lilv_fn.state_new_from_string(w, lv2_urid_map(), full);
	const LilvNode *of = st ? lilv_fn.state_get_plugin_uri(st) : NULL;
	if (!of || strcmp(lilv_fn.node_as_uri(of), c->lc->info.uri)) {
		e = err_set(msg, ERR_FORMAT, "%s: not a state of the LV2 plug-in %s (it starts "
			"from its own defaults)", from, c->lc->info.uri);
	} else {
		/* lilv adds its own mapPath after ours: a plug-in that takes the first of a
		 * kind gets ours, one that takes the last lilv's; the paths are absolute
		 * either way (lv2_text_absolute made them so) */
		const LV2_Feature *f[] = { &c->f_map_path, &c->f_free_path, &c->f_make_path,
			&c->f_map, &c->f_unmap, &c->one[i].f_schedule, NULL };
		lilv_fn.state_restore(st, c->one[i].inst, NULL, NULL, 0, f);
		char *t = lilv_fn.state_to_string(w, lv2_urid_map(), lv2_urid_unmap(), st,
			STATE_URI, NULL);
		free(c->restored[i]);
		c->restored[i] = t ? xstrdup(t) : NULL;
		lilv_fn.free(t);
	}
	lilv_fn.state_free(st);
	lv2_world_unlock();
	free(full);
	return e;
}

/* file's state restored into instance i (a missing file: nothing to restore) */
static enum err restore_file(struct lv2_core *c, int i, const char *file, bool *found,
	struct err_msg *msg)
{
	char *text = slurp(file);
	*found = text != NULL;
	if (!text)
		return errno == ENOENT ? ERR_OK
			: err_set(msg, ERR_IO, "%s: cannot read: %s", file, strerror(errno));
	enum err e = restore_text(c, i, text, file, msg);
	free(text);
	return e;
}

enum err lv2_state_attach(void *state, const char *file, const char *text, unsigned serial,
	struct err_msg *msg)
{
	struct lv2_state *s = state;
	struct lv2_core *c = s->core;
	if (!c || !s->lc->has_state || s->file)
		return ERR_OK;
	/* the project's folder: FOLDER/plugins/NAME.ttl */
	char *plugins = safefile_dirname(file);
	c->dir = safefile_dirname(plugins);
	free(plugins);
	c->serial = serial;
	enum err e = ERR_OK;
	if (text) {
		for (int i = 0; i < c->n && e == ERR_OK; i++)
			e = restore_text(c, i, text, file, msg);
	} else {
		/* a mono pair's right instance has a file of its own; a project saved before
		 * it had one restores the left's state into both */
		bool found = false, right = false;
		e = restore_file(c, 0, file, &found, msg);
		if (c->n == 2 && e == ERR_OK) {
			char *pair = lv2_state_pair_path(file);
			e = restore_file(c, 1, pair, &right, msg);
			free(pair);
			if (e == ERR_OK && found && !right)
				e = restore_file(c, 1, file, &found, msg);
		}
	}
	pthread_mutex_lock(&attach_lock);
	s->file = xstrdup(file);
	s->next_attached = attached;
	attached = s;
	pthread_mutex_unlock(&attach_lock);
	return e;
}

/* Instance i's state as Turtle, its paths relative to the project folder home; NULL
 * when the plug-in gives none. Holds the world's lock; a plug-in's save may run beside
 * its run() (the state extension says so). */
static char *instance_text(struct lv2_core *c, int i, const char *home)
{
	const LV2_Feature *f[] = { &c->f_map_path, &c->f_free_path, &c->f_make_path,
		&c->f_map, &c->f_unmap, NULL };
	LilvWorld *w = lv2_world_lock();
	LilvState *st = lilv_fn.state_new_from_instance(c->lc->plugin, c->one[i].inst,
		lv2_urid_map(), NULL, NULL, NULL, NULL, NULL, NULL,
		LV2_STATE_IS_POD | LV2_STATE_IS_PORTABLE, f);
	char *t = st ? lilv_fn.state_to_string(w, lv2_urid_map(), lv2_urid_unmap(), st,
		STATE_URI, NULL) : NULL;
	char *text = NULL;
	/* lilv writes the prefixes it uses without declaring them: declared here, the file
	 * is Turtle any tool reads */
	if (t) {
		char *rel = lv2_text_relative(t, home);
		text = xasprintf("%s%s", STATE_PREFIXES, rel);
		free(rel);
		lilv_fn.free(t);
	}
	lilv_fn.state_free(st);
	lv2_world_unlock();
	return text;
}

/* The state of each instance (text[0], and text[1] for a mono pair's right one) of the
 * plug-in attached to file that has run most (the one playing: a graph's successor
 * takes its core, and a graph never played has run none). *n: 0 when none is attached,
 * with *uri the plug-in's. */
static void state_texts(const char *file, const char *home, const char **uri,
	char *text[2], int *n)
{
	pthread_mutex_lock(&attach_lock);
	struct lv2_core *best = NULL;
	unsigned long long best_runs = 0;
	for (struct lv2_state *s = attached; s; s = s->next_attached) {
		struct lv2_core *c = s->core;
		if (!c || strcmp(s->file, file))
			continue;
		unsigned long long r = atomic_load_explicit(&c->runs, memory_order_relaxed);
		if (!best || r > best_runs) {
			best = c;
			best_runs = r;
		}
	}
	*n = best ? best->n : 0;
	text[0] = text[1] = NULL;
	if (best) {
		*uri = best->lc->info.uri;
		for (int i = 0; i < best->n; i++)
			if (best_runs == 0 && best->restored[i]) {
				char *rel = lv2_text_relative(best->restored[i], home);
				text[i] = xasprintf("%s%s", STATE_PREFIXES, rel);
				free(rel);
			} else {
				text[i] = instance_text(best, i, home);
			}
	}
	pthread_mutex_unlock(&attach_lock);
}

static enum err write_text(const char *file, const char *text, struct err_msg *msg)
{
	char *dir = safefile_dirname(file);
	enum err e = ERR_OK;
	if (mkdir(dir, 0777) != 0 && errno != EEXIST)
		e = err_set(msg, ERR_IO, "%s: cannot make the folder: %s", dir, strerror(errno));
	else
		e = safefile_replace(file, text, strlen(text), safefile_mode_for_dir(dir), msg);
	free(dir);
	return e;
}

char *lv2_state_now(const char *file)
{
	const char *uri;
	char *text[2];
	int n;
	state_texts(file, NULL, &uri, text, &n);
	free(text[1]);
	return text[0];
}

enum err lv2_state_save(const char *file, struct err_msg *msg)
{
	return lv2_state_save_as(file, file, msg);
}

enum err lv2_state_save_as(const char *file, const char *to_file, struct err_msg *msg)
{
	const char *uri = NULL;
	char *text[2];
	int n;
	char *plugins = safefile_dirname(to_file), *home = safefile_dirname(plugins);
	state_texts(file, home, &uri, text, &n);
	free(plugins);
	free(home);
	if (!n)
		return ERR_NOT_FOUND;
	enum err e = ERR_OK;
	for (int i = 0; i < n && e == ERR_OK; i++) {
		char *to = i ? lv2_state_pair_path(to_file) : xstrdup(to_file);
		e = text[i] ? write_text(to, text[i], msg)
			: err_set(msg, ERR_FORMAT, "%s: the LV2 plug-in %s gave no state", to, uri);
		free(to);
	}
	free(text[0]);
	free(text[1]);
	return e;
}

/* Stop and free the first n instances (control thread). */
static void free_instances(struct lv2_core *s, int n)
{
	for (int i = 0; i < n; i++) {
		struct lv2_one *o = &s->one[i];
		worker_stop(o->worker);
		if (o->inst) {
			pthread_mutex_lock(&inst_lock); /* see instantiate */
			lilv_instance_deactivate(o->inst);
			lilv_fn.instance_free(o->inst);
			pthread_mutex_unlock(&inst_lock);
		}
		for (int p = 0; o->atom && p < s->lc->n_ports; p++)
			free(o->atom[p]);
		free(o->atom);
		free(o->controls_out);
		memset(o, 0, sizeof *o);
	}
}

int lv2_latency(const void *state)
{
	return ((const struct lv2_state *)state)->latency;
}

bool lv2_state_bad_output(const void *state)
{
	return state && atomic_load_explicit(&((const struct lv2_state *)state)->bad,
		memory_order_relaxed);
}

bool lv2_state_take_bad_output(void *state)
{
	struct lv2_state *s = state;
	return lv2_state_bad_output(s) && !atomic_exchange(&s->bad_said, true);
}

/* ---- the worker seen from the control thread ---- */

void lv2_worker_counts(const void *state, unsigned *scheduled, unsigned *done,
	unsigned *delivered)
{
	const struct lv2_state *s = state;
	const struct lv2_core *c = s->core;
	*scheduled = *done = *delivered = 0;
	for (int i = 0; c && i < c->n; i++) {
		struct lv2_worker *w = c->one[i].worker;
		if (!w)
			continue;
		*scheduled += atomic_load_explicit(&w->scheduled, memory_order_relaxed);
		*done += atomic_load_explicit(&w->done, memory_order_acquire);
		*delivered += atomic_load_explicit(&w->delivered, memory_order_relaxed);
	}
}

static double now_sec(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + ts.tv_nsec / 1e9;
}

bool lv2_state_take_worker_late(void *state)
{
	struct lv2_state *s = state;
	unsigned sched, done, delivered;
	lv2_worker_counts(s, &sched, &done, &delivered);
	if ((int)(sched - done) <= 0) {     /* every request done: a new stall is said anew */
		s->late_since = 0;
		s->late_said = false;
		return false;
	}
	const double now = now_sec();
	if (s->late_since == 0 || done != s->late_done) {
		s->late_since = now;
		s->late_done = done;
		return false;
	}
	if (s->late_said || now - s->late_since < LV2_WORK_LATE_SEC)
		return false;
	s->late_said = true;
	return true;
}

/* ---- the audio thread ---- */

void lv2_set_param_rt(void *state, int index, double value)
{
	struct lv2_state *s = state;
	if (s->core && index >= 0 && index < s->lc->cls.n_params)
		s->core->controls[index] = (float)value;
}

/* LV2 has no "forget the signal" call short of deactivate, which may allocate; a
 * bypassed plug-in comes back with what it last held. */
void lv2_reset_rt(void *state)
{
	(void)state;
}

/* A rebuilt graph's insert takes over the plug-in of the one it replaces (the same
 * class in the same slot, fx_chain_carry_rt), so a reverb's tail or a compressor's
 * envelope carries on: the cores are exchanged, pointers only, and the carried
 * instance reads dst's parameter values from now on. src's graph is retired and frees
 * the fresh core dst was built with, which never ran but for its latency probe. A
 * plug-in that went bad (NaN or Inf) is not carried: the new insert starts afresh. */
/* Whether two state files (either may be NULL) are in one project's folder: a plug-in
 * with state carries on across a rebuild of its own project (a strip renamed keeps it,
 * and saves it under the new name), never into another project that `:e` opened with
 * the same plug-in in the same place (that one's state is its own file's). */
static bool same_project_rt(const char *a, const char *b)
{
	if (!a || !b)
		return !a && !b;
	const char *ea = strrchr(a, '/'), *eb = strrchr(b, '/');
	return ea && eb && ea - a == eb - b && !memcmp(a, b, (size_t)(ea - a));
}

void lv2_carry_rt(void *dst, void *src)
{
	struct lv2_state *d = dst, *o = src;
	if (!d->core || !o->core || d->lc != o->lc
	    || atomic_load_explicit(&o->bad, memory_order_relaxed)
	    || !same_project_rt(d->file, o->file) || d->core->serial != o->core->serial)
		return;
	memcpy(o->core->controls, d->core->controls,
		sizeof(float) * (size_t)d->lc->cls.n_params);
	struct lv2_core *t = d->core;
	d->core = o->core;
	o->core = t;
}

/* NaN or Inf anywhere in x: Inf * 0 and NaN * 0 are NaN, which never equals itself. */
static bool finite_block_rt(const float *x, int n)
{
	float acc = 0.0f;
	for (int i = 0; i < n; i++)
		acc += x[i] * 0.0f;
	return acc == acc;
}

/* The sidechain inputs for the next frames: the key another strip gives
 * (lv2_insert_key_rt), else the strip's own input (buf), as a DAW's with no key set;
 * one input on a stereo plug-in hears the mid. */
static void sidechain_in_rt(struct lv2_state *st, const float *buf, int frames)
{
	struct lv2_core *s = st->core;
	const float *src = st->key ? st->key : buf;
	if (s->lc->n_sc == 1 && !s->lc->mono) {
		for (int i = 0; i < frames; i++)
			s->sc[0][i] = 0.5f * (src[2 * i] + src[2 * i + 1]);
	} else {
		for (int i = 0; i < frames; i++) {
			s->sc[0][i] = src[2 * i];
			s->sc[1][i] = src[2 * i + 1];
		}
	}
	if (st->key)
		st->key += 2 * frames;
}

static void run_block_rt(struct lv2_state *st, float *buf, int frames)
{
	struct lv2_core *s = st->core;
	for (int i = 0; i < frames; i++) {
		s->in[0][i] = buf[2 * i];
		s->in[1][i] = buf[2 * i + 1];
	}
	if (s->lc->n_sc)
		sidechain_in_rt(st, buf, frames);
	atomic_store_explicit(&s->runs,
		atomic_load_explicit(&s->runs, memory_order_relaxed) + 1, memory_order_relaxed);
	rtguard_foreign_enter_rt();
	for (int k = 0; k < s->n; k++) {
		atoms_prepare_rt(s, &s->one[k]);
		lilv_instance_run(s->one[k].inst, (uint32_t)frames);
		if (s->one[k].worker)
			worker_deliver_rt(s->one[k].worker);
	}
	rtguard_foreign_leave_rt();
	if (!finite_block_rt(s->out[0], frames) || !finite_block_rt(s->out[1], frames))
		atomic_store_explicit(&st->bad, true, memory_order_relaxed);
	if (atomic_load_explicit(&st->bad, memory_order_relaxed)) {
		memset(buf, 0, sizeof(float) * 2 * (size_t)frames);
		return;
	}
	for (int i = 0; i < frames; i++) {
		buf[2 * i] = s->out[0][i];
		buf[2 * i + 1] = s->out[1][i];
	}
}

void lv2_insert_key_rt(struct fx_insert *fx, const float *key)
{
	if (fx->cls->process_rt == lv2_process_rt)
		((struct lv2_state *)fx->state)->key = key;
}

void lv2_process_rt(void *state, float *buf, int frames)
{
	struct lv2_state *s = state;
	if (!s->core)
		return;
	for (int done = 0; done < frames; ) {
		int n = frames - done < LV2_MAX_BLOCK ? frames - done : LV2_MAX_BLOCK;
		run_block_rt(s, buf + 2 * done, n);
		done += n;
	}
}
