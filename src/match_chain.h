/* A project's master chain set to bring its mix to a reference (src/match.h): the
 * chain ends eq, width, limiter; the eq takes the spectral correction, the width
 * insert the side/mid ratio, the limiter's input the loudness under its true-peak
 * ceiling. Each pass renders the project offline into memory (the same graph as
 * `ttymix render`), measures what came out and corrects what is left, until the
 * spectrum, the loudness and the width are as close as the passes get.
 *
 * Threads: the caller's, which owns the project (the command line, or the studio's
 * :match worker with a copy of the project); builds graphs, and FFTW plans unless
 * given a meter (match_opts.meter), so without one not beside another FFTW planner. */
#ifndef TTYMIX_MATCH_CHAIN_H
#define TTYMIX_MATCH_CHAIN_H

#include <stdatomic.h>
#include <stdbool.h>

#include "src/match.h"
#include "src/project.h"

#define MATCH_MAX_PASSES 5

/* The three inserts' slots on p->master. */
struct match_chain {
	int eq, width, limiter;
};

struct match_opts {
	double octaves;        /* smoothing (MATCH_SMOOTH_OCT) */
	double cap_db;         /* the correction's limit (MATCH_CAP_DB) */
	double ceiling_dbtp;   /* the limiter's, when it is added (-1) */
	int max_passes;        /* renders after the first measure (MATCH_MAX_PASSES) */
	/* For a run on a worker thread (NULL otherwise): a meter made on the thread that
	 * makes FFTW plans (reset and used for every pass, freed by its maker), the flag
	 * that stops the run (ERR_IO, "stopped") and where its progress goes
	 * (thousandths). */
	struct match_meter *meter;
	const atomic_bool *cancel;
	atomic_int *progress;
};

struct match_result {
	struct match_profile before;  /* the mix through the chain with the three neutral */
	struct match_profile after;   /* through the matched chain */
	double curve_db[MATCH_GRID_N];/* the correction asked for (smoothed, capped) */
	double eq_db[MATCH_GRID_N];   /* the eq's response: the correction applied */
	double fit_rms_db;            /* how far the eq is from the curve */
	double gain_db;               /* into the limiter */
	double width;                 /* the width insert's */
	double distance_before, distance_after; /* match_distance to the reference */
	int passes;                   /* renders, the first measure included */
};

void match_opts_init(struct match_opts *o);
/* Make the master chain end eq, width, limiter: a final limiter already there is kept
 * (its ceiling too), an eq and a width right before it are reused, the rest are added
 * (a new limiter with ceiling_dbtp). False when the chain has no room (FX_MAX_INSERTS);
 * p is then unchanged. */
bool match_chain_prepare(struct project *p, double ceiling_dbtp, struct match_chain *c);
/* Set the chain's three inserts to bring p's mix to ref (passes as above); on success
 * the project holds the settings and r says what was done. On an error the three
 * inserts hold whatever the last pass set (the caller puts the project back).
 * Errors: the graph's and the render's, ERR_RANGE for a mix shorter than an analysis
 * window or silent. */
enum err match_chain_run(struct project *p, const struct match_chain *c,
	const struct match_profile *ref, const struct match_opts *o, struct match_result *r,
	struct err_msg *msg);
/* One render of p whole, measured as a pass is (o: its meter, cancel flag), the chain
 * as it stands: the studio's :match measures the chain as it was before the match
 * with it, for the loudness-matched A/B (src/studio/match_ab.h). Errors as above. */
enum err match_chain_measure(const struct project *p, const struct match_opts *o,
	struct match_profile *out, struct err_msg *msg);

#endif
