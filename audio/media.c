/* libsndfile + libsoxr behind media.h. See the header for the threading contract. */
#include "audio/media.h"

#include <errno.h>
#include <math.h>
#include <sndfile.h>
#include <soxr.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>

/* Frames read from the file per refill of the resampler's input. */
#define READER_IN_FRAMES 4096
/* Output frames a seek starts early by, so the resampler's filter is filled with
 * real signal (not silence) when the requested frame comes out. */
#define READER_PREROLL 1024
/* Largest output period (out_rate/gcd) for which seeks restart on an exact input
 * frame; beyond it a seek rounds to the nearest input frame. */
#define READER_MAX_PERIOD 8192

/* ---- stream resampler (also inside every reader whose file needs it) ---- */

struct media_resampler {
	soxr_t soxr;
	int channels;
};

static enum err resampler_create(struct media_resampler **out, double in_rate,
	double out_rate, int channels, unsigned long quality, struct err_msg *msg)
{
	*out = NULL;
	struct media_resampler *r = calloc(1, sizeof *r);
	if (!r)
		return err_set(msg, ERR_NOMEM, "out of memory");
	soxr_error_t serr = NULL;
	soxr_io_spec_t io = soxr_io_spec(SOXR_FLOAT32_I, SOXR_FLOAT32_I);
	soxr_quality_spec_t q = soxr_quality_spec(quality, 0);
	r->soxr = soxr_create(in_rate, out_rate, (unsigned)channels, &serr, &io, &q, NULL);
	if (!r->soxr || serr) {
		free(r);
		return err_set(msg, ERR_RANGE, "cannot resample %g Hz to %g Hz: %s", in_rate, out_rate,
			serr ? serr : "soxr failed");
	}
	r->channels = channels;
	*out = r;
	return ERR_OK;
}

enum err media_resampler_create(struct media_resampler **out, int in_rate, int out_rate,
	int channels, struct err_msg *msg)
{
	return resampler_create(out, in_rate, out_rate, channels, SOXR_HQ, msg);
}

enum err media_resampler_create_ratio(struct media_resampler **out, double in_rate,
	double out_rate, int channels, struct err_msg *msg)
{
	return resampler_create(out, in_rate, out_rate, channels, SOXR_VHQ, msg);
}

void media_resampler_destroy(struct media_resampler *r)
{
	if (!r)
		return;
	soxr_delete(r->soxr);
	free(r);
}


struct media_reader {
	SNDFILE *file;
	char path[4096];      /* for messages */
	struct media_info info;
	int out_rate;
	int64_t out_frames;   /* length at out_rate */
	int64_t next_pos;     /* output frame the next produced frame belongs to */
	int64_t src_pos;      /* next file frame to read */
	struct media_resampler *rs; /* NULL when rates match */
	bool flushed;         /* told soxr that the input ended */
	bool drained;         /* ... and it has given back everything it held */
	bool input_done;      /* no more file frames */
	int in_avail, in_off;
	long period_out, period_in; /* out_rate/g and in_rate/g */
	float *in_buf;        /* resampler input; only when resampling */
	float *skip_buf;      /* output thrown away after a seek; made on the first seek */
};

static long gcd_long(long a, long b)
{
	while (b) {
		long t = a % b;
		a = b;
		b = t;
	}
	return a;
}

static void describe_format(int format, char *buf, size_t size)
{
	SF_FORMAT_INFO major = { .format = format & SF_FORMAT_TYPEMASK };
	SF_FORMAT_INFO sub = { .format = format & SF_FORMAT_SUBMASK };
	const char *mname = "audio", *sname = "";
	if (sf_command(NULL, SFC_GET_FORMAT_INFO, &major, sizeof major) == 0 && major.name)
		mname = major.name;
	if (sf_command(NULL, SFC_GET_FORMAT_INFO, &sub, sizeof sub) == 0 && sub.name)
		sname = sub.name;
	snprintf(buf, size, "%s%s%s", mname, *sname ? " " : "", sname);
}

/* Open the file and fill info; the shared half of probe and reader_open. */
static enum err open_file(const char *path, SNDFILE **file, struct media_info *info,
	struct err_msg *msg)
{
	struct stat st;
	if (stat(path, &st) != 0) {
		if (errno == ENOENT)
			return err_set(msg, ERR_NOT_FOUND, "%s: audio file not found", path);
		return err_set(msg, ERR_MEDIA, "%s: %s", path, strerror(errno));
	}
	if (S_ISDIR(st.st_mode))
		return err_set(msg, ERR_MEDIA, "%s: is a folder, not an audio file", path);
	if (st.st_size == 0)
		return err_set(msg, ERR_MEDIA, "%s: empty file", path);

	SF_INFO sfi;
	memset(&sfi, 0, sizeof sfi);
	SNDFILE *f = sf_open(path, SFM_READ, &sfi);
	if (!f)
		return err_set(msg, ERR_MEDIA, "%s: cannot read audio: %s", path, sf_strerror(NULL));
	if (sfi.channels > MEDIA_MAX_CHANNELS || sfi.channels < 1) {
		sf_close(f);
		return err_set(msg, ERR_CHANNELS,
			"%s: %d channels; ttymix plays mono and stereo files only", path, sfi.channels);
	}
	if (sfi.samplerate < 1000 || sfi.samplerate > 768000) {
		sf_close(f);
		return err_set(msg, ERR_MEDIA, "%s: unsupported sample rate %d Hz", path,
			sfi.samplerate);
	}
	if (sfi.frames <= 0) {
		sf_close(f);
		return err_set(msg, ERR_MEDIA, "%s: holds no audio frames", path);
	}
	/* libsndfile's "length unknown" (a FLAC whose header leaves the sample count 0, as
	 * streamed encoders do): playing it would never end and a render would fill the
	 * disk */
	if (sfi.frames == SF_COUNT_MAX) {
		sf_close(f);
		return err_set(msg, ERR_MEDIA,
			"%s: its header does not say how long it is (a streamed file?); re-encode it",
			path);
	}
	memset(info, 0, sizeof *info);
	info->channels = sfi.channels;
	info->sample_rate = sfi.samplerate;
	info->frames = sfi.frames;
	describe_format(sfi.format, info->format, sizeof info->format);
	*file = f;
	return ERR_OK;
}

enum err media_probe(const char *path, struct media_info *info, struct err_msg *msg)
{
	SNDFILE *f = NULL;
	enum err e = open_file(path, &f, info, msg);
	if (e == ERR_OK)
		sf_close(f);
	return e;
}

static enum err reader_restart(struct media_reader *r, int64_t src_frame, int64_t out_pos)
{
	if (sf_seek(r->file, src_frame, SEEK_SET) < 0)
		return ERR_MEDIA;
	r->src_pos = src_frame;
	r->next_pos = out_pos;
	r->in_avail = r->in_off = 0;
	r->input_done = src_frame >= r->info.frames;
	r->flushed = r->drained = false;
	if (r->rs)
		soxr_clear(r->rs->soxr);
	return ERR_OK;
}

enum err media_reader_open(struct media_reader **out, const char *path, int out_rate,
	struct err_msg *msg)
{
	*out = NULL;
	if (out_rate < 1000 || out_rate > 768000)
		return err_set(msg, ERR_RANGE, "%s: bad output rate %d Hz", path, out_rate);
	struct media_reader *r = calloc(1, sizeof *r);
	if (!r)
		return err_set(msg, ERR_NOMEM, "%s: out of memory", path);
	enum err e = open_file(path, &r->file, &r->info, msg);
	if (e != ERR_OK) {
		free(r);
		return e;
	}
	r->out_rate = out_rate;
	snprintf(r->path, sizeof r->path, "%s", path);
	if (out_rate == r->info.sample_rate) {
		r->out_frames = r->info.frames;
	} else {
		long g = gcd_long(out_rate, r->info.sample_rate);
		r->period_out = out_rate / g;
		r->period_in = r->info.sample_rate / g;
		r->out_frames = (int64_t)llround((double)r->info.frames * out_rate /
			r->info.sample_rate);
		struct err_msg why;
		enum err rs_err = media_resampler_create(&r->rs, r->info.sample_rate, out_rate,
			r->info.channels, &why);
		r->in_buf = rs_err == ERR_OK
			? malloc(sizeof(float) * READER_IN_FRAMES * MEDIA_MAX_CHANNELS) : NULL;
		if (!r->in_buf) {
			if (rs_err == ERR_OK)
				err_set(msg, ERR_NOMEM, "%s: out of memory", path);
			else
				err_set(msg, ERR_MEDIA, "%s: %s", path, why.text);
			media_resampler_destroy(r->rs);
			sf_close(r->file);
			free(r);
			return rs_err == ERR_OK ? ERR_NOMEM : ERR_MEDIA;
		}
	}
	*out = r;
	return ERR_OK;
}

void media_reader_close(struct media_reader *r)
{
	if (!r)
		return;
	media_resampler_destroy(r->rs);
	free(r->in_buf);
	free(r->skip_buf);
	sf_close(r->file);
	free(r);
}

const struct media_info *media_reader_info(const struct media_reader *r)
{
	return &r->info;
}

int64_t media_reader_frames(const struct media_reader *r)
{
	return r->out_frames;
}

/* Fill the resampler's input buffer from the file. */
static enum err reader_fill_input(struct media_reader *r, const char *what,
	struct err_msg *msg)
{
	int64_t left = r->info.frames - r->src_pos;
	int want = left < READER_IN_FRAMES ? (int)left : READER_IN_FRAMES;
	sf_count_t got = want > 0 ? sf_readf_float(r->file, r->in_buf, want) : 0;
	if (got < want)
		return err_set(msg, ERR_MEDIA, "%s: file ended early at frame %lld (truncated?)",
			what, (long long)(r->src_pos + got));
	r->src_pos += got;
	r->in_avail = (int)got;
	r->in_off = 0;
	if (r->src_pos >= r->info.frames)
		r->input_done = true;
	return ERR_OK;
}

/* Produce exactly n output frames continuing at next_pos (zeros after the end). */
static enum err reader_produce(struct media_reader *r, float *out, int n, const char *what,
	struct err_msg *msg)
{
	const int ch = r->info.channels;
	int done = 0;
	if (!r->rs) {
		int64_t left = r->info.frames - r->next_pos;
		int want = left <= 0 ? 0 : (left < n ? (int)left : n);
		if (want > 0) {
			sf_count_t got = sf_readf_float(r->file, out, want);
			if (got < want)
				return err_set(msg, ERR_MEDIA,
					"%s: file ended early at frame %lld (truncated?)", what,
					(long long)(r->next_pos + got));
			done = want;
		}
	} else {
		while (done < n) {
			if (r->in_avail == 0 && !r->input_done) {
				enum err e = reader_fill_input(r, what, msg);
				if (e != ERR_OK)
					return e;
			}
			size_t idone = 0, odone = 0;
			const float *in = NULL;
			size_t ilen = 0;
			if (r->in_avail > 0) {
				in = r->in_buf + (size_t)r->in_off * ch;
				ilen = (size_t)r->in_avail;
			} else if (r->drained) {
				break; /* everything is out */
			} else {
				r->flushed = true; /* in == NULL tells soxr the input ended */
			}
			soxr_error_t serr = soxr_process(r->rs->soxr, in, ilen, &idone,
				out + (size_t)done * ch, (size_t)(n - done), &odone);
			if (serr)
				return err_set(msg, ERR_MEDIA, "%s: resampler: %s", what, serr);
			r->in_off += (int)idone;
			r->in_avail -= (int)idone;
			done += (int)odone;
			/* one flush call returns only what fits: keep asking, in this call and
			 * later ones, until soxr has nothing more */
			if (!in && odone == 0) {
				r->drained = true;
				break;
			}
		}
	}
	if (done < n)
		memset(out + (size_t)done * ch, 0, sizeof(float) * (size_t)(n - done) * ch);
	r->next_pos += n;
	return ERR_OK;
}

static enum err reader_seek(struct media_reader *r, int64_t pos, const char *what,
	struct err_msg *msg)
{
	if (!r->rs) {
		int64_t src = pos < r->info.frames ? pos : r->info.frames;
		if (reader_restart(r, src, pos) != ERR_OK)
			return err_set(msg, ERR_MEDIA, "%s: cannot seek to frame %lld", what,
				(long long)pos);
		return ERR_OK;
	}
	int64_t start_out = pos - READER_PREROLL, start_in;
	if (start_out <= 0) {
		start_out = 0;
		start_in = 0;
	} else if (r->period_out <= READER_MAX_PERIOD) {
		/* restart on a frame where input and output clocks meet exactly */
		int64_t k = start_out / r->period_out;
		start_out = k * r->period_out;
		start_in = k * r->period_in;
	} else {
		start_in = (int64_t)((double)start_out * r->info.sample_rate / r->out_rate);
		start_out = (int64_t)llround((double)start_in * r->out_rate / r->info.sample_rate);
	}
	if (start_in > r->info.frames) {
		/* past the end: no resampling needed, everything is silence */
		start_in = r->info.frames;
		start_out = pos;
	}
	if (reader_restart(r, start_in, start_out) != ERR_OK)
		return err_set(msg, ERR_MEDIA, "%s: cannot seek to frame %lld", what,
			(long long)pos);
	if (r->next_pos < pos && !r->skip_buf) {
		r->skip_buf = malloc(sizeof(float) * READER_IN_FRAMES * MEDIA_MAX_CHANNELS);
		if (!r->skip_buf)
			return err_set(msg, ERR_NOMEM, "%s: out of memory", what);
	}
	while (r->next_pos < pos) {
		int64_t gap = pos - r->next_pos;
		int n = gap < READER_IN_FRAMES ? (int)gap : READER_IN_FRAMES;
		enum err e = reader_produce(r, r->skip_buf, n, what, msg);
		if (e != ERR_OK)
			return e;
	}
	return ERR_OK;
}

enum err media_reader_read(struct media_reader *r, int64_t pos, float *out, int n,
	struct err_msg *msg)
{
	const char *what = r->path;
	if (n <= 0)
		return ERR_OK;
	if (pos < 0) {
		/* frames before the file starts are silence */
		int64_t pre = -pos < n ? -pos : n;
		memset(out, 0, sizeof(float) * (size_t)pre * r->info.channels);
		out += pre * r->info.channels;
		n -= (int)pre;
		pos = 0;
		if (n == 0)
			return ERR_OK;
	}
	if (pos != r->next_pos) {
		enum err e = reader_seek(r, pos, what, msg);
		if (e != ERR_OK)
			return e;
	}
	return reader_produce(r, out, n, what, msg);
}

/* ---- writer ---- */

struct media_writer {
	SNDFILE *file;
	char path[4096];
	enum err first_error;
};

bool media_container_parse(const char *s, enum media_container *c)
{
	if (!strcmp(s, "wav"))
		*c = MEDIA_WAV;
	else if (!strcmp(s, "flac"))
		*c = MEDIA_FLAC;
	else if (!strcmp(s, "ogg"))
		*c = MEDIA_OGG;
	else if (!strcmp(s, "aiff"))
		*c = MEDIA_AIFF;
	else if (!strcmp(s, "mp3"))
		*c = MEDIA_MP3;
	else
		return false;
	return true;
}

static int container_format(enum media_container c, enum media_sample sample)
{
	switch (c) {
	case MEDIA_WAV:
		return SF_FORMAT_WAV | (sample == MEDIA_PCM16 ? SF_FORMAT_PCM_16 :
			sample == MEDIA_PCM24 ? SF_FORMAT_PCM_24 : SF_FORMAT_FLOAT);
	case MEDIA_FLAC:
		return SF_FORMAT_FLAC | (sample == MEDIA_PCM16 ? SF_FORMAT_PCM_16 : SF_FORMAT_PCM_24);
	case MEDIA_OGG:
		return SF_FORMAT_OGG | SF_FORMAT_VORBIS;
	case MEDIA_AIFF:
		return SF_FORMAT_AIFF | (sample == MEDIA_PCM16 ? SF_FORMAT_PCM_16 :
			sample == MEDIA_PCM24 ? SF_FORMAT_PCM_24 : SF_FORMAT_FLOAT);
	case MEDIA_MP3:
		return SF_FORMAT_MPEG | SF_FORMAT_MPEG_LAYER_III;
	}
	return 0;
}

bool media_container_writable(enum media_container c)
{
	SF_INFO sfi = { .samplerate = 44100, .channels = 2,
		.format = container_format(c, MEDIA_PCM16) };
	return sfi.format && sf_format_check(&sfi);
}

const char *media_container_ext(enum media_container c)
{
	switch (c) {
	case MEDIA_FLAC: return "flac";
	case MEDIA_OGG: return "ogg";
	case MEDIA_AIFF: return "aiff";
	case MEDIA_MP3: return "mp3";
	case MEDIA_WAV: break;
	}
	return "wav";
}

bool media_container_is_pcm(enum media_container c)
{
	return c == MEDIA_WAV || c == MEDIA_FLAC || c == MEDIA_AIFF;
}

bool media_sample_parse(const char *s, enum media_sample *t)
{
	if (!strcmp(s, "16"))
		*t = MEDIA_PCM16;
	else if (!strcmp(s, "24"))
		*t = MEDIA_PCM24;
	else if (!strcmp(s, "32f"))
		*t = MEDIA_FLOAT32;
	else
		return false;
	return true;
}

bool media_container_parse_ext(const char *ext, enum media_container *c)
{
	if (!strcasecmp(ext, "wav") || !strcasecmp(ext, "wave"))
		*c = MEDIA_WAV;
	else if (!strcasecmp(ext, "flac"))
		*c = MEDIA_FLAC;
	else if (!strcasecmp(ext, "ogg") || !strcasecmp(ext, "oga"))
		*c = MEDIA_OGG;
	else if (!strcasecmp(ext, "aiff") || !strcasecmp(ext, "aif"))
		*c = MEDIA_AIFF;
	else if (!strcasecmp(ext, "mp3"))
		*c = MEDIA_MP3;
	else
		return false;
	return true;
}

enum err media_writer_open(struct media_writer **out, const char *path,
	enum media_container container, enum media_sample sample, int rate, int channels,
	struct err_msg *msg)
{
	*out = NULL;
	if (container == MEDIA_FLAC && sample == MEDIA_FLOAT32)
		return err_set(msg, ERR_USAGE, "%s: FLAC stores 16 or 24-bit, not 32-bit float",
			path);
	int format = container_format(container, sample);
	if (!format)
		return err_set(msg, ERR_USAGE, "%s: unknown container", path);
	if (container == MEDIA_MP3 && !media_container_writable(MEDIA_MP3))
		return err_set(msg, ERR_USAGE, "%s: this libsndfile cannot write MP3 (it was built "
			"without LAME); use wav, flac or ogg", path);
	SF_INFO sfi = { .samplerate = rate, .channels = channels, .format = format };
	if (!sf_format_check(&sfi))
		return err_set(msg, ERR_USAGE, "%s: this format cannot store %d channels at %d Hz",
			path, channels, rate);
	struct media_writer *w = calloc(1, sizeof *w);
	if (!w)
		return err_set(msg, ERR_NOMEM, "%s: out of memory", path);
	errno = 0;
	w->file = sf_open(path, SFM_WRITE, &sfi);
	if (!w->file) {
		int saved = errno;
		free(w);
		if (saved == ENOSPC)
			return err_set(msg, ERR_NO_SPACE, "%s: no space left on device", path);
		return err_set(msg, ERR_IO, "%s: cannot create: %s", path,
			saved ? strerror(saved) : sf_strerror(NULL));
	}
	snprintf(w->path, sizeof w->path, "%s", path);
	/* Clip instead of wrapping, and scale by 2^(bits-1) so that writing and
	 * reading integer files round-trip exactly. */
	sf_command(w->file, SFC_SET_CLIPPING, NULL, SF_TRUE);
	/* libsndfile stamps the PEAK chunk of a float WAV or AIFF with the wall-clock
	 * second: two renders of one project would differ in that word, and a render is
	 * promised to be the same bytes every time (ttymix.1, --dither) */
	if (sample == MEDIA_FLOAT32)
		sf_command(w->file, SFC_SET_ADD_PEAK_CHUNK, NULL, SF_FALSE);
	*out = w;
	return ERR_OK;
}

static const struct { const char *key; int id; } tag_ids[] = {
	{ "title", SF_STR_TITLE }, { "artist", SF_STR_ARTIST }, { "album", SF_STR_ALBUM },
	{ "date", SF_STR_DATE }, { "comment", SF_STR_COMMENT }, { "genre", SF_STR_GENRE },
	{ "software", SF_STR_SOFTWARE }, { "tracknumber", SF_STR_TRACKNUMBER },
};

static int tag_id(const char *key)
{
	for (size_t i = 0; i < sizeof tag_ids / sizeof tag_ids[0]; i++)
		if (!strcmp(tag_ids[i].key, key))
			return tag_ids[i].id;
	return 0;
}

void media_writer_set_tag(struct media_writer *w, const char *key, const char *value)
{
	int id = tag_id(key);
	if (id)
		sf_set_string(w->file, id, value);
}

bool media_read_tag(const char *path, const char *key, char *out, size_t size)
{
	int id = tag_id(key);
	SF_INFO sfi = { 0 };
	SNDFILE *f = id ? sf_open(path, SFM_READ, &sfi) : NULL;
	if (!f)
		return false;
	const char *v = sf_get_string(f, id);
	if (v && size)
		snprintf(out, size, "%s", v);
	sf_close(f);
	return v != NULL;
}

enum err media_writer_write(struct media_writer *w, const float *frames, int n,
	struct err_msg *msg)
{
	if (w->first_error != ERR_OK)
		return w->first_error;
	errno = 0;
	sf_count_t done = sf_writef_float(w->file, frames, n);
	if (done != n) {
		int saved = errno;
		w->first_error = saved == ENOSPC ? ERR_NO_SPACE : ERR_IO;
		if (saved == ENOSPC)
			return err_set(msg, ERR_NO_SPACE, "%s: no space left on device", w->path);
		return err_set(msg, ERR_IO, "%s: write failed: %s", w->path,
			saved ? strerror(saved) : sf_strerror(w->file));
	}
	return ERR_OK;
}

enum err media_writer_close(struct media_writer *w, struct err_msg *msg)
{
	if (!w)
		return ERR_OK;
	enum err e = w->first_error;
	errno = 0;
	int rc = sf_close(w->file);
	if (rc != 0 && e == ERR_OK) {
		int saved = errno;
		e = saved == ENOSPC ? ERR_NO_SPACE : ERR_IO;
		err_set(msg, e, "%s: %s", w->path,
			saved ? strerror(saved) : sf_error_number(rc));
	}
	free(w);
	return e;
}

enum err media_resampler_process(struct media_resampler *r, const float *in, int n,
	int *in_used, float *out, int out_cap, int *out_n, struct err_msg *msg)
{
	size_t idone = 0, odone = 0;
	soxr_error_t serr = soxr_process(r->soxr, in, in ? (size_t)n : 0, &idone, out,
		(size_t)out_cap, &odone);
	if (serr)
		return err_set(msg, ERR_IO, "resampler: %s", serr);
	*in_used = (int)idone;
	*out_n = (int)odone;
	return ERR_OK;
}

enum err media_verify(const char *path, struct media_info *info, struct err_msg *msg)
{
	struct media_reader *r;
	enum err e = media_probe(path, info, msg);
	if (e != ERR_OK)
		return e;
	if ((e = media_reader_open(&r, path, info->sample_rate, msg)) != ERR_OK)
		return e;
	float *buf = malloc(sizeof(float) * READER_IN_FRAMES * MEDIA_MAX_CHANNELS);
	if (!buf)
		e = err_set(msg, ERR_NOMEM, "%s: out of memory", path);
	int64_t pos = 0;
	while (e == ERR_OK && pos < r->info.frames) {
		int64_t left = r->info.frames - pos;
		int n = left < READER_IN_FRAMES ? (int)left : READER_IN_FRAMES;
		e = media_reader_read(r, pos, buf, n, msg);
		pos += n;
	}
	free(buf);
	media_reader_close(r);
	return e;
}
