/* Grading a student's lesson folder against the lesson source (src/lesson.h,
 * lesson_grade): the spec comes from the shipped lesson of the same number, so an
 * edited lesson.json (a tolerance of 30 LU) changes nothing but the tampered mark. */
#include "src/lesson.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "src/base/diag.h"
#include "src/base/fnv.h"
#include "src/base/xalloc.h"

#define GRADE_MAX_LESSON_BYTES (256 * 1024)

/* FNV-1a of dir/lesson.json's bytes; false when it cannot be read. */
static bool lesson_file_hash(const char *dir, unsigned long long *out)
{
	char *path = xasprintf("%s/%s", dir, LESSON_FILE);
	FILE *f = fopen(path, "rb");
	free(path);
	if (!f)
		return false;
	uint64_t h = FNV1A_INIT;
	char buf[4096];
	size_t n, total = 0;
	while ((n = fread(buf, 1, sizeof buf, f)) > 0 && total <= GRADE_MAX_LESSON_BYTES) {
		h = fnv1a(h, buf, n);
		total += n;
	}
	bool ok = !ferror(f);
	fclose(f);
	*out = h;
	return ok;
}

static void now_utc(char *out, size_t size)
{
	time_t t = time(NULL);
	struct tm tm;
	gmtime_r(&t, &tm);
	strftime(out, size, "%Y-%m-%dT%H:%M:%SZ", &tm);
}

/* The source lesson for the folder's: same number under root. */
static enum err find_source(const char *dir, const char *extra, struct lesson_grade *g,
	struct err_msg *msg)
{
	struct lesson *copy;
	enum err e = lesson_load(dir, &copy, msg);
	if (e != ERR_OK)
		return e;
	int number = copy->number;
	lesson_free(copy);
	g->source = lesson_source(extra, number, NULL);
	if (!g->source)
		return err_set(msg, ERR_NOT_FOUND, "%s: lesson %d is on no lesson path (the "
			"bundled lessons, $XDG_DATA_DIRS/ttymix/lessons, --lessons DIR): nothing to "
			"grade it against", dir, number);
	const char *base = strrchr(g->source, '/');
	g->id = xstrdup(base ? base + 1 : g->source);
	if ((e = lesson_load(g->source, &g->spec, msg)) != ERR_OK)
		return e;
	unsigned long long mine = 0;
	if (!lesson_file_hash(g->source, &g->hash) || !lesson_file_hash(dir, &mine))
		return err_set(msg, ERR_NOT_FOUND, "%s: %s cannot be read", dir, LESSON_FILE);
	g->tampered = mine != g->hash;
	return ERR_OK;
}

enum err lesson_grade(const char *dir, const char *extra, struct lesson_grade *g,
	struct err_msg *msg)
{
	memset(g, 0, sizeof *g);
	g->dir = xstrdup(dir);
	enum err e = find_source(dir, extra, g, msg);
	struct project *p = NULL;
	if (e == ERR_OK) {
		struct diag d;
		diag_init(&d);
		e = project_load(dir, &p, &d);
		if (e != ERR_OK)
			err_set(msg, e, "%s", diag_first_error(&d));
		diag_deinit(&d);
	}
	if (e == ERR_OK) {
		now_utc(g->when, sizeof g->when);
		e = lesson_check(g->spec, p, &g->res, msg);
	}
	project_free(p);
	if (e != ERR_OK)
		lesson_grade_free(g);
	return e;
}

void lesson_grade_free(struct lesson_grade *g)
{
	free(g->dir);
	free(g->id);
	free(g->source);
	lesson_free(g->spec);
	memset(g, 0, sizeof *g);
}
