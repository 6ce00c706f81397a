/* The review's measurements (src/review_grid.c), which its judges
 * (src/review_judge.c, src/review_mask.c) read. Private to src/review*.c; one thread. */
#ifndef TTYMIX_REVIEW_GRID_H
#define TTYMIX_REVIEW_GRID_H

#include <stdatomic.h>
#include <stdbool.h>
#include <stdint.h>

#include "audio/spectrum.h"
#include "src/review_finding.h"

#define REVIEW_BANDS SPECTRUM_BANDS
/* A frame of the grid: 75 ms hop (the 8192-point window, 170 ms at 48 kHz, overlaps
 * two frames and a bit); within the 50-100 ms the masking literature uses. */
#define REVIEW_HOP_MS 75
/* Below this a frame of a strip counts as silent (dBFS, RMS of both sides). */
#define REVIEW_SILENT_DB (-70.0)

/* What one strip (or the master, or the mix bus) measured. Per frame arrays hold
 * n_frames values; band arrays n_frames x REVIEW_BANDS, frame-major. */
struct review_meas {
	float *mid_db;          /* 1/3-octave levels of (L+R)/2 (spectrum.h's scale) */
	float *side_db;         /* the same of (L-R)/2 */
	float *level_db;        /* RMS of both sides over the frame, dBFS */
	float *peak;            /* sample peak over the frame (linear) */
	float *corr;            /* correlation over the frame; NAN when a side is silent */
	float *shortterm;       /* short-term loudness at the frame's end (master only) */
	double integrated_lufs, lra_lu, true_peak_dbtp, sample_peak_dbfs;
	double sum_sq;          /* sum of (L^2 + R^2) / 2 over everything */
	double ll, rr, lr;      /* sums over everything, for the overall correlation */
	double mono_lufs;       /* the master folded to mono, measured as stereo */
	/* its first compressor insert (slot from 1; 0: none) and that compressor's least
	 * gain reduction in each frame (dB >= 0, read between the render's blocks) */
	int comp_slot;
	float *comp_gr_min;
	bool feeds_master;      /* its output is the master (the mix bus sums these) */
};

struct review_grid {
	int rate, hop;              /* frames per grid frame */
	int n_frames;
	int n_tracks, n_buses;
	/* n_tracks + n_buses strips, then the master (after its chain and fader) at
	 * REVIEW_MASTER(g), then the mix bus (the sum into the master chain) */
	struct review_meas *m;
	double start_sec;           /* the song's time of frame 0 */
	double end_sec;             /* and where the review ended */
	/* the tonal target from a reference track (review_reference_curve) or a curve file
	 * (src/review_curve.h), dB per band, and what the findings call it ("the
	 * reference", "the curve rock"); has_target false: the default curve */
	bool has_target;
	float target_db[REVIEW_BANDS];
	char target_name[96];
};

#define REVIEW_MASTER(g) ((g)->n_tracks + (g)->n_buses)
#define REVIEW_MIXBUS(g) (REVIEW_MASTER(g) + 1)

static inline float review_band(const float *a, int frame, int band)
{
	return a[(int64_t)frame * REVIEW_BANDS + band];
}

/* Render [start, end) of p and measure every strip. cancel and progress as
 * review_opts's (either may be NULL). */
enum err review_measure(const struct project *p, int64_t start, int64_t end,
	const atomic_bool *cancel, atomic_int *progress, struct review_grid *g,
	struct err_msg *msg);
void review_grid_free(struct review_grid *g);
/* The long-term spectrum of the audio file at path (decoded at rate, its frames above
 * -50 dBFS, mid and side as the master's), into out_db; msg says why it failed. A
 * raised *cancel (NULL: none) stops it (ERR_IO). */
enum err review_reference_curve(const char *path, int rate, const atomic_bool *cancel,
	float out_db[REVIEW_BANDS], struct err_msg *msg);

/* The time of frame f's middle, in the song's seconds. */
double review_frame_sec(const struct review_grid *g, int f);

#endif
