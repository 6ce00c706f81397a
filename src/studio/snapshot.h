/* What the UI shows of the audio side, copied from engine events once per loop turn
 * (cmus style: pages read only this copy). Meter ballistics live here so that every
 * page that shows a meter agrees: fall-off, peak hold and the clip latch. UI thread
 * only. */
#ifndef TTYMIX_STUDIO_SNAPSHOT_H
#define TTYMIX_STUDIO_SNAPSHOT_H

#include <stdbool.h>
#include <stdint.h>

#include "audio/cmd.h"

/* The quietest level a meter shows; anything below reads as silence. */
#define STUDIO_METER_FLOOR_DB (-60.0)
/* How long a peak-hold mark stays before it starts to fall. */
#define STUDIO_PEAK_HOLD_SEC 1.5

struct studio_meter {
	double peak_db[2], rms_db[2];  /* displayed levels, with fall-off */
	double hold_db[2];             /* peak-hold mark */
	double hold_until[2];          /* monotonic time the hold starts to fall */
	double last_sec;               /* when the last event arrived (fall-off step) */
	bool clip;                     /* a sample reached full scale; stays until cleared */
};

struct studio_snapshot {
	struct studio_meter *strips; /* tracks, buses, then the master */
	int n_strips;
	bool playing, waiting;
	int64_t playhead;              /* frames */
	bool meters_changed;           /* since the pages last drew */
	bool transport_changed;
	float master_peak[2];          /* the master's highest sample (linear) since a
	                                  reader last set it to 0 (ttymix play's line) */
};

/* n_strips: tracks and buses; the master comes after them. */
void studio_snapshot_init(struct studio_snapshot *s, int n_strips);
void studio_snapshot_deinit(struct studio_snapshot *s);
/* The meter of a strip (track or bus) or of STRIP_MASTER; NULL for anything else. */
struct studio_meter *studio_snapshot_meter(struct studio_snapshot *s, int strip);
/* Take one engine event (EV_METER, EV_TRANSPORT; others are ignored). */
void studio_snapshot_event(struct studio_snapshot *s, const struct event *ev,
	double now_sec);
/* Let hold marks fall when no events come (called every loop turn while playing). */
void studio_snapshot_tick(struct studio_snapshot *s, double now_sec);
/* Drop levels and holds to silence (on stop), keeping the clip latches. */
void studio_snapshot_silence(struct studio_snapshot *s);
/* Reset every clip latch; true when one was set. */
bool studio_snapshot_clear_clips(struct studio_snapshot *s);

#endif
