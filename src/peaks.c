#include "src/peaks.h"

#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "audio/media.h"
#include "src/paths.h"
#include "src/base/safefile.h"
#include "src/base/worker.h"
#include "src/base/xalloc.h"

/* ---- the cache file: this header, then n_buckets floats of minima, then as many of
 * maxima, in the writer's byte order (checked: a foreign file is simply rebuilt) ---- */
#define FILE_MAGIC "TTYMXPKS"
#define FILE_VERSION 1u
#define FILE_BYTE_ORDER 0x01020304u

struct file_header {
	char magic[8];
	uint32_t version;
	uint32_t byte_order;
	uint32_t sample_rate;
	uint32_t bucket_frames;
	uint64_t frames;
	uint64_t n_buckets;
};
_Static_assert(sizeof(struct file_header) == 40, "the header has no padding");

/* Frames read per step while building: big enough to stream, small enough to cancel. */
#define READ_FRAMES (64 * PEAKS_BUCKET_FRAMES)

static int64_t buckets_for(int64_t frames)
{
	return (frames + PEAKS_BUCKET_FRAMES - 1) / PEAKS_BUCKET_FRAMES;
}

static struct peaks *peaks_alloc(int rate, int64_t frames)
{
	struct peaks *pk = xcalloc(1, sizeof *pk);
	pk->sample_rate = rate;
	pk->frames = frames;
	pk->n_buckets = buckets_for(frames);
	size_t n = pk->n_buckets > 0 ? (size_t)pk->n_buckets : 1;
	pk->min = xmalloc(n * sizeof(float));
	pk->max = xmalloc(n * sizeof(float));
	return pk;
}

void peaks_free(struct peaks *pk)
{
	if (!pk)
		return;
	free(pk->min);
	free(pk->max);
	free(pk);
}

char *peaks_cache_name(const char *file)
{
	char *name = xstrdup(file);
	for (char *c = name; *c; c++)
		if (*c == '/')
			*c = '_';
	return name;
}

float peaks_abs_max(const struct peaks *pk, int64_t from, int64_t to)
{
	if (from < 0)
		from = 0;
	if (to > pk->frames)
		to = pk->frames;
	if (to <= from)
		return 0;
	float m = 0;
	const int64_t last = (to - 1) / PEAKS_BUCKET_FRAMES;
	for (int64_t b = from / PEAKS_BUCKET_FRAMES; b <= last; b++) {
		if (-pk->min[b] > m)
			m = -pk->min[b];
		if (pk->max[b] > m)
			m = pk->max[b];
	}
	return m;
}

static char *cache_path(const char *dir, const char *name, const struct stat *st)
{
	const long long mtime_ns = (long long)st->st_mtim.tv_sec * 1000000000LL
		+ st->st_mtim.tv_nsec;
	return xasprintf("%s/%s.%lld-%lld.peaks", dir, name, (long long)st->st_size,
		mtime_ns);
}

/* The cache at path, or NULL when it is missing, damaged or from another build. */
static struct peaks *cache_load(const char *path)
{
	FILE *f = fopen(path, "rb");
	if (!f)
		return NULL;
	struct peaks *pk = NULL;
	struct file_header h;
	struct stat st;
	if (fread(&h, sizeof h, 1, f) != 1 || fstat(fileno(f), &st) != 0
		|| memcmp(h.magic, FILE_MAGIC, sizeof h.magic) || h.version != FILE_VERSION
		|| h.byte_order != FILE_BYTE_ORDER || h.bucket_frames != PEAKS_BUCKET_FRAMES
		|| h.sample_rate == 0 || h.sample_rate > INT32_MAX || h.frames > INT64_MAX / 2
		|| h.n_buckets != (uint64_t)buckets_for((int64_t)h.frames)
		|| (uint64_t)st.st_size != sizeof h + h.n_buckets * 2 * sizeof(float))
		goto out;
	pk = peaks_alloc((int)h.sample_rate, (int64_t)h.frames);
	size_t n = (size_t)pk->n_buckets;
	if (fread(pk->min, sizeof(float), n, f) != n
		|| fread(pk->max, sizeof(float), n, f) != n) {
		peaks_free(pk);
		pk = NULL;
	}
out:
	fclose(f);
	return pk;
}

/* Remove caches of name for other versions of the file: name.<digits>-<digits>.peaks */
static void remove_stale(const char *dir, const char *name, const char *keep)
{
	DIR *d = opendir(dir);
	if (!d)
		return;
	const size_t name_len = strlen(name);
	const char *keep_base = strrchr(keep, '/') ? strrchr(keep, '/') + 1 : keep;
	struct dirent *de;
	while ((de = readdir(d))) {
		const char *s = de->d_name;
		if (strncmp(s, name, name_len) || s[name_len] != '.' || !strcmp(s, keep_base))
			continue;
		s += name_len + 1;
		size_t digits = strspn(s, "0123456789");
		if (!digits || s[digits] != '-')
			continue;
		s += digits + 1;
		digits = strspn(s, "0123456789");
		if (!digits || strcmp(s + digits, ".peaks"))
			continue;
		char *stale = xasprintf("%s/%s", dir, de->d_name);
		unlink(stale);
		free(stale);
	}
	closedir(d);
}

/* Best effort: a read-only project folder just means no cache. The file is shared
 * as the folder is (a class's project: everyone's studio reads it). */
static void cache_store(const char *dir, const char *name, const char *path,
	const struct peaks *pk)
{
	if (paths_mkdirs(dir, NULL) != ERR_OK)
		return;
	struct safefile f;
	struct err_msg why;
	if (safefile_open(&f, path, safefile_mode_for_dir(dir), &why) != ERR_OK)
		return;
	struct file_header h = { .version = FILE_VERSION, .byte_order = FILE_BYTE_ORDER,
		.sample_rate = (uint32_t)pk->sample_rate, .bucket_frames = PEAKS_BUCKET_FRAMES,
		.frames = (uint64_t)pk->frames, .n_buckets = (uint64_t)pk->n_buckets };
	memcpy(h.magic, FILE_MAGIC, sizeof h.magic);
	size_t n = (size_t)pk->n_buckets;
	bool ok = safefile_write(&f, &h, sizeof h, &why) == ERR_OK
		&& safefile_write(&f, pk->min, sizeof(float) * n, &why) == ERR_OK
		&& safefile_write(&f, pk->max, sizeof(float) * n, &why) == ERR_OK;
	if (!ok)
		safefile_abort(&f);
	else if (safefile_commit(&f, &why) == ERR_OK)
		remove_stale(dir, name, path);
}

static enum err build(const char *media_path, const atomic_bool *cancel,
	struct peaks **out, struct err_msg *msg)
{
	struct media_info info;
	enum err rc = media_probe(media_path, &info, msg);
	if (rc != ERR_OK)
		return rc;
	struct media_reader *r;
	if ((rc = media_reader_open(&r, media_path, info.sample_rate, msg)) != ERR_OK)
		return rc;
	const int ch = media_reader_info(r)->channels;
	const int64_t frames = media_reader_frames(r);
	struct peaks *pk = peaks_alloc(info.sample_rate, frames);
	float *buf = xmalloc(sizeof(float) * (size_t)READ_FRAMES * (size_t)ch);
	for (int64_t pos = 0; pos < frames && rc == ERR_OK; pos += READ_FRAMES) {
		if (cancel && atomic_load_explicit(cancel, memory_order_relaxed)) {
			rc = err_set(msg, ERR_IO, "%s: cancelled", media_path);
			break;
		}
		const int n = frames - pos < READ_FRAMES ? (int)(frames - pos) : READ_FRAMES;
		if ((rc = media_reader_read(r, pos, buf, n, msg)) != ERR_OK)
			break;
		/* pos is a multiple of the bucket size, so buckets never straddle reads */
		for (int i = 0; i < n; i += PEAKS_BUCKET_FRAMES) {
			const int end = i + PEAKS_BUCKET_FRAMES < n ? i + PEAKS_BUCKET_FRAMES : n;
			float lo = buf[i * ch], hi = lo;
			for (int k = i * ch; k < end * ch; k++) {
				if (buf[k] < lo)
					lo = buf[k];
				if (buf[k] > hi)
					hi = buf[k];
			}
			const int64_t b = (pos + i) / PEAKS_BUCKET_FRAMES;
			pk->min[b] = lo;
			pk->max[b] = hi;
		}
	}
	free(buf);
	media_reader_close(r);
	if (rc != ERR_OK) {
		peaks_free(pk);
		return rc;
	}
	*out = pk;
	return ERR_OK;
}

enum err peaks_open(const char *media_path, const char *cache_dir, const char *name,
	const atomic_bool *cancel, struct peaks **out, bool *from_cache, struct err_msg *msg)
{
	*out = NULL;
	if (from_cache)
		*from_cache = false;
	struct stat st;
	if (stat(media_path, &st) != 0)
		return err_set(msg, errno == ENOENT ? ERR_NOT_FOUND : ERR_IO, "%s: %s",
			media_path, strerror(errno));
	char *path = cache_dir ? cache_path(cache_dir, name, &st) : NULL;
	if (path && (*out = cache_load(path))) {
		if (from_cache)
			*from_cache = true;
		free(path);
		return ERR_OK;
	}
	enum err rc = build(media_path, cancel, out, msg);
	if (rc == ERR_OK && path)
		cache_store(cache_dir, name, path, *out);
	free(path);
	return rc;
}

/* ---- the worker ---- */

struct job {
	char *key, *path;
	enum peaks_state state;   /* the fields below: protected by the worker's lock */
	int sample_rate;
	int64_t frames;
	struct peaks *peaks;
	char error[ERR_MSG_MAX];
	/* the worker thread's own, between run and done: */
	enum peaks_state was;     /* the state when picked */
	struct media_info info;
	struct peaks *built;
};

struct peaks_worker {
	struct worker *thread;
	char *cache_dir;
	/* under the worker's lock: */
	struct job **jobs;        /* pointers: a job stays put while the array grows */
	int n_jobs;
	unsigned changes;         /* bumped on every state change */
	unsigned seen_changes;    /* UI thread only: changes at the last poll */
};

/* Probe every file first (quick), then build the overviews in the order asked. */
static void *pick(void *ctx)
{
	struct peaks_worker *w = ctx;
	for (int pass = 0; pass < 2; pass++)
		for (int i = 0; i < w->n_jobs; i++)
			if (w->jobs[i]->state == (pass ? PEAKS_PROBED : PEAKS_PENDING)) {
				w->jobs[i]->was = w->jobs[i]->state;
				return w->jobs[i];
			}
	return NULL;
}

static enum err run(void *ctx, void *task, struct worker *thread, struct err_msg *msg)
{
	struct peaks_worker *w = ctx;
	struct job *j = task;
	/* key and path never change once queued: safe to read unlocked */
	if (j->was == PEAKS_PENDING)
		return media_probe(j->path, &j->info, msg);
	char *name = peaks_cache_name(j->key);
	enum err e = peaks_open(j->path, w->cache_dir, name, worker_cancel_flag(thread),
		&j->built, NULL, msg);
	free(name);
	return e;
}

static void done(void *ctx, void *task, enum err e, const struct err_msg *msg)
{
	struct peaks_worker *w = ctx;
	struct job *j = task;
	if (e != ERR_OK) {
		j->state = PEAKS_FAILED;
		snprintf(j->error, sizeof j->error, "%s", msg->text);
	} else if (j->was == PEAKS_PENDING) {
		j->state = PEAKS_PROBED;
		j->sample_rate = j->info.sample_rate;
		j->frames = j->info.frames;
	} else {
		j->state = PEAKS_READY;
		j->peaks = j->built;
		j->built = NULL;
		j->sample_rate = j->peaks->sample_rate;
		j->frames = j->peaks->frames;
	}
	w->changes++;
}

static const struct worker_ops ops = { pick, run, done };

struct peaks_worker *peaks_worker_start(const char *cache_dir)
{
	struct peaks_worker *w = xcalloc(1, sizeof *w);
	w->cache_dir = cache_dir ? xstrdup(cache_dir) : NULL;
	if (!(w->thread = worker_start(&ops, w))) {
		/* without a thread nothing is built: clips stay plain blocks */
		free(w->cache_dir);
		free(w);
		return NULL;
	}
	return w;
}

void peaks_worker_stop(struct peaks_worker *w)
{
	if (!w)
		return;
	worker_stop(w->thread);
	for (int i = 0; i < w->n_jobs; i++) {
		peaks_free(w->jobs[i]->peaks);
		peaks_free(w->jobs[i]->built);
		free(w->jobs[i]->key);
		free(w->jobs[i]->path);
		free(w->jobs[i]);
	}
	free(w->jobs);
	free(w->cache_dir);
	free(w);
}

static struct job *find_job(struct peaks_worker *w, const char *key)
{
	for (int i = 0; i < w->n_jobs; i++)
		if (!strcmp(w->jobs[i]->key, key))
			return w->jobs[i];
	return NULL;
}

void peaks_worker_request(struct peaks_worker *w, const char *key, const char *path)
{
	if (!w)
		return;
	worker_lock(w->thread);
	if (!find_job(w, key)) {
		struct job *j = xcalloc(1, sizeof *j);
		j->key = xstrdup(key);
		j->path = xstrdup(path);
		j->state = PEAKS_PENDING;
		w->jobs = xrealloc(w->jobs, sizeof *w->jobs * (size_t)(w->n_jobs + 1));
		w->jobs[w->n_jobs++] = j;
		worker_wake(w->thread);
	}
	worker_unlock(w->thread);
}

bool peaks_worker_poll(struct peaks_worker *w)
{
	if (!w)
		return false;
	worker_lock(w->thread);
	const unsigned changes = w->changes;
	worker_unlock(w->thread);
	const bool changed = changes != w->seen_changes;
	w->seen_changes = changes;
	return changed;
}

bool peaks_worker_get(struct peaks_worker *w, const char *key, struct peaks_status *out)
{
	if (!w)
		return false;
	worker_lock(w->thread);
	const struct job *j = find_job(w, key);
	if (j)
		*out = (struct peaks_status){ .state = j->state, .sample_rate = j->sample_rate,
			.frames = j->frames, .peaks = j->peaks, .error = j->error };
	worker_unlock(w->thread);
	return j != NULL;
}
