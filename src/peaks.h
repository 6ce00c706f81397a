/* Waveform overviews: the smallest and largest sample of every PEAKS_BUCKET_FRAMES
 * frames of a media file (over all its channels), read once through the media reader
 * at the file's own rate and cached in the project's .ttymix/peaks/ folder as
 * <name>.<size>-<mtime ns>.peaks, so that a later open reads a few kilobytes instead of
 * the audio. A changed file (other size or mtime) gets a new cache; the old one is
 * removed. The cache is only ever a cache: any damaged or foreign file is rebuilt.
 *
 * peaks_open does I/O and can take seconds: call it from a worker thread, never from
 * the UI loop and never from the audio thread. The peaks_worker runs it on its own
 * thread for the UI: the UI thread requests files, polls, and reads finished results.
 * Every peaks_worker_* function is for one thread (the UI thread); the worker thread
 * is internal. */
#ifndef TTYMIX_PEAKS_H
#define TTYMIX_PEAKS_H

#include <stdatomic.h>
#include <stdbool.h>
#include <stdint.h>

#include "src/base/err.h"

#define PEAKS_BUCKET_FRAMES 256
#define PEAKS_FOLDER ".ttymix/peaks"   /* inside the project folder */

/* Immutable once returned. */
struct peaks {
	int sample_rate;      /* the file's own rate */
	int64_t frames;       /* at that rate */
	int64_t n_buckets;    /* ceil(frames / PEAKS_BUCKET_FRAMES) */
	float *min, *max;     /* n_buckets each: extremes over every channel's samples */
};

/* The overview of media_path: loaded from cache_dir/<name>.<size>-<mtime>.peaks when
 * that is valid, else built from the audio and (best effort) written there atomically
 * (temporary file + rename). cache_dir NULL: build, never cache. name: a file name
 * without '/', unique per media file in the project (see peaks_cache_name).
 * cancel (may be NULL) is checked while reading audio; a cancelled build returns ERR_IO.
 * *from_cache (may be NULL) says whether the audio was left unread. Caller frees *out. */
enum err peaks_open(const char *media_path, const char *cache_dir, const char *name,
	const atomic_bool *cancel, struct peaks **out, bool *from_cache, struct err_msg *msg);
void peaks_free(struct peaks *pk); /* NULL is a no-op */

/* A cache name for a project's clip file string: '/' becomes '_'. Caller frees. */
char *peaks_cache_name(const char *file);

/* The largest |sample| in frames [from, to) of the file (clamped to the file); 0 when
 * the range is empty. */
float peaks_abs_max(const struct peaks *pk, int64_t from, int64_t to);

/* ---- the background worker ---- */

enum peaks_state {
	PEAKS_PENDING,        /* queued, nothing known yet */
	PEAKS_PROBED,         /* length and rate known, overview being built */
	PEAKS_READY,          /* peaks available */
	PEAKS_FAILED,         /* unreadable; error says why */
};

struct peaks_status {
	enum peaks_state state;
	int sample_rate;              /* from PEAKS_PROBED on */
	int64_t frames;
	const struct peaks *peaks;    /* PEAKS_READY: valid until peaks_worker_stop */
	const char *error;            /* PEAKS_FAILED: valid until peaks_worker_stop */
};

struct peaks_worker;

/* Start a worker thread caching into cache_dir (NULL: never cache). */
struct peaks_worker *peaks_worker_start(const char *cache_dir);
/* Stop the thread (an unfinished build is abandoned) and free every result. NULL is a
 * no-op. */
void peaks_worker_stop(struct peaks_worker *w);
/* Queue a file under key (e.g. the clip's file string) unless the key is known. Files
 * are probed first (all of them, quickly), then read in the order asked. */
void peaks_worker_request(struct peaks_worker *w, const char *key, const char *path);
/* True when some file changed state since the last call: time to redraw. */
bool peaks_worker_poll(struct peaks_worker *w);
/* The state of key; false when it was never requested. */
bool peaks_worker_get(struct peaks_worker *w, const char *key, struct peaks_status *out);

#endif
