/* Sidechain keys of a project: an LV2 insert's `sidechain` names the strip whose
 * signal (after its inserts and fader) keys it. The engine plays a key's source
 * before the strip it keys, so a key may never come from a strip that plays after
 * that strip: a track is keyed only by tracks (the buses play after every track), and
 * no chain of keys and routing leads back to where it started. Any thread that owns
 * the project. */
#include "src/project.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "audio/lv2/lv2.h"
#include "src/base/xalloc.h"

int project_key_source(const struct project *p, const char *name)
{
	for (int t = 0; t < p->n_tracks; t++)
		if (!strcmp(p->tracks[t].strip.name, name))
			return t;
	const int b = project_find_bus(p, name);
	return b >= 0 ? p->n_tracks + b : -1;
}

static const struct project_strip *strip_at(const struct project *p, int s)
{
	return s < p->n_tracks ? &p->tracks[s].strip : &p->buses[s - p->n_tracks].strip;
}

/* One key's own problem (not a loop) into why; false when there is one. */
static bool key_ok(const struct project *p, int s, int slot, char *why, size_t n)
{
	const struct project_strip *st = strip_at(p, s);
	const struct project_insert *ins = &st->inserts[slot];
	const int src = project_key_source(p, ins->sidechain);
	const struct lv2_plugin_info *info = lv2_class_info(ins->cls);
	if (src < 0)
		snprintf(why, n, "no track or bus called \"%.64s\"", ins->sidechain);
	else if (src == s)
		snprintf(why, n, "\"%.64s\" cannot key itself (with no key its sidechain hears "
			"its own input)", st->name);
	else if (!ins->cls->missing && (!info || info->sidechain_in == 0))
		snprintf(why, n, "%.64s has no sidechain input (only an LV2 plug-in with one "
			"takes a key)", info ? info->name : ins->cls->name);
	else if (s < p->n_tracks && src >= p->n_tracks)
		snprintf(why, n, "track \"%.64s\" cannot be keyed by bus \"%.64s\": the buses "
			"play after the tracks (key it by a track)", st->name, ins->sidechain);
	else
		return true;
	return false;
}

/* The strips that play after strip u because of it (routing: what its output and
 * sends feed; keys: the strips it keys), each with whether it is by a key. */
static int after(const struct project *p, int u, int *to, bool *by_key)
{
	const struct project_strip *st = strip_at(p, u);
	int n = 0;
	int d = project_output_bus(p, st->output);
	if (d >= 0) {
		to[n] = p->n_tracks + d;
		by_key[n++] = false;
	}
	for (int i = 0; i < st->n_sends; i++)
		if ((d = project_find_bus(p, st->sends[i].bus)) >= 0) {
			to[n] = p->n_tracks + d;
			by_key[n++] = false;
		}
	const int n_strips = p->n_tracks + p->n_buses;
	for (int v = 0; v < n_strips; v++) {
		const struct project_strip *sv = strip_at(p, v);
		for (int i = 0; i < sv->n_inserts; i++)
			if (sv->inserts[i].sidechain
				&& project_key_source(p, sv->inserts[i].sidechain) == u) {
				to[n] = v;
				by_key[n++] = true;
				break;
			}
	}
	return n;
}

struct loop_walk {
	const struct project *p;
	char *colour;       /* 0 white, 1 on the path, 2 done */
	int *path;
	bool *path_key;     /* whether the step from path[i] to path[i + 1] is a key */
	int depth;
	char *text;         /* the loop, once found (NULL: not said) */
	size_t text_size;
	int *post;          /* the strips in post-order: each after all that play after it */
	int n_post;
};

static void say_loop(struct loop_walk *w, int from, int v, bool key)
{
	if (!w->text)
		return;
	size_t used = 0;
	for (int i = from; i < w->depth && used < w->text_size; i++) {
		const int next = i + 1 < w->depth ? w->path[i + 1] : v;
		const bool k = i + 1 < w->depth ? w->path_key[i] : key;
		used += (size_t)snprintf(w->text + used, w->text_size - used, "%s\"%.64s\" %s "
			"\"%.64s\"", i > from ? ", " : "", strip_at(w->p, w->path[i])->name,
			k ? "keys" : "feeds", strip_at(w->p, next)->name);
	}
}

static bool loop_visit(struct loop_walk *w, int u)
{
	const int n_strips = w->p->n_tracks + w->p->n_buses;
	int *to = xcalloc((size_t)n_strips + PROJECT_MAX_SENDS + 2, sizeof *to);
	bool *by_key = xcalloc((size_t)n_strips + PROJECT_MAX_SENDS + 2, sizeof *by_key);
	w->colour[u] = 1;
	w->path[w->depth++] = u;
	const int n = after(w->p, u, to, by_key);
	bool ok = true;
	for (int i = 0; i < n && ok; i++) {
		w->path_key[w->depth - 1] = by_key[i];
		if (w->colour[to[i]] == 1) {
			int from = w->depth - 1;
			while (from > 0 && w->path[from] != to[i])
				from--;
			say_loop(w, from, to[i], by_key[i]);
			ok = false;
		} else if (w->colour[to[i]] == 0) {
			ok = loop_visit(w, to[i]);
		}
	}
	if (ok) {
		w->depth--;
		w->colour[u] = 2;
		w->post[w->n_post++] = u;
	}
	free(to);
	free(by_key);
	return ok;
}

/* Depth-first over every strip, by routing and keys: false, and the loop said in text
 * (when not NULL), when there is one; else the buses, each after every strip that
 * must play before it, into order (when not NULL). */
static bool walk(const struct project *p, char *text, size_t size, int *order)
{
	const int n_strips = p->n_tracks + p->n_buses;
	struct loop_walk w = { .p = p, .text = text, .text_size = size };
	w.colour = xcalloc((size_t)n_strips + 1, 1);
	w.path = xcalloc((size_t)n_strips + 1, sizeof *w.path);
	w.path_key = xcalloc((size_t)n_strips + 1, sizeof *w.path_key);
	w.post = xcalloc((size_t)n_strips + 1, sizeof *w.post);
	bool ok = true;
	for (int s = 0; s < n_strips && ok; s++)
		if (w.colour[s] == 0)
			ok = loop_visit(&w, s);
	/* reversed, the post-order puts each strip before all that play after it */
	for (int i = w.n_post - 1, n = 0; ok && order && i >= 0; i--)
		if (w.post[i] >= p->n_tracks)
			order[n++] = w.post[i] - p->n_tracks;
	free(w.colour);
	free(w.path);
	free(w.path_key);
	free(w.post);
	return ok;
}

bool project_mix_order(const struct project *p, int *order)
{
	return walk(p, NULL, 0, order);
}

/* Every problem, each said once as "PREFIXCTX: WHY" (prefix: "FILE: " or ""); the
 * first into first (when not NULL). Returns the count. */
static int check(const struct project *p, const char *prefix, struct diag *diag,
	struct err_msg *first)
{
	int errors = 0;
	char why[512];
	for (int i = 0; i < p->master.n_inserts; i++)
		if (p->master.inserts[i].sidechain) {
			snprintf(why, sizeof why, "%smaster.inserts[%d].sidechain: the master takes "
				"no key (key a track's or a bus's insert)", prefix, i);
			if (diag)
				diag_add(diag, DIAG_ERROR, "%s", why);
			if (first && !errors++)
				err_set(first, ERR_FORMAT, "%s", why);
		}
	const int n_strips = p->n_tracks + p->n_buses;
	for (int s = 0; s < n_strips; s++) {
		const struct project_strip *st = strip_at(p, s);
		for (int i = 0; i < st->n_inserts; i++) {
			char one[384];
			if (!st->inserts[i].sidechain || key_ok(p, s, i, one, sizeof one))
				continue;
			snprintf(why, sizeof why, "%s%s[%d].inserts[%d].sidechain: %s", prefix,
				s < p->n_tracks ? "tracks" : "buses", s < p->n_tracks ? s : s - p->n_tracks,
				i, one);
			if (diag)
				diag_add(diag, DIAG_ERROR, "%s", why);
			if (first && !errors)
				err_set(first, ERR_FORMAT, "%s", why);
			errors++;
		}
	}
	char loop[400];
	if (!errors && !walk(p, loop, sizeof loop, NULL)) {
		snprintf(why, sizeof why, "%ssidechain: the keys loop: %s (a key must come from a "
			"strip that plays before the one it keys)", prefix, loop);
		if (diag)
			diag_add(diag, DIAG_ERROR, "%s", why);
		if (first)
			err_set(first, ERR_FORMAT, "%s", why);
		errors++;
	}
	return errors;
}

int project_sidechain_check(const struct project *p, const char *file, struct diag *diag)
{
	char prefix[300];
	snprintf(prefix, sizeof prefix, "%s: ", file);
	return check(p, prefix, diag, NULL);
}

enum err project_sidechain_set(struct project *p, int strip, int slot, const char *name,
	struct err_msg *msg)
{
	if (strip < 0 || strip >= p->n_tracks + p->n_buses)
		return err_set(msg, ERR_RANGE, "sidechain: no such strip");
	struct project_strip *st = (struct project_strip *)strip_at(p, strip);
	if (slot < 0 || slot >= st->n_inserts)
		return err_set(msg, ERR_RANGE, "sidechain: %s has no insert %d", st->name, slot + 1);
	struct project_insert *ins = &st->inserts[slot];
	char *old = ins->sidechain;
	ins->sidechain = name ? xstrdup(name) : NULL;
	if (check(p, "", NULL, msg)) {
		free(ins->sidechain);
		ins->sidechain = old;
		return ERR_FORMAT;
	}
	free(old);
	return ERR_OK;
}

/* fn on every key of every track's and bus's inserts. */
static void each_key(struct project *p, void (*fn)(struct project_insert *, void *),
	void *arg)
{
	for (int s = 0; s < p->n_tracks + p->n_buses; s++) {
		struct project_strip *st = project_strip_at(p, s);
		for (int i = 0; i < st->n_inserts; i++)
			if (st->inserts[i].sidechain)
				fn(&st->inserts[i], arg);
	}
}

struct rename { struct project *p; const char *from, *to; };

static void rename_one(struct project_insert *ins, void *arg)
{
	const struct rename *r = arg;
	if (!strcmp(ins->sidechain, r->from) && project_key_source(r->p, r->from) < 0) {
		free(ins->sidechain);
		ins->sidechain = xstrdup(r->to);
	}
}

void project_sidechain_rename(struct project *p, const char *from, const char *to)
{
	struct rename r = { p, from, to };
	each_key(p, rename_one, &r);
}

static void prune_one(struct project_insert *ins, void *arg)
{
	if (project_key_source(arg, ins->sidechain) < 0) {
		free(ins->sidechain);
		ins->sidechain = NULL;
	}
}

void project_sidechain_prune(struct project *p)
{
	each_key(p, prune_one, p);
}
