/* Writing automation from the keyboard, the way a DAW's lane modes work (src/project.h,
 * enum project_auto_mode):
 *  - write: from play to stop, the control's value is recorded over the lane;
 *  - touch: recorded while the control's keys are being pressed (until
 *    STUDIO_AUTO_TOUCH_SEC after the last press), then the lane plays again;
 *  - latch: recorded from the first press until stop, holding the last value.
 * While a lane records, the engine does not read it (CMD_AUTO_HOLD) and plays the
 * control's own value. A pass (play to stop) is one undo step; at stop the graph is
 * rebuilt so the new points are heard. The session's thread only. */
#ifndef TTYMIX_STUDIO_AUTOMATION_H
#define TTYMIX_STUDIO_AUTOMATION_H

#include <stdbool.h>

#include "src/studio/studio.h"
#include "src/studio/undo.h"

#define STUDIO_AUTO_TOUCH_SEC 0.5   /* a touch ends this long after the last key press */
#define STUDIO_AUTO_MUTE_RAMP 0.005 /* a written mute glides over 5 ms: no click */
#define STUDIO_AUTO_MAX_REC 64      /* lanes recording at once */

/* The lane key of a control ("gain_db", "pan", "mute", "send.BUS.level_db",
 * "insert.N.PARAM") into key; false when the control has no lane kind. */
bool studio_auto_key(struct studio *st, enum control_id id, int strip, int slot,
	int param, char *key, size_t size);

/* A control was moved to value (by a key or a typed command): record it when its lane
 * writes, touches or latches and the transport plays. */
void studio_auto_touched(struct studio *st, enum control_id id, int strip, int slot,
	int param, double old_value, double value);
/* Every loop turn: write-mode lanes record while playing, touches end, and a stop
 * finishes the pass. now_sec: monotonic seconds. */
void studio_auto_tick(struct studio *st, double now_sec);
/* Finish a pass now (before a save, or leaving). */
void studio_auto_finish(struct studio *st);
/* Free the recording state (leaving the studio). */
void studio_auto_free(struct studio *st);

/* The value a control plays now: its lane's at the playhead when the lane is read
 * (read, touch or latch, and not being written), else the control's own. The mixer
 * shows it, and a nudge starts from it (a touch picks the fader up where the lane
 * has it). */
double studio_auto_current(struct studio *st, enum control_id id, int strip, int slot,
	int param);

/* A strip's lanes (a track's or a bus's) and where their count is; false for the
 * master and anything else. */
bool studio_auto_lanes_of(struct studio *st, int strip, struct project_lane **lanes,
	int **n);
/* The strip's lane for key, with its index; NULL when there is none. */
struct project_lane *studio_auto_lane_of(struct studio *st, int strip, const char *key,
	int *index);

#endif
