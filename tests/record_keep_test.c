/* Arming and inputs kept in project.json (src/studio/record.c, src/project_json.c):
 * on the headless studio (no output: arming needs none), :arm and :input write
 * record_armed and record_input into the project, a save keeps them and a studio
 * opened on the saved file starts armed on the same inputs; an old project saved
 * through the studio, nothing armed, stays byte-identical; once in the file the keys
 * stay (false, "1"); an undo does not take the arming back; a bad record_input is
 * refused at load. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "src/base/xalloc.h"
#include "src/studio/commands.h"
#include "src/studio/record.h"
#include "src/studio/saving.h"
#include "src/studio/studio.h"
#include "tests/test_util.h"

#define OLD "{\"format\":\"ttymix-project\",\"version\":1,\"sample_rate\":48000," \
	"\"tracks\":[{\"name\":\"vox\",\"clips\":[]},{\"name\":\"gtr\",\"clips\":[]}]}"

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

static void line(struct studio *st, struct heard *h, const char *text)
{
	struct studio_sel sel = { .strip = 0 };
	h->text[0] = '\0';
	h->error = false;
	studio_line_exec(st, &sel, text);
	if (h->error)
		fail_msg("%s: %s", text, h->text);
}

static void open_studio(struct studio *st, const char *dir, struct heard *h,
	const struct cli_globals *g)
{
	char *path = xasprintf("%s/project.json", dir);
	struct project *p;
	struct diag diag = { 0 };
	if (project_load(path, &p, &diag) != ERR_OK)
		fail_msg("%s does not load", path);
	free(path);
	studio_init(st, p, false, g, (struct studio_voice){ keep, h, NULL });
	struct err_msg msg;
	assert_int_equal(studio_open(st, &msg), ERR_OK);
	studio_record_poll(st);
}

static void close_studio(struct studio *st)
{
	studio_close(st);
	studio_deinit(st);
}

static void test_kept(void **state)
{
	(void)state;
	char *dir = tu_tempdir();
	char *path = xasprintf("%s/project.json", dir);
	char why[256] = "";
	struct project *p = tu_load_text(dir, OLD, why, sizeof why);
	if (!p)
		fail_msg("the project does not load: %s", why);
	struct err_msg msg;
	assert_int_equal(project_save(p, &msg), ERR_OK);
	project_free(p);
	char *old = tu_slurp(path);
	const struct cli_globals g = { .output = DRIVER_NULL };
	struct heard h = { "", false };
	struct studio st;

	/* an old project, nothing armed, saves byte-identical through the studio */
	open_studio(&st, dir, &h, &g);
	assert_true(studio_save(&st));
	char *again = tu_slurp(path);
	assert_string_equal(again, old);
	free(again);
	assert_null(strstr(old, "record_"));

	/* armed on 1-2: kept in the file, and an undo does not take it back */
	line(&st, &h, "input gtr 1-2");
	line(&st, &h, "arm gtr");
	line(&st, &h, "track add keys");
	line(&st, &h, "undo");
	studio_record_poll(&st);
	assert_true(studio_save(&st));
	char *armed = tu_slurp(path);
	assert_non_null(strstr(armed, "\"record_armed\":\ttrue"));
	assert_non_null(strstr(armed, "\"record_input\":\t\"1-2\""));
	/* vox, never armed, has no key (its object comes before gtr's) */
	assert_true(strstr(armed, "record_") > strstr(armed, "\"gtr\""));
	free(armed);
	close_studio(&st);

	/* a studio on the saved file starts with gtr armed on inputs 1-2 */
	open_studio(&st, dir, &h, &g);
	assert_false(studio_record_armed(&st, 0, NULL));
	assert_true(studio_record_armed(&st, 1, NULL));
	line(&st, &h, "arm gtr on");
	assert_non_null(strstr(h.text, "\"gtr\" armed: inputs 1-2"));
	/* disarmed and back on input 1: the keys stay, as false and "1" */
	line(&st, &h, "arm gtr off");
	line(&st, &h, "input gtr 1");
	assert_true(studio_save(&st));
	char *off = tu_slurp(path);
	assert_non_null(strstr(off, "\"record_armed\":\tfalse"));
	assert_non_null(strstr(off, "\"record_input\":\t\"1\""));
	free(off);
	close_studio(&st);

	free(old);
	free(path);
	tu_rmtree(dir);
	free(dir);
}

static void test_refused(void **state)
{
	(void)state;
	char *dir = tu_tempdir();
	char why[256] = "";
	struct project *p = tu_load_text(dir, "{\"format\":\"ttymix-project\",\"version\":1,"
		"\"sample_rate\":48000,\"tracks\":[{\"name\":\"vox\",\"record_input\":\"3\","
		"\"clips\":[]}]}", why, sizeof why);
	assert_null(p);
	assert_non_null(strstr(why, "record_input"));
	p = tu_load_text(dir, "{\"format\":\"ttymix-project\",\"version\":1,"
		"\"sample_rate\":48000,\"tracks\":[{\"name\":\"vox\",\"record_armed\":1,"
		"\"clips\":[]}]}", why, sizeof why);
	assert_null(p);
	assert_non_null(strstr(why, "record_armed"));
	tu_rmtree(dir);
	free(dir);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_kept),
		cmocka_unit_test(test_refused),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
