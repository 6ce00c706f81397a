/* Ear training on the studio's session (`ttymix ear`, the studio's `:ear`): each
 * question's A and B (src/ear_audio.h) play through the session's own engine and
 * output, so a student over SSH hears them on the stream as they hear a mix. The quiz
 * talks on the terminal itself (stdin and stdout, one key per answer), so the studio
 * leaves curses for its time.
 *
 * While the quiz runs, the session plays a project of its own (one track holding the
 * question): the session's project is put aside and put back at the end, with its
 * graph, loop and playhead, untouched. UI thread (the session's), between two turns
 * of its loop: nothing else may use the session meanwhile. */
#ifndef TTYMIX_STUDIO_EAR_H
#define TTYMIX_STUDIO_EAR_H

#include <stdbool.h>
#include <stdint.h>

#include "src/base/err.h"
#include "src/ear.h"

struct project;
struct studio;

struct studio_ear_opts {
	bool one;                   /* only exercise ex (else each question picks one) */
	enum ear_exercise ex;
	bool seeded;                /* seed was chosen (--seed): the same questions again */
	uint64_t seed;
	bool practice;              /* show each answer first; scores are neither read
	                               nor written */
	int count;                  /* stop after this many questions; 0: at q */
	/* the source: NULL for pink noise, else an excerpt of this project from at
	 * seconds, its mix (track < 0) or one track alone */
	const struct project *source;
	int track;
	double at;
	const char *scores_path;    /* NULL: the user's (ear_scores_path) */
};

/* What a quiz did, for its closing line. */
struct studio_ear_result {
	int asked, right;
	bool saved;                 /* the scores were written */
};

/* Run the quiz until q, the count or the end of input; ERR_OK, or an error (a source
 * that cannot be made, the scores that cannot be read or written) with msg. */
enum err studio_ear_run(struct studio *st, const struct studio_ear_opts *o,
	struct studio_ear_result *res, struct err_msg *msg);

/* A quiz to stop: set from a signal handler (SIGINT, SIGTERM) of the command line. */
void studio_ear_interrupt(void);

#endif
