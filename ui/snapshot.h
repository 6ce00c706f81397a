/* What the UI shows of the audio side, copied from engine events once per loop turn
 * (cmus style: pages read only this copy). Meter ballistics live here so that every
 * page that shows a meter agrees: fall-off, peak hold and the clip latch. UI thread
 * only. */
#ifndef TTYMIX_UI_SNAPSHOT_H
#define TTYMIX_UI_SNAPSHOT_H

#include <stdbool.h>
#include <stdint.h>

#include "audio/cmd.h"

/* The quietest level a meter shows; anything below reads as silence. */
#define UI_METER_FLOOR_DB (-60.0)
/* How long a peak-hold mark stays before it starts to fall. */
#define UI_PEAK_HOLD_SEC 1.5

struct ui_strip_meter {
	double peak_db[2], rms_db[2];  /* displayed levels, with fall-off */
	double hold_db[2];             /* peak-hold mark */
	double hold_until[2];          /* monotonic time the hold starts to fall */
	double last_sec;               /* when the last event arrived (fall-off step) */
	bool clip;                     /* a sample reached full scale; stays until cleared */
};

struct ui_snapshot {
	struct ui_strip_meter *strips; /* tracks, buses, then the master */
	int n_strips;
	bool playing, waiting;
	int64_t playhead;              /* frames */
	bool meters_changed;           /* since the pages last drew */
	bool transport_changed;
};

/* n_strips: tracks and buses; the master comes after them. */
void ui_snapshot_init(struct ui_snapshot *s, int n_strips);
void ui_snapshot_deinit(struct ui_snapshot *s);
/* The meter of a strip (track or bus) or of STRIP_MASTER; NULL for anything else. */
struct ui_strip_meter *ui_snapshot_meter(struct ui_snapshot *s, int strip);
/* Take one engine event (EV_METER, EV_TRANSPORT; others are ignored). */
void ui_snapshot_event(struct ui_snapshot *s, const struct event *ev, double now_sec);
/* Let hold marks fall when no events come (called every loop turn while playing). */
void ui_snapshot_tick(struct ui_snapshot *s, double now_sec);
/* Drop levels and holds to silence (on stop), keeping the clip latches. */
void ui_snapshot_silence(struct ui_snapshot *s);
/* Reset every clip latch; true when one was set. */
bool ui_snapshot_clear_clips(struct ui_snapshot *s);

#endif
