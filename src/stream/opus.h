/* Ogg Opus for /listen.opus (opus.c, libopusenc): the encoder behind encode.h, which
 * is its only caller; the same threads and meanings as there. */
#ifndef TTYMIX_STREAM_OPUS_H
#define TTYMIX_STREAM_OPUS_H

#include <stdint.h>

#include "src/base/err.h"
#include "src/stream/bytes.h"

enum err stream_opus_create(void **out, int rate, int kbps, const char *title,
	struct stream_bytes *sink, struct err_msg *msg);
enum err stream_opus_write(void *impl, const float *frames, int n);
uint64_t stream_opus_frames_out(const void *impl);
void stream_opus_finish(void *impl);
void stream_opus_free(void *impl);

#endif
