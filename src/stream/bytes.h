/* Bytes an encoder made and its listener's thread has not yet handed to the server:
 * data[off, len), appended at the end, taken from the front. One thread per buffer. */
#ifndef TTYMIX_STREAM_BYTES_H
#define TTYMIX_STREAM_BYTES_H

#include <stddef.h>

struct stream_bytes {
	unsigned char *data;
	size_t len, off, cap;
};
void stream_bytes_append(struct stream_bytes *b, const void *p, size_t n);
void stream_bytes_free(struct stream_bytes *b);

#endif
