/* Delay compensation's delay lines (docs/dsp.md, "Delay compensation"): a fixed delay
 * of a whole number of frames on an interleaved stereo signal, which a graph puts in
 * front of a strip (or on one of its sends) so that every path reaches the master as
 * late as the latest one. The length is fixed when the graph is built; a line of 0
 * frames holds no memory and costs nothing.
 *
 * Threads: pdc_line_init and pdc_line_free on the control thread (they allocate and
 * free); the _rt functions on the audio thread, or on a thread that owns the graph. */
#ifndef TTYMIX_PDC_H
#define TTYMIX_PDC_H

struct pdc_line {
	int frames;       /* the delay (const) */
	int pos;          /* the oldest frame, the next to come out (rt) */
	float *buf;       /* frames x 2, zeroed and resident from init; NULL for 0 frames */
};

/* A line of `frames` frames (>= 0) of silence. Aborts when memory runs out, as
 * every allocation of a graph build does. */
void pdc_line_init(struct pdc_line *l, int frames);
/* Frees the memory; the line becomes 0 frames. */
void pdc_line_free(struct pdc_line *l);
/* Delay n frames of buf (interleaved stereo) in place. */
void pdc_line_process_rt(struct pdc_line *l, float *buf, int n);
/* A rebuilt graph's line takes over the old one's signal so that playback goes on
 * without a gap: lines of the same length exchange their memory (src is never
 * processed again: its graph is retired), so that costs the same whatever the length;
 * a line of another length (the compensation changed) of up to 2048 frames takes the
 * newest frames both can hold, and the rest of it is silence: the strip skips or
 * repeats the difference once, at the swap. A longer one starts silent (copying it
 * would cost its length on the audio thread, for every strip at once). */
void pdc_line_carry_rt(struct pdc_line *dst, struct pdc_line *src);

#endif
