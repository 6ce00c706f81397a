/* The matched master chain (src/match_chain.h). */
#include "src/match_chain.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "audio/fx/fx.h"
#include "audio/graph.h"
#include "audio/render.h"
#include "src/graph_build.h"
#include "src/base/xalloc.h"

/* Good enough to stop early: well inside what the tests ask (1 dB, 0.5 LU, 10 %). */
#define GOOD_DISTANCE_DB 0.4
#define GOOD_LU 0.1
#define GOOD_WIDTH 0.02
#define LIMITER_RELEASE_MS 100.0

void match_opts_init(struct match_opts *o)
{
	o->octaves = MATCH_SMOOTH_OCT;
	o->cap_db = MATCH_CAP_DB;
	o->ceiling_dbtp = -1.0;
	o->max_passes = MATCH_MAX_PASSES;
	o->meter = NULL;
	o->cancel = NULL;
	o->progress = NULL;
}

/* Move insert `from` of the master to `to` (to <= from), the ones between one later. */
static void move_insert(struct project_strip *m, int from, int to)
{
	struct project_insert keep = m->inserts[from];
	memmove(&m->inserts[to + 1], &m->inserts[to], sizeof keep * (size_t)(from - to));
	m->inserts[to] = keep;
}

static int param(const struct fx_class *cls, const char *name)
{
	return fx_param_find(cls, name);
}

bool match_chain_prepare(struct project *p, double ceiling_dbtp, struct match_chain *c)
{
	struct project_strip *m = &p->master;
	const int n = m->n_inserts;
	const bool has_lim = n > 0 && m->inserts[n - 1].cls == &fx_limiter;
	const int lim = has_lim ? n - 1 : n;
	const bool has_width = lim > 0 && m->inserts[lim - 1].cls == &fx_width;
	const int width = has_width ? lim - 1 : lim;
	const bool has_eq = width > 0 && m->inserts[width - 1].cls == &fx_eq;
	const int adds = !has_lim + !has_width + !has_eq;
	if (n + adds > FX_MAX_INSERTS)
		return false;
	/* add what is missing at the end, then move it into place before the limiter */
	int at = has_eq ? width - 1 : width; /* where the eq is to be */
	if (!has_eq) {
		project_add_insert(m->inserts, &m->n_inserts, &fx_eq);
		move_insert(m, m->n_inserts - 1, at);
	}
	if (!has_width) {
		project_add_insert(m->inserts, &m->n_inserts, &fx_width);
		move_insert(m, m->n_inserts - 1, at + 1);
	}
	if (!has_lim) {
		struct project_insert *l = project_add_insert(m->inserts, &m->n_inserts,
			&fx_limiter);
		l->params[param(&fx_limiter, "ceiling_dbtp")] = ceiling_dbtp;
		l->params[param(&fx_limiter, "release_ms")] = LIMITER_RELEASE_MS;
	}
	c->eq = at;
	c->width = at + 1;
	c->limiter = at + 2;
	/* the chain's own: in, whatever a bypass said before */
	m->inserts[c->eq].bypass = m->inserts[c->width].bypass = false;
	m->inserts[c->limiter].bypass = false;
	return true;
}

/* A render pass's sink: the meter, and the run's stop flag. */
struct pass {
	struct match_meter *meter;
	const atomic_bool *cancel;
};

static enum err sink(void *arg, const float *frames, int n, struct err_msg *msg)
{
	struct pass *ps = arg;
	if (ps->cancel && atomic_load_explicit(ps->cancel, memory_order_relaxed))
		return err_set(msg, ERR_IO, "stopped");
	enum err e = match_meter_add(ps->meter, frames, n);
	return e == ERR_OK ? e : err_set(msg, e, "cannot measure the mix: %s", err_str(e));
}

/* Render p whole into a meter (o's, reset, or one of its own). */
static enum err render_profile(const struct project *p, const struct match_opts *o,
	struct match_profile *out, struct err_msg *msg)
{
	struct diag d;
	diag_init(&d);
	struct graph *g = NULL;
	enum err e = graph_build(p, true, &g, &d);
	if (e != ERR_OK) {
		err_set(msg, e, "%s", d.count ? diag_first_error(&d) : err_str(e));
		diag_deinit(&d);
		return e;
	}
	diag_deinit(&d);
	const int64_t end = g->end_frame;
	if (end < SPECTRUM_FFT) {
		graph_destroy(g);
		return err_set(msg, ERR_RANGE, "the mix is too short to match (%.2f s at least)",
			(double)SPECTRUM_FFT / p->sample_rate);
	}
	struct pass ps = { .meter = o->meter, .cancel = o->cancel };
	if (ps.meter && (e = match_meter_reset(ps.meter)) != ERR_OK) {
		graph_destroy(g);
		return err_set(msg, e, "cannot measure the mix: %s", err_str(e));
	}
	if (!ps.meter && (e = match_meter_create(&ps.meter, p->sample_rate, msg)) != ERR_OK) {
		graph_destroy(g);
		return e;
	}
	e = render_run(g, 0, end, 0, sink, NULL, &ps, msg);
	if (e == ERR_OK)
		e = match_meter_result(ps.meter, out, msg);
	if (!o->meter)
		match_meter_destroy(ps.meter);
	return e;
}

/* The settings a pass tries. */
struct settings {
	double eq[FX_MAX_PARAMS];
	double width, gain_db;
};

static void apply(struct project *p, const struct match_chain *c, const struct settings *s)
{
	struct project_insert *ins = p->master.inserts;
	memcpy(ins[c->eq].params, s->eq, sizeof(double) * (size_t)fx_eq.n_params);
	ins[c->width].params[param(&fx_width, "width")] = s->width;
	ins[c->limiter].params[param(&fx_limiter, "input_db")] = s->gain_db;
}

static double clamp_param(const struct fx_class *cls, const char *name, double v)
{
	return fx_param_clamp_rt(&cls->params[param(cls, name)], v);
}

/* How far a pass is from the reference, for keeping the best: dB of spectrum, LU of
 * loudness and tenths of width weigh alike. */
static double score(const struct match_profile *a, const struct match_profile *ref)
{
	return match_distance(a, ref) + fabs(ref->integrated_lufs - a->integrated_lufs) +
		10.0 * fabs(a->width / ref->width - 1.0);
}

static bool good(const struct match_profile *a, const struct match_profile *ref)
{
	return match_distance(a, ref) <= GOOD_DISTANCE_DB &&
		fabs(ref->integrated_lufs - a->integrated_lufs) <= GOOD_LU &&
		fabs(a->width / ref->width - 1.0) <= GOOD_WIDTH;
}

/* The next pass's settings from what the last one gave: the residual spectrum added to
 * the curve the eq aims at, width and gain scaled by what they missed. */
static void correct(const struct match_profile *got, const struct match_profile *ref,
	const struct match_opts *o, int rate, double *target, struct settings *s,
	double *fit_rms)
{
	double resid[MATCH_GRID_N];
	match_correction(got, ref, o->octaves, INFINITY, resid);
	for (int i = 0; i < MATCH_GRID_N; i++)
		target[i] = fmin(fmax(target[i] + resid[i], -o->cap_db), o->cap_db);
	*fit_rms = match_fit_eq(target, rate, o->cap_db, s->eq);
	if (isfinite(got->width) && got->width > 0 && isfinite(ref->width))
		s->width = clamp_param(&fx_width, "width", s->width * ref->width / got->width);
	if (isfinite(got->integrated_lufs) && isfinite(ref->integrated_lufs))
		s->gain_db = clamp_param(&fx_limiter, "input_db",
			s->gain_db + ref->integrated_lufs - got->integrated_lufs);
}

enum err match_chain_measure(const struct project *p, const struct match_opts *o,
	struct match_profile *out, struct err_msg *msg)
{
	return render_profile(p, o, out, msg);
}

enum err match_chain_run(struct project *p, const struct match_chain *c,
	const struct match_profile *ref, const struct match_opts *o, struct match_result *r,
	struct err_msg *msg)
{
	memset(r, 0, sizeof *r);
	const int rate = p->sample_rate;
	struct settings s, best;
	fx_param_defaults(&fx_eq, s.eq);
	s.width = 1.0;
	s.gain_db = 0.0;
	apply(p, c, &s);
	enum err e = render_profile(p, o, &r->before, msg);
	if (e != ERR_OK)
		return e;
	r->passes = 1;
	if (!isfinite(r->before.integrated_lufs) || !isfinite(r->before.width))
		return err_set(msg, ERR_RANGE, "the mix is silent: nothing to match");
	if (!isfinite(ref->integrated_lufs) || !isfinite(ref->width))
		return err_set(msg, ERR_RANGE, "the reference is silent: nothing to match to");
	double target[MATCH_GRID_N];
	match_correction(&r->before, ref, o->octaves, o->cap_db, r->curve_db);
	memset(target, 0, sizeof target);
	r->after = r->before;
	double fit_rms = 0.0, best_score = INFINITY;
	struct match_profile *got = xmalloc(sizeof *got);
	correct(&r->before, ref, o, rate, target, &s, &fit_rms);
	best = s;
	for (int pass = 0; pass < o->max_passes; pass++) {
		apply(p, c, &s);
		if ((e = render_profile(p, o, got, msg)) != ERR_OK)
			break;
		r->passes++;
		if (o->progress)
			atomic_store_explicit(o->progress, 1000 * (pass + 1) / (o->max_passes + 1),
				memory_order_relaxed);
		const double sc = score(got, ref);
		if (sc < best_score) {
			best_score = sc;
			best = s;
			r->after = *got;
			r->fit_rms_db = fit_rms;
		}
		if (good(got, ref) || pass == o->max_passes - 1)
			break;
		correct(got, ref, o, rate, target, &s, &fit_rms);
	}
	free(got);
	apply(p, c, &best);
	r->gain_db = best.gain_db;
	r->width = best.width;
	match_eq_response(best.eq, rate, r->eq_db);
	r->distance_before = match_distance(&r->before, ref);
	r->distance_after = match_distance(&r->after, ref);
	return e;
}
