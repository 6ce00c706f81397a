#include "src/studio/snapshot.h"

#include <math.h>
#include <stdlib.h>

#include "src/base/xalloc.h"

/* Fall-off rates in the range PPM and digital-console meters use: fast enough to
 * follow a mix, slow enough to read. */
#define LEVEL_FALL_DB_PER_SEC 24.0
#define HOLD_FALL_DB_PER_SEC 20.0
/* A change smaller than this cannot move a meter by one eighth of a cell. */
#define VISIBLE_DB 0.05

static double lin_to_db(float x)
{
	double db = x > 0 ? 20.0 * log10(x) : STUDIO_METER_FLOOR_DB;
	return db < STUDIO_METER_FLOOR_DB ? STUDIO_METER_FLOOR_DB : db;
}

void studio_snapshot_init(struct studio_snapshot *s, int n_tracks)
{
	s->n_strips = n_tracks + 1;
	s->strips = xcalloc((size_t)s->n_strips, sizeof *s->strips);
	s->playing = s->waiting = false;
	s->playhead = 0;
	studio_snapshot_silence(s);
	s->meters_changed = s->transport_changed = true;
}

void studio_snapshot_deinit(struct studio_snapshot *s)
{
	free(s->strips);
	s->strips = NULL;
	s->n_strips = 0;
}

struct studio_meter *studio_snapshot_meter(struct studio_snapshot *s, int strip)
{
	if (strip == STRIP_MASTER)
		return &s->strips[s->n_strips - 1];
	if (strip < 0 || strip >= s->n_strips - 1)
		return NULL;
	return &s->strips[strip];
}

/* Move *level toward target: up at once, down no faster than rate. */
static bool fall(double *level, double target, double rate, double dt)
{
	double next = target >= *level ? target : fmax(target, *level - rate * dt);
	bool moved = fabs(next - *level) >= VISIBLE_DB;
	*level = next;
	return moved;
}

static bool hold_step(struct studio_meter *m, int c, double peak_db, double now,
	double dt)
{
	double before = m->hold_db[c];
	if (peak_db >= m->hold_db[c]) {
		m->hold_db[c] = peak_db;
		m->hold_until[c] = now + STUDIO_PEAK_HOLD_SEC;
	} else if (now > m->hold_until[c]) {
		m->hold_db[c] = fmax(peak_db, m->hold_db[c] - HOLD_FALL_DB_PER_SEC * dt);
	}
	return fabs(m->hold_db[c] - before) >= VISIBLE_DB;
}

static void meter_event(struct studio_snapshot *s, const struct event *ev, double now)
{
	struct studio_meter *m = studio_snapshot_meter(s, ev->strip);
	if (!m)
		return;
	double dt = m->last_sec > 0 ? now - m->last_sec : 0;
	m->last_sec = now;
	bool changed = false;
	for (int c = 0; c < 2; c++) {
		double peak_db = lin_to_db(ev->peak[c]);
		changed |= fall(&m->peak_db[c], peak_db, LEVEL_FALL_DB_PER_SEC, dt);
		changed |= fall(&m->rms_db[c], lin_to_db(ev->rms[c]), LEVEL_FALL_DB_PER_SEC, dt);
		changed |= hold_step(m, c, peak_db, now, dt);
		if (ev->peak[c] >= 1.0f && !m->clip) {
			m->clip = true;
			changed = true;
		}
	}
	s->meters_changed |= changed;
}

void studio_snapshot_event(struct studio_snapshot *s, const struct event *ev,
	double now_sec)
{
	switch (ev->type) {
	case EV_METER:
		if (ev->strip == STRIP_MASTER)
			for (int ch = 0; ch < 2; ch++)
				if (ev->peak[ch] > s->master_peak[ch])
					s->master_peak[ch] = ev->peak[ch];
		meter_event(s, ev, now_sec);
		break;
	case EV_TRANSPORT:
		if (ev->playing != s->playing || ev->waiting != s->waiting)
			s->transport_changed = true;
		if (s->playing && !ev->playing)
			studio_snapshot_silence(s);
		s->playing = ev->playing;
		s->waiting = ev->waiting;
		s->playhead = ev->frame;
		break;
	default:
		break;
	}
}

void studio_snapshot_tick(struct studio_snapshot *s, double now_sec)
{
	if (!s->playing)
		return;
	for (int i = 0; i < s->n_strips; i++) {
		struct studio_meter *m = &s->strips[i];
		double dt = m->last_sec > 0 ? now_sec - m->last_sec : 0;
		if (dt < 0.1)
			continue; /* events are flowing; meter_event does the falling */
		/* no events for this strip (the engine is waiting for the disk): fall anyway */
		m->last_sec = now_sec;
		for (int c = 0; c < 2; c++) {
			bool moved = fall(&m->peak_db[c], STUDIO_METER_FLOOR_DB, LEVEL_FALL_DB_PER_SEC, dt);
			moved |= fall(&m->rms_db[c], STUDIO_METER_FLOOR_DB, LEVEL_FALL_DB_PER_SEC, dt);
			moved |= hold_step(m, c, m->peak_db[c], now_sec, dt);
			s->meters_changed |= moved;
		}
	}
}

void studio_snapshot_silence(struct studio_snapshot *s)
{
	for (int i = 0; i < s->n_strips; i++) {
		struct studio_meter *m = &s->strips[i];
		for (int c = 0; c < 2; c++) {
			m->peak_db[c] = m->rms_db[c] = m->hold_db[c] = STUDIO_METER_FLOOR_DB;
			m->hold_until[c] = 0;
		}
		m->last_sec = 0;
	}
	s->meters_changed = true;
}

bool studio_snapshot_clear_clips(struct studio_snapshot *s)
{
	bool any = false;
	for (int i = 0; i < s->n_strips; i++) {
		any |= s->strips[i].clip;
		s->strips[i].clip = false;
	}
	s->meters_changed |= any;
	return any;
}
