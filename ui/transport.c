/* The UI's side of the transport and of the engine's event stream. */
#include <time.h>

#include "ui/app.h"

bool ui_send(struct ui_app *app, enum cmd_type type, int strip, double value, bool on,
	int64_t frame)
{
	struct cmd c = { .type = type, .strip = strip, .value = value, .on = on,
		.frame = frame };
	/* the audio thread drains the ring every period (a few ms); a full ring means a
	 * burst of keys, so give it up to about 200 ms before dropping the command */
	for (int tries = 0; tries < 200; tries++) {
		if (engine_send(app->engine, &c) == ERR_OK)
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
	const struct project *p = app->project;
	return p->loop_enabled && p->loop_end > p->loop_start;
}

void ui_transport_play(struct ui_app *app)
{
	/* at the end of the song, play means "play it again" */
	if (!looping(app) && app->end_frame > 0 && !app->locate_pending
		&& app->snap.playhead >= app->end_frame)
		ui_transport_locate(app, 0);
	if (ui_send(app, CMD_PLAY, 0, 0, false, 0))
		app->play_wanted = true;
}

void ui_transport_stop(struct ui_app *app)
{
	if (ui_send(app, CMD_STOP, 0, 0, false, 0))
		app->play_wanted = false;
}

void ui_transport_locate(struct ui_app *app, int64_t frame)
{
	if (frame < 0)
		frame = 0;
	if (!ui_send(app, CMD_LOCATE, 0, 0, false, frame))
		return;
	/* show the new position at once; events already queued still carry the old one
	 * and are ignored until the engine reports this locate (it posts the exact frame) */
	app->locate_pending = true;
	app->locate_target = frame;
	app->snap.playhead = frame;
	app->snap.transport_changed = true;
}

static void take_event(struct ui_app *app, const struct event *ev, double now_sec)
{
	switch (ev->type) {
	case EV_TRANSPORT:
		if (app->locate_pending) {
			if (ev->frame != app->locate_target) {
				struct event kept = *ev;
				kept.frame = app->locate_target;
				ui_snapshot_event(&app->snap, &kept, now_sec);
				return;
			}
			app->locate_pending = false;
		}
		ui_snapshot_event(&app->snap, ev, now_sec);
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
		ui_snapshot_event(&app->snap, ev, now_sec);
		break;
	}
}

/* The device went away (unplugged, server died): keep the session alive on the null
 * driver so that nothing is lost, and say so. */
static void fall_back_to_null(struct ui_app *app)
{
	struct err_msg msg;
	struct driver_config cfg = { .kind = DRIVER_NULL,
		.sample_rate = engine_sample_rate(app->engine) };
	driver_close(app->driver);
	app->driver = NULL;
	if (driver_open(&app->driver, app->engine, &cfg, NULL, &msg) != ERR_OK
		|| driver_start(app->driver, &msg) != ERR_OK) {
		ui_error(app, "the audio device stopped, and so did the silent driver: %s",
			msg.text);
		return;
	}
	ui_error(app, "the audio device stopped; carrying on silently");
}

void ui_transport_poll(struct ui_app *app, double now_sec)
{
	struct event ev;
	while (engine_poll_event(app->engine, &ev))
		take_event(app, &ev, now_sec);
	ui_snapshot_tick(&app->snap, now_sec);
	engine_collect_garbage(app->engine);
	if (app->driver && app->driver->failed)
		fall_back_to_null(app);
	if (app->play_wanted && app->snap.playing && !app->locate_pending && !looping(app)
		&& app->end_frame > 0 && app->snap.playhead >= app->end_frame)
		ui_transport_stop(app);
}
