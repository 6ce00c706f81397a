/* The offline renderer: the same engine_process_rt() as playback, run as fast as the
 * disk allows on the calling thread, which also does the disk work between blocks.
 * A render and a real-time playback of the same project give the same samples. */
#ifndef TTYMIX_RENDER_H
#define TTYMIX_RENDER_H

#include <stdint.h>

#include "src/base/err.h"

struct graph;

#define RENDER_BLOCK 1024

/* Receives each rendered block (interleaved stereo); non-zero stops the render with
 * that error. */
typedef enum err (*render_sink)(void *arg, const float *frames, int n, struct err_msg *msg);

/* Called for each clip whose file failed while rendering (it plays as silence from
 * then on); why says what and where. */
typedef void (*render_warn)(void *arg, const char *why);

/* Render frames [start, end) of graph g (which this call owns and frees) through a new
 * engine, aligned to the timeline: the graph's latency (graph_latency: the
 * compensated strips' and the master chain's) is made up by running that many frames
 * longer and dropping as many at the start. block: frames per engine call (1..8192;
 * 0 = RENDER_BLOCK). warn may be NULL. */
enum err render_run(struct graph *g, int64_t start, int64_t end, int block,
	render_sink sink, render_warn warn, void *arg, struct err_msg *msg);
/* The same, but with more than one render thread (render_threads_for) the sink runs
 * on a thread of its own, a few blocks behind the mix (copies through a queue): it
 * gets the same blocks in the same order, one call at a time, all done before this
 * returns; warn stays on the calling thread. For a sink whose work is heavy (a file's
 * conversion, its loudness) and that does not look at the engine's state while it
 * runs. */
enum err render_run_piped(struct graph *g, int64_t start, int64_t end, int block,
	render_sink sink, render_warn warn, void *arg, struct err_msg *msg);

/* The same, and each strip's block after its fader (engine_strip_outs_rt: tracks,
 * then buses) written planar into outs[s].l and .r (NULL .l: none), each with room
 * for `block` frames (RENDER_BLOCK when 0): whenever sink is called with n frames,
 * outs[s] hold the same n frames of strip s from index 0 (silence where the strip
 * did not play). One pass for a review of every strip (src/review.h). The strips are
 * taken before their outputs' compensating delays, so a strip may lead the master
 * by its path's delay compensation. */
struct engine_strip_out;
enum err render_run_strips(struct graph *g, int64_t start, int64_t end, int block,
	const struct engine_strip_out *outs, int n_outs, render_sink sink, render_warn warn,
	void *arg, struct err_msg *msg);

/* Receives, after the mix's block, strip s's stem of the same frames (graph_stems_alloc);
 * non-zero stops the render with that error. */
typedef enum err (*render_stem_sink)(void *arg, int s, const float *frames, int n,
	struct err_msg *msg);

/* render_run for a graph with stems (graph_stems_alloc): after sink has each block of
 * the mix, stem_sink has the same block of every strip's stem, strip by strip. */
enum err render_run_stems(struct graph *g, int64_t start, int64_t end, int block,
	render_sink sink, render_stem_sink stem_sink, render_warn warn, void *arg,
	struct err_msg *msg);

/* Threads a render uses for its tracks (engine_render_threads; the samples are the
 * same for any number): render_set_threads(n) fixes it for the process (the studio
 * keeps one, leaving the other cores to playback); 0 goes back to automatic: the
 * environment's TTYMIX_RENDER_THREADS, else the processors online, at most 4. Any
 * thread. */
void render_set_threads(int threads);
int render_threads(void);
/* The threads for a render whose tracks carry track_inserts inserts in all: what
 * render_set_threads or TTYMIX_RENDER_THREADS fixed, else automatic: one thread when
 * the tracks have no insert (a plain mix is bound by reading and converting its files:
 * a second thread and the disk thread beside it gave the same wall time for 1.6 times
 * the CPU, bench/README), else render_threads()'s processors. Any thread. */
int render_threads_for(int track_inserts);

#endif
