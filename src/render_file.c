/* The file side of a render: resampling, dither, writing. */
#include "src/render_file.h"

#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "config.h"
#include "audio/graph.h"
#include "src/xalloc.h"

struct render_out {
	struct media_writer *writer;
	struct media_resampler *resampler;
	struct dither dither;
	bool quantise;
	float *buf;            /* resampler output */
	int buf_frames;
	const struct render_file_opts *opts;
	int64_t done_frames, total_frames; /* at the graph's rate */
};

static enum err out_write(struct render_out *o, float *frames, int n, struct err_msg *msg)
{
	if (o->quantise)
		dither_process_rt(&o->dither, frames, n);
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

enum err render_file(struct graph *g, const char *path, const struct render_file_opts *o,
	struct err_msg *msg)
{
	const int graph_rate = g->sample_rate;
	const int rate = o->rate ? o->rate : graph_rate;
	struct render_out out = { .opts = o, .total_frames = o->end_frame - o->start_frame };
	enum err e = media_writer_open(&out.writer, path, o->container, o->sample, rate, 2, msg);
	if (e != ERR_OK) {
		graph_destroy(g);
		return e;
	}
	const char *tags[][2] = { { "title", o->title }, { "artist", o->artist },
		{ "album", o->album }, { "tracknumber", o->tracknumber } };
	for (size_t i = 0; i < sizeof tags / sizeof tags[0]; i++)
		if (tags[i][1])
			media_writer_set_tag(out.writer, tags[i][0], tags[i][1]);
	media_writer_set_tag(out.writer, "software", "ttymix " PACKAGE_VERSION);
	if (rate != graph_rate) {
		if ((e = media_resampler_create(&out.resampler, graph_rate, rate, 2, msg))
		    != ERR_OK) {
			media_writer_close(out.writer, NULL);
			unlink(path);
			graph_destroy(g);
			return e;
		}
		out.buf_frames = RENDER_BLOCK * 16;
		out.buf = xmalloc(sizeof(float) * 2 * (size_t)out.buf_frames);
	}
	/* integer output is quantised here, with dither unless told otherwise; float and
	 * lossy output are written as they are */
	int bits = o->sample == MEDIA_PCM16 ? 16 : o->sample == MEDIA_PCM24 ? 24 : 0;
	if (bits && media_container_is_pcm(o->container)) {
		out.quantise = true;
		dither_init(&out.dither, o->dither_set ? o->dither
			: (bits == 16 ? DITHER_TPDF : DITHER_NONE), bits, 2);
	}
	e = render_run(g, o->start_frame, o->end_frame, RENDER_BLOCK, out_sink, out_warn,
		&out, msg);
	if (e == ERR_OK)
		e = out_flush(&out, msg);
	struct err_msg close_msg;
	enum err ce = media_writer_close(out.writer, &close_msg);
	if (e == ERR_OK && ce != ERR_OK) {
		e = ce;
		if (msg)
			*msg = close_msg;
	}
	media_resampler_destroy(out.resampler);
	free(out.buf);
	if (e != ERR_OK)
		unlink(path); /* never leave a partial file behind */
	return e;
}
