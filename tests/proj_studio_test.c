/* The project slice of issue 18 in the session: `:marker add NAME [TIME]` puts a
 * marker at a time as :locate reads it, in one undo step; the delivery target page 3
 * measures against is kept in the project (and so in project.json), one undo step too.
 * A session without terminal or audio thread, driven through its command lines. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "src/project.h"
#include "src/base/diag.h"
#include "src/base/xalloc.h"
#include "src/studio/commands.h"
#include "src/studio/edit.h"
#include "src/studio/snapshot.h"
#include "src/studio/undo.h"

#define RATE 48000

static struct studio *session(void)
{
	struct studio *st = xcalloc(1, sizeof *st);
	st->project = project_new("/nonexistent", "t", RATE);
	struct project_clip *c = project_add_clip(project_add_track(st->project, "gtr"),
		"audio/none.wav", 0.3);
	c->length = 0.1; /* set: no file is read */
	st->engine = engine_create(RATE);
	st->end_frame = 60 * RATE;
	studio_undo_init(&st->undo);
	studio_undo_mark_saved(&st->undo);
	return st;
}

static void session_free(struct studio *st)
{
	studio_edit_deinit(st);
	studio_undo_deinit(&st->undo);
	studio_snapshot_deinit(&st->snap);
	engine_destroy(st->engine);
	project_free(st->project);
	free(st);
}

static struct studio_sel sel;

static void line(struct studio *st, const char *text, bool error)
{
	st->said_text[0] = '\0';
	st->said_error = false;
	studio_line_exec(st, &sel, text);
	if (st->said_error != error)
		fail_msg("\"%s\": %s \"%s\"", text, error ? "no error, said" : "error", st->said_text);
}

/* The time of the marker called name; -1 when there is none. */
static double marker_time(const struct project *p, const char *name)
{
	for (int i = 0; i < p->n_markers; i++)
		if (!strcmp(p->markers[i].name, name))
			return p->markers[i].time;
	return -1;
}

static void marker_add_at_a_time(void **state)
{
	(void)state;
	struct studio *st = session();
	#define p st->project /* an undo puts back a whole project */
	line(st, "marker add Intro", false);
	assert_int_equal(p->n_markers, 1);
	assert_float_equal(marker_time(p, "Intro"), 0, 1e-9);
	line(st, "marker add Chorus 1:05", false);
	assert_string_equal(st->said_text, "marker \"Chorus\" at 65.000 s");
	line(st, "marker add Middle eight 12.5", false);
	assert_float_equal(marker_time(p, "Middle eight"), 12.5, 1e-9);
	/* a bar, on the map: 120 bpm 4/4, bar 3 is 4 s in */
	line(st, "marker add Verse b3", false);
	assert_float_equal(marker_time(p, "Verse"), 4, 1e-9);
	/* a quoted name ending in a number is a name; one word alone is a name too */
	line(st, "marker add \"Verse 2\"", false);
	assert_float_equal(marker_time(p, "Verse 2"), 0, 1e-9);
	line(st, "marker add 30", false);
	assert_float_equal(marker_time(p, "30"), 0, 1e-9);
	/* no TIME is the playhead */
	line(st, "locate 20", false);
	line(st, "marker add Solo", false);
	assert_float_equal(marker_time(p, "Solo"), 20, 1e-9);
	assert_int_equal(p->n_markers, 7);
	/* in time order, the names kept whole */
	for (int i = 1; i < p->n_markers; i++)
		assert_true(p->markers[i - 1].time <= p->markers[i].time);
	/* a last word that is no time (past the longest song) is part of the name */
	line(st, "marker add Far 99999999", false);
	assert_float_equal(marker_time(p, "Far 99999999"), 20, 1e-9);
	line(st, "undo", false);
	/* each one undo step */
	for (int n = 7; n > 2; n--) {
		line(st, "undo", false);
		assert_int_equal(p->n_markers, n - 1);
	}
	assert_float_equal(marker_time(p, "Chorus"), 65, 1e-9);
	assert_float_equal(marker_time(p, "Verse"), -1, 1e-9);
	line(st, "redo", false);
	assert_float_equal(marker_time(p, "Middle eight"), 12.5, 1e-9);
	#undef p
	session_free(st);
}

/* text read as a project.json: ERR_OK and *out, or the first error in why. */
static enum err read_json(const char *text, struct project **out, char *why, size_t size)
{
	struct diag d;
	diag_init(&d);
	enum err e = project_from_json(text, "/nowhere", "/nowhere/project.json", out, &d);
	snprintf(why, size, "%s", e == ERR_OK ? "" : diag_first_error(&d));
	diag_deinit(&d);
	return e;
}

static void delivery_saved(void **state)
{
	(void)state;
	struct studio *st = session();
	/* none chosen: nothing written, so an older file saves as the same bytes */
	char *text = project_to_json(st->project);
	assert_null(strstr(text, "delivery"));
	free(text);
	studio_edit_delivery(st, "apple_music", -16);
	studio_edit_delivery(st, "custom", -11.5);
	text = project_to_json(st->project);
	assert_non_null(strstr(text, "\"delivery\":\t{\n\t\t\"target\":\t\"custom\",\n\t\t\"lufs\":\t-11.5"));
	struct project *q = NULL;
	char why[256];
	assert_int_equal(read_json(text, &q, why, sizeof why), ERR_OK);
	assert_string_equal(q->delivery_target, "custom");
	assert_float_equal(q->delivery_lufs, -11.5, 1e-9);
	/* read and written again: the same bytes */
	char *again = project_to_json(q);
	assert_string_equal(text, again);
	free(again);
	project_free(q);
	free(text);
	/* one undo step each */
	line(st, "undo", false);
	assert_string_equal(st->said_text, "undid: delivery target");
	assert_string_equal(st->project->delivery_target, "apple_music");
	line(st, "undo", false);
	assert_string_equal(st->project->delivery_target, "");
	text = project_to_json(st->project);
	assert_null(strstr(text, "delivery"));
	free(text);
	session_free(st);

	/* a key from a newer ttymix is kept; bad ones are refused, naming the field */
	static const char head[] = "{\"format\": \"ttymix-project\", \"version\": 1, ";
	char doc[512];
	snprintf(doc, sizeof doc, "%s\"delivery\": {\"target\": \"tidal\", \"lufs\": -14, "
		"\"note\": 1}}", head);
	assert_int_equal(read_json(doc, &q, why, sizeof why), ERR_OK);
	assert_string_equal(q->delivery_target, "tidal");
	text = project_to_json(q);
	assert_non_null(strstr(text, "\"note\":\t1"));
	free(text);
	project_free(q);
	static const struct { const char *delivery, *error; } bad[] = {
		{ "\"spotify\"", "delivery: must be an object, not a string" },
		{ "{\"lufs\": -14}", "delivery.target: missing (a string)" },
		{ "{\"target\": \"Spotify\", \"lufs\": -14}", "delivery.target: \"Spotify\" is not a key" },
		{ "{\"target\": \"spotify\"}", "delivery.lufs: missing" },
		{ "{\"target\": \"spotify\", \"lufs\": 3}", "delivery.lufs: 3 is out of range" },
	};
	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		snprintf(doc, sizeof doc, "%s\"delivery\": %s}", head, bad[i].delivery);
		q = NULL;
		assert_int_equal(read_json(doc, &q, why, sizeof why), ERR_FORMAT);
		if (!strstr(why, bad[i].error))
			fail_msg("%s: said \"%s\", not \"%s\"", bad[i].delivery, why, bad[i].error);
		assert_null(q);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(marker_add_at_a_time),
		cmocka_unit_test(delivery_saved),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
