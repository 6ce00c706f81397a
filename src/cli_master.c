/* ttymix master: a stereo file brought to a loudness target under a true-peak ceiling,
 * through the very engine a project plays on. IN becomes a throw-away project with one
 * track; its master chain is one limiter whose input gain is the gain the target asks
 * for. The result is rendered (src/render_file.c, as `ttymix render` would), measured
 * with libebur128 (audio/loudness.c), and the gain corrected by what the limiter took
 * away, until the integrated loudness is within MASTER_TOLERANCE_LU of the target.
 * With --match REF the chain is eq, width, limiter set to bring IN to REF's spectrum,
 * loudness and width (src/match_chain.h, src/cli_master_match.c) and the target is
 * REF's loudness. */
#include <limits.h>
#include <math.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "audio/loudness.h"
#include "src/cli.h"
#include "src/cli_master.h"
#include "src/render_file.h"
#include "src/base/safefile.h"

#define MASTER_TOLERANCE_LU 0.5   /* the promise */
#define MASTER_AIM_LU 0.1         /* what a pass aims for, well inside it */
#define MASTER_MAX_PASSES 8
#define MASTER_RELEASE_MS 100.0   /* the limiter's release */
/* A true peak up to this much over the ceiling rounds to it (reports show 0.01 dB) */
#define MASTER_CEILING_SLACK_DB 0.005

static const struct {
	const char *name;
	double lufs, ceiling_dbtp;
} targets[] = {
	{ "spotify", -14.0, -1.0 },
	{ "apple", -16.0, -1.0 },
	{ "youtube", -14.0, -1.0 },
	{ "ebu", -23.0, -1.0 },
};

/* --target: a platform's name or a loudness in LUFS. */
static bool parse_target(const char *v, void *to)
{
	struct master_opts *mo = to;
	for (size_t k = 0; k < sizeof targets / sizeof targets[0]; k++)
		if (!strcmp(v, targets[k].name)) {
			mo->target_name = targets[k].name;
			mo->target_lufs = targets[k].lufs;
			return true;
		}
	if (!cli_parse_double(v, -70.0, 0.0, &mo->target_lufs))
		return false;
	mo->target_name = NULL;
	return true;
}

static int parse_args(int argc, char **argv, struct master_opts *mo)
{
	memset(mo, 0, sizeof *mo);
	mo->target_name = targets[0].name;
	mo->target_lufs = targets[0].lufs;
	bool ceiling_set = false, target_set = false, smooth_set = false, cap_set = false;
	double ceiling = -1.0;
	match_opts_init(&mo->match);
	const struct fx_param *ceiling_param =
		&fx_limiter.params[fx_param_find(&fx_limiter, "ceiling_dbtp")];
	const struct cli_opt opts[] = {
		{ .name = "--json", .kind = CLI_OPT_FLAG, .to = &mo->json },
		{ .name = "--output-file", .short_name = "-o", .kind = CLI_OPT_STRING,
		  .to = &mo->out },
		{ .name = "--target", .kind = CLI_OPT_PARSE, .to = mo, .parse = parse_target,
		  .takes = "spotify, apple, youtube, ebu or a loudness in LUFS (-70 to 0)",
		  .given = &target_set },
		{ .name = "--match", .kind = CLI_OPT_STRING, .to = &mo->match_ref },
		{ .name = "--smooth", .kind = CLI_OPT_PARSE, .to = &mo->match.octaves,
		  .parse = cli_master_parse_smooth, .given = &smooth_set,
		  .takes = "a fraction of an octave from 1/12 to 2 (1/3, 1/6, 0.5)" },
		{ .name = "--cap", .kind = CLI_OPT_DOUBLE, .to = &mo->match.cap_db,
		  .min = MATCH_CAP_MIN_DB, .max = MATCH_CAP_MAX_DB, .takes = "", .unit = " dB",
		  .given = &cap_set },
		{ .name = "--ceiling", .kind = CLI_OPT_DOUBLE, .to = &ceiling,
		  .min = ceiling_param->min, .max = ceiling_param->max, .takes = "",
		  .unit = " dBTP", .given = &ceiling_set },
	};
	const struct cli_spec spec = { .command = "master", CLI_OPTS(opts), .max_operands = 1,
		.too_many = "master takes one input file", .missing = "master needs an input file" };
	if (cli_parse(argc, argv, &spec) < 0)
		return EXIT_USAGE;
	mo->in = argv[0];
	if (!mo->out)
		return cli_usage("master needs -o OUT");
	if (mo->match_ref && target_set)
		return cli_usage("master takes --target or --match, not both (--match aims at the "
			"reference's loudness)");
	if (!mo->match_ref && (smooth_set || cap_set))
		return cli_usage("--smooth and --cap go with --match REF");
	if (mo->match_ref)
		mo->target_name = NULL;
	if (!render_file_container_of(mo->out, &mo->container))
		return cli_usage("cannot tell the format of \"%s\" from its name (.wav, .flac, .ogg "
			"or .aiff)", mo->out);
	struct render_input input[2] = { { (char *)mo->in, "the input file" },
		{ (char *)mo->match_ref, "the reference" } };
	struct err_msg msg;
	if (render_file_check_target(mo->out, input, mo->match_ref ? 2 : 1, &msg) != ERR_OK)
		return cli_fail("%s", msg.text);
	mo->ceiling_dbtp = ceiling;
	mo->match.ceiling_dbtp = ceiling;
	if (!ceiling_set && mo->target_name)
		for (size_t k = 0; k < sizeof targets / sizeof targets[0]; k++)
			if (!strcmp(targets[k].name, mo->target_name))
				mo->ceiling_dbtp = targets[k].ceiling_dbtp;
	return 0;
}


/* Split a gain between the limiter's input (up to its range) and the track's fader. */
static void set_gain(struct project *p, struct project_insert *lim, double gain_db)
{
	const int k = fx_param_find(&fx_limiter, "input_db");
	const struct fx_param *in = &fx_limiter.params[k];
	double on_limiter = gain_db > in->max ? in->max : gain_db < in->min ? in->min : gain_db;
	lim->params[k] = on_limiter;
	p->tracks[0].strip.gain_db = gain_db - on_limiter;
}


/* Where the passes got: the gain into the limiter, its most gain reduction, how many
 * passes, whether the target was reached and the last pass's loudness. */
struct aim {
	double gain_db;
	float max_gr;
	int passes;
	bool reached;
	struct loudness_result after;
};

/* Render p into work until its loudness is mo's target (or as close as the ceiling
 * lets it come): each pass moves the gain by what the last result missed; near the
 * ceiling the limiter takes part of each step away, so it may take a few. 0, or 1
 * after a message. */
static int aim_passes(struct project *p, struct project_insert *lim,
	const struct master_opts *mo, const char *work, double max_gain,
	const struct loudness_result *before, struct aim *a)
{
	struct err_msg msg;
	int rc = 0;
	double gain_db = mo->target_lufs - before->integrated_lufs;
	double best_gain = gain_db, best_err = INFINITY;
	while (a->passes < MASTER_MAX_PASSES) {
		if (gain_db > max_gain)
			gain_db = max_gain;
		set_gain(p, lim, gain_db);
		if ((rc = cli_master_render_pass(p, work, mo->out, mo->container, &a->max_gr)))
			break;
		a->passes++;
		if (loudness_measure_file(work, &a->after, &msg) != ERR_OK) {
			rc = cli_fail("%s", msg.text);
			break;
		}
		double miss = mo->target_lufs - a->after.integrated_lufs;
		if (fabs(miss) < best_err)
			best_err = fabs(miss), best_gain = gain_db;
		if (fabs(miss) <= MASTER_AIM_LU) {
			a->reached = true;
			break;
		}
		if (miss > 0 && gain_db >= max_gain)
			break;
		gain_db += miss;
	}
	if (!rc && !a->reached && best_err <= MASTER_TOLERANCE_LU && best_gain != gain_db) {
		/* the best pass was not the last one: render it again */
		gain_db = best_gain;
		set_gain(p, lim, gain_db);
		if (!(rc = cli_master_render_pass(p, work, mo->out, mo->container, &a->max_gr))) {
			a->passes++;
			if (loudness_measure_file(work, &a->after, &msg) != ERR_OK)
				rc = cli_fail("%s", msg.text);
		}
	}
	if (!rc && !a->reached)
		a->reached = fabs(mo->target_lufs - a->after.integrated_lufs)
			<= MASTER_TOLERANCE_LU;
	a->gain_db = gain_db;
	return rc;
}

int cli_master(int argc, char **argv, const struct cli_globals *g)
{
	(void)g;
	struct master_opts mo;
	int rc = parse_args(argc, argv, &mo);
	if (rc)
		return rc;
	if (mo.match_ref)
		return cli_master_match(&mo);
	render_file_catch_signals();
	struct loudness_result before;
	struct err_msg msg;
	if (loudness_measure_file(mo.in, &before, &msg) != ERR_OK)
		return cli_fail("%s", msg.text);
	if (!isfinite(before.integrated_lufs))
		return cli_fail("%s: no loudness to work with (silent, or shorter than 400 ms)",
			mo.in);
	struct project *p;
	if ((rc = cli_project_from_files(1, (char **)&mo.in, 0, &p)))
		return rc;
	struct project_insert *lim = project_add_insert(p->master.inserts, &p->master.n_inserts,
		&fx_limiter);
	lim->params[fx_param_find(&fx_limiter, "ceiling_dbtp")] = mo.ceiling_dbtp;
	lim->params[fx_param_find(&fx_limiter, "release_ms")] = MASTER_RELEASE_MS;
	const double max_gain = fx_limiter.params[fx_param_find(&fx_limiter, "input_db")].max +
		PROJECT_MAX_GAIN_DB;
	/* the passes go to a temporary file beside OUT, which takes OUT's place only once
	 * the last pass is measured: an earlier OUT stays whole until then */
	struct safefile slot;
	if (safefile_open(&slot, mo.out, SAFEFILE_KEEP_MODE, &msg) != ERR_OK) {
		project_free(p);
		return cli_fail("%s", msg.text);
	}
	const char *work = slot.tmp_path;

	struct aim aim = { .after = before };
	rc = aim_passes(p, lim, &mo, work, max_gain, &before, &aim);
	const double gain_db = aim.gain_db;
	const float max_gr = aim.max_gr;
	const int passes = aim.passes;
	bool reached = aim.reached;
	struct loudness_result after = aim.after;
	/* a loudness bought by breaking the ceiling is not the target reached */
	bool over = !rc && !(after.true_peak_dbtp <= mo.ceiling_dbtp + MASTER_CEILING_SLACK_DB);
	if (over)
		reached = false;
	project_free(p);
	if (!rc && render_file_caught_signal())
		rc = cli_fail("%s: master stopped by %s; %s is as it was", mo.out,
			render_file_caught_signal() == SIGINT ? "SIGINT (Ctrl-C)" : "SIGTERM", mo.out);
	if (rc) {
		safefile_abort(&slot);
		return rc;
	}
	if (safefile_commit(&slot, &msg) != ERR_OK)
		return cli_fail("%s", msg.text);
	cli_master_print_report(&mo, &before, &after, gain_db, max_gr, passes, reached, NULL);
	fflush(stdout);
	if (over)
		return cli_fail("%s: the result's true peak, %.2f dBTP, is over the %.1f dBTP "
			"ceiling; %s is not a master to deliver", mo.in, after.true_peak_dbtp,
			mo.ceiling_dbtp, mo.out);
	if (!reached)
		return cli_fail("%s: cannot reach %.1f LUFS under a %.1f dBTP ceiling (got %.1f LUFS "
			"with %+.1f dB into the limiter); %s is the closest it came", mo.in,
			mo.target_lufs, mo.ceiling_dbtp, after.integrated_lufs, gain_db, mo.out);
	return 0;
}
