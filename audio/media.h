/* Audio files: the only module that talks to libsndfile and libsoxr.
 *
 * A media_reader streams a file as float frames at a chosen output rate (resampled
 * with libsoxr HQ when the file's rate differs); it never decodes the whole file.
 * Every sample read that is not finite or lies beyond +-MEDIA_SAMPLE_LIMIT is
 * replaced by silence (one NaN would poison every filter and meter after it) and
 * counted for media_take_bad_samples.
 * Readers made in a media_pool share a bound on open files: a project of 20,000
 * clips reads through a few dozen open files (see media_pool_create).
 * A media_writer writes float frames to WAV, FLAC or OGG/Vorbis at 16, 24 or 32-bit
 * float. The PCM of WAV files (and of any file whose samples lie in one chunk in this
 * host's byte order) is read and written as bytes and converted by audio/pcm.c, the
 * same floats and bytes libsndfile's conversions give; libsndfile keeps the headers. Neither is real-time safe: they run on the disk thread, the offline renderer
 * or the UI thread, one thread per object at a time. The caller owns what it creates. */
#ifndef TTYMIX_MEDIA_H
#define TTYMIX_MEDIA_H

#include <stdbool.h>
#include <stdint.h>

#include "src/base/err.h"

#define MEDIA_MAX_CHANNELS 2
/* Beyond this a sample is taken as garbage (float files may hold anything; +64 is
 * +36 dBFS, far past any real signal) */
#define MEDIA_SAMPLE_LIMIT 64.0f
/* Open files a pool allows itself (media_pool_create) */
#define MEDIA_POOL_MIN_OPEN 8
#define MEDIA_POOL_MAX_OPEN 512

struct media_info {
	int channels;          /* 1 or 2 */
	int sample_rate;       /* the file's own rate */
	int64_t frames;        /* at the file's own rate */
	char format[64];       /* e.g. "WAV PCM 24-bit" */
};

/* Probe a file. Errors: ERR_NOT_FOUND, ERR_MEDIA (unreadable/unsupported/empty),
 * ERR_CHANNELS (more than two channels). msg gets "PATH: problem". */
enum err media_probe(const char *path, struct media_info *info, struct err_msg *msg);

/* Probe, then decode every frame once: finds files that are damaged past their header
 * (truncated, corrupt blocks), whose header claims more than the data holds ("PATH:
 * header says 3:00:00.0, data holds 0.0005 s (the file ended early: truncated?)"), and
 * that hold samples a reader would silence ("PATH: 10 samples not finite or beyond
 * +-64, played as silence"): all ERR_MEDIA. Reads the whole file: for `check`, not for
 * opening. */
enum err media_verify(const char *path, struct media_info *info, struct err_msg *msg);
/* Decode all of path and count the samples a reader silences into *count (also when
 * it fails part way: what was read). */
enum err media_count_bad_samples(const char *path, int64_t *count, struct err_msg *msg);

/* A file whose samples readers silenced (not finite, or beyond MEDIA_SAMPLE_LIMIT),
 * each file once per process: its path into path (size bytes) and the samples counted
 * so far (every reader's reads added up: re-reading counts again) into *count. false
 * when no file is left to report. Any thread; readers on any thread add to the list. */
bool media_take_bad_samples(char *path, size_t size, int64_t *count);

struct media_reader;

/* Open for streaming at out_rate (Hz). out_rate == the file's rate reads directly.
 * The reader keeps its file open until it is closed. */
enum err media_reader_open(struct media_reader **out, const char *path, int out_rate,
	struct err_msg *msg);
void media_reader_close(struct media_reader *r); /* NULL is a no-op */

/* Readers that share a bound on open files. A pooled reader opens its file at its
 * first read; when the pool already holds max_open files, the reader of the pool read
 * least recently closes its file (and frees its resampler), and opens it again at its
 * next read, seeking to the frame asked for (exact at the file's rate; at another rate
 * its resampler restarts with the pre-roll of any seek). A pool and all its readers
 * belong to one thread at a time (a graph's: built on the control thread, read on the
 * disk thread). max_open <= 0: an eighth of the process's open-file limit
 * (RLIMIT_NOFILE), within MEDIA_POOL_MIN_OPEN..MEDIA_POOL_MAX_OPEN. NULL when out of
 * memory. */
struct media_pool;
struct media_pool *media_pool_create(int max_open);
/* Close every file the pool's readers hold (they reopen on their next read). */
void media_pool_close_files(struct media_pool *pool);
int media_pool_open_files(const struct media_pool *pool);
/* After every reader of the pool is closed. NULL is a no-op. */
void media_pool_destroy(struct media_pool *pool);
/* A reader in pool: probes path once per pool (clips of one file share the probe; a
 * failed probe fails every reader of that path with its message), opens nothing. Errors
 * as media_reader_open; a file that changed since the probe fails at the read. */
enum err media_reader_open_pooled(struct media_reader **out, struct media_pool *pool,
	const char *path, int out_rate, struct err_msg *msg);
const struct media_info *media_reader_info(const struct media_reader *r);
/* Length in frames at the output rate. */
int64_t media_reader_frames(const struct media_reader *r);

/* Read up to n frames (interleaved, info.channels wide) starting at output-rate frame
 * pos. Sequential reads are cheap; any other pos seeks (and restarts the resampler with
 * a short pre-roll so that the result matches a continuous read closely). Frames past
 * the end of the file are zero. Returns ERR_OK or ERR_MEDIA on a read failure
 * (for example a file truncated after it was opened). */
enum err media_reader_read(struct media_reader *r, int64_t pos, float *out, int n,
	struct err_msg *msg);

enum media_container { MEDIA_WAV, MEDIA_FLAC, MEDIA_OGG, MEDIA_AIFF, MEDIA_MP3 };
enum media_sample { MEDIA_PCM16, MEDIA_PCM24, MEDIA_FLOAT32 };

struct media_writer;

/* Create (truncate) path. FLAC takes 16/24-bit; OGG and MP3 ignore the sample type.
 * MP3 needs a libsndfile built with LAME: media_container_writable says whether this
 * one is.
 * Errors: ERR_USAGE (impossible combination), ERR_IO (cannot create). */
enum err media_writer_open(struct media_writer **out, const char *path,
	enum media_container container, enum media_sample sample, int rate, int channels,
	struct err_msg *msg);
/* The same into fd, a new empty file open for reading and writing (a temporary file
 * from src/base/safefile.h): name is what messages call it. fd stays the caller's, open
 * after media_writer_close. Writes reach fd 64 KB at a time: all of them by
 * media_writer_sync or media_writer_close. */
enum err media_writer_open_fd(struct media_writer **out, int fd, const char *name,
	enum media_container container, enum media_sample sample, int rate, int channels,
	struct err_msg *msg);
/* Write n interleaved frames. Values are written as given (no clipping for float;
 * integer formats clip at full scale). ERR_NO_SPACE when the disk is full. */
enum err media_writer_write(struct media_writer *w, const float *frames, int n,
	struct err_msg *msg);
/* Set a string tag before writing: "title", "artist", "album", "tracknumber", "date",
 * "comment", "genre", "software"; best effort (each container stores what it can:
 * WAV keeps them in a LIST INFO chunk, FLAC and OGG as Vorbis comments, MP3 as ID3). */
void media_writer_set_tag(struct media_writer *w, const char *key, const char *value);
/* A file's string tag (the keys of media_writer_set_tag) copied into out (size bytes,
 * NUL-terminated); false when the file has none or cannot be opened. */
bool media_read_tag(const char *path, const char *key, char *out, size_t size);
/* Rewrite the header so that it counts every frame written so far: a process killed
 * after this leaves a file that plays up to here (the recorder calls it every few
 * seconds). Returns the first error seen, as media_writer_write. */
enum err media_writer_sync(struct media_writer *w, struct err_msg *msg);
/* Close and flush; returns the first error seen (a full disk can show only here). */
enum err media_writer_close(struct media_writer *w, struct err_msg *msg);

/* Whether this libsndfile can write container c at all (asked of sf_format_check at
 * run time: MP3 depends on how libsndfile was built). */
bool media_container_writable(enum media_container c);
/* The usual file name extension of c ("wav", "flac", ...). */
const char *media_container_ext(enum media_container c);
/* Whether c stores integer samples that the writer quantises (WAV, FLAC, AIFF at 16
 * or 24 bits); lossy containers take floats. */
bool media_container_is_pcm(enum media_container c);

/* Parse "wav"/"flac"/"ogg"/"aiff"/"mp3" and "16"/"24"/"32f". false when unknown. */
bool media_container_parse(const char *s, enum media_container *c);
bool media_sample_parse(const char *s, enum media_sample *t);
/* The container for a file name extension (without the dot); false when unknown. */
bool media_container_parse_ext(const char *ext, enum media_container *c);



/* ---- sample-rate conversion of a stream (libsoxr HQ) ---- */
struct media_resampler;

enum err media_resampler_create(struct media_resampler **out, int in_rate, int out_rate,
	int channels, struct err_msg *msg);
/* Any ratio, at libsoxr's very high quality (for offline work: varispeed, where the
 * "input rate" is the project rate times the speed; src/pitch.c). */
enum err media_resampler_create_ratio(struct media_resampler **out, double in_rate,
	double out_rate, int channels, struct err_msg *msg);
void media_resampler_destroy(struct media_resampler *r); /* NULL is a no-op */
/* Convert n input frames (NULL/0 at the end to flush); writes at most out_cap frames
 * and returns how many in *out_n. Call again with the same input until it is consumed:
 * *in_used says how much was. */
enum err media_resampler_process(struct media_resampler *r, const float *in, int n,
	int *in_used, float *out, int out_cap, int *out_n, struct err_msg *msg);

#endif
