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
	bool container_set;
	struct album_opts o;
};

static int parse_args(int argc, char **argv, struct album_cli *c)
{
	memset(c, 0, sizeof *c);
	album_opts_init(&c->o);
	for (int i = 0; i < argc; i++) {
		const char *a = argv[i], *v;
		if (a[0] != '-' || !a[1]) {
			if (c->project)
				return cli_usage("album takes one project (got \"%s\" too)", a);
			c->project = a;
			continue;
		}
		if (!strcmp(a, "--json")) {
			c->json = true;
			continue;
		}
		if (!(v = cli_option_value(argc, argv, &i)))
			return EXIT_USAGE;
		long n;
		if (!strcmp(a, "-o") || !strcmp(a, "--output-dir")) {
			c->out_dir = v;
		} else if (!strcmp(a, "--format")) {
			if (!media_container_parse(v, &c->o.container))
				return cli_usage("--format takes wav, flac, ogg, aiff or mp3, not \"%s\"", v);
			c->container_set = true;
		} else if (!strcmp(a, "--bits")) {
			if (!media_sample_parse(v, &c->o.sample))
				return cli_usage("--bits takes 16, 24 or 32f, not \"%s\"", v);
		} else if (!strcmp(a, "--rate")) {
			if (!cli_parse_int(v, PROJECT_MIN_RATE, PROJECT_MAX_RATE, &n))
				return cli_usage("--rate takes %d to %d Hz, not \"%s\"", PROJECT_MIN_RATE,
					PROJECT_MAX_RATE, v);
			c->o.rate = (int)n;
		} else if (!strcmp(a, "--dither")) {
			if (!strcmp(v, "none"))
				c->o.dither = DITHER_NONE;
			else if (!strcmp(v, "tpdf"))
				c->o.dither = DITHER_TPDF;
			else if (!strcmp(v, "shaped"))
				c->o.dither = DITHER_SHAPED;
			else
				return cli_usage("--dither takes none, tpdf or shaped, not \"%s\"", v);
			c->o.dither_set = true;
		} else if (!strcmp(a, "--target")) {
			if (!cli_parse_double(v, PROJECT_MIN_TARGET_LUFS, PROJECT_MAX_TARGET_LUFS,
				    &c->o.target_lufs))
				return cli_usage("--target takes a loudness in LUFS (%g to %g), not \"%s\"",
					PROJECT_MIN_TARGET_LUFS, PROJECT_MAX_TARGET_LUFS, v);
			c->o.target_set = true;
		} else if (!strcmp(a, "--ceiling")) {
			if (!cli_parse_double(v, -20.0, 0.0, &c->o.ceiling_dbtp))
				return cli_usage("--ceiling takes a true peak in dBTP (-20 to 0), not \"%s\"", v);
		} else {
			return cli_usage("album: unknown option %s", a);
		}
	}
	if (!c->project)
		return cli_usage("album needs a project");
	if (c->o.container == MEDIA_FLAC && c->o.sample == MEDIA_FLOAT32)
		return cli_usage("FLAC stores 16 or 24-bit; use --bits 16 or 24");
	if (!media_container_writable(c->o.container))
		return cli_fail("this libsndfile cannot write %s (MP3 needs a libsndfile built with "
			"LAME); use wav, flac or ogg", media_container_ext(c->o.container));
	return 0;
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
	printf("\"%s\":{\"integrated_lufs\":", key);
	cli_print_json_number(l->integrated_lufs);
	printf(",\"lra_lu\":");
	cli_print_json_number(l->lra_lu);
	printf(",\"true_peak_dbtp\":");
	cli_print_json_number(l->true_peak_dbtp);
	printf(",\"sample_peak_dbfs\":");
	cli_print_json_number(l->sample_peak_dbfs);
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
	int rc = parse_args(argc, argv, &c);
	if (rc)
		return rc;
	struct project *p;
	if ((rc = cli_load_project(c.project, &p)))
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
