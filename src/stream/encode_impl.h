/* The two encoders behind encode.h (flac.c: libFLAC, opus.c: libopusenc); only
 * encode.c calls these. Same threads and meanings as encode.h. */
#ifndef TTYMIX_STREAM_ENCODE_IMPL_H
#define TTYMIX_STREAM_ENCODE_IMPL_H

#include "src/stream/encode.h"

enum err stream_flac_create(void **out, int rate, struct stream_bytes *sink,
	struct err_msg *msg);
enum err stream_flac_write(void *impl, const float *frames, int n);
uint64_t stream_flac_frames_out(const void *impl);
void stream_flac_finish(void *impl);
void stream_flac_free(void *impl);

enum err stream_opus_create(void **out, int rate, int kbps, const char *title,
	struct stream_bytes *sink, struct err_msg *msg);
enum err stream_opus_write(void *impl, const float *frames, int n);
uint64_t stream_opus_frames_out(const void *impl);
void stream_opus_finish(void *impl);
void stream_opus_free(void *impl);

#endif
