#include "src/graph_build.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "audio/cmd.h"
#include "audio/lv2/lv2.h"
#include "audio/dsp/pan.h"
#include "audio/graph_key.h"
#include "audio/media.h"
#include "audio/render.h"
#include "src/base/fnv.h"
#include "src/pitch.h"
#include "src/base/xalloc.h"

_Static_assert(PROJECT_MAX_SENDS <= GRAPH_MAX_SENDS, "a project's sends must fit a graph");
_Static_assert(PROJECT_STRIP_MASTER == STRIP_MASTER, "strips are numbered as the engine's");

long long graph_frames(double seconds, int sample_rate)
{
	return llround(seconds * sample_rate);
}

static int clip_cmp(const void *a, const void *b)
{
	const struct graph_clip *x = a, *y = b;
	return (x->start > y->start) - (x->start < y->start);
}

/* Create a strip's inserts (allocation happens here, never on the audio thread). An
 * LV2 plug-in with the state extension gets the state the project keeps for it
 * (audio/lv2/lv2.h): kind and name say which strip's. */
static void build_inserts(struct fx_chain *chain, const struct project_insert *ins, int n,
	const struct project *p, bool offline, const char *kind, const char *name,
	struct diag *diag)
{
	for (int i = 0; i < n && chain->n < FX_MAX_INSERTS; i++) {
		struct fx_insert *fx = fx_insert_create(ins[i].cls, p->sample_rate, ins[i].params,
			ins[i].bypass);
		if (!fx)
			xalloc_die();
		fx_insert_set_tempo_rt(fx, p->tempo_bpm);
		if (lv2_class_has_state(ins[i].cls) && p->dir) {
			char *file = lv2_state_path(p->dir, kind, name, i + 1);
			struct err_msg msg;
			if (lv2_state_attach(fx->state, file, ins[i].lv2_state, ins[i].lv2_serial,
				&msg) != ERR_OK)
				diag_add(diag, DIAG_WARNING, "%s", msg.text);
			free(file);
		}
		fx->ab_meter = !offline; /* a render has no A/B to match levels for */
		chain->slot[chain->n++] = fx;
	}
}

/* A strip's output and sends, as bus indices, into the graph. The project's routing
 * was checked when it was loaded or edited; a name that no longer resolves plays into
 * the master (output) or is dropped (send) rather than failing the build. */
static void build_routing(struct graph_mix *m, const struct project *p,
	const struct project_strip *s)
{
	const struct project_send *sends = s->sends;
	const int n_sends = s->n_sends;
	int out = project_output_bus(p, s->output);
	int dest[PROJECT_MAX_SENDS];
	bool pre[PROJECT_MAX_SENDS];
	float level[PROJECT_MAX_SENDS];
	int n = 0;
	for (int i = 0; i < n_sends && n < PROJECT_MAX_SENDS; i++) {
		int d = project_find_bus(p, sends[i].bus);
		if (d < 0)
			continue;
		dest[n] = d;
		pre[n] = sends[i].pre_fader;
		level[n] = (float)sends[i].level_db;
		n++;
	}
	graph_set_routing(m, out < 0 ? -1 : out, n, dest, pre, level);
}

/* The engine's name for a control a lane drives (project_auto_target gives only
 * these five). */
static enum graph_lane_target lane_target(enum control_id c)
{
	return c == CONTROL_PAN ? LANE_PAN : c == CONTROL_MUTE ? LANE_MUTE
		: c == CONTROL_SEND_LEVEL ? LANE_SEND : c == CONTROL_INSERT_PARAM ? LANE_INSERT
		: LANE_GAIN;
}

/* A strip's automation into the graph: every lane in the project's order (so the
 * studio can name one by its index), times as frames. Sends are named by index in the
 * graph as in the project (build_routing keeps every send of a checked project). */
static void build_lanes(struct graph_mix *m, const struct project *p,
	const struct project_strip *s)
{
	graph_set_lanes(m, s->n_lanes);
	for (int i = 0; i < s->n_lanes; i++) {
		const struct project_lane *pl = &s->lanes[i];
		struct graph_lane *gl = &m->lanes[i];
		enum control_id target;
		if (!project_auto_target(pl->param, s->sends, s->n_sends, s->inserts, s->n_inserts,
			&target,
			&gl->index, &gl->param, NULL, 0) || (target == CONTROL_SEND_LEVEL
			&& gl->index >= m->n_sends) || (target == CONTROL_INSERT_PARAM
			&& gl->index >= m->inserts.n))
			continue; /* inactive: the routing or chain changed under it */
		gl->target = lane_target(target);
		gl->active = pl->mode != AUTO_OFF && pl->n_points > 0;
		gl->last = NAN;
		if (!gl->active)
			continue;
		gl->n = pl->n_points;
		gl->frames = xcalloc((size_t)gl->n, sizeof *gl->frames);
		gl->values = xcalloc((size_t)gl->n, sizeof *gl->values);
		for (int k = 0; k < gl->n; k++) {
			gl->frames[k] = graph_frames(pl->points[k].time, p->sample_rate);
			gl->values[k] = pl->points[k].value;
		}
	}
}

/* A track's or a bus's strip into its mix: fader, pan, switches, inserts, routing
 * and automation, one path for both. */
static void build_strip(struct graph_mix *m, const struct project *p,
	const struct project_strip *s, bool offline, const char *kind, struct diag *diag)
{
	m->gain_db = (float)s->gain_db;
	m->pan = (float)s->pan;
	m->mute = s->mute;
	m->solo = s->solo;
	m->solo_safe = s->solo_safe;
	build_inserts(&m->inserts, s->inserts, s->n_inserts, p, offline, kind, s->name, diag);
	build_routing(m, p, s);
	build_lanes(m, p, s);
}

static uint64_t fnv_int(uint64_t h, int64_t v)
{
	return fnv1a(h, &v, sizeof v);
}

static uint64_t fnv_str(uint64_t h, const char *s)
{
	return fnv1a(h, s, strlen(s) + 1);
}

static uint64_t chain_layout(uint64_t h, const struct fx_chain *c)
{
	h = fnv_int(h, c->n);
	for (int i = 0; i < c->n; i++)
		h = fnv_str(h, c->slot[i]->cls->uri ? c->slot[i]->cls->uri : c->slot[i]->cls->name);
	return h;
}

static uint64_t mix_layout(uint64_t h, const char *name, const struct graph_mix *m)
{
	h = chain_layout(fnv_str(h, name), &m->inserts);
	h = fnv_int(h, m->n_sends);
	for (int i = 0; i < m->n_sends; i++)
		h = fnv_int(h, m->sends[i].dest);
	h = fnv_int(h, m->n_lanes);
	for (int i = 0; i < m->n_lanes; i++) {
		h = fnv_int(h, m->lanes[i].target);
		h = fnv_int(h, m->lanes[i].index);
		h = fnv_int(h, m->lanes[i].param);
	}
	return h;
}

/* graph.h, layout: what commands' numbers refer to. Never 0. Also names each strip
 * (graph_mix.ident). */
static uint64_t strip_ident(char kind, const char *name)
{
	const uint64_t h = fnv_str(fnv_int(FNV1A_INIT, kind), name);
	return h ? h : 1;
}

static uint64_t graph_layout(const struct project *p, struct graph *g)
{
	uint64_t h = FNV1A_INIT;
	h = fnv_int(h, g->n_tracks);
	h = fnv_int(h, g->n_buses);
	for (int t = 0; t < g->n_tracks; t++) {
		g->tracks[t].mix.ident = strip_ident('t', p->tracks[t].strip.name);
		h = mix_layout(h, p->tracks[t].strip.name, &g->tracks[t].mix);
	}
	for (int b = 0; b < g->n_buses; b++) {
		g->buses[b].mix.ident = strip_ident('b', p->buses[b].strip.name);
		h = mix_layout(h, p->buses[b].strip.name, &g->buses[b].mix);
	}
	h = chain_layout(h, &g->master_inserts);
	return h ? h : 1;
}

/* The sidechain keys (checked with the routing when the project was read or edited):
 * each into the graph, which plays its source first. One that no longer resolves
 * leaves its insert hearing its own input. */
static void build_keys(struct graph *g, const struct project *p)
{
	for (int s = 0; s < p->n_tracks + p->n_buses; s++) {
		const struct project_strip *st = s < p->n_tracks ? &p->tracks[s].strip
			: &p->buses[s - p->n_tracks].strip;
		for (int i = 0; i < st->n_inserts; i++) {
			const int src = st->inserts[i].sidechain
				? project_key_source(p, st->inserts[i].sidechain) : -1;
			if (src >= 0 && !(s < p->n_tracks && src >= p->n_tracks))
				graph_set_key(g, s, i, src);
		}
	}
}

enum err graph_build(const struct project *p, bool offline_render, struct graph **out,
	struct diag *diag)
{
	const int rate = p->sample_rate;
	struct graph *g = graph_create(rate, p->n_tracks);
	if (!(g->media = media_pool_create(0)))
		xalloc_die();
	g->pan_law_db = p->pan_law_db;
	g->master_gain_db = (float)p->master.gain_db;
	build_inserts(&g->master_inserts, p->master.inserts, p->master.n_inserts, p,
		offline_render, "master", NULL, diag);
	if (p->n_buses > 0) {
		int *order = xcalloc((size_t)p->n_buses, sizeof *order);
		if (!project_mix_order(p, order)) {
			free(order);
			graph_destroy(g);
			diag_add(diag, DIAG_ERROR, "%s: the buses feed each other in a loop "
				"(ttymix check names it)", p->path);
			return ERR_FORMAT;
		}
		graph_add_buses(g, p->n_buses, order);
		free(order);
		for (int b = 0; b < p->n_buses; b++)
			build_strip(&g->buses[b].mix, p, &p->buses[b].strip, offline_render, "bus",
				diag);
	}
	/* the render's thread count (render_threads_for), for the read-ahead depth */
	int track_inserts = 0;
	for (int t = 0; t < p->n_tracks; t++)
		track_inserts += p->tracks[t].strip.n_inserts;
	for (int t = 0; t < p->n_tracks; t++) {
		const struct project_track *pt = &p->tracks[t];
		struct graph_clip *clips = pt->n_clips
			? xcalloc((size_t)pt->n_clips, sizeof *clips) : NULL;
		int channels = 1, n = 0;
		for (int k = 0; k < pt->n_clips; k++) {
			const struct project_clip *pc = &pt->clips[k];
			struct graph_clip *c = &clips[n];
			/* a pitched clip plays its cache (src/pitch.h); with varispeed, file
			 * seconds stretch by time_scale on the timeline */
			double time_scale;
			c->path = pitch_clip_source(p, pc, &time_scale);
			c->start = graph_frames(pc->start, rate);
			c->offset = graph_frames(pc->offset * time_scale, rate);
			c->gain = (float)db_to_lin_rt(pc->gain_db);
			c->channels = 1;
			struct err_msg msg;
			/* the file opens at the clip's first read, in the graph's pool */
			if (media_reader_open_pooled(&c->reader, g->media, c->path, rate, &msg)
				!= ERR_OK) {
				diag_add(diag, DIAG_WARNING, "%s (track \"%s\": clip offline, plays as silence)",
					msg.text, pt->strip.name);
				c->offline = true;
				c->reader = NULL;
			} else {
				c->channels = media_reader_info(c->reader)->channels;
				if (c->channels == 2)
					channels = 2;
			}
			if (pc->length > 0)
				c->length = graph_frames(pc->length * time_scale, rate);
			else if (c->reader)
				c->length = media_reader_frames(c->reader) - c->offset;
			else
				c->length = 0;
			if (c->length <= 0) {
				if (c->reader)
					diag_add(diag, DIAG_WARNING,
						"%s: offset %g s is past the end of the file (track \"%s\")", c->path,
						pc->offset, pt->strip.name);
				media_reader_close(c->reader);
				free(c->path);
				memset(c, 0, sizeof *c);
				continue;
			}
			c->fade_in = graph_frames(pc->fade_in, rate);
			c->fade_out = graph_frames(pc->fade_out, rate);
			/* the two enums share their order (src/project.h) */
			c->fade_in_shape = (enum graph_fade_shape)pc->fade_in_shape;
			c->fade_out_shape = (enum graph_fade_shape)pc->fade_out_shape;
			if (c->fade_in > c->length)
				c->fade_in = c->length;
			if (c->fade_out > c->length - c->fade_in)
				c->fade_out = c->length - c->fade_in;
			c->cut = c->length; /* until graph_track_crossfades says otherwise */
			if (c->start + c->length > g->end_frame)
				g->end_frame = c->start + c->length;
			n++;
		}
		if (n > 1)
			qsort(clips, (size_t)n, sizeof *clips, clip_cmp);
		graph_track_crossfades(clips, n, graph_frames(p->crossfade_ms / 1000.0, rate));
		graph_track_setup(g, t, channels, clips, n,
			!offline_render ? GRAPH_CHUNKS_PLAYBACK : render_threads_for(track_inserts) > 1
			? GRAPH_CHUNKS_OFFLINE_THREADED : GRAPH_CHUNKS_OFFLINE);
		build_strip(&g->tracks[t].mix, p, &pt->strip, offline_render, "track", diag);
	}
	build_keys(g, p);
	/* every strip's inserts and routing are known: the delays that align them, then
	 * the keys' (which meet their inserts through that plan) */
	graph_pdc_plan(g);
	graph_key_plan(g);
	g->layout = graph_layout(p, g);
	*out = g;
	return ERR_OK;
}

void graph_build_stems(const struct project *p, struct graph *g, struct diag *diag)
{
	const int n = g->n_tracks + g->n_buses;
	/* a strip that plays into a bus adds nothing to the master's sum: its stem is
	 * silence, which the built-in effects keep silent, so it needs no chain (a plug-in
	 * might make sound of silence: with one on the master every stem has a chain) */
	bool built_in = true;
	for (int i = 0; i < p->master.n_inserts; i++)
		built_in &= !p->master.inserts[i].cls->uri;
	struct fx_chain *masters = xcalloc((size_t)(n > 0 ? n : 1), sizeof *masters);
	for (int s = 0; s < n; s++)
		if (!built_in || graph_strip_mix(g, s)->output < 0)
			build_inserts(&masters[s], p->master.inserts, p->master.n_inserts, p, true,
				"master", NULL, diag);
	graph_stems_alloc(g, masters, n);
	free(masters);
}
