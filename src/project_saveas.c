/* Save As into another folder (see project_saveas.h). */
#include "src/project_saveas.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "src/paths.h"
#include "src/base/safefile.h"
#include "src/base/xalloc.h"

/* A relative path that stays inside its folder: no ".." step. */
static bool stays_inside(const char *rel)
{
	if (!*rel || rel[0] == '/')
		return false;
	for (const char *s = rel; *s;) {
		size_t n = strcspn(s, "/");
		if (n == 2 && s[0] == '.' && s[1] == '.')
			return false;
		s += n;
		s += strspn(s, "/");
	}
	return true;
}

/* Whether the regular files a and b hold the same bytes. */
static bool same_content(const char *a, const char *b)
{
	int fa = open(a, O_RDONLY | O_CLOEXEC), fb = open(b, O_RDONLY | O_CLOEXEC);
	bool same = fa >= 0 && fb >= 0;
	enum { CHUNK = 65536 };
	char *ba = xmalloc(CHUNK), *bb = xmalloc(CHUNK);
	while (same) {
		ssize_t ra = read(fa, ba, CHUNK);
		ssize_t rb = ra > 0 ? read(fb, bb, (size_t)ra) : read(fb, bb, 1);
		if (ra < 0 || rb != ra || (ra > 0 && memcmp(ba, bb, (size_t)ra)))
			same = false;
		else if (ra == 0)
			break;
	}
	if (fa >= 0)
		close(fa);
	if (fb >= 0)
		close(fb);
	free(ba);
	free(bb);
	return same;
}

/* The files a Save As has made so far: removed again when it fails, so that a refused
 * save leaves the destination as it found it (but for empty folders). */
struct made {
	char **paths;
	int n, cap;
	enum project_media_mode mode; /* how media files are brought */
	int n_media;                  /* media files brought (not already there) */
};

static void made_add(struct made *m, const char *path)
{
	if (m->n == m->cap) {
		m->cap = m->cap ? m->cap * 2 : 16;
		m->paths = xrealloc(m->paths, (size_t)m->cap * sizeof *m->paths);
	}
	m->paths[m->n++] = xstrdup(path);
}

static void made_free(struct made *m, bool remove)
{
	for (int i = 0; i < m->n; i++) {
		if (remove)
			unlink(m->paths[i]);
		free(m->paths[i]);
	}
	free(m->paths);
}

/* A symbolic link at to naming target, made under a fresh name and renamed into place
 * (nothing planted at to is followed). */
static enum err symlink_into_place(const char *target, const char *to, struct err_msg *msg)
{
	char *tmp = xasprintf("%s.tmp.XXXXXX", to);
	int fd = mkostemp(tmp, O_CLOEXEC); /* a fresh name for symlink to make */
	enum err e = ERR_OK;
	if (fd < 0) {
		e = err_set(msg, ERR_IO, "%s: %s", to, strerror(errno));
	} else {
		close(fd);
		unlink(tmp);
		if (symlink(target, tmp) != 0)
			e = err_set(msg, ERR_IO, "%s: cannot link (%s); :w DIR copy copies the audio",
				to, strerror(errno));
		else if (rename(tmp, to) != 0)
			e = err_set(msg, ERR_IO, "%s: %s", to, strerror(errno));
		if (e != ERR_OK)
			unlink(tmp);
	}
	free(tmp);
	return e;
}

/* from (a regular file) as to: the same file when already so; linked: a symbolic link
 * to from's real path; copied: a hard link made under a fresh name and renamed into
 * place, else a copy. A different file already at to (the media of the project being
 * replaced) is never overwritten: the same bytes count as done, anything else
 * refuses the save. */
static enum err transfer(const char *from, const char *to, struct made *made,
	struct err_msg *msg)
{
	struct stat src, dst;
	if (stat(from, &src) != 0 || !S_ISREG(src.st_mode))
		return err_set(msg, ERR_IO, "%s: not a readable file", from);
	char *dir = safefile_dirname(to);
	enum err e = paths_mkdirs(dir, msg);
	free(dir);
	if (e != ERR_OK)
		return e;
	if (lstat(to, &dst) == 0) {
		if (S_ISLNK(dst.st_mode) && made->mode == PROJECT_MEDIA_LINK
			&& stat(to, &dst) == 0 && dst.st_dev == src.st_dev && dst.st_ino == src.st_ino)
			return ERR_OK; /* linked there already */
		if (dst.st_dev == src.st_dev && dst.st_ino == src.st_ino)
			return ERR_OK;
		if (S_ISREG(dst.st_mode) && same_content(from, to))
			return ERR_OK;
		return err_set(msg, ERR_USAGE, "%s: already there and not this project's file; "
			"a save never replaces media (choose a new or empty folder)", to);
	}
	made_add(made, to);
	made->n_media++;
	if (made->mode == PROJECT_MEDIA_LINK) {
		/* the real path: a link to a link would break with the first one */
		char *real = realpath(from, NULL);
		if (!real)
			return err_set(msg, ERR_IO, "%s: %s", from, strerror(errno));
		e = symlink_into_place(real, to, msg);
		free(real);
		return e;
	}
	char *tmp = xasprintf("%s.tmp.XXXXXX", to);
	int fd = mkostemp(tmp, O_CLOEXEC); /* a fresh name for link to make */
	bool linked = false;
	if (fd >= 0) {
		close(fd);
		unlink(tmp);
		linked = linkat(AT_FDCWD, from, AT_FDCWD, tmp, AT_SYMLINK_FOLLOW) == 0;
		if (linked && rename(tmp, to) != 0) {
			e = err_set(msg, ERR_IO, "%s: %s", to, strerror(errno));
			unlink(tmp);
		}
	}
	free(tmp);
	if (linked)
		return e;
	/* another file system, or no hard links there (a copy through safefile.h) */
	return paths_copy_file(from, to, msg);
}

/* Every regular file under from (dot names left out: caches) into to. */
static enum err transfer_tree(const char *from, const char *to, struct made *made,
	struct err_msg *msg)
{
	DIR *d = opendir(from);
	if (!d)
		return errno == ENOENT ? ERR_OK : err_set(msg, ERR_IO, "%s: %s", from,
			strerror(errno));
	enum err e = ERR_OK;
	struct dirent *de;
	while (e == ERR_OK && (de = readdir(d))) {
		if (de->d_name[0] == '.')
			continue;
		char *src = xasprintf("%s/%s", from, de->d_name);
		char *dst = xasprintf("%s/%s", to, de->d_name);
		struct stat st;
		if (lstat(src, &st) == 0 && S_ISDIR(st.st_mode)) /* a linked folder: no loop */
			e = transfer_tree(src, dst, made, msg);
		else if (stat(src, &st) == 0 && S_ISREG(st.st_mode))
			e = transfer(src, dst, made, msg);
		free(src);
		free(dst);
	}
	closedir(d);
	return e;
}

/* A path of the project changed for the copy, and what it was. */
struct moved {
	char **slot;
	char *old;
};

/* One file the project names (a clip's file, an album song's source): brought along
 * when it lies inside the folder, else named absolutely. */
static enum err bring(const char *old_dir, const char *new_dir, char **slot,
	struct moved *moved, int *n_moved, struct made *made, struct err_msg *msg)
{
	const char *rel = *slot;
	if (rel[0] == '/')
		return ERR_OK;
	char *src = xasprintf("%s/%s", old_dir, rel);
	struct stat st;
	enum err e = ERR_OK;
	if (stays_inside(rel) && stat(src, &st) == 0 && S_ISREG(st.st_mode)) {
		char *dst = xasprintf("%s/%s", new_dir, rel);
		e = transfer(src, dst, made, msg);
		free(dst);
	} else if (stays_inside(rel) && stat(src, &st) != 0) {
		/* missing here too: the copy misses it as the project does */
	} else {
		char *abs = realpath(src, NULL);
		moved[*n_moved].slot = slot;
		moved[*n_moved].old = *slot;
		(*n_moved)++;
		*slot = abs ? abs : xstrdup(src);
	}
	free(src);
	return e;
}

enum err project_save_copy(struct project *p, const char *dest,
	enum project_media_mode mode, struct project_lock *lock, int *n_media,
	struct err_msg *msg)
{
	if (msg)
		msg->text[0] = '\0';
	if (n_media)
		*n_media = 0;
	struct stat st;
	const bool existed = stat(dest, &st) == 0;
	if (existed) {
		if (!S_ISDIR(st.st_mode))
			return err_set(msg, ERR_USAGE, "%s: exists and is not a folder", dest);
		char *real = realpath(dest, NULL);
		bool same = real && !strcmp(real, p->dir);
		free(real);
		if (same)
			return err_set(msg, ERR_USAGE, "%s is this project's own folder: :w alone "
				"saves it", dest);
		char *pj = xasprintf("%s/%s", dest, PROJECT_FILE);
		bool project = stat(pj, &st) == 0 && S_ISREG(st.st_mode);
		free(pj);
		if (!project && !paths_dir_is_empty(dest))
			return err_set(msg, ERR_USAGE, "%s: folder is not empty and not a ttymix "
				"project; choose a new or empty folder", dest);
	}
	enum err e = paths_mkdirs(dest, msg);
	if (e != ERR_OK)
		return e;
	char *dir = realpath(dest, NULL);
	if (!dir)
		return err_set(msg, ERR_IO, "%s: %s", dest, strerror(errno));
	size_t n = strlen(p->dir);
	if (!strncmp(dir, p->dir, n) && dir[n] == '/') {
		/* the copy would copy itself (audio/ into audio/x/audio/...) */
		if (!existed)
			rmdir(dir); /* made just now: empty */
		free(dir);
		return err_set(msg, ERR_USAGE, "%s is inside the project folder; choose a folder "
			"outside it", dest);
	}
	struct err_msg note;
	note.text[0] = '\0';
	if (project_lock_take(lock, dir, &note) == PROJECT_LOCK_BUSY) {
		e = err_set(msg, ERR_USAGE, "%s: that project is open in %s; choose another "
			"folder", dest, lock->holder);
		free(dir);
		return e;
	}
	/* the media first: project.json appears only once everything it names is there */
	char *from = xasprintf("%s/audio", p->dir);
	char *to = xasprintf("%s/audio", dir);
	struct made made = { .mode = mode };
	e = transfer_tree(from, to, &made, msg);
	free(from);
	free(to);
	/* the LV2 plug-ins' states as last saved (audio/lv2/lv2.h): the copy's graphs
	 * attach to them when they are next built */
	from = xasprintf("%s/plugins", p->dir);
	to = xasprintf("%s/plugins", dir);
	const int n_audio = made.n_media;   /* states are not media: not counted */
	if (e == ERR_OK)
		e = transfer_tree(from, to, &made, msg);
	made.n_media = n_audio;
	free(from);
	free(to);
	int n_slots = 0;
	for (int t = 0; t < p->n_tracks; t++)
		n_slots += p->tracks[t].n_clips;
	n_slots += p->album ? p->album->n_songs : 0;
	struct moved *moved = xcalloc((size_t)n_slots + 1, sizeof *moved);
	int n_moved = 0;
	for (int t = 0; t < p->n_tracks && e == ERR_OK; t++)
		for (int k = 0; k < p->tracks[t].n_clips && e == ERR_OK; k++)
			e = bring(p->dir, dir, &p->tracks[t].clips[k].file, moved, &n_moved, &made,
				msg);
	for (int i = 0; p->album && i < p->album->n_songs && e == ERR_OK; i++)
		if (strcmp(p->album->songs[i].source, PROJECT_ALBUM_SELF))
			e = bring(p->dir, dir, &p->album->songs[i].source, moved, &n_moved, &made, msg);
	char *old_dir = p->dir, *old_path = p->path;
	if (e == ERR_OK) {
		p->dir = dir;
		p->path = xasprintf("%s/%s", dir, PROJECT_FILE);
		e = project_save(p, msg);
		if (e == ERR_OK)
			project_save_states_from(p, old_dir, msg);
	}
	if (e != ERR_OK) {
		if (p->dir != old_dir) {
			free(p->path);
			p->dir = old_dir;
			p->path = old_path;
		}
		for (int i = 0; i < n_moved; i++) {
			free(*moved[i].slot);
			*moved[i].slot = moved[i].old;
		}
		made_free(&made, true);
		project_lock_release(lock);
		free(dir);
		free(moved);
		return e;
	}
	if (n_media)
		*n_media = made.n_media;
	made_free(&made, false);
	for (int i = 0; i < n_moved; i++)
		free(moved[i].old);
	free(moved);
	free(old_dir);
	free(old_path);
	if (note.text[0] && !(msg && msg->text[0]))
		err_set(msg, ERR_OK, "%s", note.text);
	return ERR_OK;
}
