/* Word-length reduction with dither (docs/dsp.md). One object per output stream;
 * not shared between threads. */
#ifndef TTYMIX_DITHER_H
#define TTYMIX_DITHER_H

#include <stdint.h>

enum dither_kind { DITHER_NONE, DITHER_TPDF, DITHER_SHAPED };

#define DITHER_SHAPE_TAPS 5

struct dither {
	enum dither_kind kind;
	int bits;                 /* target word length */
	int channels;
	uint64_t rng;
	float err[2][DITHER_SHAPE_TAPS]; /* past quantisation errors, per channel */
	uint64_t clipped;         /* samples that fell beyond the integer range and were
	                           * clipped to it, since dither_init */
};

void dither_init(struct dither *d, enum dither_kind kind, int bits, int channels);
/* Quantise interleaved frames in place to `bits` (values become exact multiples of
 * 2^-(bits-1), clipped to the integer range), adding dither as chosen; each sample
 * clipped counts once in d->clipped. */
void dither_process_rt(struct dither *d, float *buf, int frames);

#endif
