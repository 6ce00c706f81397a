/* ttymix review PROJECT [--json] [--from S --to S] [--reference FILE | --target CURVE]:
 * a second pair of ears on the mix (src/review.h), as text or as one JSON document;
 * and ttymix curve OUT REF... [--name NAME]: a tonal target curve kept as data, made
 * from reference recordings (src/review_curve.h). */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "src/cli.h"
#include "src/lv2_project.h"
#include "src/project.h"
#include "src/review.h"
#include "src/review_curve.h"
#include "src/base/text.h"

struct review_args {
	const char *project, *reference, *target;
	bool json;
	double from, to;
};

static int parse_args(int argc, char **argv, struct review_args *a)
{
	memset(a, 0, sizeof *a);
	a->to = -1;
	const struct cli_opt opts[] = {
		{ .name = "--json", .kind = CLI_OPT_FLAG, .to = &a->json },
		{ .name = "--from", .kind = CLI_OPT_DOUBLE, .to = &a->from, .min = 0,
		  .max = PROJECT_MAX_SECONDS, .takes = "seconds from 0" },
		{ .name = "--to", .kind = CLI_OPT_DOUBLE, .to = &a->to, .min = 0,
		  .max = PROJECT_MAX_SECONDS, .takes = "seconds from 0" },
		{ .name = "--reference", .kind = CLI_OPT_STRING, .to = &a->reference },
		{ .name = "--target", .kind = CLI_OPT_STRING, .to = &a->target },
	};
	const struct cli_spec spec = { .command = "review", CLI_OPTS(opts), .max_operands = 1,
		.too_many = "review takes one project", .missing = "review needs a project" };
	if (cli_parse(argc, argv, &spec) < 0)
		return EXIT_USAGE;
	a->project = argv[0];
	if (a->to >= 0 && a->to <= a->from)
		return cli_usage("--to (%g s) must be after --from (%g s)", a->to, a->from);
	if (a->reference && a->target)
		return cli_usage("--reference and --target are two tonal targets: give one");
	return 0;
}

static void json_key_number(const char *key, double v, bool comma)
{
	printf("%s\"%s\": ", comma ? ", " : "", key);
	cli_print_json_number(v);
}

static void json_key_string(const char *key, const char *s, bool comma)
{
	printf("%s\"%s\": ", comma ? ", " : "", key);
	cli_print_json_string(s);
}

static void json_finding(const struct review_finding *f)
{
	printf("    {");
	json_key_string("kind", review_kind_name(f->kind), false);
	json_key_string("severity", review_severity_name(f->severity), true);
	json_key_string("strip", f->strip, true);
	printf(", \"strip_index\": %d", f->strip_index);
	if (f->other[0])
		json_key_string("other", f->other, true);
	json_key_number("from_sec", f->from_sec, true);
	json_key_number("to_sec", f->to_sec, true);
	if (f->hi_hz > 0) {
		json_key_number("lo_hz", f->lo_hz, true);
		json_key_number("hi_hz", f->hi_hz, true);
		json_key_number("hz", f->hz, true);
	}
	json_key_number("value", f->value, true);
	json_key_string("unit", f->unit, true);
	json_key_string("what", f->what, true);
	json_key_string("why", f->why, true);
	printf(", \"fix\": [");
	for (int i = 0; i < f->n_fix; i++) {
		char line[sizeof f->fix[0] + 1];
		snprintf(line, sizeof line, ":%s", f->fix[i]);
		printf(i ? ", " : "");
		cli_print_json_string(line);
	}
	printf("]}");
}

static void print_json(const struct project *p, const struct review *r)
{
	printf("{\n  ");
	json_key_string("project", p->path, false);
	json_key_number("from_sec", r->from_sec, true);
	json_key_number("to_sec", r->to_sec, true);
	json_key_number("took_sec", r->took_sec, true);
	printf(",\n  \"master\": {");
	json_key_number("integrated_lufs", r->integrated_lufs, false);
	json_key_number("lra_lu", r->lra_lu, true);
	json_key_number("true_peak_dbtp", r->true_peak_dbtp, true);
	json_key_number("plr_db", r->plr_db, true);
	json_key_number("crest_db", r->crest_db, true);
	json_key_number("mono_loss_lu", r->mono_loss_db, true);
	json_key_number("mixbus_peak_dbtp", r->mixbus_peak_dbtp, true);
	json_key_number("target_lufs", r->target_lufs, true);
	printf("},\n  \"findings\": [\n");
	for (int i = 0; i < r->n_findings; i++) {
		json_finding(&r->findings[i]);
		printf(i + 1 < r->n_findings ? ",\n" : "\n");
	}
	printf("  ],\n  \"masking\": [\n");
	for (int i = 0; i < r->n_pairs; i++) {
		const struct review_pair *q = &r->pairs[i];
		printf("    {");
		json_key_string("masked", p->tracks[q->a].strip.name, false);
		json_key_string("by", p->tracks[q->b].strip.name, true);
		json_key_number("share", q->share, true);
		json_key_number("hz", q->hz, true);
		json_key_number("overall", q->overall, true);
		printf(i + 1 < r->n_pairs ? "},\n" : "}\n");
	}
	printf("  ]\n}\n");
}

static void print_text(const struct project *p, const struct review *r)
{
	text_fprintf(stdout, "review of %s: %.1f s of audio in %.1f s\n", p->path,
		r->to_sec - r->from_sec, r->took_sec);
	text_fprintf(stdout, "master: %.1f LUFS integrated (target %.0f), LRA %.1f LU, "
		"%+.1f dBTP, PLR %.1f dB, crest %.1f dB; mix bus peaks %+.1f dBTP; mono loses "
		"%.1f LU\n", r->integrated_lufs, r->target_lufs, r->lra_lu, r->true_peak_dbtp,
		r->plr_db, r->crest_db, r->mixbus_peak_dbtp, r->mono_loss_db);
	if (!r->n_findings)
		text_fprintf(stdout, "no findings\n");
	for (int i = 0; i < r->n_findings; i++) {
		const struct review_finding *f = &r->findings[i];
		char where[256];
		review_where(f, where, sizeof where);
		text_fprintf(stdout, "\n");
		text_fprintf(stdout, "%d. %s, %s: %s\n", i + 1, review_severity_name(f->severity),
			review_kind_name(f->kind), f->what);
		text_fprintf(stdout, "   at %s\n", where);
		text_fprintf(stdout, "   %s\n", f->why);
		for (int k = 0; k < f->n_fix; k++)
			text_fprintf(stdout, "   %s :%s\n", k ? "   " : "fix", f->fix[k]);
	}
}

int cli_review(int argc, char **argv, const struct cli_globals *g)
{
	(void)g;
	struct review_args a;
	struct project *p;
	int rc = parse_args(argc, argv, &a);
	if (rc || (rc = cli_load_project(a.project, &p)))
		return rc;
	if ((rc = cli_check_clips(p, false, "reviews")) || (rc = cli_prepare_pitch(p))) {
		project_free(p);
		return rc;
	}
	struct review r;
	struct err_msg msg;
	struct review_curve curve;
	if (a.target && review_curve_load(a.target, &curve, &msg) != ERR_OK) {
		project_free(p);
		return cli_fail("%s", msg.text);
	}
	const struct review_opts o = { .from_sec = a.from, .to_sec = a.to,
		.reference = a.reference, .curve = a.target ? &curve : NULL };
	if (review_run(p, &o, &r, &msg) != ERR_OK) {
		rc = cli_fail("%s", msg.text);
		project_free(p);
		return rc;
	}
	if (a.json)
		print_json(p, &r);
	else
		print_text(p, &r);
	review_free(&r);
	project_free(p);
	return 0;
}

/* ttymix curve OUT REF... [--name NAME] */
int cli_curve(int argc, char **argv, const struct cli_globals *g)
{
	(void)g;
	const char *name = NULL;
	const struct cli_opt opts[] = {
		{ .name = "--name", .kind = CLI_OPT_STRING, .to = &name },
	};
	const struct cli_spec spec = { .command = "curve", CLI_OPTS(opts), .min_operands = 2,
		.usage = "usage: ttymix curve OUT.json REF... [--name NAME]" };
	const int n = cli_parse(argc, argv, &spec);
	if (n < 0)
		return EXIT_USAGE;
	const char *out = argv[0];
	char fallback[64];
	if (!name) {
		/* the file's name without its folder and .json */
		text_name_from_file(fallback, sizeof fallback, out);
		name = fallback;
	}
	struct review_curve c;
	struct err_msg msg;
	/* the bands are in hertz: any rate that holds 20 kHz measures the same curve */
	if (review_curve_make((const char *const *)argv + 1, n - 1, 48000, name, NULL, &c,
		&msg) != ERR_OK || review_curve_save(out, &c, &msg) != ERR_OK)
		return cli_fail("%s", msg.text);
	text_fprintf(stdout, "%s: the curve %s, from %d reference%s\n", out, c.name, n - 1,
		n - 1 == 1 ? "" : "s");
	return 0;
}
