/* ttymix lesson list | ttymix lesson check DIR: the bundled lessons, and a lesson's
 * check run headless (the studio's :check prints the same lines). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "src/cli.h"
#include "src/flow.h"
#include "src/lesson.h"
#include "src/base/text.h"
#include "src/base/xalloc.h"

static int lesson_list(void)
{
	char *root = lesson_root();
	if (!root)
		return cli_fail("no lessons found (neither beside the program nor installed)");
	int shown = 0;
	for (int n = 1; n <= 99; n++) {
		char *dir = lesson_find(root, n);
		if (!dir)
			continue;
		struct lesson *l;
		struct err_msg msg;
		if (lesson_load(dir, &l, &msg) == ERR_OK) {
			text_fprintf(stdout, "%2d  %-12s %s\n", n, l->title, dir);
			text_fprintf(stdout, "    %s\n", l->goal);
			lesson_free(l);
			shown++;
		} else {
			fprintf(stderr, "ttymix: %s\n", msg.text);
		}
		free(dir);
	}
	free(root);
	return shown ? 0 : cli_fail("no lessons found");
}

static int lesson_check_dir(const char *dir)
{
	struct lesson *l;
	struct err_msg msg;
	if (lesson_load(dir, &l, &msg) != ERR_OK)
		return cli_fail("%s", msg.text);
	struct project *p;
	int rc = cli_load_project(dir, &p);
	if (rc) {
		lesson_free(l);
		return rc;
	}
	struct lesson_result res;
	enum err e = lesson_check(l, p, &res, &msg);
	if (e != ERR_OK) {
		rc = cli_fail("%s", msg.text);
	} else {
		char *text = lesson_result_text(&res);
		text_fprintf(stdout, "Lesson %d, %s: %s\n", l->number, l->title,
			res.pass ? "passed" : "not yet");
		/* several lines, quoting names that were checked on load */
		text_fputs(text, stdout, true);
		free(text);
		rc = res.pass ? 0 : 1;
	}
	project_free(p);
	lesson_free(l);
	return rc;
}

static const struct cli_spec lesson_spec = { .command = "lesson", .min_operands = 1,
	.max_operands = 2, .usage = "usage: ttymix lesson list | ttymix lesson check DIR" };

int cli_lesson(int argc, char **argv, const struct cli_globals *g)
{
	(void)g;
	const int n = cli_parse(argc, argv, &lesson_spec);
	if (n < 0)
		return EXIT_USAGE;
	if (n == 1 && !strcmp(argv[0], "list"))
		return lesson_list();
	if (n == 2 && !strcmp(argv[0], "check"))
		return lesson_check_dir(argv[1]);
	return cli_spec_usage(&lesson_spec);
}

/* ttymix flow PROJECT TRACK: the studio's signal-flow panel, headless. */
static const struct cli_spec flow_spec = { .command = "flow", .min_operands = 2,
	.max_operands = 2, .usage = "usage: ttymix flow PROJECT TRACK" };

int cli_flow(int argc, char **argv, const struct cli_globals *g)
{
	(void)g;
	if (cli_parse(argc, argv, &flow_spec) < 0)
		return EXIT_USAGE;
	struct project *p;
	int rc = cli_load_project(argv[0], &p);
	if (rc)
		return rc;
	int t = project_find_track(p, argv[1]);
	if (t < 0) {
		rc = cli_fail("%s: no track \"%s\"", p->path, argv[1]);
		project_free(p);
		return rc;
	}
	struct flow f;
	struct err_msg msg;
	if (flow_measure(p, t, &f, &msg) != ERR_OK) {
		rc = cli_fail("%s", msg.text);
	} else {
		char *text = flow_text(p, t, &f);
		text_fputs(text, stdout, true);
		free(text);
	}
	project_free(p);
	return rc;
}
