/* FLAC for /listen.flac (flac.c, libFLAC): the encoder behind encode.h, which is its
 * only caller; the same threads and meanings as there. */
#ifndef TTYMIX_STREAM_FLAC_H
#define TTYMIX_STREAM_FLAC_H

#include <stdint.h>

#include "src/base/err.h"
#include "src/stream/bytes.h"

enum err stream_flac_create(void **out, int rate, struct stream_bytes *sink,
	struct err_msg *msg);
enum err stream_flac_write(void *impl, const float *frames, int n);
uint64_t stream_flac_frames_out(const void *impl);
void stream_flac_finish(void *impl);
void stream_flac_free(void *impl);

#endif
