/* FLAC for /listen.flac: libFLAC's stream encoder, 24-bit stereo at the project's rate,
 * small blocks so that a frame leaves about every 20 ms. The only file that talks to
 * libFLAC. A listener's connection thread owns each encoder. */
#include <FLAC/stream_encoder.h>
#include <math.h>
#include <stdlib.h>

#include "src/base/xalloc.h"
#include "src/stream/flac.h"

#define FLAC_CHUNK 2048 /* frames converted per call into the encoder */

struct flac_enc {
	FLAC__StreamEncoder *enc;
	struct stream_bytes *sink;
	uint64_t frames_out;
	FLAC__int32 buf[FLAC_CHUNK * 2];
};

static FLAC__StreamEncoderWriteStatus on_write(const FLAC__StreamEncoder *enc,
	const FLAC__byte buffer[], size_t bytes, uint32_t samples, uint32_t frame, void *data)
{
	(void)enc;
	(void)frame;
	struct flac_enc *f = data;
	stream_bytes_append(f->sink, buffer, bytes);
	f->frames_out += samples; /* 0 for the stream's header */
	return FLAC__STREAM_ENCODER_WRITE_STATUS_OK;
}

enum err stream_flac_create(void **out, int rate, struct stream_bytes *sink,
	struct err_msg *msg)
{
	*out = NULL;
	struct flac_enc *f = xcalloc(1, sizeof *f);
	f->sink = sink;
	f->enc = FLAC__stream_encoder_new();
	if (!f->enc) {
		free(f);
		return err_set(msg, ERR_NOMEM, "FLAC: no memory for an encoder");
	}
	/* a block of about 20 ms: the listener waits for whole frames */
	const uint32_t block = rate <= 48000 ? 1024 : rate <= 96000 ? 2048 : 4096;
	FLAC__bool ok = FLAC__stream_encoder_set_channels(f->enc, 2)
		&& FLAC__stream_encoder_set_bits_per_sample(f->enc, 24)
		&& FLAC__stream_encoder_set_sample_rate(f->enc, (uint32_t)rate)
		&& FLAC__stream_encoder_set_compression_level(f->enc, 5)
		&& FLAC__stream_encoder_set_blocksize(f->enc, block);
	FLAC__StreamEncoderInitStatus st = FLAC__STREAM_ENCODER_INIT_STATUS_ENCODER_ERROR;
	if (ok)
		st = FLAC__stream_encoder_init_stream(f->enc, on_write, NULL, NULL, NULL, f);
	if (!ok || st != FLAC__STREAM_ENCODER_INIT_STATUS_OK) {
		FLAC__stream_encoder_delete(f->enc);
		free(f);
		return err_set(msg, ERR_MEDIA, "FLAC: cannot encode %d Hz: %s", rate,
			ok ? FLAC__StreamEncoderInitStatusString[st] : "settings refused");
	}
	*out = f;
	return ERR_OK;
}

/* As a 24-bit converter would: full scale is 2^23, and beyond it clips. */
static FLAC__int32 to_24(float x)
{
	if (!(x > -1.0f)) /* and NaN, which the engine never sends */
		return -8388608;
	if (x >= 1.0f)
		return 8388607;
	long v = lrintf(x * 8388608.0f);
	return (FLAC__int32)(v > 8388607 ? 8388607 : v);
}

enum err stream_flac_write(void *impl, const float *frames, int n)
{
	struct flac_enc *f = impl;
	while (n > 0) {
		const int k = n < FLAC_CHUNK ? n : FLAC_CHUNK;
		for (int i = 0; i < k * 2; i++)
			f->buf[i] = to_24(frames[i]);
		if (!FLAC__stream_encoder_process_interleaved(f->enc, f->buf, (uint32_t)k))
			return ERR_MEDIA;
		frames += (size_t)k * 2;
		n -= k;
	}
	return ERR_OK;
}

uint64_t stream_flac_frames_out(const void *impl)
{
	return ((const struct flac_enc *)impl)->frames_out;
}

void stream_flac_finish(void *impl)
{
	struct flac_enc *f = impl;
	/* no seek callback: the header is not rewritten, the last block goes out */
	FLAC__stream_encoder_finish(f->enc);
}

void stream_flac_free(void *impl)
{
	struct flac_enc *f = impl;
	if (!f)
		return;
	/* deleting an unfinished encoder finishes it into the sink, which is still
	 * there: the listener's buffer goes after its encoder */
	FLAC__stream_encoder_delete(f->enc);
	free(f);
}
