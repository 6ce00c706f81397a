#include "audio/loudness.h"

#include <ebur128.h>
#include <math.h>
#include <stdbool.h>
#include <pthread.h>
#include <stdint.h>
#include <stdlib.h>

#include "audio/media.h"
#include "audio/truepeak.h"
#include "src/base/xalloc.h"

/* ebur128_init (re)writes library-wide constants (gate factors, the -70 LUFS boundary)
 * that every later call reads, so two analysers on two threads would race. Creation
 * takes this lock for writing, every other libebur128 call for reading. */
static pthread_rwlock_t library_lock = PTHREAD_RWLOCK_INITIALIZER;

/* The momentary and short-term loudness are read at least 100 times a second, so that
 * their maxima miss no peak by more than a few hundredths of an LU. Asking libebur128
 * for a 3 s window costs 3 s of samples each time (at 100 readings a second that took
 * 4x longer than everything else together), so each reading asks only for the energy
 * of the last hop and the windows are sums over the last 40 and 300 hops. At rates
 * that are not a multiple of 100 Hz (22050) a hop is rounded down, so these windows are
 * up to 0.25% shorter than libebur128's own; the level is the same to 0.01 LU. */
#define HOP_MS 10
#define MOMENTARY_HOPS 40    /* 400 ms */
#define SHORTTERM_HOPS 300   /* 3 s */

struct loudness {
	ebur128_state *state;
	struct truepeak *tp;         /* ours: libebur128's true peak cost 5 times more */
	bool range;                  /* the loudness range is measured (EBUR128_MODE_LRA) */
	int channels;
	long hop_frames;             /* frames between two readings */
	long frames_to_reading;      /* frames still to add before the next reading */
	int64_t frames_added;
	int64_t hops_done;
	double hop_energy[SHORTTERM_HOPS]; /* K-weighted mean square of each hop; a ring
	                                    * indexed by hops_done */
	double momentary_max_lufs;
	double shortterm_max_lufs;
};

static enum err create(struct loudness **out, int sample_rate_hz, int channels, int mode)
{
	*out = NULL;
	if (sample_rate_hz < 1000 || sample_rate_hz > 768000)
		return ERR_RANGE;
	if (channels < 1 || channels > 2)
		return ERR_CHANNELS;
	/* the true peak is audio/truepeak.c's: the same value, bit for bit */
	struct truepeak *tp = truepeak_create(sample_rate_hz, channels);
	if (!tp)
		return ERR_NOMEM;
	pthread_rwlock_wrlock(&library_lock);
	ebur128_state *state = ebur128_init((unsigned)channels, (unsigned long)sample_rate_hz,
		mode);
	pthread_rwlock_unlock(&library_lock);
	if (!state) {
		truepeak_destroy(tp);
		return ERR_NOMEM;
	}

	struct loudness *l = xcalloc(1, sizeof *l);
	l->state = state;
	l->tp = tp;
	l->range = (mode & EBUR128_MODE_LRA) == EBUR128_MODE_LRA;
	l->channels = channels;
	/* the frame count ebur128_loudness_window gives a window of HOP_MS */
	l->hop_frames = (long)sample_rate_hz * HOP_MS / 1000;
	l->frames_to_reading = l->hop_frames;
	l->momentary_max_lufs = -INFINITY;
	l->shortterm_max_lufs = -INFINITY;
	*out = l;
	return ERR_OK;
}

enum err loudness_create(struct loudness **out, int sample_rate_hz, int channels)
{
	return create(out, sample_rate_hz, channels, EBUR128_MODE_I | EBUR128_MODE_LRA
		| EBUR128_MODE_S | EBUR128_MODE_SAMPLE_PEAK);
}

enum err loudness_create_integrated(struct loudness **out, int sample_rate_hz,
	int channels)
{
	/* without the short-term mode libebur128 keeps a 400 ms window, not a 3 s one of
	 * doubles (2.3 MB at 48 kHz stereo, every page written as the audio passes) */
	return create(out, sample_rate_hz, channels, EBUR128_MODE_I
		| EBUR128_MODE_SAMPLE_PEAK);
}

void loudness_destroy(struct loudness *l)
{
	if (!l)
		return;
	ebur128_destroy(&l->state);
	truepeak_destroy(l->tp);
	free(l);
}

static double lufs_to_energy(double lufs)
{
	return isfinite(lufs) ? pow(10.0, (lufs + 0.691) / 10.0) : 0.0;
}

static double energy_to_lufs(double energy)
{
	return energy > 0.0 ? 10.0 * log10(energy) - 0.691 : -INFINITY;
}

/* Mean energy of the last `hops` hops. */
static double window_energy(const struct loudness *l, int hops)
{
	double sum = 0.0;
	for (int k = 1; k <= hops; k++)
		sum += l->hop_energy[(l->hops_done - k) % SHORTTERM_HOPS];
	return sum / hops;
}

/* A hop has just ended: note its energy and fold the windows ending here into the
 * maxima. Windows are read only once full, never over the silence libebur128 starts
 * with. Caller holds the library lock. */
static void hop_reading(struct loudness *l)
{
	double lufs;
	if (ebur128_loudness_window(l->state, HOP_MS, &lufs) != EBUR128_SUCCESS)
		lufs = -INFINITY; /* cannot happen: the hop is shorter than the 3 s buffer */
	l->hop_energy[l->hops_done % SHORTTERM_HOPS] = lufs_to_energy(lufs);
	l->hops_done++;
	if (l->hops_done >= MOMENTARY_HOPS) {
		lufs = energy_to_lufs(window_energy(l, MOMENTARY_HOPS));
		if (lufs > l->momentary_max_lufs)
			l->momentary_max_lufs = lufs;
	}
	if (l->hops_done >= SHORTTERM_HOPS) {
		lufs = energy_to_lufs(window_energy(l, SHORTTERM_HOPS));
		if (lufs > l->shortterm_max_lufs)
			l->shortterm_max_lufs = lufs;
	}
}

/* The windows ending with the last frame added, which may fall inside a hop; asked of
 * libebur128 directly (once, so the cost does not matter). Caller holds the lock. */
static void end_reading(struct loudness *l, double *momentary_max, double *shortterm_max)
{
	double lufs;
	int64_t frames_100ms = (l->state->samplerate + 5) / 10; /* libebur128's rounding */
	*momentary_max = l->momentary_max_lufs;
	*shortterm_max = l->shortterm_max_lufs;
	if (l->frames_added >= 4 * frames_100ms &&
			ebur128_loudness_momentary(l->state, &lufs) == EBUR128_SUCCESS &&
			lufs > *momentary_max)
		*momentary_max = lufs;
	if (l->frames_added >= 30 * frames_100ms &&
			ebur128_loudness_shortterm(l->state, &lufs) == EBUR128_SUCCESS &&
			lufs > *shortterm_max)
		*shortterm_max = lufs;
}

enum err loudness_add(struct loudness *l, const float *interleaved, long frames)
{
	if (frames < 0)
		return ERR_RANGE;
	enum err e = ERR_OK;
	truepeak_add(l->tp, interleaved, frames);
	pthread_rwlock_rdlock(&library_lock);
	while (frames > 0) {
		long n = frames < l->frames_to_reading ? frames : l->frames_to_reading;
		if (ebur128_add_frames_float(l->state, interleaved, (size_t)n) != EBUR128_SUCCESS) {
			e = ERR_NOMEM; /* the only way adding can fail */
			break;
		}
		interleaved += (size_t)n * (size_t)l->channels;
		frames -= n;
		l->frames_added += n;
		l->frames_to_reading -= n;
		if (l->frames_to_reading == 0) {
			hop_reading(l);
			l->frames_to_reading = l->hop_frames;
		}
	}
	pthread_rwlock_unlock(&library_lock);
	return e;
}

void loudness_now(const struct loudness *l, double *momentary_lufs, double *shortterm_lufs)
{
	*momentary_lufs = l->hops_done >= MOMENTARY_HOPS
		? energy_to_lufs(window_energy(l, MOMENTARY_HOPS)) : -INFINITY;
	*shortterm_lufs = l->hops_done >= SHORTTERM_HOPS
		? energy_to_lufs(window_energy(l, SHORTTERM_HOPS)) : -INFINITY;
}

static double linear_to_db(double v)
{
	return v > 0.0 ? 20.0 * log10(v) : -INFINITY;
}

enum err loudness_result(struct loudness *l, struct loudness_result *out)
{
	enum err e = ERR_OK;
	double integrated = -INFINITY, lra = -INFINITY;
	double sample_peak = 0.0, true_peak = 0.0;
	double momentary_max, shortterm_max;

	pthread_rwlock_rdlock(&library_lock);
	end_reading(l, &momentary_max, &shortterm_max);
	if (ebur128_loudness_global(l->state, &integrated) != EBUR128_SUCCESS)
		e = ERR_NOMEM;
	/* libebur128 says 0 LU when no 3 s block passed the -70 LUFS gate; that is
	 * "undefined", not "perfectly steady" */
	if (e == ERR_OK && l->range && shortterm_max >= -70.0 &&
			ebur128_loudness_range(l->state, &lra) != EBUR128_SUCCESS)
		e = ERR_NOMEM;
	for (int c = 0; e == ERR_OK && c < l->channels; c++) {
		double v;
		if (ebur128_sample_peak(l->state, (unsigned)c, &v) == EBUR128_SUCCESS &&
				v > sample_peak)
			sample_peak = v;
		/* as ebur128_true_peak: never below the channel's sample peak */
		double tp = truepeak_get(l->tp, c);
		if (ebur128_sample_peak(l->state, (unsigned)c, &v) == EBUR128_SUCCESS &&
				v > tp)
			tp = v;
		if (tp > true_peak)
			true_peak = tp;
	}
	pthread_rwlock_unlock(&library_lock);
	if (e != ERR_OK)
		return e;

	out->integrated_lufs = isfinite(integrated) ? integrated : -INFINITY;
	out->lra_lu = isfinite(lra) ? lra : -INFINITY;
	out->true_peak_dbtp = linear_to_db(true_peak);
	out->sample_peak_dbfs = linear_to_db(sample_peak);
	out->momentary_max_lufs = momentary_max;
	out->shortterm_max_lufs = shortterm_max;
	return ERR_OK;
}

/* Frames per read: big enough that file I/O dominates nothing, small enough to stay
 * in cache. */
#define FILE_BLOCK_FRAMES 16384

enum err loudness_measure_file(const char *path, struct loudness_result *out,
	struct err_msg *msg)
{
	struct media_info info;
	enum err e = media_probe(path, &info, msg);
	if (e != ERR_OK)
		return e;
	struct media_reader *reader = NULL;
	if ((e = media_reader_open(&reader, path, info.sample_rate, msg)) != ERR_OK)
		return e;
	/* the reader's view of the file, in case it changed since the probe */
	const struct media_info *rinfo = media_reader_info(reader);
	struct loudness *l = NULL;
	if ((e = loudness_create(&l, rinfo->sample_rate, rinfo->channels)) != ERR_OK) {
		media_reader_close(reader);
		return err_set(msg, e, "%s: cannot measure loudness: %s", path, err_str(e));
	}
	float *block = xmalloc(sizeof(float) * FILE_BLOCK_FRAMES * (size_t)rinfo->channels);
	int64_t total = media_reader_frames(reader);
	for (int64_t pos = 0; pos < total && e == ERR_OK; pos += FILE_BLOCK_FRAMES) {
		int n = total - pos < FILE_BLOCK_FRAMES ? (int)(total - pos) : FILE_BLOCK_FRAMES;
		e = media_reader_read(reader, pos, block, n, msg); /* names the file itself */
		if (e != ERR_OK)
			;
		else if ((e = loudness_add(l, block, n)) != ERR_OK)
			err_set(msg, e, "%s: cannot measure loudness: %s", path, err_str(e));
	}
	if (e == ERR_OK && (e = loudness_result(l, out)) != ERR_OK)
		err_set(msg, e, "%s: cannot measure loudness: %s", path, err_str(e));
	free(block);
	loudness_destroy(l);
	media_reader_close(reader);
	return e;
}
