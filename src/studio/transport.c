/* The UI's side of the transport and of the engine's event stream, and of the output
 * device: noticing that it went away, and opening another (:device). */
#include <string.h>
#include <time.h>

#include "audio/driver_jack.h"
#include "audio/engine.h"
#include "audio/graph.h"
#include "audio/media.h"
#include "src/studio/studio.h"
#include "src/base/clock.h"

/* A locate waits for the engine's event with its exact frame; events can be dropped
 * (a full event ring), so after this long the UI trusts the events again anyway. */
#define LOCATE_PATIENCE_SEC 1.0

bool studio_send(struct studio *st, enum cmd_type type, int strip, double value, bool on,
	int64_t frame)
{
	struct cmd c = { .type = type, .strip = strip, .value = value, .on = on,
		.frame = frame };
	return studio_send_cmd(st, &c);
}

bool studio_send_cmd(struct studio *st, const struct cmd *cmd)
{
	const struct cmd c = *cmd;
	/* the audio thread drains the ring every period (a few ms); a full ring means a
	 * burst of keys, so give it up to about 200 ms before dropping the command */
	for (int tries = 0; tries < 200; tries++) {
		if (engine_send(st->engine, &c) == ERR_OK)
			return true;
		struct timespec ts = { 0, 1000 * 1000 };
		nanosleep(&ts, NULL);
	}
	studio_error(st, "the audio engine is not taking commands; the last change may not be "
		"heard");
	return false;
}

static bool looping(const struct studio *st)
{
	const struct project *p = st->project;
	return p->loop_enabled && p->loop_end > p->loop_start;
}

/* With :transport jack, tell JACK's transport what ttymix's did: play, stop, or a
 * locate to frame (what JACK says next is then not a change of its own to follow). */
static void jack_drive(struct studio *st, enum studio_jack_op op, int64_t frame)
{
	if (!st->jack_transport || st->jt_following || !driver_jack_live(st->driver))
		return;
	/* what JACK will say next is what we asked: not a change of its own to follow */
	switch (op) {
	case STUDIO_JACK_PLAY:
		driver_jack_transport_locate(st->driver, frame);
		driver_jack_transport_start(st->driver);
		st->jt_rolling = true;
		break;
	case STUDIO_JACK_STOP:
		driver_jack_transport_stop(st->driver);
		st->jt_rolling = false;
		frame = st->snap.playhead;
		break;
	case STUDIO_JACK_LOCATE:
		driver_jack_transport_locate(st->driver, frame);
		break;
	}
	st->jt_frame = frame;
	st->jt_sec = clock_now_sec();
}

void studio_transport_play(struct studio *st)
{
	/* at the end of the song, play means "play it again" */
	if (!looping(st) && st->end_frame > 0 && !st->locate_pending && !st->recording
		&& st->snap.playhead >= st->end_frame)
		studio_transport_locate(st, 0);
	const int64_t from = st->locate_pending ? st->locate_target : st->snap.playhead;
	if (studio_send(st, CMD_PLAY, 0, 0, false, 0)) {
		if (!st->play_wanted)
			st->play_from = from;
		st->play_wanted = true;
		jack_drive(st, STUDIO_JACK_PLAY, from);
	}
}

void studio_transport_stop(struct studio *st)
{
	if (studio_send(st, CMD_STOP, 0, 0, false, 0)) {
		st->play_wanted = false;
		jack_drive(st, STUDIO_JACK_STOP, 0);
	}
}

void studio_transport_locate(struct studio *st, int64_t frame)
{
	if (frame < 0)
		frame = 0;
	if (!studio_send(st, CMD_LOCATE, 0, 0, false, frame))
		return;
	/* show the new position at once; events already queued still carry the old one
	 * and are ignored until the engine reports this locate (it posts the exact frame) */
	st->locate_pending = true;
	st->locate_target = frame;
	st->locate_sec = clock_now_sec();
	st->locate_dropped = engine_events_dropped(st->engine);
	st->snap.playhead = frame;
	st->snap.transport_changed = true;
	jack_drive(st, STUDIO_JACK_LOCATE, frame);
}

/* Why a clip went offline: the disk thread wrote it into the graph before it pushed
 * the event (release/acquire). A graph swapped in since may not have the clip. */
static const char *offline_cause(const struct studio *st, const struct event *ev)
{
	const struct graph *g = st->graph;
	if (!g || ev->strip < 0 || ev->strip >= g->n_tracks || ev->clip < 0
		|| ev->clip >= g->tracks[ev->strip].n_clips)
		return "its file failed";
	const char *cause = g->tracks[ev->strip].clips[ev->clip].error.text;
	return cause[0] ? cause : "its file failed";
}

static void take_event(struct studio *st, const struct event *ev, double now_sec)
{
	switch (ev->type) {
	case EV_TRANSPORT:
		if (st->locate_pending) {
			if (ev->frame != st->locate_target) {
				struct event kept = *ev;
				kept.frame = st->locate_target;
				studio_snapshot_event(&st->snap, &kept, now_sec);
				return;
			}
			st->locate_pending = false;
		}
		studio_snapshot_event(&st->snap, ev, now_sec);
		break;
	case EV_UNDERRUN:
		studio_error(st, "%s: the disk did not keep up (%u times); try a larger --buffer",
			studio_strip_name(st, ev->strip), ev->count);
		break;
	case EV_CLIP_OFFLINE:
		studio_error(st, "track %d (%s): %s; clip %d is offline now (silence)",
			ev->strip + 1, studio_strip_name(st, ev->strip), offline_cause(st, ev),
			ev->clip + 1);
		break;
	default:
		studio_snapshot_event(&st->snap, ev, now_sec);
		break;
	}
}

/* Open the null driver for the engine (after the output went away, or when the
 * asked-for one would not open). Called with the terminate signals blocked. */
static bool open_null(struct studio *st, struct err_msg *msg)
{
	struct driver_config cfg = { .kind = DRIVER_NULL,
		.sample_rate = engine_sample_rate(st->engine), .monitor = st->monitor,
		.tap = studio_stream_tap(st) };
	if (driver_open(&st->driver, st->engine, &cfg, NULL, msg) != ERR_OK)
		return false;
	if (driver_start(st->driver, msg) == ERR_OK)
		return true;
	driver_close(st->driver);
	st->driver = NULL;
	return false;
}

/* The device went away (unplugged, server died): stop the transport, keep the
 * session alive on the null driver so that editing, meters and saving go on, and say
 * so plainly. */
static void device_lost(struct studio *st, bool stalled)
{
	/* a stalled PortAudio output (its JACK server died) cannot be stopped or closed
	 * without waiting minutes for the dead server: the driver layer keeps it, and the
	 * next :device opens on a fresh copy of PortAudio that sees a new server */
	if (stalled) {
		driver_abandon(st->driver);
		studio_stream_renew_tap(st); /* its last callback may still be writing there */
	} else
		driver_close(st->driver);
	st->driver = NULL;
	driver_watch_reset(&st->out_watch);
	struct err_msg msg;
	sigset_t mask;
	studio_signals_block(&mask);
	bool silent = open_null(st, &msg);
	studio_signals_restore(&mask);
	if (st->play_wanted || st->snap.playing)
		studio_transport_stop(st);
	if (!silent) {
		studio_error(st, "audio output lost, and the silent driver failed too (%s); the "
			"project is intact: save it", msg.text);
		return;
	}
	/* unplugged, or the JACK server died; what matters fits in 80 columns */
	studio_error(st,
		"audio output lost: playback stopped, project intact; :device NAME|null "
		"reopens");
}

bool studio_transport_reopen(struct studio *st, const struct driver_config *want,
	bool stream)
{
	struct driver_config cfg = *want;
	cfg.sample_rate = engine_sample_rate(st->engine);
	cfg.monitor = st->monitor;
	/* one audio thread at a time: the old output goes before the new one opens */
	driver_close(st->driver);
	st->driver = NULL;
	driver_watch_reset(&st->out_watch);
	/* the stream outlives drivers: started or stopped only with none holding its tap */
	struct err_msg why, msg, null_msg;
	sigset_t mask;
	studio_signals_block(&mask); /* the stream's threads too leave signals to us */
	bool stream_failed = false;
	if (!stream)
		studio_stream_close(st);
	else
		stream_failed = !studio_stream_open(st);
	cfg.tap = studio_stream_tap(st);
	enum err rc = driver_open(&st->driver, st->engine, &cfg, &why, &msg);
	if (rc == ERR_OK && (rc = driver_start(st->driver, &msg)) != ERR_OK) {
		driver_close(st->driver);
		st->driver = NULL;
	}
	bool silent = rc == ERR_OK || open_null(st, &null_msg);
	studio_signals_restore(&mask);
	if (rc == ERR_OK && stream_failed) {
		studio_error(st, "%s; output: %s", st->stream_error.text, st->driver->description);
		return false;
	}
	if (rc == ERR_OK && why.text[0]) {
		studio_error(st, "%s: %s", why.text, st->stream ? "heard on the stream only"
			: "playing silently");
		return false;
	}
	if (rc == ERR_OK) {
		char where[600];
		if (!studio_stream_where(st, where, sizeof where))
			studio_message(st, "output: %s", st->driver->description);
		else if (st->driver->ops == &driver_null_ops)
			studio_message(st, "output: the stream: %s", where);
		else
			studio_message(st, "output: %s, and the stream: %s", st->driver->description,
				where);
		return true;
	}
	if (!silent)
		studio_error(st, "%s; the silent driver failed too (%s)", msg.text, null_msg.text);
	else
		studio_error(st, "%s: playing silently", msg.text);
	return false;
}

/* Events can be dropped when the ring is full (engine_events_dropped), the locate's
 * exact frame among them. After a drop, the engine's own playhead tells when the
 * locate is done (at the target, or just past it if playing); after a second, the UI
 * stops waiting whatever happened. */
static bool locate_settled(const struct studio *st, double now_sec)
{
	const double waited = now_sec - st->locate_sec;
	if (waited >= LOCATE_PATIENCE_SEC)
		return true;
	if (engine_events_dropped(st->engine) == st->locate_dropped)
		return false;
	const int64_t at = engine_playhead(st->engine);
	const int64_t slack = (int64_t)((waited + 0.1) * engine_sample_rate(st->engine));
	return at >= st->locate_target && at <= st->locate_target + slack;
}

void studio_transport_poll(struct studio *st, double now_sec)
{
	struct event ev;
	while (engine_poll_event(st->engine, &ev))
		take_event(st, &ev, now_sec);
	studio_stream_poll(st);
	/* a file whose NaN, infinite or absurd samples a reader silenced (the disk
	 * thread, the waveform worker, a bounce): said once per file */
	char bad_path[1024];
	int64_t bad;
	if (media_take_bad_samples(bad_path, sizeof bad_path, &bad)) {
		size_t dir_len = st->project->dir ? strlen(st->project->dir) : 0;
		const char *shown = dir_len && !strncmp(bad_path, st->project->dir, dir_len)
			&& bad_path[dir_len] == '/' ? bad_path + dir_len + 1 : bad_path;
		studio_error(st, "%s: %lld samples not finite or beyond %s%g so far, played as "
			"silence", shown, (long long)bad, st->utf8 ? "\u00b1" : "+-",
			(double)MEDIA_SAMPLE_LIMIT);
	}
	if (st->locate_pending && locate_settled(st, now_sec)) {
		st->locate_pending = false;
		st->snap.transport_changed = true;
	}
	studio_snapshot_tick(&st->snap, now_sec);
	engine_collect_garbage(st->engine);
	if (st->driver && st->driver->failed)
		device_lost(st, false);
	else if (driver_stalled(st->driver, &st->out_watch, now_sec))
		device_lost(st, true);
	if (st->play_wanted && st->snap.playing && !st->locate_pending && !looping(st)
		&& !st->recording && st->end_frame > 0 && st->snap.playhead >= st->end_frame)
		studio_transport_stop(st);
}

bool studio_resting(const struct studio *st)
{
	return st->engine && engine_resting(st->engine) && !st->render && !st->album
		&& !st->autosave_job;
}
