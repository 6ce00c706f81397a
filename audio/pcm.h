/* Little-endian PCM samples to and from float, for the media layer's raw path.
 *
 * media.c reads the PCM of WAV files as bytes (sf_read_raw: one read(2) for a whole
 * request, where libsndfile's own float reads take 8190 bytes per call) and converts
 * them here; it writes 16- and 24-bit PCM packed here through sf_write_raw. libsndfile
 * still parses and writes every header. The conversions give, bit for bit, what
 * libsndfile's float reads and clipping float writes give (tests/pcm_test.c holds them
 * to it for every value class): a render's bytes do not depend on the path.
 *   read:  a sample s of B bits is s * 2^-(B-1), exact in a float for B <= 24; 32-bit
 *          samples round to the nearest float first
 *   write: x * 2^31 is clipped (at or beyond full scale: the extreme code; NaN gives
 *          the most negative, as the CPU's conversion does), rounded to the nearest
 *          integer (ties to even), and its top B bits are kept
 *
 * Thread: any; no state. */
#ifndef TTYMIX_PCM_H
#define TTYMIX_PCM_H

#include <stddef.h>

enum pcm_kind {
	PCM_NONE,   /* not raw: libsndfile converts */
	PCM_S16,
	PCM_S24,
	PCM_S32,    /* read only */
	PCM_F32,    /* read only: IEEE floats as stored */
};

/* Bytes per sample of a kind (0 for PCM_NONE). */
int pcm_bytes(enum pcm_kind k);

/* n samples at src (n * pcm_bytes(k) bytes, plus PCM_SLACK readable bytes after them)
 * into dst. src and dst must not overlap. */
void pcm_to_float(enum pcm_kind k, const unsigned char *src, float *dst, size_t n);

/* n floats into dst (n * pcm_bytes(k) bytes, plus PCM_SLACK writable bytes after them,
 * whose contents are then undefined). k: PCM_S16 or PCM_S24. */
void pcm_from_float(enum pcm_kind k, const float *src, unsigned char *dst, size_t n);

/* Bytes a buffer needs past its samples: the loops move whole vectors. */
#define PCM_SLACK 16

#endif
