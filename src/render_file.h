/* Rendering a graph into an audio file: the offline renderer (audio/render.h), then
 * optional sample-rate conversion, dither for integer output, and the media writer.
 * `ttymix render` and the studio's `:render` both come through here, so a file
 * bounced from the studio is the file the command line would have written.
 * Any thread: a job touches only what it is given, so the UI may run one on a worker
 * thread while it keeps editing the Project (the graph is built beforehand). */
#ifndef TTYMIX_RENDER_FILE_H
#define TTYMIX_RENDER_FILE_H

#include <stdbool.h>
#include <stdint.h>

#include "audio/dsp/dither.h"
#include "audio/media.h"
#include "audio/render.h"
#include "src/err.h"

struct graph;

/* Told how far a render got; return false to stop it (the call then fails with
 * ERR_IO, "render stopped", and leaves no file). Called on the rendering thread. */
typedef bool (*render_file_progress)(void *arg, int64_t done_frames, int64_t total_frames);

struct render_file_opts {
	enum media_container container;
	enum media_sample sample;
	int rate;                      /* output rate; 0: the graph's */
	enum dither_kind dither;
	bool dither_set;               /* false: TPDF for 16-bit, none for 24-bit */
	int64_t start_frame, end_frame; /* [start, end) at the graph's rate; end > start */
	const char *title;             /* the file's tags (media_writer_set_tag); NULL: */
	const char *artist;            /* none */
	const char *album;
	const char *tracknumber;
	render_warn warn;              /* a clip failed while rendering; may be NULL */
	void *warn_arg;
	render_file_progress progress; /* may be NULL */
	void *progress_arg;
};

/* WAV, 24-bit, the graph's rate, default dither, no callbacks; frames 0..0. */
void render_file_opts_init(struct render_file_opts *o);

/* The container a file name asks for by its extension; false when it has none we
 * know (the caller then needs an explicit format). */
bool render_file_container_of(const char *path, enum media_container *out);

/* Render frames [o->start_frame, o->end_frame) of g (consumed: freed whatever
 * happens) into path. On failure no partial file is left and msg says why. */
enum err render_file(struct graph *g, const char *path, const struct render_file_opts *o,
	struct err_msg *msg);

#endif
