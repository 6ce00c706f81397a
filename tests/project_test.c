/* The project model: JSON round trip, unknown fields kept, atomic save with backup,
 * validation messages that name the file and the field. */
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
#include "src/base/xalloc.h"
#include "tests/test_util.h"

static char *write_text(const char *dir, const char *name, const char *text)
{
	char *path = xasprintf("%s/%s", dir, name);
	FILE *f = fopen(path, "w");
	assert_non_null(f);
	fputs(text, f);
	fclose(f);
	return path;
}

static char *read_text(const char *path)
{
	FILE *f = fopen(path, "r");
	assert_non_null(f);
	fseek(f, 0, SEEK_END);
	long n = ftell(f);
	fseek(f, 0, SEEK_SET);
	char *s = xmalloc((size_t)n + 1);
	assert_int_equal(fread(s, 1, (size_t)n, f), (size_t)n);
	s[n] = '\0';
	fclose(f);
	return s;
}

static const char full_project[] =
	"{\"format\":\"ttymix-project\",\"version\":1,\"name\":\"Song\",\"sample_rate\":44100,"
	"\"pan_law_db\":-4.5,\"tempo_bpm\":96.5,\"future_thing\":{\"a\":[1,2,3]},"
	"\"master\":{\"gain_db\":-1.5,\"inserts\":[{\"type\":\"compressor\",\"bypass\":false,"
	"\"params\":{\"ratio\":3},\"insert_extra\":5}]},"
	"\"tracks\":[{\"name\":\"Vox\",\"color\":\"red\",\"gain_db\":-3.25,\"pan\":0.125,"
	"\"mute\":true,\"solo\":false,\"my_note\":\"keep me\",\"inserts\":[],\"sends\":[],"
	"\"clips\":[{\"file\":\"audio/v.wav\",\"start\":1.5,\"offset\":0.25,\"length\":10,"
	"\"gain_db\":2,\"fade_in\":0.01,\"fade_out\":0.5,\"clip_extra\":7}]}],"
	"\"markers\":[{\"name\":\"Chorus\",\"time\":30,\"marker_extra\":1}],"
	"\"loop\":{\"start\":2,\"end\":4,\"enabled\":true,\"loop_extra\":2}}";

static void test_load_fields(void **state)
{
	(void)state;
	char *dir = tu_tempdir();
	free(write_text(dir, "project.json", full_project));
	struct diag d;
	diag_init(&d);
	struct project *p;
	assert_int_equal(project_load(dir, &p, &d), ERR_OK);
	assert_string_equal(p->name, "Song");
	assert_int_equal(p->sample_rate, 44100);
	assert_true(p->pan_law_db == -4.5 && p->tempo_bpm == 96.5);
	assert_true(p->master.gain_db == -1.5);
	assert_int_equal(p->n_tracks, 1);
	struct project_track *t = &p->tracks[0];
	assert_string_equal(t->strip.name, "Vox");
	assert_true(t->strip.gain_db == -3.25 && t->strip.pan == 0.125 && t->strip.mute
		&& !t->strip.solo);
	assert_int_equal(t->n_clips, 1);
	struct project_clip *c = &t->clips[0];
	assert_string_equal(c->file, "audio/v.wav");
	assert_true(c->start == 1.5 && c->offset == 0.25 && c->length == 10);
	assert_true(c->gain_db == 2 && c->fade_in == 0.01 && c->fade_out == 0.5);
	assert_int_equal(p->n_markers, 1);
	assert_true(p->loop_enabled && p->loop_start == 2 && p->loop_end == 4);
	char *path = project_clip_path(p, c);
	char *want = xasprintf("%s/audio/v.wav", p->dir);
	assert_string_equal(path, want);
	free(path);
	free(want);
	project_free(p);
	diag_deinit(&d);
	tu_rmtree(dir);
	free(dir);
}

/* load -> save -> load gives the same text, and fields this version does not know
 * (at the top, in a track, in a clip, in master) survive. */
static void test_round_trip_keeps_unknown(void **state)
{
	(void)state;
	char *dir = tu_tempdir();
	free(write_text(dir, "project.json", full_project));
	struct diag d;
	diag_init(&d);
	struct project *p;
	assert_int_equal(project_load(dir, &p, &d), ERR_OK);
	p->tracks[0].strip.gain_db = -7.0;
	struct err_msg msg;
	assert_int_equal(project_save(p, &msg), ERR_OK);
	char *first = project_to_json(p);
	project_free(p);
	char *pj = xasprintf("%s/project.json", dir);
	char *text = read_text(pj);
	assert_non_null(strstr(text, "\"future_thing\""));
	assert_non_null(strstr(text, "\"my_note\":\t\"keep me\""));
	assert_non_null(strstr(text, "\"clip_extra\":\t7"));
	assert_non_null(strstr(text, "\"insert_extra\":\t5"));
	assert_non_null(strstr(text, "\"ratio\":\t3"));
	assert_non_null(strstr(text, "\"marker_extra\":\t1"));
	assert_non_null(strstr(text, "\"loop_extra\":\t2"));
	assert_int_equal(project_load(pj, &p, &d), ERR_OK);
	assert_true(p->tracks[0].strip.gain_db == -7.0);
	char *second = project_to_json(p);
	assert_string_equal(first, second);
	free(first);
	free(second);
	free(text);
	free(pj);
	project_free(p);
	diag_deinit(&d);
	tu_rmtree(dir);
	free(dir);
}

/* Saving keeps the previous file as project.json.bak and leaves no temporary file. */
static void test_atomic_save_keeps_backup(void **state)
{
	(void)state;
	char *dir = tu_tempdir();
	struct project *p = project_new(dir, "b", 48000);
	struct err_msg msg;
	assert_int_equal(project_save(p, &msg), ERR_OK);
	project_add_track(p, "second version");
	assert_int_equal(project_save(p, &msg), ERR_OK);
	char *bak = xasprintf("%s/project.json.bak", dir);
	char *text = read_text(bak);
	assert_null(strstr(text, "second version"));
	free(text);
	char *pj = xasprintf("%s/project.json", dir);
	text = read_text(pj);
	assert_non_null(strstr(text, "second version"));
	free(text);
	/* a save that cannot write leaves the old file alone */
	chmod(dir, 0500);
	if (access(dir, W_OK) != 0) { /* root can write anyway; then there is nothing to see */
		project_add_track(p, "third");
		assert_int_not_equal(project_save(p, &msg), ERR_OK);
		assert_non_null(strstr(msg.text, "project.json"));
		text = read_text(pj);
		assert_null(strstr(text, "third"));
		free(text);
	}
	chmod(dir, 0700);
	free(bak);
	free(pj);
	project_free(p);
	tu_rmtree(dir);
	free(dir);
}

/* Each broken input is refused with a line naming the file and the field. */
static void test_validation_messages(void **state)
{
	(void)state;
	static const struct {
		const char *json, *expect;
		enum err code;
	} cases[] = {
		{ "{\"format\":\"ttymix-project\",\"version\":2}", "newer ttymix", ERR_VERSION },
		{ "{\"format\":\"other\",\"version\":1}", "not a ttymix project", ERR_FORMAT },
		{ "{\"format\":\"ttymix-project\",\"version\":1,\"tracks\":{}}",
		  "tracks: must be an array", ERR_FORMAT },
		{ "{\"format\":\"ttymix-project\",\"version\":1,\"tracks\":[{\"gain_db\":\"x\"}]}",
		  "tracks[0].gain_db: must be a number", ERR_FORMAT },
		{ "{\"format\":\"ttymix-project\",\"version\":1,\"tracks\":[{\"clips\":"
		  "[{\"file\":\"a.wav\",\"start\":-1}]}]}", "tracks[0].clips[0].start", ERR_FORMAT },
		{ "{\"format\":\"ttymix-project\",\"version\":1,\"tracks\":[{\"pan\":1.5}]}",
		  "tracks[0].pan: 1.5 is out of range", ERR_FORMAT },
		{ "{\"format\":\"ttymix-project\",\"version\":1,\"sample_rate\":1e999}",
		  "sample_rate", ERR_FORMAT },
		{ "{\"format\":\"ttymix-project\",\"version\":1,", "not valid JSON", ERR_PARSE },
		{ "", "empty file", ERR_PARSE },
	};
	char *dir = tu_tempdir();
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		char *pj = write_text(dir, "project.json", cases[i].json);
		struct diag d;
		diag_init(&d);
		struct project *p = NULL;
		enum err e = project_load(pj, &p, &d);
		assert_null(p);
		if (e != cases[i].code || !strstr(diag_first_error(&d), cases[i].expect) ||
		    !strstr(diag_first_error(&d), "project.json"))
			fail_msg("case %zu: got %d \"%s\", want %d \"%s\"", i, e, diag_first_error(&d),
				cases[i].code, cases[i].expect);
		diag_deinit(&d);
		free(pj);
	}
	tu_rmtree(dir);
	free(dir);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_load_fields),
		cmocka_unit_test(test_round_trip_keeps_unknown),
		cmocka_unit_test(test_atomic_save_keeps_backup),
		cmocka_unit_test(test_validation_messages),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
