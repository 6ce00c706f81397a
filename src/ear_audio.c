/* The sound of an ear-training question (src/ear_audio.h). */
#include "src/ear_audio.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "audio/dsp/pink.h"
#include "audio/fx/fx.h"
#include "audio/graph.h"
#include "audio/loudness.h"
#include "audio/media.h"
#include "audio/reference.h"
#include "audio/render.h"
#include "src/base/diag.h"
#include "src/base/xalloc.h"
#include "src/graph_build.h"
#include "src/project.h"

double ear_lufs(const float *frames, int64_t n, int rate)
{
	struct loudness *l;
	if (loudness_create(&l, rate, 2) != ERR_OK)
		return -INFINITY;
	struct loudness_result r = { .integrated_lufs = -INFINITY };
	if (loudness_add(l, frames, (long)n) != ERR_OK || loudness_result(l, &r) != ERR_OK)
		r.integrated_lufs = -INFINITY;
	loudness_destroy(l);
	return r.integrated_lufs;
}

static void scale(float *frames, int64_t n, double db)
{
	const float g = (float)pow(10.0, db / 20.0);
	for (int64_t i = 0; i < n * 2; i++)
		frames[i] *= g;
}

static enum err write_file(const char *path, const float *frames, int64_t n, int rate,
	int channels, struct err_msg *msg)
{
	struct media_writer *w;
	enum err e = media_writer_open(&w, path, MEDIA_WAV, MEDIA_FLOAT32, rate, channels, msg);
	if (e != ERR_OK)
		return e;
	for (int64_t at = 0; e == ERR_OK && at < n; at += 4096) {
		const int k = (int)(n - at < 4096 ? n - at : 4096);
		e = media_writer_write(w, frames + at * channels, k, msg);
	}
	struct err_msg close_msg;
	const enum err c = media_writer_close(w, &close_msg);
	if (e == ERR_OK && c != ERR_OK) {
		*msg = close_msg;
		e = c;
	}
	return e;
}

/* Bring frames (stereo) to EAR_SOURCE_LUFS and write them and their mono sum. */
static enum err source_keep(struct ear_source *s, const char *dir, float *frames,
	int64_t n, int rate, struct err_msg *msg)
{
	const double lufs = ear_lufs(frames, n, rate);
	if (!isfinite(lufs))
		return err_set(msg, ERR_RANGE, "the excerpt is silent: nothing to listen to");
	scale(frames, n, reference_match_db(EAR_SOURCE_LUFS, lufs));
	*s = (struct ear_source){ .dir = xstrdup(dir), .rate = rate, .frames = n };
	s->path = xasprintf("%s/source.wav", dir);
	s->mono_path = xasprintf("%s/source-mono.wav", dir);
	enum err e = write_file(s->path, frames, n, rate, 2, msg);
	if (e == ERR_OK) {
		float *mono = xmalloc((size_t)n * sizeof *mono);
		for (int64_t i = 0; i < n; i++)
			mono[i] = 0.5f * (frames[2 * i] + frames[2 * i + 1]);
		e = write_file(s->mono_path, mono, n, rate, 1, msg);
		free(mono);
	}
	if (e != ERR_OK)
		ear_source_free(s);
	return e;
}

enum err ear_source_pink(struct ear_source *s, const char *dir, int rate, uint64_t seed,
	bool bursts, struct err_msg *msg)
{
	const int64_t n = (int64_t)lround(EAR_CLIP_SEC * rate);
	float *frames = xmalloc((size_t)n * 2 * sizeof *frames);
	struct pink left, right;
	pink_init(&left, seed);
	pink_init(&right, seed ^ 0x5bd1e995u);
	/* bursts: four a second, each falling 60 dB in 200 ms, over a floor 30 dB down */
	const int64_t period = rate / 4;
	const double fall = log(1000.0) / (0.2 * rate);
	for (int64_t i = 0; i < n; i++) {
		const float env = bursts ? (float)(exp(-fall * (double)(i % period)) + 0.03) : 1;
		frames[2 * i] = env * pink_next_rt(&left);
		frames[2 * i + 1] = env * pink_next_rt(&right);
	}
	enum err e = source_keep(s, dir, frames, n, rate, msg);
	free(frames);
	return e;
}

/* Render [from, from + frames) of p through the offline engine into out (stereo). */
struct collect {
	float *out;
	int64_t at, frames;
};

static enum err collect_sink(void *arg, const float *frames, int n, struct err_msg *msg)
{
	(void)msg;
	struct collect *c = arg;
	const int64_t k = n < c->frames - c->at ? n : c->frames - c->at;
	memcpy(c->out + c->at * 2, frames, (size_t)k * 2 * sizeof *frames);
	c->at += k;
	return ERR_OK;
}

static enum err render_part(const struct project *p, int64_t from, int64_t frames,
	float *out, struct err_msg *msg)
{
	struct diag d;
	diag_init(&d);
	struct graph *g;
	enum err e = graph_build(p, true, &g, &d);
	if (e != ERR_OK)
		err_set(msg, e, "%s", diag_first_error(&d));
	diag_deinit(&d);
	if (e != ERR_OK)
		return e;
	memset(out, 0, (size_t)frames * 2 * sizeof *out);
	struct collect c = { .out = out, .frames = frames };
	return render_run(g, from, from + frames, 0, collect_sink, NULL, &c, msg);
}

/* Where p's song ends (frames), as its graph says; 0 when it cannot be built. */
static int64_t song_end(const struct project *p)
{
	struct diag d;
	diag_init(&d);
	struct graph *g;
	int64_t end = 0;
	if (graph_build(p, true, &g, &d) == ERR_OK) {
		end = g->end_frame;
		graph_destroy(g);
	}
	diag_deinit(&d);
	return end;
}

enum err ear_source_project(struct ear_source *s, const char *dir, const struct project *p,
	int track, double at, struct err_msg *msg)
{
	struct project *copy = project_copy(p);
	copy->loop_enabled = false;
	if (track >= 0 && track < copy->n_tracks) {
		for (int t = 0; t < copy->n_tracks; t++)
			copy->tracks[t].strip.solo = t == track;
		copy->tracks[track].strip.mute = false;
	}
	const int rate = copy->sample_rate;
	const int64_t n = (int64_t)lround(EAR_CLIP_SEC * rate);
	float *frames = xmalloc((size_t)n * 2 * sizeof *frames);
	/* from at; where that is silent (a part starting later), from a quarter, half,
	 * a tenth or three quarters into the song */
	const int64_t end = song_end(copy);
	const int64_t from[] = { graph_frames(at, rate), end / 4, end / 2, end / 10,
		end * 3 / 4 };
	enum err e = ERR_RANGE;
	for (size_t i = 0; i < sizeof from / sizeof from[0] && e == ERR_RANGE; i++) {
		e = render_part(copy, from[i], n, frames, msg);
		if (e == ERR_OK && !isfinite(ear_lufs(frames, n, rate)))
			e = ERR_RANGE;
	}
	if (e == ERR_RANGE)
		err_set(msg, ERR_RANGE, "%s is silent where ear training listened (from the "
			"playhead, then a quarter, half, a tenth and three quarters into the song)",
			track >= 0 && track < copy->n_tracks ? copy->tracks[track].strip.name
			: "the mix");
	project_free(copy);
	if (e == ERR_OK)
		e = source_keep(s, dir, frames, n, rate, msg);
	free(frames);
	return e;
}

void ear_source_free(struct ear_source *s)
{
	free(s->dir);
	free(s->path);
	free(s->mono_path);
	*s = (struct ear_source){ 0 };
}

static void set_param(struct project_insert *ins, const char *name, double v)
{
	const int i = fx_param_find(ins->cls, name);
	if (i >= 0)
		ins->params[i] = fx_param_clamp_rt(&ins->cls->params[i], v);
}

/* One side of q: the source as a one-track project, B with q's change. */
static enum err render_side(const struct ear_question *q, const struct ear_source *s,
	bool b, float *out, struct err_msg *msg)
{
	struct project *p = project_new(s->dir, "ear", s->rate);
	struct project_track *t = project_add_track(p, "ear");
	project_add_clip(t, q->ex == EAR_PAN ? s->mono_path : s->path, 0.0);
	if (b && (q->ex == EAR_BAND_BOOST || q->ex == EAR_BAND_CUT)) {
		struct project_insert *eq = project_add_insert(t->strip.inserts,
			&t->strip.n_inserts, &fx_eq);
		/* a bell one octave wide: Q = sqrt(2) / (2 - 1) */
		set_param(eq, "band1_hz", q->band_hz);
		set_param(eq, "band1_db", q->gain_db);
		set_param(eq, "band1_q", sqrt(2.0));
	} else if (b && q->ex == EAR_COMPRESSOR && q->answer == 0) {
		struct project_insert *c = project_add_insert(t->strip.inserts,
			&t->strip.n_inserts, &fx_compressor);
		set_param(c, "threshold_db", q->threshold_db);
		set_param(c, "ratio", q->ratio);
		set_param(c, "attack_ms", 3);
		set_param(c, "release_ms", 80);
	} else if (b && q->ex == EAR_PAN) {
		t->strip.pan = q->pan;
	}
	enum err e = render_part(p, 0, s->frames, out, msg);
	project_free(p);
	return e;
}

static void fade(float *frames, int64_t n, int rate)
{
	const int64_t k = (int64_t)(EAR_FADE_SEC * rate);
	for (int64_t i = 0; i < k && i < n / 2; i++) {
		const float g = (float)i / (float)k;
		for (int c = 0; c < 2; c++) {
			frames[2 * i + c] *= g;
			frames[2 * (n - 1 - i) + c] *= g;
		}
	}
}

enum err ear_take_make(const struct ear_question *q, const struct ear_source *s,
	struct ear_take *t, struct err_msg *msg)
{
	*t = (struct ear_take){ .frames = s->frames, .rate = s->rate };
	t->a = xmalloc((size_t)s->frames * 2 * sizeof *t->a);
	t->b = xmalloc((size_t)s->frames * 2 * sizeof *t->b);
	enum err e = render_side(q, s, false, t->a, msg);
	if (e == ERR_OK)
		e = render_side(q, s, true, t->b, msg);
	if (e != ERR_OK) {
		ear_take_free(t);
		return e;
	}
	fade(t->a, t->frames, t->rate);
	fade(t->b, t->frames, t->rate);
	t->lufs_a = ear_lufs(t->a, t->frames, t->rate);
	t->lufs_b = ear_lufs(t->b, t->frames, t->rate);
	/* B as loud as A: what the reference track's match does with the mix */
	t->match_db = reference_match_db(t->lufs_a, t->lufs_b);
	scale(t->b, t->frames, t->match_db);
	if (q->ex == EAR_LOUDER) /* the quieter one down, so nothing is pushed to clip */
		scale(q->answer == 0 ? t->b : t->a, t->frames, -q->gain_db);
	return ERR_OK;
}

enum err ear_take_write(const struct ear_take *t, const char *path, struct err_msg *msg)
{
	const int64_t gap = (int64_t)lround(EAR_GAP_SEC * t->rate);
	const int64_t n = 2 * t->frames + gap;
	float *all = xcalloc((size_t)n * 2, sizeof *all);
	memcpy(all, t->a, (size_t)t->frames * 2 * sizeof *all);
	memcpy(all + (t->frames + gap) * 2, t->b, (size_t)t->frames * 2 * sizeof *all);
	enum err e = write_file(path, all, n, t->rate, 2, msg);
	free(all);
	return e;
}

void ear_take_free(struct ear_take *t)
{
	free(t->a);
	free(t->b);
	t->a = t->b = NULL;
}
