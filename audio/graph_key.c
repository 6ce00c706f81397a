/* Sidechain keys in the render graph: which strip keys which insert, in what order the
 * tracks must play so that every key is ready, and how far each key is delayed to
 * meet its insert's input (docs/dsp.md, "Sidechain keys"). Control thread, at build. */
#include "audio/graph_key.h"

#include <stdlib.h>

#include "src/base/xalloc.h"

/* Strip s's mix: a track, or n_tracks + a bus. */
static struct graph_mix *mix_at(struct graph *g, int s)
{
	if (s < 0 || s >= g->n_tracks + g->n_buses)
		return NULL;
	return s < g->n_tracks ? &g->tracks[s].mix : &g->buses[s - g->n_tracks].mix;
}

void graph_set_key(struct graph *g, int strip, int slot, int src)
{
	struct graph_mix *m = mix_at(g, strip);
	struct graph_mix *s = mix_at(g, src);
	if (!m || !s || src == strip)
		return;
	m->keys = xrealloc(m->keys, (size_t)(m->n_keys + 1) * sizeof *m->keys);
	m->keys[m->n_keys++] = (struct graph_key){ .slot = slot, .src = src };
	if (!s->key_out
		&& !(s->key_out = fx_alloc_zeroed((size_t)ENGINE_MAX_BLOCK * 2, sizeof(float))))
		xalloc_die();
	if (strip < g->n_tracks && src < g->n_tracks)
		g->tracks[strip].keyed = true;
}

/* Frames behind the playhead the song is at insert slot's input: the strip's lag at
 * its inserts plus the latency of the inserts before it. */
static int64_t slot_lag(const struct graph_mix *m, int slot)
{
	int64_t lag = m->lag_inserts;
	for (int i = 0; i < slot && i < m->inserts.n; i++)
		lag += m->inserts.slot[i]->latency;
	return lag;
}

/* Whether keyed track t waits for a keyed track not placed yet. */
static bool waits(const struct graph *g, int t, const bool *placed)
{
	const struct graph_mix *m = &g->tracks[t].mix;
	for (int k = 0; k < m->n_keys; k++) {
		const int src = m->keys[k].src;
		if (src < g->n_tracks && g->tracks[src].keyed && !placed[src])
			return true;
	}
	return false;
}

/* The keyed tracks in an order where each comes after the keyed tracks keying it (the
 * project refuses loops; were one left, its tracks would go last as they come). */
static void order_keyed(struct graph *g)
{
	int n = 0;
	for (int t = 0; t < g->n_tracks; t++)
		n += g->tracks[t].keyed;
	free(g->key_tracks);
	g->key_tracks = n ? xcalloc((size_t)n, sizeof *g->key_tracks) : NULL;
	g->n_key_tracks = 0;
	bool *placed = xcalloc((size_t)g->n_tracks + 1, sizeof *placed);
	for (bool moved = true; moved && g->n_key_tracks < n;) {
		moved = false;
		for (int t = 0; t < g->n_tracks; t++)
			if (g->tracks[t].keyed && !placed[t] && !waits(g, t, placed)) {
				placed[t] = moved = true;
				g->key_tracks[g->n_key_tracks++] = t;
			}
	}
	for (int t = 0; t < g->n_tracks && g->n_key_tracks < n; t++)
		if (g->tracks[t].keyed && !placed[t])
			g->key_tracks[g->n_key_tracks++] = t;
	free(placed);
}

void graph_key_plan(struct graph *g)
{
	const int n_strips = g->n_tracks + g->n_buses;
	for (int s = 0; s < n_strips; s++) {
		struct graph_mix *m = mix_at(g, s);
		for (int k = 0; k < m->n_keys; k++) {
			struct graph_key *key = &m->keys[k];
			const int64_t d = slot_lag(m, key->slot) - mix_at(g, key->src)->lag_fader;
			key->delay = d > 0 ? (int)d : 0;
			key->late = d < 0 ? (int)-d : 0;
			pdc_line_free(&key->line);
			pdc_line_init(&key->line, key->delay);
			if (!key->buf && !(key->buf = fx_alloc_zeroed((size_t)ENGINE_MAX_BLOCK * 2,
				sizeof(float))))
				xalloc_die();
		}
	}
	order_keyed(g);
}
