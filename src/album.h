/* Rendering an album (`album` in project.json): every song rendered or decoded at the
 * album rate, then per-song gain, fades, gaps and crossfades, the songs joined, one
 * gain for the whole album to reach a loudness target, and the files written: one per
 * song (NN-Title.ext), one continuous file (album.ext) and a CUE sheet (album.cue).
 *
 * Sample-exact layout (docs/dsp.md, *Albums*): a time becomes round(s x rate) frames;
 * song i starts at start[i] in the continuous file, its own file holds exactly its
 * len[i] frames, and where no crossfade touches it, those are the continuous file's
 * frames [start[i], start[i] + len[i]).
 *
 * Main thread (the CLI) or a worker thread; the library never prints: results come
 * back in a struct album_report, failures as an error and one message. */
#ifndef TTYMIX_ALBUM_H
#define TTYMIX_ALBUM_H

#include <stdbool.h>
#include <stdint.h>

#include "audio/dsp/dither.h"
#include "audio/loudness.h"
#include "audio/media.h"
#include "audio/render.h"
#include "src/base/err.h"
#include "src/project.h"

#define ALBUM_CD_FPS 75               /* CUE sheet frames per second */
#define ALBUM_DEFAULT_CEILING_DBTP -1.0

struct album_opts {
	const char *out_dir;              /* created when missing */
	enum media_container container;
	enum media_sample sample;
	int rate;                         /* 0: the project's */
	enum dither_kind dither;
	bool dither_set;                  /* false: TPDF for 16-bit, none otherwise */
	bool target_set;                  /* overrides the album's target_lufs */
	double target_lufs;
	double ceiling_dbtp;              /* the normalization gain never lifts a true
	                                   * peak above this */
	render_warn warn;                 /* a clip failed inside a song; may be NULL */
	void *warn_arg;
	/* how far the job is, 0..1 (songs rendered: the first third; then the passes);
	 * return false to stop it (album_render then fails with ERR_IO, "album stopped",
	 * and removes what it wrote). Called on the rendering thread; may be NULL. */
	bool (*progress)(void *arg, double fraction);
	void *progress_arg;
};

/* album_opts with WAV, 24-bit, the project's rate, default dither, the album's own
 * target and a -1 dBTP ceiling. */
void album_opts_init(struct album_opts *o);

struct album_song_report {
	char *title;
	char *path;                       /* the song's file */
	int64_t start_frame, frames;      /* where it lies in the continuous file */
	int64_t cue_frame;                /* start in CD frames: round(start / rate x 75) */
	struct loudness_result before;    /* the song as sequenced, before the album gain */
	struct loudness_result after;     /* as written (before quantisation) */
};

struct album_report {
	int rate;
	int n_songs;
	struct album_song_report *songs;
	int64_t total_frames;
	char *path, *cue_path;            /* the continuous file and the CUE sheet */
	struct loudness_result before, after; /* the continuous file */
	bool target_set;
	double target_lufs;
	double ceiling_dbtp;
	double gain_db;                   /* the album gain applied */
	bool target_reached;              /* false: the ceiling held the gain back */
	double render_seconds;            /* wall time of the whole job */
};

/* Render p's album with o into o->out_dir. On success *r is filled (free it with
 * album_report_deinit). On failure the files made so far are removed and msg says
 * what and where (e.g. `album.songs[2] (b.wav): not found`). */
enum err album_render(const struct project *p, const struct album_opts *o,
	struct album_report *r, struct err_msg *msg);
void album_report_deinit(struct album_report *r);

/* For `ttymix check`: every song's source is there and readable (a project loads, a
 * file probes as audio of one or two channels); each problem goes to diag as an error
 * naming the song. Returns the number of problems. */
int album_check_sources(const struct project *p, struct diag *diag);

/* The CD frame (1/75 s) nearest to frame at rate: round(frame x 75 / rate), halves
 * up, in integers. */
int64_t album_cd_frame(int64_t frame, int rate);

#endif
