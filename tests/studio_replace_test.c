/* Another project in a running session (studio_replace, src/studio/studio.h; issue
 * 18's :e and :new): a real session on the null output, headless. The new project
 * is the session's, with an empty history and nothing unsaved; at the same rate the
 * engine goes on and only its graph is swapped, at another it is made anew at that
 * rate; the old folder's lock is let go and the new one's taken; a quick audition
 * left for a project is one no more; a project whose graph cannot be built changes
 * nothing. */
#include <setjmp.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "audio/graph.h"
#include "src/project.h"
#include "src/project_lock.h"
#include "src/base/xalloc.h"
#include "src/studio/commands.h"
#include "src/studio/studio.h"
#include "tests/test_util.h"

struct heard {
	char text[512];
	bool error;
};

static void keep(void *ctx, bool is_error, const char *text)
{
	struct heard *h = ctx;
	snprintf(h->text, sizeof h->text, "%s", text);
	h->error = is_error;
}

/* A project in a fresh folder: n tracks, each one second of DC at rate. */
static struct project *make(char **dir, int rate, int n)
{
	*dir = tu_tempdir();
	double level = 0.25;
	char *wav = xasprintf("%s/dc.wav", *dir);
	tu_write_wav(wav, rate, 1, rate, tu_gen_dc, &level);
	free(wav);
	char text[1024];
	int len = snprintf(text, sizeof text, "{\"format\":\"ttymix-project\",\"version\":1,"
		"\"sample_rate\":%d,\"tracks\":[", rate);
	for (int i = 0; i < n; i++)
		len += snprintf(text + len, sizeof text - len, "%s{\"name\":\"t%d\",\"clips\":"
			"[{\"file\":\"dc.wav\",\"start\":%d}]}", i ? "," : "", i + 1, i);
	snprintf(text + len, sizeof text - len, "]}");
	char why[256] = "";
	struct project *p = tu_load_text(*dir, text, why, sizeof why);
	if (!p)
		fail_msg("the project does not load: %s", why);
	return p;
}

static void remove_dir(char *dir)
{
	char *cmd = xasprintf("rm -rf '%s'", dir);
	assert_int_equal(system(cmd), 0);
	free(cmd);
	free(dir);
}

/* Whether another holder could take the project's lock now (flock is per open file:
 * this process taking it again on a new one asks as another studio would). */
static bool lock_free(const char *dir)
{
	struct project_lock l;
	project_lock_init(&l);
	const bool free_now = project_lock_take(&l, dir, NULL) == PROJECT_LOCK_HELD;
	project_lock_release(&l);
	return free_now;
}

static void replace_keeps_the_engine_at_one_rate(void **state)
{
	(void)state;
	char *a_dir, *b_dir, *c_dir;
	struct project *a = make(&a_dir, 48000, 1);
	struct heard h = { "", false };
	const struct cli_globals g = { .output = DRIVER_NULL };
	struct studio st;
	studio_init(&st, a, false, &g, (struct studio_voice){ keep, &h, NULL });
	struct err_msg msg;
	assert_int_equal(studio_open(&st, &msg), ERR_OK);
	struct studio_sel sel = { 0 };
	studio_line_exec(&st, &sel, "gain 1 -6");
	assert_true(studio_dirty(&st));
	assert_false(lock_free(a_dir));

	/* at the same rate: the engine stays, the graph is the new project's */
	struct engine *engine = st.engine;
	const struct graph *was = st.graph;
	struct project *b = make(&b_dir, 48000, 2);
	assert_int_equal(studio_replace(&st, b, &msg), ERR_OK);
	assert_ptr_equal(st.project, b);
	assert_ptr_equal(st.engine, engine);
	assert_ptr_not_equal(st.graph, was);
	assert_int_equal(st.graph->n_tracks, 2);
	assert_int_equal(st.end_frame, 2 * 48000); /* the second clip ends at 2 s */
	assert_false(studio_dirty(&st));
	assert_int_equal(st.undo.pos, 0);
	studio_line_exec(&st, &sel, "undo");
	assert_string_equal(h.text, "nothing to undo");
	assert_int_equal(st.snap.n_strips, 3); /* two tracks and the master */
	assert_true(lock_free(a_dir));
	assert_false(lock_free(b_dir));
	assert_false(st.read_only);

	/* at another rate: a new engine at that rate */
	struct project *c = make(&c_dir, 44100, 1);
	assert_int_equal(studio_replace(&st, c, &msg), ERR_OK);
	assert_ptr_equal(st.project, c);
	assert_non_null(st.engine);
	assert_non_null(st.driver);
	assert_int_equal(st.graph->sample_rate, 44100);
	assert_int_equal(st.end_frame, 44100);
	assert_true(lock_free(b_dir));
	assert_false(lock_free(c_dir));
	studio_line_exec(&st, &sel, "gain 1 -3");
	assert_true(studio_dirty(&st));
	assert_true(st.project->tracks[0].strip.gain_db == -3.0);

	studio_close(&st);
	studio_deinit(&st);
	remove_dir(a_dir);
	remove_dir(b_dir);
	remove_dir(c_dir);
}

static void a_quick_audition_becomes_a_project(void **state)
{
	(void)state;
	char *a_dir, *b_dir;
	struct project *a = make(&a_dir, 48000, 1);
	struct heard h = { "", false };
	const struct cli_globals g = { .output = DRIVER_NULL };
	struct studio st;
	studio_init(&st, a, true, &g, (struct studio_voice){ keep, &h, NULL });
	struct err_msg msg;
	assert_int_equal(studio_open(&st, &msg), ERR_OK);
	assert_true(lock_free(a_dir)); /* an audition locks nothing */
	struct project *b = make(&b_dir, 48000, 1);
	assert_int_equal(studio_replace(&st, b, &msg), ERR_OK);
	assert_false(st.throwaway);
	assert_false(lock_free(b_dir));
	assert_true(st.autosave_sec > 0);
	studio_close(&st);
	studio_deinit(&st);
	remove_dir(a_dir);
	remove_dir(b_dir);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(replace_keeps_the_engine_at_one_rate),
		cmocka_unit_test(a_quick_audition_becomes_a_project),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
