/* Copies of a project (src/project.h): project_copy, deep; project_snapshot, which the
 * autosave takes on the UI thread and turns into JSON on its worker (src/studio/autosave.c).
 * Copying the model is a walk of plain data; printing JSON, which the snapshot keeps
 * off the UI thread, costs far more. A snapshot shares the JSON kept for unknown
 * fields, which nothing changes once read (the save starts from duplicates of it):
 * copying it would cost as much as the rest of the copy many times over. */
#include "src/project.h"

#include <string.h>

#include "src/project_keep.h"
#include "src/base/xalloc.h"


/* The JSON kept for unknown fields holds, as read, whole arrays that the save rebuilds
 * from the model and of which it only asks whether they were there (src/project_json.c,
 * to_tree): the document's tracks and markers, a strip's clips and chain. Copying
 * them would double the copy's cost for nothing; they are copied as nulls, in place.
 * tests/project_diff_test.c checks that a copy saves as the original does. */
static const char *const root_outline[] = { "tracks", "buses", "groups", "markers",
	"album", NULL };
static const char *const strip_outline[] = { "clips", "inserts", "sends", "automation",
	NULL };

/* The copy being made shares the JSON (project_snapshot) instead of copying it. */
static _Thread_local bool share_json;

static void *json_dup(const void *json)
{
	return share_json ? (void *)json : project_json_copy(json);
}

static void *json_outline(const void *json, const char *const *keys)
{
	return share_json ? (void *)json : project_json_copy_outline(json, keys);
}

static char *dup_or_null(const char *s)
{
	return s ? xstrdup(s) : NULL;
}

static void *dup_array(const void *src, int n, size_t size)
{
	if (n <= 0 || !src)
		return NULL;
	void *dst = xmalloc((size_t)n * size);
	memcpy(dst, src, (size_t)n * size);
	return dst;
}

static struct project_send *copy_sends(const struct project_send *src, int n)
{
	struct project_send *dst = dup_array(src, n, sizeof *src);
	for (int i = 0; i < n; i++) {
		dst[i].bus = dup_or_null(src[i].bus);
		dst[i].json = json_dup(src[i].json);
	}
	return dst;
}

static struct project_lane *copy_lanes(const struct project_lane *src, int n)
{
	struct project_lane *dst = dup_array(src, n, sizeof *src);
	for (int i = 0; i < n; i++) {
		dst[i].param = dup_or_null(src[i].param);
		dst[i].points = dup_array(src[i].points, src[i].n_points, sizeof *src[i].points);
		dst[i].cap_points = src[i].n_points;
	}
	return dst;
}

/* What a strip owns, over the plain copy the caller made (*dst = *src). */
static void copy_strip(struct project_strip *dst, const struct project_strip *src)
{
	dst->name = dup_or_null(src->name);
	dst->color = dup_or_null(src->color);
	dst->output = dup_or_null(src->output);
	for (int i = 0; i < src->n_inserts; i++) {
		dst->inserts[i].json = json_dup(src->inserts[i].json);
		dst->inserts[i].lv2_state = dup_or_null(src->inserts[i].lv2_state);
		dst->inserts[i].sidechain = dup_or_null(src->inserts[i].sidechain);
	}
	dst->sends = copy_sends(src->sends, src->n_sends);
	dst->lanes = copy_lanes(src->lanes, src->n_lanes);
}

static void copy_track(struct project_track *dst, const struct project_track *src)
{
	*dst = *src;
	copy_strip(&dst->strip, &src->strip);
	dst->group = dup_or_null(src->group);
	dst->role = dup_or_null(src->role);
	dst->clips = dup_array(src->clips, src->n_clips, sizeof *src->clips);
	for (int i = 0; i < src->n_clips; i++) {
		dst->clips[i].file = dup_or_null(src->clips[i].file);
		dst->clips[i].json = json_dup(src->clips[i].json);
	}
	dst->json = json_outline(src->json, strip_outline);
}

static void copy_bus(struct project_bus *dst, const struct project_bus *src)
{
	*dst = *src;
	copy_strip(&dst->strip, &src->strip);
	dst->json = json_outline(src->json, strip_outline);
}

static struct project_album *copy_album(const struct project_album *src)
{
	if (!src)
		return NULL;
	struct project_album *dst = xmalloc(sizeof *dst);
	*dst = *src;
	dst->title = dup_or_null(src->title);
	dst->artist = dup_or_null(src->artist);
	dst->songs = dup_array(src->songs, src->n_songs, sizeof *src->songs);
	for (int i = 0; i < src->n_songs; i++) {
		dst->songs[i].source = dup_or_null(src->songs[i].source);
		dst->songs[i].title = dup_or_null(src->songs[i].title);
		dst->songs[i].json = json_dup(src->songs[i].json);
	}
	dst->json = json_dup(src->json);
	return dst;
}

static struct project *copy(const struct project *src)
{
	struct project *p = xmalloc(sizeof *p);
	*p = *src;
	p->dir = dup_or_null(src->dir);
	p->path = dup_or_null(src->path);
	p->name = dup_or_null(src->name);
	copy_strip(&p->master, &src->master);
	p->tracks = dup_array(src->tracks, src->n_tracks, sizeof *src->tracks);
	for (int i = 0; i < src->n_tracks; i++)
		copy_track(&p->tracks[i], &src->tracks[i]);
	p->buses = dup_array(src->buses, src->n_buses, sizeof *src->buses);
	for (int i = 0; i < src->n_buses; i++)
		copy_bus(&p->buses[i], &src->buses[i]);
	p->groups = dup_array(src->groups, src->n_groups, sizeof *src->groups);
	for (int i = 0; i < src->n_groups; i++) {
		p->groups[i].name = dup_or_null(src->groups[i].name);
		p->groups[i].json = json_dup(src->groups[i].json);
	}
	p->markers = dup_array(src->markers, src->n_markers, sizeof *src->markers);
	p->cap_markers = src->n_markers; /* dup_array allocates exactly */
	for (int i = 0; i < src->n_markers; i++) {
		p->markers[i].name = dup_or_null(src->markers[i].name);
		p->markers[i].json = json_dup(src->markers[i].json);
	}
	p->tempo_map = dup_array(src->tempo_map, src->n_tempo_map, sizeof *src->tempo_map);
	p->album = copy_album(src->album);
	p->json = json_outline(src->json, root_outline);
	return p;
}

struct project *project_copy(const struct project *src)
{
	share_json = false;
	return copy(src);
}

struct project *project_snapshot(const struct project *src)
{
	share_json = true;
	struct project *p = copy(src);
	share_json = false;
	project_json_hold();
	return p;
}

/* The JSON a snapshot's strip shares with the original's. */
static void unshare_strip(struct project_strip *s)
{
	for (int i = 0; i < s->n_inserts; i++)
		s->inserts[i].json = NULL;
	for (int i = 0; i < s->n_sends; i++)
		s->sends[i].json = NULL;
}

void project_snapshot_free(struct project *p)
{
	if (!p)
		return;
	/* the JSON is the original's: only the copy's own data goes */
	for (int i = 0; i < p->n_tracks; i++) {
		struct project_track *t = &p->tracks[i];
		for (int k = 0; k < t->n_clips; k++)
			t->clips[k].json = NULL;
		unshare_strip(&t->strip);
		t->json = NULL;
	}
	for (int i = 0; i < p->n_buses; i++) {
		unshare_strip(&p->buses[i].strip);
		p->buses[i].json = NULL;
	}
	for (int i = 0; i < p->n_groups; i++)
		p->groups[i].json = NULL;
	for (int i = 0; i < p->n_markers; i++)
		p->markers[i].json = NULL;
	unshare_strip(&p->master);
	if (p->album) {
		for (int i = 0; i < p->album->n_songs; i++)
			p->album->songs[i].json = NULL;
		p->album->json = NULL;
	}
	p->json = NULL;
	project_free(p);
	project_json_release();
}
