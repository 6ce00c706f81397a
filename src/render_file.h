/* Rendering a graph into an audio file: the offline renderer (audio/render.h), then
 * optional sample-rate conversion, dither for integer output, and the media writer.
 * `ttymix render` and the studio's `:render` both come through here, so a file
 * bounced from the studio is the file the command line would have written.
 * Any thread: a job touches only what it is given, so the UI may run one on a worker
 * thread while it keeps editing the Project (the graph is built beforehand). */
#ifndef TTYMIX_RENDER_FILE_H
#define TTYMIX_RENDER_FILE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "audio/dsp/dither.h"
#include "audio/media.h"
#include "audio/render.h"
#include "src/base/err.h"

struct graph;
struct project;

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
	struct render_file_report *report; /* filled in when the file is whole; may be NULL */
	/* the report gives the sample peak and the RMS level instead of the loudness and
	 * the true peak: a stem's, which a render makes by the dozen (loudness filters
	 * every sample, true peak oversamples it: they were most of the stems' cost) */
	bool report_levels;
};

/* What a finished render wrote, for its closing line: measured on the samples as they
 * went into the file (after resampling and quantisation), at the file's rate. */
struct render_file_report {
	int64_t frames;                /* in the file, at rate */
	int rate;
	double integrated_lufs;        /* -INFINITY: silent or too short (loudness.h) */
	double true_peak_dbtp;
	/* samples beyond full scale: integer output counts those the quantiser clipped to
	 * the largest code; float and lossy output count those beyond +-1.0, which a
	 * player clips */
	int64_t clipped;
	bool integer;                  /* the file holds integers (bits says how many) */
	int bits;
	/* with render_file_opts.report_levels: these, not the loudness and true peak
	 * (which are then -INFINITY) */
	bool levels;
	double sample_peak_dbfs;       /* -INFINITY: silent */
	double rms_dbfs;               /* over the whole file */
};

/* The closing line of a render, without a newline: "PATH: 3:06.5 of audio, -14.1 LUFS
 * integrated, -1.1 dBTP true peak" ("of audio in 2.1 s" when took_sec >= 0; with
 * r->levels "-6.2 dBFS peak, -24.0 dBFS RMS", or "silent"), and when
 * samples clipped "; warning: 797 samples clipped (beyond full scale in 24-bit)", or
 * with warning_first (for a status line that a narrow terminal cuts short) "PATH, but
 * 797 samples clipped (beyond full scale in 24-bit): 3:06.5 of audio, ...". Any
 * thread. */
void render_file_summary(const char *path, const struct render_file_report *r,
	double took_sec, bool warning_first, char *buf, size_t size);

/* WAV, 24-bit, the graph's rate, default dither, no callbacks; frames 0..0. */
void render_file_opts_init(struct render_file_opts *o);

/* The container a file name asks for by its extension; false when it has none we
 * know (the caller then needs an explicit format). */
bool render_file_container_of(const char *path, enum media_container *out);

/* ---- stopped by a signal (the command line) ---- */

/* From now on SIGINT and SIGTERM stop this process's renders: the one running fails
 * ("PATH: render stopped by SIGTERM; PATH is as it was") and removes its temporary
 * file, and render_file refuses to start another. For the command line, whose top
 * then exits 1; the studio handles its signals itself and never calls this. Main
 * thread, once. */
void render_file_catch_signals(void);
/* The signal that stopped renders, or 0. */
int render_file_caught_signal(void);

/* ---- never over an input ---- */

/* A file a render reads, and what it is to the user ("the project file"). */
struct render_input {
	char *path;          /* owned */
	const char *what;    /* static */
};

/* Every file rendering p reads or that holds p: project.json and its .bak, each clip's
 * file, the pitch caches, the album's songs. *n of them; render_file_inputs_free
 * frees them. */
struct render_input *render_file_project_inputs(const struct project *p, int *n);
void render_file_inputs_free(struct render_input *in, int n);

/* ERR_OK when writing out leaves every input alone. Otherwise ERR_USAGE and msg says
 * "OUT is the project file; a render never writes over what it reads (choose another
 * output)". The same file is found by device and inode when out exists (a hard link, a
 * symlink, another spelling of the path), else by its resolved path. */
enum err render_file_check_target(const char *out, const struct render_input *in, int n,
	struct err_msg *msg);

/* Render frames [o->start_frame, o->end_frame) of g (consumed: freed whatever
 * happens) into path. The file is written under a fresh temporary name beside path
 * (src/base/safefile.h) and renamed over path only once whole: a render that fails, is
 * stopped or is killed leaves any earlier file at path as it was (a kill -9 may
 * leave a "path.tmp.XXXXXX"). msg says why on failure, naming path. */
enum err render_file(struct graph *g, const char *path, const struct render_file_opts *o,
	struct err_msg *msg);

/* The mix and every strip's stem of g in one pass: g has stems (graph_build_stems),
 * one per strip (n = tracks + buses, the order of paths and opts). The mix goes to
 * mix_path as render_file would write it, or nowhere when mix_path is NULL; stem s to
 * paths[s] as opts[s] asks (each its own format, tags and report). Frames, progress
 * and warnings are mix_opts' (opts[0]'s without a mix). g is consumed. Each file is
 * renamed into place once the pass is whole, the mix first; a failure leaves every
 * file not yet renamed as it was, and msg names the one that failed. */
enum err render_file_stems(struct graph *g, const char *mix_path,
	const struct render_file_opts *mix_opts, char *const *paths,
	const struct render_file_opts *opts, int n, struct err_msg *msg);

#endif
