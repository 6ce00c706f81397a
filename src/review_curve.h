/* Tonal target curves kept as data: a JSON file with one level per third-octave band
 * (the review's bands, 20 Hz to 20 kHz), a name, and a source that says where the
 * levels came from. `ttymix curve` makes one from reference recordings: several
 * releases of one genre, each measured as review --reference measures one and
 * averaged, give that genre's curve. `review --target FILE` and `:review target FILE`
 * judge the tonal balance against it; only its shape counts (the judge takes the mean
 * level out).
 *
 * Threads: any non-real-time thread (the studio's review worker among them); the
 * curve is plain data, owned by the caller. */
#ifndef TTYMIX_REVIEW_CURVE_H
#define TTYMIX_REVIEW_CURVE_H

#include <stdatomic.h>

#include "src/base/err.h"
#include "src/review_grid.h"

#define REVIEW_CURVE_VERSION 1
#define REVIEW_CURVE_MAX_DB 60.0   /* a level further from the mean is not a curve */

struct review_curve {
	char name[64];
	char source[1024];
	float db[REVIEW_BANDS];   /* mean over 40 Hz-8 kHz taken out */
};

/* Read and check path: ERR_IO when it cannot be read, ERR_PARSE (with the field) when
 * it is not a curve of the review's bands. */
enum err review_curve_load(const char *path, struct review_curve *c, struct err_msg *msg);

/* The mean of n references' long-term spectra (review_reference_curve at rate, each
 * with its own mean level taken out, so a loud master weighs as much as a quiet one).
 * name: the curve's name; the source lists the files. Errors: a reference's. */
enum err review_curve_make(const char *const *refs, int n, int rate, const char *name,
	const atomic_bool *cancel, struct review_curve *c, struct err_msg *msg);

/* Write c to path whole or not at all (src/base/safefile.h). */
enum err review_curve_save(const char *path, const struct review_curve *c,
	struct err_msg *msg);

#endif
