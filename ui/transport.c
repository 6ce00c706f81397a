/* The UI's side of the transport and of the engine's event stream, and of the output
 * device: noticing that it went away, and opening another (:device). */
#include <string.h>
#include <time.h>

#include "audio/media.h"
#include "ui/app.h"
#include "ui/draw.h"

/* A locate waits for the engine's event with its exact frame; events can be dropped
 * (a full event ring), so after this long the UI trusts the events again anyway. */
#define LOCATE_PATIENCE_SEC 1.0

static double monotonic_sec(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + ts.tv_nsec * 1e-9;
}

bool ui_send(struct ui_app *app, enum cmd_type type, int strip, double value, bool on,
	int64_t frame)
{
	struct cmd c = { .type = type, .strip = strip, .value = value, .on = on,
		.frame = frame };
	return ui_send_cmd(app, &c);
}

bool ui_send_cmd(struct ui_app *app, const struct cmd *cmd)
{
	const struct cmd c = *cmd;
	/* the audio thread drains the ring every period (a few ms); a full ring means a
	 * burst of keys, so give it up to about 200 ms before dropping the command */
	for (int tries = 0; tries < 200; tries++) {
		if (engine_send(app->st->engine, &c) == ERR_OK)
			return true;
		struct timespec ts = { 0, 1000 * 1000 };
		nanosleep(&ts, NULL);
	}
	ui_error(app, "the audio engine is not taking commands; the last change may not be "
		"heard");
	return false;
}

static bool looping(const struct ui_app *app)
{
	const struct project *p = app->st->project;
	return p->loop_enabled && p->loop_end > p->loop_start;
}

void ui_transport_play(struct ui_app *app)
{
	/* at the end of the song, play means "play it again" */
	if (!looping(app) && app->st->end_frame > 0 && !app->st->locate_pending
		&& app->st->snap.playhead >= app->st->end_frame)
		ui_transport_locate(app, 0);
	const int64_t from = app->st->locate_pending ? app->st->locate_target : app->st->snap.playhead;
	if (ui_send(app, CMD_PLAY, 0, 0, false, 0)) {
		if (!app->st->play_wanted)
			app->st->play_from = from;
		app->st->play_wanted = true;
	}
}

void ui_transport_stop(struct ui_app *app)
{
	if (ui_send(app, CMD_STOP, 0, 0, false, 0))
		app->st->play_wanted = false;
}

void ui_transport_locate(struct ui_app *app, int64_t frame)
{
	if (frame < 0)
		frame = 0;
	if (!ui_send(app, CMD_LOCATE, 0, 0, false, frame))
		return;
	/* show the new position at once; events already queued still carry the old one
	 * and are ignored until the engine reports this locate (it posts the exact frame) */
	app->st->locate_pending = true;
	app->st->locate_target = frame;
	app->st->locate_sec = monotonic_sec();
	app->st->locate_dropped = engine_events_dropped(app->st->engine);
	app->st->snap.playhead = frame;
	app->st->snap.transport_changed = true;
}

static void take_event(struct ui_app *app, const struct event *ev, double now_sec)
{
	switch (ev->type) {
	case EV_TRANSPORT:
		if (app->st->locate_pending) {
			if (ev->frame != app->st->locate_target) {
				struct event kept = *ev;
				kept.frame = app->st->locate_target;
				studio_snapshot_event(&app->st->snap, &kept, now_sec);
				return;
			}
			app->st->locate_pending = false;
		}
		studio_snapshot_event(&app->st->snap, ev, now_sec);
		break;
	case EV_UNDERRUN:
		ui_error(app, "%s: the disk did not keep up (%u times); try a larger --buffer",
			ui_strip_name(app, ev->strip), ev->count);
		break;
	case EV_CLIP_OFFLINE:
		ui_error(app, "%s: clip %d's file failed while playing; it is silent now",
			ui_strip_name(app, ev->strip), ev->clip + 1);
		break;
	default:
		studio_snapshot_event(&app->st->snap, ev, now_sec);
		break;
	}
}

/* Open the null driver for the engine (after the output went away, or when the
 * asked-for one would not open). Called with the terminate signals blocked. */
static bool open_null(struct ui_app *app, struct err_msg *msg)
{
	struct driver_config cfg = { .kind = DRIVER_NULL,
		.sample_rate = engine_sample_rate(app->st->engine), .monitor = app->st->monitor };
	if (driver_open(&app->st->driver, app->st->engine, &cfg, NULL, msg) != ERR_OK)
		return false;
	if (driver_start(app->st->driver, msg) == ERR_OK)
		return true;
	driver_close(app->st->driver);
	app->st->driver = NULL;
	return false;
}

/* The device went away (unplugged, server died): stop the transport, keep the
 * session alive on the null driver so that editing, meters and saving go on, and say
 * so plainly. */
static void device_lost(struct ui_app *app, bool stalled)
{
	/* a stalled PortAudio output (its JACK server died) cannot be stopped or closed
	 * without waiting minutes for the dead server: the driver layer keeps it, and the
	 * next :device opens on a fresh copy of PortAudio that sees a new server */
	if (stalled)
		driver_abandon(app->st->driver);
	else
		driver_close(app->st->driver);
	app->st->driver = NULL;
	driver_watch_reset(&app->st->out_watch);
	struct err_msg msg;
	sigset_t mask;
	ui_signals_block(&mask);
	bool silent = open_null(app, &msg);
	ui_signals_restore(&mask);
	if (app->st->play_wanted || app->st->snap.playing)
		ui_transport_stop(app);
	if (!silent) {
		ui_error(app, "audio output lost, and the silent driver failed too (%s); the "
			"project is intact: save it", msg.text);
		return;
	}
	/* unplugged, or the JACK server died; what matters fits in 80 columns */
	ui_error(app, "audio output lost: playback stopped, project intact; :device NAME|null "
		"reopens");
}

bool ui_transport_reopen(struct ui_app *app, const struct driver_config *want)
{
	struct driver_config cfg = *want;
	cfg.sample_rate = engine_sample_rate(app->st->engine);
	cfg.monitor = app->st->monitor;
	/* one audio thread at a time: the old output goes before the new one opens */
	driver_close(app->st->driver);
	app->st->driver = NULL;
	driver_watch_reset(&app->st->out_watch);
	struct err_msg why, msg, null_msg;
	sigset_t mask;
	ui_signals_block(&mask);
	enum err rc = driver_open(&app->st->driver, app->st->engine, &cfg, &why, &msg);
	if (rc == ERR_OK && (rc = driver_start(app->st->driver, &msg)) != ERR_OK) {
		driver_close(app->st->driver);
		app->st->driver = NULL;
	}
	bool silent = rc == ERR_OK || open_null(app, &null_msg);
	ui_signals_restore(&mask);
	if (rc == ERR_OK && why.text[0]) {
		ui_error(app, "%s: playing silently", why.text);
		return false;
	}
	if (rc == ERR_OK) {
		ui_message(app, "output: %s", app->st->driver->description);
		return true;
	}
	if (!silent)
		ui_error(app, "%s; the silent driver failed too (%s)", msg.text, null_msg.text);
	else
		ui_error(app, "%s: playing silently", msg.text);
	return false;
}

/* Events can be dropped when the ring is full (engine_events_dropped), the locate's
 * exact frame among them. After a drop, the engine's own playhead tells when the
 * locate is done (at the target, or just past it if playing); after a second, the UI
 * stops waiting whatever happened. */
static bool locate_settled(const struct ui_app *app, double now_sec)
{
	const double waited = now_sec - app->st->locate_sec;
	if (waited >= LOCATE_PATIENCE_SEC)
		return true;
	if (engine_events_dropped(app->st->engine) == app->st->locate_dropped)
		return false;
	const int64_t at = engine_playhead(app->st->engine);
	const int64_t slack = (int64_t)((waited + 0.1) * engine_sample_rate(app->st->engine));
	return at >= app->st->locate_target && at <= app->st->locate_target + slack;
}

void ui_transport_poll(struct ui_app *app, double now_sec)
{
	struct event ev;
	while (engine_poll_event(app->st->engine, &ev))
		take_event(app, &ev, now_sec);
	/* a file whose NaN, infinite or absurd samples a reader silenced (the disk
	 * thread, the waveform worker, a bounce): said once per file */
	char bad_path[1024];
	int64_t bad;
	if (media_take_bad_samples(bad_path, sizeof bad_path, &bad)) {
		size_t dir_len = app->st->project->dir ? strlen(app->st->project->dir) : 0;
		const char *shown = dir_len && !strncmp(bad_path, app->st->project->dir, dir_len)
			&& bad_path[dir_len] == '/' ? bad_path + dir_len + 1 : bad_path;
		ui_error(app, "%s: %lld samples not finite or beyond %s%g so far, played as "
			"silence", shown, (long long)bad, ui_draw_utf8() ? "\u00b1" : "+-",
			(double)MEDIA_SAMPLE_LIMIT);
	}
	if (app->st->locate_pending && locate_settled(app, now_sec)) {
		app->st->locate_pending = false;
		app->st->snap.transport_changed = true;
	}
	studio_snapshot_tick(&app->st->snap, now_sec);
	engine_collect_garbage(app->st->engine);
	if (app->st->driver && app->st->driver->failed)
		device_lost(app, false);
	else if (driver_stalled(app->st->driver, &app->st->out_watch, now_sec))
		device_lost(app, true);
	if (app->st->play_wanted && app->st->snap.playing && !app->st->locate_pending && !looping(app)
		&& app->st->end_frame > 0 && app->st->snap.playhead >= app->st->end_frame)
		ui_transport_stop(app);
}
