/* ttymix help PARAM | --all: what a control does, its unit and range, starting points
 * and what to listen for (the table in src/explain.c, the same text as the studio's
 * info panel and docs/explain.md). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "src/cli.h"
#include "src/explain.h"

struct hits {
	int n;
	char cls[32][32], param[32][64];
	bool has_param[32];
};

static void found(void *arg, const char *cls, const char *param)
{
	struct hits *h = arg;
	if (h->n == 32)
		return;
	snprintf(h->cls[h->n], sizeof h->cls[0], "%s", cls);
	snprintf(h->param[h->n], sizeof h->param[0], "%s", param ? param : "");
	h->has_param[h->n] = param != NULL;
	h->n++;
}

int cli_help(int argc, char **argv, const struct cli_globals *g)
{
	(void)g;
	bool want_all = false;
	const struct cli_opt opts[] = { { .name = "--all", .kind = CLI_OPT_FLAG,
		.to = &want_all } };
	const struct cli_spec spec = { .command = "help", CLI_OPTS(opts), .max_operands = 1,
		.usage = "usage: ttymix help PARAM (e.g. compressor.ratio, ratio, fader) "
		"| ttymix help --all" };
	const int operands = cli_parse(argc, argv, &spec);
	if (operands < 0)
		return EXIT_USAGE;
	if (operands != (want_all ? 0 : 1))
		return cli_spec_usage(&spec);
	if (want_all) {
		char *all = explain_all();
		fputs(all, stdout);
		free(all);
		return 0;
	}
	struct hits h = { 0 };
	int n = explain_search(argv[0], found, &h);
	if (n == 0)
		return cli_fail("help: no control called \"%s\" (try a class such as "
			"compressor, a parameter such as ratio, or fader, pan, send)", argv[0]);
	for (int i = 0; i < h.n; i++) {
		char *text = explain_format(h.cls[i], h.has_param[i] ? h.param[i] : NULL);
		if (text) {
			if (i)
				putchar('\n');
			fputs(text, stdout);
			free(text);
		}
	}
	if (n > h.n)
		printf("\n(%d more matches; ask for one by class.param)\n", n - h.n);
	return 0;
}
