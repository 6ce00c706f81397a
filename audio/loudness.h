/* Loudness measurement (EBU R128 / ITU-R BS.1770-4) through libebur128; the only module
 * that talks to it.
 *
 * A struct loudness is an incremental analyser: feed it interleaved float frames in
 * any block sizes, then ask for the result as often as you like. It allocates as it
 * goes (libebur128 keeps one small record per 100 ms block), so it is NOT for the audio
 * thread: call it from any other thread, one thread per object at a time. The caller
 * owns what loudness_create makes and frees it with loudness_destroy.
 *
 * Channels are weighted as BS.1770 says for mono and stereo: a mono file is one channel
 * (it is not counted twice as "dual mono"), so it reads 3 LU lower than the same signal
 * copied to both sides of a stereo file. */
#ifndef TTYMIX_LOUDNESS_H
#define TTYMIX_LOUDNESS_H

#include <stddef.h>

#include "src/base/err.h"

/* Every value is -INFINITY when it is undefined: silence (nothing above the -70 LUFS
 * absolute gate), or too little audio for the window (momentary needs 400 ms,
 * short-term and LRA need 3 s). Peaks of digital silence are -INFINITY too. */
struct loudness_result {
	double integrated_lufs;     /* gated programme loudness (BS.1770-4) */
	double lra_lu;              /* loudness range (EBU Tech 3342) */
	double true_peak_dbtp;      /* 4x oversampled below 96 kHz, 2x below 192 kHz,
	                             * the sample peak from 192 kHz up; never below the
	                             * sample peak */
	double sample_peak_dbfs;
	double momentary_max_lufs;  /* highest 400 ms loudness, sampled every <= 10 ms */
	double shortterm_max_lufs;  /* highest 3 s loudness, sampled every <= 10 ms */
};

struct loudness;

/* A fresh analyser for sample_rate_hz (1000 to 768000) and 1 or 2 channels.
 * Errors: ERR_RANGE (rate), ERR_CHANNELS, ERR_NOMEM. *out is NULL on failure. */
enum err loudness_create(struct loudness **out, int sample_rate_hz, int channels);
/* The same for what a render's closing line says: integrated loudness, the peaks and
 * the windows' maxima exactly as loudness_create's, but no loudness range (lra_lu
 * -INFINITY), in 2.3 MB less memory at 48 kHz (libebur128 keeps 400 ms of audio, not
 * 3 s). */
enum err loudness_create_integrated(struct loudness **out, int sample_rate_hz,
	int channels);
void loudness_destroy(struct loudness *l); /* NULL is a no-op */

/* Add frames (interleaved, as many channels as created with); values beyond +-1.0 are
 * measured as they are. Errors: ERR_NOMEM, ERR_RANGE (frames < 0). After an error
 * the object may only be destroyed. */
enum err loudness_add(struct loudness *l, const float *interleaved, long frames);

/* The measurement of everything added so far; adding more afterwards is fine.
 * Errors: ERR_NOMEM. */
enum err loudness_result(struct loudness *l, struct loudness_result *out);

/* The momentary (400 ms) and short-term (3 s) loudness of the windows that end at the
 * last whole 10 ms hop added (-INFINITY until that much audio was added, or silence).
 * Cheap: no libebur128 call. */
void loudness_now(const struct loudness *l, double *momentary_lufs, double *shortterm_lufs);

/* Measure a whole audio file at its own sample rate (no resampling), streaming it
 * through the media reader. Errors as media_probe/media_reader_read (ERR_NOT_FOUND,
 * ERR_MEDIA, ERR_CHANNELS), or ERR_NOMEM; msg gets "PATH: problem". */
enum err loudness_measure_file(const char *path, struct loudness_result *out,
	struct err_msg *msg);

#endif
