/* Signal flow of one track (src/flow.h). Stages before the pan are rendered with the
 * track centred; a mono track's centre is pan_law_db down on each side, so those
 * stages are lifted by -pan_law_db to read as the mono signal itself. Stages before
 * the bus are rendered with the track played straight into a clean master (no master
 * inserts, master fader at 0 dB), so only the track's own strip acts on them. */
#include "src/flow.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "src/tap.h"
#include "src/base/xalloc.h"

static void levels(const struct tap *t, double lift_db, double *peak_db, double *rms_db)
{
	double peak = 0, sum = 0;
	for (int64_t i = 0; i < t->frames * 2; i++) {
		double x = fabs(t->buf[i]);
		if (x > peak)
			peak = x;
		sum += x * x;
	}
	*peak_db = peak > 0 ? 20.0 * log10(peak) + lift_db : -INFINITY;
	*rms_db = sum > 0 ? 10.0 * log10(sum / (double)(t->frames * 2)) + lift_db : -INFINITY;
}

struct ctx {
	const struct project *p;
	int t;
	bool *tracks, *none, *all, *path;
	struct flow *f;
	double mono_lift;
};

static enum err stage(struct ctx *c, const struct project *q, const bool *buses,
	double lift, const char *name)
{
	struct tap tap;
	struct err_msg msg;
	enum err e = tap_render(q, 0, 0, c->tracks, buses, c->t, &tap, &msg);
	if (e != ERR_OK)
		return e;
	if (c->mono_lift < 0)
		c->mono_lift = tap.probe_channels == 1 ? -c->p->pan_law_db : 0.0;
	struct flow_stage *s = &c->f->stage[c->f->n++];
	snprintf(s->name, sizeof s->name, "%s", name);
	levels(&tap, lift > 0 ? c->mono_lift : 0.0, &s->peak_db, &s->rms_db);
	s->clips = s->peak_db >= 0.0;
	tap_free(&tap);
	return ERR_OK;
}

/* The project with the master clean and track t played straight into it, its inserts
 * cut to the first `inserts`, its fader and pan as asked. */
static struct project *staged(const struct project *p, int t, int inserts, bool fader,
	bool pan, struct err_msg *msg)
{
	struct project *q = tap_project_copy(p, msg);
	if (!q)
		return NULL;
	while (q->master.n_inserts)
		project_remove_insert(q->master.inserts, &q->master.n_inserts, 0);
	q->master.gain_db = 0.0;
	struct project_track *tr = &q->tracks[t];
	free(tr->strip.output);
	tr->strip.output = NULL;
	while (tr->strip.n_inserts > inserts)
		project_remove_insert(tr->strip.inserts, &tr->strip.n_inserts, tr->strip.n_inserts - 1);
	if (!fader)
		tr->strip.gain_db = 0.0;
	if (!pan)
		tr->strip.pan = 0.0;
	return q;
}

enum err flow_measure(const struct project *p, int t, struct flow *out,
	struct err_msg *msg)
{
	memset(out, 0, sizeof *out);
	out->first_clip = -1;
	if (t < 0 || t >= p->n_tracks)
		return err_set(msg, ERR_RANGE, "no track %d", t + 1);
	struct ctx c = { .p = p, .t = t, .f = out, .mono_lift = -1 };
	c.tracks = xcalloc((size_t)p->n_tracks, sizeof(bool));
	c.none = xcalloc((size_t)p->n_buses + 1, sizeof(bool));
	c.all = xcalloc((size_t)p->n_buses + 1, sizeof(bool));
	c.path = xcalloc((size_t)p->n_buses + 1, sizeof(bool));
	c.tracks[t] = true;
	for (int b = 0; b < p->n_buses; b++)
		c.all[b] = true;
	const struct project_track *tr = &p->tracks[t];
	enum err e = ERR_OK;
	double pre_peak = -INFINITY, pre_rms = -INFINITY;  /* after the inserts */
	for (int k = 0; e == ERR_OK && k <= tr->strip.n_inserts; k++) {
		struct project *q = staged(p, t, k, false, false, msg);
		if (!q) {
			e = ERR_FORMAT;
			break;
		}
		char name[48];
		if (k == 0)
			snprintf(name, sizeof name, "clip");
		else
			snprintf(name, sizeof name, "insert %d %s%s", k, tr->strip.inserts[k - 1].cls->name,
				tr->strip.inserts[k - 1].bypass ? " (bypassed)" : "");
		e = stage(&c, q, c.none, 1, name);
		project_free(q);
		pre_peak = out->stage[out->n - 1].peak_db;
		pre_rms = out->stage[out->n - 1].rms_db;
	}
	struct project *q = e == ERR_OK ? staged(p, t, tr->strip.n_inserts, true, false, msg) : NULL;
	if (q) {
		char name[48];
		snprintf(name, sizeof name, "fader %+.1f dB", tr->strip.gain_db);
		e = stage(&c, q, c.none, 1, name);
		project_free(q);
		q = staged(p, t, tr->strip.n_inserts, true, true, msg);
	}
	double post_peak = -INFINITY, post_rms = -INFINITY;
	if (q && e == ERR_OK) {
		char name[48];
		if (fabs(tr->strip.pan) < 1e-9)
			snprintf(name, sizeof name, "pan C");
		else
			snprintf(name, sizeof name, "pan %c%.0f", tr->strip.pan < 0 ? 'L' : 'R',
				fabs(tr->strip.pan) * 100);
		e = stage(&c, q, c.none, 0, name);
		post_peak = out->stage[out->n - 1].peak_db;
		post_rms = out->stage[out->n - 1].rms_db;
	}
	project_free(q);
	for (int s = 0; e == ERR_OK && s < tr->strip.n_sends; s++) {
		const struct project_send *sd = &tr->strip.sends[s];
		if (sd->level_db <= PROJECT_MIN_GAIN_DB)
			continue;
		struct flow_stage *st = &out->stage[out->n++];
		snprintf(st->name, sizeof st->name, "send %s %+.1f dB %s", sd->bus, sd->level_db,
			sd->pre_fader ? "pre" : "post");
		st->peak_db = (sd->pre_fader ? pre_peak : post_peak) + sd->level_db;
		st->rms_db = (sd->pre_fader ? pre_rms : post_rms) + sd->level_db;
		st->computed = true;
		st->clips = st->peak_db >= 0.0;
	}
	/* the bus the track plays into, with its own processing, the master kept clean */
	if (e == ERR_OK && project_output_bus(p, tr->strip.output) >= 0) {
		const char *output = tr->strip.output;
		for (int hops = 0; hops < p->n_buses; hops++) {
			int b = project_output_bus(p, output);
			if (b < 0)
				break;
			c.path[b] = true;
			output = p->buses[b].strip.output;
		}
		q = tap_project_copy(p, msg);
		if (!q) {
			e = ERR_FORMAT;
		} else {
			while (q->master.n_inserts)
				project_remove_insert(q->master.inserts, &q->master.n_inserts, 0);
			q->master.gain_db = 0.0;
			char name[48];
			snprintf(name, sizeof name, "bus %s", tr->strip.output);
			e = stage(&c, q, c.path, 0, name);
			project_free(q);
		}
	}
	if (e == ERR_OK)
		e = stage(&c, p, c.all, 0, "master (with returns)");
	for (int s = 0; s < out->n; s++)
		if (out->stage[s].clips) {
			out->first_clip = s;
			break;
		}
	free(c.tracks);
	free(c.none);
	free(c.all);
	free(c.path);
	return e;
}

char *flow_text(const struct project *p, int t, const struct flow *f)
{
	size_t cap = 256 + (size_t)f->n * 96, len = 0;
	char *out = xmalloc(cap);
	len += (size_t)snprintf(out + len, cap - len, "Signal flow of %s (whole song, dBFS)\n",
		p->tracks[t].strip.name);
	len += (size_t)snprintf(out + len, cap - len, "  %-30s %7s %7s\n", "stage", "peak",
		"RMS");
	for (int s = 0; s < f->n; s++) {
		const struct flow_stage *st = &f->stage[s];
		char pk[16], rms[16];
		if (isfinite(st->peak_db))
			snprintf(pk, sizeof pk, "%7.1f", st->peak_db);
		else
			snprintf(pk, sizeof pk, "%7s", "-inf");
		if (isfinite(st->rms_db))
			snprintf(rms, sizeof rms, "%7.1f", st->rms_db);
		else
			snprintf(rms, sizeof rms, "%7s", "-inf");
		len += (size_t)snprintf(out + len, cap - len, "%s %-30s %s %s%s%s\n",
			s == f->first_clip ? ">" : " ", st->name, pk, rms,
			st->clips ? "  CLIPS" : "", st->computed ? "  (level + send)" : "");
	}
	if (f->first_clip >= 0)
		snprintf(out + len, cap - len, "First clipping stage: %s: lower the gain before "
			"it (or the stage itself).\n", f->stage[f->first_clip].name);
	else
		snprintf(out + len, cap - len, "No stage clips.\n");
	return out;
}
