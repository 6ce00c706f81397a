/* ttymix render: the project through the offline renderer into a file (or stems);
 * the file side is src/render_file.c, shared with the studio's :render. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "audio/dsp/dither.h"
#include "audio/media.h"
#include "src/cli.h"
#include "src/graph_build.h"
#include "src/paths.h"
#include "src/pitch.h"
#include "src/render_file.h"
#include "src/base/text.h"
#include "src/base/xalloc.h"

struct render_opts {
	const char *project, *out, *stems;
	const char *title, *artist;  /* tags; NULL: the project's name / album artist */
	enum media_container container;
	enum media_sample sample;
	int rate;              /* output rate; 0: the project's */
	enum dither_kind dither;
	bool dither_set, container_set, sample_set;
	double start, end;     /* end < 0: the end of the last clip */
};

static void out_warn(void *arg, const char *why)
{
	(void)arg;
	text_fprintf(stderr, "ttymix: warning: %s (clip offline from here: plays as silence)\n",
		why);
}

static void say_pitching(void *arg, const char *what)
{
	(void)arg;
	text_fprintf(stderr, "ttymix: pitching %s\n", what);
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
	o.container = ro->container;
	o.sample = ro->sample;
	o.rate = ro->rate;
	o.dither = ro->dither;
	o.dither_set = ro->dither_set;
	o.start_frame = start;
	o.end_frame = end;
	o.title = ro->title ? ro->title : p->name;
	o.artist = ro->artist ? ro->artist : p->album ? p->album->artist : NULL;
	o.album = p->album ? p->album->title : NULL;
	o.warn = out_warn;
	if (render_file(g, path, &o, &msg) != ERR_OK)
		return cli_fail("%s", msg.text);
	return 0;
}

static int refuse_inputs(const struct render_opts *ro, const struct project *p);

/* The container from -o's name unless --format gave it, and whether it can hold what
 * is asked. */
static int check_format(struct render_opts *ro)
{
	if (!ro->container_set && ro->out) {
		if (!render_file_container_of(ro->out, &ro->container)) {
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
	if (!media_container_writable(ro->container))
		return cli_fail("this libsndfile cannot write %s (MP3 needs a libsndfile built with "
			"LAME); use wav, flac or ogg", media_container_ext(ro->container));
	if (ro->container == MEDIA_FLAC && ro->sample == MEDIA_FLOAT32)
		return cli_usage("FLAC stores 16 or 24-bit; use --bits 16 or 24");
	return 0;
}

static int parse_args(int argc, char **argv, struct render_opts *ro)
{
	memset(ro, 0, sizeof *ro);
	ro->end = -1;
	ro->sample = MEDIA_PCM24;
	for (int i = 0; i < argc; i++) {
		const char *a = argv[i], *v;
		if (a[0] != '-' || !a[1]) {
			if (ro->project)
				return cli_usage("render takes one project (got \"%s\" too)", a);
			ro->project = a;
			continue;
		}
		if (!(v = cli_option_value(argc, argv, &i)))
			return EXIT_USAGE;
		long n;
		if (!strcmp(a, "-o") || !strcmp(a, "--output-file"))
			ro->out = v;
		else if (!strcmp(a, "--format")) {
			if (!media_container_parse(v, &ro->container))
				return cli_usage("--format takes wav, flac, ogg, aiff or mp3, not \"%s\"", v);
			ro->container_set = true;
		} else if (!strcmp(a, "--bits")) {
			if (!media_sample_parse(v, &ro->sample))
				return cli_usage("--bits takes 16, 24 or 32f, not \"%s\"", v);
			ro->sample_set = true;
		} else if (!strcmp(a, "--rate")) {
			if (!cli_parse_int(v, PROJECT_MIN_RATE, PROJECT_MAX_RATE, &n))
				return cli_usage("--rate takes %d to %d Hz, not \"%s\"", PROJECT_MIN_RATE,
					PROJECT_MAX_RATE, v);
			ro->rate = (int)n;
		} else if (!strcmp(a, "--dither")) {
			if (!strcmp(v, "none"))
				ro->dither = DITHER_NONE;
			else if (!strcmp(v, "tpdf"))
				ro->dither = DITHER_TPDF;
			else if (!strcmp(v, "shaped"))
				ro->dither = DITHER_SHAPED;
			else
				return cli_usage("--dither takes none, tpdf or shaped, not \"%s\"", v);
			ro->dither_set = true;
		} else if (!strcmp(a, "--start")) {
			if (!cli_parse_double(v, 0, PROJECT_MAX_SECONDS, &ro->start))
				return cli_usage("--start takes seconds from 0, not \"%s\"", v);
		} else if (!strcmp(a, "--end")) {
			if (!cli_parse_double(v, 0, PROJECT_MAX_SECONDS, &ro->end))
				return cli_usage("--end takes seconds from 0, not \"%s\"", v);
		} else if (!strcmp(a, "--stems"))
			ro->stems = v;
		else if (!strcmp(a, "--title"))
			ro->title = v;
		else if (!strcmp(a, "--artist"))
			ro->artist = v;
		else
			return cli_usage("render: unknown option %s", a);
	}
	if (!ro->project)
		return cli_usage("render needs a project");
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
		media_container_ext(ro->container));
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

int cli_render(int argc, char **argv, const struct cli_globals *g)
{
	(void)g;
	struct render_opts ro;
	int rc = parse_args(argc, argv, &ro);
	if (rc)
		return rc;
	struct project *p;
	if ((rc = cli_load_project(ro.project, &p)))
		return rc;
	if ((rc = refuse_inputs(&ro, p))) {
		project_free(p);
		return rc;
	}
	render_file_catch_signals();
	/* pitched clips play from caches: make the missing ones first (minutes of audio
	 * take seconds each), saying which */
	struct err_msg pmsg;
	if (pitch_prepare_all(p, say_pitching, NULL, NULL, &pmsg) != ERR_OK) {
		project_free(p);
		return cli_fail("%s", pmsg.text);
	}
	struct diag d;
	diag_init(&d);
	struct graph *gr = NULL;
	enum err built = graph_build(p, true, &gr, &d);
	for (size_t i = 0; built == ERR_OK && i < d.count; i++)
		fprintf(stderr, "ttymix: warning: %s\n", d.items[i].text);
	if (built != ERR_OK) {
		rc = cli_fail("%s", diag_first_error(&d));
		diag_deinit(&d);
		project_free(p);
		return rc;
	}
	diag_deinit(&d);
	if (ro.out)
		rc = render_one(&ro, p, gr, ro.out);
	else
		graph_destroy(gr);
	if (!rc && ro.stems)
		rc = render_stems(&ro, p);
	project_free(p);
	return rc;
}
