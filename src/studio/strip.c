#include "src/studio/strip.h"
#include "src/base/fnv.h"

#include <ctype.h>
#include <fnmatch.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "src/base/xalloc.h"
#include "src/studio/find.h"
#include "src/studio/words.h"

int studio_strip_count(const struct studio *st)
{
	return st->project->n_tracks + st->project->n_buses;
}

bool studio_strip_is_bus(const struct studio *st, int strip)
{
	return strip >= st->project->n_tracks && strip < studio_strip_count(st);
}

unsigned studio_strip_kind(const struct studio *st, int strip)
{
	if (strip == STRIP_MASTER)
		return CONTROL_ON_MASTER;
	if (strip < 0 || strip >= studio_strip_count(st))
		return 0;
	return studio_strip_is_bus(st, strip) ? CONTROL_ON_BUS : CONTROL_ON_TRACK;
}

int studio_strip_find_exact(const struct studio *st, const char *word)
{
	const struct project *p = st->project;
	const int n = studio_strip_count(st);
	for (int s = 0; s < n; s++)
		if (!strcmp(project_strip_get(p, s)->name, word))
			return s;
	for (int s = 0; s < n; s++)
		if (!strcasecmp(project_strip_get(p, s)->name, word))
			return s;
	if (!strcasecmp(word, "master"))
		return STRIP_MASTER;
	int t = project_find_track(p, word);
	return t >= 0 ? t : STUDIO_STRIP_NONE;
}

/* The names of tracks and buses, as src/studio/find.h takes them (freed by the
 * caller). */
static const char **strip_names(const struct studio *st, int *n)
{
	*n = studio_strip_count(st);
	const char **names = xcalloc((size_t)*n + 1, sizeof *names);
	for (int s = 0; s < *n; s++)
		names[s] = project_strip_get(st->project, s)->name;
	return names;
}

int studio_strip_find(const struct studio *st, const char *word)
{
	int s = studio_strip_find_exact(st, word);
	if (s != STUDIO_STRIP_NONE)
		return s;
	int n, found, n_found;
	const char **names = strip_names(st, &n);
	studio_find_name(names, n, word, &found, 1, &n_found);
	free(names);
	return n_found == 1 ? found : n_found ? STUDIO_STRIP_AMBIGUOUS : STUDIO_STRIP_NONE;
}

void studio_strip_candidates(const struct studio *st, const char *word, char *buf,
	size_t size)
{
	int n, n_found;
	const char **names = strip_names(st, &n);
	int *found = xcalloc((size_t)n + 1, sizeof *found);
	studio_find_name(names, n, word, found, n, &n_found);
	size_t used = 0;
	buf[0] = '\0';
	for (int i = 0; i < n_found && used < size; i++)
		used += (size_t)snprintf(buf + used, size - used, "%s%s", i ? ", " : "",
			names[found[i]]);
	free(found);
	free(names);
}

/* ---- sets of strips ---- */

bool studio_sel_picked(const struct studio_sel *sel, int position)
{
	return position >= 0 && position < STUDIO_POSITIONS_MAX
		&& (sel->picked[position / 8] >> (position % 8) & 1);
}

/* The strips' names in mixer order, as one fingerprint: the positions' meaning. */
static uint64_t strips_print(const struct studio *st)
{
	const int n = studio_strip_count(st);
	uint64_t h = fnv1a(FNV1A_INIT, &n, sizeof n);
	for (int s = 0; s < n; s++) {
		const char *name = project_strip_get(st->project, s)->name;
		h = fnv1a(h, name, strlen(name) + 1);
	}
	return h;
}

int studio_sel_picks(const struct studio *st, struct studio_sel *sel)
{
	if (sel->n_picked > 0 && sel->picked_among != strips_print(st))
		studio_sel_clear(sel);
	return sel->n_picked;
}

void studio_sel_pick(const struct studio *st, struct studio_sel *sel, int position,
	bool on)
{
	studio_sel_picks(st, sel);
	sel->picked_among = strips_print(st);
	if (position < 0 || position >= STUDIO_POSITIONS_MAX
		|| studio_sel_picked(sel, position) == on)
		return;
	sel->picked[position / 8] ^= (unsigned char)(1u << (position % 8));
	sel->n_picked += on ? 1 : -1;
}

void studio_sel_clear(struct studio_sel *sel)
{
	memset(sel->picked, 0, sizeof sel->picked);
	sel->n_picked = 0;
}

static bool is_glob(const char *item)
{
	return item[strcspn(item, "*?[")] != '\0';
}

/* "2-17": two track numbers; false when item is no range (a name with a dash). */
static bool parse_range(const char *item, long *from, long *to)
{
	char *end;
	if (!isdigit((unsigned char)item[0]))
		return false;
	*from = strtol(item, &end, 10);
	if (*end != '-' || !isdigit((unsigned char)end[1]))
		return false;
	*to = strtol(end + 1, &end, 10);
	return !*end;
}

/* A group's name, when no strip has that name. */
static int group_of(const struct studio *st, const char *item)
{
	const struct project *p = st->project;
	if (studio_strip_find_exact(st, item) != STUDIO_STRIP_NONE)
		return -1;
	for (int g = 0; g < p->n_groups; g++)
		if (!strcasecmp(p->groups[g].name, item))
			return g;
	return -1;
}

bool studio_strips_is_set(const struct studio *st, const char *word)
{
	long a, b;
	/* a strip's whole name first: "Gtr [DI]" and "808-2" are names, not a glob and a
	 * range */
	if (studio_strip_find_exact(st, word) != STUDIO_STRIP_NONE)
		return false;
	return strchr(word, ',') || is_glob(word) || parse_range(word, &a, &b)
		|| !strcasecmp(word, "@sel") || group_of(st, word) >= 0;
}

/* Mark the positions one item names in on; false (why said) when it names none. */
static bool parse_item(const struct studio *st, struct studio_sel *sel, int here,
	const char *item, unsigned char *on, char *why, size_t why_size)
{
	const struct project *p = st->project;
	const int n = studio_strip_count(st);
	long from, to;
	int marked = 0;
#define MARK(pos) do { on[(pos) / 8] |= (unsigned char)(1u << ((pos) % 8)); marked++; } while (0)
	const int exact = *item ? studio_strip_find_exact(st, item) : STUDIO_STRIP_NONE;
	if (!*item) {
		snprintf(why, why_size, "an empty name in the list");
		return false;
	} else if (exact != STUDIO_STRIP_NONE) { /* a whole name before any pattern */
		MARK(exact == STRIP_MASTER ? n : exact);
	} else if (!strcmp(item, ".")) {
		MARK(here > n ? n : here < 0 ? 0 : here);
	} else if (!strcasecmp(item, "@sel")) {
		for (int pos = 0; sel && studio_sel_picks(st, sel) && pos <= n; pos++)
			if (studio_sel_picked(sel, pos))
				MARK(pos);
		if (!marked) {
			snprintf(why, why_size, "@sel: no strips are picked (v on the mixer picks)");
			return false;
		}
	} else if (parse_range(item, &from, &to)) {
		if (from < 1 || to > p->n_tracks || from > to) {
			snprintf(why, why_size, "no tracks %s (1 to %d)", item, p->n_tracks);
			return false;
		}
		for (long t = from; t <= to; t++)
			MARK((int)t - 1);
	} else if (is_glob(item)) {
		/* whole names first; else the glob may start anywhere in a name, as a name
		 * typed is found in one ("gtr*" finds 07_GtrCl) */
		char loose[STUDIO_LINE_MAX + 2];
		snprintf(loose, sizeof loose, "*%s", item);
		for (int pass = 0; pass < 2 && !marked; pass++) {
			const char *glob = pass ? loose : item;
			for (int s = 0; s < n; s++)
				if (!fnmatch(glob, project_strip_get(p, s)->name, FNM_CASEFOLD))
					MARK(s);
			if (!fnmatch(glob, "master", FNM_CASEFOLD))
				MARK(n);
		}
		if (!marked) {
			snprintf(why, why_size, "no track or bus matches \"%s\"", item);
			return false;
		}
	} else if (group_of(st, item) >= 0) {
		const char *g = p->groups[group_of(st, item)].name;
		for (int t = 0; t < p->n_tracks; t++)
			if (p->tracks[t].group && !strcmp(p->tracks[t].group, g))
				MARK(t);
		if (!marked) {
			snprintf(why, why_size, "group %s has no tracks", g);
			return false;
		}
	} else {
		const int s = studio_strip_find(st, item);
		if (s == STUDIO_STRIP_AMBIGUOUS) {
			char list[256];
			studio_strip_candidates(st, item, list, sizeof list);
			snprintf(why, why_size, "\"%s\" matches %s: say which", item, list);
			return false;
		}
		if (s == STUDIO_STRIP_NONE) {
			snprintf(why, why_size, "no track or bus \"%s\" (a name, 1 to %d, or master)",
				item, p->n_tracks);
			return false;
		}
		MARK(s == STRIP_MASTER ? n : s);
	}
#undef MARK
	return true;
}

bool studio_strips_parse(const struct studio *st, struct studio_sel *sel, int here,
	const char *word, int *out, int *n_out, char *why, size_t why_size)
{
	unsigned char on[(STUDIO_POSITIONS_MAX + 7) / 8] = { 0 };
	char item[STUDIO_LINE_MAX];
	*n_out = 0;
	for (const char *s = word;;) {
		const size_t len = strcspn(s, ",");
		snprintf(item, sizeof item, "%.*s", (int)len, s);
		if (!parse_item(st, sel, here, item, on, why, why_size))
			return false;
		if (!s[len])
			break;
		s += len + 1;
	}
	const int n = studio_strip_count(st);
	for (int pos = 0; pos <= n; pos++)
		if (on[pos / 8] >> (pos % 8) & 1)
			out[(*n_out)++] = studio_strip_of(st, pos);
	return true;
}

void studio_strips_format(const struct studio *st, const int *strips, int n, char *buf,
	size_t size)
{
	size_t used = 0;
	buf[0] = '\0';
	for (int i = 0; i < n && used < size; i++) {
		const char *comma = i ? "," : "";
		if (strips[i] < 0 || studio_strip_is_bus(st, strips[i])) {
			used += (size_t)snprintf(buf + used, size - used, "%s%s", comma,
				strips[i] < 0 ? "master" : studio_strip_name(st, strips[i]));
			continue;
		}
		int j = i;
		while (j + 1 < n && strips[j + 1] == strips[j] + 1
			&& strips[j + 1] < st->project->n_tracks)
			j++;
		if (j == i)
			used += (size_t)snprintf(buf + used, size - used, "%s%d", comma, strips[i] + 1);
		else
			used += (size_t)snprintf(buf + used, size - used, "%s%d-%d", comma,
				strips[i] + 1, strips[j] + 1);
		i = j;
	}
}

int studio_strip_of(const struct studio *st, int position)
{
	return position >= studio_strip_count(st) ? STRIP_MASTER : position;
}

const char *studio_strip_name(const struct studio *st, int strip)
{
	const struct project *p = st->project;
	if (strip == STRIP_MASTER)
		return "Master";
	const struct project_strip *s = project_strip_get(p, strip);
	return s ? s->name : "?";
}
