/* The one interface over the two encoders (encode.h). */
#include "src/stream/encode.h"

#include <stdlib.h>

#include "src/base/xalloc.h"
#include "src/stream/flac.h"
#include "src/stream/opus.h"

struct stream_enc {
	enum stream_codec codec;
	void *impl;
};

const char *stream_codec_name(enum stream_codec c)
{
	return c == STREAM_FLAC ? "flac" : "opus";
}

enum err stream_enc_create(struct stream_enc **out, enum stream_codec c, int rate, int kbps,
	const char *title, struct stream_bytes *sink, struct err_msg *msg)
{
	*out = NULL;
	void *impl = NULL;
	enum err rc = c == STREAM_FLAC ? stream_flac_create(&impl, rate, sink, msg)
		: stream_opus_create(&impl, rate, kbps, title, sink, msg);
	if (rc != ERR_OK)
		return rc;
	struct stream_enc *e = xcalloc(1, sizeof *e);
	e->codec = c;
	e->impl = impl;
	*out = e;
	return ERR_OK;
}

enum err stream_enc_write(struct stream_enc *e, const float *frames, int n)
{
	return e->codec == STREAM_FLAC ? stream_flac_write(e->impl, frames, n)
		: stream_opus_write(e->impl, frames, n);
}

uint64_t stream_enc_frames_out(const struct stream_enc *e)
{
	return e->codec == STREAM_FLAC ? stream_flac_frames_out(e->impl)
		: stream_opus_frames_out(e->impl);
}

void stream_enc_finish(struct stream_enc *e)
{
	if (e->codec == STREAM_FLAC)
		stream_flac_finish(e->impl);
	else
		stream_opus_finish(e->impl);
}

void stream_enc_free(struct stream_enc *e)
{
	if (!e)
		return;
	if (e->codec == STREAM_FLAC)
		stream_flac_free(e->impl);
	else
		stream_opus_free(e->impl);
	free(e);
}
