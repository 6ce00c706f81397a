/* Mastering matched to a reference (docs/dsp.md, "Matching a reference"): what a mix
 * and a reference are measured by (a profile: the long-term spectrum of the mid, the
 * integrated loudness, the true peak and the stereo width as side over mid), the
 * smoothed and capped correction from one to the other, and the channel eq's settings
 * that come closest to that correction (a least-squares fit of its shelves and bands).
 * src/match_chain.c puts them on a project's master chain.
 *
 * Threads: a meter belongs to one thread; match_meter_create and _destroy make FFTW
 * plans, so they run on one thread at a time in the whole program (the UI thread in
 * the studio, the only thread in the command line). The rest is plain computation on
 * any thread. Not for the audio thread (it allocates). */
#ifndef TTYMIX_MATCH_H
#define TTYMIX_MATCH_H

#include <stdbool.h>
#include <stdint.h>

#include "audio/spectrum.h"
#include "src/base/err.h"

/* The correction's grid: twelve points an octave from 20 Hz (point i at
 * 20 * 2^(i/12) Hz) to 20.48 kHz. */
#define MATCH_GRID_PER_OCT 12
#define MATCH_GRID_N (10 * MATCH_GRID_PER_OCT + 1)
#define MATCH_CAP_DB 9.0            /* the largest correction by default */
#define MATCH_SMOOTH_OCT (1.0 / 3.0) /* smoothing by default: a third of an octave */
#define MATCH_SMOOTH_MIN_OCT (1.0 / 12.0)
#define MATCH_SMOOTH_MAX_OCT 2.0
#define MATCH_CAP_MIN_DB 1.0
#define MATCH_CAP_MAX_DB 24.0
/* The spectral distance's bands: ISO third octaves from 40 Hz to 16 kHz */
#define MATCH_DIST_LO_BAND 3
#define MATCH_DIST_HI_BAND 29

struct match_profile {
	int rate;
	int64_t frames;
	double power[SPECTRUM_BINS];   /* long-term mean power of the mid per FFT bin */
	float band_db[SPECTRUM_BANDS]; /* the same in ISO third octaves (spectrum.h) */
	double integrated_lufs, true_peak_dbtp;
	/* sqrt(E_side / E_mid), M = (L + R) / 2, S = (L - R) / 2: 0 for mono, 1 when the
	 * sides are unrelated, the width insert's `width` multiplies it; NAN for silence */
	double width;
};

struct match_meter;

/* A meter for interleaved stereo at rate. Errors: ERR_NOMEM, ERR_RANGE (rate). */
enum err match_meter_create(struct match_meter **out, int rate, struct err_msg *msg);
void match_meter_destroy(struct match_meter *m); /* NULL: no-op */
/* Forget what was added (for the next pass), keeping the FFTW plan: a meter made on
 * one thread can then be used on another (a worker) and destroyed back on the first.
 * Errors: ERR_NOMEM. */
enum err match_meter_reset(struct match_meter *m);
/* Add n frames. Errors: ERR_NOMEM (the loudness meter's records). */
enum err match_meter_add(struct match_meter *m, const float *frames, long n);
/* What was added, measured (the meter may be added to afterwards). Errors: ERR_NOMEM,
 * ERR_RANGE when less than one analysis window (SPECTRUM_FFT frames) was added. */
enum err match_meter_result(struct match_meter *m, struct match_profile *out,
	struct err_msg *msg);
/* Frames in memory measured in one go (a reference track). */
enum err match_measure(const float *frames, int64_t n, int rate, struct match_profile *out,
	struct err_msg *msg);

/* Grid point i's frequency (Hz). */
double match_grid_hz(int i);
/* The profile's level in dB at each grid point, its power averaged over a window
 * `octaves` wide around the point (fractional-octave smoothing); -INFINITY where
 * there is none. */
void match_smoothed_db(const struct match_profile *p, double octaves,
	double out_db[MATCH_GRID_N]);
/* What the mix's spectrum needs to become the reference's, dB at each grid point:
 * both smoothed over `octaves`, the difference less its mean over 40 Hz-16 kHz (the
 * level is the loudness stage's), within +-cap_db; 0 where either has next to nothing
 * (80 dB under its own loudest point) or beyond the mix's Nyquist frequency. */
void match_correction(const struct match_profile *mix, const struct match_profile *ref,
	double octaves, double cap_db, double out_db[MATCH_GRID_N]);
/* Fit the eq's low and high shelves and four bands to curve_db (least squares over
 * 30 Hz-18 kHz, Levenberg-Marquardt); params: the eq's parameter values, whose
 * shelves and bands are the starting point and get the fit (the filters are left as
 * they are). The response is kept within +-cap_db everywhere from 20 Hz to 20 kHz.
 * Returns the fit's RMS error, dB. */
double match_fit_eq(const double curve_db[MATCH_GRID_N], int rate, double cap_db,
	double *params);
/* The eq's response (dB) at each grid point. */
void match_eq_response(const double *params, int rate, double out_db[MATCH_GRID_N]);
/* The RMS difference in dB of two profiles' third-octave bands from 40 Hz to 16 kHz. */
double match_distance(const struct match_profile *a, const struct match_profile *b);
/* Parse a smoothing as "1/3", "1/6" or a number of octaves ("0.5"). */
bool match_parse_octaves(const char *text, double *octaves);

#endif
