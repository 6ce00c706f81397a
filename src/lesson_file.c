/* Reading lesson.json (src/lesson.h). The second file that includes cJSON: a lesson
 * file is not a project, and the project reader (src/project_json.c) stays about
 * projects only. */
#include "src/lesson.h"

#include <cjson/cJSON.h>
#include <dirent.h>
#include <limits.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "src/paths.h"
#include "src/base/xalloc.h"

#define LESSON_MAX_BYTES (256 * 1024)

static char *read_text(const char *path, struct err_msg *msg, enum err *e)
{
	FILE *f = fopen(path, "rb");
	if (!f) {
		*e = err_set(msg, ERR_NOT_FOUND, "%s: no lesson file there", path);
		return NULL;
	}
	char *buf = xmalloc(LESSON_MAX_BYTES + 1);
	size_t n = fread(buf, 1, LESSON_MAX_BYTES + 1, f);
	fclose(f);
	if (n > LESSON_MAX_BYTES) {
		free(buf);
		*e = err_set(msg, ERR_FORMAT, "%s: larger than %d bytes", path, LESSON_MAX_BYTES);
		return NULL;
	}
	buf[n] = '\0';
	return buf;
}

static const struct {
	const char *name;
	enum lesson_check_type type;
} check_types[] = {
	{ "balance", LESSON_BALANCE }, { "panning", LESSON_PANNING },
	{ "low_cut", LESSON_LOW_CUT }, { "crest", LESSON_CREST },
	{ "send_wet", LESSON_SEND_WET }, { "master", LESSON_MASTER },
};

static char *opt_string(const cJSON *o, const char *key)
{
	const cJSON *v = cJSON_GetObjectItemCaseSensitive(o, key);
	return cJSON_IsString(v) && v->valuestring ? xstrdup(v->valuestring) : NULL;
}

/* A number the check type needs; false (and msg) when it is missing. */
static bool need_number(const cJSON *o, const char *key, double *out, const char *path,
	struct err_msg *msg)
{
	const cJSON *v = cJSON_GetObjectItemCaseSensitive(o, key);
	if (!cJSON_IsNumber(v) || !isfinite(v->valuedouble)) {
		err_set(msg, ERR_FORMAT, "%s: check.%s must be a number", path, key);
		return false;
	}
	*out = v->valuedouble;
	return true;
}

static bool need_string(const cJSON *o, const char *key, char **out, const char *path,
	struct err_msg *msg)
{
	*out = opt_string(o, key);
	if (!*out)
		err_set(msg, ERR_FORMAT, "%s: check.%s must be a string", path, key);
	return *out != NULL;
}

static bool parse_check(struct lesson *l, const cJSON *c, const char *path,
	struct err_msg *msg)
{
	const cJSON *type = cJSON_GetObjectItemCaseSensitive(c, "type");
	if (!cJSON_IsString(type)) {
		err_set(msg, ERR_FORMAT, "%s: check.type must be a string", path);
		return false;
	}
	size_t k = 0;
	while (k < sizeof check_types / sizeof check_types[0] &&
		strcmp(check_types[k].name, type->valuestring))
		k++;
	if (k == sizeof check_types / sizeof check_types[0]) {
		err_set(msg, ERR_FORMAT, "%s: check.type \"%s\" is not one of balance, panning, "
			"low_cut, crest, send_wet, master", path, type->valuestring);
		return false;
	}
	l->type = check_types[k].type;
	l->from = opt_string(c, "from");
	l->to = opt_string(c, "to");
	switch (l->type) {
	case LESSON_BALANCE:
		return need_string(c, "track", &l->track, path, msg) &&
			need_number(c, "tolerance_lu", &l->tol_lu, path, msg);
	case LESSON_PANNING: {
		if (!need_string(c, "bus", &l->bus, path, msg) ||
			!need_number(c, "max_correlation", &l->max_corr, path, msg) ||
			!need_number(c, "centre_tolerance_db", &l->centre_db, path, msg))
			return false;
		const cJSON *names = cJSON_GetObjectItemCaseSensitive(c, "centred");
		const cJSON *n;
		if (!cJSON_IsArray(names)) {
			err_set(msg, ERR_FORMAT, "%s: check.centred must be an array of track names",
				path);
			return false;
		}
		cJSON_ArrayForEach(n, names) {
			if (!cJSON_IsString(n) || l->n_names == LESSON_MAX_NAMES) {
				err_set(msg, ERR_FORMAT, "%s: check.centred: up to %d track names", path,
					LESSON_MAX_NAMES);
				return false;
			}
			l->names[l->n_names++] = xstrdup(n->valuestring);
		}
		return true;
	}
	case LESSON_LOW_CUT:
		return need_string(c, "track", &l->track, path, msg) &&
			need_number(c, "below_hz", &l->cut_hz, path, msg) &&
			need_number(c, "min_cut_db", &l->min_db, path, msg) &&
			need_number(c, "keep_above_hz", &l->keep_hz, path, msg) &&
			need_number(c, "max_keep_loss_db", &l->max_db, path, msg);
	case LESSON_CREST:
		return need_string(c, "track", &l->track, path, msg) &&
			need_number(c, "min_crest_drop_db", &l->min_db, path, msg) &&
			need_number(c, "max_loudness_drop_lu", &l->max_lu, path, msg);
	case LESSON_SEND_WET:
		return need_string(c, "track", &l->track, path, msg) &&
			need_string(c, "bus", &l->bus, path, msg) &&
			need_number(c, "min_wet_lu", &l->min_lu, path, msg) &&
			need_number(c, "max_wet_lu", &l->max_lu, path, msg);
	case LESSON_MASTER:
		return need_number(c, "target_lufs", &l->target_lufs, path, msg) &&
			need_number(c, "tolerance_lu", &l->tol_lu, path, msg) &&
			need_number(c, "max_true_peak_dbtp", &l->max_dbtp, path, msg);
	}
	return false;
}

static bool parse(struct lesson *l, const cJSON *root, const char *path, struct err_msg *msg)
{
	const cJSON *fmt = cJSON_GetObjectItemCaseSensitive(root, "format");
	if (!cJSON_IsString(fmt) || strcmp(fmt->valuestring, LESSON_FORMAT)) {
		err_set(msg, ERR_FORMAT, "%s: not a ttymix lesson (\"format\" must be \"%s\")",
			path, LESSON_FORMAT);
		return false;
	}
	const cJSON *num = cJSON_GetObjectItemCaseSensitive(root, "number");
	if (!cJSON_IsNumber(num) || num->valuedouble < 1 || num->valuedouble > 99) {
		err_set(msg, ERR_FORMAT, "%s: \"number\" must be 1 to 99", path);
		return false;
	}
	l->number = (int)num->valuedouble;
	l->title = opt_string(root, "title");
	l->goal = opt_string(root, "goal");
	if (!l->title || !l->goal) {
		err_set(msg, ERR_FORMAT, "%s: \"title\" and \"goal\" must be strings", path);
		return false;
	}
	const cJSON *hints = cJSON_GetObjectItemCaseSensitive(root, "hints"), *h;
	if (hints && !cJSON_IsArray(hints)) {
		err_set(msg, ERR_FORMAT, "%s: \"hints\" must be an array of strings", path);
		return false;
	}
	cJSON_ArrayForEach(h, hints) {
		if (!cJSON_IsString(h) || l->n_hints == LESSON_MAX_HINTS) {
			err_set(msg, ERR_FORMAT, "%s: \"hints\": up to %d strings", path,
				LESSON_MAX_HINTS);
			return false;
		}
		l->hints[l->n_hints++] = xstrdup(h->valuestring);
	}
	const cJSON *check = cJSON_GetObjectItemCaseSensitive(root, "check");
	if (!cJSON_IsObject(check)) {
		err_set(msg, ERR_FORMAT, "%s: \"check\" must be an object", path);
		return false;
	}
	return parse_check(l, check, path, msg);
}

enum err lesson_load(const char *dir, struct lesson **out, struct err_msg *msg)
{
	*out = NULL;
	char *path = xasprintf("%s/%s", dir, LESSON_FILE);
	enum err e = ERR_OK;
	char *text = read_text(path, msg, &e);
	if (!text) {
		free(path);
		return e;
	}
	cJSON *root = cJSON_Parse(text);
	free(text);
	if (!root) {
		e = err_set(msg, ERR_PARSE, "%s: not valid JSON", path);
		free(path);
		return e;
	}
	struct lesson *l = xcalloc(1, sizeof *l);
	l->dir = xstrdup(dir);
	if (!parse(l, root, path, msg)) {
		lesson_free(l);
		e = ERR_FORMAT;
	} else {
		*out = l;
	}
	cJSON_Delete(root);
	free(path);
	return e;
}

void lesson_free(struct lesson *l)
{
	if (!l)
		return;
	free(l->dir);
	free(l->title);
	free(l->goal);
	for (int i = 0; i < l->n_hints; i++)
		free(l->hints[i]);
	for (int i = 0; i < l->n_names; i++)
		free(l->names[i]);
	free(l->from);
	free(l->to);
	free(l->track);
	free(l->bus);
	free(l);
}

char *lesson_root(void)
{
	return paths_shipped("lessons", NULL);
}

char *lesson_find(const char *root, int n)
{
	DIR *d = opendir(root);
	if (!d)
		return NULL;
	char prefix[8];
	snprintf(prefix, sizeof prefix, "%02d-", n);
	char *found = NULL;
	struct dirent *e;
	while (!found && (e = readdir(d)))
		if (!strncmp(e->d_name, prefix, 3)) {
			char *cand = xasprintf("%s/%s", root, e->d_name);
			char *file = xasprintf("%s/%s", cand, LESSON_FILE);
			struct stat st;
			if (stat(file, &st) == 0)
				found = cand;
			else
				free(cand);
			free(file);
		}
	closedir(d);
	return found;
}
