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

/* Render graph g (consumed) to path. */
static int render_one(const struct render_opts *ro, const struct project *p,
	struct graph *g, const char *path)
{
	struct err_msg msg;
	int64_t start = graph_frames(ro->start, p->sample_rate);
	int64_t end = ro->end >= 0 ? graph_frames(ro->end, p->sample_rate) : g->end_frame;
	if (end <= start) {
		graph_destroy(g);
		if (ro->end < 0)
			return cli_fail("%s: nothing to render (no audio after %g s)", p->path, ro->start);
		return cli_usage("--end (%g s) must be after --start (%g s)", ro->end, ro->start);
	}
	struct render_file_opts o;
	render_file_opts_init(&o);
	o.container = ro->format.container;
	o.sample = ro->format.sample;
	o.rate = ro->format.rate;
	o.dither = ro->format.dither;
	o.dither_set = ro->format.dither_set;
	o.start_frame = start;
	o.end_frame = end;
	o.title = ro->title ? ro->title : p->name;
	o.artist = ro->artist ? ro->artist : p->album ? p->album->artist : NULL;
	o.album = p->album ? p->album->title : NULL;
	o.warn = out_warn;
	struct render_file_report report;
	o.report = &report;
	if (render_file(g, path, &o, &msg) != ERR_OK)
		return cli_fail("%s", msg.text);
	/* the closing line: what the file holds, and a warning when samples clipped */
	char line[PATH_MAX + 256];
	render_file_summary(path, &report, -1.0, false, line, sizeof line);
	text_fprintf(stdout, "rendered %s\n", line);
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

/* A copy of p in which only strip s (a track 0..n_tracks-1, or a bus n_tracks..) plays
 * into the master: every other strip whose output is the master goes to a muted bus
 * instead. Nothing else changes (mutes, solos, sends, the buses' inputs), so each strip
 * sounds as in the mix, and the stems of every strip that feeds the master add up to
 * the mix when the master chain is linear: a track's stem is what it sends straight
 * to the master, a bus's stem is what the bus outputs (its tracks and returns). Rerouting
 * to a muted bus leaves solo logic alone: the master takes no part in it. */
static struct project *stem_project(const struct project *p, int s)
{
	char *text = project_to_json((struct project *)p);
	struct project *c = NULL;
	struct diag d;
	diag_init(&d);
	project_from_json(text, p->dir, p->path, &c, &d);
	diag_deinit(&d);
	free(text);
	if (!c)
		return NULL;
	char *sink = xstrdup("ttymix-stem-sink");
	for (int n = 2; project_find_bus(c, sink) >= 0; n++) {
		free(sink);
		sink = xasprintf("ttymix-stem-sink-%d", n);
	}
	int n_strips = c->n_tracks + c->n_buses;
	struct project_bus *b = project_add_bus(c, sink);
	b->strip.mute = true;
	for (int k = 0; k < n_strips; k++) {
		char **output = &project_strip_at(c, k)->output;
		if (k == s || project_output_bus(c, *output) != -1)
			continue;
		free(*output);
		*output = xstrdup(sink);
	}
	free(sink);
	return c;
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

/* One stem per track, then one per bus (numbered after the tracks): NN-name.ext. */
static int render_stems(const struct render_opts *ro, const struct project *p)
{
	struct err_msg msg;
	if (paths_mkdirs(ro->stems, &msg) != ERR_OK)
		return cli_fail("%s", msg.text);
	int rc = 0;
	for (int s = 0; !rc && s < p->n_tracks + p->n_buses; s++) {
		struct project *c = stem_project(p, s);
		if (!c)
			return cli_fail("%s: cannot copy the project for its stems", p->path);
		struct diag d;
		diag_init(&d);
		struct graph *gr = NULL;
		enum err built = graph_build(c, true, &gr, &d);
		if (built != ERR_OK)
			rc = cli_fail("%s", diag_first_error(&d));
		diag_deinit(&d);
		const char *name = project_strip_get(p, s)->name;
		if (!rc) {
			char *path = stem_path(ro, p, s);
			struct render_opts so = *ro;
			if (!so.title)
				so.title = name;
			rc = render_one(&so, c, gr, path);
			free(path);
		}
		project_free(c);
	}
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
	if (ro.out)
		rc = render_one(&ro, p, gr, ro.out);
	else
		graph_destroy(gr);
	if (!rc && ro.stems)
		rc = render_stems(&ro, p);
	project_free(p);
	return rc;
}
