/* Reading lesson.json (src/lesson.h). The second file that includes cJSON: a lesson
 * file is not a project, and the project reader (src/project_json.c) stays about
 * projects only. */
#include "src/lesson.h"

#include <cjson/cJSON.h>
#include <dirent.h>
#include <limits.h>
#include <math.h>
#include <stddef.h>
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

/* A field of a check: a string, a number or a list of track names, and where it goes
 * in struct lesson. */
enum field_kind { FIELD_STRING, FIELD_NUMBER, FIELD_NAMES };

struct field {
	const char *key;
	enum field_kind kind;
	size_t offset;
};

#define STRING(key, member) { key, FIELD_STRING, offsetof(struct lesson, member) }
#define NUMBER(key, member) { key, FIELD_NUMBER, offsetof(struct lesson, member) }
#define NAMES(key) { key, FIELD_NAMES, offsetof(struct lesson, names) }

/* Every check type and the fields it needs, in the order they are asked for. */
static const struct check_type {
	const char *name;
	enum lesson_check_type type;
	struct field fields[6];
	int n_fields;
} check_types[] = {
	{ "balance", LESSON_BALANCE,
	  { STRING("track", track), NUMBER("tolerance_lu", tol_lu) }, 2 },
	{ "panning", LESSON_PANNING,
	  { STRING("bus", bus), NUMBER("max_correlation", max_corr),
	    NUMBER("centre_tolerance_db", centre_db), NAMES("centred") }, 4 },
	{ "low_cut", LESSON_LOW_CUT,
	  { STRING("track", track), NUMBER("below_hz", cut_hz), NUMBER("min_cut_db", min_db),
	    NUMBER("keep_above_hz", keep_hz), NUMBER("max_keep_loss_db", max_db) }, 5 },
	{ "crest", LESSON_CREST,
	  { STRING("track", track), NUMBER("min_crest_drop_db", min_db),
	    NUMBER("max_loudness_drop_lu", max_lu) }, 3 },
	{ "evenness", LESSON_EVENNESS,
	  { STRING("track", track), NUMBER("min_spread_drop_db", min_db),
	    NUMBER("max_loudness_drop_lu", max_lu) }, 3 },
	{ "send_wet", LESSON_SEND_WET,
	  { STRING("track", track), STRING("bus", bus), NUMBER("min_wet_lu", min_lu),
	    NUMBER("max_wet_lu", max_lu) }, 4 },
	{ "master", LESSON_MASTER,
	  { NUMBER("target_lufs", target_lufs), NUMBER("tolerance_lu", tol_lu),
	    NUMBER("max_true_peak_dbtp", max_dbtp) }, 3 },
	{ "eq_band", LESSON_EQ_BAND,
	  { STRING("track", track), NUMBER("at_hz", at_hz), NUMBER("change_db", change_db),
	    NUMBER("max_rest_change_db", max_db) }, 4 },
	{ "gate", LESSON_GATE,
	  { STRING("track", track), NUMBER("min_gap_drop_db", min_db),
	    NUMBER("max_hit_loss_db", max_db) }, 3 },
	{ "delay_time", LESSON_DELAY_TIME,
	  { STRING("track", track), NUMBER("beats", beats), NUMBER("tolerance_ms", tol_ms) },
	  3 },
	{ "width", LESSON_WIDTH,
	  { STRING("track", track), NUMBER("min_side_db", side_min_db),
	    NUMBER("max_side_db", side_max_db), NUMBER("min_correlation", min_corr) }, 4 },
	{ "automation", LESSON_AUTOMATION,
	  { STRING("track", track), STRING("move_from", move_from), STRING("move_to", move_to),
	    NUMBER("min_move_db", min_db), NUMBER("max_rest_change_db", max_db) }, 5 },
	{ "deess", LESSON_DEESS,
	  { STRING("track", track), NUMBER("min_sibilant_drop_db", min_db),
	    NUMBER("max_rest_change_db", max_db) }, 3 },
	{ "reference", LESSON_REFERENCE,
	  { STRING("reference", reference), NUMBER("tolerance_lu", tol_lu),
	    NUMBER("max_band_rms_db", max_db) }, 3 },
	{ "masking", LESSON_MASKING,
	  { STRING("track", track), STRING("masker", masker), NUMBER("max_share", max_share),
	    NUMBER("masker_min_lufs", min_lufs) }, 4 },
	{ "album", LESSON_ALBUM,
	  { NUMBER("min_gap_s", min_gap_s), NUMBER("max_gap_s", max_gap_s),
	    NUMBER("tolerance_lu", tol_lu), NUMBER("max_true_peak_dbtp", max_dbtp) }, 4 },
};
#define N_CHECK_TYPES (sizeof check_types / sizeof check_types[0])

static char *opt_string(const cJSON *o, const char *key)
{
	const cJSON *v = cJSON_GetObjectItemCaseSensitive(o, key);
	return cJSON_IsString(v) && v->valuestring ? xstrdup(v->valuestring) : NULL;
}

/* An array of at most max strings, copied into out[*n...]; false and msg (naming the
 * array as `what`, holding `items`) when it is something else. missing_ok: no array
 * at all is an empty one. */
static bool string_array(const cJSON *o, const char *key, bool missing_ok, char **out,
	int *n, int max, const char *path, const char *what, const char *items,
	struct err_msg *msg)
{
	const cJSON *arr = cJSON_GetObjectItemCaseSensitive(o, key), *v;
	if (!cJSON_IsArray(arr) && !(missing_ok && !arr)) {
		err_set(msg, ERR_FORMAT, "%s: %s must be an array of %s", path, what, items);
		return false;
	}
	cJSON_ArrayForEach(v, arr) {
		if (!cJSON_IsString(v) || *n == max) {
			err_set(msg, ERR_FORMAT, "%s: %s: up to %d %s", path, what, max, items);
			return false;
		}
		out[(*n)++] = xstrdup(v->valuestring);
	}
	return true;
}

/* One field the check type needs; false (and msg) when it is missing. */
static bool need_field(struct lesson *l, const cJSON *c, const struct field *f,
	const char *path, struct err_msg *msg)
{
	void *to = (char *)l + f->offset;
	const cJSON *v = cJSON_GetObjectItemCaseSensitive(c, f->key);
	char what[64];
	switch (f->kind) {
	case FIELD_STRING:
		if ((*(char **)to = opt_string(c, f->key)))
			return true;
		err_set(msg, ERR_FORMAT, "%s: check.%s must be a string", path, f->key);
		return false;
	case FIELD_NUMBER:
		if (cJSON_IsNumber(v) && isfinite(v->valuedouble)) {
			*(double *)to = v->valuedouble;
			return true;
		}
		err_set(msg, ERR_FORMAT, "%s: check.%s must be a number", path, f->key);
		return false;
	case FIELD_NAMES:
		snprintf(what, sizeof what, "check.%s", f->key);
		return string_array(c, f->key, false, l->names, &l->n_names, LESSON_MAX_NAMES,
			path, what, "track names", msg);
	}
	return false;
}

static bool parse_check(struct lesson *l, const cJSON *c, const char *path,
	struct err_msg *msg)
{
	const cJSON *type = cJSON_GetObjectItemCaseSensitive(c, "type");
	if (!cJSON_IsString(type)) {
		err_set(msg, ERR_FORMAT, "%s: check.type must be a string", path);
		return false;
	}
	const struct check_type *ct = NULL;
	char names[256] = "";
	for (size_t k = 0; k < N_CHECK_TYPES; k++) {
		if (!strcmp(check_types[k].name, type->valuestring))
			ct = &check_types[k];
		snprintf(names + strlen(names), sizeof names - strlen(names), "%s%s",
			k ? ", " : "", check_types[k].name);
	}
	if (!ct) {
		err_set(msg, ERR_FORMAT, "%s: check.type \"%s\" is not one of %s", path,
			type->valuestring, names);
		return false;
	}
	l->type = ct->type;
	l->from = opt_string(c, "from");
	l->to = opt_string(c, "to");
	for (int i = 0; i < ct->n_fields; i++)
		if (!need_field(l, c, &ct->fields[i], path, msg))
			return false;
	return true;
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
	if (!string_array(root, "hints", true, l->hints, &l->n_hints, LESSON_MAX_HINTS, path,
		"\"hints\"", "strings", msg))
		return false;
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
	free(l->move_from);
	free(l->move_to);
	free(l->reference);
	free(l->masker);
	free(l);
}

/* Copy the regular files of from/ into to/ (one level), made when there is any. */
static enum err copy_folder(const char *from, const char *to, struct err_msg *msg)
{
	DIR *d = opendir(from);
	if (!d)
		return ERR_OK; /* a lesson without audio of its own */
	enum err e = paths_mkdirs(to, msg);
	struct dirent *ent;
	while (e == ERR_OK && (ent = readdir(d))) {
		char *a = xasprintf("%s/%s", from, ent->d_name);
		struct stat st;
		if (ent->d_name[0] != '.' && stat(a, &st) == 0 && S_ISREG(st.st_mode)) {
			char *b = xasprintf("%s/%s", to, ent->d_name);
			e = paths_copy_file(a, b, msg);
			free(b);
		}
		free(a);
	}
	closedir(d);
	return e;
}

enum err lesson_copy(const char *src, const char *dst, struct err_msg *msg)
{
	enum err e = paths_mkdirs(dst, msg);
	const char *files[] = { PROJECT_FILE, LESSON_FILE };
	for (int i = 0; e == ERR_OK && i < 2; i++) {
		char *from = xasprintf("%s/%s", src, files[i]);
		char *to = xasprintf("%s/%s", dst, files[i]);
		e = paths_copy_file(from, to, msg);
		free(from);
		free(to);
	}
	if (e == ERR_OK) {
		char *from = xasprintf("%s/%s", src, LESSON_AUDIO_DIR);
		char *to = xasprintf("%s/%s", dst, LESSON_AUDIO_DIR);
		e = copy_folder(from, to, msg);
		free(from);
		free(to);
	}
	return e;
}

char *lesson_root(void)
{
	return paths_shipped("lessons", NULL);
}

/* Append each "DIR/ttymix/lessons" for the ':'-separated dirs (empty entries
 * skipped). */
static void add_data_dirs(const char *dirs, char **out, int *n, int max)
{
	while (dirs && *dirs && *n < max) {
		size_t len = strcspn(dirs, ":");
		if (len)
			out[(*n)++] = xasprintf("%.*s/ttymix/lessons", (int)len, dirs);
		dirs += len + (dirs[len] == ':');
	}
}

static char *default_extra; /* lesson_path_default's; set before the threads start */

void lesson_path_default(const char *dir)
{
	free(default_extra);
	default_extra = NULL;
	if (dir) {
		/* the studio's lessons are looked up after a :cd, or from a worker */
		char *abs = realpath(dir, NULL);
		default_extra = abs ? abs : xstrdup(dir);
	}
}

int lesson_path(const char *extra, char **out, int max)
{
	int n = 0;
	if (!extra)
		extra = default_extra;
	if (extra && n < max)
		out[n++] = xstrdup(extra);
	char *shipped = lesson_root();
	if (shipped && n < max)
		out[n++] = shipped;
	else
		free(shipped);
	const char *dirs = getenv("XDG_DATA_DIRS");
	add_data_dirs(dirs && *dirs ? dirs : "/usr/local/share:/usr/share", out, &n, max);
	/* named, not made: listing lessons creates no folder */
	const char *data = getenv("XDG_DATA_HOME"), *home = getenv("HOME");
	if (data && *data == '/' && n < max)
		out[n++] = xasprintf("%s/ttymix/lessons", data);
	else if (home && *home && n < max)
		out[n++] = xasprintf("%s/.local/share/ttymix/lessons", home);
	return n;
}

char *lesson_source(const char *extra, int number, char **root)
{
	char *roots[LESSON_MAX_ROOTS];
	int n = lesson_path(extra, roots, LESSON_MAX_ROOTS);
	char *found = NULL;
	for (int i = 0; i < n; i++) {
		if (!found && (found = lesson_find(roots[i], number)) && root) {
			*root = roots[i];
			continue;
		}
		free(roots[i]);
	}
	return found;
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
