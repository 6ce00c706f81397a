/* Ogg Opus for /listen.opus: libopusenc (which resamples rates other than 48 kHz
 * itself), at --stream-kbps, with its decision and muxing delays cut from seconds to
 * tens of milliseconds so that a listener hears the studio nearly at once. The only
 * file that talks to libopusenc. A listener's connection thread owns each encoder. */
#include <opus/opusenc.h>
#include <stdlib.h>
#include <string.h>

#include "src/base/xalloc.h"
#include "src/stream/opus.h"

#define OPUS_MUX_DELAY 1920 /* 40 ms at 48 kHz: a page about every two packets */

struct opus_enc {
	OggOpusEnc *enc;
	struct stream_bytes *sink;
	int rate;
	int preskip;          /* from the stream's header: 48 kHz samples before audio */
	uint64_t frames_out;  /* at the input rate */
};

/* One Ogg page per call: its granule position says how far the audio in it goes. */
static int on_write(void *data, const unsigned char *page, opus_int32 len)
{
	struct opus_enc *o = data;
	stream_bytes_append(o->sink, page, (size_t)len);
	if (len < 27 || memcmp(page, "OggS", 4) != 0)
		return 0;
	const int nsegs = page[26];
	const unsigned char *body = page + 27 + nsegs;
	if (27 + nsegs + 12 <= len && !memcmp(body, "OpusHead", 8))
		o->preskip = body[10] | body[11] << 8;
	uint64_t granule = 0;
	for (int i = 7; i >= 0; i--)
		granule = granule << 8 | page[6 + i];
	if (granule != UINT64_MAX && granule > (uint64_t)o->preskip)
		o->frames_out = (granule - (uint64_t)o->preskip) * (uint64_t)o->rate / 48000;
	return 0;
}

static int on_close(void *data)
{
	(void)data;
	return 0;
}

enum err stream_opus_create(void **out, int rate, int kbps, const char *title,
	struct stream_bytes *sink, struct err_msg *msg)
{
	*out = NULL;
	struct opus_enc *o = xcalloc(1, sizeof *o);
	o->sink = sink;
	o->rate = rate;
	static const OpusEncCallbacks callbacks = { on_write, on_close };
	OggOpusComments *tags = ope_comments_create();
	if (!tags) {
		free(o);
		return err_set(msg, ERR_NOMEM, "Opus: no memory for an encoder");
	}
	if (title && *title)
		ope_comments_add(tags, "TITLE", title);
	int error = OPE_OK;
	o->enc = ope_encoder_create_callbacks(&callbacks, o, tags, rate, 2, 0, &error);
	ope_comments_destroy(tags); /* the encoder keeps its own copy */
	if (!o->enc) {
		free(o);
		return err_set(msg, ERR_MEDIA, "Opus: cannot encode %d Hz: %s", rate,
			ope_strerror(error));
	}
	if (ope_encoder_ctl(o->enc, OPUS_SET_BITRATE(kbps * 1000)) != OPE_OK
		|| ope_encoder_ctl(o->enc, OPE_SET_DECISION_DELAY(0)) != OPE_OK
		|| ope_encoder_ctl(o->enc, OPE_SET_MUXING_DELAY(OPUS_MUX_DELAY)) != OPE_OK
		|| ope_encoder_flush_header(o->enc) != OPE_OK) {
		ope_encoder_destroy(o->enc);
		free(o);
		return err_set(msg, ERR_MEDIA, "Opus: the encoder refused %d kbit/s", kbps);
	}
	*out = o;
	return ERR_OK;
}

enum err stream_opus_write(void *impl, const float *frames, int n)
{
	struct opus_enc *o = impl;
	return ope_encoder_write_float(o->enc, frames, n) == OPE_OK ? ERR_OK : ERR_MEDIA;
}

uint64_t stream_opus_frames_out(const void *impl)
{
	return ((const struct opus_enc *)impl)->frames_out;
}

void stream_opus_finish(void *impl)
{
	struct opus_enc *o = impl;
	ope_encoder_drain(o->enc); /* the last page, marked as the stream's end */
}

void stream_opus_free(void *impl)
{
	struct opus_enc *o = impl;
	if (!o)
		return;
	ope_encoder_destroy(o->enc);
	free(o);
}
