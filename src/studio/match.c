/* :match (src/studio/match.h): the passes run on a worker over a copy of the project;
 * the UI thread measures the reference first, makes the meter (FFTW's planner is not
 * thread-safe) and, once the worker has finished, puts the copy's three inserts on the
 * project as one edit. */
#include "src/studio/match.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "audio/fx/fx.h"
#include "audio/reference.h"
#include "src/match_chain.h"
#include "src/base/text.h"
#include "src/base/worker.h"
#include "src/base/xalloc.h"
#include "src/studio/edit.h"
#include "src/studio/match_ab.h"
#include "src/studio/monitor.h"

struct studio_match_job {
	struct worker *worker;
	struct project *copy;          /* the worker's: the project as it was, prepared */
	struct project *orig;          /* the worker's: the project as it was, measured
	                                  through its own chain for :match ab's trim */
	struct match_profile *orig_profile;
	struct match_ab_chain *orig_chain; /* the master chain when :match began, exactly */
	struct match_chain chain;
	struct match_profile *ref;
	struct match_opts opts;
	struct match_result *r;
	char *path;
	/* the master chain's classes when :match began: a chain edited meanwhile is not
	 * overwritten */
	const struct fx_class *before[FX_MAX_INSERTS];
	int n_before;
	int shown_percent;
};

static void job_free(struct studio_match_job *j)
{
	if (!j)
		return;
	project_free(j->copy);
	project_free(j->orig);
	free(j->orig_profile);
	free(j->orig_chain);
	match_meter_destroy(j->opts.meter);
	free(j->ref);
	free(j->r);
	free(j->path);
	free(j);
}

void studio_match_free(struct studio *st)
{
	if (st->match_job) {
		worker_stop(st->match_job->worker);
		job_free(st->match_job);
		st->match_job = NULL;
	}
	studio_match_ab_free(st);
	free(st->match);
	st->match = NULL;
}

/* The reference at the project's rate, measured; false after an error is said. */
static bool measure_reference(struct studio *st, const char *path,
	struct match_profile *out)
{
	struct reference_track ref;
	struct err_msg msg;
	if (reference_load(path, st->project->sample_rate, &ref, &msg) != ERR_OK) {
		studio_error(st, "match: %s", msg.text);
		return false;
	}
	enum err e = match_measure(ref.frames, ref.n_frames, st->project->sample_rate, out,
		&msg);
	free(ref.frames);
	if (e != ERR_OK) {
		studio_error(st, "match: %s: %s", path, msg.text);
		return false;
	}
	return true;
}

/* What the page draws, from the result. */
static void keep(struct studio *st, const struct studio_match_job *j)
{
	const struct match_result *r = j->r;
	const struct match_opts *o = &j->opts;
	if (!st->match)
		st->match = xcalloc(1, sizeof *st->match);
	struct studio_match *m = st->match;
	m->serial++;
	const char *base = strrchr(j->path, '/');
	text_clean(m->ref_name, sizeof m->ref_name, base ? base + 1 : j->path);
	m->octaves = o->octaves;
	m->cap_db = o->cap_db;
	match_smoothed_db(&r->before, o->octaves, m->mix_db);
	match_smoothed_db(j->ref, o->octaves, m->ref_db);
	match_smoothed_db(&r->after, o->octaves, m->out_db);
	memcpy(m->curve_db, r->curve_db, sizeof m->curve_db);
	memcpy(m->eq_db, r->eq_db, sizeof m->eq_db);
	m->distance_before = r->distance_before;
	m->distance_after = r->distance_after;
	m->mix_lufs = r->before.integrated_lufs;
	m->ref_lufs = j->ref->integrated_lufs;
	m->out_lufs = r->after.integrated_lufs;
	m->mix_width = r->before.width;
	m->ref_width = j->ref->width;
	m->out_width = r->after.width;
	m->width = r->width;
	m->gain_db = r->gain_db;
	m->passes = r->passes;
}

static enum err job_run(void *ctx, struct worker *w, struct err_msg *msg)
{
	struct studio_match_job *j = ctx;
	j->opts.cancel = worker_cancel_flag(w);
	j->opts.progress = worker_progress_slot(w);
	enum err e = match_chain_run(j->copy, &j->chain, j->ref, &j->opts, j->r, msg);
	/* the chain as it was, rendered once more: the A/B's trim without a render then */
	if (e == ERR_OK)
		e = match_chain_measure(j->orig, &j->opts, j->orig_profile, msg);
	return e;
}

/* A copy of the project with its chain prepared, the reference measured, the meter
 * made: the job, ready for its worker; NULL after an error is said. */
static struct studio_match_job *job_make(struct studio *st, const char *path,
	const struct match_opts *o)
{
	struct studio_match_job *j = xcalloc(1, sizeof *j);
	j->path = xstrdup(path);
	j->ref = xmalloc(sizeof *j->ref);
	j->r = xcalloc(1, sizeof *j->r);
	j->orig_profile = xcalloc(1, sizeof *j->orig_profile);
	j->orig_chain = xmalloc(sizeof *j->orig_chain);
	match_ab_chain_read(&st->project->master, j->orig_chain);
	j->shown_percent = -1;
	j->opts = *o;
	j->n_before = st->project->master.n_inserts;
	for (int i = 0; i < j->n_before; i++)
		j->before[i] = st->project->master.inserts[i].cls;
	struct err_msg msg;
	char *text = project_to_json(st->project);
	struct diag d;
	diag_init(&d);
	project_from_json(text, st->project->dir, st->project->path, &j->copy, &d);
	if (j->copy)
		project_from_json(text, st->project->dir, st->project->path, &j->orig, &d);
	free(text);
	if (!j->copy || !j->orig)
		studio_error(st, "match: %s", diag_first_error(&d));
	diag_deinit(&d);
	if (!j->copy || !j->orig || !measure_reference(st, path, j->ref)) {
		job_free(j);
		return NULL;
	}
	if (!match_chain_prepare(j->copy, j->opts.ceiling_dbtp, &j->chain)) {
		studio_error(st, "match: the master chain is full (%d inserts): it needs an eq, "
			"a width and a limiter at its end", FX_MAX_INSERTS);
		job_free(j);
		return NULL;
	}
	if (match_meter_create(&j->opts.meter, st->project->sample_rate, &msg) != ERR_OK) {
		studio_error(st, "match: %s", msg.text);
		job_free(j);
		return NULL;
	}
	return j;
}

/* The words after :match: [REF] [smooth OCTAVES] [cap DB], in any order; false after
 * the usage or the bad value is said. */
static bool words(struct studio_line *l, const char **path, struct match_opts *o)
{
	const struct studio_words *w = l->w;
	for (int i = 1; i < w->argc; i++) {
		const char *word = w->argv[i];
		const bool smooth = !strcmp(word, "smooth"), cap = !strcmp(word, "cap");
		if ((smooth || cap) && i + 1 >= w->argc) {
			studio_line_usage(l);
			return false;
		}
		if (smooth && !match_parse_octaves(w->argv[++i], &o->octaves)) {
			studio_error(l->st, "match: smooth takes a fraction of an octave from 1/12 to "
				"2 (1/3, 1/6, 0.5), not \"%s\"", w->argv[i]);
			return false;
		}
		if (cap && (!studio_line_number(w->argv[++i], &o->cap_db) ||
			o->cap_db < MATCH_CAP_MIN_DB || o->cap_db > MATCH_CAP_MAX_DB)) {
			studio_error(l->st, "match: cap takes %g to %g dB, not \"%s\"",
				MATCH_CAP_MIN_DB, MATCH_CAP_MAX_DB, w->argv[i]);
			return false;
		}
		if (!smooth && !cap) {
			if (*path) {
				studio_line_usage(l);
				return false;
			}
			*path = word;
		}
	}
	return true;
}

void studio_line_match(struct studio_line *l)
{
	struct studio *st = l->st;
	if (l->w->argc >= 2 && !strcmp(l->w->argv[1], "ab")) {
		if (l->w->argc > 3)
			studio_line_usage(l);
		else
			studio_line_match_ab(l);
		return;
	}
	if (st->match_job) {
		studio_error(st, "match: one is under way (%s)", st->match_job->path);
		return;
	}
	const char *path = NULL;
	struct match_opts o;
	match_opts_init(&o);
	if (!words(l, &path, &o))
		return;
	if (!path)
		path = studio_monitor_reference_path(st);
	if (!path) {
		studio_error(st, "match: which reference? :match FILE, or load one with "
			":reference FILE");
		return;
	}
	struct studio_match_job *j = job_make(st, path, &o);
	if (!j)
		return;
	if (!(j->worker = worker_run_once(job_run, j))) {
		studio_error(st, "match: cannot start a thread for it");
		job_free(j);
		return;
	}
	st->match_job = j;
	studio_message(st, "matching to %s: rendering the song a few times...", path);
}

/* The chain as it was when the job began (else the user edited it meanwhile). */
static bool chain_unchanged(const struct studio *st, const struct studio_match_job *j)
{
	if (st->project->master.n_inserts != j->n_before)
		return false;
	for (int i = 0; i < j->n_before; i++)
		if (st->project->master.inserts[i].cls != j->before[i])
			return false;
	return true;
}

/* The copy's matched inserts onto the project, one undo step. */
static void apply(struct studio *st, struct studio_match_job *j)
{
	if (!chain_unchanged(st, j)) {
		studio_error(st, "match: the master chain changed while matching; :match again");
		return;
	}
	/* the chain the match replaces, for :match ab: the one its undo gives back */
	struct match_ab_chain *before = xmalloc(sizeof *before);
	match_ab_chain_read(&st->project->master, before);
	const bool measured = match_ab_chain_same(j->orig_chain, &st->project->master);
	studio_edit_begin(st, "match to reference");
	struct match_chain c;
	if (!match_chain_prepare(st->project, j->opts.ceiling_dbtp, &c)) {
		studio_edit_cancel(st);
		studio_error(st, "match: the master chain is full");
		free(before);
		return;
	}
	/* only now that this match goes on does the last one's comparison end (a refused
	 * match leaves it as it was) */
	studio_match_ab_drop(st);
	const int slots[3] = { c.eq, c.width, c.limiter };
	const int from[3] = { j->chain.eq, j->chain.width, j->chain.limiter };
	for (int k = 0; k < 3; k++) {
		struct project_insert *dst = &st->project->master.inserts[slots[k]];
		memcpy(dst->params, j->copy->master.inserts[from[k]].params,
			sizeof(double) * (size_t)dst->cls->n_params);
		dst->bypass = false;
	}
	keep(st, j);
	const bool changed = studio_edit_commit(st);
	studio_match_ab_keep(st, before, j->orig_profile->integrated_lufs,
		j->r->after.integrated_lufs, !changed ? "the match changed nothing in the chain"
		: !measured ? "the master chain was edited while matching" : NULL);
	free(before);
	double most = 0.0;
	for (int i = 0; i < MATCH_GRID_N; i++)
		most = fmax(most, fabs(j->r->eq_db[i]));
	studio_message(st, "matched to %s: spectrum %.1f -> %.1f dB RMS, eq up to %.1f dB, "
		"width x%.2f, limiter %+.1f dB, %.1f LUFS (u undoes)", st->match->ref_name,
		j->r->distance_before, j->r->distance_after, most, j->r->width, j->r->gain_db,
		j->r->after.integrated_lufs);
}

void studio_match_poll(struct studio *st)
{
	studio_match_ab_tick(st);
	struct studio_match_job *j = st->match_job;
	if (!j)
		return;
	enum err e;
	struct err_msg msg;
	if (!worker_finished(j->worker, &e, &msg)) {
		const int percent = atomic_load_explicit(worker_progress_slot(j->worker),
			memory_order_relaxed) / 10;
		if (percent != j->shown_percent && percent > 0)
			studio_message(st, "matching to %s... %d%%", j->path, percent);
		j->shown_percent = percent;
		return;
	}
	worker_stop(j->worker);
	st->match_job = NULL;
	if (e != ERR_OK)
		studio_error(st, "match: %s", msg.text);
	else
		apply(st, j);
	job_free(j);
}
