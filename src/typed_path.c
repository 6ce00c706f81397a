/* Paths typed on the ':' line (see typed_path.h). */
#include "src/typed_path.h"

#include <dirent.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "src/base/xalloc.h"

char *typed_path_expand(const char *word)
{
	const char *home = getenv("HOME");
	if (home && *home && word[0] == '~' && (word[1] == '/' || !word[1]))
		return xasprintf("%s%s", home, word + 1);
	return xstrdup(word);
}

/* In the order of the names, the folders' '/' left out ("demo/" before "demo two/",
 * as ls lists them). */
static int compare_names(const void *a, const void *b)
{
	const char *x = *(char *const *)a, *y = *(char *const *)b;
	size_t nx = strlen(x), ny = strlen(y);
	nx -= nx && x[nx - 1] == '/';
	ny -= ny && y[ny - 1] == '/';
	const int c = memcmp(x, y, nx < ny ? nx : ny);
	return c ? c : (nx > ny) - (nx < ny);
}

void typed_path_complete(const char *word, const char *base,
	void (*found)(void *arg, const char *candidate), void *arg)
{
	/* "~" alone is the home folder itself: complete it to "~/" */
	if (!strcmp(word, "~")) {
		found(arg, "~/");
		return;
	}
	const char *slash = strrchr(word, '/');
	const size_t dir_len = slash ? (size_t)(slash - word) + 1 : 0; /* with its '/' */
	const char *name = word + dir_len;
	char *typed_dir = xasprintf("%.*s", (int)dir_len, word);
	char *dir = typed_path_expand(dir_len ? typed_dir : ".");
	if (dir[0] != '/' && base) {
		char *from_base = xasprintf("%s/%s", base, dir);
		free(dir);
		dir = from_base;
	}
	DIR *d = opendir(dir);
	char **names = NULL;
	size_t n = 0, cap = 0;
	const size_t name_len = strlen(name);
	for (struct dirent *de; d && (de = readdir(d));) {
		const char *entry = de->d_name;
		if (!strcmp(entry, ".") || !strcmp(entry, "..")
			|| (entry[0] == '.' && name[0] != '.') || strncmp(entry, name, name_len))
			continue;
		char *full = xasprintf("%s/%s", dir, entry);
		struct stat sb; /* a link to a folder is a folder to go into */
		const bool folder = stat(full, &sb) == 0 && S_ISDIR(sb.st_mode);
		free(full);
		if (n == cap) {
			cap = cap ? 2 * cap : 32;
			names = xrealloc(names, cap * sizeof *names);
		}
		names[n++] = xasprintf("%s%s%s", typed_dir, entry, folder ? "/" : "");
	}
	if (d)
		closedir(d);
	if (n)
		qsort(names, n, sizeof *names, compare_names);
	for (size_t i = 0; i < n; i++) {
		found(arg, names[i]);
		free(names[i]);
	}
	free(names);
	free(dir);
	free(typed_dir);
}
