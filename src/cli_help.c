/* ttymix help TERM | PARAM | --all: what a word of the meters means (the glossary,
 * src/glossary.c), or what a control does, its unit and range, starting points and what
 * to listen for (the table in src/explain.c, the same text as the studio's info panel
 * and docs/explain.md). With --project DIR the pan entries name that project's law. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "audio/fx/fx.h"
#include "src/base/diag.h"
#include "src/cli.h"
#include "src/explain.h"
#include "src/glossary.h"
#include "src/project.h"

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

/* The pan law of the project at dir, for the pan entries; NAN and a message when it
 * cannot be read (the help is still given). */
static double project_pan_law(const char *dir)
{
	struct diag d;
	diag_init(&d);
	struct project *p = NULL;
	double law = NAN;
	if (project_load(dir, &p, &d) == ERR_OK && p)
		law = p->pan_law_db;
	else
		fprintf(stderr, "ttymix: help: %s (the pan law is not named)\n",
			diag_first_error(&d) ? diag_first_error(&d) : "cannot read the project");
	diag_deinit(&d);
	project_free(p);
	return law;
}

/* A parameter name found on several inserts: ask which, naming each, rather than pick
 * one or pour out every text. */
static void ask_which(const char *query, const struct hits *h, int n)
{
	printf("\"%s\" is a control of %d inserts; ask for one, e.g. ttymix help %s.%s:\n",
		query, n, h->cls[0], h->param[0]);
	for (int i = 0; i < h->n; i++) {
		const struct fx_class *fc = fx_class_find(h->cls[i]);
		const struct fx_param *fp = NULL;
		for (int k = 0; fc && k < fc->n_params; k++)
			if (!strcmp(fc->params[k].name, h->param[i]))
				fp = &fc->params[k];
		printf("%s.%s\n    %s\n", h->cls[i], h->param[i], fp ? fp->help : "");
	}
	if (n > h->n)
		printf("(%d more)\n", n - h->n);
}

int cli_help(int argc, char **argv, const struct cli_globals *g)
{
	(void)g;
	bool want_all = false;
	const char *project = NULL;
	const struct cli_opt opts[] = {
		{ .name = "--all", .kind = CLI_OPT_FLAG, .to = &want_all },
		{ .name = "--project", .kind = CLI_OPT_STRING, .to = &project },
	};
	const struct cli_spec spec = { .command = "help", CLI_OPTS(opts), .max_operands = 1,
		.usage = "usage: ttymix help TERM|PARAM [--project DIR] (e.g. lufs, true peak, "
		"compressor.ratio, fader) | ttymix help --all" };
	const int operands = cli_parse(argc, argv, &spec);
	if (operands < 0)
		return EXIT_USAGE;
	if (operands != (want_all ? 0 : 1))
		return cli_spec_usage(&spec);
	if (want_all) {
		char *all = explain_all();
		char *terms = glossary_all();
		fputs(all, stdout);
		fputs(terms, stdout);
		free(terms);
		free(all);
		return 0;
	}
	const double law = project ? project_pan_law(project) : NAN;
	const struct glossary_term *term = glossary_find(argv[0]);
	if (term) {
		char *text = glossary_format(term, law);
		fputs(text, stdout);
		free(text);
		return 0;
	}
	struct hits h = { 0 };
	int n = explain_search(argv[0], found, &h);
	if (n == 0)
		return cli_fail("help: no term or control called \"%s\" (try a term such as "
			"lufs or true peak, a class such as compressor, a parameter such as ratio, "
			"or fader, pan, send)", argv[0]);
	if (n > 1 && !strchr(argv[0], '.') && !fx_class_find(argv[0])) {
		ask_which(argv[0], &h, n);
		return 0;
	}
	for (int i = 0; i < h.n; i++) {
		char *text = explain_format(h.cls[i], h.has_param[i] ? h.param[i] : NULL);
		if (text) {
			if (i)
				putchar('\n');
			fputs(text, stdout);
			free(text);
		}
	}
	if (!strcmp(argv[0], "pan") && isfinite(law)) {
		char *words = glossary_pan_law_words(law);
		printf("This project's pan law: %s; ttymix help pan-law explains it.\n", words);
		free(words);
	}
	if (n > h.n)
		printf("\n(%d more matches; ask for one by class.param)\n", n - h.n);
	return 0;
}
