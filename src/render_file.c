/* The file side of a render: resampling, dither, writing. */
#include "src/render_file.h"

#include <math.h>
#include <signal.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "config.h"
#include "audio/dsp/silence.h"
#include "audio/graph.h"
#include "audio/levels.h"
#include "audio/loudness.h"
#include "src/pitch.h"
#include "src/project.h"
#include "src/base/safefile.h"
#include "src/base/xalloc.h"

struct render_out {
	struct media_writer *writer;
	struct media_resampler *resampler;
	struct dither dither;
	bool quantise;
	float *buf;            /* resampler output */
	int buf_frames;
	const struct render_file_opts *opts;
	const char *path;      /* the final name, for messages */
	int64_t done_frames, total_frames; /* at the graph's rate */
	struct loudness *loudness; /* what the file holds; NULL: no report asked */
	bool levels;               /* the report's levels, not loudness (report_levels) */
	struct levels level;
	int64_t written_frames;    /* at the output rate */
	int64_t over_full_scale;   /* float and lossy output: samples beyond +-1.0 */
	struct safefile file;      /* the temporary file the writer fills */
	int rate, bits;            /* output rate; bits of integer output, else 0 */
};

static volatile sig_atomic_t caught_signal;

static void on_signal(int sig)
{
	caught_signal = sig;
}

void render_file_catch_signals(void)
{
	struct sigaction sa;
	memset(&sa, 0, sizeof sa);
	sa.sa_handler = on_signal;
	sigemptyset(&sa.sa_mask);
	sigaction(SIGINT, &sa, NULL);
	sigaction(SIGTERM, &sa, NULL);
}

int render_file_caught_signal(void)
{
	return caught_signal;
}

static enum err stopped_by_signal(const char *path, struct err_msg *msg)
{
	return err_set(msg, ERR_IO, "%s: render stopped by %s; %s is as it was", path,
		caught_signal == SIGINT ? "SIGINT (Ctrl-C)" : "SIGTERM", path);
}

static enum err out_write(struct render_out *o, float *frames, int n, struct err_msg *msg)
{
	/* a silent block of a stem, as the plain quantiser (no dither: it has no state)
	 * and the levels would leave it, without their work: +0 everywhere, n frames
	 * more counted. A mix's block still goes through its loudness, which gates by
	 * time. */
	if (o->quantise && o->dither.kind == DITHER_NONE && !o->loudness
		&& dsp_all_zero(frames, 2L * n)) {
		memset(frames, 0, sizeof(float) * 2 * (size_t)n);
		if (o->levels)
			levels_add_silence(&o->level, (long)n * 2);
		o->written_frames += n;
		return media_writer_write(o->writer, frames, n, msg);
	}
	if (o->quantise) {
		dither_process_rt(&o->dither, frames, n);
	} else if (o->loudness || o->levels) {
		for (int i = 0; i < n * 2; i++)
			o->over_full_scale += frames[i] > 1.0f || frames[i] < -1.0f;
	}
	if (o->loudness && loudness_add(o->loudness, frames, n) != ERR_OK)
		return err_set(msg, ERR_NOMEM, "%s: out of memory measuring the render", o->path);
	if (o->levels)
		levels_add(&o->level, frames, (long)n * 2);
	o->written_frames += n;
	return media_writer_write(o->writer, frames, n, msg);
}

static enum err out_resample(struct render_out *o, const float *frames, int n,
	struct err_msg *msg)
{
	int used_total = 0;
	while (used_total < n) {
		int used, got;
		enum err e = media_resampler_process(o->resampler, frames + used_total * 2,
			n - used_total, &used, o->buf, o->buf_frames, &got, msg);
		if (e != ERR_OK)
			return e;
		used_total += used;
		if (got > 0 && (e = out_write(o, o->buf, got, msg)) != ERR_OK)
			return e;
		if (used == 0 && got == 0)
			break;
	}
	return ERR_OK;
}

static enum err out_sink(void *arg, const float *frames, int n, struct err_msg *msg)
{
	struct render_out *o = arg;
	/* without a resampler the engine's block is ours to change: quantise in place */
	enum err e = o->resampler ? out_resample(o, frames, n, msg)
		: out_write(o, (float *)frames, n, msg);
	if (e != ERR_OK)
		return e;
	if (caught_signal)
		return stopped_by_signal(o->path, msg);
	o->done_frames += n;
	if (o->opts->progress
		&& !o->opts->progress(o->opts->progress_arg, o->done_frames, o->total_frames))
		return err_set(msg, ERR_IO, "render stopped");
	return ERR_OK;
}

/* render_run gives the sink and the warning the same argument: pass the caller's on */
static void out_warn(void *arg, const char *why)
{
	struct render_out *o = arg;
	if (o->opts->warn)
		o->opts->warn(o->opts->warn_arg, why);
}

static enum err out_flush(struct render_out *o, struct err_msg *msg)
{
	if (!o->resampler)
		return ERR_OK;
	for (;;) {
		int used, got;
		enum err e = media_resampler_process(o->resampler, NULL, 0, &used, o->buf,
			o->buf_frames, &got, msg);
		if (e != ERR_OK)
			return e;
		if (got == 0)
			return ERR_OK;
		if ((e = out_write(o, o->buf, got, msg)) != ERR_OK)
			return e;
	}
}

void render_file_opts_init(struct render_file_opts *o)
{
	memset(o, 0, sizeof *o);
	o->container = MEDIA_WAV;
	o->sample = MEDIA_PCM24;
	o->dither = DITHER_NONE;
}

bool render_file_container_of(const char *path, enum media_container *out)
{
	const char *dot = strrchr(path, '.');
	const char *slash = strrchr(path, '/');
	if (!dot || (slash && dot < slash))
		return false;
	return media_container_parse_ext(dot + 1, out);
}

/* path as the file system names it: its real path when it exists, else its folder's
 * real path and its own name (a file not made yet), else path as given. */
static char *resolved(const char *path)
{
	char *real = realpath(path, NULL);
	if (real)
		return real;
	char *dir = safefile_dirname(path);
	char *real_dir = realpath(dir, NULL);
	free(dir);
	if (!real_dir)
		return xstrdup(path);
	const char *slash = strrchr(path, '/');
	char *out = xasprintf("%s/%s", strcmp(real_dir, "/") ? real_dir : "",
		slash ? slash + 1 : path);
	free(real_dir);
	return out;
}

static void add_input(struct render_input **in, int *n, int *cap, char *path,
	const char *what)
{
	if (!path)
		return;
	if (*n == *cap) {
		*cap = *cap ? *cap * 2 : 16;
		*in = xrealloc(*in, (size_t)*cap * sizeof **in);
	}
	(*in)[(*n)++] = (struct render_input){ path, what };
}

struct render_input *render_file_project_inputs(const struct project *p, int *n)
{
	struct render_input *in = NULL;
	int cap = 0;
	*n = 0;
	if (p->path) {
		add_input(&in, n, &cap, xstrdup(p->path), "the project file");
		add_input(&in, n, &cap, xasprintf("%s.bak", p->path), "the project's backup");
	}
	for (int t = 0; t < p->n_tracks; t++)
		for (int k = 0; k < p->tracks[t].n_clips; k++)
			add_input(&in, n, &cap, project_clip_path(p, &p->tracks[t].clips[k]),
				"a clip's audio file");
	int n_caches = 0;
	char **caches = pitch_cache_paths(p, &n_caches);
	for (int i = 0; i < n_caches; i++)
		add_input(&in, n, &cap, caches[i], "a clip's pitch cache");
	free(caches);
	for (int i = 0; p->album && i < p->album->n_songs; i++)
		add_input(&in, n, &cap, project_song_path(p, &p->album->songs[i]),
			"an album song");
	return in;
}

void render_file_inputs_free(struct render_input *in, int n)
{
	for (int i = 0; i < n; i++)
		free(in[i].path);
	free(in);
}

enum err render_file_check_target(const char *out, const struct render_input *in, int n,
	struct err_msg *msg)
{
	struct stat out_st, in_st;
	const bool out_exists = stat(out, &out_st) == 0;
	char *out_real = resolved(out);
	const char *hit = NULL;
	for (int i = 0; i < n && !hit; i++) {
		if (out_exists && stat(in[i].path, &in_st) == 0) {
			if (in_st.st_dev == out_st.st_dev && in_st.st_ino == out_st.st_ino)
				hit = in[i].what;
			continue;
		}
		char *in_real = resolved(in[i].path);
		if (!strcmp(in_real, out_real))
			hit = in[i].what;
		free(in_real);
	}
	free(out_real);
	if (!hit)
		return ERR_OK;
	return err_set(msg, ERR_USAGE, "%s is %s; a render never writes over what it reads "
		"(choose another output)", out, hit);
}

/* The report of a whole render: its loudness and what clipped. */
static enum err report(struct render_out *o, int bits, int rate,
	struct render_file_report *r, struct err_msg *msg)
{
	struct loudness_result res = { .integrated_lufs = -INFINITY,
		.true_peak_dbtp = -INFINITY };
	if (o->loudness && loudness_result(o->loudness, &res) != ERR_OK)
		return err_set(msg, ERR_NOMEM, "%s: out of memory measuring the render", o->path);
	memset(r, 0, sizeof *r);
	r->frames = o->written_frames;
	r->rate = rate;
	r->integrated_lufs = res.integrated_lufs;
	r->true_peak_dbtp = res.true_peak_dbtp;
	r->levels = o->levels;
	r->sample_peak_dbfs = o->levels ? levels_peak_dbfs(&o->level) : -INFINITY;
	r->rms_dbfs = o->levels ? levels_rms_dbfs(&o->level) : -INFINITY;
	r->integer = o->quantise;
	r->bits = o->quantise ? bits : 0;
	r->clipped = o->quantise ? (int64_t)o->dither.clipped : o->over_full_scale;
	return ERR_OK;
}

/* Open out's file at path as o asks, for a graph at graph_rate: the safe file, the
 * writer and its tags, a resampler when the rate differs, dither for integer output,
 * the loudness meter for a report. On failure nothing is left open. */
static enum err out_open(struct render_out *out, const char *path,
	const struct render_file_opts *o, int graph_rate, struct err_msg *msg)
{
	const int rate = o->rate ? o->rate : graph_rate;
	*out = (struct render_out){ .opts = o, .path = path, .rate = rate,
		.total_frames = o->end_frame - o->start_frame };
	enum err e = caught_signal ? stopped_by_signal(path, msg)
		: safefile_open(&out->file, path, SAFEFILE_KEEP_MODE, msg);
	if (e != ERR_OK)
		return e;
	e = media_writer_open_fd(&out->writer, out->file.fd, path, o->container, o->sample,
		rate, 2, msg);
	if (e != ERR_OK) {
		safefile_abort(&out->file);
		return e;
	}
	const char *tags[][2] = { { "title", o->title }, { "artist", o->artist },
		{ "album", o->album }, { "tracknumber", o->tracknumber } };
	for (size_t i = 0; i < sizeof tags / sizeof tags[0]; i++)
		if (tags[i][1])
			media_writer_set_tag(out->writer, tags[i][0], tags[i][1]);
	media_writer_set_tag(out->writer, "software", "ttymix " PACKAGE_VERSION);
	if (rate != graph_rate) {
		if ((e = media_resampler_create(&out->resampler, graph_rate, rate, 2, msg))
		    != ERR_OK) {
			media_writer_close(out->writer, NULL);
			safefile_abort(&out->file);
			return e;
		}
		out->buf_frames = RENDER_BLOCK * 16;
		out->buf = xmalloc(sizeof(float) * 2 * (size_t)out->buf_frames);
	}
	/* integer output is quantised here, with dither unless told otherwise; float and
	 * lossy output are written as they are */
	out->bits = o->sample == MEDIA_PCM16 ? 16 : o->sample == MEDIA_PCM24 ? 24 : 0;
	if (out->bits && media_container_is_pcm(o->container)) {
		out->quantise = true;
		dither_init(&out->dither, o->dither_set ? o->dither
			: (out->bits == 16 ? DITHER_TPDF : DITHER_NONE), out->bits, 2);
	}
	out->levels = o->report && o->report_levels;
	levels_init(&out->level);
	if (o->report && !out->levels
	    && loudness_create_integrated(&out->loudness, rate, 2) != ERR_OK) {
		media_writer_close(out->writer, NULL);
		media_resampler_destroy(out->resampler);
		free(out->buf);
		safefile_abort(&out->file);
		return err_set(msg, ERR_NOMEM, "%s: out of memory measuring the render", path);
	}
	return ERR_OK;
}

/* The end of out's render, which went as e says: the resampler's tail, the writer
 * closed, the report, and the file renamed into place (e == ERR_OK) or dropped (any
 * earlier file at the path stays). */
static enum err out_finish(struct render_out *out, enum err e, struct err_msg *msg)
{
	if (e == ERR_OK)
		e = out_flush(out, msg);
	struct err_msg close_msg;
	enum err ce = media_writer_close(out->writer, &close_msg);
	if (e == ERR_OK && ce != ERR_OK) {
		e = ce;
		if (msg)
			*msg = close_msg;
	}
	media_resampler_destroy(out->resampler);
	free(out->buf);
	if (e == ERR_OK && caught_signal) /* the last block was in: still not wanted */
		e = stopped_by_signal(out->path, msg);
	if (e == ERR_OK && (out->loudness || out->levels))
		e = report(out, out->bits, out->rate, out->opts->report, msg);
	loudness_destroy(out->loudness);
	if (e != ERR_OK) {
		safefile_abort(&out->file); /* never a partial file; an earlier one stays */
		return e;
	}
	return safefile_commit(&out->file, msg);
}

enum err render_file(struct graph *g, const char *path, const struct render_file_opts *o,
	struct err_msg *msg)
{
	struct render_out out;
	enum err e = out_open(&out, path, o, g->sample_rate, msg);
	if (e != ERR_OK) {
		graph_destroy(g);
		return e;
	}
	/* the file's conversion, writing and loudness beside the mix (render_run_piped),
	 * unless a progress callback may look at the engine's state as each block is in */
	e = (o->progress ? render_run : render_run_piped)(g, o->start_frame, o->end_frame,
		RENDER_BLOCK, out_sink, out_warn, &out, msg);
	return out_finish(&out, e, msg);
}

/* ---- stems in the mix's pass ---- */

struct render_multi {
	struct render_out *mix;    /* NULL: the mix is not kept */
	struct render_out *stems;
	int n;
	const struct render_file_opts *first; /* progress and warnings */
	int64_t done_frames;
};

static enum err multi_sink(void *arg, const float *frames, int n, struct err_msg *msg)
{
	struct render_multi *m = arg;
	if (m->mix)
		return out_sink(m->mix, frames, n, msg);
	if (caught_signal)
		return stopped_by_signal(m->stems[0].path, msg);
	m->done_frames += n;
	const struct render_file_opts *o = m->first;
	if (o->progress && !o->progress(o->progress_arg, m->done_frames,
		o->end_frame - o->start_frame))
		return err_set(msg, ERR_IO, "render stopped");
	return ERR_OK;
}

static enum err multi_stem_sink(void *arg, int s, const float *frames, int n,
	struct err_msg *msg)
{
	struct render_multi *m = arg;
	struct render_out *o = &m->stems[s];
	/* the stem's block is ours to change, as the mix's is */
	return o->resampler ? out_resample(o, frames, n, msg) : out_write(o, (float *)frames, n,
		msg);
}

static void multi_warn(void *arg, const char *why)
{
	struct render_multi *m = arg;
	if (m->first->warn)
		m->first->warn(m->first->warn_arg, why);
}

enum err render_file_stems(struct graph *g, const char *mix_path,
	const struct render_file_opts *mix_opts, char *const *paths,
	const struct render_file_opts *opts, int n, struct err_msg *msg)
{
	struct render_multi m = { .n = n, .first = mix_path ? mix_opts : &opts[0] };
	struct render_out mix;
	enum err e = ERR_OK;
	if (mix_path && (e = out_open(&mix, mix_path, mix_opts, g->sample_rate, msg)) == ERR_OK)
		m.mix = &mix;
	m.stems = xcalloc((size_t)(n > 0 ? n : 1), sizeof *m.stems);
	int opened = 0;
	for (; e == ERR_OK && opened < n; opened++)
		if ((e = out_open(&m.stems[opened], paths[opened], &opts[opened], g->sample_rate,
			msg)) != ERR_OK)
			break;
	if (e == ERR_OK && n != g->n_stems)
		e = err_set(msg, ERR_USAGE, "render: %d stems asked of a graph with %d", n,
			g->n_stems);
	if (e == ERR_OK) {
		e = render_run_stems(g, m.first->start_frame, m.first->end_frame, RENDER_BLOCK,
			multi_sink, multi_stem_sink, multi_warn, &m, msg);
	} else {
		graph_destroy(g);
	}
	/* in order: the first failure drops every file not yet renamed into place */
	if (m.mix)
		e = out_finish(m.mix, e, msg);
	for (int s = 0; s < opened; s++)
		e = out_finish(&m.stems[s], e, msg);
	free(m.stems);
	return e;
}

/* "797 samples clipped (beyond full scale in 24-bit)" */
static void clip_words(const struct render_file_report *r, char *buf, size_t size)
{
	if (r->integer)
		snprintf(buf, size, "%lld sample%s clipped (beyond full scale in %d-bit)",
			(long long)r->clipped, r->clipped == 1 ? "" : "s", r->bits);
	else
		snprintf(buf, size, "%lld sample%s beyond full scale (a player clips them)",
			(long long)r->clipped, r->clipped == 1 ? "" : "s");
}

void render_file_summary(const char *path, const struct render_file_report *r,
	double took_sec, bool warning_first, char *buf, size_t size)
{
	const double len = r->rate > 0 ? (double)r->frames / r->rate : 0.0;
	/* what the file holds: its loudness and true peak, or a stem's levels */
	char level[48], peak[32] = "";
	if (r->levels && !isfinite(r->sample_peak_dbfs)) {
		snprintf(level, sizeof level, "silent");
	} else if (r->levels) {
		snprintf(level, sizeof level, "%+.1f dBFS peak", r->sample_peak_dbfs);
		snprintf(peak, sizeof peak, ", %+.1f dBFS RMS", r->rms_dbfs);
	} else {
		if (isfinite(r->integrated_lufs))
			snprintf(level, sizeof level, "%.1f LUFS integrated", r->integrated_lufs);
		else
			snprintf(level, sizeof level, "-- LUFS integrated (silent or too short)");
		if (isfinite(r->true_peak_dbtp))
			snprintf(peak, sizeof peak, ", %+.1f dBTP true peak", r->true_peak_dbtp);
		else
			snprintf(peak, sizeof peak, ", -- dBTP true peak");
	}
	char took[32] = "";
	if (took_sec >= 0)
		snprintf(took, sizeof took, " in %.1f s", took_sec);
	char clipped[96] = "";
	if (r->clipped > 0)
		clip_words(r, clipped, sizeof clipped);
	if (r->clipped > 0 && warning_first)
		snprintf(buf, size, "%s, but %s: %d:%04.1f of audio%s, %s%s", path, clipped,
			(int)(len / 60), fmod(len, 60.0), took, level, peak);
	else
		snprintf(buf, size, "%s: %d:%04.1f of audio%s, %s%s%s%s", path, (int)(len / 60),
			fmod(len, 60.0), took, level, peak, clipped[0] ? "; warning: " : "", clipped);
}
