/* ttymix lesson list | check DIR [--json] | report DIR... [--csv|--json]: the bundled
 * lessons, a lesson's check run headless (the studio's :check prints the same lines)
 * against the lesson's source spec, and a class's folders gathered into one table. */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "src/cli.h"
#include "src/flow.h"
#include "src/lesson.h"
#include "src/base/diag.h"
#include "src/base/text.h"
#include "src/base/xalloc.h"

/* The widest title of the lessons found (in bytes: the shipped titles are ASCII), so
 * that their folders line up. */
static int title_width(const char *extra)
{
	int w = 12;
	for (int n = 1; n <= 99; n++) {
		char *dir = lesson_source(extra, n, NULL);
		struct lesson *l;
		struct err_msg msg;
		if (dir && lesson_load(dir, &l, &msg) == ERR_OK) {
			const int len = (int)strlen(l->title);
			w = len > w ? len : w;
			lesson_free(l);
		}
		free(dir);
	}
	return w;
}

static int lesson_list(const char *extra)
{
	int shown = 0;
	const int width = title_width(extra);
	for (int n = 1; n <= 99; n++) {
		char *dir = lesson_source(extra, n, NULL);
		if (!dir)
			continue;
		struct lesson *l;
		struct err_msg msg;
		if (lesson_load(dir, &l, &msg) == ERR_OK) {
			text_fprintf(stdout, "%2d  %-*s %s\n", n, width, l->title, dir);
			text_fprintf(stdout, "    %s\n", l->goal);
			lesson_free(l);
			shown++;
		} else {
			fprintf(stderr, "ttymix: %s\n", msg.text);
		}
		free(dir);
	}
	return shown ? 0 : cli_fail("no lessons found (neither beside the program, installed, "
		"on $XDG_DATA_DIRS nor in --lessons DIR)");
}

/* ---- ttymix lesson validate DIR: a teacher's new lesson ---- */

/* One line of the validation; false when it failed. */
static bool said(bool ok, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static bool said(bool ok, const char *fmt, ...)
{
	char line[1024];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(line, sizeof line, fmt, ap);
	va_end(ap);
	text_fprintf(stdout, "%s %s\n", ok ? "OK  " : "FAIL", line);
	return ok;
}

/* Check the lesson against one project: its verdict, or false (and why) when the
 * check cannot run. */
static bool check_one(const struct lesson *l, const char *path, const char *dir,
	bool *pass, char *why, size_t why_size)
{
	struct project *p;
	struct diag d;
	diag_init(&d);
	enum err e = project_load(path, &p, &d);
	if (e != ERR_OK)
		snprintf(why, why_size, "%s", diag_first_error(&d));
	diag_deinit(&d);
	if (e != ERR_OK)
		return false;
	/* the solution's clips name their files as the lesson's project does */
	free(p->dir);
	p->dir = xstrdup(dir);
	struct lesson_result res;
	struct err_msg msg;
	e = lesson_check(l, p, &res, &msg);
	project_free(p);
	if (e != ERR_OK) {
		snprintf(why, why_size, "%s", msg.text);
		return false;
	}
	*pass = res.pass;
	char *text = lesson_result_text(&res);
	text_fputs(text, stdout, true);
	free(text);
	return true;
}

static int lesson_validate(const char *dir)
{
	struct lesson *l;
	struct err_msg msg;
	bool valid = lesson_load(dir, &l, &msg) == ERR_OK;
	if (!said(valid, "the spec: %s", valid ? "valid" : msg.text))
		return 1;
	text_fprintf(stdout, "     lesson %d, %s\n", l->number, l->title);
	bool ok = true, pass = false;
	char why[512] = "";
	if (check_one(l, dir, dir, &pass, why, sizeof why))
		ok &= said(!pass, "the untouched project %s", pass ? "passes already: the check "
			"asks for nothing the student must do" : "fails");
	else
		ok &= said(false, "the untouched project: %s", why);
	char *sol = xasprintf("%s/solution/%s", dir, PROJECT_FILE);
	if (access(sol, R_OK) != 0)
		ok &= said(false, "no solution: put the solved project in %s (its clips named as "
			"in the lesson's project.json)", sol);
	else if (check_one(l, sol, dir, &pass, why, sizeof why))
		ok &= said(pass, "the solution (solution/%s) %s", PROJECT_FILE,
			pass ? "passes" : "does not pass");
	else
		ok &= said(false, "the solution: %s", why);
	free(sol);
	lesson_free(l);
	return ok ? 0 : 1;
}

/* ---- grading (lesson check, lesson report) ---- */

static void json_item(const struct lesson_item *it, bool last)
{
	fputs("{\"what\": ", stdout);
	cli_print_json_string(it->what);
	fputs(", \"value\": ", stdout);
	cli_print_json_number(it->value);
	fputs(", \"unit\": ", stdout);
	cli_print_json_string(it->unit);
	fputs(", \"target\": ", stdout);
	cli_print_json_string(it->target);
	printf(", \"pass\": %s, \"advice\": ", it->pass ? "true" : "false");
	cli_print_json_string(it->advice);
	printf("}%s", last ? "" : ", ");
}

/* One graded folder as a JSON object (no newline). */
static void json_grade(const struct lesson_grade *g)
{
	fputs("{\"folder\": ", stdout);
	cli_print_json_string(g->dir);
	fputs(", \"lesson\": ", stdout);
	cli_print_json_string(g->id);
	printf(", \"number\": %d, \"title\": ", g->spec->number);
	cli_print_json_string(g->spec->title);
	printf(", \"source_hash\": \"%016llx\", \"tampered\": %s, \"verdict\": \"%s\", "
		"\"checked_at\": \"%s\", \"items\": [", g->hash, g->tampered ? "true" : "false",
		g->res.pass ? "pass" : "fail", g->when);
	for (int i = 0; i < g->res.n; i++)
		json_item(&g->res.item[i], i == g->res.n - 1);
	fputs("]}", stdout);
}

static void text_tampered(const struct lesson_grade *g, FILE *to)
{
	text_fprintf(to, "TAMPERED: %s/%s differs from the lesson's source (%s/%s); graded "
		"against the source\n", g->dir, LESSON_FILE, g->source, LESSON_FILE);
}

static int lesson_check_dir(const char *dir, const char *extra, bool json)
{
	struct lesson_grade g;
	struct err_msg msg;
	enum err e = lesson_grade(dir, extra, &g, &msg);
	if (e != ERR_OK)
		return cli_fail("%s", msg.text);
	if (json) {
		json_grade(&g);
		putchar('\n');
	} else {
		char *text = lesson_result_text(&g.res);
		text_fprintf(stdout, "Lesson %d, %s: %s\n", g.spec->number, g.spec->title,
			g.res.pass ? "passed" : "not yet");
		if (g.tampered)
			text_tampered(&g, stdout);
		/* several lines, quoting names that were checked on load */
		text_fputs(text, stdout, true);
		free(text);
	}
	int rc = g.res.pass ? 0 : 1;
	lesson_grade_free(&g);
	return rc;
}

/* A CSV field: quoted, its quotes doubled. */
static void csv_field(const char *s, bool last)
{
	putchar('"');
	for (; *s; s++) {
		if (*s == '"')
			putchar('"');
		putchar(*s);
	}
	fputs(last ? "\"\n" : "\",", stdout);
}

static void report_row(const struct lesson_grade *g, bool csv)
{
	char values[512] = "";
	size_t len = 0;
	for (int i = 0; i < g->res.n && len < sizeof values; i++)
		len += (size_t)snprintf(values + len, sizeof values - len, "%s%.2f%s%s",
			i ? (csv ? "|" : ", ") : "", g->res.item[i].value,
			g->res.item[i].unit[0] ? " " : "", g->res.item[i].unit);
	if (csv) {
		csv_field(g->dir, false);
		csv_field(g->id, false);
		csv_field(g->res.pass ? "pass" : "fail", false);
		csv_field(g->tampered ? "tampered" : "", false);
		csv_field(g->when, false);
		csv_field(values, true);
	} else {
		text_fprintf(stdout, "%-32s %-16s %-7s %-8s %s  %s\n", g->dir, g->id,
			g->res.pass ? "pass" : "fail", g->tampered ? "TAMPERED" : "-", g->when, values);
	}
}

/* ttymix lesson report DIR...: every folder graded (its saved project.json), one row
 * each; the folders that could not be read are said apart (stderr, or the JSON's
 * "unreadable"), and make the exit status 1. */
static int lesson_report(char **dirs, int n, const char *extra, bool csv, bool json)
{
	int unreadable = 0;
	if (csv)
		fputs("folder,lesson,verdict,tampered,checked_at,values\n", stdout);
	else if (json)
		fputs("{\"results\": [", stdout);
	else
		text_fprintf(stdout, "%-32s %-16s %-7s %-8s %-20s  %s\n", "FOLDER", "LESSON",
			"VERDICT", "TAMPERED", "CHECKED", "VALUES");
	struct err_msg *why = xcalloc((size_t)n, sizeof *why);
	int shown = 0;
	for (int i = 0; i < n; i++) {
		struct lesson_grade g;
		if (lesson_grade(dirs[i], extra, &g, &why[i]) != ERR_OK) {
			unreadable++;
			continue;
		}
		why[i].text[0] = '\0';
		if (json) {
			fputs(shown ? ", " : "", stdout);
			json_grade(&g);
		} else {
			report_row(&g, csv);
		}
		shown++;
		lesson_grade_free(&g);
	}
	if (json)
		fputs("], \"unreadable\": [", stdout);
	for (int i = 0, k = 0; i < n; i++) {
		if (!why[i].text[0])
			continue;
		if (json) {
			fputs(k++ ? ", {\"folder\": " : "{\"folder\": ", stdout);
			cli_print_json_string(dirs[i]);
			fputs(", \"error\": ", stdout);
			cli_print_json_string(why[i].text);
			fputs("}", stdout);
		} else {
			fprintf(stderr, "ttymix: could not read %s: %s\n", dirs[i], why[i].text);
		}
	}
	if (json)
		fputs("]}\n", stdout);
	free(why);
	return unreadable ? 1 : 0;
}

static const char lesson_usage[] = "usage: ttymix lesson list | ttymix lesson check DIR "
	"[--json] | ttymix lesson report DIR... [--csv|--json] | ttymix lesson validate DIR; "
	"--lessons DIR adds a folder of lessons";

int cli_lesson(int argc, char **argv, const struct cli_globals *g)
{
	(void)g;
	bool json = false, csv = false;
	const char *extra = NULL;
	const struct cli_opt opts[] = {
		{ .name = "--json", .kind = CLI_OPT_FLAG, .to = &json },
		{ .name = "--csv", .kind = CLI_OPT_FLAG, .to = &csv },
		{ .name = "--lessons", .kind = CLI_OPT_STRING, .to = &extra,
		  .takes = "a folder of lessons" },
	};
	const struct cli_spec spec = { .command = "lesson", CLI_OPTS(opts), .min_operands = 1,
		.max_operands = 0, .usage = lesson_usage };
	const int n = cli_parse(argc, argv, &spec);
	if (n < 0)
		return EXIT_USAGE;
	if (n == 1 && !strcmp(argv[0], "list") && !json && !csv)
		return lesson_list(extra);
	if (n == 2 && !strcmp(argv[0], "check") && !csv)
		return lesson_check_dir(argv[1], extra, json);
	if (n >= 2 && !strcmp(argv[0], "report") && !(csv && json))
		return lesson_report(argv + 1, n - 1, extra, csv, json);
	if (n == 2 && !strcmp(argv[0], "validate") && !csv && !json)
		return lesson_validate(argv[1]);
	return cli_spec_usage(&spec);
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
