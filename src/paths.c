#include "src/paths.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "src/project.h"
#include "src/base/safefile.h"
#include "src/base/xalloc.h"

static bool is_file(const char *path)
{
	struct stat st;
	return stat(path, &st) == 0 && S_ISREG(st.st_mode);
}

char *paths_shipped(const char *name, const char *inside)
{
	char exe[PATH_MAX];
	ssize_t n = readlink("/proc/self/exe", exe, sizeof exe - 1);
	char *found = NULL;
	for (int place = 0; place < 2 && !found; place++) {
		char *cand = NULL;
		if (place == 0 && n > 0) {
			/* a build tree: src/ttymix (or tests/x) beside projects/NAME */
			exe[n] = '\0';
			char *slash = strrchr(exe, '/');
			if (slash) {
				*slash = '\0';
				cand = xasprintf("%s/../projects/%s", exe, name);
			}
		} else if (place == 1) {
			cand = xasprintf("%s/%s", TTYMIX_DATADIR, name);
		}
		if (!cand)
			continue;
		char *mark = inside ? xasprintf("%s/%s", cand, inside) : NULL;
		struct stat st;
		bool ok = inside ? is_file(mark) : stat(cand, &st) == 0 && S_ISDIR(st.st_mode);
		free(mark);
		if (ok)
			found = place == 0 ? realpath(cand, NULL) : xstrdup(cand);
		free(cand);
	}
	return found;
}

char *paths_demo_source(void)
{
	return paths_shipped("demo", PROJECT_FILE);
}

/* A new folder inside parent as open as parent lets it be: what the umask allows,
 * plus group write when parent is shared with its group alone (a class's project
 * folder; /tmp is writable by all, not shared with a group), never more than parent
 * gives others, and parent's group. The kernel passes on a setgid bit; chmod because
 * mkdir's mode goes through the umask. */
static void match_parent(const char *dir, const char *parent)
{
	struct stat pst, st;
	if (stat(parent, &pst) != 0 || stat(dir, &st) != 0 || st.st_uid != geteuid())
		return;
	mode_t mask = umask(0);
	umask(mask);
	mode_t mode = 0777 & ~mask;
	if ((pst.st_mode & S_IWGRP) && !(pst.st_mode & S_IWOTH)) /* not /tmp's 1777 */
		mode |= 0070 & pst.st_mode;
	mode &= (pst.st_mode & 0077) | 0700;
	mode |= st.st_mode & S_ISGID;
	if (st.st_gid != pst.st_gid)
		(void)!chown(dir, (uid_t)-1, pst.st_gid); /* not a member: keeps ours */
	chmod(dir, mode);
}

enum err paths_mkdirs(const char *dir, struct err_msg *msg)
{
	char *d = xstrdup(dir);
	for (char *p = d + 1; ; p++) {
		if (*p == '/' || *p == '\0') {
			char c = *p;
			*p = '\0';
			if (mkdir(d, 0700) == 0) {
				char *parent = safefile_dirname(d);
				match_parent(d, parent);
				free(parent);
			} else if (errno != EEXIST) {
				enum err e = err_set(msg, ERR_IO, "%s: cannot create folder: %s", d,
					strerror(errno));
				free(d);
				return e;
			}
			*p = c;
			if (!c)
				break;
		}
	}
	free(d);
	return ERR_OK;
}

/* A per-user folder under an XDG base ($VAR/ttymix, else ~/FALLBACK/ttymix), made
 * private: it holds what one person typed and worked on. */
static char *user_dir(const char *var, const char *fallback, struct err_msg *msg)
{
	const char *xdg = getenv(var);
	const char *home = getenv("HOME");
	char *dir;
	if (xdg && xdg[0] == '/')
		dir = xasprintf("%s/ttymix", xdg);
	else if (home && *home)
		dir = xasprintf("%s/%s/ttymix", home, fallback);
	else {
		err_set(msg, ERR_NOT_FOUND, "neither %s nor HOME is set", var);
		return NULL;
	}
	if (paths_mkdirs(dir, msg) != ERR_OK) {
		free(dir);
		return NULL;
	}
	/* made by an older ttymix with the umask's 0755: close it now */
	struct stat st;
	if (stat(dir, &st) == 0 && st.st_uid == geteuid() && (st.st_mode & 077))
		chmod(dir, st.st_mode & 07700);
	return dir;
}

char *paths_user_data(struct err_msg *msg)
{
	return user_dir("XDG_DATA_HOME", ".local/share", msg);
}

char *paths_user_state(struct err_msg *msg)
{
	return user_dir("XDG_STATE_HOME", ".local/state", msg);
}

enum err paths_copy_file(const char *from, const char *to, struct err_msg *msg)
{
	int in = open(from, O_RDONLY | O_CLOEXEC);
	if (in < 0)
		return err_set(msg, errno == ENOENT ? ERR_NOT_FOUND : ERR_IO, "%s: %s", from,
			strerror(errno));
	struct stat have;
	if (lstat(to, &have) == 0) {
		close(in);
		return err_set(msg, ERR_IO, "%s: %s", to, strerror(EEXIST));
	}
	char *dir = safefile_dirname(to);
	struct safefile out;
	enum err e = safefile_open(&out, to, safefile_mode_for_dir(dir), msg);
	free(dir);
	if (e != ERR_OK) {
		close(in);
		return e;
	}
	char buf[65536];
	for (;;) {
		ssize_t r = read(in, buf, sizeof buf);
		if (r < 0 && errno == EINTR)
			continue;
		if (r < 0) {
			e = err_set(msg, ERR_IO, "%s: %s", from, strerror(errno));
			break;
		}
		if (r == 0 || (e = safefile_write(&out, buf, (size_t)r, msg)) != ERR_OK)
			break;
	}
	close(in);
	if (e != ERR_OK) {
		safefile_abort(&out);
		return e;
	}
	return safefile_commit(&out, msg);
}

/* Copy what is in from to to; with keep, files already in to stay as they are (a
 * top-up: only the missing ones are copied). */
static enum err copy_tree_keep(const char *from, const char *to, bool keep,
	struct err_msg *msg);

static enum err copy_tree(const char *from, const char *to, struct err_msg *msg)
{
	return copy_tree_keep(from, to, false, msg);
}

static enum err copy_tree_keep(const char *from, const char *to, bool keep,
	struct err_msg *msg)
{
	enum err e = paths_mkdirs(to, msg);
	if (e != ERR_OK)
		return e;
	DIR *d = opendir(from);
	if (!d)
		return err_set(msg, ERR_IO, "%s: %s", from, strerror(errno));
	struct dirent *de;
	while (e == ERR_OK && (de = readdir(d))) {
		if (de->d_name[0] == '.')
			continue; /* caches and stamps stay behind */
		char *src = xasprintf("%s/%s", from, de->d_name);
		char *dst = xasprintf("%s/%s", to, de->d_name);
		struct stat st, have;
		if (stat(src, &st) == 0 && S_ISDIR(st.st_mode))
			e = copy_tree_keep(src, dst, keep, msg);
		else if (S_ISREG(st.st_mode) && !(keep && stat(dst, &have) == 0))
			e = paths_copy_file(src, dst, msg);
		free(src);
		free(dst);
	}
	closedir(d);
	return e;
}

enum err paths_user_demo(char **out, struct err_msg *msg)
{
	*out = NULL;
	char *data = paths_user_data(msg);
	if (!data)
		return ERR_IO;
	char *dst = xasprintf("%s/demo", data);
	free(data);
	char *pj = xasprintf("%s/%s", dst, PROJECT_FILE);
	enum err e = ERR_OK;
	char *src = NULL;
	/* an existing copy is the user's: open it even if the shipped demo is gone, and
	 * only top up media a newer ttymix ships (the lessons' extra stems), never
	 * touching what is there */
	if (is_file(pj) && (src = paths_demo_source())) {
		char *src_audio = xasprintf("%s/audio", src);
		char *dst_audio = xasprintf("%s/audio", dst);
		struct err_msg why;
		copy_tree_keep(src_audio, dst_audio, true, &why); /* best effort: it opens anyway */
		free(src_audio);
		free(dst_audio);
		free(src);
		src = NULL;
	}
	if (!is_file(pj) && !(src = paths_demo_source())) {
		free(pj);
		free(dst);
		return err_set(msg, ERR_NOT_FOUND,
			"the demo song is not installed (looked in %s/demo)", TTYMIX_DATADIR);
	}
	if (!is_file(pj)) {
		/* copy next to the final place, then rename: never a half-copied demo */
		char *tmp = xasprintf("%s.tmp.XXXXXX", dst);
		if (!mkdtemp(tmp)) { /* a fresh private folder: nothing planted is reused */
			e = err_set(msg, ERR_IO, "%s: cannot create folder: %s", dst, strerror(errno));
			tmp[0] = '\0';
		}
		/* the project and its media only: a build tree keeps the generator there too */
		char *src_pj = xasprintf("%s/%s", src, PROJECT_FILE);
		char *dst_pj = xasprintf("%s/%s", tmp, PROJECT_FILE);
		char *src_audio = xasprintf("%s/audio", src);
		char *dst_audio = xasprintf("%s/audio", tmp);
		if (e == ERR_OK)
			e = paths_copy_file(src_pj, dst_pj, msg);
		if (e == ERR_OK)
			e = copy_tree(src_audio, dst_audio, msg);
		free(src_pj);
		free(dst_pj);
		free(src_audio);
		free(dst_audio);
		if (e == ERR_OK && rename(tmp, dst) != 0)
			e = err_set(msg, ERR_IO, "%s: %s", dst, strerror(errno));
		free(tmp);
	}
	free(pj);
	free(src);
	if (e != ERR_OK) {
		free(dst);
		return e;
	}
	*out = dst;
	return ERR_OK;
}

bool paths_dir_is_empty(const char *dir)
{
	DIR *d = opendir(dir);
	if (!d)
		return false;
	struct dirent *de;
	bool empty = true;
	while (empty && (de = readdir(d)))
		empty = !strcmp(de->d_name, ".") || !strcmp(de->d_name, "..");
	closedir(d);
	return empty;
}
