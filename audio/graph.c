#include "audio/graph.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "audio/media.h"
#include "src/base/xalloc.h"

struct graph *graph_create(int sample_rate, int n_tracks)
{
	/* touched now, here and below: the audio thread writes these (a page fault each
	 * at its first write otherwise, in the first callbacks after play) */
	struct graph *g = xcalloc_touched(1, sizeof *g);
	g->sample_rate = sample_rate;
	g->pan_law_db = -3.0;
	g->n_tracks = n_tracks;
	g->tracks = n_tracks ? xcalloc_touched((size_t)n_tracks, sizeof *g->tracks) : NULL;
	g->disk_scratch = xcalloc(GRAPH_CHUNK_FRAMES * 2, sizeof(float));
	g->master_ramp.cur[0] = g->master_ramp.cur[1] = 1.0f;
	g->master_ramp.target[0] = g->master_ramp.target[1] = 1.0f;
	for (int t = 0; t < n_tracks; t++) {
		g->tracks[t].held = -1;
		g->tracks[t].mix.output = -1;
		g->tracks[t].mix.channels = 1;
	}
	return g;
}

void graph_add_buses(struct graph *g, int n_buses, const int *order)
{
	g->n_buses = n_buses;
	g->buses = n_buses ? xcalloc_touched((size_t)n_buses, sizeof *g->buses) : NULL;
	g->bus_order = n_buses ? xcalloc((size_t)n_buses, sizeof *g->bus_order) : NULL;
	for (int b = 0; b < n_buses; b++) {
		g->buses[b].mix.channels = 2;
		g->buses[b].mix.output = -1;
		/* written now, so its pages are resident before the audio thread sums into it */
		g->buses[b].buf = fx_alloc_zeroed((size_t)ENGINE_MAX_BLOCK * 2, sizeof(float));
		if (!g->buses[b].buf)
			xalloc_die();
		g->bus_order[b] = order ? order[b] : b;
	}
}

struct graph_mix *graph_strip_mix(struct graph *g, int s)
{
	if (!g || s < 0)
		return NULL;
	if (s < g->n_tracks)
		return &g->tracks[s].mix;
	if (s < g->n_tracks + g->n_buses)
		return &g->buses[s - g->n_tracks].mix;
	return NULL;
}

void graph_set_routing(struct graph_mix *m, int output, int n_sends, const int *dest,
	const bool *pre_fader, const float *level_db)
{
	m->output = output;
	for (int i = 0; i < m->n_sends; i++)
		pdc_line_free(&m->sends[i].delay);
	free(m->sends);
	free(m->dests);
	m->n_sends = n_sends;
	m->sends = n_sends ? xcalloc_touched((size_t)n_sends, sizeof *m->sends) : NULL;
	m->dests = xcalloc((size_t)n_sends + 1, sizeof *m->dests);
	m->n_dests = 0;
	if (output >= 0)
		m->dests[m->n_dests++] = output;
	for (int i = 0; i < n_sends; i++) {
		m->sends[i].dest = dest[i];
		m->sends[i].pre_fader = pre_fader[i];
		m->sends[i].level_db = level_db[i];
		m->dests[m->n_dests++] = dest[i];
	}
}

/* graph.par_pipe: nothing that the tracks' side and the sums' side would share */
static bool pipe_safe(const struct graph *g)
{
	if (g->n_key_tracks > 0)
		return false;
	for (int s = 0; s < g->n_tracks + g->n_buses; s++) {
		const struct graph_mix *m = s < g->n_tracks ? &g->tracks[s].mix
			: &g->buses[s - g->n_tracks].mix;
		if (m->n_keys > 0 || m->key_out)
			return false;
		for (int i = 0; s < g->n_tracks && m->n_sends > 0 && i < m->n_lanes; i++)
			if (m->lanes[i].target == LANE_MUTE)
				return false;
	}
	return true;
}

void graph_alloc_parallel(struct graph *g)
{
	g->par_pipe = pipe_safe(g);
	for (int t = 0; t < g->n_tracks; t++) {
		struct graph_track *tr = &g->tracks[t];
		if (!tr->par_out)
			tr->par_out = xcalloc_touched((size_t)ENGINE_MAX_BLOCK * 2, sizeof(float));
		bool pre = false;
		for (int i = 0; i < tr->mix.n_sends; i++)
			pre |= tr->mix.sends[i].pre_fader;
		if (pre && !tr->par_pre)
			tr->par_pre = xcalloc_touched((size_t)ENGINE_MAX_BLOCK * 2, sizeof(float));
	}
}

/* the gains' record is a ring of whole engine blocks (fx_gains) */
_Static_assert((ENGINE_MAX_BLOCK & (ENGINE_MAX_BLOCK - 1)) == 0,
	"ENGINE_MAX_BLOCK is a power of two");

void graph_stems_alloc(struct graph *g, struct fx_chain *masters, int n_strips)
{
	g->stem_master = xcalloc((size_t)n_strips, sizeof *g->stem_master);
	g->n_stems = n_strips;
	for (int s = 0; s < n_strips; s++) {
		g->stem_master[s] = masters[s];
		graph_strip_mix(g, s)->stem = xcalloc_touched((size_t)ENGINE_MAX_BLOCK * 2,
			sizeof(float));
	}
	for (int i = 0; i < g->master_inserts.n; i++) {
		const struct fx_insert *mix = g->master_inserts.slot[i];
		const struct fx_class *cls = mix->cls;
		if (cls->gains_per_frame <= 0 || !cls->record_gains || !cls->follow_gains)
			continue;
		struct fx_gains *rec = &g->stem_gains[i];
		rec->per_frame = cls->gains_per_frame;
		rec->mask = ENGINE_MAX_BLOCK - 1;
		rec->g = xcalloc_touched((size_t)ENGINE_MAX_BLOCK * (size_t)rec->per_frame,
			sizeof *rec->g);
		cls->record_gains(mix->state, rec);
		for (int s = 0; s < n_strips; s++)
			if (i < masters[s].n && masters[s].slot[i]->cls == cls)
				cls->follow_gains(masters[s].slot[i]->state, rec);
	}
}

/* ---- delay compensation ---- */

/* Where a strip's signal goes: feed 0 is its output, feed k > 0 its send k - 1; a bus
 * index, or -1: the master. */
static int feed_dest(const struct graph_mix *m, int k)
{
	return k == 0 ? m->output : m->sends[k - 1].dest;
}

/* When a feed's signal reaches where it goes, after the playhead: the latest of
 * everything that feeds it (arrival per bus, master for the master's sum). */
static int64_t *dest_time(int64_t *arrival, int64_t *master, int d)
{
	return d < 0 ? master : &arrival[d];
}

/* A strip whose signal leaves its inserts `out` frames after the playhead makes every
 * place it feeds wait at least that long. */
static void reach(const struct graph_mix *m, int64_t out, int64_t *arrival, int64_t *master)
{
	for (int k = 0; k <= m->n_sends; k++) {
		int64_t *t = dest_time(arrival, master, feed_dest(m, k));
		if (out > *t)
			*t = out;
	}
}

/* A strip's delays: each feed needs (when its place is complete) - (when the strip's
 * signal leaves its inserts); the least of those goes in front of its inserts, what
 * a feed needs beyond it on that feed. true when some feed has a delay of its own. */
static bool mix_plan(struct graph_mix *m, int64_t in, int64_t *arrival, int64_t *master)
{
	const int64_t out = in + m->latency;
	int64_t least = INT64_MAX;
	for (int k = 0; k <= m->n_sends; k++) {
		const int64_t need = *dest_time(arrival, master, feed_dest(m, k)) - out;
		if (need < least)
			least = need;
	}
	pdc_line_init(&m->in_delay, (int)least);
	m->lag_inserts = in + least;
	m->lag_fader = m->lag_inserts + m->latency;
	bool own = false;
	for (int k = 0; k <= m->n_sends; k++) {
		const int extra = (int)(*dest_time(arrival, master, feed_dest(m, k)) - out - least);
		pdc_line_init(k == 0 ? &m->out_delay : &m->sends[k - 1].delay, extra);
		own |= extra > 0;
	}
	return own;
}

/* The latest chain of latencies from a strip's feeds to the master (down: each bus's
 * own, from the bus on). */
static int64_t path_after(const struct graph_mix *m, const int64_t *down)
{
	int64_t most = 0;
	for (int k = 0; k <= m->n_sends; k++) {
		const int d = feed_dest(m, k);
		if (d >= 0 && down[d] > most)
			most = down[d];
	}
	return most;
}

void graph_pdc_plan(struct graph *g)
{
	const size_t nb = (size_t)g->n_buses + 1; /* + 1: never a 0-byte allocation */
	int64_t *arrival = xcalloc(nb, sizeof *arrival);
	int64_t *down = xcalloc(nb, sizeof *down);
	int64_t master = 0;
	/* when each bus and the master's sum is complete: tracks first, then each bus
	 * after everything feeding it (bus_order), as the engine mixes them */
	for (int t = 0; t < g->n_tracks; t++) {
		struct graph_mix *m = &g->tracks[t].mix;
		m->latency = fx_chain_latency(&m->inserts);
		reach(m, m->latency, arrival, &master);
	}
	for (int i = 0; i < g->n_buses; i++) {
		const int b = g->bus_order[i];
		struct graph_mix *m = &g->buses[b].mix;
		m->latency = fx_chain_latency(&m->inserts);
		reach(m, arrival[b] + m->latency, arrival, &master);
	}
	bool scratch = false;
	for (int t = 0; t < g->n_tracks; t++)
		scratch |= mix_plan(&g->tracks[t].mix, 0, arrival, &master);
	for (int b = 0; b < g->n_buses; b++)
		scratch |= mix_plan(&g->buses[b].mix, arrival[b], arrival, &master);
	/* what each strip's own path to the master adds up to (for :dsp latency): buses
	 * from the last in the order back, each after the buses it feeds */
	for (int i = g->n_buses - 1; i >= 0; i--) {
		const int b = g->bus_order[i];
		struct graph_mix *m = &g->buses[b].mix;
		down[b] = m->latency + path_after(m, down);
		m->path_latency = (int)down[b];
	}
	for (int t = 0; t < g->n_tracks; t++) {
		struct graph_mix *m = &g->tracks[t].mix;
		m->path_latency = (int)(m->latency + path_after(m, down));
	}
	g->pdc_master_frames = (int)master;
	if (scratch && !g->pdc_scratch
		&& !(g->pdc_scratch = fx_alloc_zeroed((size_t)ENGINE_MAX_BLOCK * 2, sizeof(float))))
		xalloc_die();
	free(arrival);
	free(down);
}

int graph_latency(const struct graph *g)
{
	return g->pdc_master_frames + fx_chain_latency(&g->master_inserts);
}

void graph_set_lanes(struct graph_mix *m, int n)
{
	m->lanes = n ? xcalloc_touched((size_t)n, sizeof *m->lanes) : NULL;
	m->n_lanes = n;
}

double graph_lane_value_rt(struct graph_lane *lane, int64_t f)
{
	const int64_t *fr = lane->frames;
	const int n = lane->n;
	if (f <= fr[0])
		return lane->values[0];
	if (f >= fr[n - 1])
		return lane->values[n - 1];
	int c = lane->cursor;
	if (c < 0 || c >= n - 1 || fr[c] > f) {
		/* a jump back (a locate, a loop): search from the start */
		int lo = 0, hi = n - 1;
		while (hi - lo > 1) {
			int mid = (lo + hi) / 2;
			if (fr[mid] <= f)
				lo = mid;
			else
				hi = mid;
		}
		c = lo;
	}
	while (c < n - 2 && fr[c + 1] <= f)
		c++;
	lane->cursor = c;
	/* fr[c] <= f < fr[c + 1]: at a breakpoint the value is exactly the point's */
	const double span = (double)(fr[c + 1] - fr[c]);
	return lane->values[c] + (lane->values[c + 1] - lane->values[c])
		* ((double)(f - fr[c]) / span);
}

static void mix_free(struct graph_mix *m)
{
	for (int i = 0; i < m->n_lanes; i++) {
		free(m->lanes[i].frames);
		free(m->lanes[i].values);
	}
	free(m->lanes);
	fx_chain_destroy(&m->inserts);
	for (int i = 0; i < m->n_sends; i++)
		pdc_line_free(&m->sends[i].delay);
	pdc_line_free(&m->in_delay);
	pdc_line_free(&m->out_delay);
	free(m->sends);
	free(m->dests);
	for (int k = 0; k < m->n_keys; k++) {
		pdc_line_free(&m->keys[k].line);
		free(m->keys[k].buf);
	}
	free(m->keys);
	free(m->key_out);
	free(m->stem);
}

/* Frames of c that are heard: up to where a later clip has taken over. */
static int64_t clip_heard(const struct graph_clip *c)
{
	return c->cut + c->xfade_out < c->length ? c->cut + c->xfade_out : c->length;
}

void graph_track_setup(struct graph *g, int t, int channels, struct graph_clip *clips,
	int n_clips, int n_chunks)
{
	struct graph_track *tr = &g->tracks[t];
	tr->channels = channels;
	tr->mix.channels = channels;
	tr->clips = clips;
	tr->n_clips = n_clips;
	int64_t reach = INT64_MIN;
	for (int k = 0; k < n_clips; k++) {
		const int64_t end = clips[k].start + clip_heard(&clips[k]);
		if (end > reach)
			reach = end;
		clips[k].reach = reach;
	}
	tr->n_chunks = n_chunks;
	tr->chunks = xcalloc((size_t)n_chunks, sizeof *tr->chunks);
	tr->ready = ring_create((size_t)n_chunks, sizeof(int));
	tr->empty = ring_create((size_t)n_chunks, sizeof(int));
	if (!tr->ready || !tr->empty)
		xalloc_die();
	for (int i = 0; i < n_chunks; i++) {
		tr->chunks[i].data = xcalloc((size_t)GRAPH_CHUNK_FRAMES * (size_t)channels,
			sizeof(float));
		/* before the graph is handed over, this thread may act as the producer */
		ring_push_rt(tr->empty, &i);
	}
	tr->fill_gen = UINT32_MAX; /* no generation filled yet */
	tr->held = -1;
}

void graph_close_files(struct graph *g)
{
	if (g)
		media_pool_close_files(g->media);
}

void graph_destroy(struct graph *g)
{
	if (!g)
		return;
	for (int t = 0; t < g->n_tracks; t++) {
		struct graph_track *tr = &g->tracks[t];
		for (int c = 0; c < tr->n_clips; c++) {
			media_reader_close(tr->clips[c].reader);
			free(tr->clips[c].path);
		}
		free(tr->clips);
		for (int i = 0; i < tr->n_chunks; i++)
			free(tr->chunks[i].data);
		free(tr->chunks);
		ring_destroy(tr->ready);
		ring_destroy(tr->empty);
		mix_free(&tr->mix);
		free(tr->par_out);
		free(tr->par_pre);
	}
	for (int b = 0; b < g->n_buses; b++) {
		mix_free(&g->buses[b].mix);
		free(g->buses[b].buf);
	}
	free(g->buses);
	free(g->bus_order);
	free(g->key_tracks);
	fx_chain_destroy(&g->master_inserts);
	for (int s = 0; s < g->n_stems; s++)
		fx_chain_destroy(&g->stem_master[s]);
	free(g->stem_master);
	for (int i = 0; i < FX_MAX_INSERTS; i++)
		free(g->stem_gains[i].g);
	free(g->tracks);
	free(g->disk_scratch);
	free(g->pdc_scratch);
	media_pool_destroy(g->media); /* after every reader in it */
	free(g);
}

float graph_fade_in_gain(int64_t i, int64_t n)
{
	if (n <= 0 || i >= n)
		return 1.0f;
	if (i <= 0)
		return 0.0f;
	return (float)((double)i / (double)n);
}

float graph_fade_gain(enum graph_fade_shape shape, int64_t i, int64_t n)
{
	if (n <= 0 || i >= n)
		return 1.0f;
	if (i <= 0)
		return 0.0f;
	const double x = (double)i / (double)n;
	switch (shape) {
	case GRAPH_FADE_LINEAR: return (float)x;
	case GRAPH_FADE_EQUAL_POWER: return (float)sin(x * M_PI_2);
	case GRAPH_FADE_S_CURVE: return (float)(0.5 - 0.5 * cos(x * M_PI));
	}
	return (float)x;
}

void graph_track_crossfades(struct graph_clip *clips, int n, int64_t xfade_frames)
{
	for (int k = 0; k + 1 < n; k++) {
		struct graph_clip *a = &clips[k], *b = &clips[k + 1];
		const int64_t a_end = a->start + a->length, b_end = b->start + b->length;
		if (b->start >= a_end || b_end < a_end || b->start < a->start)
			continue;
		const int64_t overlap = a_end - b->start;
		const int64_t x = xfade_frames < overlap ? xfade_frames : overlap;
		a->cut = b->start - a->start;
		a->xfade_out = x;
		if (x > b->xfade_in)
			b->xfade_in = x;
	}
}

/* Equal-power crossfade gains: over j = 0..n-1 the incoming side rises as
 * sin(pi/2 j/n) and the outgoing side falls as cos(pi/2 j/n), so the two squared
 * always sum to 1 (uncorrelated material keeps its power). */
static float xfade_in_gain(int64_t j, int64_t n)
{
	if (n <= 0 || j >= n)
		return 1.0f;
	return j <= 0 ? 0.0f : (float)sin((double)j / (double)n * M_PI_2);
}

static float xfade_out_gain(int64_t j, int64_t n)
{
	if (j < 0)
		return 1.0f;
	if (j >= n)
		return 0.0f;
	return (float)cos((double)j / (double)n * M_PI_2);
}

/* dst += src * gain over n frames; a mono source on a stereo track feeds both sides. */
static void add_gain(float *restrict dst, const float *restrict src, int n, int dst_ch,
	int src_ch, float gain)
{
	if (dst_ch == src_ch) {
		for (int i = 0; i < n * dst_ch; i++)
			dst[i] += src[i] * gain;
	} else {
		for (int i = 0; i < n; i++) {
			float x = src[i] * gain;
			dst[i * 2] += x;
			dst[i * 2 + 1] += x;
		}
	}
}

int graph_fill_disk(struct graph *g, int t, int64_t start, int frames, float *out)
{
	struct graph_track *tr = &g->tracks[t];
	const int ch = tr->channels;
	int failed = -1;
	/* out is cleared before the first clip adds to it; a clip heard alone over all of
	 * it, with no fade there, is read into it directly instead (below) */
	bool cleared = false;
	/* the first clip that may still be heard at start: every one before it ends
	 * earlier (reach only grows) */
	int lo = 0, hi = tr->n_clips;
	while (lo < hi) {
		int mid = lo + (hi - lo) / 2;
		if (tr->clips[mid].reach > start)
			hi = mid;
		else
			lo = mid + 1;
	}
	for (int k = lo; k < tr->n_clips; k++) {
		struct graph_clip *c = &tr->clips[k];
		if (c->start >= start + frames)
			break; /* sorted by start: nothing later overlaps */
		if (c->offline || !c->reader)
			continue;
		/* what is heard of it ends where a later clip has taken over */
		const int64_t heard = clip_heard(c);
		int64_t s = start > c->start ? start : c->start;
		int64_t e = start + frames < c->start + heard ? start + frames : c->start + heard;
		if (s >= e)
			continue;
		int64_t rel = s - c->start;
		int n = (int)(e - s);
		/* frames [plain_from, plain_to) of this stretch need no fade: a plain gain
		 * there, so the common case runs as a simple (vectorisable) loop */
		const int64_t head = c->fade_in > c->xfade_in ? c->fade_in : c->xfade_in;
		int64_t tail_rel = c->length - c->fade_out < c->cut ? c->length - c->fade_out
			: c->cut;
		int64_t from_rel = head - rel, to_rel = tail_rel - rel;
		int plain_from = from_rel <= 0 ? 0 : (from_rel > n ? n : (int)from_rel);
		int plain_to = to_rel < 0 ? 0 : (to_rel > n ? n : (int)to_rel);
		if (plain_from > plain_to)
			plain_from = plain_to;
		const bool alone = !cleared && n == frames && plain_from == 0 && plain_to == n
			&& c->channels == ch
			&& (k + 1 == tr->n_clips || tr->clips[k + 1].start >= start + frames);
		if (alone) {
			/* the one clip heard, all of it at its plain gain: read into out and
			 * scale it there, as 0 + x * gain would make it (+ 0.0f: -0 becomes +0,
			 * all else is unchanged), without clearing out and a pass to add */
			if (media_reader_read(c->reader, c->offset + rel, out, n, &c->error)
				!= ERR_OK) {
				c->offline = true;
				failed = k;
				memset(out, 0, sizeof(float) * (size_t)frames * (size_t)ch);
				cleared = true;
				continue;
			}
			const float gain = c->gain;
			for (int i = 0; i < n * ch; i++)
				out[i] = out[i] * gain + 0.0f;
			cleared = true;
			continue;
		}
		if (!cleared) {
			memset(out, 0, sizeof(float) * (size_t)frames * (size_t)ch);
			cleared = true;
		}
		float *src = g->disk_scratch;
		if (media_reader_read(c->reader, c->offset + rel, src, n, &c->error) != ERR_OK) {
			c->offline = true;
			failed = k;
			continue;
		}
		float *dst = out + (size_t)(s - start) * (size_t)ch;
		for (int i = 0; i < n; i++) {
			if (i == plain_from && plain_to > plain_from) {
				add_gain(dst + (size_t)i * ch, src + (size_t)i * c->channels,
					plain_to - i, ch, c->channels, c->gain);
				i = plain_to - 1;
				continue;
			}
			int64_t pos = rel + i;
			float gain = c->gain
				* graph_fade_gain(c->fade_in_shape, pos, c->fade_in)
				* graph_fade_gain(c->fade_out_shape, c->length - 1 - pos, c->fade_out)
				* xfade_in_gain(pos, c->xfade_in)
				* xfade_out_gain(pos - c->cut, c->xfade_out);
			add_gain(dst + (size_t)i * ch, src + (size_t)i * c->channels, 1, ch,
				c->channels, gain);
		}
	}
	if (!cleared)
		memset(out, 0, sizeof(float) * (size_t)frames * (size_t)ch);
	return failed;
}
