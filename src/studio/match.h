/* :match [REF] (issue 21): the project's master chain set to bring the mix to a
 * reference (src/match_chain.h: eq, width, limiter at the chain's end), one undo step;
 * REF defaults to the reference track :reference loaded. The result's curves stay for
 * the mastering page to draw (the mix's long-term spectrum, the reference's and the
 * correction). The session's thread only; the renders (a few passes over the song)
 * run on a worker thread over a copy of the project, and studio_match_poll, called
 * every loop turn, puts the result on the project once they are done. */
#ifndef TTYMIX_STUDIO_MATCH_H
#define TTYMIX_STUDIO_MATCH_H

#include "src/match.h"
#include "src/studio/commands.h"
#include "src/studio/studio.h"

struct studio_match {
	unsigned serial;                 /* one more at each :match */
	char ref_name[128];              /* the reference's file name (clean text) */
	double octaves, cap_db;
	/* smoothed levels (dB) on match.h's grid: the mix before, the reference, the mix
	 * after; the correction asked for and the eq's response (what was applied) */
	double mix_db[MATCH_GRID_N], ref_db[MATCH_GRID_N], out_db[MATCH_GRID_N];
	double curve_db[MATCH_GRID_N], eq_db[MATCH_GRID_N];
	double distance_before, distance_after;  /* dB RMS, third octaves 40 Hz-16 kHz */
	double mix_lufs, ref_lufs, out_lufs;
	double mix_width, ref_width, out_width, width;
	double gain_db;
	int passes;
};

/* :match [REF] [smooth S] [cap C], and :match ab [a|b|off] (match_ab.h). */
void studio_line_match(struct studio_line *l);
/* Every loop turn: progress, and the result once the worker is done; the A/B's
 * watch over the master chain (studio_match_ab_tick). */
void studio_match_poll(struct studio *st);
/* Stop a match under way and free the curves (leaving the session). */
void studio_match_free(struct studio *st);

#endif
