/* A deep copy of a project (project_copy in src/project.h): the autosave takes one on
 * the UI thread and turns it into JSON on its worker (ui/autosave.c). Copying the
 * model is a walk of plain data; printing JSON, which the copy keeps off the UI
 * thread, costs several times more. */
#include "src/project.h"

#include <string.h>

#include "src/xalloc.h"

void *project_json_copy(const void *json); /* project_json.c */
void *project_json_copy_outline(const void *json, const char *const *keys);

/* The JSON kept for unknown fields holds, as read, whole arrays that the save rebuilds
 * from the model and of which it only asks whether they were there (src/project_json.c,
 * to_tree): the document's tracks and markers, a strip's clips and chain. Copying
 * them would double the copy's cost for nothing; they are copied as nulls, in place.
 * tests/project_diff_test.c checks that a copy saves as the original does. */
static const char *const root_outline[] = { "tracks", "buses", "groups", "markers",
	"album", NULL };
static const char *const strip_outline[] = { "clips", "inserts", "sends", "automation",
	NULL };

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

static void copy_inserts(struct project_insert *dst, const struct project_insert *src, int n)
{
	for (int i = 0; i < n; i++) {
		dst[i] = src[i];
		dst[i].json = project_json_copy(src[i].json);
	}
}

static struct project_send *copy_sends(const struct project_send *src, int n)
{
	struct project_send *dst = dup_array(src, n, sizeof *src);
	for (int i = 0; i < n; i++) {
		dst[i].bus = dup_or_null(src[i].bus);
		dst[i].json = project_json_copy(src[i].json);
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

static void copy_track(struct project_track *dst, const struct project_track *src)
{
	*dst = *src;
	dst->name = dup_or_null(src->name);
	dst->color = dup_or_null(src->color);
	dst->output = dup_or_null(src->output);
	dst->group = dup_or_null(src->group);
	dst->clips = dup_array(src->clips, src->n_clips, sizeof *src->clips);
	for (int i = 0; i < src->n_clips; i++)
		project_clip_copy(&dst->clips[i], &src->clips[i]);
	copy_inserts(dst->inserts, src->inserts, src->n_inserts);
	dst->sends = copy_sends(src->sends, src->n_sends);
	dst->lanes = copy_lanes(src->lanes, src->n_lanes);
	dst->json = project_json_copy_outline(src->json, strip_outline);
}

static void copy_bus(struct project_bus *dst, const struct project_bus *src)
{
	*dst = *src;
	dst->name = dup_or_null(src->name);
	dst->color = dup_or_null(src->color);
	dst->output = dup_or_null(src->output);
	copy_inserts(dst->inserts, src->inserts, src->n_inserts);
	dst->sends = copy_sends(src->sends, src->n_sends);
	dst->lanes = copy_lanes(src->lanes, src->n_lanes);
	dst->json = project_json_copy_outline(src->json, strip_outline);
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
		dst->songs[i].json = project_json_copy(src->songs[i].json);
	}
	dst->json = project_json_copy(src->json);
	return dst;
}

struct project *project_copy(const struct project *src)
{
	struct project *p = xmalloc(sizeof *p);
	*p = *src;
	p->dir = dup_or_null(src->dir);
	p->path = dup_or_null(src->path);
	p->name = dup_or_null(src->name);
	copy_inserts(p->master_inserts, src->master_inserts, src->n_master_inserts);
	p->tracks = dup_array(src->tracks, src->n_tracks, sizeof *src->tracks);
	for (int i = 0; i < src->n_tracks; i++)
		copy_track(&p->tracks[i], &src->tracks[i]);
	p->buses = dup_array(src->buses, src->n_buses, sizeof *src->buses);
	for (int i = 0; i < src->n_buses; i++)
		copy_bus(&p->buses[i], &src->buses[i]);
	p->groups = dup_array(src->groups, src->n_groups, sizeof *src->groups);
	for (int i = 0; i < src->n_groups; i++) {
		p->groups[i].name = dup_or_null(src->groups[i].name);
		p->groups[i].json = project_json_copy(src->groups[i].json);
	}
	p->markers = dup_array(src->markers, src->n_markers, sizeof *src->markers);
	for (int i = 0; i < src->n_markers; i++) {
		p->markers[i].name = dup_or_null(src->markers[i].name);
		p->markers[i].json = project_json_copy(src->markers[i].json);
	}
	p->album = copy_album(src->album);
	p->json = project_json_copy_outline(src->json, root_outline);
	return p;
}
