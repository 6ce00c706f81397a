/* Voss-McCartney pink noise (docs/dsp.md "Pink noise"): PINK_ROWS white values, row k
 * drawn afresh every 2^k samples (the row to change is the count of trailing zero bits
 * of the sample counter, so exactly one row changes per sample), plus one white value
 * per sample. Each row is white noise held for 2^k samples, whose power sits below
 * fs / 2^(k+1); summed, the rows give about equal power per octave, that is
 * -3 dB per octave in a spectrum of constant bandwidth. */
#include "audio/dsp/pink.h"

/* xorshift64* (Vigna 2016): a uniform value in [-1, 1). */
static float white_rt(struct pink *p)
{
	uint64_t x = p->rng;
	x ^= x >> 12;
	x ^= x << 25;
	x ^= x >> 27;
	p->rng = x;
	const uint64_t r = x * 0x2545F4914F6CDD1DULL;
	return (float)((double)(r >> 11) * (2.0 / 9007199254740992.0) - 1.0);
}

void pink_init(struct pink *p, uint64_t seed)
{
	/* splitmix64's finaliser spreads a small seed over the state; 0 is not allowed */
	uint64_t z = seed + 0x9E3779B97F4A7C15ULL;
	z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
	z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
	z ^= z >> 31;
	p->rng = z ? z : 1;
	p->counter = 0;
	p->sum = 0;
	for (int k = 0; k < PINK_ROWS; k++) {
		p->rows[k] = white_rt(p);
		p->sum += p->rows[k];
	}
}

float pink_next_rt(struct pink *p)
{
	p->counter++;
	const int k = __builtin_ctz(p->counter); /* counter != 0: it starts at 1 */
	if (k < PINK_ROWS) {
		const float w = white_rt(p);
		p->sum += w - p->rows[k];
		p->rows[k] = w;
	}
	/* a full cycle: start over, and sum the rows afresh so the float sum never drifts */
	if (p->counter == (1u << PINK_ROWS)) {
		p->counter = 0;
		p->sum = 0;
		for (int i = 0; i < PINK_ROWS; i++)
			p->sum += p->rows[i];
	}
	return (p->sum + white_rt(p)) / (float)(PINK_ROWS + 1);
}
