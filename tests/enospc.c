/* enospc.so: an LD_PRELOAD library that plays a full disk for tests/disk_full.sh when
 * no small file system can be mounted. Files opened for writing whose path contains
 * $ENOSPC_MATCH accept $ENOSPC_AFTER bytes in all (default 65536), then every write()
 * to them fails with ENOSPC, as a full disk would (a write that straddles the limit is
 * short, as on a real disk). Other files are untouched. With $ENOSPC_WHILE set to a
 * path, only files opened while that path exists are watched: a test removes it to
 * give the space back to a program that keeps running (tests/ui_save_fail.sh).
 *
 * Only what libsndfile and stdio use to write is wrapped: open/open64/openat/creat
 * (and mkostemp/mkstemp, for temporary files) to learn which descriptors are the
 * file's, write/pwrite/pwrite64 to fail them, close to forget them. Test code, single-purpose: a fixed table of descriptors, no locking
 * beyond atomics (ttymix renders on one thread). */
#ifndef _GNU_SOURCE
#define _GNU_SOURCE
#endif
#include <dlfcn.h>
#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdatomic.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include <sys/types.h>
#include <unistd.h>

#define MAX_FD 4096

static atomic_bool watched[MAX_FD];
static atomic_llong written;

static bool path_matches(const char *path, int flags)
{
	const char *match = getenv("ENOSPC_MATCH");
	const char *while_exists = getenv("ENOSPC_WHILE");
	if (while_exists && *while_exists && access(while_exists, F_OK) != 0)
		return false;
	return path && match && *match && (flags & (O_WRONLY | O_RDWR)) && strstr(path, match);
}

static long long limit_bytes(void)
{
	const char *s = getenv("ENOSPC_AFTER");
	return s && *s ? atoll(s) : 65536;
}

static int remember(int fd, const char *path, int flags)
{
	if (fd >= 0 && fd < MAX_FD)
		atomic_store(&watched[fd], path_matches(path, flags));
	return fd;
}

static mode_t mode_arg(int flags, va_list ap)
{
	return (flags & O_CREAT) || (flags & O_TMPFILE) == O_TMPFILE ? (mode_t)va_arg(ap, int) : 0;
}

#define NEXT(name, type) ((type)dlsym(RTLD_NEXT, name))

typedef int (*open_fn)(const char *, int, ...);
typedef int (*openat_fn)(int, const char *, int, ...);
typedef int (*creat_fn)(const char *, mode_t);
typedef ssize_t (*write_fn)(int, const void *, size_t);
typedef ssize_t (*pwrite_fn)(int, const void *, size_t, off_t);
typedef int (*close_fn)(int);

int open(const char *path, int flags, ...);
int open64(const char *path, int flags, ...);
int openat(int dirfd, const char *path, int flags, ...);
int openat64(int dirfd, const char *path, int flags, ...);
int creat(const char *path, mode_t mode);
int creat64(const char *path, mode_t mode);
ssize_t write(int fd, const void *buf, size_t n);
ssize_t pwrite(int fd, const void *buf, size_t n, off_t off);
ssize_t pwrite64(int fd, const void *buf, size_t n, off_t off);
int close(int fd);

int open(const char *path, int flags, ...)
{
	va_list ap;
	va_start(ap, flags);
	mode_t mode = mode_arg(flags, ap);
	va_end(ap);
	return remember(NEXT("open", open_fn)(path, flags, mode), path, flags);
}

int open64(const char *path, int flags, ...)
{
	va_list ap;
	va_start(ap, flags);
	mode_t mode = mode_arg(flags, ap);
	va_end(ap);
	return remember(NEXT("open64", open_fn)(path, flags, mode), path, flags);
}

int openat(int dirfd, const char *path, int flags, ...)
{
	va_list ap;
	va_start(ap, flags);
	mode_t mode = mode_arg(flags, ap);
	va_end(ap);
	return remember(NEXT("openat", openat_fn)(dirfd, path, flags, mode), path, flags);
}

int openat64(int dirfd, const char *path, int flags, ...)
{
	va_list ap;
	va_start(ap, flags);
	mode_t mode = mode_arg(flags, ap);
	va_end(ap);
	return remember(NEXT("openat64", openat_fn)(dirfd, path, flags, mode), path, flags);
}

/* glibc makes temporary files (src/base/safefile.c) with an open of its own that no
 * preload sees: watch what mkostemp and mkstemp return by the name they filled in. */
typedef int (*mkostemp_fn)(char *, int);
typedef int (*mkstemp_fn)(char *);
int mkostemp(char *tmpl, int flags);
int mkostemp64(char *tmpl, int flags);
int mkstemp(char *tmpl);
int mkstemp64(char *tmpl);

int mkostemp(char *tmpl, int flags)
{
	return remember(NEXT("mkostemp", mkostemp_fn)(tmpl, flags), tmpl, O_RDWR);
}

int mkostemp64(char *tmpl, int flags)
{
	return remember(NEXT("mkostemp64", mkostemp_fn)(tmpl, flags), tmpl, O_RDWR);
}

int mkstemp(char *tmpl)
{
	return remember(NEXT("mkstemp", mkstemp_fn)(tmpl), tmpl, O_RDWR);
}

int mkstemp64(char *tmpl)
{
	return remember(NEXT("mkstemp64", mkstemp_fn)(tmpl), tmpl, O_RDWR);
}

int creat(const char *path, mode_t mode)
{
	return remember(NEXT("creat", creat_fn)(path, mode), path, O_WRONLY);
}

int creat64(const char *path, mode_t mode)
{
	return remember(NEXT("creat64", creat_fn)(path, mode), path, O_WRONLY);
}

/* How much of an n-byte write to fd may go through: n, fewer, or -1 (disk full). */
static ssize_t allowance(int fd, size_t n)
{
	if (fd < 0 || fd >= MAX_FD || !atomic_load(&watched[fd]) || n == 0)
		return (ssize_t)n;
	long long before = atomic_fetch_add(&written, (long long)n);
	long long room = limit_bytes() - before;
	if (room <= 0) {
		atomic_fetch_sub(&written, (long long)n);
		errno = ENOSPC;
		return -1;
	}
	if ((long long)n > room) {
		atomic_fetch_sub(&written, (long long)n - room);
		return (ssize_t)room;
	}
	return (ssize_t)n;
}

ssize_t write(int fd, const void *buf, size_t n)
{
	ssize_t ok = allowance(fd, n);
	return ok < 0 ? -1 : NEXT("write", write_fn)(fd, buf, (size_t)ok);
}

ssize_t pwrite(int fd, const void *buf, size_t n, off_t off)
{
	ssize_t ok = allowance(fd, n);
	return ok < 0 ? -1 : NEXT("pwrite", pwrite_fn)(fd, buf, (size_t)ok, off);
}

ssize_t pwrite64(int fd, const void *buf, size_t n, off_t off)
{
	ssize_t ok = allowance(fd, n);
	return ok < 0 ? -1 : NEXT("pwrite64", pwrite_fn)(fd, buf, (size_t)ok, off);
}

int close(int fd)
{
	if (fd >= 0 && fd < MAX_FD)
		atomic_store(&watched[fd], false);
	return NEXT("close", close_fn)(fd);
}
