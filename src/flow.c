/* Signal flow of one track (src/flow.h). Stages before the pan are rendered with the
 * track centred; a mono track's centre is pan_law_db down on each side, so those
 * stages are lifted by -pan_law_db to read as the mono signal itself. Stages before
 * the bus are rendered with the track played straight into a clean master (no master
 * inserts, master fader at 0 dB), so only the track's own strip acts on them.
 * Automation acts where its control does: a stage keeps only the lanes of what it has
 * reached (an insert's at that insert, the fader's and mute's at the fader, the pan's
 * at the pan), and an automated send is rendered on its own into a clean bus. */
#include "src/flow.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "src/graph_build.h"
#include "src/tap.h"
#include "src/base/xalloc.h"

static void levels(const struct tap_levels *t, double lift_db, double *peak_db,
	double *rms_db)
{
	*peak_db = t->peak > 0 ? 20.0 * log10(t->peak) + lift_db : -INFINITY;
	*rms_db = t->sum_sq > 0 ? 10.0 * log10(t->sum_sq / (double)(t->frames * 2)) + lift_db
		: -INFINITY;
}

struct ctx {
	const struct project *p;
	int t;
	bool *tracks, *none, *all, *path;
	struct flow *f;
	double mono_lift;
	bool prune;          /* stages render track t alone (can_prune) */
	int64_t end;         /* the song's end frame, for every stage */
};

/* Whether the other tracks can be left out of track t's stages: they are silent there
 * (muted, and so their sends), unless one strip is soloed, which may silence t. */
static bool can_prune(const struct project *p, int t)
{
	for (int s = 0; s < p->n_tracks + p->n_buses; s++)
		if (s != t && project_strip_get(p, s)->solo)
			return false;
	return true;
}

/* A copy of q with track t alone, and no bus when every bus is off and t plays
 * straight into the master: what a stage renders of q, with none of the silent work
 * (every other track decoded and run through its inserts, muted buses' effects). The
 * render is aligned to the timeline whatever the delay compensation, so the samples
 * are those of q's stage. NULL and msg when it cannot be made. */
static struct project *pruned(const struct ctx *c, const struct project *q,
	const bool *buses, struct err_msg *msg)
{
	struct project *r = tap_project_copy(q, msg);
	if (!r)
		return NULL;
	for (int k = r->n_tracks - 1; k >= 0; k--)
		if (k != c->t)
			project_remove_track(r, k);
	bool any_on = false;
	for (int b = 0; b < q->n_buses; b++)
		any_on |= buses[b];
	if (!any_on && project_output_bus(r, r->tracks[0].strip.output) < 0)
		while (r->n_buses)
			project_remove_bus(r, r->n_buses - 1);
	return r;
}

static enum err stage(struct ctx *c, const struct project *q, const bool *buses,
	double lift, const char *name)
{
	struct tap_levels tap;
	struct err_msg msg;
	enum err e;
	if (c->prune) {
		struct project *r = pruned(c, q, buses, &msg);
		if (!r)
			return ERR_FORMAT;
		const bool one = true;
		e = tap_measure(r, 0, c->end, &one, buses, 0, &tap, &msg);
		project_free(r);
	} else {
		e = tap_measure(q, 0, c->end, c->tracks, buses, c->t, &tap, &msg);
	}
	if (e != ERR_OK)
		return e;
	if (c->mono_lift < 0)
		c->mono_lift = tap.probe_channels == 1 ? -c->p->pan_law_db : 0.0;
	struct flow_stage *s = &c->f->stage[c->f->n++];
	snprintf(s->name, sizeof s->name, "%s", name);
	levels(&tap, lift > 0 ? c->mono_lift : 0.0, &s->peak_db, &s->rms_db);
	s->clips = s->peak_db >= 0.0;
	return ERR_OK;
}

/* What lane i of strip s drives (false: nothing it has). */
static bool lane_target(const struct project_strip *s, int i, enum control_id *id,
	int *index)
{
	int param;
	return project_auto_target(s->lanes[i].param, s->sends, s->n_sends, s->inserts,
		s->n_inserts, id, index, &param, NULL, 0);
}

/* Whether strip s has a lane on control id (of insert or send index; any for -1). */
static bool has_lane(const struct project_strip *s, enum control_id want, int which)
{
	for (int i = 0; i < s->n_lanes; i++) {
		enum control_id id;
		int index;
		if (lane_target(s, i, &id, &index) && (id == want
			|| (want == CONTROL_INSERT_PARAM && id == CONTROL_INSERT_BYPASS))
			&& (which < 0 || index == which))
			return true;
	}
	return false;
}

/* Drop the lanes of s that act past the stage: an insert's from insert `inserts` on,
 * the fader's, mute's and solo's unless fader, the pan's unless pan, and the sends'
 * (no bus plays at these stages). Called with the chain still whole. */
static void stage_lanes(struct project_strip *s, int inserts, bool fader, bool pan)
{
	for (int i = s->n_lanes - 1; i >= 0; i--) {
		enum control_id id;
		int index;
		bool keep = false;
		if (lane_target(s, i, &id, &index)) {
			switch (id) {
			case CONTROL_GAIN:
			case CONTROL_MUTE:
			case CONTROL_SOLO:
			case CONTROL_SOLO_SAFE:
				keep = fader;
				break;
			case CONTROL_PAN:
				keep = pan;
				break;
			case CONTROL_INSERT_PARAM:
			case CONTROL_INSERT_BYPASS:
				keep = index < inserts;
				break;
			case CONTROL_SEND_LEVEL: /* rendered apart (send_stage) */
				break;
			}
		}
		if (!keep)
			project_lane_remove(s->lanes, &s->n_lanes, i);
	}
}

/* The project with the master clean and track t played straight into it, its inserts
 * cut to the first `inserts`, its fader and pan as asked, with the lanes of those. */
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
	stage_lanes(&tr->strip, inserts, fader, pan);
	while (tr->strip.n_inserts > inserts)
		project_remove_insert(tr->strip.inserts, &tr->strip.n_inserts, tr->strip.n_inserts - 1);
	if (!fader)
		tr->strip.gain_db = 0.0;
	if (!pan)
		tr->strip.pan = 0.0;
	return q;
}

/* A bus name not taken in q. */
static void free_bus_name(const struct project *q, char *buf, size_t size)
{
	for (int k = 1; ; k++) {
		snprintf(buf, size, "flow-direct-%d", k);
		if (project_find_bus(q, buf) < 0)
			return;
	}
}

/* An automated send s of track t, rendered: the track with its whole strip and lanes,
 * its own output into a muted bus, send s alone into a clean copy of its bus (no
 * inserts, lanes or sends, fader 0 dB, centred, into the master), the master clean:
 * what the master gets is what the send delivers. */
static enum err send_stage(struct ctx *c, int s, const char *name, struct err_msg *msg)
{
	struct project *q = tap_project_copy(c->p, msg);
	if (!q)
		return ERR_FORMAT;
	while (q->master.n_inserts)
		project_remove_insert(q->master.inserts, &q->master.n_inserts, 0);
	q->master.gain_db = 0.0;
	struct project_strip *tr = &q->tracks[c->t].strip;
	char bus[PROJECT_MAX_NAME + 1], direct[32];
	snprintf(bus, sizeof bus, "%s", tr->sends[s].bus);
	for (int k = tr->n_sends - 1; k >= 0; k--)
		if (strcmp(tr->sends[k].bus, bus)) {
			project_lanes_drop_send(tr->lanes, &tr->n_lanes, tr->sends[k].bus);
			project_remove_send(tr->sends, &tr->n_sends, k);
		}
	const int b = project_find_bus(q, bus);
	struct project_strip *bs = &q->buses[b].strip;
	while (bs->n_inserts)
		project_remove_insert(bs->inserts, &bs->n_inserts, 0);
	while (bs->n_lanes)
		project_lane_remove(bs->lanes, &bs->n_lanes, 0);
	while (bs->n_sends)
		project_remove_send(bs->sends, &bs->n_sends, 0);
	free(bs->output);
	bs->output = NULL;
	bs->gain_db = bs->pan = 0.0;
	bs->mute = false;
	free_bus_name(q, direct, sizeof direct);
	project_add_bus(q, direct);
	free(tr->output);
	tr->output = xstrdup(direct);
	bool *on = xcalloc((size_t)q->n_buses, sizeof(bool));
	on[b] = true;
	enum err e = stage(c, q, on, 0, name);
	free(on);
	project_free(q);
	return e;
}

/* The sends' stages: an automated one rendered (send_stage), any other computed from
 * the stage it leaves from (pre: after the inserts, post: after the pan) and its level. */
static enum err send_stages(struct ctx *c, double pre_peak, double pre_rms,
	double post_peak, double post_rms, struct err_msg *msg)
{
	const struct project_strip *tr = &c->p->tracks[c->t].strip;
	for (int s = 0; s < tr->n_sends; s++) {
		const struct project_send *sd = &tr->sends[s];
		const bool automated = has_lane(tr, CONTROL_SEND_LEVEL, s);
		if (sd->level_db <= PROJECT_MIN_GAIN_DB && !automated)
			continue;
		char name[48];
		if (automated) {
			snprintf(name, sizeof name, "send %s automated %s", sd->bus,
				sd->pre_fader ? "pre" : "post");
			enum err e = send_stage(c, s, name, msg);
			if (e != ERR_OK)
				return e;
			continue;
		}
		struct flow_stage *st = &c->f->stage[c->f->n++];
		snprintf(st->name, sizeof st->name, "send %s %+.1f dB %s", sd->bus, sd->level_db,
			sd->pre_fader ? "pre" : "post");
		st->peak_db = (sd->pre_fader ? pre_peak : post_peak) + sd->level_db;
		st->rms_db = (sd->pre_fader ? pre_rms : post_rms) + sd->level_db;
		st->computed = true;
		st->clips = st->peak_db >= 0.0;
	}
	return ERR_OK;
}

enum err flow_measure(const struct project *p, int t, struct flow *out,
	struct err_msg *msg)
{
	memset(out, 0, sizeof *out);
	out->first_clip = -1;
	if (t < 0 || t >= p->n_tracks)
		return err_set(msg, ERR_RANGE, "no track %d", t + 1);
	struct ctx c = { .p = p, .t = t, .f = out, .mono_lift = -1,
		.prune = can_prune(p, t) };
	/* the song's end, which a stage of track t alone must keep (its RMS is over it) */
	struct diag d;
	diag_init(&d);
	struct graph *g = NULL;
	if (graph_build(p, true, &g, &d) != ERR_OK) {
		enum err e = err_set(msg, ERR_FORMAT, "%s", d.count ? diag_first_error(&d)
			: "cannot build the graph");
		diag_deinit(&d);
		return e;
	}
	diag_deinit(&d);
	c.end = g->end_frame;
	graph_destroy(g);
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
			snprintf(name, sizeof name, "insert %d %s%s%s", k,
				tr->strip.inserts[k - 1].cls->name,
				tr->strip.inserts[k - 1].bypass ? " (bypassed)" : "",
				has_lane(&tr->strip, CONTROL_INSERT_PARAM, k - 1) ? " automated" : "");
		e = stage(&c, q, c.none, 1, name);
		project_free(q);
		pre_peak = out->stage[out->n - 1].peak_db;
		pre_rms = out->stage[out->n - 1].rms_db;
	}
	struct project *q = e == ERR_OK ? staged(p, t, tr->strip.n_inserts, true, false, msg) : NULL;
	if (q) {
		char name[48];
		if (has_lane(&tr->strip, CONTROL_GAIN, -1))
			snprintf(name, sizeof name, "fader automated");
		else
			snprintf(name, sizeof name, "fader %+.1f dB", tr->strip.gain_db);
		e = stage(&c, q, c.none, 1, name);
		project_free(q);
		q = staged(p, t, tr->strip.n_inserts, true, true, msg);
	}
	double post_peak = -INFINITY, post_rms = -INFINITY;
	if (q && e == ERR_OK) {
		char name[48];
		if (has_lane(&tr->strip, CONTROL_PAN, -1))
			snprintf(name, sizeof name, "pan automated");
		else if (fabs(tr->strip.pan) < 1e-9)
			snprintf(name, sizeof name, "pan C");
		else
			snprintf(name, sizeof name, "pan %c%.0f", tr->strip.pan < 0 ? 'L' : 'R',
				fabs(tr->strip.pan) * 100);
		e = stage(&c, q, c.none, 0, name);
		post_peak = out->stage[out->n - 1].peak_db;
		post_rms = out->stage[out->n - 1].rms_db;
	}
	project_free(q);
	if (e == ERR_OK)
		e = send_stages(&c, pre_peak, pre_rms, post_peak, post_rms, msg);
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
