/* What differs between two projects, in words. Both are turned into the document the
 * save writes (project_to_tree, the same code as project_save) and the two trees are
 * walked member by member: a field the format gains later is compared without a
 * change here. What this file knows (tracks by name, inserts by slot, lanes as
 * points) only chooses the words; every member it does not know falls to the generic
 * walk, which names it by its key. */
#include "src/project_diff.h"

#include <math.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "src/jtree.h"
#include "src/base/xalloc.h"

void project_diff_init(struct project_diff *d)
{
	memset(d, 0, sizeof *d);
}

void project_diff_deinit(struct project_diff *d)
{
	for (int i = 0; i < d->count; i++)
		free(d->lines[i]);
	free(d->lines);
	memset(d, 0, sizeof *d);
}

/* Lines go to a terminal: control bytes from names in the file become '?'. */
__attribute__((format(printf, 2, 3)))
static void add_line(struct project_diff *d, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	char *line = xvasprintf(fmt, ap);
	va_end(ap);
	for (unsigned char *s = (unsigned char *)line; *s; s++)
		if (*s < 0x20 || *s == 0x7f)
			*s = '?';
	if (d->count == d->cap) {
		d->cap = d->cap ? d->cap * 2 : 16;
		d->lines = xrealloc(d->lines, (size_t)d->cap * sizeof *d->lines);
	}
	d->lines[d->count++] = line;
}

/* ---- values ---- */

static bool same(const struct jtree *a, const struct jtree *b)
{
	if (a->kind != b->kind)
		return false;
	switch (a->kind) {
	case JTREE_NULL:
		return true;
	case JTREE_BOOL:
		return a->boolean == b->boolean;
	case JTREE_NUMBER:
		return a->number == b->number;
	case JTREE_STRING:
		return !strcmp(a->string, b->string);
	case JTREE_ARRAY:
	case JTREE_OBJECT:
		if (a->n_items != b->n_items)
			return false;
		for (int i = 0; i < a->n_items; i++) {
			if ((a->items[i].key || b->items[i].key) && (!a->items[i].key
				|| !b->items[i].key || strcmp(a->items[i].key, b->items[i].key)))
				return false;
			if (!same(&a->items[i], &b->items[i]))
				return false;
		}
		return true;
	}
	return false;
}

static const char *str_of(const struct jtree *t, const char *key)
{
	const struct jtree *v = jtree_get(t, key);
	return v && v->kind == JTREE_STRING ? v->string : NULL;
}

static bool num_of(const struct jtree *t, const char *key, double *out)
{
	const struct jtree *v = jtree_get(t, key);
	if (!v || v->kind != JTREE_NUMBER)
		return false;
	*out = v->number;
	return true;
}

/* How a field reads: its name without the unit, the unit after the values, and
 * whether values carry a sign (levels and pan, as the mixer shows them). */
struct field_style {
	char name[96];
	const char *unit;
	bool sign;
};

static bool ends_with(const char *s, const char *tail)
{
	size_t n = strlen(s), m = strlen(tail);
	return n > m && !strcmp(s + n - m, tail);
}

static void style_of(const char *field, struct field_style *st)
{
	static const struct { const char *tail, *unit; bool sign; } units[] = {
		{ "_db", " dB", true }, { "_lufs", " LUFS", true }, { "_ms", " ms", false },
		{ "_hz", " Hz", false }, { "_bpm", " bpm", false }, { "_s", " s", false },
	};
	static const char *const seconds[] = { "start", "end", "offset", "length", "fade_in",
		"fade_out", "time" };
	snprintf(st->name, sizeof st->name, "%s", field);
	st->unit = "";
	st->sign = false;
	const char *last = strrchr(field, '.');
	last = last ? last + 1 : field;
	for (size_t i = 0; i < sizeof units / sizeof units[0]; i++)
		if (ends_with(last, units[i].tail)) {
			st->name[strlen(st->name) - strlen(units[i].tail)] = '\0';
			st->unit = units[i].unit;
			st->sign = units[i].sign;
			return;
		}
	for (size_t i = 0; i < sizeof seconds / sizeof seconds[0]; i++)
		if (!strcmp(last, seconds[i]))
			st->unit = " s";
	st->sign = !strcmp(last, "pan");
}

static bool shown_exactly(const char *s, double v)
{
	return fabs(strtod(s, NULL) - v) < 1e-9;
}

/* Both numbers with the fewest decimals (at least one) that tell them apart and, up
 * to three, show them as they are (-0.25, not -0.2). */
static void format_pair(double a, double b, bool sign, char *sa, char *sb, size_t size)
{
	const char *fmt = sign ? "%+.*f" : "%.*f";
	for (int decimals = 1; decimals <= 6; decimals++) {
		snprintf(sa, size, fmt, decimals, a);
		snprintf(sb, size, fmt, decimals, b);
		if (strcmp(sa, sb) && (decimals >= 3 || (shown_exactly(sa, a)
			&& shown_exactly(sb, b))))
			return;
	}
	snprintf(sa, size, "%.17g", a);
	snprintf(sb, size, "%.17g", b);
}

/* A value in a few words: scalars as they are, a named object by its name, anything
 * else by its size. */
static void summary(const struct jtree *v, char *buf, size_t size)
{
	if (!v) {
		snprintf(buf, size, "(none)");
		return;
	}
	switch (v->kind) {
	case JTREE_NULL:
		snprintf(buf, size, "null");
		break;
	case JTREE_BOOL:
		snprintf(buf, size, "%s", v->boolean ? "true" : "false");
		break;
	case JTREE_NUMBER:
		snprintf(buf, size, "%g", v->number);
		break;
	case JTREE_STRING:
		snprintf(buf, size, "\"%.200s\"", v->string);
		break;
	case JTREE_ARRAY:
		snprintf(buf, size, "%d item%s", v->n_items, v->n_items == 1 ? "" : "s");
		break;
	case JTREE_OBJECT: {
		const char *name = str_of(v, "name");
		if (name)
			snprintf(buf, size, "\"%.200s\"", name);
		else
			snprintf(buf, size, "%d field%s", v->n_items, v->n_items == 1 ? "" : "s");
		break;
	}
	}
}

/* ---- the generic walk ---- */

struct walk {
	struct project_diff *d;
};

/* Handles member key of a and b (either may lack it) when it has words of its own;
 * false: the generic walk does. */
typedef bool (*special_fn)(struct walk *w, const char *owner, const char *key,
	const struct jtree *a, const struct jtree *b);

static void diff_value(struct walk *w, const char *owner, const char *field,
	const struct jtree *a, const struct jtree *b);

static void join_field(char *buf, size_t size, const char *prefix, const char *key)
{
	snprintf(buf, size, "%s%s%s", prefix, *prefix ? "." : "", key);
}

/* Every member of the objects a and b (NULL: none), in a's order then b's new ones:
 * special first, the generic walk for the rest. */
static void diff_members(struct walk *w, const char *owner, const char *prefix,
	const struct jtree *a, const struct jtree *b, special_fn special)
{
	const struct jtree none = { .kind = JTREE_OBJECT };
	if (!a || a->kind != JTREE_OBJECT)
		a = &none;
	if (!b || b->kind != JTREE_OBJECT)
		b = &none;
	for (int pass = 0; pass < 2; pass++) {
		const struct jtree *from = pass ? b : a;
		for (int i = 0; i < from->n_items; i++) {
			const char *key = from->items[i].key;
			if (pass && jtree_get(a, key))
				continue; /* seen in the first pass */
			const struct jtree *va = jtree_get(a, key), *vb = jtree_get(b, key);
			if (va && vb && same(va, vb))
				continue;
			if (special && special(w, owner, key, va, vb))
				continue;
			char field[160];
			join_field(field, sizeof field, prefix, key);
			diff_value(w, owner, field, va, vb);
		}
	}
}

static void diff_value(struct walk *w, const char *owner, const char *field,
	const struct jtree *a, const struct jtree *b)
{
	if (a && b && same(a, b))
		return;
	struct field_style st;
	style_of(field, &st);
	if (a && b && a->kind == JTREE_OBJECT && b->kind == JTREE_OBJECT) {
		diff_members(w, owner, field, a, b, NULL);
		return;
	}
	if (a && b && a->kind == JTREE_ARRAY && b->kind == JTREE_ARRAY) {
		const int n = a->n_items > b->n_items ? a->n_items : b->n_items;
		for (int i = 0; i < n; i++) {
			char item[192];
			snprintf(item, sizeof item, "%s item %d", field, i + 1);
			diff_value(w, owner, item, i < a->n_items ? &a->items[i] : NULL,
				i < b->n_items ? &b->items[i] : NULL);
		}
		return;
	}
	char sa[256], sb[256];
	if (a && b && a->kind == JTREE_NUMBER && b->kind == JTREE_NUMBER) {
		format_pair(a->number, b->number, st.sign, sa, sb, sizeof sa);
		add_line(w->d, "%s: %s %s -> %s%s", owner, st.name, sa, sb, st.unit);
		return;
	}
	summary(a, sa, sizeof sa);
	summary(b, sb, sizeof sb);
	if (a && b && (a->kind == JTREE_ARRAY || a->kind == JTREE_OBJECT)
		&& a->kind == b->kind)
		add_line(w->d, "%s: %s changed (%s -> %s)", owner, st.name, sa, sb);
	else if (!a && b && (b->kind == JTREE_ARRAY || b->kind == JTREE_OBJECT))
		add_line(w->d, "%s: %s added (%s)", owner, st.name, sb);
	else if (a && !b && (a->kind == JTREE_ARRAY || a->kind == JTREE_OBJECT))
		add_line(w->d, "%s: %s removed (%s)", owner, st.name, sa);
	else
		add_line(w->d, "%s: %s %s -> %s", owner, st.name, sa, sb);
}

/* ---- lists ---- */

static const struct jtree *array_or_empty(const struct jtree *v)
{
	static const struct jtree empty = { .kind = JTREE_ARRAY };
	return v && v->kind == JTREE_ARRAY ? v : &empty;
}

/* A list item's name for the reader ("Kick", "bus Verb", "insert 2 eq"), made from
 * whichever of a and b is there (a first). */
typedef void (*label_fn)(const char *owner, int index, const struct jtree *item, char *buf,
	size_t size);
/* What one item added or removed adds to its line ("(audio/a.wav at 4.0 s)"). */
typedef void (*detail_fn)(const struct jtree *item, char *buf, size_t size);

struct list_kind {
	label_fn label;
	detail_fn detail;        /* may be NULL */
	special_fn special;      /* for the members of a matched pair; may be NULL */
	bool by_name;            /* match items by "name" before position */
	label_fn whole_label;    /* for an item added or removed; NULL: label */
};

static void item_added_removed(struct walk *w, const struct list_kind *k, const char *owner,
	int index, const struct jtree *item, const char *what)
{
	char label[256], detail[256] = "";
	(k->whole_label ? k->whole_label : k->label)(owner, index, item, label, sizeof label);
	if (k->detail)
		k->detail(item, detail, sizeof detail);
	add_line(w->d, "%s %s%s%s", label, what, *detail ? " " : "", detail);
}

static void diff_pair(struct walk *w, const struct list_kind *k, const char *owner,
	int index, const struct jtree *a, const struct jtree *b)
{
	if (same(a, b))
		return;
	char label[256];
	k->label(owner, index, a, label, sizeof label);
	if (a->kind == JTREE_OBJECT && b->kind == JTREE_OBJECT)
		diff_members(w, label, "", a, b, k->special);
	else
		diff_value(w, label, "value", a, b);
}

static void diff_list(struct walk *w, const struct list_kind *k, const char *owner,
	const struct jtree *va, const struct jtree *vb)
{
	const struct jtree *a = array_or_empty(va), *b = array_or_empty(vb);
	int *match = xmalloc(((size_t)b->n_items + 1) * sizeof *match); /* b -> a, or -1 */
	bool *used = xcalloc((size_t)a->n_items + 1, sizeof *used);
	for (int j = 0; j < b->n_items; j++) {
		match[j] = -1;
		const char *name = k->by_name ? str_of(&b->items[j], "name") : NULL;
		for (int i = 0; name && i < a->n_items && match[j] < 0; i++) {
			const char *an = str_of(&a->items[i], "name");
			if (!used[i] && an && !strcmp(an, name)) {
				match[j] = i;
				used[i] = true;
			}
		}
	}
	/* the rest pair up in order: a renamed item, or position matching */
	int next = 0;
	for (int j = 0; j < b->n_items; j++) {
		if (match[j] >= 0)
			continue;
		while (next < a->n_items && used[next])
			next++;
		if (next < a->n_items) {
			match[j] = next;
			used[next] = true;
		}
	}
	for (int j = 0; j < b->n_items; j++) {
		if (match[j] >= 0)
			diff_pair(w, k, owner, j, &a->items[match[j]], &b->items[j]);
		else
			item_added_removed(w, k, owner, j, &b->items[j], "added");
	}
	for (int i = 0; i < a->n_items; i++)
		if (!used[i])
			item_added_removed(w, k, owner, i, &a->items[i], "removed");
	free(match);
	free(used);
}

static void label_numbered(const char *owner, const char *word, int index,
	const char *name, char *buf, size_t size)
{
	snprintf(buf, size, "%s%s%s %d%s%.200s", owner, *owner ? ": " : "", word, index + 1,
		name ? " " : "", name ? name : "");
}

/* clips */
static void clip_label(const char *owner, int index, const struct jtree *c, char *buf,
	size_t size)
{
	(void)c;
	label_numbered(owner, "clip", index, NULL, buf, size);
}

static void clip_detail(const struct jtree *c, char *buf, size_t size)
{
	double start = 0;
	const char *file = str_of(c, "file");
	if (num_of(c, "start", &start))
		snprintf(buf, size, "(%.200s at %.3f s)", file ? file : "?", start);
	else
		snprintf(buf, size, "(%.200s)", file ? file : "?");
}

static const struct list_kind clips_kind = { clip_label, clip_detail, NULL, false, NULL };

/* inserts: the slot and the effect; params are the insert's own fields */
static void insert_label(const char *owner, int index, const struct jtree *ins, char *buf,
	size_t size)
{
	label_numbered(owner, "insert", index, str_of(ins, "type"), buf, size);
}

static bool insert_special(struct walk *w, const char *owner, const char *key,
	const struct jtree *a, const struct jtree *b)
{
	if (strcmp(key, "params"))
		return false;
	diff_members(w, owner, "", a, b, NULL);
	return true;
}

static const struct list_kind inserts_kind = { insert_label, NULL, insert_special, false, NULL };

/* sends: by the bus they feed */
static void send_label(const char *owner, int index, const struct jtree *s, char *buf,
	size_t size)
{
	const char *bus = str_of(s, "bus");
	snprintf(buf, size, "%s: send %d to %.200s", owner, index + 1, bus ? bus : "?");
}

static const struct list_kind sends_kind = { send_label, NULL, NULL, false, NULL };

/* automation: {KEY: [[t, v], ...]} or {KEY: {"mode": M, "points": [...]}} */
static const struct jtree *lane_points(const struct jtree *lane)
{
	return array_or_empty(lane && lane->kind == JTREE_OBJECT ? jtree_get(lane, "points")
		: lane);
}

static const char *lane_mode(const struct jtree *lane)
{
	const char *mode = lane && lane->kind == JTREE_OBJECT ? str_of(lane, "mode") : NULL;
	return mode ? mode : "read";
}

static void count_phrase(char *buf, size_t size, int n, const char *what)
{
	size_t len = strlen(buf);
	if (n > 0)
		snprintf(buf + len, size - len, "%s%d %s", len ? ", " : "", n, what);
}

static bool lane_special(struct walk *w, const char *owner, const char *key,
	const struct jtree *a, const struct jtree *b)
{
	(void)w;
	(void)owner;
	(void)a;
	(void)b;
	return !strcmp(key, "mode") || !strcmp(key, "points"); /* said by diff_lane */
}

static void diff_lane(struct walk *w, const char *owner, const char *key,
	const struct jtree *a, const struct jtree *b)
{
	const struct jtree *pa = lane_points(a), *pb = lane_points(b);
	if (!a || !b) {
		const int n = (a ? pa : pb)->n_items;
		add_line(w->d, "%d automation point%s on %s %s (%d %s, %s)", n, n == 1 ? "" : "s",
			owner, key, n, a ? "removed" : "added", a ? "the lane too" : "a new lane");
		return;
	}
	if (strcmp(lane_mode(a), lane_mode(b)))
		add_line(w->d, "%s: automation %s mode %s -> %s", owner, key, lane_mode(a),
			lane_mode(b));
	int changed = 0;
	const int common = pa->n_items < pb->n_items ? pa->n_items : pb->n_items;
	for (int i = 0; i < common; i++)
		changed += !same(&pa->items[i], &pb->items[i]);
	char counts[128] = "";
	count_phrase(counts, sizeof counts, pb->n_items - common, "added");
	count_phrase(counts, sizeof counts, pa->n_items - common, "removed");
	count_phrase(counts, sizeof counts, changed, "changed");
	if (*counts) {
		const int n = changed + (pa->n_items - common) + (pb->n_items - common);
		add_line(w->d, "%d automation point%s on %s %s (%s)", n, n == 1 ? "" : "s", owner,
			key, counts);
	}
	/* whatever else a lane object holds */
	char lane_owner[256];
	snprintf(lane_owner, sizeof lane_owner, "%s: automation %s", owner, key);
	diff_members(w, lane_owner, "", a->kind == JTREE_OBJECT ? a : NULL,
		b->kind == JTREE_OBJECT ? b : NULL, lane_special);
}

/* a strip (track, bus, master): its lists have words of their own */
static bool strip_special(struct walk *w, const char *owner, const char *key,
	const struct jtree *a, const struct jtree *b)
{
	if (!strcmp(key, "clips"))
		diff_list(w, &clips_kind, owner, a, b);
	else if (!strcmp(key, "inserts"))
		diff_list(w, &inserts_kind, owner, a, b);
	else if (!strcmp(key, "sends"))
		diff_list(w, &sends_kind, owner, a, b);
	else if (!strcmp(key, "automation") && (!a || a->kind == JTREE_OBJECT)
		&& (!b || b->kind == JTREE_OBJECT)) {
		const struct jtree none = { .kind = JTREE_OBJECT };
		const struct jtree *la = a ? a : &none, *lb = b ? b : &none;
		for (int pass = 0; pass < 2; pass++) {
			const struct jtree *from = pass ? lb : la;
			for (int i = 0; i < from->n_items; i++) {
				const char *lane = from->items[i].key;
				if (pass && jtree_get(la, lane))
					continue;
				const struct jtree *x = jtree_get(la, lane), *y = jtree_get(lb, lane);
				if (!(x && y && same(x, y)))
					diff_lane(w, owner, lane, x, y);
			}
		}
	} else {
		return false;
	}
	return true;
}

static void named_label(const char *word, int index, const struct jtree *t, char *buf,
	size_t size)
{
	const char *name = str_of(t, "name");
	if (name)
		snprintf(buf, size, "%s %.200s", word, name);
	else
		snprintf(buf, size, "%s %d", word, index + 1);
}

static void track_label(const char *owner, int index, const struct jtree *t, char *buf,
	size_t size)
{
	(void)owner;
	const char *name = str_of(t, "name");
	if (name)
		snprintf(buf, size, "%.200s", name);
	else
		snprintf(buf, size, "track %d", index + 1);
}

static void track_added_label(const char *owner, int index, const struct jtree *t,
	char *buf, size_t size)
{
	(void)owner;
	named_label("track", index, t, buf, size);
}

static void strip_detail(const struct jtree *t, char *buf, size_t size)
{
	const struct jtree *clips = jtree_get(t, "clips"), *ins = jtree_get(t, "inserts");
	int n_clips = clips && clips->kind == JTREE_ARRAY ? clips->n_items : 0;
	int n_ins = ins && ins->kind == JTREE_ARRAY ? ins->n_items : 0;
	buf[0] = '\0';
	if (n_clips || n_ins)
		snprintf(buf, size, "(%d clip%s, %d insert%s)", n_clips, n_clips == 1 ? "" : "s",
			n_ins, n_ins == 1 ? "" : "s");
}

static void bus_label(const char *owner, int index, const struct jtree *t, char *buf,
	size_t size)
{
	(void)owner;
	named_label("bus", index, t, buf, size);
}

static void group_label(const char *owner, int index, const struct jtree *t, char *buf,
	size_t size)
{
	(void)owner;
	named_label("group", index, t, buf, size);
}

static void marker_label(const char *owner, int index, const struct jtree *m, char *buf,
	size_t size)
{
	label_numbered(owner, "marker", index, str_of(m, "name"), buf, size);
}

static void time_detail(const struct jtree *m, char *buf, size_t size)
{
	double t;
	buf[0] = '\0';
	if (num_of(m, "time", &t))
		snprintf(buf, size, "(at %.3f s)", t);
}

static void song_label(const char *owner, int index, const struct jtree *s, char *buf,
	size_t size)
{
	(void)owner;
	label_numbered("album", "song", index, str_of(s, "title"), buf, size);
}

static bool album_special(struct walk *w, const char *owner, const char *key,
	const struct jtree *a, const struct jtree *b)
{
	(void)owner;
	if (strcmp(key, "songs"))
		return false;
	static const struct list_kind songs = { song_label, NULL, NULL, false, NULL };
	diff_list(w, &songs, "", a, b);
	return true;
}

static bool root_special(struct walk *w, const char *owner, const char *key,
	const struct jtree *a, const struct jtree *b)
{
	(void)owner;
	static const struct list_kind buses = { bus_label, strip_detail, strip_special, true, NULL };
	static const struct list_kind groups = { group_label, NULL, NULL, true, NULL };
	static const struct list_kind markers = { marker_label, time_detail, NULL, false, NULL };
	static const struct list_kind tracks = { track_label, strip_detail, strip_special,
		true, track_added_label };
	if (!strcmp(key, "tracks")) {
		diff_list(w, &tracks, "", a, b);
	} else if (!strcmp(key, "buses")) {
		diff_list(w, &buses, "", a, b);
	} else if (!strcmp(key, "groups")) {
		diff_list(w, &groups, "", a, b);
	} else if (!strcmp(key, "markers")) {
		diff_list(w, &markers, "", a, b);
	} else if (!strcmp(key, "master")) {
		diff_members(w, "master", "", a, b, strip_special);
	} else if (!strcmp(key, "loop")) {
		diff_members(w, "loop", "", a, b, NULL);
	} else if (!strcmp(key, "album")) {
		if (a && b) {
			diff_members(w, "album", "", a, b, album_special);
		} else {
			const struct jtree *songs = jtree_get(a ? a : b, "songs");
			int n = songs && songs->kind == JTREE_ARRAY ? songs->n_items : 0;
			add_line(w->d, "album %s (%d song%s)", a ? "removed" : "added", n,
				n == 1 ? "" : "s");
		}
	} else {
		return false;
	}
	return true;
}

void project_diff(const struct project *old_p, const struct project *new_p,
	struct project_diff *d)
{
	/* project_to_tree only reads the model; its parameter is not const because the
	 * save shares it */
	struct jtree *a = project_to_tree((struct project *)old_p);
	struct jtree *b = project_to_tree((struct project *)new_p);
	struct walk w = { d };
	diff_members(&w, "project", "", a, b, root_special);
	jtree_free(a);
	jtree_free(b);
}
