/* The review's judges: each reads the measured grid and adds its findings to r.
 * Private to src/review*.c; one thread. */
#ifndef TTYMIX_REVIEW_JUDGE_H
#define TTYMIX_REVIEW_JUDGE_H

#include "src/review_grid.h"

struct project;

/* src/review_mask.c: masking between tracks, buried tracks */
void review_judge_masking(const struct project *p, const struct review_grid *g,
	struct review *r);
/* src/review_judge.c */
void review_judge_levels(const struct project *p, const struct review_grid *g,
	struct review *r);
void review_judge_phase(const struct project *p, const struct review_grid *g,
	struct review *r);
void review_judge_tonal(const struct project *p, const struct review_grid *g,
	struct review *r);
void review_judge_dynamics(const struct project *p, const struct review_grid *g,
	struct review *r);

#endif
