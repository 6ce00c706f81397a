/* PCM bytes to and from float: see pcm.h. The loops are DSP_HOT (audio/dsp/hot.h):
 * 24-bit samples are three bytes apart, which GCC does not vectorise by itself; the
 * x86-64-v3 copy moves them four at a time with a byte shuffle (one instruction there,
 * a dozen in SSE2, so the baseline copy moves them one at a time as 4-byte words).
 * The word loads and stores take the host for little-endian: media.c uses this path only
 * on such a host. */
#include "audio/pcm.h"

#include <limits.h>
#include <math.h>
#include <stdint.h>
#include <string.h>

#include "audio/dsp/hot.h"

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

typedef unsigned char pcm_v16u8 __attribute__((vector_size(16)));
typedef int32_t pcm_v4i __attribute__((vector_size(16)));
typedef float pcm_v4f __attribute__((vector_size(16)));

int pcm_bytes(enum pcm_kind k)
{
	switch (k) {
	case PCM_S16: return 2;
	case PCM_S24: return 3;
	case PCM_S32: case PCM_F32: return 4;
	case PCM_NONE: break;
	}
	return 0;
}

/* ---- read ---- */

static inline __attribute__((always_inline)) float s24_one(const unsigned char *p)
{
	/* the three bytes in the top of a 32-bit word: exact in a float, then scaled by a
	 * power of two (libsndfile's int-then-normalise, to the bit) */
	uint32_t w = (uint32_t)p[0] << 8 | (uint32_t)p[1] << 16 | (uint32_t)p[2] << 24;
	return (float)(int32_t)w * 0x1p-31f;
}

DSP_HOT static void s24_to_float(const unsigned char *restrict src, float *restrict dst,
	size_t n)
{
	size_t i = 0;
	if (dsp_wide()) {
		/* 16 bytes in (four samples and four spare bytes, which PCM_SLACK allows),
		 * each sample's bytes moved to the top of a lane, the bottom byte zero */
		const pcm_v16u8 sel = { 16, 0, 1, 2, 16, 3, 4, 5, 16, 6, 7, 8, 16, 9, 10, 11 };
		const pcm_v16u8 zero = { 0 };
		for (; i + 4 <= n; i += 4) {
			pcm_v16u8 b;
			memcpy(&b, src + 3 * i, sizeof b);
			pcm_v16u8 top = __builtin_shuffle(b, zero, sel);
			pcm_v4i w;
			memcpy(&w, &top, sizeof w);
			pcm_v4f f = __builtin_convertvector(w, pcm_v4f) * 0x1p-31f;
			memcpy(dst + i, &f, sizeof f);
		}
	} else {
		/* one 4-byte load per sample (its fourth byte the next sample's, or slack) */
		for (; i < n; i++) {
			uint32_t w;
			memcpy(&w, src + 3 * i, sizeof w);
			dst[i] = (float)(int32_t)(w << 8) * 0x1p-31f;
		}
	}
	for (; i < n; i++)
		dst[i] = s24_one(src + 3 * i);
}

DSP_HOT static void s16_to_float(const unsigned char *restrict src, float *restrict dst,
	size_t n)
{
	for (size_t i = 0; i < n; i++) {
		int16_t v = (int16_t)(uint16_t)(src[2 * i] | src[2 * i + 1] << 8);
		dst[i] = (float)v * 0x1p-15f;
	}
}

DSP_HOT static void s32_to_float(const unsigned char *restrict src, float *restrict dst,
	size_t n)
{
	for (size_t i = 0; i < n; i++) {
		uint32_t w = (uint32_t)src[4 * i] | (uint32_t)src[4 * i + 1] << 8
			| (uint32_t)src[4 * i + 2] << 16 | (uint32_t)src[4 * i + 3] << 24;
		dst[i] = (float)(int32_t)w * 0x1p-31f;
	}
}

void pcm_to_float(enum pcm_kind k, const unsigned char *src, float *dst, size_t n)
{
	switch (k) {
	case PCM_S16:
		s16_to_float(src, dst, n);
		break;
	case PCM_S24:
		s24_to_float(src, dst, n);
		break;
	case PCM_S32:
		s32_to_float(src, dst, n);
		break;
	case PCM_F32:
		/* little-endian IEEE floats, as the host holds them (media.c takes this
		 * path only where libsndfile says no byte swap is needed) */
		memcpy(dst, src, n * sizeof *dst);
		break;
	case PCM_NONE:
		break;
	}
}

/* ---- write ---- */

/* x * 2^31 clipped and rounded as libsndfile's clipping writer does: at or past
 * +full scale the largest code, at or past -full scale the smallest; NaN the smallest
 * (what the CPU's conversion gives for it there). */
static inline __attribute__((always_inline)) int32_t round_clip(float x)
{
	float s = x * 0x1p31f;
	if (s >= 0x1p31f)
		return INT32_MAX;
	if (!(s > -0x1p31f))
		return INT32_MIN;
	return (int32_t)lrintf(s);
}

#if defined(__SSE2__)
/* four samples at once: the conversion gives 0x80000000 for everything out of range
 * and NaN; the lanes at or past +full scale are flipped to 0x7fffffff */
static inline __attribute__((always_inline)) __m128i round_clip4(const float *x)
{
	const __m128 s = _mm_mul_ps(_mm_loadu_ps(x), _mm_set1_ps(0x1p31f));
	const __m128i v = _mm_cvtps_epi32(s);
	const __m128i over = _mm_castps_si128(_mm_cmpge_ps(s, _mm_set1_ps(0x1p31f)));
	return _mm_xor_si128(v, over);
}
#endif

DSP_HOT static void float_to_s24(const float *restrict src, unsigned char *restrict dst,
	size_t n)
{
	size_t i = 0;
#if defined(__SSE2__)
	if (dsp_wide()) {
		/* the top three bytes of each lane, packed into 12 bytes (16 stored: the
		 * last four land in the next sample's place or in PCM_SLACK) */
		const pcm_v16u8 sel = { 1, 2, 3, 5, 6, 7, 9, 10, 11, 13, 14, 15, 0, 0, 0, 0 };
		for (; i + 4 <= n; i += 4) {
			__m128i v = round_clip4(src + i);
			pcm_v16u8 b;
			memcpy(&b, &v, sizeof b);
			pcm_v16u8 packed = __builtin_shuffle(b, sel);
			memcpy(dst + 3 * i, &packed, sizeof packed);
		}
	} else {
		for (; i + 4 <= n; i += 4) {
			int32_t v[4];
			_mm_storeu_si128((__m128i *)v, round_clip4(src + i));
			for (int j = 0; j < 4; j++) {
				/* the top three bytes as a 4-byte word: its fourth byte is
				 * written over by the next sample, or lands in PCM_SLACK */
				uint32_t w = (uint32_t)v[j] >> 8;
				memcpy(dst + 3 * (i + (size_t)j), &w, sizeof w);
			}
		}
	}
#endif
	for (; i < n; i++) {
		uint32_t w = (uint32_t)round_clip(src[i]);
		dst[3 * i] = (unsigned char)(w >> 8);
		dst[3 * i + 1] = (unsigned char)(w >> 16);
		dst[3 * i + 2] = (unsigned char)(w >> 24);
	}
}

DSP_HOT static void float_to_s16(const float *restrict src, unsigned char *restrict dst,
	size_t n)
{
	size_t i = 0;
#if defined(__SSE2__)
	for (; i + 8 <= n; i += 8) {
		/* the top halves of the lanes: an arithmetic shift keeps them within int16,
		 * so the saturating pack packs them as they are */
		__m128i a = _mm_srai_epi32(round_clip4(src + i), 16);
		__m128i b = _mm_srai_epi32(round_clip4(src + i + 4), 16);
		_mm_storeu_si128((__m128i *)(dst + 2 * i), _mm_packs_epi32(a, b));
	}
#endif
	for (; i < n; i++) {
		uint32_t w = (uint32_t)round_clip(src[i]);
		dst[2 * i] = (unsigned char)(w >> 16);
		dst[2 * i + 1] = (unsigned char)(w >> 24);
	}
}

void pcm_from_float(enum pcm_kind k, const float *src, unsigned char *dst, size_t n)
{
	if (k == PCM_S24)
		float_to_s24(src, dst, n);
	else if (k == PCM_S16)
		float_to_s16(src, dst, n);
}
