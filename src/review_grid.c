/* The review's one render: the project through the offline renderer with every strip's
 * block after its fader (render_run_strips), each strip measured on the grid: its
 * 1/3-octave mid and side spectra (audio/spectrum.c), level, peak and correlation per
 * frame, and its loudness and true peak (audio/loudness.c, libebur128). The master is
 * the render's output; the mix bus is the sum of the strips that feed the master,
 * which is what the master chain receives. */
#include "src/review_grid.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "audio/engine.h"
#include "audio/fx/fx.h"
#include "audio/graph.h"
#include "audio/loudness.h"
#include "audio/reference.h"
#include "audio/render.h"
#include "src/graph_build.h"
#include "src/project.h"
#include "src/base/xalloc.h"

/* One measured signal while the render runs. */
struct live {
	struct spectrum *mid, *side;
	struct loudness *loud, *mono;  /* mono: the master folded, for its loss */
	float *inter, *sides;          /* scratch: interleaved frames, and (S, S) pairs */
	double f_ll, f_rr, f_lr, f_peak; /* this frame so far */
	int64_t since_sound;           /* frames since a sample was not silent */
};

struct run {
	struct review_grid *g;
	const struct graph *graph;     /* the graph being rendered: its compressors */
	float *gr_min;                 /* per strip: the least gain reduction this frame */
	struct live *live;
	struct engine_strip_out *outs;
	int n_strips;                  /* tracks + buses */
	int in_frame;                  /* frames of the current grid frame so far */
	int cap;                       /* frames the per-frame arrays have room for */
	float *mixbus;                 /* interleaved scratch */
	float *mono;
	const atomic_bool *cancel;     /* NULL: none */
	atomic_int *progress;          /* NULL: none */
	int64_t done, total;           /* frames given to the sink, and of the window */
};

static void meas_grow(struct review_meas *m, int cap, bool master)
{
	size_t bands = sizeof(float) * (size_t)cap * REVIEW_BANDS;
	m->mid_db = xrealloc(m->mid_db, bands);
	m->side_db = xrealloc(m->side_db, bands);
	m->level_db = xrealloc(m->level_db, sizeof(float) * (size_t)cap);
	m->peak = xrealloc(m->peak, sizeof(float) * (size_t)cap);
	m->corr = xrealloc(m->corr, sizeof(float) * (size_t)cap);
	if (m->comp_slot)
		m->comp_gr_min = xrealloc(m->comp_gr_min, sizeof(float) * (size_t)cap);
	if (master)
		m->shortterm = xrealloc(m->shortterm, sizeof(float) * (size_t)cap);
}

/* Add n interleaved frames of one signal to its live measures. */
static void live_add(struct live *l, const float *x, int n)
{
	for (int i = 0; i < n; i++) {
		const double a = x[2 * i], b = x[2 * i + 1];
		l->f_ll += a * a;
		l->f_rr += b * b;
		l->f_lr += a * b;
		const double pk = fmax(fabs(a), fabs(b));
		if (pk > l->f_peak)
			l->f_peak = pk;
		l->since_sound = pk > 3e-5 ? 0 : l->since_sound + 1;
		const float s = (float)(0.5 * (a - b));
		l->sides[2 * i] = s;
		l->sides[2 * i + 1] = s;
	}
	spectrum_add(l->mid, x, n);
	spectrum_add(l->side, l->sides, n);
	loudness_add(l->loud, x, n);
}

/* Close grid frame f of one signal. */
static void live_close(struct live *l, struct review_meas *m, int f, int frames)
{
	float *mid = m->mid_db + (int64_t)f * REVIEW_BANDS, *side = m->side_db + (int64_t)f * REVIEW_BANDS;
	if (l->since_sound >= SPECTRUM_FFT) {
		/* the whole window is silent: no transform needed */
		for (int b = 0; b < REVIEW_BANDS; b++)
			mid[b] = side[b] = -INFINITY;
	} else {
		spectrum_bands(l->mid, mid);
		spectrum_bands(l->side, side);
	}
	const double ms = (l->f_ll + l->f_rr) / (2.0 * frames);
	m->level_db[f] = ms > 1e-14 ? (float)(10.0 * log10(ms)) : -INFINITY;
	m->peak[f] = (float)l->f_peak;
	m->corr[f] = l->f_ll > 1e-10 && l->f_rr > 1e-10 ?
		(float)(l->f_lr / sqrt(l->f_ll * l->f_rr)) : NAN;
	m->ll += l->f_ll;
	m->rr += l->f_rr;
	m->lr += l->f_lr;
	m->sum_sq += (l->f_ll + l->f_rr) / 2.0;
	if (m->shortterm) {
		double momentary, shortterm;
		loudness_now(l->loud, &momentary, &shortterm);
		m->shortterm[f] = (float)shortterm;
	}
	l->f_ll = l->f_rr = l->f_lr = l->f_peak = 0;
}

static void close_frame(struct run *rn)
{
	struct review_grid *g = rn->g;
	const int f = g->n_frames;
	if (f >= rn->cap) {
		rn->cap = rn->cap ? rn->cap * 2 : 1024;
		for (int s = 0; s <= REVIEW_MIXBUS(g); s++)
			meas_grow(&g->m[s], rn->cap, s == REVIEW_MASTER(g));
	}
	for (int s = 0; s <= REVIEW_MIXBUS(g); s++)
		live_close(&rn->live[s], &g->m[s], f, rn->in_frame);
	for (int s = 0; s < rn->n_strips; s++)
		if (g->m[s].comp_slot) {
			g->m[s].comp_gr_min[f] = rn->gr_min[s];
			rn->gr_min[s] = INFINITY;
		}
	g->n_frames++;
	rn->in_frame = 0;
}

/* n frames of the master and of every strip, at offset `at` of the block. */
static void add_segment(struct run *rn, const float *master, int at, int n)
{
	struct review_grid *g = rn->g;
	float *sum = rn->mixbus;
	memset(sum, 0, sizeof(float) * 2 * (size_t)n);
	for (int s = 0; s < rn->n_strips; s++) {
		float *x = rn->live[s].inter;
		const float *l = rn->outs[s].l + at, *r = rn->outs[s].r + at;
		for (int i = 0; i < n; i++) {
			x[2 * i] = l[i];
			x[2 * i + 1] = r[i];
		}
		if (g->m[s].feeds_master)
			for (int i = 0; i < 2 * n; i++)
				sum[i] += x[i];
		live_add(&rn->live[s], x, n);
	}
	live_add(&rn->live[REVIEW_MIXBUS(g)], sum, n);
	const float *mx = master + 2 * at;
	live_add(&rn->live[REVIEW_MASTER(g)], mx, n);
	for (int i = 0; i < n; i++)
		rn->mono[2 * i] = rn->mono[2 * i + 1] = 0.5f * (mx[2 * i] + mx[2 * i + 1]);
	loudness_add(rn->live[REVIEW_MASTER(g)].mono, rn->mono, n);
}

/* The strip's compressor, in the graph being rendered. */
static const struct fx_insert *compressor(const struct run *rn, int s)
{
	const struct graph *gr = rn->graph;
	const struct graph_mix *mix = s < gr->n_tracks ? &gr->tracks[s].mix :
		&gr->buses[s - gr->n_tracks].mix;
	const int slot = rn->g->m[s].comp_slot - 1;
	return slot < mix->inserts.n ? mix->inserts.slot[slot] : NULL;
}

/* Between blocks (the render's own thread, the graph idle): each compressor's gain
 * reduction now, the least of the frame kept. */
static void read_compressors(struct run *rn)
{
	for (int s = 0; s < rn->n_strips; s++) {
		if (!rn->g->m[s].comp_slot)
			continue;
		const struct fx_insert *in = compressor(rn, s);
		if (!in || !in->cls->gain_reduction_db)
			continue;
		const float gr = in->bypass ? 0.0f : in->cls->gain_reduction_db(in->state);
		if (gr < rn->gr_min[s])
			rn->gr_min[s] = gr;
	}
}

static enum err sink(void *arg, const float *frames, int n, struct err_msg *msg)
{
	(void)msg;
	struct run *rn = arg;
	/* each block (1024 frames, a few ms of work): a cancelled review ends within one */
	if (rn->cancel && atomic_load_explicit(rn->cancel, memory_order_relaxed))
		return err_set(msg, ERR_IO, "stopped");
	read_compressors(rn);
	for (int at = 0; at < n;) {
		int k = rn->g->hop - rn->in_frame;
		if (k > n - at)
			k = n - at;
		add_segment(rn, frames, at, k);
		rn->in_frame += k;
		at += k;
		if (rn->in_frame == rn->g->hop)
			close_frame(rn);
	}
	rn->done += n;
	if (rn->progress && rn->total > 0)
		atomic_store_explicit(rn->progress, (int)(1000 * rn->done / rn->total),
			memory_order_relaxed);
	return ERR_OK;
}

static enum err live_init(struct live *l, int rate, bool master)
{
	memset(l, 0, sizeof *l);
	l->since_sound = SPECTRUM_FFT;
	l->inter = xmalloc(sizeof(float) * 2 * RENDER_BLOCK);
	l->sides = xmalloc(sizeof(float) * 2 * RENDER_BLOCK);
	enum err e = spectrum_create(&l->mid, rate);
	if (e == ERR_OK)
		e = spectrum_create(&l->side, rate);
	if (e == ERR_OK)
		e = loudness_create(&l->loud, rate, 2);
	if (e == ERR_OK && master)
		e = loudness_create(&l->mono, rate, 2);
	return e;
}

static void live_finish(struct live *l, struct review_meas *m)
{
	struct loudness_result res;
	if (l->loud && loudness_result(l->loud, &res) == ERR_OK) {
		m->integrated_lufs = res.integrated_lufs;
		m->lra_lu = res.lra_lu;
		m->true_peak_dbtp = res.true_peak_dbtp;
		m->sample_peak_dbfs = res.sample_peak_dbfs;
	}
	m->mono_lufs = -INFINITY;
	if (l->mono && loudness_result(l->mono, &res) == ERR_OK)
		m->mono_lufs = res.integrated_lufs;
	spectrum_destroy(l->mid);
	spectrum_destroy(l->side);
	loudness_destroy(l->loud);
	loudness_destroy(l->mono);
	free(l->inter);
	free(l->sides);
}

static void run_init(struct run *rn, const struct project *p, struct review_grid *g)
{
	memset(rn, 0, sizeof *rn);
	rn->g = g;
	rn->n_strips = p->n_tracks + p->n_buses;
	rn->outs = xcalloc((size_t)rn->n_strips + 1, sizeof *rn->outs);
	for (int s = 0; s < rn->n_strips; s++) {
		rn->outs[s].l = xmalloc(sizeof(float) * RENDER_BLOCK);
		rn->outs[s].r = xmalloc(sizeof(float) * RENDER_BLOCK);
		g->m[s].feeds_master =
			project_output_bus(p, project_strip_get(p, s)->output) == -1;
	}
	rn->live = xcalloc((size_t)REVIEW_MIXBUS(g) + 1, sizeof *rn->live);
	rn->gr_min = xmalloc(sizeof(float) * ((size_t)rn->n_strips + 1));
	for (int s = 0; s < rn->n_strips; s++) {
		rn->gr_min[s] = INFINITY;
		const struct project_strip *ps = project_strip_get(p, s);
		for (int i = 0; i < ps->n_inserts && !g->m[s].comp_slot; i++)
			if (ps->inserts[i].cls && !strcmp(ps->inserts[i].cls->name, "compressor") &&
				!ps->inserts[i].bypass)
				g->m[s].comp_slot = i + 1;
	}
	rn->mixbus = xmalloc(sizeof(float) * 2 * RENDER_BLOCK);
	rn->mono = xmalloc(sizeof(float) * 2 * RENDER_BLOCK);
}

static void run_free(struct run *rn)
{
	for (int s = 0; s < rn->n_strips; s++) {
		free(rn->outs[s].l);
		free(rn->outs[s].r);
	}
	free(rn->outs);
	free(rn->live);
	free(rn->mixbus);
	free(rn->mono);
	free(rn->gr_min);
}

enum err review_measure(const struct project *p, int64_t start, int64_t end,
	const atomic_bool *cancel, atomic_int *progress, struct review_grid *g,
	struct err_msg *msg)
{
	memset(g, 0, sizeof *g);
	g->rate = p->sample_rate;
	g->hop = (int)lround(p->sample_rate * REVIEW_HOP_MS / 1000.0);
	g->n_tracks = p->n_tracks;
	g->n_buses = p->n_buses;
	g->start_sec = (double)start / p->sample_rate;
	g->m = xcalloc((size_t)REVIEW_MIXBUS(g) + 1, sizeof *g->m);
	struct diag d;
	diag_init(&d);
	struct graph *gr = NULL;
	enum err rc = graph_build(p, true, &gr, &d);
	if (rc != ERR_OK) {
		err_set(msg, rc, "%s", diag_first_error(&d));
		diag_deinit(&d);
		return rc;
	}
	diag_deinit(&d);
	if (end <= 0 || end > gr->end_frame)
		end = gr->end_frame;
	if (end <= start) {
		graph_destroy(gr);
		return err_set(msg, ERR_RANGE, "%s: nothing to review (no audio after %.1f s)",
			p->path, g->start_sec);
	}
	g->end_sec = (double)end / p->sample_rate;
	if (spectrum_load(msg) != ERR_OK) { /* says which library is missing */
		graph_destroy(gr);
		return ERR_NOT_FOUND;
	}
	struct run rn;
	run_init(&rn, p, g);
	for (int s = 0; s <= REVIEW_MIXBUS(g) && rc == ERR_OK; s++)
		rc = live_init(&rn.live[s], p->sample_rate, s == REVIEW_MASTER(g));
	rn.graph = gr;
	rn.cancel = cancel;
	rn.progress = progress;
	rn.total = end - start;
	if (rc == ERR_OK)
		rc = render_run_strips(gr, start, end, RENDER_BLOCK, rn.outs, rn.n_strips, sink,
			NULL, &rn, msg);
	else
		graph_destroy(gr);
	if (rc == ERR_OK && rn.in_frame > g->hop / 4)
		close_frame(&rn);
	for (int s = 0; s <= REVIEW_MIXBUS(g); s++)
		live_finish(&rn.live[s], &g->m[s]);
	run_free(&rn);
	return rc;
}

void review_grid_free(struct review_grid *g)
{
	if (!g->m)
		return;
	for (int s = 0; s <= REVIEW_MIXBUS(g); s++) {
		struct review_meas *m = &g->m[s];
		free(m->mid_db);
		free(m->side_db);
		free(m->level_db);
		free(m->peak);
		free(m->corr);
		free(m->shortterm);
		free(m->comp_gr_min);
	}
	free(g->m);
	memset(g, 0, sizeof *g);
}

double review_frame_sec(const struct review_grid *g, int f)
{
	return g->start_sec + ((double)f + 0.5) * g->hop / g->rate;
}

enum err review_reference_curve(const char *path, int rate, const atomic_bool *cancel,
	float out_db[REVIEW_BANDS], struct err_msg *msg)
{
	struct reference_track ref;
	enum err e = reference_load(path, rate, &ref, msg);
	if (e != ERR_OK)
		return e;
	struct live l;
	if ((e = spectrum_load(msg)) != ERR_OK) {
		free(ref.frames);
		return e;
	}
	if ((e = live_init(&l, rate, false)) != ERR_OK) {
		live_finish(&l, &(struct review_meas){ 0 });
		free(ref.frames);
		return err_set(msg, e, "%s: cannot analyse it", path);
	}
	const int hop = (int)lround(rate * REVIEW_HOP_MS / 1000.0);
	double sum[REVIEW_BANDS] = { 0 };
	int frames = 0;
	bool stopped = false;
	for (int64_t at = 0; at + hop <= ref.n_frames; at += hop) {
		if (cancel && atomic_load_explicit(cancel, memory_order_relaxed)) {
			stopped = true;
			break;
		}
		double e2 = 0;
		for (int i = 0; i < hop; i += RENDER_BLOCK) {
			const int n = hop - i < RENDER_BLOCK ? hop - i : RENDER_BLOCK;
			const float *x = ref.frames + 2 * (at + i);
			live_add(&l, x, n);
			for (int k = 0; k < 2 * n; k++)
				e2 += (double)x[k] * x[k];
		}
		if (!(e2 / (2.0 * hop) > 1e-5)) /* below -50 dBFS: not part of the sound */
			continue;
		float mid[REVIEW_BANDS], side[REVIEW_BANDS];
		spectrum_bands(l.mid, mid);
		spectrum_bands(l.side, side);
		for (int b = 0; b < REVIEW_BANDS; b++)
			sum[b] += pow(10.0, mid[b] / 10.0) + pow(10.0, side[b] / 10.0);
		frames++;
	}
	live_finish(&l, &(struct review_meas){ 0 });
	free(ref.frames);
	if (stopped)
		return err_set(msg, ERR_IO, "stopped");
	if (!frames)
		return err_set(msg, ERR_RANGE, "%s: silent (nothing above -50 dBFS)", path);
	for (int b = 0; b < REVIEW_BANDS; b++)
		out_db[b] = sum[b] > 0 ? (float)(10.0 * log10(sum[b] / frames)) : -120.0f;
	return ERR_OK;
}
