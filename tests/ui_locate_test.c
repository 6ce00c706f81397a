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
#include "src/studio/studio.h"

#define RATE 48000
#define EVENT_SLOTS 4

static struct studio *app_create(void)
{
	struct studio *st = xcalloc(1, sizeof *st);
	st->project = project_new("/nonexistent", "t", RATE);
	st->engine = engine_create_sized(RATE, EVENT_SLOTS);
	studio_snapshot_init(&st->snap, 0);
	studio_undo_init(&st->undo);
	return st;
}

static void app_destroy(struct studio *st)
{
	studio_undo_deinit(&st->undo);
	studio_snapshot_deinit(&st->snap);
	engine_destroy(st->engine);
	project_free(st->project);
	free(st);
}

static double now_sec(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + ts.tv_nsec * 1e-9;
}

static void audio_period(struct studio *st)
{
	float out[2 * 64];
	engine_process_rt(st->engine, out, 64);
}

/* The ring is full of older positions when the locate is applied: its own event is
 * dropped. The engine's playhead shows the locate done, so the UI stops waiting. */
static void test_dropped_locate_event(void **state)
{
	(void)state;
	struct studio *st = app_create();
	for (int i = 1; i <= 2 * EVENT_SLOTS; i++)
		assert_int_equal(engine_send_simple(st->engine, CMD_LOCATE, 0, 0, false, i * 100),
			ERR_OK);
	audio_period(st); /* each locate posts an event: the ring overflows */
	const uint32_t dropped_before = engine_events_dropped(st->engine);
	assert_true(dropped_before > 0);

	studio_transport_locate(st, RATE);
	audio_period(st); /* applied; its event finds the ring still full */
	assert_true(engine_events_dropped(st->engine) > dropped_before);
	assert_int_equal(engine_playhead(st->engine), RATE);

	studio_transport_poll(st, now_sec()); /* the old positions, then nothing */
	assert_false(st->locate_pending);
	assert_int_equal(st->snap.playhead, RATE);
	/* and later events are believed again */
	studio_transport_locate(st, 2 * RATE);
	audio_period(st);
	studio_transport_poll(st, now_sec());
	assert_false(st->locate_pending);
	assert_int_equal(st->snap.playhead, 2 * RATE);
	app_destroy(st);
}

/* Nothing comes back at all (no audio thread ran): after a second the UI gives up
 * waiting rather than ignoring every event from then on. */
static void test_locate_times_out(void **state)
{
	(void)state;
	struct studio *st = app_create();
	studio_transport_locate(st, 5 * RATE);
	const double sent = st->locate_sec;
	studio_transport_poll(st, sent + 0.5);
	assert_true(st->locate_pending);
	studio_transport_poll(st, sent + 1.1);
	assert_false(st->locate_pending);
	assert_int_equal(st->snap.playhead, 5 * RATE);
	app_destroy(st);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_dropped_locate_event),
		cmocka_unit_test(test_locate_times_out),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
