/* rtcheck.so: an LD_PRELOAD library that turns the audio-thread contract into a crash.
 *
 * audio/rtguard.c finds ttymix_rtcheck_mark() with dlsym and calls it with 1 and 0
 * around every engine_process_rt(). While the mark is set on a thread, any call from
 * that thread to an allocator, a mutex, file I/O, printing or sleeping writes one line
 * naming the function and aborts. Outside the mark (and on every other thread) calls go
 * straight to the C library. At exit it prints how many marked regions it saw, so a
 * test can tell a check that passed from a check that never ran:
 *
 *     rtcheck: N audio callbacks checked, 0 violations
 *
 * Not for sanitizer builds: ASan and TSan bring their own malloc.
 *
 * The allocator forwards to glibc's __libc_* entry points, which need no dlsym (dlsym
 * itself allocates). Everything else is found with dlsym(RTLD_NEXT) in the constructor,
 * or on first use if another library's constructor calls it before ours ran. */
#include <dlfcn.h>
#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <semaphore.h>
#include <stdarg.h>
#include <stdatomic.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/syscall.h>
#include <time.h>
#include <unistd.h>

/* glibc's own allocator, exported for exactly this use */
extern void *__libc_malloc(size_t size);
extern void *__libc_calloc(size_t n, size_t size);
extern void *__libc_realloc(void *p, size_t size);
extern void __libc_free(void *p);
extern void *__libc_memalign(size_t align, size_t size);
extern void *__libc_valloc(size_t size);
extern void *__libc_pvalloc(size_t size);

/* Every symbol this library exports; -Wmissing-prototypes wants them declared. */
void ttymix_rtcheck_mark(int inside);
void *memalign(size_t align, size_t size);
void *valloc(size_t size);
void *pvalloc(size_t size);
int __open_2(const char *path, int flags);
int __open64_2(const char *path, int flags);
ssize_t __read_chk(int fd, void *buf, size_t n, size_t buflen);
int __printf_chk(int flag, const char *fmt, ...);
int __fprintf_chk(FILE *f, int flag, const char *fmt, ...);
int __vfprintf_chk(FILE *f, int flag, const char *fmt, va_list ap);

/* initial-exec: the slot lives in the static TLS block, so reading it never calls
 * __tls_get_addr (which may allocate) from inside malloc. A preloaded library always
 * gets a static TLS slot. */
static __thread int inside_rt __attribute__((tls_model("initial-exec")));
static _Atomic unsigned long callbacks;

static void say(const char *s)
{
	/* the raw system call: our own write() would recurse, stdio may allocate */
	size_t n = strlen(s);
	while (n > 0) {
		long w = syscall(SYS_write, 2, s, n);
		if (w <= 0)
			return;
		s += w;
		n -= (size_t)w;
	}
}

static void violation(const char *fn)
{
	inside_rt = 0; /* abort() and whatever it touches must not come back here */
	say("rtcheck: violation: ");
	say(fn);
	say("() called inside engine_process_rt (audio thread)\n");
	abort();
}

#define CHECK(fn) do { if (__builtin_expect(inside_rt, 0)) violation(fn); } while (0)

/* 1: an audio callback starts (policed), 0: it ends. 2 and 3 bracket a call into a
 * plug-in's code inside a callback (audio/rtguard.h): what an LV2 plug-in does in its
 * run() is not ttymix's to police, so the check pauses and counts such calls apart,
 * and ttymix's own code around them stays checked. */
static _Atomic unsigned long foreign;

void ttymix_rtcheck_mark(int inside)
{
	if (inside == 2) {
		atomic_fetch_add_explicit(&foreign, 1, memory_order_relaxed);
		inside_rt = 0;
		return;
	}
	if (inside == 3) {
		inside_rt = 1;
		return;
	}
	if (inside)
		atomic_fetch_add_explicit(&callbacks, 1, memory_order_relaxed);
	inside_rt = inside;
}

/* ---- the allocator ---- */

void *malloc(size_t size)
{
	CHECK("malloc");
	return __libc_malloc(size);
}

void *calloc(size_t n, size_t size)
{
	CHECK("calloc");
	return __libc_calloc(n, size);
}

void *realloc(void *p, size_t size)
{
	CHECK("realloc");
	return __libc_realloc(p, size);
}

void *reallocarray(void *p, size_t n, size_t size)
{
	CHECK("reallocarray");
	if (size && n > SIZE_MAX / size) {
		errno = ENOMEM;
		return NULL;
	}
	return __libc_realloc(p, n * size);
}

void free(void *p)
{
	/* free(NULL) does nothing anywhere, so it cannot hurt the audio thread */
	if (p)
		CHECK("free");
	__libc_free(p);
}

int posix_memalign(void **out, size_t align, size_t size)
{
	CHECK("posix_memalign");
	if (align < sizeof(void *) || (align & (align - 1)))
		return EINVAL;
	void *p = __libc_memalign(align, size);
	if (!p)
		return ENOMEM;
	*out = p;
	return 0;
}

void *aligned_alloc(size_t align, size_t size)
{
	CHECK("aligned_alloc");
	return __libc_memalign(align, size);
}

void *memalign(size_t align, size_t size)
{
	CHECK("memalign");
	return __libc_memalign(align, size);
}

void *valloc(size_t size)
{
	CHECK("valloc");
	return __libc_valloc(size);
}

void *pvalloc(size_t size)
{
	CHECK("pvalloc");
	return __libc_pvalloc(size);
}

/* ---- everything else: the next definition in the search order ---- */

static int (*next_mutex_lock)(pthread_mutex_t *);
static int (*next_rwlock_rdlock)(pthread_rwlock_t *);
static int (*next_rwlock_wrlock)(pthread_rwlock_t *);
static int (*next_sem_wait)(sem_t *);
static ssize_t (*next_read)(int, void *, size_t);
static ssize_t (*next_read_chk)(int, void *, size_t, size_t);
static ssize_t (*next_write)(int, const void *, size_t);
static int (*next_open)(const char *, int, ...);
static int (*next_open64)(const char *, int, ...);
static int (*next_openat)(int, const char *, int, ...);
static int (*next_open_2)(const char *, int);
static int (*next_open64_2)(const char *, int);
static FILE *(*next_fopen)(const char *, const char *);
static int (*next_vfprintf)(FILE *, const char *, va_list);
static int (*next_vfprintf_chk)(FILE *, int, const char *, va_list);
static int (*next_puts)(const char *);
static int (*next_fputs)(const char *, FILE *);
static size_t (*next_fwrite)(const void *, size_t, size_t, FILE *);
static int (*next_nanosleep)(const struct timespec *, struct timespec *);
static int (*next_clock_nanosleep)(clockid_t, int, const struct timespec *,
	struct timespec *);
static int (*next_usleep)(useconds_t);
static unsigned (*next_sleep)(unsigned);

static void *next_symbol(const char *name)
{
	void *p = dlsym(RTLD_NEXT, name);
	if (!p) {
		say("rtcheck: cannot find the C library's ");
		say(name);
		say("\n");
		abort();
	}
	return p;
}

/* POSIX lets dlsym's object pointer become a function pointer this way */
#define RESOLVE(var, name) \
	do { if (!(var)) *(void **)&(var) = next_symbol(name); } while (0)

__attribute__((constructor)) static void rtcheck_init(void)
{
	RESOLVE(next_mutex_lock, "pthread_mutex_lock");
	RESOLVE(next_rwlock_rdlock, "pthread_rwlock_rdlock");
	RESOLVE(next_rwlock_wrlock, "pthread_rwlock_wrlock");
	RESOLVE(next_sem_wait, "sem_wait");
	RESOLVE(next_read, "read");
	RESOLVE(next_read_chk, "__read_chk");
	RESOLVE(next_write, "write");
	RESOLVE(next_open, "open");
	RESOLVE(next_open64, "open64");
	RESOLVE(next_openat, "openat");
	RESOLVE(next_open_2, "__open_2");
	RESOLVE(next_open64_2, "__open64_2");
	RESOLVE(next_fopen, "fopen");
	RESOLVE(next_vfprintf, "vfprintf");
	RESOLVE(next_vfprintf_chk, "__vfprintf_chk");
	RESOLVE(next_puts, "puts");
	RESOLVE(next_fputs, "fputs");
	RESOLVE(next_fwrite, "fwrite");
	RESOLVE(next_nanosleep, "nanosleep");
	RESOLVE(next_clock_nanosleep, "clock_nanosleep");
	RESOLVE(next_usleep, "usleep");
	RESOLVE(next_sleep, "sleep");
}

__attribute__((destructor)) static void rtcheck_report(void)
{
	/* violations abort, so a process that gets here had none */
	char line[96];
	snprintf(line, sizeof line, "rtcheck: %lu audio callbacks checked, 0 violations\n",
		atomic_load(&callbacks));
	say(line);
	if (atomic_load(&foreign)) {
		snprintf(line, sizeof line, "rtcheck: %lu plug-in runs not policed (their own code)\n",
			atomic_load(&foreign));
		say(line);
	}
}

int pthread_mutex_lock(pthread_mutex_t *m)
{
	CHECK("pthread_mutex_lock");
	RESOLVE(next_mutex_lock, "pthread_mutex_lock");
	return next_mutex_lock(m);
}

int pthread_rwlock_rdlock(pthread_rwlock_t *l)
{
	CHECK("pthread_rwlock_rdlock");
	RESOLVE(next_rwlock_rdlock, "pthread_rwlock_rdlock");
	return next_rwlock_rdlock(l);
}

int pthread_rwlock_wrlock(pthread_rwlock_t *l)
{
	CHECK("pthread_rwlock_wrlock");
	RESOLVE(next_rwlock_wrlock, "pthread_rwlock_wrlock");
	return next_rwlock_wrlock(l);
}

int sem_wait(sem_t *s)
{
	CHECK("sem_wait");
	RESOLVE(next_sem_wait, "sem_wait");
	return next_sem_wait(s);
}

ssize_t read(int fd, void *buf, size_t n)
{
	CHECK("read");
	RESOLVE(next_read, "read");
	return next_read(fd, buf, n);
}

ssize_t __read_chk(int fd, void *buf, size_t n, size_t buflen)
{
	CHECK("read");
	RESOLVE(next_read_chk, "__read_chk");
	return next_read_chk(fd, buf, n, buflen);
}

ssize_t write(int fd, const void *buf, size_t n)
{
	CHECK("write");
	RESOLVE(next_write, "write");
	return next_write(fd, buf, n);
}

/* open's mode argument exists only when the flags create a file */
static mode_t open_mode(int flags, va_list ap)
{
	if (flags & O_CREAT)
		return (mode_t)va_arg(ap, int);
#ifdef O_TMPFILE
	if ((flags & O_TMPFILE) == O_TMPFILE)
		return (mode_t)va_arg(ap, int);
#endif
	return 0;
}

int open(const char *path, int flags, ...)
{
	CHECK("open");
	va_list ap;
	va_start(ap, flags);
	mode_t mode = open_mode(flags, ap);
	va_end(ap);
	RESOLVE(next_open, "open");
	return next_open(path, flags, mode);
}

int open64(const char *path, int flags, ...)
{
	CHECK("open64");
	va_list ap;
	va_start(ap, flags);
	mode_t mode = open_mode(flags, ap);
	va_end(ap);
	RESOLVE(next_open64, "open64");
	return next_open64(path, flags, mode);
}

int openat(int dirfd, const char *path, int flags, ...)
{
	CHECK("openat");
	va_list ap;
	va_start(ap, flags);
	mode_t mode = open_mode(flags, ap);
	va_end(ap);
	RESOLVE(next_openat, "openat");
	return next_openat(dirfd, path, flags, mode);
}

int __open_2(const char *path, int flags)
{
	CHECK("open");
	RESOLVE(next_open_2, "__open_2");
	return next_open_2(path, flags);
}

int __open64_2(const char *path, int flags)
{
	CHECK("open64");
	RESOLVE(next_open64_2, "__open64_2");
	return next_open64_2(path, flags);
}

FILE *fopen(const char *path, const char *mode)
{
	CHECK("fopen");
	RESOLVE(next_fopen, "fopen");
	return next_fopen(path, mode);
}

/* Logging: glibc's stdio reaches write() through internal calls we cannot see, so the
 * usual entry points are checked here. */
int vfprintf(FILE *f, const char *fmt, va_list ap)
{
	CHECK("vfprintf");
	RESOLVE(next_vfprintf, "vfprintf");
	return next_vfprintf(f, fmt, ap);
}

int fprintf(FILE *f, const char *fmt, ...)
{
	CHECK("fprintf");
	RESOLVE(next_vfprintf, "vfprintf");
	va_list ap;
	va_start(ap, fmt);
	int rc = next_vfprintf(f, fmt, ap);
	va_end(ap);
	return rc;
}

int vprintf(const char *fmt, va_list ap)
{
	CHECK("vprintf");
	RESOLVE(next_vfprintf, "vfprintf");
	return next_vfprintf(stdout, fmt, ap);
}

int printf(const char *fmt, ...)
{
	CHECK("printf");
	RESOLVE(next_vfprintf, "vfprintf");
	va_list ap;
	va_start(ap, fmt);
	int rc = next_vfprintf(stdout, fmt, ap);
	va_end(ap);
	return rc;
}

int __vfprintf_chk(FILE *f, int flag, const char *fmt, va_list ap)
{
	CHECK("vfprintf");
	RESOLVE(next_vfprintf_chk, "__vfprintf_chk");
	return next_vfprintf_chk(f, flag, fmt, ap);
}

int __fprintf_chk(FILE *f, int flag, const char *fmt, ...)
{
	CHECK("fprintf");
	RESOLVE(next_vfprintf_chk, "__vfprintf_chk");
	va_list ap;
	va_start(ap, fmt);
	int rc = next_vfprintf_chk(f, flag, fmt, ap);
	va_end(ap);
	return rc;
}

int __printf_chk(int flag, const char *fmt, ...)
{
	CHECK("printf");
	RESOLVE(next_vfprintf_chk, "__vfprintf_chk");
	va_list ap;
	va_start(ap, fmt);
	int rc = next_vfprintf_chk(stdout, flag, fmt, ap);
	va_end(ap);
	return rc;
}

int puts(const char *s)
{
	CHECK("puts");
	RESOLVE(next_puts, "puts");
	return next_puts(s);
}

int fputs(const char *s, FILE *f)
{
	CHECK("fputs");
	RESOLVE(next_fputs, "fputs");
	return next_fputs(s, f);
}

size_t fwrite(const void *p, size_t size, size_t n, FILE *f)
{
	CHECK("fwrite");
	RESOLVE(next_fwrite, "fwrite");
	return next_fwrite(p, size, n, f);
}

/* ---- sleeping ---- */

int nanosleep(const struct timespec *req, struct timespec *rem)
{
	CHECK("nanosleep");
	RESOLVE(next_nanosleep, "nanosleep");
	return next_nanosleep(req, rem);
}

int clock_nanosleep(clockid_t clock, int flags, const struct timespec *req,
	struct timespec *rem)
{
	CHECK("clock_nanosleep");
	RESOLVE(next_clock_nanosleep, "clock_nanosleep");
	return next_clock_nanosleep(clock, flags, req, rem);
}

int usleep(useconds_t usec)
{
	CHECK("usleep");
	RESOLVE(next_usleep, "usleep");
	return next_usleep(usec);
}

unsigned sleep(unsigned sec)
{
	CHECK("sleep");
	RESOLVE(next_sleep, "sleep");
	return next_sleep(sec);
}
