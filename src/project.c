/* Project model helpers that need no JSON. */
#include "src/project.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "src/project_keep.h"
#include "src/base/xalloc.h"


struct project *project_new(const char *dir, const char *name, int sample_rate)
{
	struct project *p = xcalloc(1, sizeof *p);
	p->dir = xstrdup(dir);
	p->path = xasprintf("%s/%s", dir, PROJECT_FILE);
	p->name = xstrdup(name);
	p->sample_rate = sample_rate;
	p->pan_law_db = -3.0;
	p->tempo_bpm = TEMPO_DEFAULT_BPM;
	p->meter_num = p->meter_den = 4;
	p->crossfade_ms = PROJECT_DEFAULT_CROSSFADE_MS;
	return p;
}

static void clip_free(struct project_clip *c)
{
	free(c->file);
	project_json_free(c->json);
}

static void sends_free(struct project_send *sends, int n)
{
	for (int i = 0; i < n; i++) {
		free(sends[i].bus);
		project_json_free(sends[i].json);
	}
	free(sends);
}

static void lanes_free(struct project_lane *lanes, int n)
{
	for (int i = 0; i < n; i++) {
		free(lanes[i].param);
		free(lanes[i].points);
	}
	free(lanes);
}

/* What a strip owns (a track's, a bus's or the master's). */
static void strip_free(struct project_strip *s)
{
	lanes_free(s->lanes, s->n_lanes);
	free(s->name);
	free(s->color);
	free(s->output);
	for (int i = 0; i < s->n_inserts; i++) {
		project_json_free(s->inserts[i].json);
		free(s->inserts[i].lv2_state);
		free(s->inserts[i].sidechain);
	}
	sends_free(s->sends, s->n_sends);
}

void project_strip_deinit(struct project_strip *s)
{
	strip_free(s);
	memset(s, 0, sizeof *s);
}

static void track_free(struct project_track *t)
{
	strip_free(&t->strip);
	free(t->group);
	free(t->role);
	for (int i = 0; i < t->n_clips; i++)
		clip_free(&t->clips[i]);
	free(t->clips);
	project_json_free(t->json);
}

static void bus_free(struct project_bus *b)
{
	strip_free(&b->strip);
	project_json_free(b->json);
}

void project_free(struct project *p)
{
	if (!p)
		return;
	for (int i = 0; i < p->n_tracks; i++)
		track_free(&p->tracks[i]);
	free(p->tracks);
	for (int i = 0; i < p->n_buses; i++)
		bus_free(&p->buses[i]);
	free(p->buses);
	for (int i = 0; i < p->n_groups; i++) {
		free(p->groups[i].name);
		project_json_free(p->groups[i].json);
	}
	free(p->groups);
	for (int i = 0; i < p->n_markers; i++) {
		free(p->markers[i].name);
		project_json_free(p->markers[i].json);
	}
	free(p->markers);
	free(p->tempo_map);
	strip_free(&p->master);
	project_album_free(p->album);
	free(p->dir);
	free(p->path);
	free(p->name);
	project_json_free(p->json);
	free(p);
}

struct project_track *project_add_track(struct project *p, const char *name)
{
	p->tracks = xrealloc(p->tracks, (size_t)(p->n_tracks + 1) * sizeof *p->tracks);
	struct project_track *t = &p->tracks[p->n_tracks++];
	memset(t, 0, sizeof *t);
	t->strip.name = xstrdup(name);
	return t;
}

struct project_clip *project_add_clip(struct project_track *t, const char *file,
	double start)
{
	t->clips = xrealloc(t->clips, (size_t)(t->n_clips + 1) * sizeof *t->clips);
	struct project_clip *c = &t->clips[t->n_clips++];
	memset(c, 0, sizeof *c);
	c->file = xstrdup(file);
	c->start = start;
	c->length = -1.0;
	return c;
}

struct project_insert *project_add_insert(struct project_insert *inserts, int *n,
	const struct fx_class *cls)
{
	if (*n >= FX_MAX_INSERTS)
		return NULL;
	struct project_insert *ins = &inserts[(*n)++];
	memset(ins, 0, sizeof *ins);
	ins->cls = cls;
	fx_param_defaults(cls, ins->params);
	return ins;
}

void project_remove_insert(struct project_insert *inserts, int *n, int index)
{
	if (index < 0 || index >= *n)
		return;
	project_json_free(inserts[index].json);
	free(inserts[index].lv2_state);
	free(inserts[index].sidechain);
	memmove(&inserts[index], &inserts[index + 1], (size_t)(*n - index - 1) * sizeof *inserts);
	(*n)--;
}

int project_find_track(const struct project *p, const char *key)
{
	for (int i = 0; i < p->n_tracks; i++)
		if (!strcmp(p->tracks[i].strip.name, key))
			return i;
	char *end;
	long n = strtol(key, &end, 10);
	if (*key && !*end && n >= 1 && n <= p->n_tracks)
		return (int)n - 1;
	return -1;
}

int project_find_bus(const struct project *p, const char *name)
{
	for (int i = 0; i < p->n_buses; i++)
		if (!strcmp(p->buses[i].strip.name, name))
			return i;
	return -1;
}

int project_find_group(const struct project *p, const char *name)
{
	for (int i = 0; i < p->n_groups; i++)
		if (!strcmp(p->groups[i].name, name))
			return i;
	return -1;
}

struct project_bus *project_add_bus(struct project *p, const char *name)
{
	p->buses = xrealloc(p->buses, (size_t)(p->n_buses + 1) * sizeof *p->buses);
	struct project_bus *b = &p->buses[p->n_buses++];
	memset(b, 0, sizeof *b);
	b->strip.name = xstrdup(name);
	return b;
}

struct project_send *project_add_send(struct project_send **sends, int *n,
	const char *bus)
{
	*sends = xrealloc(*sends, (size_t)(*n + 1) * sizeof **sends);
	struct project_send *s = &(*sends)[(*n)++];
	memset(s, 0, sizeof *s);
	s->bus = xstrdup(bus);
	s->level_db = PROJECT_MIN_GAIN_DB;
	return s;
}

struct project_group *project_add_group(struct project *p, const char *name)
{
	p->groups = xrealloc(p->groups, (size_t)(p->n_groups + 1) * sizeof *p->groups);
	struct project_group *g = &p->groups[p->n_groups++];
	memset(g, 0, sizeof *g);
	g->name = xstrdup(name);
	g->gain = g->mute = g->solo = true;
	return g;
}

void project_remove_send(struct project_send *sends, int *n, int index)
{
	if (index < 0 || index >= *n)
		return;
	free(sends[index].bus);
	project_json_free(sends[index].json);
	memmove(&sends[index], &sends[index + 1], (size_t)(*n - index - 1) * sizeof *sends);
	(*n)--;
}

/* Drop every send to name (and its automation) and send every output into it to the
 * master. */
static void unroute(struct project_strip *s, const char *name)
{
	project_lanes_drop_send(s->lanes, &s->n_lanes, name);
	if (s->output && !strcmp(s->output, name)) {
		free(s->output);
		s->output = NULL;
	}
	for (int i = s->n_sends - 1; i >= 0; i--)
		if (!strcmp(s->sends[i].bus, name))
			project_remove_send(s->sends, &s->n_sends, i);
}

void project_remove_bus(struct project *p, int b)
{
	if (b < 0 || b >= p->n_buses)
		return;
	char *name = xstrdup(p->buses[b].strip.name);
	bus_free(&p->buses[b]);
	memmove(&p->buses[b], &p->buses[b + 1], (size_t)(p->n_buses - b - 1) * sizeof *p->buses);
	p->n_buses--;
	for (int i = 0; i < p->n_tracks + p->n_buses; i++)
		unroute(project_strip_at(p, i), name);
	free(name);
}

struct project_strip *project_strip_at(struct project *p, int i)
{
	if (i == PROJECT_STRIP_MASTER)
		return &p->master;
	if (i >= 0 && i < p->n_tracks)
		return &p->tracks[i].strip;
	if (i >= p->n_tracks && i < p->n_tracks + p->n_buses)
		return &p->buses[i - p->n_tracks].strip;
	return NULL;
}

const struct project_strip *project_strip_get(const struct project *p, int i)
{
	return project_strip_at((struct project *)p, i);
}

char *project_clip_path(const struct project *p, const struct project_clip *c)
{
	if (c->file[0] == '/')
		return xstrdup(c->file);
	return xasprintf("%s/%s", p->dir, c->file);
}

static const char *const fade_shape_names[PROJECT_N_FADE_SHAPES] = {
	[PROJECT_FADE_LINEAR] = "linear",
	[PROJECT_FADE_EQUAL_POWER] = "equal_power",
	[PROJECT_FADE_S_CURVE] = "s_curve",
};

const char *project_fade_shape_name(enum project_fade_shape shape)
{
	return (unsigned)shape < PROJECT_N_FADE_SHAPES ? fade_shape_names[shape] : "linear";
}

int project_fade_shape_of(const char *name)
{
	for (int i = 0; i < PROJECT_N_FADE_SHAPES; i++)
		if (!strcmp(name, fade_shape_names[i]))
			return i;
	return -1;
}

void project_clip_deinit(struct project_clip *c)
{
	clip_free(c);
	memset(c, 0, sizeof *c);
}

void project_clip_copy(struct project_clip *dst, const struct project_clip *src)
{
	*dst = *src;
	dst->file = xstrdup(src->file);
	dst->json = project_json_copy(src->json);
}

struct project_clip *project_insert_clip(struct project_track *t, int k,
	const struct project_clip *c)
{
	if (k < 0)
		k = 0;
	if (k > t->n_clips)
		k = t->n_clips;
	t->clips = xrealloc(t->clips, (size_t)(t->n_clips + 1) * sizeof *t->clips);
	memmove(&t->clips[k + 1], &t->clips[k], (size_t)(t->n_clips - k) * sizeof *t->clips);
	t->n_clips++;
	project_clip_copy(&t->clips[k], c);
	return &t->clips[k];
}

void project_remove_clip(struct project_track *t, int k)
{
	if (k < 0 || k >= t->n_clips)
		return;
	clip_free(&t->clips[k]);
	memmove(&t->clips[k], &t->clips[k + 1], (size_t)(t->n_clips - k - 1) * sizeof *t->clips);
	t->n_clips--;
}

void project_sort_clips(struct project_track *t)
{
	/* insertion sort: stable, and a track's clips are nearly in order already */
	for (int i = 1; i < t->n_clips; i++) {
		struct project_clip c = t->clips[i];
		int j = i;
		for (; j > 0 && t->clips[j - 1].start > c.start; j--)
			t->clips[j] = t->clips[j - 1];
		t->clips[j] = c;
	}
}

void project_remove_track(struct project *p, int t)
{
	if (t < 0 || t >= p->n_tracks)
		return;
	track_free(&p->tracks[t]);
	memmove(&p->tracks[t], &p->tracks[t + 1], (size_t)(p->n_tracks - t - 1)
		* sizeof *p->tracks);
	p->n_tracks--;
}

void project_move_track(struct project *p, int t, int to)
{
	if (t < 0 || t >= p->n_tracks || to < 0 || to >= p->n_tracks || t == to)
		return;
	struct project_track moving = p->tracks[t];
	if (to < t)
		memmove(&p->tracks[to + 1], &p->tracks[to], (size_t)(t - to) * sizeof *p->tracks);
	else
		memmove(&p->tracks[t], &p->tracks[t + 1], (size_t)(to - t) * sizeof *p->tracks);
	p->tracks[to] = moving;
}

int project_add_marker(struct project *p, const char *name, double time)
{
	/* grown by doubling: a realloc per marker copies the whole table each time under
	 * allocators that never grow in place (AddressSanitizer's), and a loop that adds
	 * the limit's 100000 markers took minutes */
	if (p->n_markers >= p->cap_markers) {
		int cap = p->n_markers < 8 ? 16 : 2 * p->n_markers;
		p->markers = xrealloc(p->markers, (size_t)cap * sizeof *p->markers);
		p->cap_markers = cap;
	}
	int i = p->n_markers;
	while (i > 0 && p->markers[i - 1].time > time) {
		p->markers[i] = p->markers[i - 1];
		i--;
	}
	p->markers[i] = (struct project_marker){ .name = xstrdup(name), .time = time };
	p->n_markers++;
	return i;
}

void project_remove_marker(struct project *p, int i)
{
	if (i < 0 || i >= p->n_markers)
		return;
	free(p->markers[i].name);
	project_json_free(p->markers[i].json);
	memmove(&p->markers[i], &p->markers[i + 1], (size_t)(p->n_markers - i - 1)
		* sizeof *p->markers);
	p->n_markers--;
}

void project_album_free(struct project_album *a)
{
	if (!a)
		return;
	for (int i = 0; i < a->n_songs; i++) {
		free(a->songs[i].source);
		free(a->songs[i].title);
		project_json_free(a->songs[i].json);
	}
	free(a->songs);
	free(a->title);
	free(a->artist);
	project_json_free(a->json);
	free(a);
}

char *project_song_path(const struct project *p, const struct project_song *s)
{
	if (!strcmp(s->source, PROJECT_ALBUM_SELF))
		return NULL;
	if (s->source[0] == '/')
		return xstrdup(s->source);
	return xasprintf("%s/%s", p->dir, s->source);
}
