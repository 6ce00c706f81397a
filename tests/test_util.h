/* Helpers shared by the C tests: temporary folders, test signals written through our
 * media writer, and rendering a project into memory through the offline renderer. */
#ifndef TTYMIX_TEST_UTIL_H
#define TTYMIX_TEST_UTIL_H

#include <stddef.h>
#include <stdint.h>

#include "src/project.h"

/* A fresh folder under $TMPDIR (or /tmp); caller frees the string. */
char *tu_tempdir(void);
/* Remove a folder made by tu_tempdir and what is in it (one level, plus audio/). */
void tu_rmtree(const char *dir);
/* The first 4095 bytes of a file as a string; NULL when it can't be opened. Caller
 * frees. */
char *tu_slurp(const char *path);

/* Write `frames` frames of `channels` channels at `rate` to path as 32-bit float WAV;
 * gen(i, ch) gives sample i of channel ch. */
void tu_write_wav(const char *path, int rate, int channels, int64_t frames,
	double (*gen)(int64_t i, int ch, void *arg), void *arg);
/* A generator for tu_write_wav: every sample is *(double *)arg (a DC file). */
double tu_gen_dc(int64_t i, int ch, void *arg);

/* Write text as dir/project.json and load it. NULL when it does not load: the first
 * error then goes to why (when not NULL); with why NULL every diagnostic is printed. */
struct project *tu_load_text(const char *dir, const char *text, char *why,
	size_t why_size);

/* Load text as tu_load_text does and build its playback graph (graph_build, not
 * offline). NULL when either fails or the build said anything: the first message goes
 * to why. The graph is the caller's (engine_send_graph takes it over). */
struct graph *tu_graph_text(const char *dir, const char *text, char *why,
	size_t why_size);

/* One period of at most 4096 frames through e, the disk served first as the disk
 * thread would, events drained and garbage collected: the left channel into left.
 * Returns the frames played. */
struct engine;
int tu_engine_step(struct engine *e, float *left, int n);

/* Render p (whole length, or [start, end) seconds when end > 0) into a new buffer of
 * interleaved stereo floats; *frames gets its length. block: engine block size. */
float *tu_render(const struct project *p, double start, double end, int block,
	int64_t *frames);

#endif
