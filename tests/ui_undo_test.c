/* Unit tests for the studio's edit history (ui/undo.h): undo/redo order, a new edit
 * dropping the redo branch, and the unsaved-changes flag that q asks about, including
 * the case where the saved state lies on a dropped branch and can never come back. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include "audio/cmd.h"
#include "ui/undo.h"

static void push_gain(struct ui_undo *u, int strip, double from, double to)
{
	struct ui_undo_rec r = { .field = UI_FIELD_GAIN, .strip = strip, .old_value = from,
		.new_value = to };
	ui_undo_push(u, &r);
}

static void test_order(void **state)
{
	(void)state;
	struct ui_undo u;
	ui_undo_init(&u);
	assert_null(ui_undo_back(&u));
	assert_null(ui_undo_forward(&u));
	push_gain(&u, 0, 0.0, 0.5);
	push_gain(&u, 0, 0.5, 1.0);
	push_gain(&u, STRIP_MASTER, 0.0, -3.0);
	const struct ui_undo_rec *r = ui_undo_back(&u);
	assert_int_equal(r->strip, STRIP_MASTER);
	assert_true(r->old_value == 0.0);
	r = ui_undo_back(&u);
	assert_true(r->old_value == 0.5 && r->new_value == 1.0);
	r = ui_undo_forward(&u);
	assert_true(r->new_value == 1.0);
	r = ui_undo_forward(&u);
	assert_int_equal(r->strip, STRIP_MASTER);
	assert_null(ui_undo_forward(&u));
	/* many records: the array grows past its first allocation */
	for (int i = 0; i < 1000; i++)
		push_gain(&u, 1, i, i + 1);
	for (int i = 999; i >= 0; i--)
		assert_true(ui_undo_back(&u)->new_value == i + 1);
	ui_undo_deinit(&u);
}

static void test_new_edit_drops_redo(void **state)
{
	(void)state;
	struct ui_undo u;
	ui_undo_init(&u);
	push_gain(&u, 0, 0.0, 0.5);
	push_gain(&u, 0, 0.5, 1.0);
	ui_undo_back(&u);
	push_gain(&u, 1, 0.0, -1.0);
	assert_null(ui_undo_forward(&u));
	assert_int_equal(ui_undo_back(&u)->strip, 1);
	assert_int_equal(ui_undo_back(&u)->strip, 0);
	assert_null(ui_undo_back(&u));
	ui_undo_deinit(&u);
}

static void test_dirty(void **state)
{
	(void)state;
	struct ui_undo u;
	ui_undo_init(&u);
	ui_undo_mark_saved(&u); /* a freshly opened project */
	assert_false(ui_undo_dirty(&u));
	push_gain(&u, 0, 0.0, 0.5);
	assert_true(ui_undo_dirty(&u));
	ui_undo_back(&u); /* back to what is on disk */
	assert_false(ui_undo_dirty(&u));
	ui_undo_forward(&u);
	ui_undo_mark_saved(&u);
	assert_false(ui_undo_dirty(&u));
	ui_undo_back(&u);
	assert_true(ui_undo_dirty(&u));
	/* the saved state was on the branch this edit drops: no undo/redo reaches it */
	push_gain(&u, 0, 0.0, 2.0);
	assert_true(ui_undo_dirty(&u));
	ui_undo_back(&u);
	assert_true(ui_undo_dirty(&u));
	ui_undo_forward(&u);
	assert_true(ui_undo_dirty(&u));
	ui_undo_deinit(&u);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_order),
		cmocka_unit_test(test_new_edit_drops_redo),
		cmocka_unit_test(test_dirty),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
