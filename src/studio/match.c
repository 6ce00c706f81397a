/* :match (src/studio/match.h). */
#include "src/studio/match.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "audio/fx/fx.h"
#include "audio/reference.h"
#include "src/match_chain.h"
#include "src/studio/edit.h"
#include "src/studio/monitor.h"
#include "src/base/text.h"
#include "src/base/xalloc.h"

void studio_match_free(struct studio *st)
{
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
static void keep(struct studio *st, const char *path, const struct match_opts *o,
	const struct match_profile *ref, const struct match_result *r)
{
	if (!st->match)
		st->match = xcalloc(1, sizeof *st->match);
	struct studio_match *m = st->match;
	m->serial++;
	const char *base = strrchr(path, '/');
	text_clean(m->ref_name, sizeof m->ref_name, base ? base + 1 : path);
	m->octaves = o->octaves;
	m->cap_db = o->cap_db;
	match_smoothed_db(&r->before, o->octaves, m->mix_db);
	match_smoothed_db(ref, o->octaves, m->ref_db);
	match_smoothed_db(&r->after, o->octaves, m->out_db);
	memcpy(m->curve_db, r->curve_db, sizeof m->curve_db);
	memcpy(m->eq_db, r->eq_db, sizeof m->eq_db);
	m->distance_before = r->distance_before;
	m->distance_after = r->distance_after;
	m->mix_lufs = r->before.integrated_lufs;
	m->ref_lufs = ref->integrated_lufs;
	m->out_lufs = r->after.integrated_lufs;
	m->mix_width = r->before.width;
	m->ref_width = ref->width;
	m->out_width = r->after.width;
	m->width = r->width;
	m->gain_db = r->gain_db;
	m->passes = r->passes;
}

void studio_line_match(struct studio_line *l)
{
	struct studio *st = l->st;
	const char *path = l->w->argc > 1 ? l->w->argv[1] : studio_monitor_reference_path(st);
	if (!path) {
		studio_error(st, "match: which reference? :match FILE, or load one with "
			":reference FILE");
		return;
	}
	struct match_profile *ref = xmalloc(sizeof *ref);
	struct match_result *r = xcalloc(1, sizeof *r);
	struct match_opts o;
	match_opts_init(&o);
	if (!measure_reference(st, path, ref))
		goto out;
	studio_edit_begin(st, "match to reference");
	struct match_chain c;
	if (!match_chain_prepare(st->project, o.ceiling_dbtp, &c)) {
		studio_edit_cancel(st);
		studio_error(st, "match: the master chain is full (%d inserts): it needs an eq, "
			"a width and a limiter at its end", FX_MAX_INSERTS);
		goto out;
	}
	struct err_msg msg;
	if (match_chain_run(st->project, &c, ref, &o, r, &msg) != ERR_OK) {
		studio_edit_cancel(st);
		studio_error(st, "match: %s", msg.text);
		goto out;
	}
	keep(st, path, &o, ref, r);
	studio_edit_commit(st);
	double most = 0.0;
	for (int i = 0; i < MATCH_GRID_N; i++)
		most = fmax(most, fabs(r->eq_db[i]));
	studio_message(st, "matched to %s: spectrum %.1f -> %.1f dB RMS, eq up to %.1f dB, "
		"width x%.2f, limiter %+.1f dB, %.1f LUFS (u undoes)", st->match->ref_name,
		r->distance_before, r->distance_after, most,
		r->width, r->gain_db, r->after.integrated_lufs);
out:
	free(ref);
	free(r);
}
