/* Atomic, symlink-safe file replacement (see safefile.h). */
#include "src/base/safefile.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "src/base/xalloc.h"

static enum err errno_code(int e)
{
	return e == ENOSPC || e == EDQUOT ? ERR_NO_SPACE : ERR_IO;
}

char *safefile_dirname(const char *path)
{
	const char *slash = strrchr(path, '/');
	if (!slash)
		return xstrdup(".");
	if (slash == path)
		return xstrdup("/");
	char *dir = strndup(path, (size_t)(slash - path));
	if (!dir)
		xalloc_die();
	return dir;
}

mode_t safefile_mode_for_dir(const char *dir)
{
	mode_t mask = umask(0);
	umask(mask);
	mode_t mode = 0666 & ~mask;
	struct stat st;
	if (stat(dir, &st) == 0 && (st.st_mode & S_IWGRP) && !(st.st_mode & S_IWOTH))
		mode |= S_IRGRP | S_IWGRP;
	return mode;
}

enum err safefile_open(struct safefile *f, const char *path, mode_t mode,
	struct err_msg *msg)
{
	f->fd = -1;
	f->tmp_path = NULL;
	f->path = NULL;
	char *dir = safefile_dirname(path);
	struct stat old_st;
	if (mode == SAFEFILE_KEEP_MODE)
		mode = lstat(path, &old_st) == 0 && S_ISREG(old_st.st_mode)
			? (old_st.st_mode & 07777) : safefile_mode_for_dir(dir);
	char *tmpl = xasprintf("%s.tmp.XXXXXX", path);
	int fd = mkostemp(tmpl, O_CLOEXEC);
	if (fd < 0) {
		int saved = errno;
		free(tmpl);
		free(dir);
		return err_set(msg, errno_code(saved), "%s: cannot write: %s", path,
			strerror(saved));
	}
	struct stat dir_st;
	if (stat(dir, &dir_st) == 0 && dir_st.st_gid != getegid())
		(void)!fchown(fd, (uid_t)-1, dir_st.st_gid); /* not a member: keeps ours */
	fchmod(fd, mode);
	free(dir);
	f->fd = fd;
	f->tmp_path = tmpl;
	f->path = xstrdup(path);
	return ERR_OK;
}

enum err safefile_write(struct safefile *f, const void *buf, size_t len,
	struct err_msg *msg)
{
	const char *p = buf;
	while (len > 0) {
		ssize_t w = write(f->fd, p, len);
		if (w < 0 && errno == EINTR)
			continue;
		if (w < 0)
			return err_set(msg, errno_code(errno), "%s: cannot write: %s", f->path,
				strerror(errno));
		p += w;
		len -= (size_t)w;
	}
	return ERR_OK;
}

static void release(struct safefile *f)
{
	free(f->tmp_path);
	free(f->path);
	f->tmp_path = NULL;
	f->path = NULL;
	f->fd = -1;
}

void safefile_abort(struct safefile *f)
{
	if (!f->tmp_path)
		return;
	if (f->fd >= 0)
		close(f->fd);
	unlink(f->tmp_path);
	release(f);
}

enum err safefile_commit(struct safefile *f, struct err_msg *msg)
{
	int saved = 0;
	if (fsync(f->fd) != 0)
		saved = errno;
	if (close(f->fd) != 0 && !saved)
		saved = errno;
	f->fd = -1;
	if (!saved && rename(f->tmp_path, f->path) != 0)
		saved = errno;
	if (saved) {
		enum err e = err_set(msg, errno_code(saved), "%s: cannot write: %s", f->path,
			strerror(saved));
		unlink(f->tmp_path);
		release(f);
		return e;
	}
	char *dir = safefile_dirname(f->path);
	int dfd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	if (dfd >= 0) {
		fsync(dfd); /* the rename itself reaches the disk */
		close(dfd);
	}
	free(dir);
	release(f);
	return ERR_OK;
}

enum err safefile_replace(const char *path, const void *buf, size_t len, mode_t mode,
	struct err_msg *msg)
{
	struct safefile f;
	enum err e = safefile_open(&f, path, mode, msg);
	if (e != ERR_OK)
		return e;
	e = safefile_write(&f, buf, len, msg);
	if (e != ERR_OK) {
		safefile_abort(&f);
		return e;
	}
	return safefile_commit(&f, msg);
}
