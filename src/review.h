/* Mix review, a second pair of ears: the project's tracks, buses and master rendered
 * offline in one pass through the normal graph (render_run_strips: the render thread
 * pool, every strip's block after its fader), measured on a time-frequency grid, and
 * judged: masking between tracks, balance, headroom and clipping, phase and mono,
 * tonal balance, dynamics and loudness. Each finding says where (strip, time, band),
 * why it matters in one sentence and, where one exists, the command lines that fix it.
 * The measures and their sources are in docs/dsp.md ("Mix review").
 *
 * Threads: review_run on any one thread that may build a graph (the command line's
 * main thread, or a studio job's worker with a copy of the project); it allocates and
 * reads files. The result is plain data, owned by the caller (review_free). */
#ifndef TTYMIX_REVIEW_H
#define TTYMIX_REVIEW_H

#include <stdatomic.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "src/base/err.h"
#include "src/review_finding.h"

struct review_curve;

struct review_opts {
	double from_sec;    /* 0: the start */
	double to_sec;      /* <= from: the end of the last clip */
	const char *reference; /* an audio file whose long-term spectrum is the tonal
	                        * target; NULL: the default curve */
	const struct review_curve *curve; /* or a curve kept as data (not with reference) */
	/* NULL, or a worker's (src/base/worker.h): a raised *cancel stops the render
	 * within a block (ERR_IO, "stopped"); *progress gets the thousandths rendered */
	const atomic_bool *cancel;
	atomic_int *progress;
};

/* Review p over [from, to). Errors: the graph's (ERR_* with msg), ERR_IO from the
 * render or a cancel, ERR_RANGE for an empty window. out is empty on failure. */
enum err review_run(const struct project *p, const struct review_opts *o, struct review *out,
	struct err_msg *msg);

#endif
