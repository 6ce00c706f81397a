/* Pink noise (-3 dB per octave) for the ear training's exercises (src/ear.h): our own
 * Voss-McCartney generator, seeded, so a quiz played twice with one seed hears the
 * same noise (docs/dsp.md "Pink noise"). Pure state in the caller's struct: any
 * thread, the audio thread included (no allocation). */
#ifndef TTYMIX_PINK_H
#define TTYMIX_PINK_H

#include <stdint.h>

/* Rows of the generator: the lowest one changes every 2^15 samples, so the spectrum
 * falls at -3 dB/octave from a few hertz up (at 48 kHz, about 1.5 Hz). */
#define PINK_ROWS 16

struct pink {
	uint64_t rng;             /* xorshift64* state, never 0 */
	uint32_t counter;         /* samples made, which row the next one changes */
	float rows[PINK_ROWS];    /* each row's last white value */
	float sum;                /* of rows[] */
};

/* Start a generator from seed (any value, 0 included). */
void pink_init(struct pink *p, uint64_t seed);
/* The next sample, within +-1 (about -17 dBFS RMS). */
float pink_next_rt(struct pink *p);

#endif
