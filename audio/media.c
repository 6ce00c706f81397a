/* libsndfile + libsoxr behind media.h. See the header for the threading contract.
 * libsoxr is called through audio/soxr_dl.h's table, loaded by the first resampler. */
#include "audio/media.h"

#include <errno.h>
#include <math.h>
#include <pthread.h>
#include <sndfile.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <unistd.h>

#include "audio/pcm.h"
#include "audio/soxr_dl.h"
#include "src/base/fnv.h"

/* Frames read from the file per refill of the resampler's input. */
#define READER_IN_FRAMES 4096
/* Output frames a seek starts early by, so the resampler's filter is filled with
 * real signal (not silence) when the requested frame comes out. */
#define READER_PREROLL 1024
/* Largest output period (out_rate/gcd) for which seeks restart on an exact input
 * frame; beyond it a seek rounds to the nearest input frame. */
#define READER_MAX_PERIOD 8192
/* Frames one raw read takes at most (audio/pcm.h): 64 KB of stereo 32-bit samples */
#define RAW_FRAMES 8192

/* The raw path (audio/pcm.h): the PCM of a file whose samples lie in one data chunk
 * in this host's byte order is read and written as bytes, libsndfile keeping the
 * headers. Its own float reads take 8190 bytes per read(2) and convert one sample at a
 * time; a raw read takes a whole request in one call. PCM_NONE: libsndfile converts
 * (FLAC, Ogg, MP3, 8-bit, doubles, a byte order to swap). */
static enum pcm_kind raw_kind(SNDFILE *f, int sf_format)
{
#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
	switch (sf_format & SF_FORMAT_TYPEMASK) {
	case SF_FORMAT_WAV: case SF_FORMAT_WAVEX: case SF_FORMAT_W64: case SF_FORMAT_RF64:
	case SF_FORMAT_AIFF:
		break;
	default:
		return PCM_NONE;
	}
	if (sf_command(f, SFC_RAW_DATA_NEEDS_ENDSWAP, NULL, 0) != SF_FALSE)
		return PCM_NONE;
	switch (sf_format & SF_FORMAT_SUBMASK) {
	case SF_FORMAT_PCM_16: return PCM_S16;
	case SF_FORMAT_PCM_24: return PCM_S24;
	case SF_FORMAT_PCM_32: return PCM_S32;
	case SF_FORMAT_FLOAT: return PCM_F32;
	default: return PCM_NONE;
	}
#else
	(void)f;
	(void)sf_format;
	return PCM_NONE;
#endif
}

/* ---- stream resampler (also inside every reader whose file needs it) ---- */

struct media_resampler {
	soxr_t soxr;
	int channels;
};

static enum err resampler_create(struct media_resampler **out, double in_rate,
	double out_rate, int channels, unsigned long quality, struct err_msg *msg)
{
	*out = NULL;
	enum err e = soxr_dl_load(msg);
	if (e != ERR_OK)
		return e;
	struct media_resampler *r = calloc(1, sizeof *r);
	if (!r)
		return err_set(msg, ERR_NOMEM, "out of memory");
	soxr_error_t serr = NULL;
	soxr_io_spec_t io = soxr_fn.io_spec(SOXR_FLOAT32_I, SOXR_FLOAT32_I);
	soxr_quality_spec_t q = soxr_fn.quality_spec(quality, 0);
	r->soxr = soxr_fn.create(in_rate, out_rate, (unsigned)channels, &serr, &io, &q, NULL);
	if (!r->soxr || serr) {
		free(r);
		return err_set(msg, ERR_RANGE, "cannot resample %g Hz to %g Hz: %s", in_rate, out_rate,
			serr ? serr : "soxr failed");
	}
	r->channels = channels;
	*out = r;
	return ERR_OK;
}

enum err media_resampler_create(struct media_resampler **out, int in_rate, int out_rate,
	int channels, struct err_msg *msg)
{
	return resampler_create(out, in_rate, out_rate, channels, SOXR_HQ, msg);
}

enum err media_resampler_create_ratio(struct media_resampler **out, double in_rate,
	double out_rate, int channels, struct err_msg *msg)
{
	return resampler_create(out, in_rate, out_rate, channels, SOXR_VHQ, msg);
}

void media_resampler_destroy(struct media_resampler *r)
{
	if (!r)
		return;
	soxr_fn.delete(r->soxr);
	free(r);
}


struct media_reader {
	SNDFILE *file;        /* NULL while its pool has closed it (or before the first read) */
	char *path;           /* for messages and reopening */
	struct media_info info;
	int sf_format;        /* libsndfile's format of the file */
	int out_rate;
	int64_t out_frames;   /* length at out_rate */
	int64_t next_pos;     /* output frame the next produced frame belongs to */
	int64_t src_pos;      /* next file frame to read */
	struct media_resampler *rs; /* NULL when rates match */
	bool flushed;         /* told soxr that the input ended */
	bool drained;         /* ... and it has given back everything it held */
	bool input_done;      /* no more file frames */
	int in_avail, in_off;
	long period_out, period_in; /* out_rate/g and in_rate/g */
	float *in_buf;        /* resampler input; only when resampling */
	float *skip_buf;      /* output thrown away after a seek; made on the first seek */
	struct media_pool *pool; /* NULL: the reader keeps its file open until closed */
	struct media_reader *lru_prev, *lru_next; /* among the pool's open readers */
	bool report_bad;      /* tell the process-wide list about bad samples (bad_note) */
	int64_t bad_samples;  /* replaced by silence so far */
	int64_t short_at;     /* file frame where the data ended before the header said; -1 */
	enum pcm_kind raw;    /* how the open file is read (raw_kind) */
	unsigned char *raw_buf; /* its bytes, RAW_FRAMES frames; made at the first raw read */
};

static long gcd_long(long a, long b)
{
	while (b) {
		long t = a % b;
		a = b;
		b = t;
	}
	return a;
}

static void describe_format(int format, char *buf, size_t size)
{
	SF_FORMAT_INFO major = { .format = format & SF_FORMAT_TYPEMASK };
	SF_FORMAT_INFO sub = { .format = format & SF_FORMAT_SUBMASK };
	const char *mname = "audio", *sname = "";
	if (sf_command(NULL, SFC_GET_FORMAT_INFO, &major, sizeof major) == 0 && major.name)
		mname = major.name;
	if (sf_command(NULL, SFC_GET_FORMAT_INFO, &sub, sizeof sub) == 0 && sub.name)
		sname = sub.name;
	snprintf(buf, size, "%s%s%s", mname, *sname ? " " : "", sname);
}

/* The process's limit on open files, for the message that names it. */
static long open_files_limit(void)
{
	struct rlimit rl;
	if (getrlimit(RLIMIT_NOFILE, &rl) != 0 || rl.rlim_cur == RLIM_INFINITY)
		return -1;
	return (long)rl.rlim_cur;
}

/* Open the file and fill info; the shared half of probe and reader_open. sf_format may
 * be NULL. */
static enum err open_file(const char *path, SNDFILE **file, struct media_info *info,
	int *sf_format, struct err_msg *msg)
{
	struct stat st;
	if (stat(path, &st) != 0) {
		if (errno == ENOENT)
			return err_set(msg, ERR_NOT_FOUND, "%s: audio file not found", path);
		return err_set(msg, ERR_MEDIA, "%s: %s", path, strerror(errno));
	}
	if (S_ISDIR(st.st_mode))
		return err_set(msg, ERR_MEDIA, "%s: is a folder, not an audio file", path);
	/* a FIFO, a device or a socket: opening one could wait for ever, and none holds
	 * a file that can be read twice */
	if (!S_ISREG(st.st_mode))
		return err_set(msg, ERR_MEDIA, "%s: not a regular file", path);
	if (st.st_size == 0)
		return err_set(msg, ERR_MEDIA, "%s: empty file", path);

	SF_INFO sfi;
	memset(&sfi, 0, sizeof sfi);
	errno = 0;
	SNDFILE *f = sf_open(path, SFM_READ, &sfi);
	if (!f) {
		/* out of file descriptors is not a broken file: say which limit it is */
		if (errno == EMFILE) {
			long limit = open_files_limit();
			if (limit > 0)
				return err_set(msg, ERR_IO, "%s: cannot open: too many open files (EMFILE; "
					"ulimit -n is %ld)", path, limit);
			return err_set(msg, ERR_IO, "%s: cannot open: too many open files (EMFILE)",
				path);
		}
		if (errno == ENFILE)
			return err_set(msg, ERR_IO, "%s: cannot open: too many open files in the "
				"system (ENFILE)", path);
		return err_set(msg, ERR_MEDIA, "%s: cannot read audio: %s", path, sf_strerror(NULL));
	}
	if (sfi.channels > MEDIA_MAX_CHANNELS || sfi.channels < 1) {
		sf_close(f);
		return err_set(msg, ERR_CHANNELS,
			"%s: %d channels; ttymix plays mono and stereo files only", path, sfi.channels);
	}
	if (sfi.samplerate < 1000 || sfi.samplerate > 768000) {
		sf_close(f);
		return err_set(msg, ERR_MEDIA, "%s: unsupported sample rate %d Hz", path,
			sfi.samplerate);
	}
	if (sfi.frames <= 0) {
		sf_close(f);
		return err_set(msg, ERR_MEDIA, "%s: holds no audio frames", path);
	}
	/* libsndfile's "length unknown" (a FLAC whose header leaves the sample count 0, as
	 * streamed encoders do): playing it would never end and a render would fill the
	 * disk */
	if (sfi.frames == SF_COUNT_MAX) {
		sf_close(f);
		return err_set(msg, ERR_MEDIA,
			"%s: its header does not say how long it is (a streamed file?); re-encode it",
			path);
	}
	memset(info, 0, sizeof *info);
	info->channels = sfi.channels;
	info->sample_rate = sfi.samplerate;
	info->frames = sfi.frames;
	describe_format(sfi.format, info->format, sizeof info->format);
	if (sf_format)
		*sf_format = sfi.format;
	*file = f;
	return ERR_OK;
}

enum err media_probe(const char *path, struct media_info *info, struct err_msg *msg)
{
	SNDFILE *f = NULL;
	enum err e = open_file(path, &f, info, NULL, msg);
	if (e == ERR_OK)
		sf_close(f);
	return e;
}

/* ---- samples that are not samples ---- */

/* Files that held bad samples, for media_take_bad_samples: any thread adds, any
 * thread takes; a short list (one entry a file), kept for the process's life. */
struct bad_file {
	char *path;           /* the first name it was read by */
	char *real;           /* its real path: one file under two names is one file */
	int64_t count;
	bool taken;
	struct bad_file *next;
};
/* protects bad_files and every entry's count and taken; never taken on the audio
 * thread, which reads no files */
static pthread_mutex_t bad_lock = PTHREAD_MUTEX_INITIALIZER;
static struct bad_file *bad_files;

static void bad_note(const char *path, int64_t count)
{
	char *real = realpath(path, NULL);
	const char *key = real ? real : path;
	pthread_mutex_lock(&bad_lock);
	struct bad_file *b = bad_files;
	while (b && strcmp(b->real, key))
		b = b->next;
	if (!b && (b = calloc(1, sizeof *b)) != NULL) {
		b->path = strdup(path);
		b->real = strdup(key);
		if (b->path && b->real) {
			b->next = bad_files;
			bad_files = b;
		} else {
			free(b->path);
			free(b->real);
			free(b);
			b = NULL; /* out of memory: the samples are silenced all the same */
		}
	}
	if (b)
		b->count += count;
	pthread_mutex_unlock(&bad_lock);
	free(real);
}

bool media_take_bad_samples(char *path, size_t size, int64_t *count)
{
	bool found = false;
	pthread_mutex_lock(&bad_lock);
	/* oldest first: the list grows at its head */
	struct bad_file *oldest = NULL;
	for (struct bad_file *b = bad_files; b; b = b->next)
		if (!b->taken)
			oldest = b;
	if (oldest) {
		oldest->taken = true;
		snprintf(path, size, "%s", oldest->path);
		*count = oldest->count;
		found = true;
	}
	pthread_mutex_unlock(&bad_lock);
	return found;
}

/* Replace every sample that is not finite or lies beyond MEDIA_SAMPLE_LIMIT with
 * silence; returns how many were. (A NaN fails every comparison, so one test catches
 * NaN, infinities and the absurd alike.) */
static int64_t silence_bad(float *x, size_t n)
{
	/* first only count, in a loop the compiler vectorises (the replacing one it
	 * cannot, and it took 5 % of a render): almost every block is all good */
	size_t good = 0;
	for (size_t i = 0; i < n; i++)
		good += fabsf(x[i]) <= MEDIA_SAMPLE_LIMIT;
	if (good == n)
		return 0;
	int64_t bad = 0;
	for (size_t i = 0; i < n; i++) {
		if (!(fabsf(x[i]) <= MEDIA_SAMPLE_LIMIT)) {
			x[i] = 0.0f;
			bad++;
		}
	}
	return bad;
}

/* Integer PCM (WAV, AIFF, FLAC...) converts to within -1..1: nothing to check (the
 * check took 2 % of a render). Floats, doubles and lossy codecs may hold anything. */
static bool format_bounded(int sf_format)
{
	switch (sf_format & SF_FORMAT_SUBMASK) {
	case SF_FORMAT_PCM_S8: case SF_FORMAT_PCM_U8: case SF_FORMAT_PCM_16:
	case SF_FORMAT_PCM_24: case SF_FORMAT_PCM_32:
		return true;
	default:
		return false;
	}
}

static void reader_check_samples(struct media_reader *r, float *x, sf_count_t frames)
{
	if (format_bounded(r->sf_format))
		return;
	int64_t bad = silence_bad(x, (size_t)frames * (size_t)r->info.channels);
	if (bad == 0)
		return;
	r->bad_samples += bad;
	if (r->report_bad)
		bad_note(r->path, bad);
}

/* ---- pools: many readers, few open files ---- */

/* A probe remembered by path: clips of one file share it. */
struct pool_probe {
	char *path;           /* NULL: a free slot */
	uint64_t hash;
	enum err e;
	char *why;            /* the message when e != ERR_OK */
	struct media_info info;
	int sf_format;
};

/* No lock: a pool and its readers belong to one thread at a time (media.h), handed
 * on with the graph through the engine's rings (control -> audio -> disk thread, and
 * back through the retired ring), whose release/acquire orders every access. */
struct media_pool {
	int max_open, n_open;
	struct media_reader *lru_head, *lru_tail; /* the open readers, last read first */
	struct pool_probe *probes;
	size_t n_probes, cap_probes; /* cap: a power of two, at most half full */
};

struct media_pool *media_pool_create(int max_open)
{
	if (max_open <= 0) {
		/* an eighth of the process's limit: the playing graph, a bounce, the analysis
		 * and a graph on its way out each hold a pool, beside the terminal and the
		 * audio device */
		long limit = open_files_limit();
		max_open = limit < 0 ? MEDIA_POOL_MAX_OPEN : (int)(limit / 8 < MEDIA_POOL_MAX_OPEN
			? limit / 8 : MEDIA_POOL_MAX_OPEN);
		if (max_open < MEDIA_POOL_MIN_OPEN)
			max_open = MEDIA_POOL_MIN_OPEN;
	}
	struct media_pool *pool = calloc(1, sizeof *pool);
	if (!pool)
		return NULL;
	pool->max_open = max_open;
	return pool;
}

static void lru_unlink(struct media_pool *pool, struct media_reader *r)
{
	if (r->lru_prev)
		r->lru_prev->lru_next = r->lru_next;
	else
		pool->lru_head = r->lru_next;
	if (r->lru_next)
		r->lru_next->lru_prev = r->lru_prev;
	else
		pool->lru_tail = r->lru_prev;
	r->lru_prev = r->lru_next = NULL;
}

static void lru_push_head(struct media_pool *pool, struct media_reader *r)
{
	r->lru_prev = NULL;
	r->lru_next = pool->lru_head;
	if (pool->lru_head)
		pool->lru_head->lru_prev = r;
	pool->lru_head = r;
	if (!pool->lru_tail)
		pool->lru_tail = r;
}

/* Close a pooled reader's file and let go of what reading needed; its next read opens
 * the file again and seeks to where it is asked to read. */
static void reader_park(struct media_reader *r)
{
	if (!r->file)
		return;
	sf_close(r->file);
	r->file = NULL;
	media_resampler_destroy(r->rs);
	r->rs = NULL;
	free(r->in_buf);
	free(r->skip_buf);
	free(r->raw_buf);
	r->in_buf = r->skip_buf = NULL;
	r->raw_buf = NULL;
	r->next_pos = INT64_MIN; /* whatever is asked next seeks */
	if (r->pool) {
		lru_unlink(r->pool, r);
		r->pool->n_open--;
	}
}

void media_pool_close_files(struct media_pool *pool)
{
	while (pool && pool->lru_tail)
		reader_park(pool->lru_tail);
}

int media_pool_open_files(const struct media_pool *pool)
{
	return pool ? pool->n_open : 0;
}

void media_pool_destroy(struct media_pool *pool)
{
	if (!pool)
		return;
	media_pool_close_files(pool);
	for (size_t i = 0; i < pool->cap_probes; i++) {
		free(pool->probes[i].path);
		free(pool->probes[i].why);
	}
	free(pool->probes);
	free(pool);
}

static struct pool_probe *probe_slot(struct pool_probe *slots, size_t cap, const char *path,
	uint64_t hash)
{
	size_t i = (size_t)hash & (cap - 1);
	while (slots[i].path && (slots[i].hash != hash || strcmp(slots[i].path, path)))
		i = (i + 1) & (cap - 1);
	return &slots[i];
}

/* The probe of path, made once per pool. NULL when out of memory. */
static const struct pool_probe *pool_probe(struct media_pool *pool, const char *path)
{
	if ((pool->n_probes + 1) * 2 > pool->cap_probes) {
		size_t cap = pool->cap_probes ? pool->cap_probes * 2 : 64;
		struct pool_probe *slots = calloc(cap, sizeof *slots);
		if (!slots)
			return NULL;
		for (size_t i = 0; i < pool->cap_probes; i++)
			if (pool->probes[i].path)
				*probe_slot(slots, cap, pool->probes[i].path, pool->probes[i].hash) =
					pool->probes[i];
		free(pool->probes);
		pool->probes = slots;
		pool->cap_probes = cap;
	}
	uint64_t hash = fnv1a(FNV1A_INIT, path, strlen(path));
	struct pool_probe *p = probe_slot(pool->probes, pool->cap_probes, path, hash);
	if (p->path)
		return p;
	if (!(p->path = strdup(path)))
		return NULL;
	p->hash = hash;
	pool->n_probes++;
	struct err_msg why;
	SNDFILE *f = NULL;
	p->e = open_file(path, &f, &p->info, &p->sf_format, &why);
	if (p->e == ERR_OK)
		sf_close(f);
	else if (!(p->why = strdup(why.text)))
		p->e = ERR_NOMEM;
	return p;
}

/* ---- readers ---- */

static enum err reader_restart(struct media_reader *r, int64_t src_frame, int64_t out_pos)
{
	if (sf_seek(r->file, src_frame, SEEK_SET) < 0)
		return ERR_MEDIA;
	r->src_pos = src_frame;
	r->next_pos = out_pos;
	r->in_avail = r->in_off = 0;
	r->input_done = src_frame >= r->info.frames;
	r->flushed = r->drained = false;
	if (r->rs)
		soxr_fn.clear(r->rs->soxr);
	return ERR_OK;
}

/* A reader with its sizes worked out from info, not yet reading. */
static enum err reader_new(struct media_reader **out, const char *path, int out_rate,
	const struct media_info *info, int sf_format, struct err_msg *msg)
{
	*out = NULL;
	struct media_reader *r = calloc(1, sizeof *r);
	if (!r || !(r->path = strdup(path))) {
		free(r);
		return err_set(msg, ERR_NOMEM, "%s: out of memory", path);
	}
	r->info = *info;
	r->sf_format = sf_format;
	r->out_rate = out_rate;
	r->report_bad = true;
	r->short_at = -1;
	if (out_rate == info->sample_rate) {
		r->out_frames = info->frames;
	} else {
		long g = gcd_long(out_rate, info->sample_rate);
		r->period_out = out_rate / g;
		r->period_in = info->sample_rate / g;
		r->out_frames = (int64_t)llround((double)info->frames * out_rate /
			info->sample_rate);
	}
	*out = r;
	return ERR_OK;
}

static void reader_free(struct media_reader *r)
{
	media_resampler_destroy(r->rs);
	free(r->in_buf);
	free(r->skip_buf);
	free(r->raw_buf);
	if (r->file)
		sf_close(r->file);
	free(r->path);
	free(r);
}

/* The resampler a reader at another rate than its file's needs (made again after the
 * pool closed the reader). */
static enum err reader_prepare(struct media_reader *r, struct err_msg *msg)
{
	if (r->out_rate == r->info.sample_rate || r->rs)
		return ERR_OK;
	struct err_msg why;
	enum err e = media_resampler_create(&r->rs, r->info.sample_rate, r->out_rate,
		r->info.channels, &why);
	if (e != ERR_OK)
		return err_set(msg, ERR_MEDIA, "%s: %s", r->path, why.text);
	if (!(r->in_buf = malloc(sizeof(float) * READER_IN_FRAMES * MEDIA_MAX_CHANNELS))) {
		media_resampler_destroy(r->rs);
		r->rs = NULL;
		return err_set(msg, ERR_NOMEM, "%s: out of memory", r->path);
	}
	return ERR_OK;
}

/* Make r ready to read: its file open (for a pooled reader: now, closing the file the
 * pool's readers read least recently when it holds its limit) and its resampler made. */
static enum err reader_activate(struct media_reader *r, struct err_msg *msg)
{
	struct media_pool *pool = r->pool;
	if (r->file) {
		if (pool && pool->lru_head != r) {
			lru_unlink(pool, r);
			lru_push_head(pool, r);
		}
		return ERR_OK;
	}
	if (pool && pool->n_open >= pool->max_open && pool->lru_tail)
		reader_park(pool->lru_tail);
	struct media_info now;
	int now_format = 0;
	enum err e;
	/* out of descriptors (ERR_IO from open_file) while the pool holds some: the
	 * process's limit is tighter than the pool assumed; hold fewer from now on */
	while ((e = open_file(r->path, &r->file, &now, &now_format, msg)) == ERR_IO && pool
		&& pool->lru_tail) {
		pool->max_open = pool->n_open > 1 ? pool->n_open - 1 : 1;
		reader_park(pool->lru_tail);
	}
	if (e != ERR_OK)
		return e;
	if (now.channels != r->info.channels || now.sample_rate != r->info.sample_rate
		|| now.frames != r->info.frames)
		e = err_set(msg, ERR_MEDIA, "%s: the file changed since it was opened "
			"(%d ch, %d Hz, %lld frames; now %d ch, %d Hz, %lld frames)", r->path,
			r->info.channels, r->info.sample_rate, (long long)r->info.frames, now.channels,
			now.sample_rate, (long long)now.frames);
	else if (now_format != r->sf_format)
		/* how the samples are read (raw_kind) and checked follows the format */
		e = err_set(msg, ERR_MEDIA, "%s: the file changed since it was opened (%s; "
			"now %s)", r->path, r->info.format, now.format);
	else
		e = reader_prepare(r, msg);
	if (e != ERR_OK) {
		sf_close(r->file);
		r->file = NULL;
		return e;
	}
	r->raw = raw_kind(r->file, r->sf_format);
	if (pool) {
		lru_push_head(pool, r);
		pool->n_open++;
	}
	return ERR_OK;
}

enum err media_reader_open(struct media_reader **out, const char *path, int out_rate,
	struct err_msg *msg)
{
	*out = NULL;
	if (out_rate < 1000 || out_rate > 768000)
		return err_set(msg, ERR_RANGE, "%s: bad output rate %d Hz", path, out_rate);
	struct media_info info;
	int format = 0;
	SNDFILE *f = NULL;
	enum err e = open_file(path, &f, &info, &format, msg);
	if (e != ERR_OK)
		return e;
	struct media_reader *r;
	if ((e = reader_new(&r, path, out_rate, &info, format, msg)) != ERR_OK) {
		sf_close(f);
		return e;
	}
	/* the file just probed is the one it reads: no second open */
	r->file = f;
	r->raw = raw_kind(f, format);
	if ((e = reader_prepare(r, msg)) != ERR_OK) {
		reader_free(r);
		return e;
	}
	*out = r;
	return ERR_OK;
}

enum err media_reader_open_pooled(struct media_reader **out, struct media_pool *pool,
	const char *path, int out_rate, struct err_msg *msg)
{
	*out = NULL;
	if (out_rate < 1000 || out_rate > 768000)
		return err_set(msg, ERR_RANGE, "%s: bad output rate %d Hz", path, out_rate);
	const struct pool_probe *p = pool_probe(pool, path);
	if (!p)
		return err_set(msg, ERR_NOMEM, "%s: out of memory", path);
	if (p->e != ERR_OK)
		return err_set(msg, p->e, "%s", p->why);
	enum err e = reader_new(out, path, out_rate, &p->info, p->sf_format, msg);
	if (e == ERR_OK)
		(*out)->pool = pool;
	return e;
}

void media_reader_close(struct media_reader *r)
{
	if (!r)
		return;
	reader_park(r);
	reader_free(r);
}

const struct media_info *media_reader_info(const struct media_reader *r)
{
	return &r->info;
}

int64_t media_reader_frames(const struct media_reader *r)
{
	return r->out_frames;
}

/* Up to frames frames from the file's position into out, as sf_readf_float reads them
 * (the raw path gives the same floats); the frames read (fewer at the data's end). */
static sf_count_t reader_decode(struct media_reader *r, float *out, sf_count_t frames)
{
	if (r->raw == PCM_NONE)
		return sf_readf_float(r->file, out, frames);
	const int ch = r->info.channels, width = pcm_bytes(r->raw) * ch;
	if (!r->raw_buf && !(r->raw_buf = malloc((size_t)RAW_FRAMES * MEDIA_MAX_CHANNELS * 4
		+ PCM_SLACK)))
		return sf_readf_float(r->file, out, frames);
	sf_count_t done = 0;
	while (done < frames) {
		sf_count_t want = frames - done < RAW_FRAMES ? frames - done : RAW_FRAMES;
		sf_count_t got = sf_read_raw(r->file, r->raw_buf, want * width) / width;
		if (got <= 0)
			break;
		pcm_to_float(r->raw, r->raw_buf, out + done * ch, (size_t)(got * ch));
		done += got;
		if (got < want)
			break;
	}
	return done;
}

/* The data ran out at file frame at, before the header's end. */
static enum err reader_short(struct media_reader *r, int64_t at, const char *what,
	struct err_msg *msg)
{
	if (r->short_at < 0)
		r->short_at = at;
	return err_set(msg, ERR_MEDIA, "%s: file ended early at frame %lld (truncated?)", what,
		(long long)at);
}

/* Fill the resampler's input buffer from the file. */
static enum err reader_fill_input(struct media_reader *r, const char *what,
	struct err_msg *msg)
{
	int64_t left = r->info.frames - r->src_pos;
	int want = left < READER_IN_FRAMES ? (int)left : READER_IN_FRAMES;
	sf_count_t got = want > 0 ? reader_decode(r, r->in_buf, want) : 0;
	if (got > 0)
		reader_check_samples(r, r->in_buf, got);
	if (got < want)
		return reader_short(r, r->src_pos + (got > 0 ? got : 0), what, msg);
	r->src_pos += got;
	r->in_avail = (int)got;
	r->in_off = 0;
	if (r->src_pos >= r->info.frames)
		r->input_done = true;
	return ERR_OK;
}

/* Produce exactly n output frames continuing at next_pos (zeros after the end). */
static enum err reader_produce(struct media_reader *r, float *out, int n, const char *what,
	struct err_msg *msg)
{
	const int ch = r->info.channels;
	int done = 0;
	if (!r->rs) {
		int64_t left = r->info.frames - r->next_pos;
		int want = left <= 0 ? 0 : (left < n ? (int)left : n);
		if (want > 0) {
			sf_count_t got = reader_decode(r, out, want);
			if (got > 0)
				reader_check_samples(r, out, got);
			if (got < want)
				return reader_short(r, r->next_pos + (got > 0 ? got : 0), what, msg);
			done = want;
		}
	} else {
		while (done < n) {
			if (r->in_avail == 0 && !r->input_done) {
				enum err e = reader_fill_input(r, what, msg);
				if (e != ERR_OK)
					return e;
			}
			size_t idone = 0, odone = 0;
			const float *in = NULL;
			size_t ilen = 0;
			if (r->in_avail > 0) {
				in = r->in_buf + (size_t)r->in_off * ch;
				ilen = (size_t)r->in_avail;
			} else if (r->drained) {
				break; /* everything is out */
			} else {
				r->flushed = true; /* in == NULL tells soxr the input ended */
			}
			soxr_error_t serr = soxr_fn.process(r->rs->soxr, in, ilen, &idone,
				out + (size_t)done * ch, (size_t)(n - done), &odone);
			if (serr)
				return err_set(msg, ERR_MEDIA, "%s: resampler: %s", what, serr);
			r->in_off += (int)idone;
			r->in_avail -= (int)idone;
			done += (int)odone;
			/* one flush call returns only what fits: keep asking, in this call and
			 * later ones, until soxr has nothing more */
			if (!in && odone == 0) {
				r->drained = true;
				break;
			}
		}
	}
	if (done < n)
		memset(out + (size_t)done * ch, 0, sizeof(float) * (size_t)(n - done) * ch);
	r->next_pos += n;
	return ERR_OK;
}

static enum err reader_seek(struct media_reader *r, int64_t pos, const char *what,
	struct err_msg *msg)
{
	if (!r->rs) {
		int64_t src = pos < r->info.frames ? pos : r->info.frames;
		if (reader_restart(r, src, pos) != ERR_OK)
			return err_set(msg, ERR_MEDIA, "%s: cannot seek to frame %lld", what,
				(long long)pos);
		return ERR_OK;
	}
	int64_t start_out = pos - READER_PREROLL, start_in;
	if (start_out <= 0) {
		start_out = 0;
		start_in = 0;
	} else if (r->period_out <= READER_MAX_PERIOD) {
		/* restart on a frame where input and output clocks meet exactly */
		int64_t k = start_out / r->period_out;
		start_out = k * r->period_out;
		start_in = k * r->period_in;
	} else {
		start_in = (int64_t)((double)start_out * r->info.sample_rate / r->out_rate);
		start_out = (int64_t)llround((double)start_in * r->out_rate / r->info.sample_rate);
	}
	if (start_in > r->info.frames) {
		/* past the end: no resampling needed, everything is silence */
		start_in = r->info.frames;
		start_out = pos;
	}
	if (reader_restart(r, start_in, start_out) != ERR_OK)
		return err_set(msg, ERR_MEDIA, "%s: cannot seek to frame %lld", what,
			(long long)pos);
	if (r->next_pos < pos && !r->skip_buf) {
		r->skip_buf = malloc(sizeof(float) * READER_IN_FRAMES * MEDIA_MAX_CHANNELS);
		if (!r->skip_buf)
			return err_set(msg, ERR_NOMEM, "%s: out of memory", what);
	}
	while (r->next_pos < pos) {
		int64_t gap = pos - r->next_pos;
		int n = gap < READER_IN_FRAMES ? (int)gap : READER_IN_FRAMES;
		enum err e = reader_produce(r, r->skip_buf, n, what, msg);
		if (e != ERR_OK)
			return e;
	}
	return ERR_OK;
}

enum err media_reader_read(struct media_reader *r, int64_t pos, float *out, int n,
	struct err_msg *msg)
{
	const char *what = r->path;
	if (n <= 0)
		return ERR_OK;
	if (pos < 0) {
		/* frames before the file starts are silence */
		int64_t pre = -pos < n ? -pos : n;
		memset(out, 0, sizeof(float) * (size_t)pre * r->info.channels);
		out += pre * r->info.channels;
		n -= (int)pre;
		pos = 0;
		if (n == 0)
			return ERR_OK;
	}
	enum err e = reader_activate(r, msg);
	if (e != ERR_OK)
		return e;
	if (pos != r->next_pos && (e = reader_seek(r, pos, what, msg)) != ERR_OK)
		return e;
	return reader_produce(r, out, n, what, msg);
}

/* ---- writer ---- */

/* A writer into an fd goes through a buffer of our own (libsndfile's virtual I/O):
 * libsndfile hands write(2) 8190 bytes at a time at offsets that straddle pages, and
 * the file system then zeroes the part of each page it was not given and looks each
 * page up again; 64 KB written at multiples of 64 KB from the file's start cost the
 * kernel about half as much (render --stems on the session, a file per strip: 2.0 to
 * 2.3 s of system time before, 1.1 to 1.4 s after; a larger buffer falls out of the
 * cache between our copy and the kernel's). Any seek, read or length asked for
 * writes out what is held first, so libsndfile sees the file as if it wrote it
 * itself; the bytes are the same.
 * A whole 64 KB of zeros past the file's end is not written but left as a hole, the
 * file's length set when anything asks for it or the file is done: the fd is new and
 * empty (media_writer_open_fd), so the hole reads as the zeros it stands for. Half of
 * the session's stems is digital silence (an instrument that plays a verse, a strip
 * that plays into a bus): that half costs neither the copy into the kernel nor room
 * on the disk. */
#define WRITE_BUF_BYTES (64 * 1024)

struct write_buf {
	int fd;
	sf_count_t start;        /* the file offset of buf[0] */
	size_t len;
	unsigned char *buf;
	/* errno of the first write that failed, 0 while none has: libsndfile checks
	 * neither what a seek nor what a write inside sf_close or a header update returns,
	 * so a failure there is kept here for media_writer_sync and _close to report (a
	 * full disk in the last 64 KB would otherwise leave a short file called done) */
	int err;
	sf_count_t size;         /* the file's length on disk: what pwrite or ftruncate made */
	sf_count_t end;          /* its length as written, holes left for zeros included */
};

struct media_writer {
	SNDFILE *file;
	char path[4096];
	enum err first_error;
	struct write_buf *wb;    /* NULL: libsndfile writes the file itself */
	enum pcm_kind raw;       /* 16 or 24-bit PCM packed here (raw_kind), or PCM_NONE */
	int channels;
	unsigned char *raw_buf;  /* RAW_FRAMES frames of packed samples */
};

/* Out with what is held; false with errno set when the file takes less. */
static bool wb_flush(struct write_buf *b)
{
	if (b->err) {
		errno = b->err;
		return false;
	}
	if (b->len == 0)
		return true;
	const sf_count_t block_end = b->start + (sf_count_t)b->len;
	if (b->len == WRITE_BUF_BYTES && b->start >= b->size && b->buf[0] == 0
		&& memcmp(b->buf, b->buf + 1, b->len - 1) == 0) {
		/* a whole block of zeros past the end: a hole (above) */
		b->start = block_end;
		b->len = 0;
		if (b->end < block_end)
			b->end = block_end;
		return true;
	}
	size_t done = 0;
	while (done < b->len) {
		ssize_t k = pwrite(b->fd, b->buf + done, b->len - done, (off_t)(b->start + (sf_count_t)done));
		if (k < 0 && errno == EINTR)
			continue;
		if (k <= 0) {
			if (k == 0)
				errno = ENOSPC;
			/* what was written stays written; the rest is dropped with the file, and
			 * nothing more is written after it (a hole would follow) */
			b->err = errno;
			b->start += (sf_count_t)done;
			b->len = 0;
			return false;
		}
		done += (size_t)k;
	}
	b->start += (sf_count_t)b->len;
	b->len = 0;
	if (b->size < block_end)
		b->size = block_end;
	if (b->end < block_end)
		b->end = block_end;
	return true;
}

/* wb_flush, and the file made as long as written: a hole at its end has no length
 * until the file is stretched over it. false with errno set when it cannot be. */
static bool wb_settle(struct write_buf *b)
{
	if (!wb_flush(b))
		return false;
	if (b->size < b->end) {
		if (ftruncate(b->fd, (off_t)b->end) != 0) {
			b->err = errno;
			return false;
		}
		b->size = b->end;
	}
	return true;
}

static sf_count_t wb_filelen(void *user)
{
	struct write_buf *b = user;
	struct stat st;
	if (!wb_settle(b) || fstat(b->fd, &st) != 0)
		return -1;
	return (sf_count_t)st.st_size;
}

static sf_count_t wb_seek(sf_count_t offset, int whence, void *user)
{
	struct write_buf *b = user;
	if (!wb_settle(b))
		return -1;
	off_t at = lseek(b->fd, (off_t)(whence == SEEK_CUR ? b->start + offset : offset),
		whence == SEEK_CUR ? SEEK_SET : whence);
	if (at < 0)
		return -1;
	b->start = (sf_count_t)at;
	return b->start;
}

static sf_count_t wb_read(void *ptr, sf_count_t count, void *user)
{
	struct write_buf *b = user;
	if (!wb_settle(b))
		return 0;
	ssize_t k = pread(b->fd, ptr, (size_t)count, (off_t)b->start);
	if (k <= 0)
		return 0;
	b->start += k;
	return k;
}

static sf_count_t wb_write(const void *ptr, sf_count_t count, void *user)
{
	struct write_buf *b = user;
	const unsigned char *p = ptr;
	sf_count_t done = 0;
	if (b->err)
		return 0;
	while (done < count) {
		/* fill up to the next multiple of the buffer's size in the file */
		const size_t room = WRITE_BUF_BYTES
			- (size_t)((b->start + (sf_count_t)b->len) % WRITE_BUF_BYTES);
		const size_t k = (size_t)(count - done) < room ? (size_t)(count - done) : room;
		memcpy(b->buf + b->len, p + done, k);
		b->len += k;
		done += (sf_count_t)k;
		if (k == room && !wb_flush(b))
			return 0;
	}
	return count;
}

static sf_count_t wb_tell(void *user)
{
	const struct write_buf *b = user;
	return b->start + (sf_count_t)b->len;
}

static SF_VIRTUAL_IO wb_io = { wb_filelen, wb_seek, wb_read, wb_write, wb_tell };

bool media_container_parse(const char *s, enum media_container *c)
{
	if (!strcmp(s, "wav"))
		*c = MEDIA_WAV;
	else if (!strcmp(s, "flac"))
		*c = MEDIA_FLAC;
	else if (!strcmp(s, "ogg"))
		*c = MEDIA_OGG;
	else if (!strcmp(s, "aiff"))
		*c = MEDIA_AIFF;
	else if (!strcmp(s, "mp3"))
		*c = MEDIA_MP3;
	else
		return false;
	return true;
}

static int container_format(enum media_container c, enum media_sample sample)
{
	switch (c) {
	case MEDIA_WAV:
		return SF_FORMAT_WAV | (sample == MEDIA_PCM16 ? SF_FORMAT_PCM_16 :
			sample == MEDIA_PCM24 ? SF_FORMAT_PCM_24 : SF_FORMAT_FLOAT);
	case MEDIA_FLAC:
		return SF_FORMAT_FLAC | (sample == MEDIA_PCM16 ? SF_FORMAT_PCM_16 : SF_FORMAT_PCM_24);
	case MEDIA_OGG:
		return SF_FORMAT_OGG | SF_FORMAT_VORBIS;
	case MEDIA_AIFF:
		return SF_FORMAT_AIFF | (sample == MEDIA_PCM16 ? SF_FORMAT_PCM_16 :
			sample == MEDIA_PCM24 ? SF_FORMAT_PCM_24 : SF_FORMAT_FLOAT);
	case MEDIA_MP3:
		return SF_FORMAT_MPEG | SF_FORMAT_MPEG_LAYER_III;
	}
	return 0;
}

bool media_container_writable(enum media_container c)
{
	SF_INFO sfi = { .samplerate = 44100, .channels = 2,
		.format = container_format(c, MEDIA_PCM16) };
	return sfi.format && sf_format_check(&sfi);
}

const char *media_container_ext(enum media_container c)
{
	switch (c) {
	case MEDIA_FLAC: return "flac";
	case MEDIA_OGG: return "ogg";
	case MEDIA_AIFF: return "aiff";
	case MEDIA_MP3: return "mp3";
	case MEDIA_WAV: break;
	}
	return "wav";
}

bool media_container_is_pcm(enum media_container c)
{
	return c == MEDIA_WAV || c == MEDIA_FLAC || c == MEDIA_AIFF;
}

bool media_sample_parse(const char *s, enum media_sample *t)
{
	if (!strcmp(s, "16"))
		*t = MEDIA_PCM16;
	else if (!strcmp(s, "24"))
		*t = MEDIA_PCM24;
	else if (!strcmp(s, "32f"))
		*t = MEDIA_FLOAT32;
	else
		return false;
	return true;
}

bool media_container_parse_ext(const char *ext, enum media_container *c)
{
	if (!strcasecmp(ext, "wav") || !strcasecmp(ext, "wave"))
		*c = MEDIA_WAV;
	else if (!strcasecmp(ext, "flac"))
		*c = MEDIA_FLAC;
	else if (!strcasecmp(ext, "ogg") || !strcasecmp(ext, "oga"))
		*c = MEDIA_OGG;
	else if (!strcasecmp(ext, "aiff") || !strcasecmp(ext, "aif"))
		*c = MEDIA_AIFF;
	else if (!strcasecmp(ext, "mp3"))
		*c = MEDIA_MP3;
	else
		return false;
	return true;
}

static enum err writer_open(struct media_writer **out, const char *path, int fd,
	enum media_container container, enum media_sample sample, int rate, int channels,
	struct err_msg *msg)
{
	*out = NULL;
	if (container == MEDIA_FLAC && sample == MEDIA_FLOAT32)
		return err_set(msg, ERR_USAGE, "%s: FLAC stores 16 or 24-bit, not 32-bit float",
			path);
	int format = container_format(container, sample);
	if (!format)
		return err_set(msg, ERR_USAGE, "%s: unknown container", path);
	if (container == MEDIA_MP3 && !media_container_writable(MEDIA_MP3))
		return err_set(msg, ERR_USAGE, "%s: this libsndfile cannot write MP3 (it was built "
			"without LAME); use wav, flac or ogg", path);
	SF_INFO sfi = { .samplerate = rate, .channels = channels, .format = format };
	if (!sf_format_check(&sfi))
		return err_set(msg, ERR_USAGE, "%s: this format cannot store %d channels at %d Hz",
			path, channels, rate);
	struct media_writer *w = calloc(1, sizeof *w);
	if (w && fd >= 0 && (w->wb = calloc(1, sizeof *w->wb)) != NULL)
		w->wb->buf = malloc(WRITE_BUF_BYTES);
	if (!w || (fd >= 0 && (!w->wb || !w->wb->buf))) {
		if (w && w->wb)
			free(w->wb->buf);
		free(w ? w->wb : NULL);
		free(w);
		return err_set(msg, ERR_NOMEM, "%s: out of memory", path);
	}
	errno = 0;
	/* an fd stays the caller's (sf_close never closes a virtual file); it is new and
	 * empty, written from its start */
	if (fd >= 0)
		w->wb->fd = fd;
	w->file = fd >= 0 ? sf_open_virtual(&wb_io, SFM_WRITE, &sfi, w->wb)
		: sf_open(path, SFM_WRITE, &sfi);
	if (!w->file) {
		int saved = errno;
		if (w->wb)
			free(w->wb->buf);
		free(w->wb);
		free(w);
		if (saved == ENOSPC)
			return err_set(msg, ERR_NO_SPACE, "%s: no space left on device", path);
		return err_set(msg, ERR_IO, "%s: cannot create: %s", path,
			saved ? strerror(saved) : sf_strerror(NULL));
	}
	snprintf(w->path, sizeof w->path, "%s", path);
	/* Clip instead of wrapping, and scale by 2^(bits-1) so that writing and
	 * reading integer files round-trip exactly. */
	sf_command(w->file, SFC_SET_CLIPPING, NULL, SF_TRUE);
	/* libsndfile stamps the PEAK chunk of a float WAV or AIFF with the wall-clock
	 * second: two renders of one project would differ in that word, and a render is
	 * promised to be the same bytes every time (ttymix.1, --dither) */
	if (sample == MEDIA_FLOAT32)
		sf_command(w->file, SFC_SET_ADD_PEAK_CHUNK, NULL, SF_FALSE);
	/* integer PCM is packed here (audio/pcm.h), the same bytes libsndfile's clipping
	 * writer makes; a float file keeps libsndfile's writer, which is a copy */
	w->channels = channels;
	w->raw = raw_kind(w->file, sfi.format);
	if (w->raw != PCM_S16 && w->raw != PCM_S24)
		w->raw = PCM_NONE;
	if (w->raw != PCM_NONE && !(w->raw_buf = malloc((size_t)RAW_FRAMES * channels
		* pcm_bytes(w->raw) + PCM_SLACK)))
		w->raw = PCM_NONE;
	*out = w;
	return ERR_OK;
}

enum err media_writer_open(struct media_writer **out, const char *path,
	enum media_container container, enum media_sample sample, int rate, int channels,
	struct err_msg *msg)
{
	return writer_open(out, path, -1, container, sample, rate, channels, msg);
}

enum err media_writer_open_fd(struct media_writer **out, int fd, const char *name,
	enum media_container container, enum media_sample sample, int rate, int channels,
	struct err_msg *msg)
{
	return writer_open(out, name, fd, container, sample, rate, channels, msg);
}

static const struct { const char *key; int id; } tag_ids[] = {
	{ "title", SF_STR_TITLE }, { "artist", SF_STR_ARTIST }, { "album", SF_STR_ALBUM },
	{ "date", SF_STR_DATE }, { "comment", SF_STR_COMMENT }, { "genre", SF_STR_GENRE },
	{ "software", SF_STR_SOFTWARE }, { "tracknumber", SF_STR_TRACKNUMBER },
};

static int tag_id(const char *key)
{
	for (size_t i = 0; i < sizeof tag_ids / sizeof tag_ids[0]; i++)
		if (!strcmp(tag_ids[i].key, key))
			return tag_ids[i].id;
	return 0;
}

void media_writer_set_tag(struct media_writer *w, const char *key, const char *value)
{
	int id = tag_id(key);
	if (id)
		sf_set_string(w->file, id, value);
}

bool media_read_tag(const char *path, const char *key, char *out, size_t size)
{
	int id = tag_id(key);
	SF_INFO sfi = { 0 };
	SNDFILE *f = id ? sf_open(path, SFM_READ, &sfi) : NULL;
	if (!f)
		return false;
	const char *v = sf_get_string(f, id);
	if (v && size)
		snprintf(out, size, "%s", v);
	sf_close(f);
	return v != NULL;
}

enum err media_writer_write(struct media_writer *w, const float *frames, int n,
	struct err_msg *msg)
{
	if (w->first_error != ERR_OK)
		return w->first_error;
	errno = 0;
	sf_count_t done = 0;
	if (w->raw == PCM_NONE) {
		done = sf_writef_float(w->file, frames, n);
	} else {
		const int width = pcm_bytes(w->raw) * w->channels;
		while (done < n) {
			int k = n - (int)done < RAW_FRAMES ? n - (int)done : RAW_FRAMES;
			pcm_from_float(w->raw, frames + done * w->channels, w->raw_buf,
				(size_t)k * w->channels);
			sf_count_t put = sf_write_raw(w->file, w->raw_buf, (sf_count_t)k * width)
				/ width;
			done += put;
			if (put < k)
				break;
		}
	}
	if (done != n) {
		int saved = errno;
		w->first_error = saved == ENOSPC ? ERR_NO_SPACE : ERR_IO;
		if (saved == ENOSPC)
			return err_set(msg, ERR_NO_SPACE, "%s: no space left on device", w->path);
		return err_set(msg, ERR_IO, "%s: write failed: %s", w->path,
			saved ? strerror(saved) : sf_strerror(w->file));
	}
	return ERR_OK;
}

enum err media_writer_sync(struct media_writer *w, struct err_msg *msg)
{
	if (w->first_error != ERR_OK)
		return w->first_error;
	errno = 0;
	sf_command(w->file, SFC_UPDATE_HEADER_NOW, NULL, 0);
	int rc = sf_error(w->file);
	if (rc == SF_ERR_NO_ERROR && w->wb && !wb_settle(w->wb))
		rc = SF_ERR_SYSTEM;
	if (rc != SF_ERR_NO_ERROR || (w->wb && w->wb->err)) {
		const int saved = w->wb && w->wb->err ? w->wb->err : errno;
		if (rc == SF_ERR_NO_ERROR)
			rc = SF_ERR_SYSTEM;
		w->first_error = saved == ENOSPC ? ERR_NO_SPACE : ERR_IO;
		return err_set(msg, w->first_error, "%s: %s", w->path,
			saved ? strerror(saved) : sf_error_number(rc));
	}
	return ERR_OK;
}

enum err media_writer_close(struct media_writer *w, struct err_msg *msg)
{
	if (!w)
		return ERR_OK;
	enum err e = w->first_error;
	errno = 0;
	int rc = sf_close(w->file);
	/* the header libsndfile wrote last is still ours to write out, and a write that
	 * failed inside sf_close (its seeks flush the last frames) is ours to report */
	if (rc == 0 && w->wb && !wb_settle(w->wb))
		rc = SF_ERR_SYSTEM;
	if (rc != 0 && e == ERR_OK) {
		int saved = w->wb && w->wb->err ? w->wb->err : errno;
		e = saved == ENOSPC ? ERR_NO_SPACE : ERR_IO;
		err_set(msg, e, "%s: %s", w->path,
			saved ? strerror(saved) : sf_error_number(rc));
	}
	if (w->wb)
		free(w->wb->buf);
	free(w->wb);
	free(w->raw_buf);
	free(w);
	return e;
}

enum err media_resampler_process(struct media_resampler *r, const float *in, int n,
	int *in_used, float *out, int out_cap, int *out_n, struct err_msg *msg)
{
	size_t idone = 0, odone = 0;
	soxr_error_t serr = soxr_fn.process(r->soxr, in, in ? (size_t)n : 0, &idone, out,
		(size_t)out_cap, &odone);
	if (serr)
		return err_set(msg, ERR_IO, "resampler: %s", serr);
	*in_used = (int)idone;
	*out_n = (int)odone;
	return ERR_OK;
}

/* ---- verification: what the file really holds ---- */

static uint32_t get_le32(const unsigned char *b)
{
	return (uint32_t)b[0] | (uint32_t)b[1] << 8 | (uint32_t)b[2] << 16 | (uint32_t)b[3] << 24;
}

static uint32_t get_be32(const unsigned char *b)
{
	return (uint32_t)b[3] | (uint32_t)b[2] << 8 | (uint32_t)b[1] << 16 | (uint32_t)b[0] << 24;
}

/* Walk a RIFF WAVE (or big-endian RIFX) file's chunks to its data chunk: the frames
 * that chunk's size claims, by the fmt chunk's block size. -1 when the file says
 * nothing usable (libsndfile itself trusts the file's length over such a claim, which
 * is why a header can lie unseen). */
static int64_t wav_header_frames(FILE *f)
{
	unsigned char h[12];
	if (fread(h, 1, sizeof h, f) != sizeof h || memcmp(h + 8, "WAVE", 4))
		return -1;
	bool big = !memcmp(h, "RIFX", 4);
	if (!big && memcmp(h, "RIFF", 4))
		return -1;
	unsigned block_align = 0;
	for (int chunks = 0; chunks < 1000; chunks++) {
		unsigned char c[8];
		if (fread(c, 1, sizeof c, f) != sizeof c)
			return -1;
		uint32_t size = big ? get_be32(c + 4) : get_le32(c + 4);
		off_t skip = (off_t)size + (size & 1);
		if (!memcmp(c, "fmt ", 4)) {
			unsigned char fmt[16];
			if (size < sizeof fmt || fread(fmt, 1, sizeof fmt, f) != sizeof fmt)
				return -1;
			block_align = big ? (unsigned)fmt[12] << 8 | fmt[13]
				: (unsigned)fmt[13] << 8 | fmt[12];
			skip -= (off_t)sizeof fmt;
		} else if (!memcmp(c, "data", 4)) {
			/* "unknown" from a writer that streamed into a pipe: 0 and 0xffffffff,
			 * 0x7fffffff, and sox's 0x7ffff000; such a file is whole, and its
			 * header never meant the length */
			if (!block_align || size == 0 || size == UINT32_MAX || size == 0x7fffffffu
			    || size == 0x7ffff000u)
				return -1;
			return (int64_t)size / block_align;
		}
		if (fseeko(f, skip, SEEK_CUR) != 0)
			return -1;
	}
	return -1;
}

/* An AIFF (or AIFF-C) file's COMM chunk: the frames it claims, whatever the sample
 * format; -1 when there is none to read. libsndfile goes by the sound data chunk. */
static int64_t aiff_header_frames(FILE *f)
{
	unsigned char h[12];
	if (fread(h, 1, sizeof h, f) != sizeof h || memcmp(h, "FORM", 4)
		|| (memcmp(h + 8, "AIFF", 4) && memcmp(h + 8, "AIFC", 4)))
		return -1;
	for (int chunks = 0; chunks < 1000; chunks++) {
		unsigned char c[8];
		if (fread(c, 1, sizeof c, f) != sizeof c)
			return -1;
		uint32_t size = get_be32(c + 4);
		if (!memcmp(c, "COMM", 4)) {
			unsigned char comm[6]; /* channels (2 bytes), frames (4) */
			if (size < sizeof comm || fread(comm, 1, sizeof comm, f) != sizeof comm)
				return -1;
			return (int64_t)get_be32(comm + 2);
		}
		if (fseeko(f, (off_t)size + (size & 1), SEEK_CUR) != 0)
			return -1;
	}
	return -1;
}

/* The frames a file's header claims, where ttymix can tell it apart from what
 * libsndfile found (WAV with plain samples, AIFF); -1 otherwise. */
static int64_t header_frames(const char *path, int sf_format)
{
	int major = sf_format & SF_FORMAT_TYPEMASK, sub = sf_format & SF_FORMAT_SUBMASK;
	if (major == SF_FORMAT_AIFF) {
		FILE *f = fopen(path, "rb");
		if (!f)
			return -1;
		int64_t frames = aiff_header_frames(f);
		fclose(f);
		return frames;
	}
	if (major != SF_FORMAT_WAV && major != SF_FORMAT_WAVEX)
		return -1;
	switch (sub) {
	case SF_FORMAT_PCM_S8: case SF_FORMAT_PCM_U8: case SF_FORMAT_PCM_16:
	case SF_FORMAT_PCM_24: case SF_FORMAT_PCM_32: case SF_FORMAT_FLOAT:
	case SF_FORMAT_DOUBLE: case SF_FORMAT_ULAW: case SF_FORMAT_ALAW:
		break;
	default:
		return -1; /* compressed: blocks are not frames */
	}
	FILE *f = fopen(path, "rb");
	if (!f)
		return -1;
	int64_t frames = wav_header_frames(f);
	fclose(f);
	return frames;
}

/* A duration for a message: 0.0005 s, 12.5 s, 3:00:00.0 */
static void describe_seconds(double sec, char *buf, size_t size)
{
	if (sec < 1.0) {
		snprintf(buf, size, "%.4f s", sec);
	} else if (sec < 60.0) {
		snprintf(buf, size, "%.1f s", sec);
	} else {
		long long tenths = llround(sec * 10.0);
		snprintf(buf, size, "%lld:%02lld:%02lld.%lld", tenths / 36000, tenths / 600 % 60,
			tenths / 10 % 60, tenths % 10);
	}
}

/* Decode every frame of path once, counting the bad samples (never reported to the
 * process-wide list: the caller says what it found). */
static enum err scan_file(const char *path, struct media_info *info, int64_t *bad,
	struct err_msg *msg)
{
	struct media_reader *r;
	enum err e = media_probe(path, info, msg);
	if (e != ERR_OK)
		return e;
	if ((e = media_reader_open(&r, path, info->sample_rate, msg)) != ERR_OK)
		return e;
	r->report_bad = false;
	*info = r->info;
	float *buf = malloc(sizeof(float) * READER_IN_FRAMES * MEDIA_MAX_CHANNELS);
	if (!buf)
		e = err_set(msg, ERR_NOMEM, "%s: out of memory", path);
	int64_t pos = 0;
	while (e == ERR_OK && pos < r->info.frames) {
		int64_t left = r->info.frames - pos;
		int n = left < READER_IN_FRAMES ? (int)left : READER_IN_FRAMES;
		e = media_reader_read(r, pos, buf, n, msg);
		pos += n;
	}
	free(buf);
	/* a header that claims more than the data holds: libsndfile either read short
	 * (it believed the header) or cut the length to the file (it did not) */
	int64_t claimed = r->info.frames, holds = r->info.frames;
	if (r->short_at >= 0) {
		holds = r->short_at;
	} else if (e == ERR_OK) {
		int64_t h = header_frames(path, r->sf_format);
		if (h > claimed)
			claimed = h;
	}
	if (holds < claimed) {
		char says[32], has[32];
		describe_seconds((double)claimed / r->info.sample_rate, says, sizeof says);
		describe_seconds((double)holds / r->info.sample_rate, has, sizeof has);
		e = err_set(msg, ERR_MEDIA, "%s: header says %s, data holds %s (the file ended "
			"early: truncated?)", path, says, has);
	}
	*bad = r->bad_samples;
	media_reader_close(r);
	return e;
}

enum err media_verify(const char *path, struct media_info *info, struct err_msg *msg)
{
	int64_t bad = 0;
	enum err e = scan_file(path, info, &bad, msg);
	if (e == ERR_OK && bad > 0)
		e = err_set(msg, ERR_MEDIA, "%s: %lld samples not finite or beyond \u00b1%g, "
			"played as silence", path, (long long)bad, (double)MEDIA_SAMPLE_LIMIT);
	return e;
}

enum err media_count_bad_samples(const char *path, int64_t *count, struct err_msg *msg)
{
	struct media_info info;
	*count = 0;
	enum err e = scan_file(path, &info, count, msg);
	return e;
}
