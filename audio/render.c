#include "audio/render.h"

#include <pthread.h>
#include <stdatomic.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "audio/engine.h"
#include "audio/graph.h"
#include "src/base/xalloc.h"

/* 0: automatic (TTYMIX_RENDER_THREADS, else the processors online, at most 4) */
static _Atomic int threads_wanted;

void render_set_threads(int threads)
{
	atomic_store_explicit(&threads_wanted, threads, memory_order_relaxed);
}

/* The count fixed by render_set_threads or the environment; 0: automatic. */
static int threads_fixed(void)
{
	int n = atomic_load_explicit(&threads_wanted, memory_order_relaxed);
	if (n > 0)
		return n > ENGINE_MAX_THREADS ? ENGINE_MAX_THREADS : n;
	const char *env = getenv("TTYMIX_RENDER_THREADS");
	if (env && *env) {
		char *end;
		long v = strtol(env, &end, 10);
		if (!*end && v >= 1)
			return v > ENGINE_MAX_THREADS ? ENGINE_MAX_THREADS : (int)v;
	}
	return 0;
}

int render_threads(void)
{
	int n = threads_fixed();
	if (n > 0)
		return n;
	long cpus = sysconf(_SC_NPROCESSORS_ONLN);
	return cpus < 1 ? 1 : cpus > 4 ? 4 : (int)cpus;
}

int render_threads_for(int track_inserts)
{
	int n = threads_fixed();
	if (n > 0)
		return n;
	return track_inserts > 0 ? render_threads() : 1;
}

/* ---- the sink on a thread of its own ----
 * With more than one render thread the finished blocks go to the sink (the file's
 * conversion and writing, its loudness and true peak: a fifth of an fx-chain render)
 * on a thread of its own, through a queue of copies, so that the mix of the next
 * blocks runs beside it instead of after it. The sink sees the same blocks in the same
 * order, one call at a time, all of them done before render_run returns. */
#define PIPE_SLOTS 8

struct sink_pipe {
	pthread_t thread;
	pthread_mutex_t lock;
	pthread_cond_t changed;
	float *slot[PIPE_SLOTS];
	int frames[PIPE_SLOTS];
	int head, count;             /* the oldest block not yet sunk, blocks queued */
	bool closed;                 /* no more blocks come */
	render_sink sink;
	void *arg;
	enum err rc;                 /* the sink's first error: it stops the render */
	struct err_msg msg;
};

static void *pipe_main(void *arg)
{
	struct sink_pipe *p = arg;
	pthread_mutex_lock(&p->lock);
	for (;;) {
		while (p->count == 0 && !p->closed)
			pthread_cond_wait(&p->changed, &p->lock);
		if (p->count == 0)
			break;
		const int i = p->head;
		const bool failed = p->rc != ERR_OK;
		pthread_mutex_unlock(&p->lock);
		enum err rc = failed ? ERR_OK : p->sink(p->arg, p->slot[i], p->frames[i], &p->msg);
		pthread_mutex_lock(&p->lock);
		if (rc != ERR_OK)
			p->rc = rc;
		p->head = (p->head + 1) % PIPE_SLOTS;
		p->count--;
		pthread_cond_broadcast(&p->changed);
	}
	pthread_mutex_unlock(&p->lock);
	return NULL;
}

static bool pipe_start(struct sink_pipe *p, render_sink sink, void *arg, int block)
{
	memset(p, 0, sizeof *p);
	p->sink = sink;
	p->arg = arg;
	for (int i = 0; i < PIPE_SLOTS; i++)
		p->slot[i] = xmalloc(sizeof(float) * 2 * (size_t)block);
	pthread_mutex_init(&p->lock, NULL);
	pthread_cond_init(&p->changed, NULL);
	if (pthread_create(&p->thread, NULL, pipe_main, p) == 0)
		return true;
	pthread_cond_destroy(&p->changed);
	pthread_mutex_destroy(&p->lock);
	for (int i = 0; i < PIPE_SLOTS; i++)
		free(p->slot[i]);
	return false;
}

/* Queue a copy of n frames (waiting for a free slot); the sink's error, if it had one
 * (then msg gets its message and nothing more is queued). */
static enum err pipe_put(struct sink_pipe *p, const float *frames, int n,
	struct err_msg *msg)
{
	pthread_mutex_lock(&p->lock);
	while (p->count == PIPE_SLOTS && p->rc == ERR_OK)
		pthread_cond_wait(&p->changed, &p->lock);
	enum err rc = p->rc;
	if (rc == ERR_OK) {
		const int i = (p->head + p->count) % PIPE_SLOTS;
		memcpy(p->slot[i], frames, sizeof(float) * 2 * (size_t)n);
		p->frames[i] = n;
		p->count++;
		pthread_cond_broadcast(&p->changed);
	} else if (msg) {
		*msg = p->msg;
	}
	pthread_mutex_unlock(&p->lock);
	return rc;
}

/* Sink what is queued, stop the thread; the sink's error if it had one. */
static enum err pipe_finish(struct sink_pipe *p, struct err_msg *msg)
{
	pthread_mutex_lock(&p->lock);
	p->closed = true;
	pthread_cond_broadcast(&p->changed);
	pthread_mutex_unlock(&p->lock);
	pthread_join(p->thread, NULL);
	pthread_cond_destroy(&p->changed);
	pthread_mutex_destroy(&p->lock);
	for (int i = 0; i < PIPE_SLOTS; i++)
		free(p->slot[i]);
	if (p->rc != ERR_OK && msg)
		*msg = p->msg;
	return p->rc;
}

#define RENDER_STEP_THREADED 4096

/* The strips' blocks start at frame 0 of the call's output, as the master's: clear
 * them (a strip the transport did not play stays silent) before the call, and after
 * it drop the first skip frames so they line up with what the sink is given. */
static void strip_outs_clear(const struct engine_strip_out *outs, int n, int frames)
{
	for (int s = 0; s < n; s++)
		if (outs[s].l) {
			memset(outs[s].l, 0, sizeof(float) * (size_t)frames);
			memset(outs[s].r, 0, sizeof(float) * (size_t)frames);
		}
}

static void strip_outs_drop(const struct engine_strip_out *outs, int n, int skip, int left)
{
	for (int s = 0; s < n && skip > 0; s++)
		if (outs[s].l) {
			memmove(outs[s].l, outs[s].l + skip, sizeof(float) * (size_t)left);
			memmove(outs[s].r, outs[s].r + skip, sizeof(float) * (size_t)left);
		}
}

/* Each stem's frames [at, at + n) of the step the mix sink just had (graph_stems_alloc). */
static enum err stems_out(struct graph *g, render_stem_sink stem_sink, void *arg,
	int at, int n, struct err_msg *msg)
{
	enum err rc = ERR_OK;
	for (int s = 0; s < g->n_stems && rc == ERR_OK; s++)
		rc = stem_sink(arg, s, graph_strip_mix(g, s)->stem + (size_t)at * 2, n, msg);
	return rc;
}

/* render_run, render_run_piped, render_run_strips and render_run_stems: with outs, the
 * engine's step is the caller's block (outs hold that much); with outs or stems the
 * sink is never piped (both are rewritten by the next step). */
static enum err render_go(struct graph *g, int64_t start, int64_t end, int block,
	const struct engine_strip_out *outs, int n_outs, render_sink sink,
	render_stem_sink stem_sink, render_warn warn, void *arg, bool pipe_wanted,
	struct err_msg *msg)
{
	if (block <= 0)
		block = RENDER_BLOCK;
	if (block > ENGINE_MAX_BLOCK)
		block = ENGINE_MAX_BLOCK;
	/* latency compensation: every path reaches the master's sum as late as the latest
	 * (graph_pdc_plan), and the master chain delays the mix further (a lookahead
	 * limiter), so the engine runs that much longer and the first `latency` frames it
	 * gives are dropped: frame `start` of the file is frame `start` of the timeline. */
	const int64_t latency = graph_latency(g);
	int64_t skip = latency;
	end += latency;
	/* events are drained after every block: a block's worth of meters is plenty */
	struct engine *e = engine_create_sized(g->sample_rate, 256);
	engine_set_offline(e);
	int track_inserts = 0;
	for (int t = 0; t < g->n_tracks; t++)
		track_inserts += g->tracks[t].mix.inserts.n;
	int threads = render_threads_for(track_inserts);
	if (threads > g->n_tracks)
		threads = g->n_tracks;
	/* with more than one thread the disk thread reads and decodes ahead beside the
	 * mix, instead of between its blocks (that part would not spread over the
	 * threads); alone, the same thread does both, which costs no hand-over */
	bool disk_thread = false;
	if (threads > 1) {
		struct err_msg why;
		graph_alloc_parallel(g);
		/* fewer threads than asked is still a render: say nothing, render */
		engine_render_threads(e, threads, &why);
		/* only with the deeper read-ahead graph_build gives a threaded render: a graph
		 * built before the thread count changed reads between blocks as usual */
		if (g->n_tracks > 0 && g->tracks[0].n_chunks >= GRAPH_CHUNKS_OFFLINE_THREADED)
			disk_thread = engine_disk_start(e, &why) == ERR_OK;
	}
	/* the engine's step: with helpers, a block of 1024 frames of an fx chain is about
	 * 0.2 ms of work, of the order of waking a helper and handing back; four times
	 * that spreads better. The sink still gets pieces of at most `block`. */
	int step = block;
	if (disk_thread && step < RENDER_STEP_THREADED && n_outs == 0)
		step = RENDER_STEP_THREADED;
	/* read between the blocks, a track holds n_chunks chunks filled before each step:
	 * the one being read (partly used) and n_chunks - 1 whole ones, so a longer step
	 * would run dry */
	for (int t = 0; t < g->n_tracks && !disk_thread; t++) {
		const int most = GRAPH_CHUNK_FRAMES * (g->tracks[t].n_chunks - 1);
		if (step > most)
			step = most;
	}
	engine_send_graph(e, g);
	engine_send_simple(e, CMD_LOCATE, 0, 0, false, start);
	engine_send_simple(e, CMD_PLAY, 0, 0, false, 0);
	float *buf = xmalloc(sizeof(float) * 2 * (size_t)step);
	struct sink_pipe pipe;
	const bool piped = pipe_wanted && n_outs == 0 && !stem_sink && threads > 1
		&& pipe_start(&pipe, sink, arg, block);
	enum err rc = ERR_OK;
	int64_t pos = start;
	int stalls = 0;
	while (pos < end && rc == ERR_OK) {
		if (!disk_thread)
			engine_disk_service(e);
		int64_t left = end - pos;
		int n = left < step ? (int)left : step;
		/* a render never underruns: with a disk thread, wait until it is ahead */
		if (disk_thread && !engine_read_ahead_rt(e, n)) {
			if (++stalls > 100000) {
				rc = err_set(msg, ERR_IO, "render: the disk stopped reading ahead");
				break;
			}
			struct timespec ts = { 0, 100000 };
			nanosleep(&ts, NULL);
			continue;
		}
		strip_outs_clear(outs, n_outs, n);
		engine_strip_outs_rt(e, outs, n_outs);
		int played = engine_process_rt(e, buf, n);
		engine_strip_outs_rt(e, NULL, 0);
		struct event ev;
		while (engine_poll_event(e, &ev)) {
			/* meters are not wanted here; a clip that failed is. The graph is alive:
			 * this thread is its only user until engine_destroy. */
			if (ev.type == EV_CLIP_OFFLINE && warn)
				warn(arg, g->tracks[ev.strip].clips[ev.clip].error.text);
		}
		if (played == 0) {
			/* waiting for read-ahead: the next service call provides it, or the disk
			 * thread soon (a tenth of a millisecond at a time, ten seconds at most) */
			if (++stalls > (disk_thread ? 100000 : 1000)) {
				rc = err_set(msg, ERR_IO, "render: the engine stopped advancing");
				break;
			}
			if (disk_thread) {
				struct timespec ts = { 0, 100000 };
				nanosleep(&ts, NULL);
			}
			continue;
		}
		stalls = 0;
		pos += played;
		if (skip >= played) {
			skip -= played;
			continue;
		}
		/* with outs, played <= block: one call, the strips from index 0 */
		strip_outs_drop(outs, n_outs, (int)skip, played - (int)skip);
		for (int at = (int)skip; at < played && rc == ERR_OK; at += block) {
			const int k = played - at < block ? played - at : block;
			rc = piped ? pipe_put(&pipe, buf + (size_t)at * 2, k, msg)
				: sink(arg, buf + (size_t)at * 2, k, msg);
			if (rc == ERR_OK && stem_sink)
				rc = stems_out(g, stem_sink, arg, at, k, msg);
		}
		skip = 0;
	}
	if (piped) {
		/* the blocks queued before a failure of the render's own are still sunk */
		struct err_msg why;
		enum err sunk = pipe_finish(&pipe, &why);
		if (rc == ERR_OK && sunk != ERR_OK) {
			rc = sunk;
			if (msg)
				*msg = why;
		}
	}
	free(buf);
	engine_destroy(e);
	return rc;
}

enum err render_run(struct graph *g, int64_t start, int64_t end, int block,
	render_sink sink, render_warn warn, void *arg, struct err_msg *msg)
{
	return render_go(g, start, end, block, NULL, 0, sink, NULL, warn, arg, false, msg);
}

enum err render_run_piped(struct graph *g, int64_t start, int64_t end, int block,
	render_sink sink, render_warn warn, void *arg, struct err_msg *msg)
{
	return render_go(g, start, end, block, NULL, 0, sink, NULL, warn, arg, true, msg);
}

enum err render_run_strips(struct graph *g, int64_t start, int64_t end, int block,
	const struct engine_strip_out *outs, int n_outs, render_sink sink, render_warn warn,
	void *arg, struct err_msg *msg)
{
	return render_go(g, start, end, block, outs, n_outs, sink, NULL, warn, arg, false,
		msg);
}

enum err render_run_stems(struct graph *g, int64_t start, int64_t end, int block,
	render_sink sink, render_stem_sink stem_sink, render_warn warn, void *arg,
	struct err_msg *msg)
{
	return render_go(g, start, end, block, NULL, 0, sink, stem_sink, warn, arg, false,
		msg);
}
