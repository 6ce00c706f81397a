/* log2 and exp2 for the dynamics processors' per-sample level and gain, as inline
 * polynomials the compiler can vectorise (libm's log2f and exp2f are calls it cannot).
 * Coefficients: least-squares fits on 200 Chebyshev nodes (docs/dsp.md, "Compressor"):
 * log2 of the mantissa with a 6th-degree polynomial, |error| < 2.2e-6 (1.3e-5 dB); 2^f
 * on [0, 1) with a 5th-degree one, relative error < 1.1e-7 (1e-6 dB). Both are far
 * inside the 0.2 dB the compressor's curve is held to. Any thread. */
#ifndef TTYMIX_DSP_FASTMATH_H
#define TTYMIX_DSP_FASTMATH_H

#include <stdint.h>
#include <string.h>
#if defined(__SSE__)
#include <xmmintrin.h>
#endif

/* The two polynomials, written once for the scalar and vector versions below (t and f
 * may be a float or a vector of floats; the operations and their order are the same). */
#define FM_LOG2_C0 (-0.025123203286088074f)
#define FM_LOG2_C1 0.11929823770620271f
#define FM_LOG2_C2 (-0.27462325761720646f)
#define FM_LOG2_C3 0.4555270880611097f
#define FM_LOG2_C4 (-0.7175578724221668f)
#define FM_LOG2_C5 1.4424753148220757f
#define FM_LOG2_C6 2.123740891214125e-06f
#define FM_EXP2_C0 0.0018951072909920382f
#define FM_EXP2_C1 0.008946214666354469f
#define FM_EXP2_C2 0.0558632826592433f
#define FM_EXP2_C3 0.24014077009184176f
#define FM_EXP2_C4 0.6931546200032994f
#define FM_EXP2_C5 0.9999998957631352f
#define FM_LOG2_POLY(t) \
	((((((FM_LOG2_C0 * (t) + FM_LOG2_C1) * (t) + FM_LOG2_C2) * (t) + FM_LOG2_C3) * (t) \
	+ FM_LOG2_C4) * (t) + FM_LOG2_C5) * (t) + FM_LOG2_C6)
#define FM_EXP2_POLY(f) \
	(((((FM_EXP2_C0 * (f) + FM_EXP2_C1) * (f) + FM_EXP2_C2) * (f) + FM_EXP2_C3) * (f) \
	+ FM_EXP2_C4) * (f) + FM_EXP2_C5)

/* log2(x) for finite x > 0 (normal; subnormals read as the smallest normal). */
static inline float fm_log2_rt(float x)
{
	uint32_t bits;
	memcpy(&bits, &x, sizeof bits);
	int e = (int)((bits >> 23) & 0xff) - 127;
	bits = (bits & 0x007fffffu) | 0x3f800000u; /* the mantissa as a float in [1, 2) */
	float m;
	memcpy(&m, &bits, sizeof m);
	const float t = m - 1.0f;
	return (float)e + FM_LOG2_POLY(t);
}

/* 2^x, x clamped to [-126, 126]. */
static inline float fm_exp2_rt(float x)
{
	x = x < -126.0f ? -126.0f : x > 126.0f ? 126.0f : x;
	/* floor without a library call: truncation, one less for negative fractions */
	int i = (int)x;
	i -= (float)i > x;
	const float f = x - (float)i;
	const float p = FM_EXP2_POLY(f);
	uint32_t bits = (uint32_t)(i + 127) << 23;
	float scale;
	memcpy(&scale, &bits, sizeof scale);
	return p * scale;
}

/* the vector functions are always inlined: the DSP_HOT functions that call them must
 * not call out of line (audio/dsp/hot.h) */
#define FM_INLINE static inline __attribute__((always_inline))

/* The same two functions on four floats at a time (GCC/Clang vector extensions: SSE on
 * x86-64, NEON on ARM, plain code elsewhere), lane by lane equal to the scalar ones. */
typedef float fm_v4sf __attribute__((vector_size(16)));
typedef int32_t fm_v4si __attribute__((vector_size(16)));

FM_INLINE fm_v4sf fm_select_v4(fm_v4si mask, fm_v4sf a, fm_v4sf b)
{
	return (fm_v4sf)(((fm_v4si)a & mask) | ((fm_v4si)b & ~mask));
}

/* The constants of the four-wide functions, each in every lane, read through a pointer
 * the compiler cannot see through (fm_k4): GCC 12 makes a vector of four equal
 * constants with a load and a shuffle, and again at every use once the registers run
 * short (the compressor's baseline copy), where a vector in memory is an operand of the
 * arithmetic itself. */
enum {
	FM_K_LOG2 = 0, FM_K_EXP2 = 7, FM_K_ONE = 13, FM_K_LO = 14, FM_K_HI = 15, FM_K_COUNT
};
#define FM_K4(c) { c, c, c, c }
static const fm_v4sf fm_k4_table[FM_K_COUNT] = {
	FM_K4(FM_LOG2_C0), FM_K4(FM_LOG2_C1), FM_K4(FM_LOG2_C2), FM_K4(FM_LOG2_C3),
	FM_K4(FM_LOG2_C4), FM_K4(FM_LOG2_C5), FM_K4(FM_LOG2_C6),
	FM_K4(FM_EXP2_C0), FM_K4(FM_EXP2_C1), FM_K4(FM_EXP2_C2), FM_K4(FM_EXP2_C3),
	FM_K4(FM_EXP2_C4), FM_K4(FM_EXP2_C5),
	FM_K4(1.0f), FM_K4(-126.0f), FM_K4(126.0f),
};
#undef FM_K4

/* p, which the compiler no longer knows to point at constants */
#define FM_OPAQUE(p) __extension__ ({ __typeof__(p) p_ = (p); __asm__("" : "+r"(p_)); p_; })
#define fm_k4() FM_OPAQUE(&fm_k4_table[0])

/* a > b ? a : b and a < b ? a : b, lane by lane (one instruction on SSE) */
#if defined(__SSE__)
FM_INLINE fm_v4sf fm_max_v4(fm_v4sf a, fm_v4sf b)
{
	return (fm_v4sf)_mm_max_ps((__m128)a, (__m128)b);
}

FM_INLINE fm_v4sf fm_min_v4(fm_v4sf a, fm_v4sf b)
{
	return (fm_v4sf)_mm_min_ps((__m128)a, (__m128)b);
}
#else
FM_INLINE fm_v4sf fm_max_v4(fm_v4sf a, fm_v4sf b)
{
	return fm_select_v4(a > b, a, b);
}

FM_INLINE fm_v4sf fm_min_v4(fm_v4sf a, fm_v4sf b)
{
	return fm_select_v4(a < b, a, b);
}
#endif

/* c[0] t^6 + ... + c[6] by Horner's rule, the order of FM_LOG2_POLY (and with five
 * terms of FM_EXP2_POLY) */
#define FM_HORNER7(c, t) \
	((((((c[0] * (t) + c[1]) * (t) + c[2]) * (t) + c[3]) * (t) + c[4]) * (t) + c[5]) \
	* (t) + c[6])
#define FM_HORNER6(c, t) \
	(((((c[0] * (t) + c[1]) * (t) + c[2]) * (t) + c[3]) * (t) + c[4]) * (t) + c[5])

FM_INLINE fm_v4sf fm_log2_v4(fm_v4sf x)
{
	const fm_v4sf *k = fm_k4();
	fm_v4si bits = (fm_v4si)x;
	fm_v4si e = ((bits >> 23) & 0xff) - 127;
	fm_v4sf t = (fm_v4sf)((bits & 0x007fffff) | 0x3f800000) - k[FM_K_ONE];
	fm_v4sf p = FM_HORNER7((k + FM_K_LOG2), t);
	return __builtin_convertvector(e, fm_v4sf) + p;
}

FM_INLINE fm_v4sf fm_exp2_v4(fm_v4sf x)
{
	const fm_v4sf *k = fm_k4();
	x = fm_min_v4(fm_max_v4(x, k[FM_K_LO]), k[FM_K_HI]);
	fm_v4si i = __builtin_convertvector(x, fm_v4si);
	i += __builtin_convertvector(i, fm_v4sf) > x; /* a true lane is -1: the floor */
	fm_v4sf f = x - __builtin_convertvector(i, fm_v4sf);
	fm_v4sf p = FM_HORNER6((k + FM_K_EXP2), f);
	return p * (fm_v4sf)((i + 127) << 23);
}

/* The same on eight floats at a time, for loops compiled for AVX2 (audio/dsp/hot.h; on
 * the baseline each is two SSE halves), lane by lane equal to the four-wide ones when
 * built with the same options (for x not NaN). In place, through a pointer: a 32-byte vector passed or
 * returned by value has another ABI with AVX than without, and GCC warns about that
 * (-Wpsabi) even where the call is inlined. */
typedef float fm_v8sf __attribute__((vector_size(32)));
typedef int32_t fm_v8si __attribute__((vector_size(32)));

/* a where mask is true (-1), else b */
#define FM_SELECT_V8(mask, a, b) \
	((fm_v8sf)(((fm_v8si)(a) & (mask)) | ((fm_v8si)(b) & ~(mask))))

FM_INLINE void fm_log2_v8(fm_v8sf *xp)
{
	fm_v8si bits = (fm_v8si)*xp;
	fm_v8si e = ((bits >> 23) & 0xff) - 127;
	fm_v8sf t = (fm_v8sf)((bits & 0x007fffff) | 0x3f800000) - 1.0f;
	fm_v8sf p = FM_LOG2_POLY(t);
	*xp = __builtin_convertvector(e, fm_v8sf) + p;
}

/* x not NaN. The comparisons are the signs of differences (exact here), as integer
 * arithmetic: GCC compiles a comparison of eight floats lane by lane where there is
 * no eight-wide register (SSE2), but integer arithmetic as two four-wide halves. */
FM_INLINE void fm_exp2_v8(fm_v8sf *xp)
{
	fm_v8sf x = *xp;
	x = FM_SELECT_V8((fm_v8si)(x + 126.0f) >> 31, (fm_v8sf){ 0 } - 126.0f, x);
	x = FM_SELECT_V8((fm_v8si)(126.0f - x) >> 31, (fm_v8sf){ 0 } + 126.0f, x);
	fm_v8si i = __builtin_convertvector(x, fm_v8si);
	/* the floor: one less where (float)i - x > 0 (its bits > 0; never -0) */
	i += -(fm_v8si)(__builtin_convertvector(i, fm_v8sf) - x) >> 31;
	fm_v8sf f = x - __builtin_convertvector(i, fm_v8sf);
	fm_v8sf p = FM_EXP2_POLY(f);
	*xp = p * (fm_v8sf)((i + 127) << 23);
}

#endif
