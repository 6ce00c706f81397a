/* The disk half of the engine: reads ahead for the current graph, one chunk per track
 * per round so that every track gets audio soon after a locate. Runs on the disk
 * thread during playback, or inline in the offline renderer's loop. */
#include "audio/engine_priv.h"

#include <errno.h>
#include <string.h>
#include <time.h>

#include "audio/media.h"

/* How long the disk thread sleeps when there is nothing to do. At 48 kHz a 64-frame
 * period is 1.3 ms; read-ahead is seconds deep, so only locates feel this delay. */
#define DISK_IDLE_NS (2 * 1000 * 1000)

static void retire_graph(struct engine *e, struct graph *g)
{
	if (!g)
		return;
	/* this thread read it last: its files close here, not when the control thread
	 * gets round to freeing it, so graphs on their way out hold no open files */
	graph_close_files(g);
	/* sized for every graph that can be in flight (engine_priv.h), so this cannot
	 * fail; if it ever did, leaking one graph beats blocking the disk thread */
	ring_push_rt(e->retired, &g);
}

static void take_requests(struct engine *e)
{
	struct disk_req r;
	while (ring_pop_rt(e->disk_reqs, &r)) {
		e->disk_graph = r.graph;
		for (int i = 0; i < ENGINE_RETIRE_DUE + 1; i++)
			retire_graph(e, r.retire[i]);
		e->disk_gen = r.gen;
		e->disk_pos = r.pos;
		e->disk_loop_start = r.loop_start;
		e->disk_loop_end = r.loop_end;
		e->disk_loop_on = r.loop_on;
	}
}

static bool fill_one(struct engine *e, int t)
{
	struct graph *g = e->disk_graph;
	struct graph_track *tr = &g->tracks[t];
	if (tr->fill_gen != e->disk_gen) {
		tr->fill_gen = e->disk_gen;
		tr->fill_pos = e->disk_pos;
	}
	int idx;
	if (!ring_pop_rt(tr->empty, &idx))
		return false;
	struct feed_chunk *c = &tr->chunks[idx];
	int64_t n = GRAPH_CHUNK_FRAMES;
	bool looping = e->disk_loop_on && tr->fill_pos < e->disk_loop_end;
	if (looping && e->disk_loop_end - tr->fill_pos < n)
		n = e->disk_loop_end - tr->fill_pos;
	c->start = tr->fill_pos;
	c->frames = (int)n;
	c->gen = e->disk_gen;
	int failed = graph_fill_disk(g, t, c->start, c->frames, c->data);
	if (failed >= 0) {
		struct event ev = { .type = EV_CLIP_OFFLINE, .strip = t, .clip = failed };
		ring_push_rt(e->disk_events, &ev);
	}
	ring_push_rt(tr->ready, &idx);
	tr->fill_pos += n;
	if (looping && tr->fill_pos == e->disk_loop_end)
		tr->fill_pos = e->disk_loop_start;
	return true;
}

bool engine_disk_round(struct engine *e)
{
	take_requests(e);
	struct graph *g = e->disk_graph;
	if (!g)
		return false;
	bool progress = false;
	for (int t = 0; t < g->n_tracks; t++)
		progress |= fill_one(e, t);
	return progress;
}

bool engine_disk_service(struct engine *e)
{
	bool worked = false;
	/* a locate may arrive while we read: each round serves it before reading further */
	while (engine_disk_round(e))
		worked = true;
	return worked;
}

static void *disk_main(void *arg)
{
	struct engine *e = arg;
	while (atomic_load_explicit(&e->disk_run, memory_order_acquire)) {
		if (!engine_disk_service(e)) {
			/* at rest nothing asks for reading until a command comes, and a command
			 * ends this wait (a second at most, so a stop is never held up long) */
			if (engine_resting(e)) {
				engine_rest_wait(e, 1000, &e->disk_run);
				continue;
			}
			struct timespec ts = { 0, DISK_IDLE_NS };
			nanosleep(&ts, NULL);
		}
	}
	return NULL;
}

enum err engine_disk_start(struct engine *e, struct err_msg *msg)
{
	if (e->disk_started)
		return ERR_OK;
	atomic_store(&e->disk_run, true);
	int rc = pthread_create(&e->disk_thread, NULL, disk_main, e);
	if (rc != 0) {
		atomic_store(&e->disk_run, false);
		return err_set(msg, ERR_IO, "cannot start the disk thread: %s", strerror(rc));
	}
	e->disk_started = true;
	return ERR_OK;
}

void engine_disk_stop(struct engine *e)
{
	if (!e->disk_started)
		return;
	atomic_store_explicit(&e->disk_run, false, memory_order_release);
	engine_rest_wake(e); /* out of a wait at rest */
	pthread_join(e->disk_thread, NULL);
	e->disk_started = false;
}
