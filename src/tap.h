/* Taps: a window of a project rendered by the real engine (the offline renderer, as
 * `ttymix render` runs it) with only some strips audible, kept in memory for
 * measurement. The lessons' checks (src/lesson_check.c) and the signal-flow view
 * (src/flow.c) measure through it. Control thread; a tap of a whole song holds
 * frames x 2 floats. */
#ifndef TTYMIX_TAP_H
#define TTYMIX_TAP_H

#include <stdatomic.h>
#include <stdbool.h>
#include <stdint.h>

#include "src/base/err.h"
#include "src/project.h"

/* Watching a render from another thread: how far it is goes into *progress (in
 * thousandths, from `from` to from + span over the render), and a raised *cancel
 * stops it (the render then fails, "stopped"). Any member may be NULL / 0. */
struct tap_watch {
	atomic_int *progress;
	int from, span;
	const atomic_bool *cancel;
};

struct tap {
	float *buf;          /* interleaved stereo, owned */
	int64_t frames, cap;
	int probe_channels;  /* channels of the probed track's clips (1 or 2) */
	const struct tap_watch *watch;   /* tap_render_watched's, while it runs */
	int64_t total;       /* the frames the render is to make */
};

/* Render frames [start, end) (end 0: the end of the last clip) with track k audible
 * when tracks_on[k] and bus b when buses_on[b] (a strip muted in the project stays
 * muted). probe: a track whose channel count goes to out->probe_channels, or -1. */
enum err tap_render(const struct project *p, int64_t start, int64_t end,
	const bool *tracks_on, const bool *buses_on, int probe, struct tap *out,
	struct err_msg *msg);
/* The same, watched (watch may be NULL): the thread that renders stores the
 * progress, another may raise the cancel flag. */
enum err tap_render_watched(const struct project *p, int64_t start, int64_t end,
	const bool *tracks_on, const bool *buses_on, int probe, const struct tap_watch *watch,
	struct tap *out, struct err_msg *msg);
void tap_free(struct tap *t);

/* What tap_render's samples measure, without keeping them: the largest |sample| and
 * the sum of squares over both channels, and how many frames. */
struct tap_levels {
	double peak, sum_sq;
	int64_t frames;
	int probe_channels;
};
/* tap_render's window measured as it renders, in constant memory. */
enum err tap_measure(const struct project *p, int64_t start, int64_t end,
	const bool *tracks_on, const bool *buses_on, int probe, struct tap_levels *out,
	struct err_msg *msg);

/* A copy of p to change before a tap (through project_to_json and back, so it is a
 * project as the loader makes them); NULL and msg when it cannot be made. */
struct project *tap_project_copy(const struct project *p, struct err_msg *msg);

#endif
