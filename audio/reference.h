/* A reference track for the monitor section (audio/monitor.h): a stereo file decoded
 * whole into memory at the project's rate (resampled with soxr through audio/media.c)
 * and measured once (audio/loudness.c), so the monitor can play it in step with the
 * transport, level-matched to the mix. It is heard, never rendered.
 *
 * Threads: any thread but the audio thread (it reads a file and allocates); the UI
 * thread loads it and hands the frames to monitor_set_reference. */
#ifndef TTYMIX_REFERENCE_H
#define TTYMIX_REFERENCE_H

#include <stdint.h>

#include "src/base/err.h"

/* The longest reference kept in memory: 15 minutes (330 MB at 48 kHz). */
#define REFERENCE_MAX_SEC (15 * 60)

struct reference_track {
	float *frames;          /* interleaved stereo at the asked rate (malloc'd; a mono
	                           file is copied to both sides) */
	int64_t n_frames;
	double integrated_lufs; /* -INFINITY for silence */
	double shortterm_max_lufs;
};

/* Decode and measure path at rate. Errors: the media reader's (ERR_NOT_FOUND,
 * ERR_MEDIA, ERR_CHANNELS), ERR_RANGE for an empty or too long file, ERR_NOMEM.
 * msg gets "PATH: problem". On success the caller owns out->frames. */
enum err reference_load(const char *path, int rate, struct reference_track *out,
	struct err_msg *msg);

/* The gain (dB) that brings a reference of ref_lufs to the mix's mix_lufs; 0 when
 * either is undefined (silence, or not measured yet). */
double reference_match_db(double mix_lufs, double ref_lufs);

#endif
