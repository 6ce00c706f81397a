/* FNV-1a, 64 bits: a short, stable fingerprint of bytes (the pitch cache's file names,
 * a graph's layout). Not for anything an attacker chooses. Any thread; no state. */
#ifndef TTYMIX_FNV_H
#define TTYMIX_FNV_H

#include <stddef.h>
#include <stdint.h>

#define FNV1A_INIT 0xcbf29ce484222325ULL

static inline uint64_t fnv1a(uint64_t h, const void *data, size_t n)
{
	const unsigned char *b = data;
	for (size_t i = 0; i < n; i++) {
		h ^= b[i];
		h *= 0x100000001b3ULL;
	}
	return h;
}

#endif
