/* Unit tests for the studio's edit history (src/studio/undo.h): undo/redo order, a new edit
 * dropping the redo branch, and the unsaved-changes flag that q asks about, including
 * the case where the saved state lies on a dropped branch and can never come back.
 * Then shape edits through ui/edit.h on a real project (no engine): begin/commit,
 * undo/redo putting the whole project back, names on the status line, no-op edits
 * leaving no record, mixed value and shape records, and saving in the middle. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "audio/cmd.h"
#include "src/base/xalloc.h"
#include "tests/test_util.h"
#include "src/studio/edit.h"
#include "src/studio/undo.h"

static void push_gain(struct studio_undo *u, int strip, double from, double to)
{
	struct studio_undo_rec r = { .control = CONTROL_GAIN, .strip = strip, .old_value = from,
		.new_value = to };
	studio_undo_push(u, &r);
}

static void test_order(void **state)
{
	(void)state;
	struct studio_undo u;
	studio_undo_init(&u);
	assert_null(studio_undo_back(&u));
	assert_null(studio_undo_forward(&u));
	push_gain(&u, 0, 0.0, 0.5);
	push_gain(&u, 0, 0.5, 1.0);
	push_gain(&u, STRIP_MASTER, 0.0, -3.0);
	const struct studio_undo_rec *r = studio_undo_back(&u);
	assert_int_equal(r->strip, STRIP_MASTER);
	assert_true(r->old_value == 0.0);
	r = studio_undo_back(&u);
	assert_true(r->old_value == 0.5 && r->new_value == 1.0);
	r = studio_undo_forward(&u);
	assert_true(r->new_value == 1.0);
	r = studio_undo_forward(&u);
	assert_int_equal(r->strip, STRIP_MASTER);
	assert_null(studio_undo_forward(&u));
	/* many records: the array grows past its first allocation */
	for (int i = 0; i < 1000; i++)
		push_gain(&u, 1, i, i + 1);
	for (int i = 999; i >= 0; i--)
		assert_true(studio_undo_back(&u)->new_value == i + 1);
	studio_undo_deinit(&u);
}

static void test_new_edit_drops_redo(void **state)
{
	(void)state;
	struct studio_undo u;
	studio_undo_init(&u);
	push_gain(&u, 0, 0.0, 0.5);
	push_gain(&u, 0, 0.5, 1.0);
	studio_undo_back(&u);
	push_gain(&u, 1, 0.0, -1.0);
	assert_null(studio_undo_forward(&u));
	assert_int_equal(studio_undo_back(&u)->strip, 1);
	assert_int_equal(studio_undo_back(&u)->strip, 0);
	assert_null(studio_undo_back(&u));
	studio_undo_deinit(&u);
}

static void test_dirty(void **state)
{
	(void)state;
	struct studio_undo u;
	studio_undo_init(&u);
	studio_undo_mark_saved(&u); /* a freshly opened project */
	assert_false(studio_undo_dirty(&u));
	push_gain(&u, 0, 0.0, 0.5);
	assert_true(studio_undo_dirty(&u));
	studio_undo_back(&u); /* back to what is on disk */
	assert_false(studio_undo_dirty(&u));
	studio_undo_forward(&u);
	studio_undo_mark_saved(&u);
	assert_false(studio_undo_dirty(&u));
	studio_undo_back(&u);
	assert_true(studio_undo_dirty(&u));
	/* the saved state was on the branch this edit drops: no undo/redo reaches it */
	push_gain(&u, 0, 0.0, 2.0);
	assert_true(studio_undo_dirty(&u));
	studio_undo_back(&u);
	assert_true(studio_undo_dirty(&u));
	studio_undo_forward(&u);
	assert_true(studio_undo_dirty(&u));
	studio_undo_deinit(&u);
}

/* Shape records own their text; dropping a redo branch frees it (ASan/valgrind
 * would see a leak or a double free here). */
static void test_shape_records(void **state)
{
	(void)state;
	struct studio_undo u;
	studio_undo_init(&u);
	studio_undo_push_shape(&u, "split clip", xstrdup("A"), xstrdup("B"));
	push_gain(&u, 0, 0.0, 1.0);
	studio_undo_push_shape(&u, "move clip", xstrdup("B"), xstrdup("C"));
	const struct studio_undo_rec *r = studio_undo_back(&u);
	assert_int_equal(r->kind, STUDIO_UNDO_SHAPE);
	assert_string_equal(r->name, "move clip");
	assert_string_equal(r->before, "B");
	assert_string_equal(r->after, "C");
	assert_int_equal(studio_undo_back(&u)->kind, STUDIO_UNDO_VALUE);
	/* a new edit here drops the gain and the move */
	studio_undo_push_shape(&u, "delete clip", xstrdup("B"), xstrdup("D"));
	assert_null(studio_undo_forward(&u));
	assert_string_equal(studio_undo_back(&u)->name, "delete clip");
	r = studio_undo_back(&u);
	assert_string_equal(r->name, "split clip");
	assert_string_equal(r->before, "A");
	assert_string_equal(r->after, "B");
	assert_null(studio_undo_back(&u));
	studio_undo_deinit(&u);
}

static const char song[] =
	"{\"format\":\"ttymix-project\",\"version\":1,\"name\":\"Song\","
	"\"sample_rate\":48000,\"odd_field\":[1,2],"
	"\"tracks\":[{\"name\":\"Vox\",\"gain_db\":-3,\"clips\":[{\"file\":\"a.wav\","
	"\"start\":1,\"offset\":0,\"length\":4}]},{\"name\":\"Bass\",\"clips\":[]}],"
	"\"markers\":[{\"name\":\"Verse\",\"time\":2}]}";

static struct studio *open_app(const char *dir)
{
	char *path = xasprintf("%s/project.json", dir);
	FILE *f = fopen(path, "w");
	assert_non_null(f);
	fputs(song, f);
	fclose(f);
	struct diag d;
	diag_init(&d);
	struct project *p = NULL;
	assert_int_equal(project_load(path, &p, &d), ERR_OK);
	diag_deinit(&d);
	free(path);
	struct studio *st = xcalloc(1, sizeof *st);
	/* no engine: shape edits change the model only (value edits would need one, so
	 * they are mixed in at the src/studio/undo.h level above) */
	st->project = p;
	studio_undo_init(&st->undo);
	studio_undo_mark_saved(&st->undo);
	return st;
}

static void close_app(struct studio *st)
{
	studio_edit_deinit(st);
	studio_undo_deinit(&st->undo);
	project_free(st->project);
	free(st);
}

static void test_shape_edit_undo_redo(void **state)
{
	(void)state;
	char *dir = tu_tempdir();
	struct studio *st = open_app(dir);
	char *orig = project_to_json(st->project);

	/* 1: split the clip in two (a structural edit) */
	studio_edit_begin(st, "split clip");
	struct project_track *t = &st->project->tracks[0];
	struct project_clip *c = project_add_clip(t, "a.wav", 3);
	c->offset = 2;
	c->length = 2;
	t->clips[0].length = 2;
	assert_true(studio_edit_commit(st));
	char *split = project_to_json(st->project);
	assert_true(studio_undo_dirty(&st->undo));

	/* 2: add a track and rename a marker in one edit */
	studio_edit_begin(st, "add track");
	project_add_track(st->project, "Keys");
	free(st->project->markers[0].name);
	st->project->markers[0].name = xstrdup("Intro");
	assert_true(studio_edit_commit(st));
	assert_int_equal(st->project->n_tracks, 3);
	char *three = project_to_json(st->project);

	/* nothing changed: no record */
	studio_edit_begin(st, "nothing");
	assert_false(studio_edit_commit(st));

	/* cancelled: no record either */
	studio_edit_begin(st, "rename");
	studio_edit_cancel(st);

	studio_edit_undo(st);
	assert_string_equal(st->said_text, "undid: add track");
	assert_int_equal(st->project->n_tracks, 2);
	assert_string_equal(st->project->markers[0].name, "Verse");
	char *now = project_to_json(st->project);
	assert_string_equal(now, split);
	free(now);
	studio_edit_undo(st);
	assert_string_equal(st->said_text, "undid: split clip");
	now = project_to_json(st->project);
	assert_string_equal(now, orig); /* every field, the unknown one too */
	free(now);
	assert_false(studio_undo_dirty(&st->undo));
	studio_edit_undo(st);
	assert_string_equal(st->said_text, "nothing to undo");

	/* redo both, saving in the middle: the history survives, dirty follows */
	studio_edit_redo(st);
	assert_string_equal(st->said_text, "redid: split clip");
	assert_int_equal(st->project->tracks[0].n_clips, 2);
	studio_undo_mark_saved(&st->undo);
	assert_false(studio_undo_dirty(&st->undo));
	studio_edit_redo(st);
	assert_string_equal(st->said_text, "redid: add track");
	now = project_to_json(st->project);
	assert_string_equal(now, three);
	free(now);
	assert_true(studio_undo_dirty(&st->undo));
	studio_edit_undo(st);
	assert_false(studio_undo_dirty(&st->undo));
	studio_edit_undo(st);
	now = project_to_json(st->project);
	assert_string_equal(now, orig);
	free(now);
	assert_true(studio_undo_dirty(&st->undo));

	free(orig);
	free(split);
	free(three);
	close_app(st);
	tu_rmtree(dir);
	free(dir);
}

/* A long session: hundreds of shape edits, all undone, all redone. */
static void test_shape_many(void **state)
{
	(void)state;
	char *dir = tu_tempdir();
	struct studio *st = open_app(dir);
	char *orig = project_to_json(st->project);
	for (int i = 0; i < 300; i++) {
		studio_edit_begin(st, "move clip");
		st->project->tracks[0].clips[0].start += 0.001;
		assert_true(studio_edit_commit(st));
	}
	const double end = st->project->tracks[0].clips[0].start;
	for (int i = 0; i < 300; i++)
		studio_edit_undo(st);
	char *now = project_to_json(st->project);
	assert_string_equal(now, orig);
	free(now);
	for (int i = 0; i < 300; i++)
		studio_edit_redo(st);
	assert_true(st->project->tracks[0].clips[0].start == end);
	free(orig);
	close_app(st);
	tu_rmtree(dir);
	free(dir);
}

/* Shape edits in a row keep the text between them once: the second record's before is
 * the first one's after; undo, redo, a fork and the end free each text once (ASan
 * builds check that). */
static void test_shape_text_shared(void **state)
{
	(void)state;
	struct studio_undo u;
	studio_undo_init(&u);
	studio_undo_push_shape(&u, "one", xstrdup("A"), xstrdup("B"));
	studio_undo_push_shape(&u, "two", xstrdup("B"), xstrdup("C"));
	studio_undo_push_shape(&u, "three", xstrdup("X"), xstrdup("Y")); /* not a continuation */
	assert_ptr_equal(u.recs[1].before, u.recs[0].after);
	assert_true(u.recs[1].before_shared);
	assert_false(u.recs[2].before_shared);
	assert_string_equal(studio_undo_back(&u)->before, "X");
	assert_string_equal(studio_undo_back(&u)->before, "B");
	assert_string_equal(studio_undo_forward(&u)->after, "C");
	studio_undo_back(&u);
	/* a new edit drops "two" and "three" (and frees "two"'s after, not its before) */
	studio_undo_push_shape(&u, "four", xstrdup("B"), xstrdup("D"));
	assert_int_equal((int)u.count, 2);
	assert_ptr_equal(u.recs[1].before, u.recs[0].after);
	assert_string_equal(u.recs[1].after, "D");
	studio_undo_deinit(&u);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_order),
		cmocka_unit_test(test_new_edit_drops_redo),
		cmocka_unit_test(test_dirty),
		cmocka_unit_test(test_shape_records),
		cmocka_unit_test(test_shape_edit_undo_redo),
		cmocka_unit_test(test_shape_many),
		cmocka_unit_test(test_shape_text_shared),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
