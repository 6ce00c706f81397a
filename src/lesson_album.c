/* The album check of a lesson: the project's album rendered by the album code
 * (src/album.h: every song, its gain, fades, gaps and the album gain, measured with
 * BS.1770 as `ttymix album` measures it) into a private temporary folder, then
 * judged from the report, never from the settings: the silence between songs, each
 * song's loudness against the album's, and the album's true peak. The folder and
 * what the render wrote are removed before it returns. */
#include "src/lesson.h"

#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "src/album.h"
#include "src/base/xalloc.h"
#include "src/lesson_priv.h"

/* The album gain stopped by its ceiling puts the true peak on it, to within the
 * rounding of float samples scaled by the gain (docs/dsp.md, "Albums"): a peak on a
 * -1 dBTP ceiling may read -0.9999. */
#define PEAK_ROUNDING_DB 0.01

/* What the render is asked to report to the studio's :check. */
static bool album_progress(void *arg, double fraction)
{
	const struct lesson_watch *w = arg;
	if (w->progress)
		atomic_store(w->progress, (int)(1000.0 * fmin(fmax(fraction, 0.0), 1.0)));
	return !(w->cancel && atomic_load(w->cancel));
}

static void remove_delivery(const struct album_report *r, const char *dir)
{
	for (int i = 0; i < r->n_songs; i++)
		if (r->songs[i].path)
			unlink(r->songs[i].path);
	if (r->path)
		unlink(r->path);
	if (r->cue_path)
		unlink(r->cue_path);
	rmdir(dir);
}

/* The gaps between songs, in seconds: the silence from the end of one song to the
 * start of the next in the continuous file (negative: they overlap, a crossfade). */
static void gap_items(const struct lesson *l, const struct album_report *r,
	struct lesson_result *res)
{
	double shortest = INFINITY, longest = -INFINITY;
	int at_short = 1, at_long = 1;
	for (int i = 0; i + 1 < r->n_songs; i++) {
		const struct album_song_report *a = &r->songs[i], *b = &r->songs[i + 1];
		double gap = (double)(b->start_frame - (a->start_frame + a->frames)) / r->rate;
		if (gap < shortest) {
			shortest = gap;
			at_short = i + 2;
		}
		if (gap > longest) {
			longest = gap;
			at_long = i + 2;
		}
	}
	if (r->n_songs < 2)
		shortest = longest = 0.0;
	struct lesson_item *it = lesson_item_add(res, "s", shortest, shortest >= l->min_gap_s);
	snprintf(it->what, sizeof it->what, "shortest gap between songs");
	snprintf(it->target, sizeof it->target, "at least %.1f s", l->min_gap_s);
	if (!it->pass)
		snprintf(it->advice, sizeof it->advice, "song %d starts %.1f s after the one "
			"before: give it a breath (its gap_before_s %.1f or more)", at_short, shortest,
			l->min_gap_s);
	it = lesson_item_add(res, "s", longest, longest <= l->max_gap_s);
	snprintf(it->what, sizeof it->what, "longest gap between songs");
	snprintf(it->target, sizeof it->target, "at most %.1f s", l->max_gap_s);
	if (!it->pass)
		snprintf(it->advice, sizeof it->advice, "song %d waits %.1f s: a listener "
			"thinks the album has ended (its gap_before_s %.1f or less)", at_long, longest,
			l->max_gap_s);
}

static void level_items(const struct lesson *l, const struct album_report *r,
	struct lesson_result *res)
{
	const double album = r->after.integrated_lufs;
	double worst = 0.0;
	int at = 0;
	for (int i = 0; i < r->n_songs; i++) {
		double d = r->songs[i].after.integrated_lufs - album;
		if (!isfinite(d) || fabs(d) > fabs(worst)) {
			worst = isfinite(d) ? d : -INFINITY;
			at = i;
		}
	}
	struct lesson_item *it = lesson_item_add(res, "LU", worst, fabs(worst) <= l->tol_lu);
	snprintf(it->what, sizeof it->what, "song furthest from the album's loudness (%.1f "
		"LUFS)", album);
	snprintf(it->target, sizeof it->target, "within +-%.1f LU", l->tol_lu);
	if (!it->pass)
		snprintf(it->advice, sizeof it->advice, "song %d (%s) is %+.1f LU off: %s its "
			"gain_db by %.1f dB", at + 1, r->n_songs ? r->songs[at].title : "", worst,
			worst < 0 ? "raise" : "lower", fabs(worst));
	double peak = r->after.true_peak_dbtp;
	for (int i = 0; i < r->n_songs; i++)
		peak = fmax(peak, r->songs[i].after.true_peak_dbtp);
	it = lesson_item_add(res, "dBTP", peak, peak <= l->max_dbtp + PEAK_ROUNDING_DB);
	snprintf(it->what, sizeof it->what, "album true peak");
	snprintf(it->target, sizeof it->target, "at most %.1f dBTP", l->max_dbtp);
	if (!it->pass)
		snprintf(it->advice, sizeof it->advice, "%.1f dB too hot: turn the loudest songs "
			"down, or give the album a target_lufs (its gain stops at %.1f dBTP)",
			peak - l->max_dbtp, ALBUM_DEFAULT_CEILING_DBTP);
}

enum err lesson_check_album(const struct lesson *l, const struct project *p,
	const struct lesson_watch *watch, struct lesson_result *res, struct err_msg *msg)
{
	if (!p->album || p->album->n_songs == 0)
		return err_set(msg, ERR_FORMAT, "%s: no album (the lesson checks its songs)",
			p->path);
	const char *tmp = getenv("TMPDIR");
	char *dir = xasprintf("%s/ttymix-lesson-album-XXXXXX", tmp && *tmp ? tmp : "/tmp");
	if (!mkdtemp(dir)) {
		enum err e = err_set(msg, ERR_IO, "%s: cannot create a temporary folder: %s", dir,
			strerror(errno));
		free(dir);
		return e;
	}
	struct album_opts o;
	album_opts_init(&o);
	o.out_dir = dir;
	o.sample = MEDIA_FLOAT32;   /* measured, not kept: no quantisation, no dither */
	if (watch) {
		o.progress = album_progress;
		o.progress_arg = (void *)watch;
	}
	struct album_report r;
	enum err e = album_render(p, &o, &r, msg);
	if (e != ERR_OK) {
		rmdir(dir);
		free(dir);
		return e;
	}
	gap_items(l, &r, res);
	level_items(l, &r, res);
	remove_delivery(&r, dir);
	album_report_deinit(&r);
	free(dir);
	return ERR_OK;
}
