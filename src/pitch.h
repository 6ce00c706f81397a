/* Per-clip pitch: a clip with pitch_semitones / pitch_cents plays a processed copy of
 * its file, made once and cached in the project's .ttymix/pitch/ folder as 32-bit
 * float WAV at the project rate. Without varispeed the copy keeps the file's length
 * (librubberband, offline R3 engine: the only file that includes rubberband-c.h);
 * with varispeed pitch and speed change together (libsoxr through audio/media.h),
 * so the copy is 2^(-shift/12) times as long. docs/dsp.md, "Pitch and varispeed".
 *
 * The cache name is a hash of the file's absolute path, size and mtime, the settings
 * and the rate: any change gives a new name, so a cache never goes stale in place.
 * Writing is atomic (temporary file + rename): a cache that exists is complete.
 *
 * pitch_build does I/O and heavy DSP (seconds per minute of audio): call it from a
 * worker thread or the command line, never from the UI loop or the audio thread. The
 * pitch_worker (src/pitch_worker.c) runs builds on its own thread for the UI; every
 * pitch_worker_* function is for one thread (the UI thread). Everything else: any
 * thread, no shared state. */
#ifndef TTYMIX_PITCH_H
#define TTYMIX_PITCH_H

#include <stdatomic.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "src/base/err.h"
#include "src/project.h"

#define PITCH_FOLDER ".ttymix/pitch"   /* inside the project folder */

/* Whether the clip plays a processed copy (a shift other than 0). */
bool pitch_clip_shifted(const struct project_clip *c);
/* The frequency ratio of a clip's shift: 2^((semitones + cents / 100) / 12). */
double pitch_clip_ratio(const struct project_clip *c);
/* How much longer the clip is on the timeline than in its file: 1 without varispeed,
 * 1 / ratio with it. Offsets and lengths in project.json are in the file's seconds. */
double pitch_clip_time_scale(const struct project_clip *c);

/* The cache file for clip c of project p (caller frees), or NULL when the clip has
 * no shift or its file cannot be stat'ed. */
char *pitch_cache_path(const struct project *p, const struct project_clip *c);
/* pitch_cache_path of every clip of p that has one, *count of them (the array holds at
 * least one slot); the caller frees each and the array. */
char **pitch_cache_paths(const struct project *p, int *count);

/* What a render graph should open for c: the cache when the clip is shifted and its
 * cache exists (*time_scale = pitch_clip_time_scale), else the clip's own file
 * (*time_scale = 1: until its cache is built a clip plays unprocessed). Caller frees. */
char *pitch_clip_source(const struct project *p, const struct project_clip *c,
	double *time_scale);

/* One build: the settings of a clip and where to read and write. */
struct pitch_job_spec {
	char *src_path;      /* the clip's file */
	char *cache_path;    /* from pitch_cache_path */
	int rate;            /* the project's rate: the cache's rate */
	double ratio;        /* pitch_clip_ratio */
	bool varispeed;
};

/* Fill spec for clip c (strings owned by spec); false when the clip needs no cache. */
bool pitch_job_spec_init(struct pitch_job_spec *spec, const struct project *p,
	const struct project_clip *c);
void pitch_job_spec_deinit(struct pitch_job_spec *spec);

/* Build spec's cache now (the folder is made when missing). progress (may be NULL)
 * gets 0..1000 as the build goes; cancel (may be NULL) stops it: ERR_IO, a message
 * ending in PITCH_CANCELLED, and no file. On any failure no cache file is left and
 * msg says why. */
#define PITCH_CANCELLED ": cancelled"
enum err pitch_build(const struct pitch_job_spec *spec, const atomic_bool *cancel,
	atomic_int *progress, struct err_msg *msg);

/* For the command line: build every missing cache of p, one after another, calling
 * said(arg, clip text) before each ("track \"vox\" clip 2: vox.wav +12 st"). Returns
 * the first failure (msg says which clip). *built (may be NULL) counts the builds. */
enum err pitch_prepare_all(const struct project *p,
	void (*said)(void *arg, const char *what), void *arg, int *built,
	struct err_msg *msg);

/* Remove the caches in p's pitch folder that no clip of p plays (settings tried and
 * left, files changed since), and temporary files of builds whose process is gone.
 * Files that are not named as caches are left alone. Returns how many went. The
 * studio calls it when it opens a project, so that undo within a session always
 * finds the caches it made. */
int pitch_prune(const struct project *p);

/* ---- the background worker ---- */

struct pitch_worker;

struct pitch_worker *pitch_worker_start(void);  /* NULL if no thread could start */
/* Stop (an unfinished build is cancelled, its temporary file removed) and free. NULL
 * is a no-op. */
void pitch_worker_stop(struct pitch_worker *w);
/* Queue the cache for clip c unless it exists or is queued. true when something is
 * (still) to be built for it. */
bool pitch_worker_request(struct pitch_worker *w, const struct project *p,
	const struct project_clip *c);
/* Drop the queued builds no clip of p plays any more, and stop the one under way if
 * it is one of them (a setting tried and changed again need not be built). */
void pitch_worker_keep(struct pitch_worker *w, const struct project *p);
/* What happened since the last call: *finished counts builds that ended well (time to
 * rebuild the graph); a failure's message goes to failed (empty: none). Returns the
 * progress of the build under way in 0..1000, or -1 when none is queued. */
int pitch_worker_poll(struct pitch_worker *w, int *finished, char *failed, size_t size);
/* The same progress without taking the news (-1 when nothing is queued; NULL: -1). */
int pitch_worker_progress(struct pitch_worker *w);

#endif
