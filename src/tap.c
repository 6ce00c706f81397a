/* Taps (src/tap.h): renders into memory with strips muted in the graph, the way
 * `ttymix render --stems` isolates a track. */
#include "src/tap.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "audio/graph.h"
#include "audio/render.h"
#include "src/graph_build.h"
#include "src/base/xalloc.h"

static enum err tap_sink(void *arg, const float *frames, int n, struct err_msg *msg)
{
	struct tap *t = arg;
	const struct tap_watch *w = t->watch;
	if (w && w->cancel && atomic_load_explicit(w->cancel, memory_order_relaxed))
		return err_set(msg, ERR_IO, "stopped");
	if (t->frames + n > t->cap) {
		t->cap = (t->frames + n) * 2;
		t->buf = xrealloc(t->buf, sizeof(float) * 2 * (size_t)t->cap);
	}
	memcpy(t->buf + t->frames * 2, frames, sizeof(float) * 2 * (size_t)n);
	t->frames += n;
	if (w && w->progress && t->total > 0)
		atomic_store_explicit(w->progress, w->from + (int)((int64_t)w->span *
			(t->frames < t->total ? t->frames : t->total) / t->total),
			memory_order_relaxed);
	return ERR_OK;
}

/* The levels of each block as it comes (tap_measure). */
static enum err levels_sink(void *arg, const float *frames, int n, struct err_msg *msg)
{
	(void)msg;
	struct tap_levels *l = arg;
	double peak = l->peak, sum = 0;
	for (int i = 0; i < n * 2; i++) {
		double x = fabs(frames[i]);
		if (x > peak)
			peak = x;
		sum += x * x;
	}
	l->peak = peak;
	l->sum_sq += sum;
	l->frames += n;
	return ERR_OK;
}

/* The graph of p with only the strips asked for audible, and the end of the window
 * (*end <= 0: the song's); probe_channels as tap_render says. *g is the caller's. */
static enum err build(const struct project *p, int64_t start, int64_t *end,
	const bool *tracks_on, const bool *buses_on, int probe, struct graph **g,
	int *probe_channels, struct err_msg *msg)
{
	struct diag d;
	diag_init(&d);
	*g = NULL;
	enum err e = graph_build(p, true, g, &d);
	if (e != ERR_OK) {
		err_set(msg, e, "%s", d.count ? diag_first_error(&d) : err_str(e));
		diag_deinit(&d);
		return e;
	}
	diag_deinit(&d);
	for (int k = 0; k < (*g)->n_tracks; k++)
		(*g)->tracks[k].mix.mute = !tracks_on[k] || p->tracks[k].strip.mute;
	for (int b = 0; b < (*g)->n_buses; b++)
		(*g)->buses[b].mix.mute = !buses_on[b] || p->buses[b].strip.mute;
	*probe_channels = probe >= 0 && probe < (*g)->n_tracks
		? (*g)->tracks[probe].channels : 0;
	if (*end <= 0)
		*end = (*g)->end_frame;
	if (*end <= start) {
		graph_destroy(*g);
		*g = NULL;
		return err_set(msg, ERR_RANGE, "%s: nothing to render there", p->path);
	}
	return ERR_OK;
}

enum err tap_render(const struct project *p, int64_t start, int64_t end,
	const bool *tracks_on, const bool *buses_on, int probe, struct tap *out,
	struct err_msg *msg)
{
	return tap_render_watched(p, start, end, tracks_on, buses_on, probe, NULL, out, msg);
}

enum err tap_render_watched(const struct project *p, int64_t start, int64_t end,
	const bool *tracks_on, const bool *buses_on, int probe, const struct tap_watch *watch,
	struct tap *out, struct err_msg *msg)
{
	memset(out, 0, sizeof *out);
	struct graph *g;
	enum err e = build(p, start, &end, tracks_on, buses_on, probe, &g,
		&out->probe_channels, msg);
	if (e != ERR_OK)
		return e;
	out->watch = watch;
	out->total = end - start;
	e = render_run(g, start, end, 0, tap_sink, NULL, out, msg);
	out->watch = NULL;
	if (e != ERR_OK)
		tap_free(out);
	return e;
}

enum err tap_measure(const struct project *p, int64_t start, int64_t end,
	const bool *tracks_on, const bool *buses_on, int probe, struct tap_levels *out,
	struct err_msg *msg)
{
	memset(out, 0, sizeof *out);
	struct graph *g;
	enum err e = build(p, start, &end, tracks_on, buses_on, probe, &g,
		&out->probe_channels, msg);
	return e != ERR_OK ? e : render_run(g, start, end, 0, levels_sink, NULL, out, msg);
}

void tap_free(struct tap *t)
{
	free(t->buf);
	t->buf = NULL;
	t->frames = t->cap = 0;
}

struct project *tap_project_copy(const struct project *p, struct err_msg *msg)
{
	/* project_to_json only reads the project (it is not const for its json members) */
	char *text = project_to_json((struct project *)p);
	struct project *q = NULL;
	struct diag d;
	diag_init(&d);
	enum err e = project_from_json(text, p->dir, p->path, &q, &d);
	if (e != ERR_OK)
		err_set(msg, e, "%s", d.count ? diag_first_error(&d) : err_str(e));
	diag_deinit(&d);
	free(text);
	return q;
}
