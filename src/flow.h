/* The signal flow of one track, measured: the track rendered by the real engine
 * (src/tap.h) after each stage of its strip (clip, each insert, fader, pan, the bus it
 * plays into, the master), with the sample peak and RMS there, and the first stage
 * whose peak reaches full scale. Sends are shown at the level they deliver (the stage
 * they leave from plus their level; an automated one rendered through its lane). Each
 * automation lane acts at its control's stage (an insert's at the insert, the
 * fader's at the fader, the pan's at the pan). Control thread; about one render of
 * the song per stage. */
#ifndef TTYMIX_FLOW_H
#define TTYMIX_FLOW_H

#include <stdbool.h>

#include "src/base/err.h"
#include "src/project.h"

#define FLOW_MAX_STAGES (FX_MAX_INSERTS + PROJECT_MAX_SENDS + 6)

struct flow_stage {
	char name[48];       /* "insert 1 eq", "fader -3.0 dB", "send Reverb -14.0 dB" */
	double peak_db, rms_db;  /* dBFS; -INFINITY for silence */
	bool computed;       /* a send: from its stage and level, not rendered apart */
	bool clips;          /* peak at or over 0 dBFS */
};

struct flow {
	struct flow_stage stage[FLOW_MAX_STAGES];
	int n;
	int first_clip;      /* index of the first stage that clips, or -1 */
};

/* Measure track t of p over the whole song. */
enum err flow_measure(const struct project *p, int t, struct flow *out,
	struct err_msg *msg);

/* One line per stage ("clip  peak -10.0  rms -18.3 dBFS"), the first clipping stage
 * marked; caller frees. */
char *flow_text(const struct project *p, int t, const struct flow *f);

#endif
