/* ttymix render: the project through the offline renderer into a file (or stems);
 * the file side is src/render_file.c, shared with the studio's :render. */
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "audio/dsp/dither.h"
#include "audio/media.h"
#include "src/cli.h"
#include "src/graph_build.h"
#include "src/lv2_project.h"
#include "src/paths.h"
#include "src/render_file.h"
#include "src/base/text.h"
#include "src/base/xalloc.h"

struct render_opts {
	const char *project, *out, *stems;
	const char *title, *artist;  /* tags; NULL: the project's name / album artist */
	struct cli_file_format format;
	double start, end;     /* end < 0: the end of the last clip */
	bool allow_missing;    /* render with clips whose file cannot be read, silent */
};

static void out_warn(void *arg, const char *why)
{
	(void)arg;
	text_fprintf(stderr, "ttymix: warning: %s (clip offline from here: plays as silence)\n",
		why);
}

/* The file options of a render of g (not consumed) from ro, titled title; non-zero
 * (having said why) when the range holds nothing. */
static int file_opts(const struct render_opts *ro, const struct project *p,
	const struct graph *g, const char *title, struct render_file_report *report,
	struct render_file_opts *o)
{
	int64_t start = graph_frames(ro->start, p->sample_rate);
	int64_t end = ro->end >= 0 ? graph_frames(ro->end, p->sample_rate) : g->end_frame;
	if (end <= start) {
		if (ro->end < 0)
			return cli_fail("%s: nothing to render (no audio after %g s)", p->path, ro->start);
		return cli_usage("--end (%g s) must be after --start (%g s)", ro->end, ro->start);
	}
	render_file_opts_init(o);
	o->container = ro->format.container;
	o->sample = ro->format.sample;
	o->rate = ro->format.rate;
	o->dither = ro->format.dither;
	o->dither_set = ro->format.dither_set;
	o->start_frame = start;
	o->end_frame = end;
	o->title = title;
	o->artist = ro->artist ? ro->artist : p->album ? p->album->artist : NULL;
	o->album = p->album ? p->album->title : NULL;
	o->warn = out_warn;
	o->report = report;
	return 0;
}

/* The closing line of a file: what it holds, and a warning when samples clipped. */
static void say_rendered(const char *path, const struct render_file_report *report)
{
	char line[PATH_MAX + 256];
	render_file_summary(path, report, -1.0, false, line, sizeof line);
	text_fprintf(stdout, "rendered %s\n", line);
}

/* Render graph g (consumed) to path. */
static int render_one(const struct render_opts *ro, const struct project *p,
	struct graph *g, const char *path)
{
	struct err_msg msg;
	struct render_file_opts o;
	struct render_file_report report;
	int rc = file_opts(ro, p, g, ro->title ? ro->title : p->name, &report, &o);
	if (rc) {
		graph_destroy(g);
		return rc;
	}
	if (render_file(g, path, &o, &msg) != ERR_OK)
		return cli_fail("%s", msg.text);
	say_rendered(path, &report);
	return 0;
}

static int refuse_inputs(const struct render_opts *ro, const struct project *p);

/* The container from -o's name unless --format gave it, and whether it can hold what
 * is asked. */
static int check_format(struct render_opts *ro)
{
	if (!ro->format.container_set && ro->out) {
		if (!render_file_container_of(ro->out, &ro->format.container)) {
			/* a name without a format may be one of the project's own files
			 * (-o P/project.json): that is refused as such, not as a usage slip */
			struct diag d;
			diag_init(&d);
			struct project *p = NULL;
			int rc = 0;
			if (project_load(ro->project, &p, &d) == ERR_OK)
				rc = refuse_inputs(ro, p);
			diag_deinit(&d);
			project_free(p);
			if (rc)
				return rc;
			return cli_usage("cannot tell the format of \"%s\" from its name; add --format "
				"wav|flac|ogg|aiff|mp3", ro->out);
		}
	}
	return cli_file_format_check(&ro->format);
}

static int parse_args(int argc, char **argv, struct render_opts *ro)
{
	memset(ro, 0, sizeof *ro);
	ro->end = -1;
	ro->format.sample = MEDIA_PCM24;
	const struct cli_opt opts[] = {
		{ .name = "--output-file", .short_name = "-o", .kind = CLI_OPT_STRING,
		  .to = &ro->out },
		CLI_FILE_FORMAT_OPTS(&ro->format),
		{ .name = "--start", .kind = CLI_OPT_DOUBLE, .to = &ro->start, .min = 0,
		  .max = PROJECT_MAX_SECONDS, .takes = "seconds from 0" },
		{ .name = "--end", .kind = CLI_OPT_DOUBLE, .to = &ro->end, .min = 0,
		  .max = PROJECT_MAX_SECONDS, .takes = "seconds from 0" },
		{ .name = "--stems", .kind = CLI_OPT_STRING, .to = &ro->stems },
		{ .name = "--allow-missing", .kind = CLI_OPT_FLAG, .to = &ro->allow_missing },
		{ .name = "--title", .kind = CLI_OPT_STRING, .to = &ro->title },
		{ .name = "--artist", .kind = CLI_OPT_STRING, .to = &ro->artist },
	};
	const struct cli_spec spec = { .command = "render", CLI_OPTS(opts), .max_operands = 1,
		.too_many = "render takes one project", .missing = "render needs a project" };
	if (cli_parse(argc, argv, &spec) < 0)
		return EXIT_USAGE;
	ro->project = argv[0];
	if (!ro->out && !ro->stems)
		return cli_usage("render needs -o OUT (or --stems DIR)");
	return check_format(ro);
}

/* Stem s's file: DIR/NN-name.ext (strips numbered tracks first, then buses). */
static char *stem_path(const struct render_opts *ro, const struct project *p, int s)
{
	const char *name = project_strip_get(p, s)->name;
	char *path = xasprintf("%s/%02d-%s.%s", ro->stems, s + 1, name[0] ? name : "strip",
		media_container_ext(ro->format.container));
	for (char *q = strrchr(path, '/') + 1; *q; q++)
		if (*q == '/' || *q == ' ')
			*q = '_';
	return path;
}

/* Refuse, before anything is written, an output (-o or a stem) that is a file the
 * project reads or holds it. */
static int refuse_inputs(const struct render_opts *ro, const struct project *p)
{
	int n, rc = 0;
	struct render_input *in = render_file_project_inputs(p, &n);
	struct err_msg msg;
	if (ro->out && render_file_check_target(ro->out, in, n, &msg) != ERR_OK)
		rc = cli_fail("%s", msg.text);
	for (int s = 0; !rc && ro->stems && s < p->n_tracks + p->n_buses; s++) {
		char *path = stem_path(ro, p, s);
		if (render_file_check_target(path, in, n, &msg) != ERR_OK)
			rc = cli_fail("%s", msg.text);
		free(path);
	}
	render_file_inputs_free(in, n);
	return rc;
}

/* The mix (to ro->out, when asked) and one stem per strip, tracks then buses
 * (numbered after the tracks: DIR/NN-name.ext), all in one pass of graph g
 * (consumed). A stem is the strip's part of the master's sum, through the master's
 * inserts and fader as the mix went through them (the dynamics' gains are the mix's:
 * docs/dsp.md, "Stems"): a track's stem is what it sends straight to the master, a
 * bus's is what the bus outputs (its tracks and returns); a strip that plays into a
 * bus has a silent stem. The stems add up to the mix. The mix's line gives its
 * loudness and true peak, each stem's its sample peak and RMS level. */
static int render_stems(const struct render_opts *ro, const struct project *p,
	struct graph *g)
{
	struct err_msg msg;
	if (paths_mkdirs(ro->stems, &msg) != ERR_OK) {
		graph_destroy(g);
		return cli_fail("%s", msg.text);
	}
	const int n = p->n_tracks + p->n_buses;
	struct render_file_opts mix_o, *o = xcalloc((size_t)n + 1, sizeof *o);
	struct render_file_report mix_report, *reports = xcalloc((size_t)n + 1, sizeof *reports);
	char **paths = xcalloc((size_t)n + 1, sizeof *paths);
	int rc = file_opts(ro, p, g, ro->title ? ro->title : p->name, &mix_report, &mix_o);
	for (int s = 0; !rc && s < n; s++) {
		const char *name = project_strip_get(p, s)->name;
		paths[s] = stem_path(ro, p, s);
		rc = file_opts(ro, p, g, ro->title ? ro->title : name, &reports[s], &o[s]);
		o[s].report_levels = true;
	}
	if (rc) {
		graph_destroy(g);
	} else {
		struct diag d;
		diag_init(&d);
		graph_build_stems(p, g, &d);
		diag_deinit(&d); /* the master's warnings were said when the mix's chain was made */
		if (render_file_stems(g, ro->out, &mix_o, paths, o, n, &msg) != ERR_OK)
			rc = cli_fail("%s", msg.text);
	}
	if (!rc && ro->out)
		say_rendered(ro->out, &mix_report);
	for (int s = 0; !rc && s < n; s++)
		say_rendered(paths[s], &reports[s]);
	for (int s = 0; s < n; s++)
		free(paths[s]);
	free(paths);
	free(o);
	free(reports);
	return rc;
}

/* A render never goes on without a plug-in the mix was made with. */
static int refuse_missing_plugins(const struct project *p)
{
	struct diag d;
	diag_init(&d);
	int rc = lv2_project_missing(p, &d, DIAG_ERROR) ? cli_fail("%s", diag_first_error(&d)) : 0;
	diag_deinit(&d);
	return rc;
}

int cli_render(int argc, char **argv, const struct cli_globals *g)
{
	(void)g;
	struct render_opts ro;
	struct project *p;
	int rc = parse_args(argc, argv, &ro);
	if (rc || (rc = cli_load_project(ro.project, &p)))
		return rc;
	if ((rc = refuse_inputs(&ro, p)) || (rc = refuse_missing_plugins(p))
		|| (rc = cli_check_clips(p, ro.allow_missing, "renders"))) {
		project_free(p);
		return rc;
	}
	render_file_catch_signals();
	struct graph *gr;
	if ((rc = cli_build_graph(p, true, &gr))) {
		project_free(p);
		return rc;
	}
	if (ro.stems)
		rc = render_stems(&ro, p, gr);
	else
		rc = render_one(&ro, p, gr, ro.out);
	project_free(p);
	return rc;
}
