/* What the restore offer shows: the fields that differ between two projects, one
 * readable line each; and the autosave file that carries them (project_save_to). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cmocka.h>

#include "src/project.h"
#include "src/project_diff.h"
#include "src/xalloc.h"
#include "tests/test_util.h"

static struct project *two_tracks(void)
{
	struct project *p = project_new("/nowhere", "Song", 48000);
	project_add_track(p, "Drums");
	project_add_track(p, "Bass");
	project_add_clip(&p->tracks[0], "audio/drums.wav", 0.0);
	return p;
}

static bool has_line(const struct project_diff *d, const char *line)
{
	for (int i = 0; i < d->count; i++)
		if (!strcmp(d->lines[i], line))
			return true;
	return false;
}

static void print_lines(const struct project_diff *d)
{
	for (int i = 0; i < d->count; i++)
		print_message("  %s\n", d->lines[i]);
}

static void test_same_is_empty(void **state)
{
	(void)state;
	struct project *a = two_tracks(), *b = two_tracks();
	struct project_diff d;
	project_diff_init(&d);
	project_diff(a, b, &d);
	assert_int_equal(d.count, 0);
	project_diff_deinit(&d);
	project_free(a);
	project_free(b);
}

static void test_fields(void **state)
{
	(void)state;
	struct project *a = two_tracks(), *b = two_tracks();
	a->tracks[1].gain_db = -3.0;
	b->tracks[1].gain_db = 1.5;
	b->tracks[0].mute = true;
	b->tracks[1].pan = -0.25;
	b->master_gain_db = -1.0;
	b->tempo_bpm = a->tempo_bpm + 2;
	b->tracks[0].clips[0].start = 2.5;
	free(b->tracks[1].name);
	b->tracks[1].name = xstrdup("Sub");
	b->loop_enabled = !a->loop_enabled;
	struct project_diff d;
	project_diff_init(&d);
	project_diff(a, b, &d);
	print_lines(&d);
	assert_true(has_line(&d, "tracks[1].gain_db: -3.0 -> +1.5"));
	assert_true(has_line(&d, "tracks[0].mute: false -> true"));
	assert_true(has_line(&d, "tracks[1].pan: +0.00 -> -0.25"));
	assert_true(has_line(&d, "master.gain_db: +0.0 -> -1.0"));
	assert_true(has_line(&d, "tracks[0].clips[0].start: 0.0 -> 2.5"));
	assert_true(has_line(&d, "tracks[1].name: \"Bass\" -> \"Sub\""));
	assert_true(has_line(&d, a->loop_enabled ? "loop.enabled: true -> false"
		: "loop.enabled: false -> true"));
	assert_int_equal(d.count, 8); /* the tempo as well, and nothing else */
	project_diff_deinit(&d);
	project_free(a);
	project_free(b);
}

/* Values that only differ past the first decimal still read as different. */
static void test_precision(void **state)
{
	(void)state;
	struct project *a = two_tracks(), *b = two_tracks();
	b->tracks[0].gain_db = 0.02;
	struct project_diff d;
	project_diff_init(&d);
	project_diff(a, b, &d);
	print_lines(&d);
	assert_int_equal(d.count, 1);
	assert_string_equal(d.lines[0], "tracks[0].gain_db: +0.00 -> +0.02");
	project_diff_deinit(&d);
	project_free(a);
	project_free(b);
}

static void test_added_removed(void **state)
{
	(void)state;
	struct project *a = two_tracks(), *b = two_tracks();
	project_add_track(b, "Vox");
	project_add_clip(&b->tracks[1], "audio/bass.wav", 4.0);
	struct project_diff d;
	project_diff_init(&d);
	project_diff(a, b, &d);
	print_lines(&d);
	assert_true(has_line(&d, "tracks[2]: (none) -> \"Vox\""));
	assert_true(has_line(&d, "tracks[1].clips[0]: (none) -> \"audio/bass.wav\" at 4.000 s"));
	project_diff_deinit(&d);
	project_diff_init(&d);
	project_diff(b, a, &d);
	assert_true(has_line(&d, "tracks[2]: \"Vox\" -> (removed)"));
	project_diff_deinit(&d);
	project_free(a);
	project_free(b);
}

/* project_save_to writes the autosave note; loading reads it back; a normal save of
 * the loaded project does not carry it into project.json. */
static void test_autosave_file(void **state)
{
	(void)state;
	char *dir = tu_tempdir();
	struct project *p = project_new(dir, "Song", 48000);
	project_add_track(p, "Drums");
	struct err_msg msg;
	assert_int_equal(project_save(p, &msg), ERR_OK);
	p->tracks[0].gain_db = 1.0;
	char *side = xasprintf("%s/autosave.json", dir);
	assert_int_equal(project_save_to(p, side, 3, &msg), ERR_OK);
	struct stat st;
	char *bak = xasprintf("%s.bak", side);
	assert_int_not_equal(stat(bak, &st), 0); /* no backup for an autosave */

	struct diag d;
	diag_init(&d);
	struct project *back = NULL;
	assert_int_equal(project_load(side, &back, &d), ERR_OK);
	diag_deinit(&d);
	assert_int_equal(project_autosave_edits(back), 3);
	assert_true(back->tracks[0].gain_db == 1.0);
	char *text = project_to_json(back);
	assert_null(strstr(text, "\"autosave\""));
	free(text);
	assert_int_equal(project_autosave_edits(p), -1);

	unlink(side);
	free(side);
	free(bak);
	project_free(back);
	project_free(p);
	tu_rmtree(dir);
	free(dir);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_same_is_empty),
		cmocka_unit_test(test_fields),
		cmocka_unit_test(test_precision),
		cmocka_unit_test(test_added_removed),
		cmocka_unit_test(test_autosave_file),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
