/* The tempo map (src/tempo.h, issue 18): bar.beat.tick <-> seconds across tempo and
 * meter changes, the positions typed at the studio's command line, the edits of the
 * map, and the map round-tripped through project.json (old files load as before, bad
 * entries are refused with one line naming the field). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "src/project.h"
#include "src/project_limits.h"
#include "src/tempo.h"
#include "src/base/xalloc.h"
#include "tests/test_util.h"

#define EPS 1e-9

static struct project *fresh(void)
{
	return project_new("/nowhere", "t", 48000);
}

/* 120 bpm 4/4: a beat 0.5 s, a bar 2 s. The default of a new project and of a file
 * without tempo or meter. */
static void constant_map(void **state)
{
	(void)state;
	struct project *p = fresh();
	struct tempo_map m = tempo_map_of(p);
	assert_int_equal(m.num, 4);
	assert_int_equal(m.den, 4);
	assert_float_equal(tempo_time_of(&m, 1, 1), 0, EPS);
	assert_float_equal(tempo_time_of(&m, 21, 1), 40, EPS);
	assert_float_equal(tempo_time_of(&m, 2, 3.5), 3.25, EPS);
	struct tempo_pos pos;
	tempo_position(&m, 40, &pos);
	assert_int_equal(pos.bar, 21);
	assert_int_equal(pos.beat, 1);
	assert_int_equal(pos.tick, 0);
	tempo_position(&m, 3.25, &pos);
	assert_int_equal(pos.bar, 2);
	assert_int_equal(pos.beat, 3);
	assert_int_equal(pos.tick, TEMPO_TICKS / 2);
	char text[32];
	tempo_format(&m, 41.75, text, sizeof text);
	assert_string_equal(text, "21.4.480");
	assert_float_equal(tempo_beats_at(&m, 41.75), 83.5, EPS);
	assert_float_equal(tempo_time_of_beats(&m, 83.5), 41.75, EPS);
	assert_float_equal(tempo_beat_seconds(&m, 10), 0.5, EPS);
	project_free(p);
}

/* 90 bpm 3/4 from bar 1 (a bar 2 s), 6/8 from bar 5 (an eighth 1/3 s, a bar 2 s),
 * 140 bpm from bar 9 (an eighth 3/14 s). */
static struct project *changing(void)
{
	struct project *p = fresh();
	struct err_msg msg;
	assert_int_equal(tempo_set_bpm(p, 1, 90, &msg), ERR_OK);
	assert_int_equal(tempo_set_meter(p, 1, 3, 4, &msg), ERR_OK);
	/* out of order on purpose: the map keeps bar order */
	assert_int_equal(tempo_set_bpm(p, 9, 140, &msg), ERR_OK);
	assert_int_equal(tempo_set_meter(p, 5, 6, 8, &msg), ERR_OK);
	return p;
}

static void across_changes(void **state)
{
	(void)state;
	struct project *p = changing();
	assert_int_equal(p->n_tempo_map, 2);
	assert_int_equal(p->tempo_map[0].bar, 5);
	assert_int_equal(p->tempo_map[1].bar, 9);
	struct tempo_map m = tempo_map_of(p);
	/* bars 1-4: 2 s each */
	assert_float_equal(tempo_time_of(&m, 5, 1), 8, EPS);
	/* bars 5-8: 6 eighths of 1/3 s */
	assert_float_equal(tempo_time_of(&m, 5, 4), 9, EPS);
	assert_float_equal(tempo_time_of(&m, 9, 1), 16, EPS);
	/* from bar 9: 6 eighths of 60/140/2 s */
	const double eighth = 60.0 / 140 / 2;
	assert_float_equal(tempo_time_of(&m, 11, 2), 16 + 13 * eighth, EPS);
	struct tempo_pos pos;
	tempo_position(&m, 16 + 13 * eighth, &pos);
	assert_int_equal(pos.bar, 11);
	assert_int_equal(pos.beat, 2);
	assert_int_equal(pos.tick, 0);
	assert_int_equal(pos.num, 6);
	assert_int_equal(pos.den, 8);
	assert_float_equal(pos.bpm, 140, EPS);
	tempo_position(&m, 8.5, &pos); /* half way through bar 5's second eighth */
	assert_int_equal(pos.bar, 5);
	assert_int_equal(pos.beat, 2);
	assert_int_equal(pos.tick, TEMPO_TICKS / 2);
	tempo_position(&m, 7.999, &pos);
	assert_int_equal(pos.bar, 4);
	assert_int_equal(pos.beat, 3);
	/* beats run on across the changes: 12 quarters, 24 eighths, then 140 bpm */
	assert_float_equal(tempo_beats_at(&m, 8), 12, EPS);
	assert_float_equal(tempo_beats_at(&m, 16), 36, EPS);
	assert_float_equal(tempo_beats_at(&m, 16 + 2 * eighth), 38, EPS);
	for (double b = 0; b < 60; b += 0.75)
		assert_float_equal(tempo_beats_at(&m, tempo_time_of_beats(&m, b)), b, 1e-9);
	assert_float_equal(tempo_beat_seconds(&m, 1), 60.0 / 90, EPS);
	assert_float_equal(tempo_beat_seconds(&m, 9), 1.0 / 3, EPS);
	assert_float_equal(tempo_beat_seconds(&m, 20), eighth, EPS);
	/* every bar start shows as N.1.000 */
	char text[32], want[32];
	for (long bar = 1; bar < 40; bar++) {
		tempo_format(&m, tempo_time_of(&m, bar, 1), text, sizeof text);
		snprintf(want, sizeof want, "%ld.1.000", bar);
		assert_string_equal(text, want);
	}
	project_free(p);
}

/* The bar line nearest a time (a change put at a marker), across the changes. */
static void nearest_bar(void **state)
{
	(void)state;
	struct project *p = changing();
	struct tempo_map m = tempo_map_of(p);
	bool on;
	assert_int_equal(tempo_nearest_bar(&m, 0, &on), 1);
	assert_true(on);
	assert_int_equal(tempo_nearest_bar(&m, 8, &on), 5); /* bars 1-4: 2 s each */
	assert_true(on);
	assert_int_equal(tempo_nearest_bar(&m, 8.0002, &on), 5);
	assert_true(on);
	assert_int_equal(tempo_nearest_bar(&m, 8.9, &on), 5); /* bar 5 lasts 2 s */
	assert_false(on);
	assert_int_equal(tempo_nearest_bar(&m, 9.1, &on), 6);
	assert_false(on);
	assert_int_equal(tempo_nearest_bar(&m, 15.2, NULL), 9);
	/* from bar 9 (16 s) bars of 6 eighths at 140 bpm */
	const double bar = 6 * 60.0 / 140 / 2;
	assert_int_equal(tempo_nearest_bar(&m, 16 + 2.4 * bar, &on), 11);
	assert_false(on);
	assert_int_equal(tempo_nearest_bar(&m, 16 + 2.6 * bar, NULL), 12);
	assert_int_equal(tempo_nearest_bar(&m, tempo_time_of(&m, 30, 1), &on), 30);
	assert_true(on);
	project_free(p);
}

static void typed_positions(void **state)
{
	(void)state;
	struct project *p = changing();
	struct tempo_map m = tempo_map_of(p);
	struct err_msg msg;
	double sec = -1;
	assert_true(tempo_parse(&m, "b5", &sec, &msg));
	assert_float_equal(sec, 8, EPS);
	assert_true(tempo_parse(&m, "B5.4", &sec, &msg));
	assert_float_equal(sec, 9, EPS);
	assert_true(tempo_parse(&m, "5.2.480", &sec, &msg));
	assert_float_equal(sec, 8.5, EPS);
	assert_true(tempo_parse(&m, "b1", &sec, &msg));
	assert_float_equal(sec, 0, EPS);
	/* seconds are left alone: no message */
	assert_false(tempo_parse(&m, "12.5", &sec, &msg));
	assert_string_equal(msg.text, "");
	assert_false(tempo_parse(&m, "90", &sec, &msg));
	assert_string_equal(msg.text, "");
	/* bar 2 has 3 beats; bar 5 has 6 */
	assert_false(tempo_parse(&m, "b2.4", &sec, &msg));
	assert_string_equal(msg.text, "bar 2 has 3 beats (3/4), not 4");
	assert_true(tempo_parse(&m, "b5.6", &sec, &msg));
	assert_false(tempo_parse(&m, "b0", &sec, &msg));
	assert_non_null(strstr(msg.text, "is no bar"));
	assert_false(tempo_parse(&m, "bx", &sec, &msg));
	assert_false(tempo_parse(&m, "1.1.960", &sec, &msg));
	assert_false(tempo_parse(&m, "b", &sec, &msg));
	int num, den;
	assert_true(tempo_meter_parse("6/8", &num, &den));
	assert_int_equal(num, 6);
	assert_int_equal(den, 8);
	assert_false(tempo_meter_parse("6/7", &num, &den));
	assert_false(tempo_meter_parse("0/4", &num, &den));
	assert_false(tempo_meter_parse("4", &num, &den));
	assert_false(tempo_meter_parse("4/4x", &num, &den));
	assert_false(tempo_meter_parse("/4", &num, &den));
	project_free(p);
}

static void edits_refused(void **state)
{
	(void)state;
	struct project *p = fresh();
	struct err_msg msg;
	assert_int_equal(tempo_set_bpm(p, 1, 0.5, &msg), ERR_RANGE);
	assert_string_equal(msg.text, "a tempo is 1 to 999 bpm, not 0.5");
	assert_int_equal(tempo_set_meter(p, 3, 7, 3, &msg), ERR_RANGE);
	assert_int_equal(tempo_set_bpm(p, 0, 100, &msg), ERR_RANGE);
	assert_int_equal(p->n_tempo_map, 0);
	assert_float_equal(p->tempo_bpm, 120, EPS);
	/* a change at a bar that has one changes it */
	assert_int_equal(tempo_set_bpm(p, 3, 100, &msg), ERR_OK);
	assert_int_equal(tempo_set_meter(p, 3, 7, 8, &msg), ERR_OK);
	assert_int_equal(tempo_set_bpm(p, 3, 101, &msg), ERR_OK);
	assert_int_equal(p->n_tempo_map, 1);
	assert_float_equal(p->tempo_map[0].bpm, 101, EPS);
	assert_int_equal(p->tempo_map[0].num, 7);
	/* taken back a field at a time: the entry goes with its last */
	assert_int_equal(tempo_unset(p, 3, false, &msg), ERR_OK);
	assert_int_equal(p->n_tempo_map, 1);
	assert_int_equal(tempo_unset(p, 3, false, &msg), ERR_RANGE);
	assert_string_equal(msg.text, "no tempo change at bar 3");
	assert_int_equal(tempo_unset(p, 3, true, &msg), ERR_OK);
	assert_int_equal(p->n_tempo_map, 0);
	assert_int_equal(tempo_unset(p, 4, true, &msg), ERR_RANGE);
	assert_int_equal(tempo_set_bpm(p, 3, 101, &msg), ERR_OK);
	/* the limit of entries, with the table's words */
	for (int bar = 4; p->n_tempo_map < TEMPO_MAX_CHANGES; bar++)
		assert_int_equal(tempo_set_bpm(p, bar, 100, &msg), ERR_OK);
	assert_int_equal(tempo_set_bpm(p, 99999, 100, &msg), ERR_FULL);
	assert_string_equal(msg.text, "tempo map: the limit is 4096");
	project_free(p);
}

/* Saved and loaded again, the map is the same; a file of an older version (no meter,
 * no map) loads as 4/4 with its tempo and saves as it was. */
static void round_trip(void **state)
{
	(void)state;
	char *dir = tu_tempdir();
	struct project *p = changing();
	free(p->dir);
	free(p->path);
	p->dir = xstrdup(dir);
	p->path = xasprintf("%s/project.json", dir);
	struct err_msg msg;
	assert_int_equal(project_save(p, &msg), ERR_OK);
	char *text = tu_slurp(p->path);
	assert_non_null(strstr(text, "\"meter\":\t\"3/4\""));
	assert_non_null(strstr(text, "\"tempo_map\""));
	free(text);
	struct project *q = NULL;
	struct diag diag;
	diag_init(&diag);
	assert_int_equal(project_load(dir, &q, &diag), ERR_OK);
	diag_deinit(&diag);
	assert_float_equal(q->tempo_bpm, 90, EPS);
	assert_int_equal(q->meter_num, 3);
	assert_int_equal(q->meter_den, 4);
	assert_int_equal(q->n_tempo_map, 2);
	assert_int_equal(q->tempo_map[0].bar, 5);
	assert_float_equal(q->tempo_map[0].bpm, 0, EPS);
	assert_int_equal(q->tempo_map[0].num, 6);
	assert_int_equal(q->tempo_map[0].den, 8);
	assert_int_equal(q->tempo_map[1].bar, 9);
	assert_float_equal(q->tempo_map[1].bpm, 140, EPS);
	assert_int_equal(q->tempo_map[1].num, 0);
	struct tempo_map a = tempo_map_of(p), b = tempo_map_of(q);
	for (double t = 0; t < 100; t += 0.37) {
		char x[32], y[32];
		tempo_format(&a, t, x, sizeof x);
		tempo_format(&b, t, y, sizeof y);
		assert_string_equal(x, y);
	}
	/* a copy (the edit history, the autosave) holds the map too */
	struct project *c = project_copy(q);
	assert_int_equal(c->n_tempo_map, 2);
	assert_int_equal(c->tempo_map[1].bar, 9);
	project_free(c);
	project_free(q);
	project_free(p);

	static const char old[] = "{\"format\": \"ttymix-project\", \"version\": 1, "
		"\"sample_rate\": 48000, \"tempo_bpm\": 96, \"tracks\": []}";
	q = tu_load_text(dir, old, NULL, 0);
	assert_non_null(q);
	assert_float_equal(q->tempo_bpm, 96, EPS);
	assert_int_equal(q->meter_num, 4);
	assert_int_equal(q->meter_den, 4);
	assert_int_equal(q->n_tempo_map, 0);
	text = project_to_json(q);
	assert_null(strstr(text, "meter"));
	assert_null(strstr(text, "tempo_map"));
	free(text);
	/* the fields added to an old file go beside tempo_bpm, and load again */
	struct err_msg msg2;
	assert_int_equal(tempo_set_meter(q, 1, 3, 4, &msg2), ERR_OK);
	assert_int_equal(tempo_set_bpm(q, 17, 140, &msg2), ERR_OK);
	text = project_to_json(q);
	assert_non_null(strstr(text, "\"tempo_bpm\":\t96,\n\t\"meter\":\t\"3/4\",\n\t\"tempo_map\""));
	project_free(q);
	diag_init(&diag);
	assert_int_equal(project_from_json(text, dir, "x/project.json", &q, &diag), ERR_OK);
	diag_deinit(&diag);
	assert_int_equal(q->meter_num, 3);
	assert_int_equal(q->n_tempo_map, 1);
	free(text);
	project_free(q);
	tu_rmtree(dir);
	free(dir);
}

/* One line naming the field for each bad entry. */
static void refused_files(void **state)
{
	(void)state;
	char *dir = tu_tempdir();
	static const struct {
		const char *fields, *error;
	} bad[] = {
		{ "\"meter\": \"5/6\"", "meter: \"5/6\" is not a meter" },
		{ "\"meter\": 4", "meter: must be a string, not a number" },
		{ "\"tempo_map\": {}", "tempo_map: must be an array" },
		{ "\"tempo_map\": [{\"bar\": 1, \"tempo_bpm\": 90}]",
		  "tempo_map[0].bar: 1 is out of range (2 to 100000)" },
		{ "\"tempo_map\": [{\"tempo_bpm\": 90}]", "tempo_map[0].bar: missing" },
		{ "\"tempo_map\": [{\"bar\": 3}]", "tempo_map[0]: changes nothing" },
		{ "\"tempo_map\": [{\"bar\": 3, \"tempo_bpm\": 0}]",
		  "tempo_map[0].tempo_bpm: 0 is out of range (1 to 999)" },
		{ "\"tempo_map\": [{\"bar\": 9, \"meter\": \"6/8\"}, {\"bar\": 5, \"tempo_bpm\": 90}]",
		  "tempo_map[1].bar: 5 is not after bar 9" },
		{ "\"tempo_map\": [{\"bar\": 2.5, \"meter\": \"6/8\"}]",
		  "tempo_map[0].bar: must be a whole number" },
	};
	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		char text[512], why[512] = "";
		snprintf(text, sizeof text, "{\"format\": \"ttymix-project\", \"version\": 1, "
			"\"sample_rate\": 48000, %s}", bad[i].fields);
		struct project *p = tu_load_text(dir, text, why, sizeof why);
		if (p || !strstr(why, bad[i].error))
			fail_msg("%s: got \"%s\", wanted \"%s\"", bad[i].fields, why, bad[i].error);
	}
	tu_rmtree(dir);
	free(dir);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(constant_map),
		cmocka_unit_test(across_changes),
		cmocka_unit_test(nearest_bar),
		cmocka_unit_test(typed_positions),
		cmocka_unit_test(edits_refused),
		cmocka_unit_test(round_trip),
		cmocka_unit_test(refused_files),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
