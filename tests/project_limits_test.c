/* What the studio saves, it opens (issue 15, fault 5): the limits load enforces come
 * from one table (src/project_limits.h), and the model's edits refuse to cross them
 * with the same words. Each refusal is tried at the limit on a real project: the edit
 * fails with "NAME: the limit is N" and changes nothing; one below the limit it works;
 * and a project filled to a limit by edits is saved and loads again, while one item
 * more in the file is refused by load with the table's number. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "src/clip_edit.h"
#include "src/project.h"
#include "src/project_limits.h"
#include "src/base/xalloc.h"
#include "tests/test_util.h"

#define RATE 48000

static void table_names_every_limit(void **state)
{
	(void)state;
	for (int i = 0; i < PROJECT_LIMIT_COUNT; i++) {
		assert_non_null(project_limits[i].name);
		assert_non_null(project_limits[i].counts);
		assert_true(project_limits[i].max > 0);
	}
	assert_int_equal(project_limit_max(PROJECT_LIMIT_MARKERS), 100000);
	assert_int_equal(project_limit_max(PROJECT_LIMIT_CLIPS), 65536);
	assert_int_equal(project_limit_max(PROJECT_LIMIT_POINTS), 1000000);
	assert_int_equal(project_limit_max(PROJECT_LIMIT_TRACKS), PROJECT_MAX_TRACKS);
}

static void room_and_names(void **state)
{
	(void)state;
	struct err_msg msg = { "" };
	assert_int_equal(project_limit_room(PROJECT_LIMIT_MARKERS, 99999, 1, &msg), ERR_OK);
	assert_int_equal(project_limit_room(PROJECT_LIMIT_MARKERS, 100000, 1, &msg), ERR_FULL);
	assert_string_equal(msg.text, "markers: the limit is 100000");
	assert_int_equal(project_limit_room(PROJECT_LIMIT_CLIPS, 65530, 7, &msg), ERR_FULL);
	assert_string_equal(msg.text, "clips: the limit is 65536");
	/* removing never hits a limit, even above one */
	assert_int_equal(project_limit_room(PROJECT_LIMIT_MARKERS, 200000, 0, &msg), ERR_OK);

	char name[PROJECT_MAX_NAME + 2];
	memset(name, 'a', sizeof name - 1);
	name[sizeof name - 1] = '\0';
	assert_int_equal(project_limit_name("track name", name, &msg), ERR_RANGE);
	assert_string_equal(msg.text, "track name: 257 bytes long, the limit is 256");
	name[PROJECT_MAX_NAME] = '\0';
	assert_int_equal(project_limit_name("track name", name, &msg), ERR_OK);
}

/* A track holding n clips of 0.1 s each, back to back (lengths set: no file is
 * opened to learn them). */
static struct project *clips_project(const char *dir, int n)
{
	struct project *p = project_new(dir, "clips", RATE);
	struct project_track *t = project_add_track(p, "full");
	t->clips = xrealloc(t->clips, (size_t)n * sizeof *t->clips);
	for (int k = 0; k < n; k++) {
		struct project_clip *c = &t->clips[t->n_clips++];
		memset(c, 0, sizeof *c);
		c->file = xstrdup("a.wav");
		c->start = k * 0.1;
		c->length = 0.1;
	}
	project_add_track(p, "empty");
	return p;
}

static void clip_edits_refuse_at_the_limit(void **state)
{
	(void)state;
	char *dir = tu_tempdir();
	struct project *p = clips_project(dir, PROJECT_MAX_CLIPS);
	struct err_msg msg = { "" };
	int made = -1;
	const int64_t mid = clip_edit_frames_of(p, 0.05);
	assert_int_equal(clip_edit_split(p, 0, 0, mid, &msg), ERR_FULL);
	assert_string_equal(msg.text, "clips: the limit is 65536");
	assert_int_equal(clip_edit_duplicate(p, 0, 0, &made, &msg), ERR_FULL);
	/* onto a track with room a copy is fine; back onto the full one it is not */
	assert_int_equal(clip_edit_copy(p, 0, 0, 1, 0, &made, &msg), ERR_OK);
	assert_int_equal(p->tracks[1].n_clips, 1);
	assert_int_equal(clip_edit_copy(p, 1, 0, 0, 0, &made, &msg), ERR_FULL);
	assert_string_equal(msg.text, "clips: the limit is 65536");
	assert_int_equal(p->tracks[0].n_clips, PROJECT_MAX_CLIPS);
	assert_true(p->tracks[0].clips[0].length == 0.1);
	project_free(p);

	/* one below the limit a split works, and makes the track full */
	p = clips_project(dir, PROJECT_MAX_CLIPS - 1);
	assert_int_equal(clip_edit_split(p, 0, 0, mid, &msg), ERR_OK);
	assert_int_equal(p->tracks[0].n_clips, PROJECT_MAX_CLIPS);
	assert_int_equal(project_save(p, &msg), ERR_OK);
	project_free(p);
	struct diag d;
	diag_init(&d);
	p = NULL;
	assert_int_equal(project_load(dir, &p, &d), ERR_OK);
	assert_int_equal(p->tracks[0].n_clips, PROJECT_MAX_CLIPS);
	diag_deinit(&d);
	project_free(p);
	tu_rmtree(dir);
	free(dir);
}

static void automation_points_refuse_at_the_limit(void **state)
{
	(void)state;
	struct project_lane lane = { 0 };
	lane.param = xstrdup("gain_db");
	lane.cap_points = PROJECT_MAX_POINTS;
	lane.points = xmalloc((size_t)lane.cap_points * sizeof *lane.points);
	for (int i = 0; i < PROJECT_MAX_POINTS - 1; i++)
		lane.points[lane.n_points++] = (struct project_auto_point){ i * 0.001, 0.0 };
	struct err_msg msg = { "" };
	assert_int_equal(project_lane_add_point(&lane, 5000.0, -6.0, &msg), ERR_OK);
	assert_int_equal(lane.n_points, PROJECT_MAX_POINTS);
	assert_int_equal(project_lane_add_point(&lane, 5001.0, -6.0, &msg), ERR_FULL);
	assert_string_equal(msg.text, "automation points: the limit is 1000000");
	assert_int_equal(lane.n_points, PROJECT_MAX_POINTS);
	free(lane.points);
	free(lane.param);
}

/* The marker limit end to end on the model: a project filled to it by
 * project_add_marker is saved and opens again; the room check refuses one more; a
 * file with one more is refused by load with the table's number. */
static void markers_saved_at_the_limit_open_again(void **state)
{
	(void)state;
	char *dir = tu_tempdir();
	struct project *p = project_new(dir, "markers", RATE);
	for (int i = 0; i < PROJECT_MAX_MARKERS; i++)
		project_add_marker(p, "m", i * 0.01);
	struct err_msg msg = { "" };
	assert_int_equal(project_limit_room(PROJECT_LIMIT_MARKERS, p->n_markers, 1, &msg),
		ERR_FULL);
	assert_string_equal(msg.text, "markers: the limit is 100000");
	assert_int_equal(project_save(p, &msg), ERR_OK);
	struct diag d;
	diag_init(&d);
	struct project *back = NULL;
	assert_int_equal(project_load(dir, &back, &d), ERR_OK);
	assert_int_equal(back->n_markers, PROJECT_MAX_MARKERS);
	diag_deinit(&d);
	project_free(back);

	/* one more, written past the studio: load says the table's limit */
	project_add_marker(p, "one too many", 9999.0);
	assert_int_equal(project_save(p, &msg), ERR_OK);
	diag_init(&d);
	back = NULL;
	assert_int_not_equal(project_load(dir, &back, &d), ERR_OK);
	assert_null(back);
	assert_non_null(strstr(diag_first_error(&d), "markers: 100001 items, the limit is 100000"));
	diag_deinit(&d);
	project_free(p);
	tu_rmtree(dir);
	free(dir);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(table_names_every_limit),
		cmocka_unit_test(room_and_names),
		cmocka_unit_test(clip_edits_refuse_at_the_limit),
		cmocka_unit_test(automation_points_refuse_at_the_limit),
		cmocka_unit_test(markers_saved_at_the_limit_open_again),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
