/* ttymix album: a project's album (src/album.c) written as one file per song, one
 * continuous file and a CUE sheet, with the per-song loudness table on stdout (or as
 * JSON with --json). */
#include <math.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "src/album.h"
#include "src/cli.h"
#include "src/render_file.h"
#include "src/base/text.h"
#include "src/base/xalloc.h"

struct album_cli {
	const char *project, *out_dir;
	bool json;
	struct cli_file_format format;
	struct album_opts o;
};

static int parse_args(int argc, char **argv, struct album_cli *c)
{
	memset(c, 0, sizeof *c);
	album_opts_init(&c->o);
	c->format = (struct cli_file_format){ .container = c->o.container,
		.sample = c->o.sample, .rate = c->o.rate, .dither = c->o.dither };
	const struct cli_opt opts[] = {
		{ .name = "--json", .kind = CLI_OPT_FLAG, .to = &c->json },
		{ .name = "--output-dir", .short_name = "-o", .kind = CLI_OPT_STRING,
		  .to = &c->out_dir },
		CLI_FILE_FORMAT_OPTS(&c->format),
		{ .name = "--target", .kind = CLI_OPT_DOUBLE, .to = &c->o.target_lufs,
		  .min = PROJECT_MIN_TARGET_LUFS, .max = PROJECT_MAX_TARGET_LUFS,
		  .takes = "a loudness in LUFS (", .unit = ")", .given = &c->o.target_set },
		{ .name = "--ceiling", .kind = CLI_OPT_DOUBLE, .to = &c->o.ceiling_dbtp,
		  .min = -20.0, .max = 0.0, .takes = "a true peak in dBTP (", .unit = ")" },
	};
	const struct cli_spec spec = { .command = "album", CLI_OPTS(opts), .max_operands = 1,
		.too_many = "album takes one project", .missing = "album needs a project" };
	if (cli_parse(argc, argv, &spec) < 0)
		return EXIT_USAGE;
	c->project = argv[0];
	c->o.container = c->format.container;
	c->o.sample = c->format.sample;
	c->o.rate = c->format.rate;
	c->o.dither = c->format.dither;
	c->o.dither_set = c->format.dither_set;
	return cli_file_format_check(&c->format);
}

static void warn(void *arg, const char *why)
{
	(void)arg;
	text_fprintf(stderr, "ttymix: warning: %s (clip offline from here: plays as silence)\n",
		why);
}

static void print_time(int64_t frames, int rate)
{
	double s = (double)frames / rate;
	printf(" %3d:%06.3f", (int)(s / 60), fmod(s, 60.0));
}

static void print_db(double v, const char *fmt)
{
	if (isfinite(v))
		printf(fmt, v);
	else
		printf("%*s", (int)strlen(fmt) > 5 ? 7 : 6, "-inf");
}

static void print_table(const struct album_report *r)
{
	printf(" #  %-24s %10s %10s %7s %6s %6s\n", "title", "start", "length", "LUFS", "LRA",
		"dBTP");
	for (int i = 0; i < r->n_songs; i++) {
		const struct album_song_report *s = &r->songs[i];
		text_fprintf(stdout, "%2d  %-24.24s", i + 1, s->title);
		print_time(s->start_frame, r->rate);
		print_time(s->frames, r->rate);
		print_db(s->after.integrated_lufs, " %6.1f");
		print_db(s->after.lra_lu, " %5.1f");
		print_db(s->after.true_peak_dbtp, " %5.1f");
		printf("\n");
	}
	printf("album: %.1f LUFS, LRA %.1f LU, true peak %.1f dBTP, %.3f s at %d Hz\n",
		r->after.integrated_lufs, r->after.lra_lu, r->after.true_peak_dbtp,
		(double)r->total_frames / r->rate, r->rate);
	if (r->target_set)
		printf("normalized: %+.2f dB (was %.1f LUFS; target %.1f LUFS, ceiling %.1f dBTP)%s\n",
			r->gain_db, r->before.integrated_lufs, r->target_lufs, r->ceiling_dbtp,
			r->target_reached ? "" : ": target NOT reached, held back by the ceiling");
	text_fprintf(stdout, "wrote %d songs, %s and %s in %.2f s (%.0fx real time)\n",
		r->n_songs, r->path,
		r->cue_path, r->render_seconds,
		r->render_seconds > 0 ? (double)r->total_frames / r->rate / r->render_seconds : 0);
}

static void json_loudness(const char *key, const struct loudness_result *l)
{
	printf("\"%s\":{", key);
	cli_print_json_loudness(l, false, true, false);
	printf("}");
}

static void print_json(const struct album_report *r)
{
	printf("{\"file\":");
	cli_print_json_string(r->path);
	printf(",\"cue\":");
	cli_print_json_string(r->cue_path);
	printf(",\"rate\":%d,\"frames\":%lld,", r->rate, (long long)r->total_frames);
	json_loudness("before", &r->before);
	printf(",");
	json_loudness("after", &r->after);
	printf(",\"target_lufs\":");
	cli_print_json_number(r->target_set ? r->target_lufs : NAN);
	printf(",\"ceiling_dbtp\":");
	cli_print_json_number(r->ceiling_dbtp);
	printf(",\"gain_db\":");
	cli_print_json_number(r->gain_db);
	printf(",\"target_reached\":%s,\"render_seconds\":", r->target_reached ? "true" : "false");
	cli_print_json_number(r->render_seconds);
	printf(",\"songs\":[");
	for (int i = 0; i < r->n_songs; i++) {
		const struct album_song_report *s = &r->songs[i];
		printf("%s{\"number\":%d,\"title\":", i ? "," : "", i + 1);
		cli_print_json_string(s->title);
		printf(",\"file\":");
		cli_print_json_string(s->path);
		printf(",\"start_frame\":%lld,\"frames\":%lld,\"cue_frame\":%lld,",
			(long long)s->start_frame, (long long)s->frames, (long long)s->cue_frame);
		json_loudness("before", &s->before);
		printf(",");
		json_loudness("after", &s->after);
		printf("}");
	}
	printf("]}\n");
}

static bool not_stopped(void *arg, double fraction)
{
	(void)arg;
	(void)fraction;
	return !render_file_caught_signal();
}

int cli_album(int argc, char **argv, const struct cli_globals *g)
{
	(void)g;
	struct album_cli c;
	struct project *p;
	int rc = parse_args(argc, argv, &c);
	if (rc || (rc = cli_load_project(c.project, &p)))
		return rc;
	if (!p->album) {
		rc = cli_fail("%s: no album in this project (add \"album\": {\"songs\": [...]}; see "
			"docs/project-format.md)", p->path);
		project_free(p);
		return rc;
	}
	char *out_dir = c.out_dir ? xstrdup(c.out_dir) : xasprintf("%s/renders/album", p->dir);
	c.o.out_dir = out_dir;
	c.o.warn = warn;
	/* Ctrl-C or SIGTERM stops the album between blocks: its temporary files go, and an
	 * earlier delivery stays as it was */
	render_file_catch_signals();
	c.o.progress = not_stopped;
	struct album_report r;
	struct err_msg msg;
	if (album_render(p, &c.o, &r, &msg) != ERR_OK) {
		if (render_file_caught_signal())
			rc = cli_fail("%s: album stopped by %s; an earlier delivery in %s is as it was",
				p->path, render_file_caught_signal() == SIGINT ? "SIGINT (Ctrl-C)"
				: "SIGTERM", out_dir);
		else
			rc = cli_fail("%s", msg.text);
	} else {
		if (c.json)
			print_json(&r);
		else
			print_table(&r);
		if (r.target_set && !isfinite(r.before.integrated_lufs))
			fprintf(stderr, "ttymix: warning: the album is silent: no gain reaches %.1f "
				"LUFS\n", r.target_lufs);
		else if (!r.target_reached)
			fprintf(stderr, "ttymix: warning: album at %.1f LUFS, not the %.1f LUFS asked "
				"for: more gain would put a true peak over %.1f dBTP\n",
				r.after.integrated_lufs, r.target_lufs, r.ceiling_dbtp);
		album_report_deinit(&r);
	}
	free(out_dir);
	project_free(p);
	return rc;
}
