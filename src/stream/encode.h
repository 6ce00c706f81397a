/* The listeners' encoders: FLAC (libFLAC's stream encoder, src/stream/flac.c) and Ogg
 * Opus (libopusenc, src/stream/opus.c) behind one small interface. An encoder writes
 * its codec headers first, then encoded audio, into a byte buffer its owner drains.
 * One thread per encoder (a listener's connection thread). */
#ifndef TTYMIX_STREAM_ENCODE_H
#define TTYMIX_STREAM_ENCODE_H

#include <stddef.h>
#include <stdint.h>

#include "src/base/err.h"
#include "src/stream/bytes.h"

enum stream_codec { STREAM_FLAC, STREAM_OPUS };


struct stream_enc;

const char *stream_codec_name(enum stream_codec c);
/* An encoder for interleaved stereo float at rate; its headers are in *sink when it
 * returns. kbps: Opus only. title: a tag (may be NULL). Errors: ERR_MEDIA with msg. */
enum err stream_enc_create(struct stream_enc **out, enum stream_codec c, int rate, int kbps,
	const char *title, struct stream_bytes *sink, struct err_msg *msg);
/* Encode frames; what is complete goes to the sink. Values beyond +-1 are clipped
 * (FLAC: as a sound card's converter would). Errors: ERR_MEDIA. */
enum err stream_enc_write(struct stream_enc *e, const float *frames, int n);
/* Input frames whose encoded bytes are all in the sink (the rest wait in the encoder:
 * a FLAC block, Opus' look-ahead and its page). */
uint64_t stream_enc_frames_out(const struct stream_enc *e);
/* The end of the stream: what waits in the encoder goes to the sink, with the
 * codec's own end (FLAC's last short block, Opus' last page). Nothing may be
 * written after it. */
void stream_enc_finish(struct stream_enc *e);
void stream_enc_free(struct stream_enc *e); /* NULL is a no-op */

#endif
