/* The strip tap (audio/strip_tap.h): which strip is copied, and the copying; and the
 * halves every tap_side shares (the master's pre-insert tap too). Nothing here calls
 * into engine.c, which calls in here. */
#include "audio/engine_priv.h"

#include <string.h>

#include "audio/cmd.h"

/* A side tap's blocks, as the master tap's: a locate since the block began discards it
 * (the count is the audio thread's own, so relaxed is enough), a full ring loses it. */
void engine_tap_side_push_rt(struct engine *e, struct tap_side *t, const float *frames,
	int n)
{
	const uint32_t locates = atomic_load_explicit(&e->tap_locates, memory_order_relaxed);
	if (locates != t->fill_locates) {
		t->fill_locates = locates;
		t->fill_frames = 0;
	}
	while (n > 0) {
		int take = ENGINE_TAP_BLOCK - t->fill_frames;
		if (take > n)
			take = n;
		memcpy(t->fill.frames + (size_t)t->fill_frames * 2, frames,
			sizeof(float) * 2 * (size_t)take);
		t->fill_frames += take;
		frames += (size_t)take * 2;
		n -= take;
		if (t->fill_frames == ENGINE_TAP_BLOCK) {
			t->fill.locates = t->fill_locates;
			if (!ring_push_rt(t->ring, &t->fill))
				atomic_fetch_add_explicit(&t->dropped, ENGINE_TAP_BLOCK,
					memory_order_relaxed);
			t->fill_frames = 0;
		}
	}
}

int engine_tap_side_read(struct engine *e, struct tap_side *t, float *buf, int max_frames)
{
	int got = 0;
	while (got < max_frames) {
		if (t->read_off == t->read_frames) {
			if (!ring_pop_rt(t->ring, &t->read))
				break;
			/* played before the last locate (acquire: pairs with the locate's
			 * release, so a block of the new place is never taken for stale) */
			if (t->read.locates != atomic_load_explicit(&e->tap_locates,
				memory_order_acquire))
				continue;
			t->read_off = 0;
			t->read_frames = ENGINE_TAP_BLOCK;
		}
		int n = t->read_frames - t->read_off;
		if (n > max_frames - got)
			n = max_frames - got;
		memcpy(buf + (size_t)got * 2, t->read.frames + (size_t)t->read_off * 2,
			sizeof(float) * 2 * (size_t)n);
		t->read_off += n;
		got += n;
	}
	return got;
}

enum err engine_strip_tap_set(struct engine *e, int strip)
{
	struct cmd c = { .type = CMD_STRIP_TAP, .strip = strip, .on = strip != STRIP_TAP_OFF };
	if (c.on && !e->strip_tap_touched) {
		/* never on before: the audio thread has not written it (engine_tap_enable) */
		ring_pretouch(e->tap_strip.ring);
		e->strip_tap_touched = true;
	}
	/* as engine_send, rest included, without a call back up into engine.c */
	if (!ring_push_rt(e->cmds, &c))
		return ERR_FULL;
	engine_rest_wake(e);
	return ERR_OK;
}

int engine_strip_tap_read(struct engine *e, float *buf, int max_frames)
{
	return engine_tap_side_read(e, &e->tap_strip, buf, max_frames);
}

uint64_t engine_strip_tap_dropped(const struct engine *e)
{
	return atomic_load_explicit(&e->tap_strip.dropped, memory_order_relaxed);
}

void engine_strip_tap_cmd_rt(struct engine *e, const struct cmd *c)
{
	e->strip_tap = c->on ? c->strip : STRIP_TAP_OFF;
	/* a half-gathered block of the strip tapped before would join it to this one */
	e->tap_strip.fill_frames = 0;
}

void engine_strip_tap_rt(struct engine *e, const struct graph_mix *m, const float *buf,
	int n)
{
	if (e->strip_tap == STRIP_TAP_OFF)
		return;
	/* the strip's mix in the graph playing now: the numbers follow the graph's */
	const bool this_one = m ? graph_strip_mix(e->graph, e->strip_tap) == m
		: e->strip_tap == STRIP_MASTER;
	if (this_one)
		engine_tap_side_push_rt(e, &e->tap_strip, buf, n);
}
