/* ttymix: command-line dispatch. Every command lives in a cli_*.c of its own; this
 * file only strips the global options and picks one. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "config.h"
#include "audio/media.h"
#include "src/base/text.h"
#include "src/cli.h"
#include "src/lesson.h"
#include "src/paths.h"
#include "src/studio/nsm.h"
#include "ui/bind.h"
#include "ui/ui.h"

static const char usage_text[] =
	"usage: ttymix                          open the demo song\n"
	"       ttymix PROJECT                  open a project folder or project.json\n"
	"       ttymix FILE...                  quick audition, one track per file\n"
	"       ttymix new DIR [FILE...]        create a project, importing files as tracks\n"
	"                     [--tempo BPM] [--meter N/D]\n"
	"       ttymix import PROJECT FILE... [--track NAME] [--at TIME]\n"
	"                     copy files into the project's audio/, each a clip\n"
	"       ttymix record PROJECT --track NAME [--input 1|2|1-2] [--start S]\n"
	"                     --duration S   one take from JACK's inputs (jackd runs)\n"
	"       ttymix render PROJECT -o OUT [--format wav|flac|ogg|aiff|mp3]\n"
	"                     [--bits 16|24|32f] [--rate HZ] [--dither none|tpdf|shaped]\n"
	"                     [--start S] [--end S] [--stems DIR] [--title T] [--artist A]\n"
	"                     [--allow-missing]   go on without a clip file that is missing\n"
	"       ttymix play PROJECT|FILE... [--start S] [--duration S] [--loop]\n"
	"                     [--allow-missing]\n"
	"       ttymix loudness FILE... [--json]\n"
	"       ttymix master IN -o OUT [--target spotify|apple|youtube|ebu|LUFS]\n"
	"                     [--ceiling DBTP] [--json]   loudness target under a true-peak\n"
	"                     ceiling (default spotify: -14 LUFS, -1 dBTP)\n"
	"       ttymix master IN -o OUT --match REF [--smooth 1/3] [--cap DB] [--json]\n"
	"                     IN brought to REF's spectrum, loudness and stereo width\n"
	"                     (eq, width and limiter; correction within +-9 dB)\n"
	"       ttymix album PROJECT [-o DIR] [--format ...] [--bits ...] [--rate HZ]\n"
	"                     [--dither ...] [--target LUFS] [--ceiling DBTP] [--json]\n"
	"                     the project's album: a file per song, one continuous file,\n"
	"                     a CUE sheet and the loudness table (default DIR renders/album)\n"
	"       ttymix devices                  list output devices\n"
	"       ttymix help PARAM | --all        what a control does, typical settings\n"
	"       ttymix lesson list | check DIR [--json] | report DIR... [--csv|--json]\n"
	"                     | validate DIR [--lessons DIR]\n"
	"                     the mixing lessons; grade a lesson's work or a class's\n"
	"       ttymix ear [band-boost|band-cut|louder|compressor|pan] [--seed N]\n"
	"                     [--practice] [--count N] [--project DIR [--track T] [--at S]]\n"
	"                     | --scores [--json]   ear training, scores kept per user\n"
	"       ttymix flow PROJECT TRACK       a track's level after each stage, clipping marked\n"
	"       ttymix review PROJECT [--json] [--from S --to S]\n"
	"                     [--reference FILE | --target CURVE.json]\n"
	"                     a second pair of ears: masking, balance, headroom, phase,\n"
	"                     tonal balance and dynamics, each with the command that fixes it\n"
	"       ttymix curve OUT.json REF... [--name NAME]\n"
	"                     a tonal target curve, the mean spectrum of reference\n"
	"                     recordings (a genre's releases), for review --target\n"
	"       ttymix check PROJECT            validate; report every problem\n"
	"       ttymix plugins [--json] [WORDS] the installed LV2 plug-ins and their controls\n"
	"       ttymix --help | --version\n"
	"       ttymix --print-config           the default key bindings, as a ttymixrc\n"
	"global options: --output pa|jack|null|stream|pa+stream|jack+stream  --device NAME|INDEX\n"
	"                --buffer FRAMES  --jack-name NAME  --jack-ports main|strips\n"
	"                --no-connect  --jack-transport\n"
	"                --listen [ADDR:]PORT|unix:[PATH]  --stream-key K  --stream-kbps N\n"
	"                --stream-max N\n"
	"                --config FILE (the ttymixrc; default ~/.config/ttymix/ttymixrc)\n"
	"                --no-mouse (the studio takes no clicks; as `set mouse off`)\n"
	"                --lessons DIR (a folder of lessons, first on the lesson path:\n"
	"                :lesson N in the studio, and ttymix lesson)\n"
	"exit status: 0 success, 1 failure, 2 usage error\n";

struct command {
	const char *name;
	int (*run)(int argc, char **argv, const struct cli_globals *g);
};

static const struct command commands[] = {
	{ "render", cli_render },
	{ "play", cli_play },
	{ "loudness", cli_loudness },
	{ "master", cli_master },
	{ "album", cli_album },
	{ "check", cli_check },
	{ "new", cli_new },
	{ "import", cli_import },
	{ "record", cli_record },
	{ "devices", cli_devices },
	{ "help", cli_help },
	{ "lesson", cli_lesson },
	{ "flow", cli_flow },
	{ "review", cli_review },
	{ "curve", cli_curve },
	{ "plugins", cli_plugins },
	{ "ear", cli_ear },
};

/* Each file whose samples a reader silenced (not finite, or absurd), once, when the
 * command is done: counted again over the whole file, since a command may read a file
 * more than once (master measures, then renders it). */
static void report_bad_samples(void)
{
	char path[4096];
	int64_t count;
	while (media_take_bad_samples(path, sizeof path, &count)) {
		int64_t whole = 0;
		struct err_msg ignored;
		media_count_bad_samples(path, &whole, &ignored);
		/* file names are any bytes: shown, never run (src/base/text.h) */
		text_fprintf(stderr, "ttymix: warning: %s: %lld samples not finite or beyond "
			"\u00b1%g, played as silence\n", path, (long long)(whole > 0 ? whole : count),
			(double)MEDIA_SAMPLE_LIMIT);
	}
}

/* One global option with its value: 0, or -1 after a usage message. */
static int take_global(const char *a, const char *v, struct cli_globals *g)
{
	long n;
	if (!strcmp(a, "--config")) {
		g->config = v;
	} else if (!strcmp(a, "--lessons")) {
		lesson_path_default(v); /* the studio's :lesson as ttymix lesson's --lessons */
	} else if (!strcmp(a, "--device")) {
		g->device = v;
	} else if (!strcmp(a, "--listen")) {
		g->listen = v;
	} else if (!strcmp(a, "--stream-key")) {
		g->stream_key = v;
	} else if (!strcmp(a, "--jack-name")) {
		if (!*v || strchr(v, ':'))
			return cli_usage("--jack-name takes a JACK client name (no ':'), not \"%s\"",
				v), -1;
		g->jack_name = v;
	} else if (!strcmp(a, "--jack-ports")) {
		if (strcmp(v, "strips") && strcmp(v, "main"))
			return cli_usage("--jack-ports takes main or strips, not \"%s\"", v), -1;
		g->jack_strips = !strcmp(v, "strips");
	} else if (!strcmp(a, "--output")) {
		g->stream = !strcmp(v, "stream") || !strcmp(v, "pa+stream")
			|| !strcmp(v, "jack+stream");
		if (!strcmp(v, "pa"))
			g->output = DRIVER_PA;
		else if (!strcmp(v, "jack") || !strcmp(v, "jack+stream"))
			g->output = DRIVER_JACK; /* ttymix's own JACK client, named ports */
		else if (!strcmp(v, "null") || !strcmp(v, "stream"))
			g->output = DRIVER_NULL; /* the stream alone is paced by the clock */
		else if (!strcmp(v, "pa+stream"))
			g->output = DRIVER_AUTO; /* the sound card when it opens, and the stream */
		else
			return cli_usage("--output takes pa, jack, null, stream, pa+stream or "
				"jack+stream, not \"%s\"", v), -1;
	} else if (!strcmp(a, "--stream-kbps")) {
		if (!cli_parse_int(v, 6, 510, &n))
			return cli_usage("--stream-kbps takes 6 to 510 kbit/s, not \"%s\"", v), -1;
		g->stream_kbps = (int)n;
	} else if (!strcmp(a, "--stream-max")) {
		if (!cli_parse_int(v, 1, 64, &n))
			return cli_usage("--stream-max takes 1 to 64 listeners, not \"%s\"", v), -1;
		g->stream_max = (int)n;
	} else if (!cli_parse_int(v, 1, 8192, &n)) {
		return cli_usage("--buffer takes 1 to 8192 frames, not \"%s\"", v), -1;
	} else {
		g->buffer_frames = (int)n;
	}
	return 0;
}

/* Take the global options out of argv (in place); returns the new argc or -1. */
static int strip_globals(int argc, char **argv, struct cli_globals *g)
{
	static const char *const names[] = { "--output", "--device", "--buffer", "--config",
		"--listen", "--stream-key", "--stream-kbps", "--stream-max", "--jack-name",
		"--jack-ports", "--lessons" };
	int out = 1;
	for (int i = 1; i < argc; i++) {
		/* the global options with no value */
		if (!strcmp(argv[i], "--no-mouse")) {
			g->no_mouse = true;
			continue;
		}
		if (!strcmp(argv[i], "--no-connect") || !strcmp(argv[i], "--jack-transport")) {
			if (argv[i][2] == 'n')
				g->jack_no_connect = true;
			else
				g->jack_transport = true;
			continue;
		}
		bool global = false;
		for (size_t k = 0; k < sizeof names / sizeof names[0]; k++)
			global = global || !strcmp(argv[i], names[k]);
		if (global) {
			const char *a = argv[i];
			const char *v = cli_option_value(argc, argv, &i);
			if (!v || take_global(a, v, g) != 0)
				return -1;
			continue;
		}
		argv[out++] = argv[i];
	}
	argv[out] = NULL;
	return out;
}

int main(int argc, char **argv)
{
	/* the key from the environment: a command line is visible to every local user */
	struct cli_globals g = { .output = DRIVER_AUTO, .stream_key = getenv("TTYMIX_STREAM_KEY") };
	if (g.stream_key && !*g.stream_key)
		g.stream_key = NULL;
	argc = strip_globals(argc, argv, &g);
	if (argc < 0)
		return EXIT_USAGE;
	if (argc >= 2 && (!strcmp(argv[1], "--help") || !strcmp(argv[1], "-h"))) {
		fputs(usage_text, stdout);
		return 0;
	}
	if (argc == 2 && (!strcmp(argv[1], "--print-config")
		|| !strcmp(argv[1], "--print-keys-man"))) {
		/* the defaults, never the user's ttymixrc: a file to start one from, and the
		 * man page's key list (docs/ttymix.1, make man-keys) */
		struct ui_bindings b;
		ui_bindings_init_defaults(&b);
		if (!strcmp(argv[1], "--print-config"))
			ui_bindings_print(&b, stdout);
		else
			ui_help_print_man(stdout);
		ui_bindings_free(&b);
		return fflush(stdout) == 0 && !ferror(stdout) ? 0 : 1;
	}
	if (argc >= 2 && (!strcmp(argv[1], "--version") || !strcmp(argv[1], "-V"))) {
		printf("ttymix %s\n", PACKAGE_VERSION);
		return 0;
	}
	if (argc >= 2)
		for (size_t i = 0; i < sizeof commands / sizeof commands[0]; i++)
			if (!strcmp(argv[1], commands[i].name)) {
				int rc = commands[i].run(argc - 2, argv + 2, &g);
				report_bad_samples();
				return rc;
			}

	for (int i = 1; i < argc; i++)
		if (argv[i][0] == '-' && argv[i][1])
			return cli_usage("unknown option %s", argv[i]);

	struct project *p = NULL;
	if (argc == 1 && studio_nsm_wanted()) {
		/* the Non Session Manager says which project (src/studio/nsm.h) */
		int rc = studio_nsm_open(&p);
		if (!rc)
			rc = ui_run(p, false, &g);
		studio_nsm_end();
		return rc;
	}
	if (argc == 1) {
		char *dir = NULL;
		struct err_msg msg;
		if (paths_user_demo(&dir, &msg) != ERR_OK)
			return cli_fail("%s", msg.text);
		int rc = cli_load_project(dir, &p);
		free(dir);
		if (rc)
			return rc;
		return ui_run(p, false, &g);
	}
	if (argc == 2 && cli_is_project_path(argv[1])) {
		int rc = cli_load_project(argv[1], &p);
		if (rc)
			return rc;
		return ui_run(p, false, &g);
	}
	int rc = cli_project_from_files(argc - 1, argv + 1, 0, &p);
	if (rc)
		return rc;
	return ui_run(p, true, &g);
}
