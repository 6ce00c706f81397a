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

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(marker_add_at_a_time),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
