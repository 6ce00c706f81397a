#include "src/pitch.h"

#include <dirent.h>
#include <fcntl.h>
#include <math.h>
#include "src/pitch_dl.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "audio/media.h"
#include "src/base/fnv.h"
#include "src/host.h"
#include "src/paths.h"
#include "src/base/safefile.h"
#include "src/base/xalloc.h"

/* Bumped when the processing changes, so that old caches are not reused. */
#define CACHE_VERSION 1
/* Frames per read/process step: small enough to cancel and report often. */
#define BLOCK_FRAMES 8192
/* Share of the progress the rubberband study pass takes (it reads the file once
 * without processing; the process pass does the heavy work). */
#define STUDY_SHARE 150

bool pitch_clip_shifted(const struct project_clip *c)
{
	return c->pitch_semitones != 0 || c->pitch_cents != 0;
}

double pitch_clip_ratio(const struct project_clip *c)
{
	return pow(2.0, (c->pitch_semitones + c->pitch_cents / 100.0) / 12.0);
}

double pitch_clip_time_scale(const struct project_clip *c)
{
	return c->varispeed && pitch_clip_shifted(c) ? 1.0 / pitch_clip_ratio(c) : 1.0;
}

char *pitch_cache_path(const struct project *p, const struct project_clip *c)
{
	if (!pitch_clip_shifted(c))
		return NULL;
	char *src = project_clip_path(p, c);
	struct stat st;
	char *abs = stat(src, &st) == 0 ? realpath(src, NULL) : NULL;
	free(src);
	if (!abs)
		return NULL;
	char *key = xasprintf("v%d\n%s\n%lld\n%lld.%09ld\n%d\n%d\n%d\n%d", CACHE_VERSION, abs,
		(long long)st.st_size, (long long)st.st_mtim.tv_sec, (long)st.st_mtim.tv_nsec,
		c->pitch_semitones, c->pitch_cents, c->varispeed ? 1 : 0, p->sample_rate);
	const uint64_t h = fnv1a(FNV1A_INIT, key, strlen(key));
	free(key);
	free(abs);
	return xasprintf("%s/%s/%016llx.wav", p->dir, PITCH_FOLDER, (unsigned long long)h);
}

char **pitch_cache_paths(const struct project *p, int *count)
{
	int n = 0;
	for (int t = 0; t < p->n_tracks; t++)
		n += p->tracks[t].n_clips;
	char **paths = xcalloc((size_t)(n > 0 ? n : 1), sizeof *paths);
	n = 0;
	for (int t = 0; t < p->n_tracks; t++)
		for (int k = 0; k < p->tracks[t].n_clips; k++)
			if ((paths[n] = pitch_cache_path(p, &p->tracks[t].clips[k])))
				n++;
	*count = n;
	return paths;
}

char *pitch_clip_source(const struct project *p, const struct project_clip *c,
	double *time_scale)
{
	*time_scale = 1.0;
	char *cache = pitch_cache_path(p, c);
	if (cache && access(cache, R_OK) == 0) {
		*time_scale = pitch_clip_time_scale(c);
		return cache;
	}
	free(cache);
	return project_clip_path(p, c);
}

bool pitch_job_spec_init(struct pitch_job_spec *spec, const struct project *p,
	const struct project_clip *c)
{
	memset(spec, 0, sizeof *spec);
	spec->cache_path = pitch_cache_path(p, c);
	if (!spec->cache_path)
		return false;
	spec->src_path = project_clip_path(p, c);
	spec->rate = p->sample_rate;
	spec->ratio = pitch_clip_ratio(c);
	spec->varispeed = c->varispeed;
	return true;
}

void pitch_job_spec_deinit(struct pitch_job_spec *spec)
{
	free(spec->src_path);
	free(spec->cache_path);
	memset(spec, 0, sizeof *spec);
}

/* ---- building ---- */

struct build {
	const struct pitch_job_spec *spec;
	const atomic_bool *cancel;
	atomic_int *progress;
	struct media_reader *reader;
	struct media_writer *writer;
	int channels;
	int64_t in_frames;    /* the source at the project rate */
	int64_t out_frames;   /* what the cache must hold */
	int64_t written;
	float *buf;           /* BLOCK_FRAMES x channels, interleaved */
	float *planes[MEDIA_MAX_CHANNELS];  /* BLOCK_FRAMES each, for rubberband */
};

static bool cancelled(const struct build *b)
{
	return b->cancel && atomic_load_explicit(b->cancel, memory_order_relaxed);
}

static void report(const struct build *b, int permille)
{
	if (b->progress)
		atomic_store_explicit(b->progress, permille < 0 ? 0 : permille > 1000 ? 1000
			: permille, memory_order_relaxed);
}

/* Write n interleaved frames, never past out_frames: the cache's length is defined
 * (docs/dsp.md), whatever the processor's rounding gives. */
static enum err put(struct build *b, const float *frames, int64_t n, struct err_msg *msg)
{
	if (n > b->out_frames - b->written)
		n = b->out_frames - b->written;
	if (n <= 0)
		return ERR_OK;
	enum err e = media_writer_write(b->writer, frames, (int)n, msg);
	b->written += n;
	return e;
}

/* Pad with silence up to out_frames (a processor that gave back a few frames less). */
static enum err pad(struct build *b, struct err_msg *msg)
{
	memset(b->buf, 0, sizeof(float) * BLOCK_FRAMES * (size_t)b->channels);
	enum err e = ERR_OK;
	while (e == ERR_OK && b->written < b->out_frames)
		e = put(b, b->buf, BLOCK_FRAMES, msg);
	return e;
}

static int block_at(const struct build *b, int64_t pos)
{
	return b->in_frames - pos < BLOCK_FRAMES ? (int)(b->in_frames - pos) : BLOCK_FRAMES;
}

/* Varispeed: read the source as if it were recorded at rate x ratio and resample to
 * the rate: every frequency scales by ratio, every duration by 1 / ratio. */
static enum err run_varispeed(struct build *b, struct err_msg *msg)
{
	struct media_resampler *rs;
	const double rate = b->spec->rate;
	enum err e = media_resampler_create_ratio(&rs, rate * b->spec->ratio, rate, b->channels,
		msg);
	if (e != ERR_OK)
		return e;
	const int out_cap = BLOCK_FRAMES * 4;  /* the speed is at least 1/4 (-24 st) */
	float *out = xmalloc(sizeof(float) * (size_t)out_cap * (size_t)b->channels);
	for (int64_t pos = 0; e == ERR_OK; ) {
		if (cancelled(b)) {
			e = err_set(msg, ERR_IO, "%s" PITCH_CANCELLED, b->spec->src_path);
			break;
		}
		const int n = block_at(b, pos);
		if (n > 0 && (e = media_reader_read(b->reader, pos, b->buf, n, msg)) != ERR_OK)
			break;
		int used = 0;
		do {
			/* n == 0: the input ended; soxr gives back what it holds */
			int done, got;
			e = media_resampler_process(rs, n ? b->buf + (size_t)used * (size_t)b->channels
				: NULL, n - used, &done, out, out_cap, &got, msg);
			if (e == ERR_OK)
				e = put(b, out, got, msg);
			used += done;
			if (n == 0 && got == 0)
				goto flushed;
		} while (e == ERR_OK && (used < n || n == 0));
		pos += n;
		report(b, (int)(1000 * pos / b->in_frames));
	}
flushed:
	free(out);
	media_resampler_destroy(rs);
	return e == ERR_OK ? pad(b, msg) : e;
}

static void deinterleave(struct build *b, int n)
{
	for (int i = 0; i < n; i++)
		for (int ch = 0; ch < b->channels; ch++)
			b->planes[ch][i] = b->buf[i * b->channels + ch];
}

/* Take whatever rubberband has ready into the cache. */
static enum err drain(struct build *b, RubberBandState rb, struct err_msg *msg)
{
	enum err e = ERR_OK;
	int avail;
	while (e == ERR_OK && (avail = rubberband_fn.available(rb)) > 0) {
		const unsigned n = rubberband_fn.retrieve(rb, b->planes,
			avail < BLOCK_FRAMES ? (unsigned)avail : BLOCK_FRAMES);
		if (n == 0)
			break;
		for (unsigned i = 0; i < n; i++)
			for (int ch = 0; ch < b->channels; ch++)
				b->buf[i * (unsigned)b->channels + (unsigned)ch] = b->planes[ch][i];
		e = put(b, b->buf, n, msg);
	}
	return e;
}

/* Pitch without a change of length: rubberband in offline mode studies the whole
 * source first (so its phase and transient decisions see the future), then processes
 * it; offline mode compensates its own delay, so output frame i belongs to input i. */
static enum err run_rubberband(struct build *b, struct err_msg *msg)
{
	enum err le = rubberband_dl_load(msg);
	if (le != ERR_OK)
		return le;
	const RubberBandOptions opts = RubberBandOptionProcessOffline
		| RubberBandOptionEngineFiner | RubberBandOptionPitchHighQuality
		| RubberBandOptionChannelsTogether | RubberBandOptionFormantShifted
		| RubberBandOptionThreadingNever;
	RubberBandState rb = rubberband_fn.new((unsigned)b->spec->rate, (unsigned)b->channels,
		opts, 1.0, b->spec->ratio);
	if (!rb)
		return err_set(msg, ERR_NOMEM, "%s: cannot start the pitch shifter",
			b->spec->src_path);
	rubberband_fn.set_expected_input_duration(rb, (unsigned)b->in_frames);
	rubberband_fn.set_max_process_size(rb, BLOCK_FRAMES);
	enum err e = ERR_OK;
	for (int pass = 0; pass < 2 && e == ERR_OK; pass++) {
		for (int64_t pos = 0; pos < b->in_frames && e == ERR_OK; ) {
			if (cancelled(b)) {
				e = err_set(msg, ERR_IO, "%s" PITCH_CANCELLED, b->spec->src_path);
				break;
			}
			const int n = block_at(b, pos);
			if ((e = media_reader_read(b->reader, pos, b->buf, n, msg)) != ERR_OK)
				break;
			deinterleave(b, n);
			pos += n;
			const int final = pos >= b->in_frames;
			const float *const *in = (const float *const *)b->planes;
			if (pass == 0) {
				rubberband_fn.study(rb, in, (unsigned)n, final);
				report(b, (int)(STUDY_SHARE * pos / b->in_frames));
			} else {
				rubberband_fn.process(rb, in, (unsigned)n, final);
				e = drain(b, rb, msg);
				report(b, STUDY_SHARE + (int)((1000 - STUDY_SHARE) * pos / b->in_frames));
			}
		}
	}
	/* after the final block everything is ready at once (no threads: ThreadingNever) */
	if (e == ERR_OK)
		e = drain(b, rb, msg);
	rubberband_fn.delete(rb);
	return e == ERR_OK ? pad(b, msg) : e;
}

enum err pitch_build(const struct pitch_job_spec *spec, const atomic_bool *cancel,
	atomic_int *progress, struct err_msg *msg)
{
	struct build b = { .spec = spec, .cancel = cancel, .progress = progress };
	report(&b, 0);
	char *dir = xstrdup(spec->cache_path);
	*strrchr(dir, '/') = '\0';
	enum err e = paths_mkdirs(dir, msg);
	free(dir);
	if (e != ERR_OK)
		return e;
	if ((e = media_reader_open(&b.reader, spec->src_path, spec->rate, msg)) != ERR_OK)
		return e;
	b.channels = media_reader_info(b.reader)->channels;
	b.in_frames = media_reader_frames(b.reader);
	b.out_frames = spec->varispeed ? llround((double)b.in_frames / spec->ratio)
		: b.in_frames;
	if (b.in_frames <= 0 || b.in_frames > UINT32_MAX / 2) {
		media_reader_close(b.reader);
		return err_set(msg, ERR_MEDIA, "%s: %lld frames: too long or empty to pitch",
			spec->src_path, (long long)b.in_frames);
	}
	/* shared as the folder is: everyone's studio on a class's project plays it */
	char *cache_dir = safefile_dirname(spec->cache_path);
	struct safefile f;
	e = safefile_open(&f, spec->cache_path, safefile_mode_for_dir(cache_dir), msg);
	free(cache_dir);
	if (e == ERR_OK)
		e = media_writer_open_fd(&b.writer, f.fd, spec->cache_path, MEDIA_WAV,
			MEDIA_FLOAT32, spec->rate, b.channels, msg);
	if (e == ERR_OK) {
		b.buf = xmalloc(sizeof(float) * BLOCK_FRAMES * (size_t)b.channels);
		for (int ch = 0; ch < b.channels; ch++)
			b.planes[ch] = xmalloc(sizeof(float) * BLOCK_FRAMES);
		e = spec->varispeed ? run_varispeed(&b, msg) : run_rubberband(&b, msg);
		struct err_msg close_msg;
		const enum err ce = media_writer_close(b.writer, &close_msg);
		if (e == ERR_OK && ce != ERR_OK) {
			e = ce;
			*msg = close_msg;
		}
		free(b.buf);
		for (int ch = 0; ch < b.channels; ch++)
			free(b.planes[ch]);
	}
	media_reader_close(b.reader);
	/* commit flushes the finished file to disk before it gets its name: a cache that
	 * exists is whole, even after a crash */
	if (e == ERR_OK)
		e = safefile_commit(&f, msg);
	else
		safefile_abort(&f);
	if (e == ERR_OK)
		report(&b, 1000);
	return e;
}

/* A build's temporary file untouched this long is left from a crash (a live build
 * writes to it all the time). */
#define STALE_TMP_SEC 3600

enum cache_kind { NOT_CACHE, CACHE_FILE, CACHE_TMP };

/* Whether name is HASH.wav (16 hex digits), or a build's temporary file:
 * HASH.wav.tmp.XXXXXX (src/base/safefile.h) or, from older versions, HASH.wav.PID.tmp
 * (*pid gets PID). */
static enum cache_kind cache_name(const char *name, long *pid)
{
	*pid = 0;
	if (strspn(name, "0123456789abcdef") != 16 || strncmp(name + 16, ".wav", 4))
		return NOT_CACHE;
	if (!name[20])
		return CACHE_FILE;
	if (!strncmp(name + 20, ".tmp.", 5) && strlen(name + 25) == 6)
		return CACHE_TMP;
	char *end;
	*pid = strtol(name + 21, &end, 10);
	return name[20] == '.' && *pid > 0 && !strcmp(end, ".tmp") ? CACHE_TMP : NOT_CACHE;
}

int pitch_prune(const struct project *p)
{
	char *dir = xasprintf("%s/%s", p->dir, PITCH_FOLDER);
	DIR *d = opendir(dir);
	if (!d) {
		free(dir);
		return 0;
	}
	int n, removed = 0;
	char **wanted = pitch_cache_paths(p, &n);
	struct dirent *de;
	while ((de = readdir(d))) {
		long pid;
		enum cache_kind kind = cache_name(de->d_name, &pid);
		if (kind == NOT_CACHE)
			continue; /* not ours: leave it */
		char *path = xasprintf("%s/%s", dir, de->d_name);
		bool keep = false;
		struct stat st;
		if (pid > 0) /* a build's temporary file: kept while its process lives */
			keep = host_pid_running(pid);
		else if (kind == CACHE_TMP) /* kept while a build may still be writing it */
			keep = lstat(path, &st) != 0 || time(NULL) - st.st_mtime < STALE_TMP_SEC;
		for (int k = 0; k < n && !keep; k++)
			keep = !strcmp(wanted[k], path);
		if (!keep && unlink(path) == 0)
			removed++;
		free(path);
	}
	closedir(d);
	for (int k = 0; k < n; k++)
		free(wanted[k]);
	free(wanted);
	free(dir);
	return removed;
}

/* "track "vox" clip 2: audio/vox.wav -7 st +50 ct varispeed" */
static char *describe(const struct project *p, int t, int k)
{
	const struct project_clip *c = &p->tracks[t].clips[k];
	char cents[32] = "";
	if (c->pitch_cents)
		snprintf(cents, sizeof cents, " %+d ct", c->pitch_cents);
	return xasprintf("track \"%s\" clip %d: %s %+d st%s%s", p->tracks[t].strip.name, k + 1,
		c->file, c->pitch_semitones, cents, c->varispeed ? " varispeed" : "");
}

enum err pitch_prepare_all(const struct project *p,
	void (*said)(void *arg, const char *what), void *arg, int *built,
	struct err_msg *msg)
{
	if (built)
		*built = 0;
	for (int t = 0; t < p->n_tracks; t++)
		for (int k = 0; k < p->tracks[t].n_clips; k++) {
			struct pitch_job_spec spec;
			if (!pitch_job_spec_init(&spec, p, &p->tracks[t].clips[k]))
				continue; /* no shift, or a missing file (the graph reports it) */
			enum err e = ERR_OK;
			if (access(spec.cache_path, R_OK) != 0) {
				char *what = describe(p, t, k);
				if (said)
					said(arg, what);
				struct err_msg why;
				e = pitch_build(&spec, NULL, NULL, &why);
				if (e != ERR_OK)
					err_set(msg, e, "%s: cannot pitch: %s", what, why.text);
				else if (built)
					(*built)++;
				free(what);
			}
			pitch_job_spec_deinit(&spec);
			if (e != ERR_OK)
				return e;
		}
	return ERR_OK;
}
