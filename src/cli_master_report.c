/* `ttymix master`'s renders and its report, shared by the loudness target
 * (src/cli_master.c) and --match (src/cli_master_match.c). */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "audio/graph.h"
#include "src/cli.h"
#include "src/cli_master.h"
#include "src/graph_build.h"
#include "src/render_file.h"
#include "src/base/text.h"

/* The limiter on the master, read between render blocks for its gain reduction. */
struct pass {
	const struct fx_insert *limiter;
	float max_gr_db;
};

static bool pass_progress(void *arg, int64_t done, int64_t total)
{
	(void)done;
	(void)total;
	struct pass *ps = arg;
	float gr = fx_insert_gain_reduction_db(ps->limiter);
	if (gr > ps->max_gr_db)
		ps->max_gr_db = gr;
	return true;
}

/* Render p into path (the passes' temporary file) once; the largest gain reduction the
 * limiter applied goes to *max_gr_db. A failure is said of out, the file the user
 * named. */
int cli_master_render_pass(const struct project *p, const char *path, const char *out,
	enum media_container container, float *max_gr_db)
{
	struct diag d;
	diag_init(&d);
	struct graph *g = NULL;
	enum err e = graph_build(p, true, &g, &d);
	if (e != ERR_OK || d.count) {
		int rc = cli_fail("%s", d.count ? d.items[0].text : err_str(e));
		diag_deinit(&d);
		graph_destroy(g);
		return rc;
	}
	diag_deinit(&d);
	/* the last insert is the limiter (alone, or after --match's eq and width) */
	struct pass ps = { .limiter = g->master_inserts.slot[g->master_inserts.n - 1],
		.max_gr_db = 0.0f };
	struct render_file_opts o;
	render_file_opts_init(&o);
	o.container = container;
	o.start_frame = 0;
	o.end_frame = g->end_frame;
	o.progress = pass_progress;
	o.progress_arg = &ps;
	o.title = p->name;
	struct err_msg msg;
	if (render_file(g, path, &o, &msg) != ERR_OK) {
		size_t n = strlen(path);
		if (!strncmp(msg.text, path, n))
			return cli_fail("%s%s", out, msg.text + n);
		return cli_fail("%s", msg.text);
	}
	*max_gr_db = ps.max_gr_db;
	return 0;
}

static void print_json_result(const char *key, const struct loudness_result *r)
{
	printf("\"%s\": {", key);
	cli_print_json_loudness(r, false, false, false);
	putchar('}');
}

void cli_master_print_report(const struct master_opts *mo, const struct loudness_result *before,
	const struct loudness_result *after, double gain_db, double max_gr_db, int passes,
	bool reached, const struct match_result *match)
{
	if (mo->json) {
		fputs("{\"file\": ", stdout);
		cli_print_json_string(mo->in);
		fputs(", \"output\": ", stdout);
		cli_print_json_string(mo->out);
		fputs(", \"target\": ", stdout);
		if (mo->target_name)
			cli_print_json_string(mo->target_name);
		else
			fputs("null", stdout);
		/* numbers that are not finite print as null (JSON has no inf or nan) */
		fputs(", \"target_lufs\": ", stdout);
		cli_print_json_number(mo->target_lufs);
		fputs(", \"ceiling_dbtp\": ", stdout);
		cli_print_json_number(mo->ceiling_dbtp);
		fputs(", ", stdout);
		print_json_result("before", before);
		fputs(", ", stdout);
		print_json_result("after", after);
		fputs(", \"gain_db\": ", stdout);
		cli_print_json_number(gain_db);
		fputs(", \"limiter_max_gr_db\": ", stdout);
		cli_print_json_number(max_gr_db);
		printf(", \"passes\": %d, \"reached\": %s", passes, reached ? "true" : "false");
		if (match)
			cli_master_match_json(mo, match);
		puts("}");
		return;
	}
	if (match)
		text_fprintf(stdout, "%s -> %s: matched to %s (%.1f LUFS), ceiling %.1f dBTP\n",
			mo->in, mo->out, mo->match_ref, mo->target_lufs, mo->ceiling_dbtp);
	else
		text_fprintf(stdout, "%s -> %s: target %.1f LUFS%s%s%s, ceiling %.1f dBTP\n", mo->in, mo->out,
		mo->target_lufs, mo->target_name ? " (" : "", mo->target_name ? mo->target_name : "",
		mo->target_name ? ")" : "", mo->ceiling_dbtp);
	printf("                      before     after\n");
	printf("  integrated LUFS   %8.1f  %8.1f\n", before->integrated_lufs,
		after->integrated_lufs);
	printf("  LRA LU            %8.1f  %8.1f\n", before->lra_lu, after->lra_lu);
	printf("  true peak dBTP    %8.1f  %8.1f\n", before->true_peak_dbtp,
		after->true_peak_dbtp);
	printf("  sample peak dBFS  %8.1f  %8.1f\n", before->sample_peak_dbfs,
		after->sample_peak_dbfs);
	printf("  gain applied      %+8.1f dB\n", gain_db);
	printf("  limiter max GR    %8.1f dB\n", max_gr_db);
	printf("  passes            %8d\n", passes);
	if (match)
		cli_master_match_text(match);
}

bool cli_master_parse_smooth(const char *value, void *to)
{
	return match_parse_octaves(value, to);
}

/* The largest |correction| asked and applied, dB. */
static void extremes(const struct match_result *r, double *asked, double *applied)
{
	*asked = *applied = 0.0;
	for (int i = 0; i < MATCH_GRID_N; i++) {
		*asked = fmax(*asked, fabs(r->curve_db[i]));
		*applied = fmax(*applied, fabs(r->eq_db[i]));
	}
}

void cli_master_match_text(const struct match_result *r)
{
	double asked, applied;
	extremes(r, &asked, &applied);
	printf("  spectrum to ref   %8.2f  %8.2f dB RMS (1/3 octave, 40 Hz-16 kHz)\n",
		r->distance_before, r->distance_after);
	printf("  width (S/M)       %8.2f  %8.2f  (width insert %.2f)\n", r->before.width,
		r->after.width, r->width);
	if (!(r->before.width > 0.001))
		printf("  (the input has no side, as mono: its width cannot be matched)\n");
	printf("  eq correction     %8.1f dB at most (asked %.1f, fit %.2f dB RMS)\n", applied,
		asked, r->fit_rms_db);
}

void cli_master_match_json(const struct master_opts *mo, const struct match_result *r)
{
	double asked, applied;
	extremes(r, &asked, &applied);
	fputs(", \"match\": {\"reference\": ", stdout);
	cli_print_json_string(mo->match_ref);
	fputs(", \"smooth_octaves\": ", stdout);
	cli_print_json_number(mo->match.octaves);
	fputs(", \"cap_db\": ", stdout);
	cli_print_json_number(mo->match.cap_db);
	fputs(", \"distance_before_db\": ", stdout);
	cli_print_json_number(r->distance_before);
	fputs(", \"distance_after_db\": ", stdout);
	cli_print_json_number(r->distance_after);
	fputs(", \"width_before\": ", stdout);
	cli_print_json_number(r->before.width);
	fputs(", \"width_after\": ", stdout);
	cli_print_json_number(r->after.width);
	fputs(", \"width_param\": ", stdout);
	cli_print_json_number(r->width);
	fputs(", \"correction_max_db\": ", stdout);
	cli_print_json_number(applied);
	fputs(", \"asked_max_db\": ", stdout);
	cli_print_json_number(asked);
	fputs(", \"fit_rms_db\": ", stdout);
	cli_print_json_number(r->fit_rms_db);
	printf(", \"passes\": %d}", r->passes);
}
