/* A locate must not freeze the position display when the engine's event ring
 * overflows: the event with the locate's exact frame can be among the dropped ones
 * (engine_events_dropped). The test plays the audio thread itself: it runs
 * engine_process_rt by hand on an engine with a tiny event ring. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <cmocka.h>

#include "src/project.h"
#include "src/base/xalloc.h"
#include "ui/app.h"

#define RATE 48000
#define EVENT_SLOTS 4

static struct ui_app *app_create(void)
{
	struct ui_app *app = xcalloc(1, sizeof *app);
	app->st = xcalloc(1, sizeof *app->st);
	app->st->voice = (struct studio_voice){ ui_say, app };
	app->st->project = project_new("/nonexistent", "t", RATE);
	app->st->engine = engine_create_sized(RATE, EVENT_SLOTS);
	studio_snapshot_init(&app->st->snap, 0);
	studio_undo_init(&app->st->undo);
	return app;
}

static void app_destroy(struct ui_app *app)
{
	studio_undo_deinit(&app->st->undo);
	studio_snapshot_deinit(&app->st->snap);
	engine_destroy(app->st->engine);
	project_free(app->st->project);
	free(app->st);
	free(app);
}

static double now_sec(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + ts.tv_nsec * 1e-9;
}

static void audio_period(struct ui_app *app)
{
	float out[2 * 64];
	engine_process_rt(app->st->engine, out, 64);
}

/* The ring is full of older positions when the locate is applied: its own event is
 * dropped. The engine's playhead shows the locate done, so the UI stops waiting. */
static void test_dropped_locate_event(void **state)
{
	(void)state;
	struct ui_app *app = app_create();
	for (int i = 1; i <= 2 * EVENT_SLOTS; i++)
		assert_int_equal(engine_send_simple(app->st->engine, CMD_LOCATE, 0, 0, false, i * 100),
			ERR_OK);
	audio_period(app); /* each locate posts an event: the ring overflows */
	const uint32_t dropped_before = engine_events_dropped(app->st->engine);
	assert_true(dropped_before > 0);

	ui_transport_locate(app, RATE);
	audio_period(app); /* applied; its event finds the ring still full */
	assert_true(engine_events_dropped(app->st->engine) > dropped_before);
	assert_int_equal(engine_playhead(app->st->engine), RATE);

	ui_transport_poll(app, now_sec()); /* the old positions, then nothing */
	assert_false(app->st->locate_pending);
	assert_int_equal(app->st->snap.playhead, RATE);
	/* and later events are believed again */
	ui_transport_locate(app, 2 * RATE);
	audio_period(app);
	ui_transport_poll(app, now_sec());
	assert_false(app->st->locate_pending);
	assert_int_equal(app->st->snap.playhead, 2 * RATE);
	app_destroy(app);
}

/* Nothing comes back at all (no audio thread ran): after a second the UI gives up
 * waiting rather than ignoring every event from then on. */
static void test_locate_times_out(void **state)
{
	(void)state;
	struct ui_app *app = app_create();
	ui_transport_locate(app, 5 * RATE);
	const double sent = app->st->locate_sec;
	ui_transport_poll(app, sent + 0.5);
	assert_true(app->st->locate_pending);
	ui_transport_poll(app, sent + 1.1);
	assert_false(app->st->locate_pending);
	assert_int_equal(app->st->snap.playhead, 5 * RATE);
	app_destroy(app);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_dropped_locate_event),
		cmocka_unit_test(test_locate_times_out),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
