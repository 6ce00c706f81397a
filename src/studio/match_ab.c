/* :match ab (src/studio/match_ab.h): the chain before a match kept, and sent to the
 * engine instead of the matched one without touching the project. */
#include "src/studio/match_ab.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "audio/cmd.h"
#include "src/base/xalloc.h"
#include "src/studio/monitor.h"

struct studio_match_ab {
	struct match_ab_chain before;   /* what B plays */
	struct match_ab_chain matched;  /* what the match left: any change ends it all */
	int from[FX_MAX_INSERTS];       /* a matched slot's slot in before; -1: added */
	double before_lufs, after_lufs; /* the whole song through each, integrated */
	enum match_ab_side side;
	uint64_t sent;                  /* the graph B was last sent to (graph_serial) */
};

void match_ab_chain_read(const struct project_strip *master, struct match_ab_chain *out)
{
	out->n = master->n_inserts;
	for (int i = 0; i < out->n; i++) {
		const struct project_insert *ins = &master->inserts[i];
		out->cls[i] = ins->cls;
		out->bypass[i] = ins->bypass;
		memcpy(out->params[i], ins->params, sizeof(double) * (size_t)ins->cls->n_params);
	}
}

/* Equal but for the last bits: an undo of a shape edit reloads the project from its
 * JSON, which cJSON writes with 15 digits when they read back within an epsilon
 * (1999.9999999999998 comes back as 2000). */
static bool same_value(double a, double b)
{
	return a == b || fabs(a - b) <= fmax(fabs(a), fabs(b)) * 1e-12;
}

bool match_ab_chain_same(const struct match_ab_chain *c, const struct project_strip *master)
{
	if (master->n_inserts != c->n)
		return false;
	for (int i = 0; i < c->n; i++) {
		const struct project_insert *ins = &master->inserts[i];
		if (ins->cls != c->cls[i] || ins->bypass != c->bypass[i])
			return false;
		for (int p = 0; p < ins->cls->n_params; p++)
			if (!same_value(ins->params[p], c->params[i][p]))
				return false;
	}
	return true;
}

static struct studio_match_ab *kept(const struct studio *st)
{
	return st->match_ab;
}

static double trim_of(const struct studio_match_ab *ab)
{
	if (!ab || ab->side == MATCH_AB_OFF || !isfinite(ab->before_lufs) ||
		!isfinite(ab->after_lufs))
		return 0.0;
	/* the louder side comes down to the quieter: nothing is pushed towards clipping */
	const double a_over_b = ab->after_lufs - ab->before_lufs;
	if (ab->side == MATCH_AB_A)
		return a_over_b > 0.0 ? -a_over_b : 0.0;
	return a_over_b < 0.0 ? a_over_b : 0.0;
}

/* Tell the engine one side's chain: B plays each matched slot with the settings of
 * the slot it was (a slot the match added, bypassed); A the project's own, wherever
 * B differs from it. The monitor gets the trim and the status words. Not an edit. */
static void send_side(struct studio *st, struct studio_match_ab *ab)
{
	const bool b = ab->side == MATCH_AB_B;
	const struct project_strip *m = &st->project->master;
	bool sent = true;
	for (int i = 0; i < m->n_inserts; i++) {
		const struct project_insert *ins = &m->inserts[i];
		const int k = ab->from[i];
		struct cmd c = { .type = CMD_FX_BYPASS, .strip = STRIP_MASTER, .slot = i,
			.on = !b ? ins->bypass : k < 0 ? true : ab->before.bypass[k] };
		sent &= engine_send(st->engine, &c) == ERR_OK;
		for (int p = 0; k >= 0 && p < ins->cls->n_params; p++) {
			if (ab->before.params[k][p] == ins->params[p])
				continue;
			c = (struct cmd){ .type = CMD_FX_PARAM, .strip = STRIP_MASTER, .slot = i,
				.param = p, .value = b ? ab->before.params[k][p] : ins->params[p] };
			sent &= engine_send(st->engine, &c) == ERR_OK;
		}
	}
	if (!sent)
		studio_error(st, "match A/B: the audio engine is not taking commands; what "
			"plays may be neither chain");
	ab->sent = st->graph_serial;
	/* the status line's words are short: it has some 24 columns for the monitor */
	char label[64];
	snprintf(label, sizeof label, "%s %+.1fdB", b ? "B:before" : "A:matched", trim_of(ab));
	studio_monitor_set_match_ab(st, ab->side == MATCH_AB_OFF ? NULL : label,
		trim_of(ab));
	st->changed = true;
}

/* Forget the old chain; the engine back to the project's when what it plays still
 * has the matched chain's slots (else the edit that changed it rebuilt the graph). */
static void forget(struct studio *st, const char *why)
{
	struct studio_match_ab *ab = kept(st);
	if (!ab)
		return;
	if (ab->side != MATCH_AB_OFF) {
		const struct project_strip *m = &st->project->master;
		bool same_slots = m->n_inserts == ab->matched.n;
		for (int i = 0; same_slots && i < m->n_inserts; i++)
			same_slots = m->inserts[i].cls == ab->matched.cls[i];
		ab->side = MATCH_AB_OFF;
		if (same_slots)
			send_side(st, ab);
		else
			studio_monitor_set_match_ab(st, NULL, 0.0);
	}
	free(ab);
	st->match_ab = NULL;
	snprintf(st->match_ab_why, sizeof st->match_ab_why, "%s", why);
}

void studio_match_ab_drop(struct studio *st)
{
	forget(st, "a new match replaced it");
}

/* Which slot of before each slot of the matched chain was. The match only adds slots
 * (src/match_chain.c: an eq and a width before the final limiter, a limiter at the
 * end), never moves or removes one, and an added slot is never followed at once by a
 * kept slot of its own class, so matching classes in order, first come first, finds
 * the kept ones. False when some slot of before is not found. */
static bool map_slots(struct studio_match_ab *ab)
{
	int k = 0;
	for (int i = 0; i < ab->matched.n; i++)
		ab->from[i] = k < ab->before.n && ab->before.cls[k] == ab->matched.cls[i] ? k++
			: -1;
	return k == ab->before.n;
}

void studio_match_ab_keep(struct studio *st, const struct match_ab_chain *before,
	double before_lufs, double after_lufs, const char *why_not)
{
	forget(st, "");
	if (why_not) {
		snprintf(st->match_ab_why, sizeof st->match_ab_why, "%s", why_not);
		return;
	}
	struct studio_match_ab *ab = xcalloc(1, sizeof *ab);
	ab->before = *before;
	match_ab_chain_read(&st->project->master, &ab->matched);
	if (!map_slots(ab)) {
		free(ab);
		snprintf(st->match_ab_why, sizeof st->match_ab_why,
			"the chain before the match does not map onto the matched one");
		return;
	}
	ab->before_lufs = before_lufs;
	ab->after_lufs = after_lufs;
	st->match_ab = ab;
	st->match_ab_why[0] = '\0';
}

static void say(struct studio *st, const struct studio_match_ab *ab)
{
	const double trim = trim_of(ab);
	if (ab->side == MATCH_AB_OFF)
		studio_message(st, "match A/B off: the matched chain at its own level");
	else if (!isfinite(ab->before_lufs) || !isfinite(ab->after_lufs))
		studio_message(st, "match A/B: %s; not level-matched (a side is silent)",
			ab->side == MATCH_AB_B ? "B, the chain before the match" : "A, the matched chain");
	else
		studio_message(st, "match A/B: %s, trim %+.1f dB (%.1f vs %.1f LUFS; heard, never "
			"saved)", ab->side == MATCH_AB_B ? "B, the chain before the match"
			: "A, the matched chain", trim, ab->side == MATCH_AB_B ? ab->before_lufs
			: ab->after_lufs, ab->side == MATCH_AB_B ? ab->after_lufs : ab->before_lufs);
}

static void set_side(struct studio *st, enum match_ab_side side)
{
	struct studio_match_ab *ab = kept(st);
	if (!ab) {
		if (st->match_ab_why[0])
			studio_error(st, "match ab: cannot compare: %s (:match again)",
				st->match_ab_why);
		else
			studio_error(st, "match ab: nothing to compare: no :match in this session");
		return;
	}
	if (side == MATCH_AB_OFF && ab->side == MATCH_AB_OFF) {
		/* nothing to put back: sending the project's chain again would undo the
		 * monitor's bypass A/B, which may be on, behind its back */
		say(st, ab);
		return;
	}
	/* the trim lives in the monitor: without it B would be heard unmatched */
	if (side != MATCH_AB_OFF && !studio_monitor_ready(st))
		return;
	if (side != MATCH_AB_OFF && studio_monitor_ab_off(st))
		studio_message(st, "monitor: the bypass A/B is off for the match's");
	ab->side = side;
	send_side(st, ab);
	say(st, ab);
}

void studio_match_toggle_ab(struct studio *st)
{
	const struct studio_match_ab *ab = kept(st);
	set_side(st, ab && ab->side == MATCH_AB_B ? MATCH_AB_A : MATCH_AB_B);
}

void studio_line_match_ab(struct studio_line *l)
{
	const struct studio_words *w = l->w;
	if (w->argc <= 2) {
		studio_match_toggle_ab(l->st);
		return;
	}
	const char *word = w->argv[2];
	if (!strcmp(word, "a") || !strcmp(word, "A"))
		set_side(l->st, MATCH_AB_A);
	else if (!strcmp(word, "b") || !strcmp(word, "B"))
		set_side(l->st, MATCH_AB_B);
	else if (!strcmp(word, "off"))
		set_side(l->st, MATCH_AB_OFF);
	else
		studio_line_usage(l);
}

void studio_match_ab_tick(struct studio *st)
{
	struct studio_match_ab *ab = kept(st);
	if (!ab)
		return;
	if (!match_ab_chain_same(&ab->matched, &st->project->master)) {
		const bool was_on = ab->side != MATCH_AB_OFF;
		const char *why = match_ab_chain_same(&ab->before, &st->project->master)
			? "the match was undone" : "the master chain was edited after the match";
		forget(st, why);
		if (was_on)
			studio_message(st, "match A/B ended: %s; the project's chain plays", why);
		return;
	}
	if (ab->side == MATCH_AB_B && ab->sent != st->graph_serial)
		send_side(st, ab);
}

enum match_ab_side studio_match_ab_side(const struct studio *st)
{
	const struct studio_match_ab *ab = kept(st);
	return ab ? ab->side : MATCH_AB_OFF;
}

double studio_match_ab_trim_db(const struct studio *st)
{
	return trim_of(kept(st));
}

bool studio_match_ab_label(const struct studio *st, char *buf, size_t size)
{
	const struct studio_match_ab *ab = kept(st);
	buf[0] = '\0';
	if (!ab || ab->side == MATCH_AB_OFF)
		return false;
	snprintf(buf, size, "%s %+.1f dB", ab->side == MATCH_AB_B ? "B before match"
		: "A matched", trim_of(ab));
	return true;
}

void studio_match_ab_free(struct studio *st)
{
	if (st->match_ab) {
		/* leaving the project: its next graph is built from the project alone */
		if (st->match_ab->side != MATCH_AB_OFF)
			studio_monitor_set_match_ab(st, NULL, 0.0);
		free(st->match_ab);
		st->match_ab = NULL;
	}
	st->match_ab_why[0] = '\0';
}
