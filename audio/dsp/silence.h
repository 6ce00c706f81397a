/* Whether a buffer is digital silence. Any thread; pure. */
#ifndef TTYMIX_DSP_SILENCE_H
#define TTYMIX_DSP_SILENCE_H

#include <stdbool.h>
#include <stdint.h>
#include <string.h>

/* Every one of the samples is +0 or -0: the sign bit shifted out of each, the rest
 * or-ed together (no float compare, so it vectorises and a NaN is never silence). A
 * stem's blocks are often such (an instrument resting, a strip that plays into a bus),
 * and the render skips work on them. */
static inline bool dsp_all_zero(const float *x, long samples)
{
	uint32_t bits = 0;
	for (long i = 0; i < samples; i++) {
		uint32_t w;
		memcpy(&w, x + i, sizeof w);
		bits |= w << 1;
	}
	return bits == 0;
}

#endif
