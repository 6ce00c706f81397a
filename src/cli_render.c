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
#include "src/xalloc.h"

struct render_opts {
	const char *project, *out, *stems;
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
	fprintf(stderr, "ttymix: warning: %s (clip offline from here: plays as silence)\n", why);
}

static void say_pitching(void *arg, const char *what)
{
	(void)arg;
	fprintf(stderr, "ttymix: pitching %s\n", what);
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
	o.title = p->name;
	o.warn = out_warn;
	if (render_file(g, path, &o, &msg) != ERR_OK)
		return cli_fail("%s", msg.text);
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
				return cli_usage("--format takes wav, flac, ogg or aiff, not \"%s\"", v);
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
		else
			return cli_usage("render: unknown option %s", a);
	}
	if (!ro->project)
		return cli_usage("render needs a project");
	if (!ro->out && !ro->stems)
		return cli_usage("render needs -o OUT (or --stems DIR)");
	if (!ro->container_set && ro->out) {
		if (!render_file_container_of(ro->out, &ro->container))
			return cli_usage("cannot tell the format of \"%s\" from its name; add --format "
				"wav|flac|ogg|aiff", ro->out);
	}
	if (ro->container == MEDIA_FLAC && ro->sample == MEDIA_FLOAT32)
		return cli_usage("FLAC stores 16 or 24-bit; use --bits 16 or 24");
	return 0;
}

static const char *container_ext(enum media_container c)
{
	return c == MEDIA_FLAC ? "flac" : c == MEDIA_OGG ? "ogg" : c == MEDIA_AIFF ? "aiff" : "wav";
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
	if (!rc && ro.stems) {
		struct err_msg msg;
		if (paths_mkdirs(ro.stems, &msg) != ERR_OK)
			rc = cli_fail("%s", msg.text);
		for (int t = 0; !rc && t < p->n_tracks; t++) {
			/* each stem is the whole chain with only its track audible, so the stems
			 * add up to the mix */
			diag_init(&d);
			graph_build(p, true, &gr, &d);
			diag_deinit(&d);
			/* every other track muted, solos left as they are: solo logic does not
			 * look at mutes, so this track is heard exactly as in the mix (silent when
			 * the mix does not hear it), through its buses and sends, and the stems
			 * still add up to the mix */
			for (int k = 0; k < gr->n_tracks; k++)
				gr->tracks[k].mix.mute = k != t || p->tracks[k].mute;
			char *path = xasprintf("%s/%02d-%s.%s", ro.stems, t + 1,
				p->tracks[t].name[0] ? p->tracks[t].name : "track", container_ext(ro.container));
			for (char *s = strrchr(path, '/') + 1; *s; s++)
				if (*s == '/' || *s == ' ')
					*s = '_';
			rc = render_one(&ro, p, gr, path);
			free(path);
		}
	}
	project_free(p);
	return rc;
}
