#include "audio/pdc.h"

/* see pdc_line_carry_rt */
#define PDC_CARRY_MAX_FRAMES 2048

#include <stdlib.h>

#include "audio/fx/fx.h"
#include "src/base/xalloc.h"

void pdc_line_init(struct pdc_line *l, int frames)
{
	l->frames = frames > 0 ? frames : 0;
	l->pos = 0;
	l->buf = NULL;
	/* written now (fx_alloc_zeroed), so the audio thread never faults a page in */
	if (l->frames > 0 && !(l->buf = fx_alloc_zeroed((size_t)l->frames * 2, sizeof(float))))
		xalloc_die();
}

void pdc_line_free(struct pdc_line *l)
{
	free(l->buf);
	l->buf = NULL;
	l->frames = l->pos = 0;
}

void pdc_line_process_rt(struct pdc_line *l, float *buf, int n)
{
	if (l->frames == 0)
		return;
	/* exchange each sample with the line's oldest, in runs up to the line's wrap, so
	 * that the inner loop has no branch */
	const int len = l->frames * 2;
	float *restrict d = l->buf;
	int p = l->pos * 2;
	for (int done = 0; done < n * 2;) {
		int run = len - p;
		if (run > n * 2 - done)
			run = n * 2 - done;
		float *restrict b = buf + done;
		float *restrict q = d + p;
		for (int i = 0; i < run; i++) {
			const float x = q[i];
			q[i] = b[i];
			b[i] = x;
		}
		done += run;
		p += run;
		if (p == len)
			p = 0;
	}
	l->pos = p / 2;
}

void pdc_line_carry_rt(struct pdc_line *dst, struct pdc_line *src)
{
	if (dst->frames == 0 || src->frames == 0)
		return;
	if (dst->frames == src->frames) {
		float *b = dst->buf;
		dst->buf = src->buf;
		src->buf = b;
		dst->pos = src->pos;
		return;
	}
	/* Another length: the copy below costs a frame per frame of the line on the audio
	 * thread, for every strip a latency change touches at once. Up to
	 * PDC_CARRY_MAX_FRAMES (a few built-in lookaheads) it is cheap and keeps the sound
	 * whole; a longer line starts silent, a gap once rather than an overrun. */
	if (dst->frames > PDC_CARRY_MAX_FRAMES)
		return;
	/* dst from its start, oldest first: frame k comes out dst->frames - k frames from
	 * now, which is src's frame from as long ago, when src is that long */
	const int dn = dst->frames, sn = src->frames;
	for (int k = 0; k < dn; k++) {
		const int ago = dn - k;
		float *o = dst->buf + (size_t)k * 2;
		if (ago > sn) {
			o[0] = o[1] = 0.0f;
			continue;
		}
		const int j = (src->pos + sn - ago) % sn;
		o[0] = src->buf[j * 2];
		o[1] = src->buf[j * 2 + 1];
	}
	dst->pos = 0;
}
