/* Checking a lesson (src/lesson.h): the project rendered by the real engine with some
 * strips silenced, and the sound measured. Each "tap" is one offline render of the
 * window with only the named tracks and buses audible (the others muted in the graph,
 * as `ttymix render --stems` does), kept in memory; a bus's own return is the
 * difference of two renders that differ only in that bus being muted (the renderer is
 * deterministic, docs/dsp.md "Lessons"). */
#include "src/lesson.h"
#include "src/lesson_priv.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "audio/loudness.h"
#include "src/graph_build.h"
#include "src/tap.h"
#include "src/base/xalloc.h"

#ifndef M_PI
#define M_PI 3.14159265358979323846
#endif

static enum err render_tap(const struct project *p, const struct window *w,
	const bool *tracks_on, const bool *buses_on, const struct tap_watch *watch,
	struct tap *out, struct err_msg *msg)
{
	return tap_render_watched(p, w->start, w->end, tracks_on, buses_on, -1, watch, out,
		msg);
}

/* ---- measures ---- */

/* Left energy over right energy, dB (0 when both are silent). */
static double side_balance_db(const struct tap *t)
{
	double ll = 0, rr = 0;
	for (int64_t i = 0; i < t->frames; i++) {
		ll += (double)t->buf[i * 2] * t->buf[i * 2];
		rr += (double)t->buf[i * 2 + 1] * t->buf[i * 2 + 1];
	}
	if (ll <= 0 && rr <= 0)
		return 0.0;
	return 10.0 * log10((ll + 1e-30) / (rr + 1e-30));
}

/* Crest factor: sample peak over RMS of both channels, dB. */
static double crest_db(const struct tap *t)
{
	double peak = 0, sum = 0;
	for (int64_t i = 0; i < t->frames * 2; i++) {
		double x = fabs(t->buf[i]);
		peak = fmax(peak, x);
		sum += x * x;
	}
	if (sum <= 0)
		return 0.0;
	return 20.0 * log10(peak / sqrt(sum / (double)(t->frames * 2)));
}

static double band_energy(const struct tap *t, bool high, double hz, int rate)
{
	struct lesson_bq f[2];
	lesson_bq_init(&f[0], high, hz, 1.0 / (2.0 * cos(M_PI / 8.0)), rate);
	lesson_bq_init(&f[1], high, hz, 1.0 / (2.0 * cos(3.0 * M_PI / 8.0)), rate);
	double sum = 0;
	for (int64_t i = 0; i < t->frames; i++)
		for (int ch = 0; ch < 2; ch++) {
			double y = lesson_bq_run(&f[1], ch,
				lesson_bq_run(&f[0], ch, t->buf[i * 2 + ch]));
			sum += y * y;
		}
	return sum;
}

/* Energy below hz through the steep analysis low-pass (lesson_measure.c). */
static double low_energy_steep(const struct tap *t, double hz, int rate)
{
	return lesson_band_energy(t, 0, hz, rate, 0, t->frames);
}

static int cmp_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;
	return (x > y) - (x < y);
}

/* How uneven the notes are: the level (RMS of both channels, dB) of every 100 ms
 * block, the blocks more than SPREAD_GATE_DB under the loudest left out (rests and
 * the ends of decays), and the distance from the 10th to the 90th percentile of the
 * rest: loud notes against quiet ones. A compressor's attack, which a crest factor
 * (one sample's peak against the RMS) mostly measures, hardly moves it; what the
 * compressor does to each note's level does. 0 for silence. */
#define SPREAD_GATE_DB 30.0

static double level_spread_db(const struct tap *t, int rate)
{
	const int64_t block = rate / 10;
	const int64_t n = block > 0 ? t->frames / block : 0;
	if (n < 2)
		return 0.0;
	double *lv = xcalloc((size_t)n, sizeof *lv), top = -INFINITY;
	for (int64_t b = 0; b < n; b++) {
		double sum = 0;
		for (int64_t i = b * block * 2; i < (b + 1) * block * 2; i++)
			sum += (double)t->buf[i] * t->buf[i];
		lv[b] = sum > 0 ? 10.0 * log10(sum / (double)(block * 2)) : -INFINITY;
		top = fmax(top, lv[b]);
	}
	int64_t kept = 0;
	for (int64_t b = 0; b < n; b++)
		if (lv[b] >= top - SPREAD_GATE_DB)
			lv[kept++] = lv[b];
	qsort(lv, (size_t)kept, sizeof *lv, cmp_double);
	double spread = kept >= 2 ? lv[(kept - 1) * 9 / 10] - lv[(kept - 1) / 10] : 0.0;
	free(lv);
	return spread;
}

/* ---- results ---- */

/* ---- the window and the strips ---- */

static enum err window_of(const struct lesson *l, const struct project *p,
	struct window *w, struct err_msg *msg)
{
	double from = 0, to = -1;
	if (l->from && !lesson_find_marker(p, l->from, &from))
		return err_set(msg, ERR_FORMAT, "%s: no marker \"%s\" (the lesson measures from it)",
			p->path, l->from);
	if (l->to && !lesson_find_marker(p, l->to, &to))
		return err_set(msg, ERR_FORMAT, "%s: no marker \"%s\" (the lesson measures up to it)",
			p->path, l->to);
	w->start = graph_frames(from, p->sample_rate);
	w->end = to >= 0 ? graph_frames(to, p->sample_rate) : 0;
	if (l->from)
		snprintf(w->name, sizeof w->name, "%s", l->from);
	else
		snprintf(w->name, sizeof w->name, "the song");
	if (w->end && w->end <= w->start)
		return err_set(msg, ERR_FORMAT, "%s: marker \"%s\" is not after \"%s\"", p->path,
			l->to, l->from);
	return ERR_OK;
}

static enum err need_track(const struct project *p, const char *name, int *t,
	struct err_msg *msg)
{
	for (*t = 0; *t < p->n_tracks; (*t)++)
		if (!strcmp(p->tracks[*t].strip.name, name))
			return ERR_OK;
	return err_set(msg, ERR_FORMAT, "%s: no track \"%s\" (the lesson checks it)", p->path,
		name);
}

static enum err need_bus(const struct project *p, const char *name, int *b,
	struct err_msg *msg)
{
	*b = project_find_bus(p, name);
	if (*b < 0)
		return err_set(msg, ERR_FORMAT, "%s: no bus \"%s\" (the lesson checks it)", p->path,
			name);
	return ERR_OK;
}

/* All strips on but the tracks: track t alone, or every track but t. */
static void strips_all_but_tracks(struct strips *s, const struct project *p, int t,
	bool only_t)
{
	lesson_strips_init(s, p, true);
	for (int k = 0; k < p->n_tracks; k++)
		s->tracks[k] = (k == t) == only_t;
}

/* The project with track t's strip as the lesson gave it out: no inserts, no lanes,
 * fader at 0 dB, centred; everything else unchanged. */
static struct project *baseline_project(const struct project *p, int t, struct err_msg *msg,
	enum err *e)
{
	struct project *q = tap_project_copy(p, msg);
	*e = q ? ERR_OK : ERR_FORMAT;
	if (!q)
		return NULL;
	struct project_track *tr = &q->tracks[t];
	while (tr->strip.n_inserts)
		project_remove_insert(tr->strip.inserts, &tr->strip.n_inserts, 0);
	tr->strip.gain_db = 0.0;
	tr->strip.pan = 0.0;
	/* and no automation: a lane would move the baseline as it moves the track */
	while (tr->strip.n_lanes)
		project_lane_remove(tr->strip.lanes, &tr->strip.n_lanes, 0);
	return q;
}

/* ---- the checks ---- */

/* balance: the track alone, then the rest of the band */
static int plan_balance(const struct subject *s, struct take t[2])
{
	if (s->step)
		return 0;
	strips_all_but_tracks(&t[0].on, s->p, s->track, true);
	strips_all_but_tracks(&t[1].on, s->p, s->track, false);
	return 2;
}

static void judge_balance(const struct subject *s, struct tap taps[2])
{
	const struct lesson *l = s->l;
	const int rate = s->p->sample_rate;
	const double gain = s->p->tracks[s->track].strip.gain_db;
	double la = lesson_integrated(&taps[0], rate), lb = lesson_integrated(&taps[1], rate);
	double diff = isfinite(la) && isfinite(lb) ? la - lb : -INFINITY;
	struct lesson_item *it = lesson_item_add(s->res, "LU", diff, fabs(diff) <= l->tol_lu);
	snprintf(it->what, sizeof it->what, "%s against the rest of the band, %s",
		l->track, s->w->name);
	snprintf(it->target, sizeof it->target, "within +-%.1f LU", l->tol_lu);
	/* the advice names one figure: how far the track is from level with the rest,
	 * which is also how far to move its fader */
	if (!isfinite(la))
		snprintf(it->advice, sizeof it->advice, "%s is silent here: unmute it and "
			"raise its fader", l->track);
	else if (!isfinite(lb))
		snprintf(it->advice, sizeof it->advice, "the rest of the band is silent here "
			"(is %s soloed? the check compares it with the others: unsolo it, and unmute "
			"them)", l->track);
	else if (diff < -l->tol_lu)
		snprintf(it->advice, sizeof it->advice, "%s is %.1f LU under the rest: raise it "
			"by that much (:gain %s %+.1f), or lower the loudest tracks", l->track, -diff,
			l->track, gain - diff);
	else if (diff > l->tol_lu)
		snprintf(it->advice, sizeof it->advice, "%s is %.1f LU over the rest: lower it "
			"by that much (:gain %s %+.1f)", l->track, diff, l->track, gain - diff);
}

/* panning: the bus alone (the tracks playing into it, no effect returns), then each
 * centred track dry, while items are left */
static int plan_panning(const struct subject *s, struct take t[2])
{
	const struct project *p = s->p;
	if (s->step == 0) {
		lesson_strips_init(&t[0].on, p, false);
		for (int i = 0; i < p->n_tracks; i++)
			t[0].on.tracks[i] = project_output_bus(p, p->tracks[i].strip.output) == s->bus;
		t[0].on.buses[s->bus] = true;
		lesson_output_path_on(p, p->buses[s->bus].strip.output, t[0].on.buses);
		return 1;
	}
	if (s->step - 1 >= s->n_names || s->res->n >= LESSON_MAX_ITEMS)
		return 0;
	lesson_strips_track_dry(&t[0].on, p, s->names[s->step - 1]);
	return 1;
}

static void judge_panning(const struct subject *s, struct tap taps[2])
{
	const struct lesson *l = s->l;
	struct lesson_item *it;
	if (s->step == 0) {
		double c = lesson_correlation(&taps[0]);
		it = lesson_item_add(s->res, "", c, c < l->max_corr);
		snprintf(it->what, sizeof it->what, "correlation of the %s bus, %s", l->bus,
			s->w->name);
		snprintf(it->target, sizeof it->target, "below %.2f", l->max_corr);
		if (!it->pass)
			snprintf(it->advice, sizeof it->advice, "%.2f too high (1 = mono): pan the "
				"layers playing into %s apart, one left and one right (:pan TRACK L70)",
				c - l->max_corr, l->bus);
		return;
	}
	const char *name = l->names[s->step - 1];
	double bal = side_balance_db(&taps[0]);
	it = lesson_item_add(s->res, "dB", bal, fabs(bal) <= l->centre_db);
	snprintf(it->what, sizeof it->what, "%s left minus right", name);
	snprintf(it->target, sizeof it->target, "within +-%.1f dB (centred)", l->centre_db);
	if (!it->pass)
		snprintf(it->advice, sizeof it->advice, "%.1f dB off centre to the %s: low and "
			"lead parts anchor the middle; pan %s back to C (:pan %s C)",
			fabs(bal), bal > 0 ? "left" : "right", name, name);
}

static void judge_low_cut(const struct subject *s, struct tap taps[2])
{
	const struct lesson *l = s->l;
	const struct tap *after = &taps[0], *before = &taps[1];
	const int rate = s->p->sample_rate;
	double low = lesson_energy_ratio_db(low_energy_steep(after, l->cut_hz, rate),
		low_energy_steep(before, l->cut_hz, rate));
	double high = lesson_energy_ratio_db(band_energy(after, true, l->keep_hz, rate),
		band_energy(before, true, l->keep_hz, rate));
	struct lesson_item *it = lesson_item_add(s->res, "dB", low, low <= -l->min_db);
	snprintf(it->what, sizeof it->what, "%s energy below %.0f Hz, change", l->track,
		l->cut_hz);
	snprintf(it->target, sizeof it->target, "-%.0f dB or lower", l->min_db);
	int eq = lesson_insert_slot(s->p, s->track, "eq");
	if (it->pass)
		;
	else if (eq)
		snprintf(it->advice, sizeof it->advice, "down %.1f dB of the %.0f asked: raise "
			"the eq's high-pass to %.0f Hz or above, 24 dB/oct (:fx %s %d hpf_hz %.0f, "
			":fx %s %d hpf_slope 24)", fmax(-low, 0.0), l->min_db, l->cut_hz, l->track, eq,
			l->cut_hz, l->track, eq);
	else
		snprintf(it->advice, sizeof it->advice, "down %.1f dB of the %.0f asked: add an "
			"eq to %s (:insert %s add eq) and set its high-pass at %.0f Hz, 24 dB/oct",
			fmax(-low, 0.0), l->min_db, l->track, l->track, l->cut_hz);
	it = lesson_item_add(s->res, "dB", high, high >= -l->max_db);
	snprintf(it->what, sizeof it->what, "%s energy above %.0f Hz, change", l->track,
		l->keep_hz);
	snprintf(it->target, sizeof it->target, "no lower than -%.0f dB", l->max_db);
	if (!it->pass)
		snprintf(it->advice, sizeof it->advice, "%.1f dB lost where at most %.0f may "
			"go: cut only the lows (a high-pass), not the whole track (fader, low-pass)",
			-high, l->max_db);
}

/* The loudness item of crest and evenness: the track as loud as before. */
static void judge_kept_loud(const struct subject *s, const struct tap *after,
	const struct tap *before)
{
	const struct lesson *l = s->l;
	double loud = lesson_integrated(after, s->p->sample_rate) -
		lesson_integrated(before, s->p->sample_rate);
	if (!isfinite(loud))
		loud = -INFINITY;
	struct lesson_item *it = lesson_item_add(s->res, "LU", loud, loud >= -l->max_lu);
	snprintf(it->what, sizeof it->what, "%s loudness, change", l->track);
	snprintf(it->target, sizeof it->target, "no lower than -%.1f LU", l->max_lu);
	if (!isfinite(loud))
		snprintf(it->advice, sizeof it->advice, "%s is silent now: unmute it",
			l->track);
	else if (!it->pass)
		snprintf(it->advice, sizeof it->advice, "%s is %.1f LU quieter than before: "
			"give that back with the compressor's makeup_db", l->track, -loud);
}

static void judge_crest(const struct subject *s, struct tap taps[2])
{
	const struct lesson *l = s->l;
	const struct tap *after = &taps[0], *before = &taps[1];
	double drop = crest_db(before) - crest_db(after);
	struct lesson_item *it = lesson_item_add(s->res, "dB", drop, drop >= l->min_db);
	snprintf(it->what, sizeof it->what, "%s crest factor (peak/RMS), reduction",
		l->track);
	snprintf(it->target, sizeof it->target, "%.1f dB or more", l->min_db);
	if (!it->pass && drop < 0)
		snprintf(it->advice, sizeof it->advice, "the peaks stand out %.1f dB more than "
			"before: a faster attack_ms lets fewer of them through", -drop);
	else if (!it->pass)
		snprintf(it->advice, sizeof it->advice, "down %.1f dB of the %.1f asked: lower "
			"the compressor's threshold_db or raise its ratio", drop, l->min_db);
	judge_kept_loud(s, after, before);
}

static void judge_evenness(const struct subject *s, struct tap taps[2])
{
	const struct lesson *l = s->l;
	const struct tap *after = &taps[0], *before = &taps[1];
	const int rate = s->p->sample_rate;
	double was = level_spread_db(before, rate), now = level_spread_db(after, rate);
	double drop = was - now;
	struct lesson_item *it = lesson_item_add(s->res, "dB", drop, drop >= l->min_db);
	snprintf(it->what, sizeof it->what, "%s spread of note levels (loud against quiet), "
		"reduction", l->track);
	snprintf(it->target, sizeof it->target, "%.1f dB or more", l->min_db);
	int comp = lesson_insert_slot(s->p, s->track, "compressor");
	if (it->pass)
		;
	else if (!comp)
		snprintf(it->advice, sizeof it->advice, "the notes are as uneven as before: add "
			"a compressor to %s (:insert %s add compressor) with its threshold_db under "
			"the quiet notes", l->track, l->track);
	else if (drop <= 0)
		snprintf(it->advice, sizeof it->advice, "the notes are no more even than before "
			"(spread %.1f dB, was %.1f): is the compressor bypassed? its threshold_db must "
			"be under the quiet notes", now, was);
	else
		snprintf(it->advice, sizeof it->advice, "down %.1f dB of the %.1f asked: lower "
			"threshold_db so the quiet notes are reduced too, or raise the ratio",
			drop, l->min_db);
	judge_kept_loud(s, after, before);
}

/* send_wet: the track alone with the bus, then without it */
static int plan_send_wet(const struct subject *s, struct take t[2])
{
	if (s->step)
		return 0;
	strips_all_but_tracks(&t[0].on, s->p, s->track, true);
	strips_all_but_tracks(&t[1].on, s->p, s->track, true);
	t[1].on.buses[s->bus] = false;
	return 2;
}

static void judge_send_wet(const struct subject *s, struct tap taps[2])
{
	const struct lesson *l = s->l;
	const struct tap *a = &taps[0], *b = &taps[1];
	double dry = lesson_integrated(b, s->p->sample_rate);
	/* the bus's return of this track: everything else is in both renders */
	for (int64_t i = 0; i < a->frames * 2 && i < b->frames * 2; i++)
		a->buf[i] -= b->buf[i];
	double wet = lesson_integrated(a, s->p->sample_rate);
	double rel = isfinite(wet) && isfinite(dry) ? wet - dry : -INFINITY;
	bool pass = rel >= l->min_lu && rel <= l->max_lu;
	struct lesson_item *it = lesson_item_add(s->res, "LU", rel, pass);
	snprintf(it->what, sizeof it->what, "%s return of %s against %s dry, %s", l->bus,
		l->track, l->track, s->w->name);
	snprintf(it->target, sizeof it->target, "%.0f to %.0f LU", l->min_lu, l->max_lu);
	if (!isfinite(rel))
		snprintf(it->advice, sizeof it->advice, "no %s heard from %s: turn its send "
			"up (:send %s %s -15)", l->bus, l->track, l->track, l->bus);
	else if (rel < l->min_lu)
		snprintf(it->advice, sizeof it->advice, "too dry: the return is %.1f LU under "
			"the dry sound; raise the send from %s to %s by about %.0f dB to sit halfway "
			"into the range", -rel, l->track, l->bus, ceil((l->min_lu + l->max_lu) / 2 - rel));
	else if (rel > l->max_lu)
		snprintf(it->advice, sizeof it->advice, "too wet: the return is %.1f LU %s the "
			"dry sound; lower the send from %s to %s by about %.0f dB to sit halfway into "
			"the range", fabs(rel), rel < 0 ? "under" : "over", l->track, l->bus,
			ceil(rel - (l->min_lu + l->max_lu) / 2));
}

/* master: the whole mix */
static int plan_master(const struct subject *s, struct take t[2])
{
	if (s->step)
		return 0;
	lesson_strips_init(&t[0].on, s->p, true);
	return 1;
}

static void judge_master(const struct subject *s, struct tap taps[2])
{
	const struct lesson *l = s->l;
	const struct tap *a = &taps[0];
	struct loudness_result r;
	double lufs = lesson_loudness_of(a, &r, s->p->sample_rate);
	long clipped = 0;
	for (int64_t i = 0; i < a->frames * 2; i++)
		clipped += fabsf(a->buf[i]) >= 1.0f;
	double off = lufs - l->target_lufs;
	struct lesson_item *it = lesson_item_add(s->res, "LUFS", lufs, isfinite(off) &&
		fabs(off) <= l->tol_lu);
	snprintf(it->what, sizeof it->what, "integrated loudness of the mix");
	snprintf(it->target, sizeof it->target, "%.1f +-%.1f LUFS", l->target_lufs, l->tol_lu);
	if (!it->pass)
		snprintf(it->advice, sizeof it->advice, "the mix is %.1f LU %s the target: %s the "
			"master limiter's input_db by that much", fabs(off), off < 0 ? "under" : "over",
			off < 0 ? "raise" : "lower");
	it = lesson_item_add(s->res, "dBTP", r.true_peak_dbtp, r.true_peak_dbtp <= l->max_dbtp);
	snprintf(it->what, sizeof it->what, "true peak of the mix");
	snprintf(it->target, sizeof it->target, "%.1f dBTP or lower", l->max_dbtp);
	if (!it->pass)
		snprintf(it->advice, sizeof it->advice, "%.1f dB over: end the master chain with "
			"a limiter (:insert master add limiter), ceiling_dbtp %.1f",
			r.true_peak_dbtp - l->max_dbtp, l->max_dbtp);
	it = lesson_item_add(s->res, "", (double)clipped, clipped == 0);
	snprintf(it->what, sizeof it->what, "clipped samples (at or over full scale)");
	snprintf(it->target, sizeof it->target, "none");
	if (!it->pass)
		snprintf(it->advice, sizeof it->advice, "%ld samples clip: a limiter on the master "
			"stops them; lower the faders if the mix itself is too hot", clipped);
}

static const struct check_kind kinds[] = {
	{ LESSON_BALANCE, true, false, false, plan_balance, judge_balance },
	{ LESSON_PANNING, false, true, true, plan_panning, judge_panning },
	{ LESSON_LOW_CUT, true, false, false, lesson_plan_now_and_baseline, judge_low_cut },
	{ LESSON_CREST, true, false, false, lesson_plan_now_and_baseline, judge_crest },
	{ LESSON_EVENNESS, true, false, false, lesson_plan_now_and_baseline, judge_evenness },
	{ LESSON_SEND_WET, true, true, false, plan_send_wet, judge_send_wet },
	{ LESSON_MASTER, false, false, false, plan_master, judge_master },
};

/* The track, bus and centred tracks kind needs, found in the project. */
static enum err find_subject(const struct check_kind *kind, struct subject *s,
	struct err_msg *msg)
{
	const struct lesson *l = s->l;
	enum err e = ERR_OK;
	s->track = s->bus = -1;
	s->n_names = 0;
	if (kind->track)
		e = need_track(s->p, l->track, &s->track, msg);
	if (e == ERR_OK && kind->bus)
		e = need_bus(s->p, l->bus, &s->bus, msg);
	/* the first item is the bus's: names past the last item are never measured */
	for (int i = 0; e == ERR_OK && kind->names && i < l->n_names &&
		i < LESSON_MAX_ITEMS - 1; i++)
		e = need_track(s->p, l->names[i], &s->names[s->n_names++], msg);
	return e;
}

/* How far a check is: takes rendered of the takes it makes (estimated: the first
 * step's, or one per centred track after the bus for panning). */
struct progress {
	const struct lesson_watch *watch;
	int done, total;
};

/* Render a step's takes and judge them; the baseline is made once, when first
 * needed, into *base. */
static enum err run_step(const struct check_kind *kind, const struct subject *s,
	const struct take *t, int n, struct project **base, struct progress *pr,
	struct err_msg *msg)
{
	struct tap taps[2] = { { 0 }, { 0 } };
	enum err e = ERR_OK;
	for (int i = 0; i < n && e == ERR_OK; i++) {
		if (t[i].baseline && !*base)
			*base = baseline_project(s->p, s->track, msg, &e);
		int total = pr->total > pr->done ? pr->total : pr->done + 1;
		struct tap_watch tw = {
			.progress = pr->watch ? pr->watch->progress : NULL,
			.from = 1000 * pr->done / total, .span = 1000 / total,
			.cancel = pr->watch ? pr->watch->cancel : NULL,
		};
		if (e == ERR_OK)
			e = render_tap(t[i].baseline ? *base : s->p, s->w, t[i].on.tracks,
				t[i].on.buses, &tw, &taps[i], msg);
		pr->done++;
	}
	if (e == ERR_OK)
		kind->judge(s, taps);
	for (int i = 0; i < n; i++)
		tap_free(&taps[i]);
	return e;
}

/* Every clip's file is there: the renderer plays a missing one as silence, and the
 * check would then blame the mix ("Lead is silent") for a folder moved away from its
 * audio. */
static enum err audio_present(const struct project *p, struct err_msg *msg)
{
	for (int t = 0; t < p->n_tracks; t++)
		for (int c = 0; c < p->tracks[t].n_clips; c++) {
			char *path = project_clip_path(p, &p->tracks[t].clips[c]);
			bool there = access(path, R_OK) == 0;
			enum err e = there ? ERR_OK : err_set(msg, ERR_NOT_FOUND,
				"audio file not found: %s (a clip of %s; the lesson's folder must sit "
				"where its audio is)", path, p->tracks[t].strip.name);
			free(path);
			if (e != ERR_OK)
				return e;
		}
	return ERR_OK;
}

enum err lesson_check(const struct lesson *l, const struct project *p,
	struct lesson_result *res, struct err_msg *msg)
{
	return lesson_check_watched(l, p, NULL, res, msg);
}

enum err lesson_check_watched(const struct lesson *l, const struct project *p,
	const struct lesson_watch *watch, struct lesson_result *res, struct err_msg *msg)
{
	memset(res, 0, sizeof *res);
	res->pass = true;
	struct window w;
	enum err e = audio_present(p, msg);
	if (e == ERR_OK)
		e = window_of(l, p, &w, msg);
	if (e != ERR_OK)
		return e;
	if (l->type == LESSON_ALBUM)
		return lesson_check_album(l, p, watch, res, msg);
	if (l->type == LESSON_MASKING)
		return lesson_check_masking(l, p, (double)w.start / p->sample_rate,
			(double)w.end / p->sample_rate, res, msg);
	const struct check_kind *kind = NULL;
	for (size_t i = 0; i < sizeof kinds / sizeof kinds[0]; i++)
		if (kinds[i].type == l->type)
			kind = &kinds[i];
	for (int i = 0; i < lesson_n_more_kinds; i++)
		if (lesson_more_kinds[i].type == l->type)
			kind = &lesson_more_kinds[i];
	if (!kind)
		return err_set(msg, ERR_FORMAT, "unknown check");
	struct subject s = { .l = l, .p = p, .w = &w, .res = res };
	if ((e = find_subject(kind, &s, msg)) != ERR_OK)
		return e;
	double at;
	const char *marks[2] = { l->move_from, l->move_to };
	if (l->reference) {
		char *ref = lesson_reference_path(l, p);
		bool there = access(ref, R_OK) == 0;
		e = there ? ERR_OK : err_set(msg, ERR_NOT_FOUND, "reference not found: %s (the "
			"lesson compares the mix with it)", ref);
		free(ref);
		if (e != ERR_OK)
			return e;
	}
	for (int i = 0; i < 2; i++)
		if (marks[i] && !lesson_find_marker(p, marks[i], &at))
			return err_set(msg, ERR_FORMAT, "%s: no marker \"%s\" (the lesson measures "
				"a move from it)", p->path, marks[i]);
	struct project *base = NULL;
	struct progress pr = { .watch = watch };
	for (s.step = 0; e == ERR_OK; s.step++) {
		struct take t[2];
		memset(t, 0, sizeof t);
		int n = kind->plan(&s, t);
		if (!n)
			break;
		if (s.step == 0)
			pr.total = kind->type == LESSON_PANNING ? 1 + s.n_names : n;
		e = run_step(kind, &s, t, n, &base, &pr, msg);
		for (int i = 0; i < n; i++)
			lesson_strips_free(&t[i].on);
	}
	project_free(base);
	return e;
}

char *lesson_result_text(const struct lesson_result *res)
{
	size_t cap = 256 + (size_t)res->n * 512, len = 0;
	char *out = xmalloc(cap);
	out[0] = '\0';
	for (int i = 0; i < res->n; i++) {
		const struct lesson_item *it = &res->item[i];
		char value[32];
		if (isfinite(it->value))
			snprintf(value, sizeof value, "%.*f%s%s", it->unit[0] ? 1 : 2, it->value,
				it->unit[0] ? " " : "", it->unit);
		else
			snprintf(value, sizeof value, "silent");
		if (!strcmp(it->what, "clipped samples (at or over full scale)"))
			snprintf(value, sizeof value, "%.0f", it->value);
		len += (size_t)snprintf(out + len, cap - len, "%s %s: %s (target %s)%s%s\n",
			it->pass ? "PASS" : "FAIL", it->what, value, it->target,
			it->advice[0] ? "; " : "", it->advice);
	}
	return out;
}
