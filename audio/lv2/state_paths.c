/* Paths in an LV2 state: the state extension's mapPath, makePath and freePath over the
 * project folder, and a state's Turtle text with the files it names relative to that
 * folder (lv2_priv.h). Control thread: a plug-in maps paths in its save and restore,
 * and may make files when instantiated; a save copies files into the project. */
#include "audio/lv2/lv2_priv.h"

#include <errno.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "src/base/safefile.h"
#include "src/base/xalloc.h"


/* The whole of path's bytes (*len of them); NULL when it does not read. */
static char *read_all(const char *path, size_t *len)
{
	FILE *f = fopen(path, "rb");
	if (!f)
		return NULL;
	size_t cap = 65536;
	char *buf = xmalloc(cap);
	size_t got;
	*len = 0;
	while ((got = fread(buf + *len, 1, cap - *len, f)) > 0)
		if ((*len += got) == cap)
			buf = xrealloc(buf, cap *= 2);
	const bool bad = ferror(f);
	fclose(f);
	if (bad) {
		free(buf);
		return NULL;
	}
	return buf;
}

/* A file outside the project that a state names, copied into its plugins/ folder: the
 * path relative to the project ("plugins/NAME"), NAME the file's own or, when another
 * file has it, NAME-2, NAME-3... (a copy with the same bytes is used again). NULL when
 * it does not read or cannot be written. */
static char *bring_in(const char *dir, const char *real)
{
	size_t len;
	char *data = read_all(real, &len);
	if (!data)
		return NULL;
	const char *base = strrchr(real, '/') ? strrchr(real, '/') + 1 : real;
	const char *dot = strrchr(base, '.');
	const int stem = (int)(dot && dot != base ? dot - base : (ptrdiff_t)strlen(base));
	char *plugins = xasprintf("%s/plugins", dir), *rel = NULL;
	if (mkdir(plugins, 0777) != 0 && errno != EEXIST) {
		free(plugins);
		free(data);
		return NULL;
	}
	for (int k = 1; k < 1000 && !rel; k++) {
		char *name = k == 1 ? xstrdup(base)
			: xasprintf("%.*s-%d%s", stem, base, k, base + stem);
		char *to = xasprintf("%s/%s", plugins, name);
		size_t had_len;
		char *had = read_all(to, &had_len);
		struct err_msg why;
		if (had ? had_len == len && !memcmp(had, data, len)
			: access(to, F_OK) != 0 && safefile_replace(to, data, len,
				safefile_mode_for_dir(plugins), &why) == ERR_OK)
			rel = xasprintf("plugins/%s", name);
		else if (!had && access(to, F_OK) != 0)
			k = 1000;   /* it cannot be written: the path stays as it is */
		free(had);
		free(to);
		free(name);
	}
	free(plugins);
	free(data);
	return rel;
}

char *lv2_path_abstract(LV2_State_Map_Path_Handle h, const char *abs)
{
	const char *dir = *(char *const *)h;
	if (!dir || abs[0] != '/')
		return xstrdup(abs);
	char *real = realpath(abs, NULL), *home = realpath(dir, NULL), *rel = NULL;
	const size_t n = home ? strlen(home) : 0;
	if (real && home && !(strncmp(real, home, n) == 0 && real[n] == '/'))
		rel = bring_in(home, real);
	char *out = rel ? xasprintf("%s/%s", home, rel) : xstrdup(abs);
	free(rel);
	free(real);
	free(home);
	return out;
}

/* ---- a state's text: paths relative to the project folder in the file ---- */

struct buf {
	char *s;
	size_t len, cap;
};

static void buf_add(struct buf *b, const char *s, size_t n)
{
	if (b->len + n + 1 > b->cap) {
		b->cap = (b->len + n + 1) * 2;
		b->s = xrealloc(b->s, b->cap);
	}
	memcpy(b->s + b->len, s, n);
	b->len += n;
	b->s[b->len] = '\0';
}

/* path %-encoded as an IRI's path (letters, digits, "-._~/" as they are) */
static void buf_add_path(struct buf *b, const char *path)
{
	for (const unsigned char *c = (const unsigned char *)path; *c; c++) {
		if ((*c >= 'a' && *c <= 'z') || (*c >= 'A' && *c <= 'Z') || (*c >= '0' && *c <= '9')
		    || strchr("-._~/", *c)) {
			buf_add(b, (const char *)c, 1);
		} else {
			char hex[4];
			snprintf(hex, sizeof hex, "%%%02X", *c);
			buf_add(b, hex, 3);
		}
	}
}

/* Each IRI of text (outside its string literals) through map, which appends its
 * replacement to out and returns true, or returns false to keep it. */
static char *map_iris(const char *text, const char *dir,
	bool (*map)(struct buf *out, const char *iri, const char *dir))
{
	struct buf out = { 0 };
	const char *p = text;
	while (*p) {
		if (*p == '"') {    /* a literal: "...", or """...""" */
			const bool lng = !strncmp(p, "\"\"\"", 3);
			const char *q = p + (lng ? 3 : 1);
			while (*q && (lng ? strncmp(q, "\"\"\"", 3) : *q != '"'))
				q += *q == '\\' && q[1] ? 2 : 1;
			q += *q ? (lng ? 3 : 1) : 0;
			buf_add(&out, p, (size_t)(q - p));
			p = q;
			continue;
		}
		const char *end = *p == '<' ? strchr(p, '>') : NULL;
		if (!end) {
			buf_add(&out, p, 1);
			p++;
			continue;
		}
		char *iri = xasprintf("%.*s", (int)(end - p - 1), p + 1);
		if (!map(&out, iri, dir))
			buf_add(&out, p, (size_t)(end + 1 - p));
		free(iri);
		p = end + 1;
	}
	return out.s ? out.s : xstrdup("");
}

/* a file URI in the project folder (a file outside it brought in first): relative */
static bool iri_relative(struct buf *out, const char *iri, const char *home)
{
	if (strncmp(iri, "file:", 5))
		return false;
	char *path = lilv_fn.file_uri_parse(iri, NULL);
	char *real = path ? realpath(path, NULL) : NULL, *rel = NULL;
	const size_t n = strlen(home);
	if (real && !strncmp(real, home, n) && real[n] == '/')
		rel = xstrdup(real + n + 1);
	else if (real)
		rel = bring_in(home, real);
	if (rel) {
		buf_add(out, "<", 1);
		buf_add_path(out, rel);
		buf_add(out, ">", 1);
	}
	free(rel);
	free(real);
	lilv_fn.free(path);
	return rel != NULL;
}

/* an IRI with no scheme is a path relative to the project folder: made its file URI */
static bool iri_absolute(struct buf *out, const char *iri, const char *dir)
{
	const char *colon = strchr(iri, ':'), *slash = strchr(iri, '/');
	if (!iri[0] || iri[0] == '#' || (colon && (!slash || colon < slash)))
		return false;
	buf_add(out, "<file://", 8);
	buf_add_path(out, dir);
	buf_add(out, "/", 1);
	buf_add(out, iri, strlen(iri));   /* encoded as it was written */
	buf_add(out, ">", 1);
	return true;
}

char *lv2_text_relative(const char *text, const char *dir)
{
	char *home = dir ? realpath(dir, NULL) : NULL;
	if (!home)
		return xstrdup(text);
	char *out = map_iris(text, home, iri_relative);
	free(home);
	return out;
}

char *lv2_text_absolute(const char *text, const char *dir)
{
	char *home = dir ? realpath(dir, NULL) : NULL;
	if (!home)
		return xstrdup(text);
	char *out = map_iris(text, home, iri_absolute);
	free(home);
	return out;
}

char *lv2_path_absolute(LV2_State_Map_Path_Handle h, const char *path)
{
	const char *dir = *(char *const *)h;
	return path[0] == '/' || !dir ? xstrdup(path) : xasprintf("%s/%s", dir, path);
}

char *lv2_path_make(LV2_State_Make_Path_Handle h, const char *path)
{
	const char *dir = *(char *const *)h;
	const char *tmp = getenv("TMPDIR");
	char *full = dir ? xasprintf("%s/plugins/%s", dir, path)
		: xasprintf("%s/ttymix-lv2-%ld/%s", tmp && tmp[0] ? tmp : "/tmp", (long)getpid(),
			path);
	for (char *slash = strchr(full + 1, '/'); slash; slash = strchr(slash + 1, '/')) {
		*slash = '\0';
		(void)mkdir(full, 0777);    /* one that fails shows at the plug-in's open */
		*slash = '/';
	}
	return full;
}

void lv2_path_free(LV2_State_Free_Path_Handle h, char *path)
{
	(void)h;
	free(path);
}
