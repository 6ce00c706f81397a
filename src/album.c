/* The album renderer: songs to the album rate, the sequence laid out frame by frame,
 * two streaming passes over it (measure, then write), the CUE sheet. Memory stays at a
 * few blocks whatever the album's length: projects are rendered once into 32-bit float
 * files in a temporary folder inside the output folder, then every song is streamed. */
#include "src/album.h"

#include <errno.h>
#include <math.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "config.h"
#include "audio/graph.h"
#include "src/graph_build.h"
#include "src/paths.h"
#include "src/render_file.h"
#include "src/base/clock.h"
#include "src/base/safefile.h"
#include "src/base/text.h"
#include "src/base/xalloc.h"

/* Frames per step of a pass. The continuous stream's share of a step (its loudness,
 * dither and writing) runs on a helper thread while the next step's songs are read,
 * shaped, measured and written on the calling thread: the two halves cost about the
 * same (libebur128's true peak dominates), so two cores take a pass in about half the
 * time. A step is big enough that starting a thread per step costs nothing. */
#define ALBUM_BLOCK 32768

struct song {
	const struct project_song *cfg;
	int index;
	char *title;
	char *read_path;                  /* what is streamed: the file, or a render of
	                                   * the project in the temporary folder */
	bool temporary;
	struct media_reader *reader;
	int channels;
	int64_t start, len;               /* frames at the album rate */
	int64_t fade_in, fade_out;        /* the song's own fades, clamped as a clip's */
	int64_t xf_in, xf_out;            /* crossfades from the previous / into the next */
	float gain;
	struct loudness *meter;
	struct media_writer *writer;
	struct dither dither;
	char *out_path;
	struct safefile file;             /* out_path's new version, until all is done */
};

struct job {
	const struct project *p;
	const struct album_opts *o;
	int rate;
	int n;
	struct song *songs;
	char *tmp_dir;
	int64_t total;
	bool quantise;
	int bits;
	/* the continuous file */
	struct loudness *meter;
	struct media_writer *writer;
	struct dither dither;
	char *out_path;
	struct safefile file, cue_file;   /* the new versions, renamed once all is done */
	/* scratch: the continuous stream's two step buffers (one for the helper, one
	 * being filled), a song's frames as read and as shaped */
	float *mix[2], *read, *one;
	/* progress: the stage's share of the whole, and where it starts */
	double stage_from, stage_span;
};

static bool report_progress(const struct job *j, double stage_fraction)
{
	if (!j->o->progress)
		return true;
	return j->o->progress(j->o->progress_arg, j->stage_from + j->stage_span * stage_fraction);
}

/* render_file's progress, inside one song's stage */
static bool render_progress(void *arg, int64_t done, int64_t total)
{
	const struct job *j = arg;
	return report_progress(j, total > 0 ? (double)done / (double)total : 0);
}

void album_opts_init(struct album_opts *o)
{
	memset(o, 0, sizeof *o);
	o->container = MEDIA_WAV;
	o->sample = MEDIA_PCM24;
	o->dither = DITHER_NONE;
	o->ceiling_dbtp = ALBUM_DEFAULT_CEILING_DBTP;
}

int64_t album_cd_frame(int64_t frame, int rate)
{
	return (frame * ALBUM_CD_FPS * 2 + rate) / (2 * (int64_t)rate);
}

static int64_t to_frames(double seconds, int rate)
{
	return (int64_t)llround(seconds * rate);
}

/* A title made safe as a file name on every system a delivery may land on. */
static char *file_name(int number, const char *title, const char *ext)
{
	/* at most 120 bytes of the title, cut before a UTF-8 character, not inside one */
	if (!title[0])
		title = "untitled";
	int keep = (int)strlen(title);
	if (keep > 120) {
		keep = 120;
		while (keep > 0 && ((unsigned char)title[keep] & 0xc0) == 0x80)
			keep--;
	}
	char *name = xasprintf("%02d-%.*s.%s", number, keep, title, ext);
	char *end = strrchr(name, '.');
	for (char *q = name + 3; q < end; q++) {
		unsigned char c = (unsigned char)*q;
		if (c < 0x20 || c == 0x7f || strchr("/\\:*?\"<>| ", c))
			*q = '_';
	}
	return name;
}

/* A song's source that is not there at all: said without guessing its kind. */
static bool source_missing(const char *path, int index, const char *source,
	struct err_msg *msg)
{
	struct stat st;
	if (stat(path, &st) == 0)
		return false;
	err_set(msg, ERR_NOT_FOUND, "album.songs[%d] (%s): %s: not found (a project folder, a "
		"project.json or an audio file)", index, source, path);
	return true;
}

static bool is_project_source(const char *path)
{
	struct stat st;
	if (stat(path, &st) == 0 && S_ISDIR(st.st_mode))
		return true;
	size_t len = strlen(path);
	return len >= 5 && !strcasecmp(path + len - 5, ".json");
}

/* The file name without folder and extension, as clean text: a song's title when it
 * has none. */
static char *base_title(const char *path)
{
	const char *slash = strrchr(path, '/');
	char *t = xstrdup(slash ? slash + 1 : path);
	char *dot = strrchr(t, '.');
	if (dot && dot != t)
		*dot = '\0';
	/* a file name is any bytes; a title goes into tags, file names and the CUE sheet
	 * and onto terminals, so it is made clean text (src/base/text.h) */
	char *clean = text_clean_dup(t);
	free(t);
	return clean;
}

/* Render a project's mix (its whole length, as `ttymix render` does) into a float file
 * at the album rate. */
static enum err render_project(struct job *j, struct song *s, const struct project *sp,
	struct err_msg *msg)
{
	struct diag d;
	diag_init(&d);
	struct graph *g = NULL;
	enum err e = graph_build(sp, true, &g, &d);
	if (e != ERR_OK) {
		err_set(msg, e, "album.songs[%d] (%s): %s", s->index, s->cfg->source,
			diag_first_error(&d));
		diag_deinit(&d);
		return e;
	}
	diag_deinit(&d);
	if (g->end_frame <= 0) {
		graph_destroy(g);
		return err_set(msg, ERR_FORMAT, "album.songs[%d] (%s): nothing to render (no clips)",
			s->index, s->cfg->source);
	}
	struct render_file_opts ro;
	render_file_opts_init(&ro);
	ro.sample = MEDIA_FLOAT32;
	ro.rate = j->rate;
	ro.dither_set = true;
	ro.start_frame = 0;
	ro.end_frame = g->end_frame;
	ro.warn = j->o->warn;
	ro.warn_arg = j->o->warn_arg;
	ro.progress = render_progress;
	ro.progress_arg = j;
	s->read_path = xasprintf("%s/%02d.wav", j->tmp_dir, s->index + 1);
	s->temporary = true;
	struct err_msg why;
	if ((e = render_file(g, s->read_path, &ro, &why)) != ERR_OK)
		return err_set(msg, e, "album.songs[%d] (%s): %s", s->index, s->cfg->source,
			why.text);
	return ERR_OK;
}

/* Make song i streamable at the album rate and find its title and length. */
static enum err prepare_song(struct job *j, int i, struct err_msg *msg)
{
	struct song *s = &j->songs[i];
	const struct project_song *cfg = s->cfg;
	char *path = project_song_path(j->p, cfg);
	enum err e = ERR_OK;
	if (path && source_missing(path, i, cfg->source, msg)) {
		free(path);
		return ERR_NOT_FOUND;
	}
	if (!path) {
		e = render_project(j, s, j->p, msg);
		s->title = xstrdup(cfg->title ? cfg->title : j->p->name);
	} else if (is_project_source(path)) {
		struct project *sp = NULL;
		struct diag d;
		diag_init(&d);
		e = project_load(path, &sp, &d);
		if (e != ERR_OK)
			err_set(msg, e, "album.songs[%d] (%s): %s", i, cfg->source, diag_first_error(&d));
		diag_deinit(&d);
		if (e == ERR_OK) {
			e = render_project(j, s, sp, msg);
			s->title = xstrdup(cfg->title ? cfg->title : sp->name);
		}
		project_free(sp);
	} else {
		s->read_path = xstrdup(path);
		s->title = cfg->title ? xstrdup(cfg->title) : base_title(path);
	}
	free(path);
	if (e != ERR_OK)
		return e;
	struct err_msg why;
	if ((e = media_reader_open(&s->reader, s->read_path, j->rate, &why)) != ERR_OK)
		return err_set(msg, e, "album.songs[%d] (%s): %s", i, cfg->source, why.text);
	s->channels = media_reader_info(s->reader)->channels;
	s->len = media_reader_frames(s->reader);
	if (s->len <= 0)
		return err_set(msg, ERR_MEDIA, "album.songs[%d] (%s): no audio in it", i, cfg->source);
	return ERR_OK;
}

/* Frames, fades and starts, checked against the songs' lengths. */
static enum err layout(struct job *j, struct err_msg *msg)
{
	int64_t pos = 0;
	for (int i = 0; i < j->n; i++) {
		struct song *s = &j->songs[i];
		const struct project_song *c = s->cfg;
		s->gain = (float)pow(10.0, c->gain_db / 20.0);
		s->fade_in = to_frames(c->fade_in_s, j->rate);
		if (s->fade_in > s->len)
			s->fade_in = s->len;
		s->fade_out = to_frames(c->fade_out_s, j->rate);
		if (s->fade_out > s->len - s->fade_in)
			s->fade_out = s->len - s->fade_in;
		s->xf_out = i + 1 < j->n ? to_frames(c->crossfade_s, j->rate) : 0;
		if (s->xf_out > s->len || (i + 1 < j->n && s->xf_out > j->songs[i + 1].len)) {
			const struct song *shorter = i + 1 < j->n && j->songs[i + 1].len < s->len
				? &j->songs[i + 1] : s;
			return err_set(msg, ERR_RANGE, "album.songs[%d].crossfade_s: %g s is longer than "
				"songs[%d] (%.3f s)", i, c->crossfade_s, shorter->index,
				(double)shorter->len / j->rate);
		}
		if (i > 0)
			s->xf_in = j->songs[i - 1].xf_out;
		if (s->xf_in > 0)
			pos -= s->xf_in;           /* overlaps the end of the previous song */
		else
			pos += to_frames(c->gap_before_s, j->rate);
		s->start = pos;
		pos += s->len;
	}
	j->total = pos;
	return ERR_OK;
}

/* Gain of song s at its frame k: the clip fade law (docs/dsp.md) for its fades and
 * for each crossfade, times its gain. */
static float song_gain(const struct song *s, int64_t k)
{
	int64_t back = s->len - 1 - k;
	return s->gain * graph_fade_in_gain(k, s->fade_in) * graph_fade_in_gain(back, s->fade_out)
		* graph_fade_in_gain(k, s->xf_in) * graph_fade_in_gain(back, s->xf_out);
}

/* The writer goes into a temporary file beside path (sf): an earlier delivery stays
 * whole until album_render has made the whole new one. */
static enum err open_writer(struct job *j, const char *path, const char *title,
	const char *tracknumber, struct media_writer **w, struct dither *d, struct safefile *sf,
	struct err_msg *msg)
{
	enum err e = safefile_open(sf, path, SAFEFILE_KEEP_MODE, msg);
	if (e == ERR_OK)
		e = media_writer_open_fd(w, sf->fd, path, j->o->container, j->o->sample, j->rate,
			2, msg);
	if (e != ERR_OK)
		return e;
	const struct project_album *a = j->p->album;
	media_writer_set_tag(*w, "title", title);
	if (a->artist)
		media_writer_set_tag(*w, "artist", a->artist);
	if (a->title)
		media_writer_set_tag(*w, "album", a->title);
	if (tracknumber)
		media_writer_set_tag(*w, "tracknumber", tracknumber);
	media_writer_set_tag(*w, "software", "ttymix " PACKAGE_VERSION);
	if (j->quantise)
		dither_init(d, j->o->dither_set ? j->o->dither
			: (j->bits == 16 ? DITHER_TPDF : DITHER_NONE), j->bits, 2);
	return ERR_OK;
}

static enum err put(struct job *j, struct media_writer *w, struct dither *d, float *frames,
	int n, struct err_msg *msg)
{
	if (j->quantise)
		dither_process_rt(d, frames, n);
	return media_writer_write(w, frames, n, msg);
}

static enum err meter_new(struct loudness **m, int rate, struct err_msg *msg)
{
	enum err e = loudness_create(m, rate, 2);
	return e == ERR_OK ? ERR_OK : err_set(msg, e, "album: cannot measure loudness at %d Hz",
		rate);
}

static enum err meter_add(struct loudness *m, const float *frames, int n, struct err_msg *msg)
{
	enum err e = loudness_add(m, frames, n);
	return e == ERR_OK ? ERR_OK : err_set(msg, e, "album: loudness measurement failed");
}

static void close_pass(struct job *j)
{
	for (int i = 0; i < j->n; i++) {
		loudness_destroy(j->songs[i].meter);
		j->songs[i].meter = NULL;
		media_writer_close(j->songs[i].writer, NULL);
		j->songs[i].writer = NULL;
	}
	loudness_destroy(j->meter);
	j->meter = NULL;
	media_writer_close(j->writer, NULL);
	j->writer = NULL;
}

/* The continuous stream's share of one step, on the helper thread: it alone touches
 * j->meter, j->writer and j->dither until joined. */
struct album_step {
	struct job *j;
	bool write;
	float *mix;
	int n;
	enum err e;
	struct err_msg msg;
};

static void *step_main(void *arg)
{
	struct album_step *st = arg;
	st->e = meter_add(st->j->meter, st->mix, st->n, &st->msg);
	if (st->e == ERR_OK && st->write)
		st->e = put(st->j, st->j->writer, &st->j->dither, st->mix, st->n, &st->msg);
	return NULL;
}

/* Start the step (on the helper, or here when no thread can be had). */
static bool step_start(struct album_step *st, pthread_t *thread)
{
	if (pthread_create(thread, NULL, step_main, st) == 0)
		return true;
	step_main(st);
	return false;
}

/* Wait for the step under way, if any; its failure becomes e's when e is none. */
static enum err step_join(struct album_step *st, pthread_t thread, bool *running, enum err e,
	struct err_msg *msg)
{
	if (*running) {
		pthread_join(thread, NULL);
		*running = false;
	}
	if (e == ERR_OK && st->e != ERR_OK) {
		e = st->e;
		if (msg)
			*msg = st->msg;
	}
	return e;
}

/* A pass's readers (opened afresh, so both passes see the same samples), meters and,
 * with write, writers. */
static enum err open_pass(struct job *j, bool write, struct err_msg *msg)
{
	enum err e = ERR_OK;
	for (int i = 0; i < j->n && e == ERR_OK; i++) {
		struct song *s = &j->songs[i];
		media_reader_close(s->reader);
		s->reader = NULL;
		struct err_msg why;
		if ((e = media_reader_open(&s->reader, s->read_path, j->rate, &why)) != ERR_OK)
			err_set(msg, e, "album.songs[%d] (%s): %s", i, s->cfg->source, why.text);
		else
			e = meter_new(&s->meter, j->rate, msg);
		if (e == ERR_OK && write) {
			char number[16];
			snprintf(number, sizeof number, "%d", i + 1);
			e = open_writer(j, s->out_path, s->title, number, &s->writer, &s->dither,
				&s->file, msg);
		}
	}
	if (e == ERR_OK)
		e = meter_new(&j->meter, j->rate, msg);
	if (e == ERR_OK && write) {
		const struct project_album *a = j->p->album;
		e = open_writer(j, j->out_path, a->title ? a->title : j->p->name, NULL, &j->writer,
			&j->dither, &j->file, msg);
	}
	return e;
}

/* The n frames from pos of every song that sounds there, shaped and scaled by
 * album_gain, added into mix; each song's share measured and, with write, written. */
static enum err mix_block(struct job *j, bool write, float album_gain, int64_t pos, int n,
	float *mix_step, struct err_msg *msg)
{
	enum err e = ERR_OK;
	memset(mix_step, 0, sizeof(float) * 2 * (size_t)n);
	for (int i = 0; i < j->n && e == ERR_OK; i++) {
		struct song *s = &j->songs[i];
		int64_t a = pos > s->start ? pos : s->start;
		int64_t b = pos + n < s->start + s->len ? pos + n : s->start + s->len;
		if (a >= b)
			continue;
		int count = (int)(b - a);
		int64_t k0 = a - s->start;
		struct err_msg why;
		if ((e = media_reader_read(s->reader, k0, j->read, count, &why)) != ERR_OK)
			return err_set(msg, e, "album.songs[%d] (%s): %s", i, s->cfg->source,
				why.text);
		float *mix = mix_step + (a - pos) * 2;
		for (int f = 0; f < count; f++) {
			float g = song_gain(s, k0 + f) * album_gain;
			float left = j->read[f * s->channels];
			float right = s->channels == 2 ? j->read[f * 2 + 1] : left;
			j->one[f * 2] = left * g;
			j->one[f * 2 + 1] = right * g;
			mix[f * 2] += j->one[f * 2];
			mix[f * 2 + 1] += j->one[f * 2 + 1];
		}
		e = meter_add(s->meter, j->one, count, msg);
		if (e == ERR_OK && write)
			e = put(j, s->writer, &s->dither, j->one, count, msg);
	}
	return e;
}

/* A pass's loudness into r (after with write, else before), its files closed. */
static enum err finish_pass(struct job *j, bool write, struct album_report *r,
	struct err_msg *msg)
{
	enum err e = ERR_OK;
	for (int i = 0; i < j->n && e == ERR_OK; i++) {
		struct loudness_result *res = write ? &r->songs[i].after : &r->songs[i].before;
		if (loudness_result(j->songs[i].meter, res) != ERR_OK)
			e = err_set(msg, ERR_NOMEM, "album: out of memory measuring loudness");
		if (e == ERR_OK && write) {
			struct err_msg why;
			enum err ce = media_writer_close(j->songs[i].writer, &why);
			j->songs[i].writer = NULL;
			if (ce != ERR_OK)
				e = err_set(msg, ce, "%s", why.text);
		}
	}
	if (e == ERR_OK && loudness_result(j->meter, write ? &r->after : &r->before) != ERR_OK)
		e = err_set(msg, ERR_NOMEM, "album: out of memory measuring loudness");
	if (e == ERR_OK && write) {
		struct err_msg why;
		enum err ce = media_writer_close(j->writer, &why);
		j->writer = NULL;
		if (ce != ERR_OK)
			e = err_set(msg, ce, "%s", why.text);
	}
	return e;
}

/* One pass over the whole album: every song read from its start, shaped, scaled by
 * album_gain, added into the sequence; everything measured; with write, every file
 * written. The continuous stream's step runs on a helper beside the next block. */
static enum err pass(struct job *j, bool write, float album_gain, struct album_report *r,
	struct err_msg *msg)
{
	enum err e = open_pass(j, write, msg);
	struct album_step step = { .j = j, .write = write };
	pthread_t helper = { 0 };
	bool helper_running = false;
	int which = 0;
	for (int64_t pos = 0; pos < j->total && e == ERR_OK; ) {
		int n = j->total - pos < ALBUM_BLOCK ? (int)(j->total - pos) : ALBUM_BLOCK;
		float *mix_step = j->mix[which];
		e = mix_block(j, write, album_gain, pos, n, mix_step, msg);
		/* the step before is done with its buffer and the continuous file */
		if ((e = step_join(&step, helper, &helper_running, e, msg)) != ERR_OK)
			break;
		step.mix = mix_step;
		step.n = n;
		helper_running = step_start(&step, &helper);
		which ^= 1;
		pos += n;
		if (!report_progress(j, (double)pos / (double)j->total))
			e = err_set(msg, ERR_IO, "album stopped");
	}
	e = step_join(&step, helper, &helper_running, e, msg);
	if (e == ERR_OK)
		e = finish_pass(j, write, r, msg);
	close_pass(j);
	return e;
}

/* The album gain: target minus the album's integrated loudness, held back so that no
 * true peak (of the sequence or of any song's own file) passes the ceiling. */
static void normalize(struct album_report *r)
{
	r->gain_db = 0;
	r->target_reached = !r->target_set;
	if (!r->target_set)
		return;
	if (!isfinite(r->before.integrated_lufs))
		return;                          /* silence: no gain reaches a target */
	double peak = r->before.true_peak_dbtp;
	for (int i = 0; i < r->n_songs; i++)
		if (r->songs[i].before.true_peak_dbtp > peak)
			peak = r->songs[i].before.true_peak_dbtp;
	r->gain_db = r->target_lufs - r->before.integrated_lufs;
	r->target_reached = true;
	if (isfinite(peak) && peak + r->gain_db > r->ceiling_dbtp) {
		r->gain_db = r->ceiling_dbtp - peak;
		r->target_reached = false;
	}
}

/* KEY "VALUE"TAIL on a line of its own */
static void cue_text(FILE *f, const char *key, const char *value, const char *tail)
{
	/* CUE strings have no escapes: a double quote becomes a single one, a line
	 * break or tab a space; any other control character or byte that is not UTF-8
	 * is shown as \xNN (src/base/text.h), so that no player or terminal acts on it */
	char *spaced = xstrdup(value);
	for (char *q = spaced; *q; q++)
		if (*q == '\n' || *q == '\r' || *q == '\t')
			*q = ' ';
	char *clean = text_clean_dup(spaced);
	fprintf(f, "%s \"", key);
	for (const char *q = clean; *q; q++)
		fputc(*q == '"' ? '\'' : *q, f);
	fprintf(f, "\"%s\n", tail);
	free(spaced);
	free(clean);
}

static void cue_time(FILE *f, const char *what, int64_t cd_frame)
{
	fprintf(f, "    %s %02lld:%02lld:%02lld\n", what, (long long)(cd_frame / (60 * ALBUM_CD_FPS)),
		(long long)(cd_frame / ALBUM_CD_FPS % 60), (long long)(cd_frame % ALBUM_CD_FPS));
}

/* The CUE sheet: one FILE (the continuous file), a TRACK per song whose INDEX 01 is
 * the song's first frame, and INDEX 00 where a gap (pregap) comes before it. */
static enum err write_cue(struct job *j, struct album_report *r, struct err_msg *msg)
{
	const struct project_album *a = j->p->album;
	enum err e = safefile_open(&j->cue_file, r->cue_path, SAFEFILE_KEEP_MODE, msg);
	if (e != ERR_OK)
		return e;
	/* a stream of its own on the temporary file: the safefile keeps its descriptor */
	int fd = dup(j->cue_file.fd);
	FILE *f = fd >= 0 ? fdopen(fd, "w") : NULL;
	if (!f) {
		if (fd >= 0)
			close(fd);
		return err_set(msg, ERR_IO, "%s: cannot create: %s", r->cue_path, strerror(errno));
	}
	fprintf(f, "REM COMMENT \"ttymix %s\"\n", PACKAGE_VERSION);
	if (a->artist)
		cue_text(f, "PERFORMER", a->artist, "");
	cue_text(f, "TITLE", a->title ? a->title : j->p->name, "");
	const char *base = strrchr(r->path, '/');
	const char *type = j->o->container == MEDIA_MP3 ? "MP3"
		: j->o->container == MEDIA_AIFF ? "AIFF" : "WAVE";
	char *tail = xasprintf(" %s", type);
	cue_text(f, "FILE", base ? base + 1 : r->path, tail);
	free(tail);
	for (int i = 0; i < j->n; i++) {
		const struct song *s = &j->songs[i];
		fprintf(f, "  TRACK %02d AUDIO\n", i + 1);
		fputs("    ", f);
		cue_text(f, "TITLE", s->title, "");
		if (a->artist) {
			fputs("    ", f);
			cue_text(f, "PERFORMER", a->artist, "");
		}
		int64_t gap_from = i == 0 ? 0 : j->songs[i - 1].start + j->songs[i - 1].len;
		if (s->start > gap_from)
			cue_time(f, "INDEX 00", album_cd_frame(gap_from, j->rate));
		cue_time(f, "INDEX 01", r->songs[i].cue_frame);
	}
	bool failed = ferror(f) != 0;
	if (fclose(f) != 0 || failed)
		return err_set(msg, ERR_IO, "%s: write failed: %s", r->cue_path, strerror(errno));
	return ERR_OK;
}

static void job_cleanup(struct job *j)
{
	close_pass(j);
	for (int i = 0; i < j->n; i++) {
		struct song *s = &j->songs[i];
		media_reader_close(s->reader);
		if (s->temporary && s->read_path)
			unlink(s->read_path);
		free(s->read_path);
		free(s->title);
		free(s->out_path);
	}
	free(j->songs);
	if (j->tmp_dir)
		rmdir(j->tmp_dir);
	free(j->tmp_dir);
	free(j->out_path);
	free(j->mix[0]);
	free(j->mix[1]);
	free(j->read);
	free(j->one);
}

/* The continuous file and the CUE sheet, before any work: neither may be a file the
 * album reads (a song, a clip, project.json). The songs' files are checked once their
 * names are known. */
static enum err refuse_inputs(const struct project *p, const struct album_opts *o,
	struct err_msg *msg)
{
	int n_in;
	struct render_input *in = render_file_project_inputs(p, &n_in);
	char *album = xasprintf("%s/album.%s", o->out_dir, media_container_ext(o->container));
	char *cue = xasprintf("%s/album.cue", o->out_dir);
	enum err e = render_file_check_target(album, in, n_in, msg);
	if (e == ERR_OK)
		e = render_file_check_target(cue, in, n_in, msg);
	free(album);
	free(cue);
	render_file_inputs_free(in, n_in);
	if (e != ERR_OK && msg) {
		struct err_msg why = *msg;
		err_set(msg, e, "%s: %s", p->path, why.text);
	}
	return e;
}

/* Every song read, shaped and named (its file in the output folder), then laid out
 * in sequence: the first third of the progress. */
static enum err prepare_songs(struct job *j, const char *ext, struct err_msg *msg)
{
	enum err e = ERR_OK;
	for (int i = 0; i < j->n && e == ERR_OK; i++) {
		j->songs[i].cfg = &j->p->album->songs[i];
		j->songs[i].index = i;
		j->stage_span = 1.0 / 3.0 / j->n;
		j->stage_from = j->stage_span * i;
		e = prepare_song(j, i, msg);
		if (e == ERR_OK) {
			char *name = file_name(i + 1, j->songs[i].title, ext);
			j->songs[i].out_path = xasprintf("%s/%s", j->o->out_dir, name);
			free(name);
		}
	}
	return e == ERR_OK ? layout(j, msg) : e;
}

/* The continuous file's and the CUE sheet's paths, each song's place in r; the
 * songs' names are known now: none may be a file the album reads. */
static enum err name_outputs(struct job *j, struct album_report *r, const char *ext,
	struct err_msg *msg)
{
	enum err e = ERR_OK;
	j->out_path = xasprintf("%s/album.%s", j->o->out_dir, ext);
	r->path = xstrdup(j->out_path);
	r->cue_path = xasprintf("%s/album.cue", j->o->out_dir);
	int n_in;
	struct render_input *in = render_file_project_inputs(j->p, &n_in);
	for (int i = 0; i < j->n && e == ERR_OK; i++)
		e = render_file_check_target(j->songs[i].out_path, in, n_in, msg);
	render_file_inputs_free(in, n_in);
	r->total_frames = j->total;
	for (int i = 0; i < j->n; i++) {
		struct album_song_report *sr = &r->songs[i];
		sr->title = xstrdup(j->songs[i].title);
		sr->path = xstrdup(j->songs[i].out_path);
		sr->start_frame = j->songs[i].start;
		sr->frames = j->songs[i].len;
		sr->cue_frame = album_cd_frame(sr->start_frame, j->rate);
	}
	return e;
}

/* The CUE sheet written, then every file, whole now, takes its place (none did
 * before this). */
static enum err deliver(struct job *j, struct album_report *r, struct err_msg *msg)
{
	enum err e = write_cue(j, r, msg);
	for (int i = 0; i < j->n && e == ERR_OK; i++)
		e = safefile_commit(&j->songs[i].file, msg);
	if (e == ERR_OK)
		e = safefile_commit(&j->file, msg);
	if (e == ERR_OK)
		e = safefile_commit(&j->cue_file, msg);
	return e;
}

enum err album_render(const struct project *p, const struct album_opts *o,
	struct album_report *r, struct err_msg *msg)
{
	double t0 = clock_now_sec();
	memset(r, 0, sizeof *r);
	const struct project_album *a = p->album;
	if (!a || a->n_songs == 0)
		return err_set(msg, ERR_FORMAT, "%s: no album (add an \"album\" with \"songs\"; see "
			"docs/project-format.md)", p->path);
	struct job j = { .p = p, .o = o, .rate = o->rate ? o->rate : p->sample_rate,
		.n = a->n_songs };
	j.bits = o->sample == MEDIA_PCM16 ? 16 : o->sample == MEDIA_PCM24 ? 24 : 0;
	j.quantise = j.bits && media_container_is_pcm(o->container);
	enum err e = refuse_inputs(p, o, msg);
	if (e == ERR_OK)
		e = paths_mkdirs(o->out_dir, msg);
	if (e != ERR_OK)
		return e;
	j.tmp_dir = xasprintf("%s/.ttymix-album-XXXXXX", o->out_dir);
	if (!mkdtemp(j.tmp_dir)) {
		e = err_set(msg, ERR_IO, "%s: cannot create a temporary folder: %s", o->out_dir,
			strerror(errno));
		free(j.tmp_dir);
		return e;
	}
	j.songs = xcalloc((size_t)j.n, sizeof *j.songs);
	j.mix[0] = xmalloc(sizeof(float) * 2 * ALBUM_BLOCK);
	j.mix[1] = xmalloc(sizeof(float) * 2 * ALBUM_BLOCK);
	j.read = xmalloc(sizeof(float) * MEDIA_MAX_CHANNELS * ALBUM_BLOCK);
	j.one = xmalloc(sizeof(float) * 2 * ALBUM_BLOCK);
	r->rate = j.rate;
	r->n_songs = j.n;
	r->songs = xcalloc((size_t)j.n, sizeof *r->songs);
	r->target_set = o->target_set || a->has_target;
	r->target_lufs = o->target_set ? o->target_lufs : a->target_lufs;
	r->ceiling_dbtp = o->ceiling_dbtp;
	const char *ext = media_container_ext(o->container);
	e = prepare_songs(&j, ext, msg);
	if (e == ERR_OK) {
		e = name_outputs(&j, r, ext, msg);
		/* the measuring pass only serves the album gain: without a target the one
		 * writing pass measures what it writes, and that is the "before" too */
		j.stage_from = 1.0 / 3.0;
		j.stage_span = r->target_set ? 1.0 / 3.0 : 2.0 / 3.0;
		if (e == ERR_OK && r->target_set)
			e = pass(&j, false, 1.0f, r, msg);
	}
	if (e == ERR_OK) {
		normalize(r);
		if (r->target_set)
			j.stage_from = 2.0 / 3.0;
		e = pass(&j, true, (float)pow(10.0, r->gain_db / 20.0), r, msg);
	}
	if (e == ERR_OK && !r->target_set) {
		r->before = r->after;
		for (int i = 0; i < r->n_songs; i++)
			r->songs[i].before = r->songs[i].after;
	}
	if (e == ERR_OK)
		e = deliver(&j, r, msg);
	if (e != ERR_OK) {
		if (msg) {
			/* say which project the album belongs to, as the loader does */
			struct err_msg why = *msg;
			err_set(msg, e, "%s: %s", p->path, why.text);
		}
		/* never leave half a delivery behind, nor touch an earlier one */
		close_pass(&j);
		for (int i = 0; i < j.n; i++)
			safefile_abort(&j.songs[i].file);
		safefile_abort(&j.file);
		safefile_abort(&j.cue_file);
		album_report_deinit(r);
	}
	job_cleanup(&j);
	r->render_seconds = clock_now_sec() - t0;
	return e;
}

int album_check_sources(const struct project *p, struct diag *diag)
{
	int problems = 0;
	for (int i = 0; p->album && i < p->album->n_songs; i++) {
		const struct project_song *s = &p->album->songs[i];
		char *path = project_song_path(p, s);
		if (!path)
			continue;
		struct err_msg missing;
		if (source_missing(path, i, s->source, &missing)) {
			diag_add(diag, DIAG_ERROR, "%s: %s", p->path, missing.text);
			problems++;
		} else if (is_project_source(path)) {
			struct diag d;
			diag_init(&d);
			struct project *sp = NULL;
			if (project_load(path, &sp, &d) != ERR_OK) {
				diag_add(diag, DIAG_ERROR, "%s: album.songs[%d] (%s): %s", p->path, i,
					s->source, diag_first_error(&d));
				problems++;
			}
			project_free(sp);
			diag_deinit(&d);
		} else {
			struct media_info info;
			struct err_msg msg;
			if (media_probe(path, &info, &msg) != ERR_OK) {
				diag_add(diag, DIAG_ERROR, "%s: album.songs[%d] (%s): %s", p->path, i,
					s->source, msg.text);
				problems++;
			}
		}
		free(path);
	}
	return problems;
}

void album_report_deinit(struct album_report *r)
{
	for (int i = 0; r->songs && i < r->n_songs; i++) {
		free(r->songs[i].title);
		free(r->songs[i].path);
	}
	free(r->songs);
	free(r->path);
	free(r->cue_path);
	memset(r, 0, sizeof *r);
}
