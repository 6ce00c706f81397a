/* A listener's bytes made and not yet taken (bytes.h). */
#include "src/stream/bytes.h"

#include <stdlib.h>
#include <string.h>

#include "src/base/xalloc.h"

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
