#include "audio/render.h"

#include <stdatomic.h>
#include <stdlib.h>
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

int render_threads(void)
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
	long cpus = sysconf(_SC_NPROCESSORS_ONLN);
	return cpus < 1 ? 1 : cpus > 4 ? 4 : (int)cpus;
}

/* Each stem's frames of the block the mix sink just had (graph_stems_alloc). */
static enum err stems_out(struct graph *g, render_stem_sink stem_sink, void *arg,
	int64_t skip, int n, struct err_msg *msg)
{
	enum err rc = ERR_OK;
	for (int s = 0; s < g->n_stems && rc == ERR_OK; s++)
		rc = stem_sink(arg, s, graph_strip_mix(g, s)->stem + skip * 2, n, msg);
	return rc;
}

enum err render_run(struct graph *g, int64_t start, int64_t end, int block,
	render_sink sink, render_warn warn, void *arg, struct err_msg *msg)
{
	return render_run_stems(g, start, end, block, sink, NULL, warn, arg, msg);
}

enum err render_run_stems(struct graph *g, int64_t start, int64_t end, int block,
	render_sink sink, render_stem_sink stem_sink, render_warn warn, void *arg,
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
	int threads = render_threads();
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
	engine_send_graph(e, g);
	engine_send_simple(e, CMD_LOCATE, 0, 0, false, start);
	engine_send_simple(e, CMD_PLAY, 0, 0, false, 0);
	float *buf = xmalloc(sizeof(float) * 2 * (size_t)block);
	enum err rc = ERR_OK;
	int64_t pos = start;
	int stalls = 0;
	while (pos < end && rc == ERR_OK) {
		if (!disk_thread)
			engine_disk_service(e);
		int64_t left = end - pos;
		int n = left < block ? (int)left : block;
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
		int played = engine_process_rt(e, buf, n);
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
		rc = sink(arg, buf + skip * 2, played - (int)skip, msg);
		if (rc == ERR_OK && stem_sink)
			rc = stems_out(g, stem_sink, arg, skip, played - (int)skip, msg);
		skip = 0;
	}
	free(buf);
	engine_destroy(e);
	return rc;
}
