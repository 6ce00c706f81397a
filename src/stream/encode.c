/* The one interface over the two encoders (encode.h). */
#include "src/stream/encode.h"

#include <stdlib.h>
#include <string.h>

#include "src/base/xalloc.h"
#include "src/stream/encode_impl.h"

struct stream_enc {
	enum stream_codec codec;
	void *impl;
};

void stream_bytes_append(struct stream_bytes *b, const void *p, size_t n)
{
	if (b->off > 0 && b->off == b->len) /* all taken: start over at the front */
		b->off = b->len = 0;
	if (b->len + n > b->cap) {
		if (b->off > 0) { /* make room by dropping what was taken */
			memmove(b->data, b->data + b->off, b->len - b->off);
			b->len -= b->off;
			b->off = 0;
		}
		if (b->len + n > b->cap) {
			size_t cap = b->cap ? b->cap : 16384;
			while (cap < b->len + n)
				cap *= 2;
			b->data = xrealloc(b->data, cap);
			b->cap = cap;
		}
	}
	memcpy(b->data + b->len, p, n);
	b->len += n;
}

void stream_bytes_free(struct stream_bytes *b)
{
	free(b->data);
	*b = (struct stream_bytes){ 0 };
}

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
