/* The audio-thread half of the engine: commands, transport, chunk consumption, faders,
 * pan, mute/solo, master, meters. Everything reachable from engine_process_rt() is
 * real-time safe: fixed buffers, ring operations, arithmetic. */
#include "audio/engine_priv.h"

#include <errno.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "audio/dsp/fastmath.h"
#include "audio/dsp/silence.h"
#include "audio/dsp/pan.h"
#include "audio/lv2/lv2.h"
#include "audio/rtguard.h"
#include "src/base/xalloc.h"

struct engine *engine_create(int sample_rate)
{
	return engine_create_sized(sample_rate, ENGINE_EVENT_RING);
}

struct engine *engine_create_sized(int sample_rate, size_t event_slots)
{
	/* touched: the audio thread writes its buffers (tbuf) from its first callbacks */
	struct engine *e = xcalloc_touched(1, sizeof *e);
	e->sample_rate = sample_rate;
	e->cmds = ring_create(ENGINE_CMD_RING, sizeof(struct cmd));
	e->events = ring_create(event_slots, sizeof(struct event));
	e->disk_reqs = ring_create(ENGINE_DISK_RING, sizeof(struct disk_req));
	e->disk_events = ring_create(ENGINE_EVENT_RING, sizeof(struct event));
	e->retired = ring_create(ENGINE_RETIRE_RING, sizeof(struct graph *));
	/* 1 MB, but calloc'd: pages become resident only once the tap is used */
	e->tap_master.ring = ring_create(ENGINE_TAP_BLOCKS, sizeof(struct tap_block));
	e->tap_pre.ring = ring_create(ENGINE_TAP_BLOCKS, sizeof(struct tap_block));
	e->tap_strip.ring = ring_create(ENGINE_TAP_BLOCKS, sizeof(struct tap_block));
	e->strip_tap = STRIP_TAP_OFF;
	if (!e->cmds || !e->events || !e->disk_reqs || !e->disk_events || !e->retired
		|| !e->tap_master.ring || !e->tap_pre.ring || !e->tap_strip.ring)
		xalloc_die();
	/* the rings the audio thread writes from the start: the event ring cycles
	 * through its 8192 slots only after many seconds of meters. The taps' rings
	 * stay untouched until first enabled (engine_tap_enable). */
	ring_pretouch(e->events);
	ring_pretouch(e->disk_reqs);
	/* meters at 25 per second; fader moves ramp over 5 ms */
	e->meter_period = sample_rate / 25 > 0 ? sample_rate / 25 : 1;
	e->meter_left = e->meter_period;
	e->ramp_frames = sample_rate / 200 > 0 ? sample_rate / 200 : 1;
	/* a tenth of a second: the disk thread reads the first chunk of every track in
	 * far less, even on a busy machine; an edit is heard this much later */
	e->swap_lead = sample_rate / 10;
	engine_rest_init(e);
	rtguard_init();
	return e;
}

int engine_sample_rate(const struct engine *e)
{
	return e->sample_rate;
}

enum err engine_send(struct engine *e, const struct cmd *c)
{
	if (!ring_push_rt(e->cmds, c))
		return ERR_FULL;
	engine_rest_wake(e);
	return ERR_OK;
}

enum err engine_send_graph(struct engine *e, struct graph *g)
{
	struct cmd c = { .type = CMD_SWAP_GRAPH, .graph = g };
	return engine_send(e, &c);
}

enum err engine_send_simple(struct engine *e, enum cmd_type type, int strip, double value,
	bool on, int64_t frame)
{
	struct cmd c = { .type = type, .strip = strip, .value = value, .on = on, .frame = frame };
	return engine_send(e, &c);
}

bool engine_poll_event(struct engine *e, struct event *ev)
{
	if (ring_pop_rt(e->events, ev))
		return true;
	return ring_pop_rt(e->disk_events, ev);
}

void engine_collect_garbage(struct engine *e)
{
	struct graph *g;
	while (ring_pop_rt(e->retired, &g))
		graph_destroy(g);
}

uint32_t engine_xruns(const struct engine *e)
{
	return atomic_load_explicit(&e->xruns, memory_order_relaxed);
}

uint32_t engine_events_dropped(const struct engine *e)
{
	return atomic_load_explicit(&e->events_dropped, memory_order_relaxed);
}

int64_t engine_playhead(const struct engine *e)
{
	return atomic_load_explicit(&e->playhead_pub, memory_order_relaxed);
}

void engine_tap_enable(struct engine *e, bool on)
{
	if (on && !e->taps_touched) {
		/* never on before, so the audio thread has not written them: safe to touch,
		 * and it then writes them without a page fault per 4 kB in its first seconds */
		ring_pretouch(e->tap_master.ring);
		ring_pretouch(e->tap_pre.ring);
		e->taps_touched = true;
	}
	atomic_store_explicit(&e->tap_on, on, memory_order_relaxed);
}

int engine_tap_read(struct engine *e, float *buf, int max_frames)
{
	return engine_tap_side_read(e, &e->tap_master, buf, max_frames);
}

int engine_tap_pre_read(struct engine *e, float *buf, int max_frames)
{
	return engine_tap_side_read(e, &e->tap_pre, buf, max_frames);
}

uint64_t engine_tap_pre_dropped(const struct engine *e)
{
	return atomic_load_explicit(&e->tap_pre.dropped, memory_order_relaxed);
}

uint64_t engine_tap_dropped(const struct engine *e)
{
	return atomic_load_explicit(&e->tap_master.dropped, memory_order_relaxed);
}

uint32_t engine_tap_locates(const struct engine *e)
{
	/* acquire: frames pushed before the locate are visible to a read after this */
	return atomic_load_explicit(&e->tap_locates, memory_order_acquire);
}

void engine_note_xrun_rt(struct engine *e)
{
	atomic_fetch_add_explicit(&e->xruns, 1, memory_order_relaxed);
}

static void helpers_stop(struct engine *e);

/* Adds g to the list unless it is NULL or there already (engine_destroy). */
static void collect_graph(struct graph ***all, size_t *n, size_t *cap, struct graph *g)
{
	if (!g)
		return;
	for (size_t i = 0; i < *n; i++)
		if ((*all)[i] == g)
			return;
	if (*n == *cap) {
		*cap = *cap ? *cap * 2 : 8;
		*all = xrealloc(*all, *cap * sizeof **all);
	}
	(*all)[(*n)++] = g;
}

void engine_destroy(struct engine *e)
{
	if (!e)
		return;
	helpers_stop(e);
	engine_disk_stop(e);
	/* every graph still alive, once each: playing, pending, due, read by the disk,
	 * named in its queue, unapplied swap commands, retired but not yet collected */
	engine_collect_garbage(e);
	struct graph **all = NULL;
	size_t n_all = 0, cap = 0;
	struct cmd c;
	struct disk_req r;
	collect_graph(&all, &n_all, &cap, e->graph);
	collect_graph(&all, &n_all, &cap, e->pending);
	for (int i = 0; i < ENGINE_RETIRE_DUE; i++)
		collect_graph(&all, &n_all, &cap, e->retire_due[i]);
	collect_graph(&all, &n_all, &cap, e->disk_graph);
	while (ring_pop_rt(e->disk_reqs, &r)) {
		collect_graph(&all, &n_all, &cap, r.graph);
		for (int i = 0; i < ENGINE_RETIRE_DUE + 1; i++)
			collect_graph(&all, &n_all, &cap, r.retire[i]);
	}
	while (ring_pop_rt(e->cmds, &c))
		if (c.type == CMD_SWAP_GRAPH)
			collect_graph(&all, &n_all, &cap, c.graph);
	for (size_t i = 0; i < n_all; i++)
		graph_destroy(all[i]);
	free(all);
	ring_destroy(e->cmds);
	ring_destroy(e->events);
	ring_destroy(e->disk_reqs);
	ring_destroy(e->disk_events);
	ring_destroy(e->retired);
	ring_destroy(e->tap_master.ring);
	ring_destroy(e->tap_pre.ring);
	engine_rest_deinit(e);
	ring_destroy(e->tap_strip.ring);
	free(e);
}

/* ---- audio thread ---- */

static void post_rt(struct engine *e, const struct event *ev)
{
	if (!ring_push_rt(e->events, ev))
		atomic_fetch_add_explicit(&e->events_dropped, 1, memory_order_relaxed);
}

static void post_transport_rt(struct engine *e)
{
	struct event ev = { .type = EV_TRANSPORT, .frame = e->playhead, .playing = e->playing,
		.waiting = e->waiting,
		.count = atomic_load_explicit(&e->xruns, memory_order_relaxed) };
	post_rt(e, &ev);
}

static void ramp_to_rt(struct gain_ramp *r, const float target[2], int frames)
{
	for (int c = 0; c < 2; c++) {
		r->target[c] = target[c];
		r->step[c] = (target[c] - r->cur[c]) / (float)frames;
	}
	r->left = frames;
}

static void ramp_set_rt(struct gain_ramp *r, const float target[2], bool instant,
	int frames)
{
	if (instant) {
		r->cur[0] = r->target[0] = target[0];
		r->cur[1] = r->target[1] = target[1];
		r->left = 0;
	} else if (target[0] != r->target[0] || target[1] != r->target[1]) {
		ramp_to_rt(r, target, frames);
	}
}

/* Solo, the way a DAW does it: while any strip is soloed, a strip is heard when it is
 * soloed, solo-safe, fed by a soloed strip (the buses a soloed track plays through or
 * sends to), or feeding a soloed bus (its sources). Mute always wins. Marks solo_down
 * and solo_up; buses come in bus_order, so one pass each way covers every path. */
static void solo_paths_rt(struct graph *g)
{
	for (int t = 0; t < g->n_tracks; t++)
		g->tracks[t].mix.solo_down = g->tracks[t].mix.solo_up = false;
	for (int b = 0; b < g->n_buses; b++)
		g->buses[b].mix.solo_down = g->buses[b].mix.solo_up = false;
	for (int t = 0; t < g->n_tracks; t++) {
		const struct graph_mix *m = &g->tracks[t].mix;
		if (m->solo)
			for (int k = 0; k < m->n_dests; k++)
				g->buses[m->dests[k]].mix.solo_down = true;
	}
	for (int i = 0; i < g->n_buses; i++) {
		const struct graph_mix *m = &g->buses[g->bus_order[i]].mix;
		if (m->solo || m->solo_down)
			for (int k = 0; k < m->n_dests; k++)
				g->buses[m->dests[k]].mix.solo_down = true;
	}
	for (int i = g->n_buses - 1; i >= 0; i--) {
		struct graph_mix *m = &g->buses[g->bus_order[i]].mix;
		for (int k = 0; k < m->n_dests; k++) {
			const struct graph_mix *d = &g->buses[m->dests[k]].mix;
			if (d->solo || d->solo_up)
				m->solo_up = true;
		}
	}
	for (int t = 0; t < g->n_tracks; t++) {
		struct graph_mix *m = &g->tracks[t].mix;
		for (int k = 0; k < m->n_dests; k++) {
			const struct graph_mix *d = &g->buses[m->dests[k]].mix;
			if (d->solo || d->solo_up)
				m->solo_up = true;
		}
	}
}

/* ---- automation (docs/dsp.md, "Automation") ---- */

static bool lane_live(const struct graph_lane *l)
{
	return l->active && !l->held;
}

/* The strip's lanes that are read now, by what they drive. */
struct live_lanes {
	struct graph_lane *gain, *pan, *mute;
	struct graph_lane *send[GRAPH_MAX_SENDS];
	bool level, any_send, insert;
};

static void live_lanes_rt(struct graph_mix *m, struct live_lanes *ll)
{
	memset(ll, 0, sizeof *ll);
	for (int i = 0; i < m->n_lanes; i++) {
		struct graph_lane *l = &m->lanes[i];
		if (!lane_live(l))
			continue;
		switch (l->target) {
		case LANE_GAIN: ll->gain = l; break;
		case LANE_PAN: ll->pan = l; break;
		case LANE_MUTE: ll->mute = l; break;
		case LANE_SEND:
			if (l->index < GRAPH_MAX_SENDS) {
				ll->send[l->index] = l;
				ll->any_send = true;
			}
			break;
		case LANE_INSERT: ll->insert = true; break;
		}
	}
	ll->level = ll->gain || ll->pan || ll->mute;
}

/* A mute lane's gain at frame f: 1 - value, so 0..1 between points glides (the studio
 * writes a mute as a 5 ms ramp). */
static float mute_gain_rt(struct graph_lane *mute, int64_t f)
{
	if (!mute)
		return 1.0f;
	double v = graph_lane_value_rt(mute, f);
	return (float)(1.0 - (v < 0 ? 0 : v > 1 ? 1 : v));
}

static float lane_db_lin_rt(double db)
{
	return db <= -144.0 ? 0.0f : fm_exp2_rt((float)(db * (1.0 / 6.0205999132796239)));
}

static void mix_targets_rt(struct engine *e, struct graph_mix *m, bool any_solo,
	bool instant)
{
	const bool solo_ok = !any_solo || m->solo || m->solo_safe || m->solo_down
		|| m->solo_up;
	m->heard = !m->mute && solo_ok;
	struct live_lanes ll;
	live_lanes_rt(m, &ll);
	/* with a mute lane read, the lane mutes (per frame) instead of the switch */
	const bool on = ll.mute ? solo_ok : m->heard;
	float target[2];
	if (ll.level) {
		/* the lanes set level and pan per frame; the ramp only switches on and off */
		target[0] = target[1] = on ? 1.0f : 0.0f;
	} else {
		pan_gains_rt(e->graph->pan_law_db, m->channels, m->pan,
			on ? db_to_lin_rt(m->gain_db) : 0.0, target);
	}
	ramp_set_rt(&m->ramp, target, instant, e->ramp_frames);
	for (int i = 0; i < m->n_sends; i++) {
		struct graph_send *snd = &m->sends[i];
		bool lane = i < GRAPH_MAX_SENDS && ll.send[i];
		float g = !on ? 0.0f : lane ? 1.0f : (float)db_to_lin_rt(snd->level_db);
		float st[2] = { g, g };
		ramp_set_rt(&snd->ramp, st, instant, e->ramp_frames);
	}
}

/* Recompute every strip's gain targets (mute and solo interact across strips). */
static void update_targets_rt(struct engine *e, bool instant)
{
	struct graph *g = e->graph;
	bool any_solo = false;
	for (int t = 0; t < g->n_tracks; t++)
		any_solo |= g->tracks[t].mix.solo;
	for (int b = 0; b < g->n_buses; b++)
		any_solo |= g->buses[b].mix.solo;
	if (any_solo)
		solo_paths_rt(g);
	for (int t = 0; t < g->n_tracks; t++)
		mix_targets_rt(e, &g->tracks[t].mix, any_solo, instant);
	for (int b = 0; b < g->n_buses; b++)
		mix_targets_rt(e, &g->buses[b].mix, any_solo, instant);
	float m = (float)db_to_lin_rt(g->master_gain_db);
	float mt[2] = { m, m };
	ramp_set_rt(&g->master_ramp, mt, instant, e->ramp_frames);
}

/* Give a held chunk back to the disk thread. */
static void release_chunk_rt(struct graph_track *tr)
{
	if (tr->held >= 0) {
		ring_push_rt(tr->empty, &tr->held);
		tr->held = -1;
	}
}

/* A rebuilt graph's strip starts where the old one's fader, sends and inserts are, then
 * ramps to its own settings: no step in level at the swap. */
static void mix_carry_rt(struct graph_mix *dst, struct graph_mix *src)
{
	dst->ramp = src->ramp;
	for (int i = 0; i < dst->n_sends && i < src->n_sends; i++)
		if (dst->sends[i].dest == src->sends[i].dest) {
			dst->sends[i].ramp = src->sends[i].ramp;
			pdc_line_carry_rt(&dst->sends[i].delay, &src->sends[i].delay);
		}
	fx_chain_carry_rt(&dst->inserts, &src->inserts);
	pdc_line_carry_rt(&dst->in_delay, &src->in_delay);
	pdc_line_carry_rt(&dst->out_delay, &src->out_delay);
}

/* A rebuilt graph starts where the old one's faders, sends and inserts are, then ramps
 * to its own settings: no step in level at the swap. */
static bool same_strip(const struct graph_mix *a, const struct graph_mix *b)
{
	return a->ident == b->ident; /* graphs made without graph_build: both 0 */
}

static void carry_graph_rt(struct graph *n, struct graph *g)
{
	/* only into the same strip: after a track is deleted or moved, the strip now at
	 * its place must not get another's fader ramp, insert memory or delayed sound */
	for (int t = 0; t < n->n_tracks && t < g->n_tracks; t++)
		if (same_strip(&n->tracks[t].mix, &g->tracks[t].mix))
			mix_carry_rt(&n->tracks[t].mix, &g->tracks[t].mix);
	for (int b = 0; b < n->n_buses && b < g->n_buses; b++)
		if (same_strip(&n->buses[b].mix, &g->buses[b].mix))
			mix_carry_rt(&n->buses[b].mix, &g->buses[b].mix);
	n->master_ramp = g->master_ramp;
	fx_chain_carry_rt(&n->master_inserts, &g->master_inserts);
}

/* A graph this thread plays no more, to be named in the next disk request. Two slots
 * are enough: a pending swap starts only when none is due, and then at most the swap
 * itself and one immediate swap can add one each before a request goes out. */
static void retire_due_rt(struct engine *e, struct graph *g)
{
	if (!g)
		return;
	for (int i = 0; i < ENGINE_RETIRE_DUE; i++)
		if (e->retire_due[i] == g)
			return;
	for (int i = 0; i < ENGINE_RETIRE_DUE; i++)
		if (!e->retire_due[i]) {
			e->retire_due[i] = g;
			return;
		}
	/* cannot happen (see above); a graph left unfreed beats one freed in use */
}

static bool retire_pending_rt(const struct engine *e)
{
	for (int i = 0; i < ENGINE_RETIRE_DUE; i++)
		if (e->retire_due[i])
			return true;
	return false;
}

/* Send r, naming for retirement the graph the disk thread read until now (when it is
 * neither r's nor the one playing) and every graph due. Only called after checking
 * that the request ring has room. */
static void push_req_rt(struct engine *e, struct disk_req r)
{
	int k = 0;
	struct graph *prev = e->last_req.graph;
	if (prev && prev != r.graph && prev != e->graph)
		r.retire[k++] = prev;
	for (int i = 0; i < ENGINE_RETIRE_DUE; i++) {
		struct graph *d = e->retire_due[i];
		if (d && d != prev && d != r.graph)
			r.retire[k++] = d;
		e->retire_due[i] = NULL;
	}
	ring_push_rt(e->disk_reqs, &r);
	memset(r.retire, 0, sizeof r.retire);
	e->last_req = r;
}

/* The pending graph takes over now, at the playhead: carried states, its own chunks'
 * generation. The graph it replaces is due for retirement. */
static void swap_pending_rt(struct engine *e)
{
	struct graph *old = e->graph, *n = e->pending;
	carry_graph_rt(n, old);
	e->graph = n;
	e->gen = e->pending_gen;
	e->pending = NULL;
	retire_due_rt(e, old);
	update_targets_rt(e, false);
}

/* Ask the disk thread to read ahead from the playhead for the current graph (a pending
 * one first takes over: a locate or a loop outruns it). Only called after checking that
 * the request ring has room. */
static void request_disk_rt(struct engine *e)
{
	if (e->pending)
		swap_pending_rt(e);
	e->gen = ++e->gen_seq;
	struct disk_req r = { .graph = e->graph, .gen = e->gen, .pos = e->playhead,
		.loop_start = e->loop_start, .loop_end = e->loop_end, .loop_on = e->loop_on };
	push_req_rt(e, r);
	if (e->graph)
		for (int t = 0; t < e->graph->n_tracks; t++)
			release_chunk_rt(&e->graph->tracks[t]);
	e->waiting = true;
	e->resync = false;
}

/* true when every track of g holds at least `need` frames read ahead of the playhead */
static bool read_ahead_rt(struct graph *g, int64_t need)
{
	for (int t = 0; t < g->n_tracks; t++) {
		struct graph_track *tr = &g->tracks[t];
		int64_t have = (int64_t)ring_count_rt(tr->ready) * GRAPH_CHUNK_FRAMES;
		if (tr->held >= 0)
			have += tr->chunks[tr->held].frames - tr->held_off;
		if (have < need)
			return false;
	}
	return true;
}

bool engine_read_ahead_rt(struct engine *e, int frames)
{
	return !e->graph || read_ahead_rt(e->graph, frames);
}

/* Swap n in swap_lead frames of playback from now, reading it ahead from the song's
 * frame that will be then, while the playing graph plays on from its own read-ahead.
 * false when that cannot be done (stopped, waiting, a loop too short, too little read
 * ahead, a request ring short of room): then the caller swaps at once. */
static bool start_pending_rt(struct engine *e, struct graph *n)
{
	const int64_t lead = e->swap_lead;
	struct graph *g = e->graph;
	if (!g || !n || !e->playing || e->waiting || e->resync || lead <= 0
		|| retire_pending_rt(e) || ring_space_rt(e->disk_reqs) < 2)
		return false;
	int64_t at = e->playhead + lead;
	if (e->loop_on && e->playhead < e->loop_end && at >= e->loop_end) {
		if (e->loop_end - e->loop_start <= 2 * lead)
			return false;
		at = e->loop_start + (at - e->loop_end);
	}
	/* the disk thread reads for n from now on: g lives on what it holds, with a chunk
	 * to spare */
	if (!read_ahead_rt(g, lead + GRAPH_CHUNK_FRAMES))
		return false;
	/* a graph pending before n never played: the request retires it (push_req_rt) */
	e->pending = n;
	e->pending_in = lead;
	e->pending_gen = ++e->gen_seq;
	struct disk_req r = { .graph = n, .gen = e->pending_gen, .pos = at,
		.loop_start = e->loop_start, .loop_end = e->loop_end, .loop_on = e->loop_on };
	push_req_rt(e, r);
	return true;
}

static bool cmd_needs_disk(const struct cmd *c)
{
	return c->type == CMD_LOCATE || c->type == CMD_LOOP || c->type == CMD_SWAP_GRAPH;
}

/* A command that sets a value (a fader, a mute, a send, an insert's parameter) on
 * graph g. */
static void apply_value_rt(struct engine *e, struct graph *g, const struct cmd *c)
{
	struct graph_mix *mix = graph_strip_mix(g, c->strip);
	switch (c->type) {
	case CMD_GAIN:
		if (c->strip == STRIP_MASTER && g)
			g->master_gain_db = (float)c->value;
		else if (mix)
			mix->gain_db = (float)c->value;
		if (g)
			e->targets_dirty = true;
		break;
	case CMD_PAN:
		if (mix) {
			mix->pan = (float)c->value;
			e->targets_dirty = true;
		}
		break;
	case CMD_MUTE:
		if (mix) {
			mix->mute = c->on;
			e->targets_dirty = true;
		}
		break;
	case CMD_SOLO:
		if (mix) {
			mix->solo = c->on;
			e->targets_dirty = true;
		}
		break;
	case CMD_SOLO_SAFE:
		if (mix) {
			mix->solo_safe = c->on;
			e->targets_dirty = true;
		}
		break;
	case CMD_SEND_LEVEL:
		if (mix && c->slot >= 0 && c->slot < mix->n_sends) {
			mix->sends[c->slot].level_db = (float)c->value;
			e->targets_dirty = true;
		}
		break;
	case CMD_AUTO_HOLD:
		if (mix && c->slot >= 0 && c->slot < mix->n_lanes) {
			struct graph_lane *l = &mix->lanes[c->slot];
			l->held = c->on;
			l->last = NAN; /* an insert lane sets its parameter again when read */
			e->targets_dirty = true;
		}
		break;
	case CMD_FX_PARAM:
	case CMD_FX_AB:
	case CMD_FX_BYPASS: {
		struct fx_chain *chain = c->strip == STRIP_MASTER && g ? &g->master_inserts
			: mix ? &mix->inserts : NULL;
		if (!chain || c->slot < 0 || c->slot >= chain->n)
			break;
		if (c->type == CMD_FX_PARAM)
			fx_insert_set_param_rt(chain->slot[c->slot], c->param, c->value);
		else if (c->type == CMD_FX_AB)
			fx_insert_set_ab_rt(chain->slot[c->slot], c->on);
		else
			fx_insert_set_bypass_rt(chain->slot[c->slot], c->on);
		break;
	}
	default:
		break;
	}
}

static void apply_cmd_rt(struct engine *e, const struct cmd *c)
{
	struct graph *g = e->graph;
	switch (c->type) {
	case CMD_PLAY:
		e->start_left = (int64_t)ENGINE_START_SEC * e->sample_rate;
		e->playing = true;
		post_transport_rt(e);
		break;
	case CMD_STOP:
		e->playing = false;
		post_transport_rt(e);
		break;
	case CMD_LOCATE:
		e->playhead = c->frame < 0 ? 0 : c->frame;
		e->start_left = (int64_t)ENGINE_START_SEC * e->sample_rate;
		/* a half-filled tap block would join the old place to the new one: the
		 * taps see the new count and start their blocks again */
		atomic_fetch_add_explicit(&e->tap_locates, 1, memory_order_release);
		request_disk_rt(e);
		post_transport_rt(e);
		break;
	case CMD_LOOP:
		e->loop_on = c->on && c->frame2 > c->frame && c->frame >= 0;
		e->loop_start = c->frame;
		e->loop_end = c->frame2;
		request_disk_rt(e);
		break;
	case CMD_STRIP_TAP:
		engine_strip_tap_cmd_rt(e, c);
		break;
	case CMD_SWAP_GRAPH:
		/* during playback the new graph takes over a little later, once it has read
		 * ahead (start_pending_rt); otherwise now, and the transport waits for the
		 * disk. Old graphs go back through the disk thread, which frees nothing but
		 * passes them on to the control thread once it has stopped reading them. */
		if (start_pending_rt(e, c->graph))
			break;
		if (e->pending) {
			/* replaced before it played: the next request retires it */
			e->pending = NULL;
		}
		if (g && c->graph) {
			carry_graph_rt(c->graph, g);
			e->graph = c->graph;
			e->targets_dirty = true;
		} else {
			e->graph = c->graph;
			if (e->graph)
				update_targets_rt(e, true);
		}
		if (g && g != e->last_req.graph)
			retire_due_rt(e, g);
		request_disk_rt(e);
		break;
	default:
		/* a value: the pending graph is the project as it is now, so it takes it;
		 * the playing one too when its numbers mean the same strips and inserts,
		 * else it plays on without it until the swap (a tenth of a second) */
		if (e->pending) {
			apply_value_rt(e, e->pending, c);
			if (g && g->layout != 0 && g->layout == e->pending->layout)
				apply_value_rt(e, g, c);
		} else {
			apply_value_rt(e, g, c);
		}
		break;
	}
}

static void drain_cmds_rt(struct engine *e)
{
	struct cmd c;
	while (ring_peek_rt(e->cmds, &c)) {
		if (cmd_needs_disk(&c) && ring_space_rt(e->disk_reqs) == 0)
			break; /* the disk thread is behind; keep the command for the next cycle */
		ring_pop_rt(e->cmds, &c);
		apply_cmd_rt(e, &c);
	}
	/* one pass over the tracks however many fader moves arrived: the cost of a
	 * callback stays bounded by the track count */
	if (e->targets_dirty && e->graph)
		update_targets_rt(e, false);
	e->targets_dirty = false;
	if (e->resync && ring_space_rt(e->disk_reqs) > 0)
		request_disk_rt(e);
}

/* Make sure the track holds a chunk of the current generation; drop stale ones. */
static bool hold_chunk_rt(struct engine *e, struct graph_track *tr)
{
	while (tr->held < 0) {
		int idx;
		if (!ring_pop_rt(tr->ready, &idx))
			return false;
		if (tr->chunks[idx].gen == e->gen) {
			tr->held = idx;
			tr->held_off = 0;
		} else {
			ring_push_rt(tr->empty, &idx);
		}
	}
	return true;
}

static bool all_ready_rt(struct engine *e)
{
	struct graph *g = e->graph;
	for (int t = 0; t < g->n_tracks; t++) {
		struct graph_track *tr = &g->tracks[t];
		if (!hold_chunk_rt(e, tr))
			return false;
		struct feed_chunk *ch = &tr->chunks[tr->held];
		if (ch->start + tr->held_off != e->playhead) {
			/* cannot happen unless the disk is confused: ask again rather than wait
			 * for ever */
			release_chunk_rt(tr);
			e->resync = true;
			return false;
		}
	}
	return true;
}

/* true when every track holds its whole pool read ahead: the disk thread has done the
 * burst of reading a locate sets off. Stale chunks go back on the way (hold_chunk_rt). */
static bool pool_full_rt(struct engine *e)
{
	struct graph *g = e->graph;
	for (int t = 0; t < g->n_tracks; t++) {
		struct graph_track *tr = &g->tracks[t];
		if (!hold_chunk_rt(e, tr))
			return false;
		if ((int)ring_count_rt(tr->ready) + 1 < tr->n_chunks)
			return false;
	}
	return true;
}

void engine_set_offline(struct engine *e)
{
	e->offline = true;
}

bool engine_read_ahead_full_rt(struct engine *e)
{
	return !e->graph || pool_full_rt(e);
}

/* Copy frames [pos, pos + n) of the track from its chunks into dst; false (and
 * silence for the rest) when the disk fell behind: the caller asks for a resync. Only
 * touches the track and reads e->gen, so tracks may be pulled on several threads. */
static bool pull_track_rt(struct engine *e, struct graph_track *tr, int64_t pos, float *dst,
	int n)
{
	const int ch = tr->channels;
	int got = 0;
	while (got < n) {
		if (!hold_chunk_rt(e, tr)) {
			tr->underruns++;
			break;
		}
		struct feed_chunk *c = &tr->chunks[tr->held];
		if (c->start + tr->held_off != pos + got) {
			release_chunk_rt(tr);
			tr->underruns++;
			break;
		}
		int take = c->frames - tr->held_off;
		if (take > n - got)
			take = n - got;
		memcpy(dst + (size_t)got * ch, c->data + (size_t)tr->held_off * ch,
			sizeof(float) * (size_t)take * ch);
		tr->held_off += take;
		got += take;
		if (tr->held_off == c->frames)
			release_chunk_rt(tr);
	}
	if (got < n)
		memset(dst + (size_t)got * ch, 0, sizeof(float) * (size_t)(n - got) * ch);
	return got == n;
}

/* Meter stereo frames: peak and sum of squares per channel. Eight frames a step in
 * four vectors (lanes L R L R), each with its own peak and sum so that no step waits
 * for the one before (named variables: an array of them stayed in memory), folded per
 * channel at the end; sums run in float over short stretches (exact enough there) and
 * are carried in double across them. */
static void meter_rt(const float *restrict buf, int n, float peak[2], double sum_sq[2])
{
	enum { STEP = 8 };   /* frames a step: four vectors */
	const fm_v4si absmask = { 0x7fffffff, 0x7fffffff, 0x7fffffff, 0x7fffffff };
	fm_v4sf p0 = { peak[0], peak[1], peak[0], peak[1] }, p1 = p0, p2 = p0, p3 = p0;
	const int whole = n - n % STEP;
	int i = 0;
	while (i < whole) {
		int to = i + 256 < whole ? i + 256 : whole;
		fm_v4sf s0 = { 0 }, s1 = s0, s2 = s0, s3 = s0;
		for (; i < to; i += STEP) {
			fm_v4sf x0, x1, x2, x3;
			memcpy(&x0, buf + (size_t)i * 2, sizeof x0);
			memcpy(&x1, buf + (size_t)i * 2 + 4, sizeof x1);
			memcpy(&x2, buf + (size_t)i * 2 + 8, sizeof x2);
			memcpy(&x3, buf + (size_t)i * 2 + 12, sizeof x3);
			fm_v4sf a0 = (fm_v4sf)((fm_v4si)x0 & absmask);
			fm_v4sf a1 = (fm_v4sf)((fm_v4si)x1 & absmask);
			fm_v4sf a2 = (fm_v4sf)((fm_v4si)x2 & absmask);
			fm_v4sf a3 = (fm_v4sf)((fm_v4si)x3 & absmask);
			/* a compare, not a max: NaN never becomes the peak */
			p0 = fm_select_v4(a0 > p0, a0, p0);
			p1 = fm_select_v4(a1 > p1, a1, p1);
			p2 = fm_select_v4(a2 > p2, a2, p2);
			p3 = fm_select_v4(a3 > p3, a3, p3);
			s0 += x0 * x0;
			s1 += x1 * x1;
			s2 += x2 * x2;
			s3 += x3 * x3;
		}
		fm_v4sf t = (s0 + s1) + (s2 + s3);
		sum_sq[0] += (double)t[0] + (double)t[2];
		sum_sq[1] += (double)t[1] + (double)t[3];
	}
	p0 = fm_select_v4(p1 > p0, p1, p0);
	p2 = fm_select_v4(p3 > p2, p3, p2);
	p0 = fm_select_v4(p2 > p0, p2, p0);
	float pk0 = p0[2] > p0[0] ? p0[2] : p0[0], pk1 = p0[3] > p0[1] ? p0[3] : p0[1];
	for (; i < n; i++) { /* the frames after the last whole step */
		float l = buf[i * 2], r = buf[i * 2 + 1], al = fabsf(l), ar = fabsf(r);
		pk0 = al > pk0 ? al : pk0;
		pk1 = ar > pk1 ? ar : pk1;
		sum_sq[0] += l * l;
		sum_sq[1] += r * r;
	}
	peak[0] = pk0;
	peak[1] = pk1;
}

/* Apply a gain ramp to stereo frames. The ramp's moving part runs sample by sample;
 * the steady part is a plain multiply. */
static void gain_rt(struct gain_ramp *r, float *restrict buf, int n)
{
	int i = 0;
	for (; i < n && r->left > 0; i++) {
		r->cur[0] += r->step[0];
		r->cur[1] += r->step[1];
		if (--r->left == 0) {
			r->cur[0] = r->target[0];
			r->cur[1] = r->target[1];
		}
		buf[i * 2] *= r->cur[0];
		buf[i * 2 + 1] *= r->cur[1];
	}
	const float g0 = r->cur[0], g1 = r->cur[1];
	for (int k = i; k < n; k++) {
		buf[k * 2] *= g0;
		buf[k * 2 + 1] *= g1;
	}
}

/* ...and meter them. */
static void gain_meter_rt(struct gain_ramp *r, float *restrict buf, int n, float peak[2],
	double sum_sq[2])
{
	gain_rt(r, buf, n);
	meter_rt(buf, n, peak, sum_sq);
}

static void mix_add_rt(float *restrict dst, const float *restrict src, int samples)
{
	for (int i = 0; i < samples; i++)
		dst[i] += src[i];
}

/* dst += src x a send's ramp, over n stereo frames. A silent send costs nothing. */
static void send_add_rt(struct gain_ramp *r, float *restrict dst, const float *restrict src,
	int n)
{
	if (r->left == 0 && r->cur[0] == 0.0f)
		return;
	int i = 0;
	for (; i < n && r->left > 0; i++) {
		r->cur[0] += r->step[0];
		if (--r->left == 0)
			r->cur[0] = r->target[0];
		dst[i * 2] += src[i * 2] * r->cur[0];
		dst[i * 2 + 1] += src[i * 2 + 1] * r->cur[0];
	}
	const float g = r->cur[0];
	for (int k = i * 2; k < n * 2; k++)
		dst[k] += src[k] * g;
}

/* A send with a lane read: dst += src x the lane's level x the send's on/off ramp x
 * the mute lane's gain, frame by frame. */
static void send_lane_add_rt(struct gain_ramp *r, struct graph_lane *lane,
	struct graph_lane *mute, float *restrict dst, const float *restrict src, int64_t pos,
	int n)
{
	for (int i = 0; i < n; i++) {
		if (r->left > 0) {
			r->cur[0] += r->step[0];
			if (--r->left == 0)
				r->cur[0] = r->target[0];
		}
		const int64_t f = pos + i;
		float g = r->cur[0] * lane_db_lin_rt(graph_lane_value_rt(lane, f))
			* mute_gain_rt(mute, f);
		dst[i * 2] += src[i * 2] * g;
		dst[i * 2 + 1] += src[i * 2 + 1] * g;
	}
}

/* A send without a lane on a strip whose mute lane is read: the ramp as usual, times
 * the mute lane's gain. */
static void send_muted_add_rt(struct gain_ramp *r, struct graph_lane *mute,
	float *restrict dst, const float *restrict src, int64_t pos, int n)
{
	for (int i = 0; i < n; i++) {
		if (r->left > 0) {
			r->cur[0] += r->step[0];
			if (--r->left == 0)
				r->cur[0] = r->target[0];
		}
		float g = r->cur[0] * mute_gain_rt(mute, pos + i);
		dst[i * 2] += src[i * 2] * g;
		dst[i * 2 + 1] += src[i * 2 + 1] * g;
	}
}

/* src, or (a feed with a compensating delay of its own) a delayed copy of it in the
 * graph's scratch. */
static const float *feed_delay_rt(struct graph *g, struct pdc_line *line,
	const float *src, int n)
{
	if (line->frames == 0)
		return src;
	memcpy(g->pdc_scratch, src, sizeof(float) * 2 * (size_t)n);
	pdc_line_process_rt(line, g->pdc_scratch, n);
	return g->pdc_scratch;
}

/* The sends of one kind (pre or post fader) of a strip into their buses; pos: the
 * song frame at the strip's fader (its lanes' time). */
static void sends_rt(struct graph *g, struct graph_mix *m, const struct live_lanes *ll,
	bool pre, const float *sig, int64_t pos, int n)
{
	for (int i = 0; i < m->n_sends; i++) {
		struct graph_send *snd = &m->sends[i];
		if (snd->pre_fader != pre)
			continue;
		const float *buf = feed_delay_rt(g, &snd->delay, sig, n);
		/* the send's own delay makes what it adds now the song's earlier frames: its
		 * level and mute lanes are read where that sound is */
		const int64_t at = pos - snd->delay.frames;
		float *dst = g->buses[snd->dest].buf;
		struct graph_lane *lane = i < GRAPH_MAX_SENDS ? ll->send[i] : NULL;
		if (lane)
			send_lane_add_rt(&snd->ramp, lane, ll->mute, dst, buf, at, n);
		else if (ll->mute)
			send_muted_add_rt(&snd->ramp, ll->mute, dst, buf, at, n);
		else
			send_add_rt(&snd->ramp, dst, buf, n);
	}
}

/* The fader stage with level lanes read: per frame, level (a gain lane, else the
 * fader), pan (a pan lane, else the knob) and the mute lane, times the on/off ramp;
 * then the meter. Every value depends only on the frame's place in the song, so a
 * render and a playback give the same samples whatever the blocks. */
static void level_lanes_rt(struct engine *e, struct graph_mix *m,
	const struct live_lanes *ll, float *restrict buf, int64_t pos, int n)
{
	struct gain_ramp *r = &m->ramp;
	const double law = e->graph->pan_law_db;
	float pf[2];
	pan_gains_rt(law, m->channels, m->pan, 1.0, pf);
	const float fixed_lin = lane_db_lin_rt(m->gain_db);
	for (int i = 0; i < n; i++) {
		if (r->left > 0) {
			r->cur[0] += r->step[0];
			r->cur[1] += r->step[1];
			if (--r->left == 0) {
				r->cur[0] = r->target[0];
				r->cur[1] = r->target[1];
			}
		}
		const int64_t f = pos + i;
		if (ll->pan)
			pan_gains_rt(law, m->channels, graph_lane_value_rt(ll->pan, f), 1.0, pf);
		float lin = ll->gain ? lane_db_lin_rt(graph_lane_value_rt(ll->gain, f)) : fixed_lin;
		lin *= mute_gain_rt(ll->mute, f);
		buf[i * 2] *= r->cur[0] * pf[0] * lin;
		buf[i * 2 + 1] *= r->cur[1] * pf[1] * lin;
	}
	if (!e->offline)
		meter_rt(buf, n, m->peak, m->sum_sq);
}

/* The strip's inserts; with parameter lanes read, in pieces that start on whole
 * multiples of FX_SUBBLOCK frames of the song, each lane's value set (when it changed)
 * at the start of its piece: the same for any block size. */
static void keys_at_rt(struct graph_mix *m, int at)
{
	for (int k = 0; k < m->n_keys; k++)
		lv2_insert_key_rt(m->inserts.slot[m->keys[k].slot], m->keys[k].buf + 2 * at);
}

static void inserts_rt(struct graph_mix *m, const struct live_lanes *ll, float *buf,
	int64_t pos, int n)
{
	if (!m->inserts.n)
		return;
	if (!ll->insert) {
		keys_at_rt(m, 0);
		fx_chain_process_rt(&m->inserts, buf, n);
		return;
	}
	for (int done = 0; done < n;) {
		const int64_t f = pos + done;
		int piece = FX_SUBBLOCK - (int)(f % FX_SUBBLOCK);
		if (piece > n - done)
			piece = n - done;
		for (int i = 0; i < m->n_lanes; i++) {
			struct graph_lane *l = &m->lanes[i];
			if (!lane_live(l) || l->target != LANE_INSERT || l->index >= m->inserts.n)
				continue;
			double v = graph_lane_value_rt(l, f);
			if (v != l->last) {
				fx_insert_set_param_rt(m->inserts.slot[l->index], l->param, v);
				l->last = v;
			}
		}
		keys_at_rt(m, done);
		fx_chain_process_rt(&m->inserts, buf + (size_t)done * 2, piece);
		done += piece;
	}
}

/* A strip's keys for this block: each source's block after its fader (it played
 * first), through the key's delay line. */
static void keys_rt(struct graph *g, struct graph_mix *m, int n)
{
	for (int k = 0; k < m->n_keys; k++) {
		struct graph_key *key = &m->keys[k];
		const struct graph_mix *src = graph_strip_mix(g, key->src);
		memcpy(key->buf, src->key_out, sizeof(float) * 2 * (size_t)n);
		pdc_line_process_rt(&key->line, key->buf, n);
	}
}

/* A strip that keys others keeps its block after its fader for them. */
static void key_out_rt(const struct graph_mix *m, const float *buf, int n)
{
	if (m->key_out)
		memcpy(m->key_out, buf, sizeof(float) * 2 * (size_t)n);
}

/* The fader stage: the ramp (fader, pan, mute, solo), or the level lanes; then the
 * meter. */
static void fader_rt(struct engine *e, struct graph_mix *m, const struct live_lanes *ll,
	float *buf, int64_t pos, int n)
{
	if (ll->level)
		level_lanes_rt(e, m, ll, buf, pos, n);
	else if (e->offline)
		gain_rt(&m->ramp, buf, n); /* a render reads no meter (render.c) */
	else
		gain_meter_rt(&m->ramp, buf, n, m->peak, m->sum_sq);
}

/* A strip's finished block into its output (a bus, or out: the master sum), through
 * its output's own compensating delay; with stems, what reaches the master is also
 * its stem. Every strip comes here once a segment, the only one to write its stem:
 * the block is stored as 0 + x, what adding it to zeros gave (a -0 stays +0 as in the
 * master's sum), and no stem is cleared first. A strip into a bus has a silent stem,
 * written as zeros here each segment too: the file's sink dithers a stem's block in
 * place, so zeros kept from graph_stems_alloc would carry each block's dither into the
 * next and grow into noise. */
static void output_rt(struct engine *e, struct graph_mix *m, const float *buf, float *out,
	int n)
{
	struct graph *g = e->graph;
	const float *fed = feed_delay_rt(g, &m->out_delay, buf, n);
	mix_add_rt(m->output >= 0 ? g->buses[m->output].buf : out, fed, n * 2);
	if (m->stem) {
		float *restrict stem = m->stem + (out - e->out_start);
		if (m->output < 0) {
			for (int i = 0; i < n * 2; i++)
				stem[i] = fed[i] + 0.0f;
		} else {
			memset(stem, 0, sizeof(float) * 2 * (size_t)n);
		}
	}
}

/* After the strips play, each stem through the master chain as the mix went through it
 * (its copies of the linear inserts; the gains the mix's dynamics recorded, which is
 * why the mix's chain runs first) and the master's fader as it moved in this segment
 * (ramp: the fader before the mix's). */
static void stems_master_rt(struct engine *e, const float *out, int n,
	const struct gain_ramp *ramp)
{
	struct graph *g = e->graph;
	for (int s = 0; s < g->n_stems; s++) {
		/* a strip that plays into a bus has a silent stem (its sound is in the bus's):
		 * zeros through a chain that has only ever had zeros stay zeros */
		if (graph_strip_mix(g, s)->output >= 0)
			continue;
		float *buf = graph_strip_mix(g, s)->stem + (out - e->out_start);
		struct fx_chain *chain = &g->stem_master[s];
		/* a strip resting, its copy of the master chain at rest too: silence out,
		 * without running the chain (or the fader, on zeros), written as +0 as the
		 * render writes a silent stem block */
		if (chain->n && dsp_all_zero(buf, 2L * n) && fx_chain_idle_rt(chain)) {
			fx_chain_skip_rt(chain, n);
			memset(buf, 0, sizeof(float) * 2 * (size_t)n);
			continue;
		}
		if (chain->n)
			fx_chain_process_rt(chain, buf, n);
		struct gain_ramp r = *ramp;
		gain_rt(&r, buf, n);   /* nobody reads a stem's meter */
	}
}

void engine_strip_outs_rt(struct engine *e, const struct engine_strip_out *outs, int n)
{
	e->strip_outs = outs;
	e->n_strip_outs = outs ? n : 0;
}

/* Strip s's finished block (after its fader) to its per-strip output, if it has one;
 * out is the segment's place in the call's output. */
static void strip_out_rt(struct engine *e, int s, const float *buf, const float *out, int n)
{
	if (s >= e->n_strip_outs || !e->strip_outs[s].l)
		return;
	const struct engine_strip_out *o = &e->strip_outs[s];
	const size_t at = (size_t)(out - e->out_start) / 2;
	for (int i = 0; i < n; i++) {
		o->l[at + (size_t)i] = buf[2 * i];
		o->r[at + (size_t)i] = buf[2 * i + 1];
	}
}

/* One strip's mix, on its stereo signal in buf (the playhead at frame pos of the song):
 * its compensating delay, inserts, pre-fader sends, fader and pan, meter, post-fader
 * sends, then into its output. Its lanes are read at the song frame that reaches each
 * stage (the playhead less the delays before it), so automation stays on the music. */
static void mix_strip_rt(struct engine *e, int strip, struct graph_mix *m, float *buf,
	float *out, int64_t pos, int n)
{
	struct graph *g = e->graph;
	struct live_lanes ll;
	live_lanes_rt(m, &ll);
	pdc_line_process_rt(&m->in_delay, buf, n);
	keys_rt(g, m, n);
	inserts_rt(m, &ll, buf, pos - m->lag_inserts, n);
	engine_strip_tap_rt(e, m, buf, n);
	sends_rt(g, m, &ll, true, buf, pos - m->lag_fader, n);
	fader_rt(e, m, &ll, buf, pos - m->lag_fader, n);
	key_out_rt(m, buf, n);
	strip_out_rt(e, strip, buf, out, n);
	sends_rt(g, m, &ll, false, buf, pos - m->lag_fader, n);
	output_rt(e, m, buf, out, n);
}

/* A track's own part of a block, into buf: its clips, spread to stereo, its
 * compensating delay, inserts, a copy for pre-fader sends (pre, when not NULL), fader
 * and pan, meter. false: the disk fell behind. */
static bool track_block_rt(struct engine *e, struct graph_track *tr, float *buf, float *pre,
	int64_t pos, int n)
{
	bool ok = pull_track_rt(e, tr, pos, buf, n);
	if (tr->channels == 1) {
		/* spread mono in place, back to front */
		for (int i = n - 1; i >= 0; i--)
			buf[i * 2] = buf[i * 2 + 1] = buf[i];
	}
	struct live_lanes ll;
	live_lanes_rt(&tr->mix, &ll);
	pdc_line_process_rt(&tr->mix.in_delay, buf, n);
	keys_rt(e->graph, &tr->mix, n);
	inserts_rt(&tr->mix, &ll, buf, pos - tr->mix.lag_inserts, n);
	engine_strip_tap_rt(e, &tr->mix, buf, n);
	if (pre)
		memcpy(pre, buf, sizeof(float) * 2 * (size_t)n);
	fader_rt(e, &tr->mix, &ll, buf, pos - tr->mix.lag_fader, n);
	key_out_rt(&tr->mix, buf, n);
	return ok;
}

/* Take tracks by the shared counter until none is left (render thread and helpers),
 * into the set of buffers the job names. */
static void take_tracks_rt(struct engine *e)
{
	struct graph *g = e->graph;
	const int set = e->job_set;
	const size_t half = set ? ENGINE_MAX_BLOCK : 0;
	int t;
	while ((t = atomic_fetch_add_explicit(&e->next_track, 1, memory_order_relaxed))
		< g->n_tracks) {
		struct graph_track *tr = &g->tracks[t];
		if (!tr->keyed)
			tr->par_stalled[set] = !track_block_rt(e, tr, tr->par_out + half,
				tr->par_pre ? tr->par_pre + half : NULL, e->job_pos, e->job_n);
	}
}

static void *helper_main(void *arg)
{
	const struct engine_helper *me = arg;
	struct engine *e = me->e;
	const int h = me->index;
	for (;;) {
		while (sem_wait(&e->go[h]) != 0)
			; /* EINTR */
		if (atomic_load_explicit(&e->helpers_quit, memory_order_acquire))
			break;
		take_tracks_rt(e);
		sem_post(&e->done);
	}
	return NULL;
}

/* Start the helpers on the tracks of frames [pos, pos + n) into buffer set `set`
 * (the semaphore's post publishes the job)... */
static void tracks_go_rt(struct engine *e, int64_t pos, int n, int set)
{
	e->job_pos = pos;
	e->job_n = n;
	e->job_set = set;
	atomic_store_explicit(&e->next_track, 0, memory_order_relaxed);
	for (int h = 0; h < e->n_helpers; h++)
		sem_post(&e->go[h]);
}

/* ...and take tracks of it on this thread too until none is left, then wait for the
 * helpers to finish theirs. */
static void tracks_join_rt(struct engine *e)
{
	take_tracks_rt(e);
	for (int h = 0; h < e->n_helpers; h++)
		while (sem_wait(&e->done) != 0)
			; /* EINTR */
}

/* The tracks' finished blocks from buffer set `set` into the sums, in track order as
 * the one-thread path adds them (the same samples, bit for bit); pos: the song frame
 * of out[0]. */
static void tracks_sum_rt(struct engine *e, float *out, int64_t pos, int n, int set)
{
	struct graph *g = e->graph;
	const size_t half = set ? ENGINE_MAX_BLOCK : 0;
	for (int t = 0; t < g->n_tracks; t++) {
		struct graph_track *tr = &g->tracks[t];
		struct graph_mix *m = &tr->mix;
		const float *o = tr->par_out + half;
		if (tr->par_stalled[set])
			e->resync = true;
		strip_out_rt(e, t, o, out, n);
		struct live_lanes ll;
		live_lanes_rt(m, &ll);
		sends_rt(g, m, &ll, true, tr->par_pre ? tr->par_pre + half : NULL,
			pos - m->lag_fader, n);
		sends_rt(g, m, &ll, false, o, pos - m->lag_fader, n);
		output_rt(e, m, o, out, n);
	}
}

/* The tracks of a block on every thread at once, then the sums. */
static void tracks_parallel_rt(struct engine *e, float *out, int n)
{
	struct graph *g = e->graph;
	tracks_go_rt(e, e->playhead, n, 0);
	tracks_join_rt(e);
	/* tracks keyed by tracks, once their keys have played */
	for (int i = 0; i < g->n_key_tracks; i++) {
		struct graph_track *tr = &g->tracks[g->key_tracks[i]];
		tr->par_stalled[0] = !track_block_rt(e, tr, tr->par_out, tr->par_pre, e->playhead,
			n);
	}
	tracks_sum_rt(e, out, e->playhead, n, 0);
}

/* Track t's block on this thread, into the output. */
static void track_single_rt(struct engine *e, int t, float *out, int n)
{
	struct graph_track *tr = &e->graph->tracks[t];
	float *tb = e->tbuf;
	if (!pull_track_rt(e, tr, e->playhead, tb, n))
		e->resync = true;
	if (tr->channels == 1) {
		/* spread mono in place, back to front */
		for (int i = n - 1; i >= 0; i--)
			tb[i * 2] = tb[i * 2 + 1] = tb[i];
	}
	mix_strip_rt(e, t, &tr->mix, tb, out, e->playhead, n);
}

/* Before the strips play: empty buses (the stems need no clearing: output_rt). */
static void sums_clear_rt(struct engine *e, int n)
{
	struct graph *g = e->graph;
	for (int b = 0; b < g->n_buses; b++)
		memset(g->buses[b].buf, 0, sizeof(float) * 2 * (size_t)n);
}

/* After the tracks: the buses, the master chain and fader, the taps and the stems;
 * pos: the song frame of out[0]. */
static void sums_finish_rt(struct engine *e, float *out, int64_t pos, int n)
{
	struct graph *g = e->graph;
	/* each bus is complete once every strip before it in bus_order has played */
	for (int i = 0; i < g->n_buses; i++) {
		struct graph_bus *b = &g->buses[g->bus_order[i]];
		mix_strip_rt(e, g->n_tracks + g->bus_order[i], &b->mix, b->buf, out, pos, n);
	}
	if (e->tap_active)
		engine_tap_side_push_rt(e, &e->tap_pre, out, n);
	if (g->master_inserts.n)
		fx_chain_process_rt(&g->master_inserts, out, n);
	engine_strip_tap_rt(e, NULL, out, n);
	const struct gain_ramp fader = g->master_ramp;
	if (e->offline)
		gain_rt(&g->master_ramp, out, n);
	else
		gain_meter_rt(&g->master_ramp, out, n, g->master_peak, g->master_sum_sq);
	if (g->n_stems)
		stems_master_rt(e, out, n, &fader);
	if (e->tap_active)
		engine_tap_side_push_rt(e, &e->tap_master, out, n);
}

/* A parallel render's segment in sub-blocks of ENGINE_PIPE_FRAMES: while this thread
 * sums sub-block s (its tracks' sends and outputs, the buses, the master: the part
 * that waits for every track), the helpers play the tracks of s + 1 into the other
 * set of buffers, and this thread joins them when done. Every stage runs on the same
 * frames in the same order as in one block (each is block-size independent), so the
 * samples are those of one thread. */
#define ENGINE_PIPE_FRAMES 1024
static void segment_pipelined_rt(struct engine *e, float *out, int n)
{
	const int64_t pos0 = e->playhead;
	int len = n < ENGINE_PIPE_FRAMES ? n : ENGINE_PIPE_FRAMES;
	tracks_go_rt(e, pos0, len, 0);
	tracks_join_rt(e);
	for (int off = 0, set = 0; off < n; set ^= 1) {
		const int next_off = off + len;
		const int next_len = n - next_off < ENGINE_PIPE_FRAMES ? n - next_off
			: ENGINE_PIPE_FRAMES;
		if (next_len > 0)
			tracks_go_rt(e, pos0 + next_off, next_len, set ^ 1);
		float *o = out + (size_t)off * 2;
		sums_clear_rt(e, len);
		tracks_sum_rt(e, o, pos0 + off, len, set);
		sums_finish_rt(e, o, pos0 + off, len);
		if (next_len > 0)
			tracks_join_rt(e);
		off = next_off;
		len = next_len;
	}
}

static void render_segment_rt(struct engine *e, float *out, int n)
{
	struct graph *g = e->graph;
	const bool parallel = e->n_helpers > 0 && g->n_tracks > 1 && g->tracks[0].par_out;
	if (parallel && g->par_pipe && n > ENGINE_PIPE_FRAMES) {
		segment_pipelined_rt(e, out, n);
		return;
	}
	sums_clear_rt(e, n);
	if (parallel) {
		tracks_parallel_rt(e, out, n);
	} else {
		/* tracks keyed by tracks after the others, once their keys have played */
		for (int i = 0; i < g->n_tracks + g->n_key_tracks; i++) {
			const int t = i < g->n_tracks ? i : g->key_tracks[i - g->n_tracks];
			if (i < g->n_tracks && g->tracks[t].keyed)
				continue;
			track_single_rt(e, t, out, n);
		}
	}
	sums_finish_rt(e, out, e->playhead, n);
}

enum err engine_render_threads(struct engine *e, int threads, struct err_msg *msg)
{
	if (threads > ENGINE_MAX_THREADS)
		threads = ENGINE_MAX_THREADS;
	if (sem_init(&e->done, 0, 0) != 0)
		return err_set(msg, ERR_OK, "render: one thread (no semaphore: %s)",
			strerror(errno));
	for (int h = 0; h < threads - 1; h++) {
		if (sem_init(&e->go[h], 0, 0) != 0)
			break;
		e->helper_arg[h] = (struct engine_helper){ e, h };
		e->n_helpers = h + 1;
		if (pthread_create(&e->helpers[h], NULL, helper_main, &e->helper_arg[h]) != 0) {
			sem_destroy(&e->go[h]);
			e->n_helpers = h;
			return err_set(msg, ERR_OK, "render: %d threads (no more: %s)", h + 1,
				strerror(errno));
		}
	}
	return ERR_OK;
}

static void helpers_stop(struct engine *e)
{
	if (e->n_helpers == 0)
		return;
	atomic_store_explicit(&e->helpers_quit, true, memory_order_release);
	for (int h = 0; h < e->n_helpers; h++)
		sem_post(&e->go[h]);
	for (int h = 0; h < e->n_helpers; h++) {
		pthread_join(e->helpers[h], NULL);
		sem_destroy(&e->go[h]);
	}
	sem_destroy(&e->done);
	e->n_helpers = 0;
}

static void post_meter_rt(struct engine *e, int strip, float peak[2], double sum[2])
{
	/* the frames actually summed: blocks do not fall on the period's edges */
	const double n = e->meter_frames > 0 ? (double)e->meter_frames : 1.0;
	struct event ev = { .type = EV_METER, .strip = strip };
	for (int c = 0; c < 2; c++) {
		ev.peak[c] = peak[c];
		ev.rms[c] = (float)sqrt(sum[c] / n);
		peak[c] = 0.0f;
		sum[c] = 0.0;
	}
	post_rt(e, &ev);
}

/* Meters of every strip: tracks 0.., buses n_tracks.., the master (STRIP_MASTER). */
static void post_meters_rt(struct engine *e)
{
	struct graph *g = e->graph;
	if (g) {
		post_meter_rt(e, STRIP_MASTER, g->master_peak, g->master_sum_sq);
		for (int t = 0; t < g->n_tracks; t++) {
			struct graph_track *tr = &g->tracks[t];
			post_meter_rt(e, t, tr->mix.peak, tr->mix.sum_sq);
			if (tr->underruns) {
				struct event u = { .type = EV_UNDERRUN, .strip = t,
					.count = tr->underruns };
				post_rt(e, &u);
				tr->underruns = 0;
			}
		}
		for (int b = 0; b < g->n_buses; b++)
			post_meter_rt(e, g->n_tracks + b, g->buses[b].mix.peak, g->buses[b].mix.sum_sq);
	}
	post_transport_rt(e);
}

static int process_block_rt(struct engine *e, float *out, int n)
{
	memset(out, 0, sizeof(float) * (size_t)n * 2);
	struct graph *g = e->graph;
	if (!g)
		return 0;
	if (!e->playing) {
		/* keep handing stale chunks back so a locate while stopped refills */
		for (int t = 0; t < g->n_tracks; t++)
			hold_chunk_rt(e, &g->tracks[t]);
		return 0;
	}
	if (e->waiting) {
		/* roll only once the read-ahead is whole (issue 23, goal 8): the disk thread's
		 * reading after a play or a locate is then over before the first period, not
		 * competing with it, and nothing the first seconds need is still on its way */
		if (!all_ready_rt(e) || (!e->offline && !pool_full_rt(e))) {
			e->meter_left -= n;
			if (e->meter_left <= 0) {
				e->meter_left += e->meter_period;
				post_transport_rt(e);
			}
			return 0;
		}
		e->waiting = false;
		post_transport_rt(e);
	}
	int done = 0;
	while (done < n) {
		if (e->pending && e->pending_in == 0) {
			swap_pending_rt(e);
			if (!all_ready_rt(e)) {
				/* its read-ahead is late: wait for it as after a locate */
				e->waiting = true;
				post_transport_rt(e);
				return done;
			}
		}
		int seg = n - done;
		if (e->loop_on && e->playhead < e->loop_end && e->loop_end - e->playhead < seg)
			seg = (int)(e->loop_end - e->playhead);
		if (e->pending && e->pending_in < seg)
			seg = (int)e->pending_in;
		if (e->pending)
			e->pending_in -= seg;
		render_segment_rt(e, out + (size_t)done * 2, seg);
		e->playhead += seg;
		done += seg;
		if (e->loop_on && e->playhead == e->loop_end)
			e->playhead = e->loop_start;
		e->meter_left -= seg;
		e->meter_frames += seg;
		if (e->meter_left <= 0) {
			e->meter_left += e->meter_period;
			post_meters_rt(e);
			e->meter_frames = 0;
		}
	}
	return n;
}

/* Monotonic nanoseconds. On x86-64 and modern ARM Linux clock_gettime is served by the
 * vDSO without a system call; where the clock source lacks vDSO support it falls back
 * to a real (short, non-blocking) system call: the price of the load meter there. */
static uint64_t now_ns_rt(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (uint64_t)ts.tv_sec * 1000000000u + (uint64_t)ts.tv_nsec;
}

/* CPU time this thread has used, nanoseconds: a short system call (no vDSO for thread
 * clocks), once a callback. It leaves out the time the thread was kept from running
 * (other threads, interrupts, a hypervisor's steal), which the wall clock holds. */
static uint64_t thread_cpu_ns_rt(void)
{
	struct timespec ts;
	if (clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts) != 0)
		return 0;
	return (uint64_t)ts.tv_sec * 1000000000u + (uint64_t)ts.tv_nsec;
}

static void note_max_rt(_Atomic uint64_t *max, uint64_t ppm)
{
	/* only this thread writes the maximum, so load-compare-store is enough */
	if (ppm > atomic_load_explicit(max, memory_order_relaxed))
		atomic_store_explicit(max, ppm, memory_order_relaxed);
}

/* ns: the callback's wall time; cpu0: the thread's CPU time at its start; played: the
 * frames the transport advanced in it */
static void note_load_rt(struct engine *e, uint64_t ns, uint64_t cpu0, int frames,
	int played)
{
	if (frames <= 0)
		return;
	uint64_t period_ns = (uint64_t)frames * 1000000000u / (uint64_t)e->sample_rate;
	uint64_t ppm = period_ns ? ns * 1000000u / period_ns : 0;
	atomic_fetch_add_explicit(&e->load_callbacks, 1, memory_order_relaxed);
	atomic_fetch_add_explicit(&e->load_sum_ppm, ppm, memory_order_relaxed);
	const uint64_t cpu = thread_cpu_ns_rt() - cpu0;
	const uint64_t cpu_ppm = period_ns ? cpu * 1000000u / period_ns : 0;
	note_max_rt(&e->load_max_ppm, ppm);
	if (e->start_left > 0) {
		note_max_rt(&e->load_start_max_ppm, ppm);
		note_max_rt(&e->cpu_start_max_ppm, cpu_ppm);
		e->start_left -= played;
	} else {
		note_max_rt(&e->load_steady_max_ppm, ppm);
		note_max_rt(&e->cpu_steady_max_ppm, cpu_ppm);
	}
	/* late: by its own work, or because it could not run */
	if (ns > period_ns)
		atomic_fetch_add_explicit(cpu > period_ns ? &e->load_overruns : &e->load_stalls, 1,
			memory_order_relaxed);
}

void engine_dsp_load(const struct engine *e, struct engine_load *out)
{
	uint64_t n = atomic_load_explicit(&e->load_callbacks, memory_order_relaxed);
	uint64_t sum = atomic_load_explicit(&e->load_sum_ppm, memory_order_relaxed);
	out->callbacks = n;
	out->mean = n ? (double)sum / (double)n / 1e6 : 0.0;
	out->worst = (double)atomic_load_explicit(&e->load_max_ppm, memory_order_relaxed) / 1e6;
	out->worst_start = (double)atomic_load_explicit(&e->load_start_max_ppm,
		memory_order_relaxed) / 1e6;
	out->worst_steady = (double)atomic_load_explicit(&e->load_steady_max_ppm,
		memory_order_relaxed) / 1e6;
	out->cpu_worst_start = (double)atomic_load_explicit(&e->cpu_start_max_ppm,
		memory_order_relaxed) / 1e6;
	out->cpu_worst_steady = (double)atomic_load_explicit(&e->cpu_steady_max_ppm,
		memory_order_relaxed) / 1e6;
	out->overruns = atomic_load_explicit(&e->load_overruns, memory_order_relaxed);
	out->stalls = atomic_load_explicit(&e->load_stalls, memory_order_relaxed);
}

void engine_dsp_load_reset(struct engine *e)
{
	/* the audio thread may store a new worst at the same moment: then that one stays,
	 * which is as true a worst as any */
	atomic_store_explicit(&e->load_max_ppm, 0, memory_order_relaxed);
	atomic_store_explicit(&e->load_start_max_ppm, 0, memory_order_relaxed);
	atomic_store_explicit(&e->load_steady_max_ppm, 0, memory_order_relaxed);
	atomic_store_explicit(&e->cpu_start_max_ppm, 0, memory_order_relaxed);
	atomic_store_explicit(&e->cpu_steady_max_ppm, 0, memory_order_relaxed);
	atomic_store_explicit(&e->load_overruns, 0, memory_order_relaxed);
	atomic_store_explicit(&e->load_stalls, 0, memory_order_relaxed);
}


/* The stack a callback may use (the engine's own frames and an insert's), made resident
 * once per thread at its first callback, while nothing plays yet (a driver starts
 * stopped, and a transport that is told to play waits for the disk first): its pages
 * would otherwise fault in at the first callbacks that go that deep, when the song
 * starts. */
#define ENGINE_STACK_WARM (64 * 1024)
static _Thread_local bool stack_warm;

static __attribute__((noinline)) void warm_stack_rt(void)
{
	volatile unsigned char pad[ENGINE_STACK_WARM];
	for (size_t i = 0; i < sizeof pad; i += 4096)
		pad[i] = 0;
	pad[sizeof pad - 1] = 0;
}

int engine_process_rt(struct engine *e, float *out, int frames)
{
	rtguard_enter_rt();
	if (!stack_warm) {
		warm_stack_rt();
		stack_warm = true;
	}
	const uint64_t t0 = now_ns_rt(), cpu0 = thread_cpu_ns_rt();
	const int total = frames;
	e->out_start = out;
	const bool tap_on = atomic_load_explicit(&e->tap_on, memory_order_relaxed);
	if (!tap_on)
		e->tap_master.fill_frames = 0; /* gathered before turning off: stale */
	e->tap_active = tap_on;
	const bool had_cmds = ring_count_rt(e->cmds) > 0;
	drain_cmds_rt(e);
	int played = 0;
	while (frames > 0) {
		int n = frames < ENGINE_MAX_BLOCK ? frames : ENGINE_MAX_BLOCK;
		played += process_block_rt(e, out, n);
		out += (size_t)n * 2;
		frames -= n;
	}
	if (e->resync && ring_space_rt(e->disk_reqs) > 0)
		request_disk_rt(e);
	/* graphs played no more go to the disk thread with the request it already has */
	if (retire_pending_rt(e) && ring_space_rt(e->disk_reqs) > 0)
		push_req_rt(e, e->last_req);
	atomic_store_explicit(&e->playhead_pub, e->playhead, memory_order_relaxed);
	note_load_rt(e, now_ns_rt() - t0, cpu0, total, played);
	engine_rest_note_rt(e, total, had_cmds);
	rtguard_leave_rt();
	return played;
}
