/* Project model helpers that need no JSON. */
#include "src/project.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "src/xalloc.h"

void project_json_free(void *json); /* project_json.c */

struct project *project_new(const char *dir, const char *name, int sample_rate)
{
	struct project *p = xcalloc(1, sizeof *p);
	p->dir = xstrdup(dir);
	p->path = xasprintf("%s/%s", dir, PROJECT_FILE);
	p->name = xstrdup(name);
	p->sample_rate = sample_rate;
	p->pan_law_db = -3.0;
	p->tempo_bpm = 120.0;
	return p;
}

static void clip_free(struct project_clip *c)
{
	free(c->file);
	project_json_free(c->json);
}

static void track_free(struct project_track *t)
{
	free(t->name);
	free(t->color);
	free(t->output);
	for (int i = 0; i < t->n_clips; i++)
		clip_free(&t->clips[i]);
	free(t->clips);
	for (int i = 0; i < t->n_inserts; i++)
		project_json_free(t->inserts[i].json);
	project_json_free(t->json);
}

void project_free(struct project *p)
{
	if (!p)
		return;
	for (int i = 0; i < p->n_tracks; i++)
		track_free(&p->tracks[i]);
	free(p->tracks);
	for (int i = 0; i < p->n_markers; i++) {
		free(p->markers[i].name);
		project_json_free(p->markers[i].json);
	}
	free(p->markers);
	for (int i = 0; i < p->n_master_inserts; i++)
		project_json_free(p->master_inserts[i].json);
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
	t->name = xstrdup(name);
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

int project_find_track(const struct project *p, const char *key)
{
	for (int i = 0; i < p->n_tracks; i++)
		if (!strcmp(p->tracks[i].name, key))
			return i;
	char *end;
	long n = strtol(key, &end, 10);
	if (*key && !*end && n >= 1 && n <= p->n_tracks)
		return (int)n - 1;
	return -1;
}

char *project_clip_path(const struct project *p, const struct project_clip *c)
{
	if (c->file[0] == '/')
		return xstrdup(c->file);
	return xasprintf("%s/%s", p->dir, c->file);
}
