/* ttymix ear [EXERCISE] (src/cli.h): the ear-training quiz on a session of its own
 * (src/studio/ear.h), played through the output the command line asks for (a
 * stream over SSH included), and `ttymix ear --scores [--json]`, the user's scores for
 * a teacher to collect. */
#include <pwd.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "src/base/clock.h"
#include "src/base/text.h"
#include "audio/graph.h"
#include "src/cli.h"
#include "src/ear.h"
#include "src/stream/stream.h"
#include "src/studio/ear.h"
#include "src/studio/studio.h"

struct ear_args {
	bool scores, json, practice;
	bool seed_given;
	double seed;
	int count;
	const char *project, *track;
	double at;
	bool at_given;
	int n;
	char **operands;
};

static int parse(int argc, char **argv, struct ear_args *a)
{
	*a = (struct ear_args){ .operands = argv };
	const struct cli_opt opts[] = {
		{ .name = "--scores", .kind = CLI_OPT_FLAG, .to = &a->scores },
		{ .name = "--json", .kind = CLI_OPT_FLAG, .to = &a->json },
		{ .name = "--practice", .kind = CLI_OPT_FLAG, .to = &a->practice },
		{ .name = "--seed", .kind = CLI_OPT_DOUBLE, .to = &a->seed, .min = 0,
		  .max = 4294967295.0, .takes = "a whole number ", .unit = "",
		  .given = &a->seed_given },
		{ .name = "--count", .kind = CLI_OPT_INT, .to = &a->count, .min = 1, .max = 1000,
		  .takes = "", .unit = " questions" },
		{ .name = "--project", .kind = CLI_OPT_STRING, .to = &a->project,
		  .takes = "a project folder" },
		{ .name = "--track", .kind = CLI_OPT_STRING, .to = &a->track,
		  .takes = "a track's name or number" },
		{ .name = "--at", .kind = CLI_OPT_DOUBLE, .to = &a->at, .min = 0,
		  .max = PROJECT_MAX_SECONDS, .takes = "seconds", .given = &a->at_given },
	};
	const struct cli_spec spec = { .command = "ear", CLI_OPTS(opts), .max_operands = 1,
		.too_many = "ear takes one exercise" };
	a->n = cli_parse(argc, argv, &spec);
	if (a->n < 0)
		return EXIT_USAGE;
	if (a->seed_given && a->seed != (double)(uint64_t)a->seed)
		return cli_usage("ear: --seed takes a whole number, not %g", a->seed);
	if (a->json && !a->scores)
		return cli_usage("ear: --json goes with --scores");
	if (a->track && !a->project)
		return cli_usage("ear: --track needs --project");
	return 0;
}

static const char *user_name(void)
{
	const struct passwd *pw = getpwuid(getuid());
	if (pw && pw->pw_name)
		return pw->pw_name;
	const char *u = getenv("USER");
	return u ? u : "?";
}

static int print_scores(bool json)
{
	struct err_msg msg;
	char *path = ear_scores_path(&msg);
	if (!path)
		return cli_fail("%s", msg.text);
	struct ear_scores s;
	const enum err e = ear_scores_load(path, &s, &msg);
	free(path);
	if (e != ERR_OK)
		return cli_fail("%s", msg.text);
	if (json) {
		char *text = ear_scores_json(&s, user_name());
		fputs(text, stdout);
		free(text);
		return 0;
	}
	text_fprintf(stdout, "Ear training, %s:\n", user_name());
	printf("  %-11s %8s %6s %6s  %s\n", "exercise", "attempts", "right", "", "level");
	for (int i = 0; i < EAR_EXERCISES; i++) {
		const struct ear_score *sc = &s.ex[i];
		char pct[8] = "";
		if (sc->attempts)
			snprintf(pct, sizeof pct, "%d%%", (int)(100.0 * sc->right / sc->attempts + 0.5));
		printf("  %-11s %8d %6d %6s  %d of %d", ear_exercise_name((enum ear_exercise)i),
			sc->attempts, sc->right, pct, sc->level, ear_levels((enum ear_exercise)i));
		if (sc->seeded)
			printf("  (%d on a chosen --seed)", sc->seeded);
		printf("\n");
	}
	return 0;
}

static void on_signal(int sig)
{
	(void)sig;
	studio_ear_interrupt();
}

static void quiet_say(void *ctx, bool is_error, const char *text)
{
	(void)ctx;
	if (is_error)
		text_fprintf(stderr, "ttymix: %s\n", text);
}

/* The source project and the track asked for; 0 or an exit status. */
static int load_source(const struct ear_args *a, struct project **src, int *track)
{
	*src = NULL;
	*track = -1;
	if (!a->project)
		return 0;
	int rc = cli_load_project(a->project, src);
	if (rc)
		return rc;
	if ((rc = cli_check_clips(*src, false, "plays")) != 0 || (rc = cli_prepare_pitch(*src)))
		return rc;
	if (a->track && (*track = project_find_track(*src, a->track)) < 0)
		return cli_fail("%s: no track \"%s\"", a->project, a->track);
	return 0;
}

/* Where the song ends (s), as its graph says; 0 when it cannot be built. */
static double song_sec(const struct project *p)
{
	struct graph *gr;
	if (cli_build_graph(p, true, &gr))
		return 0;
	const double sec = (double)gr->end_frame / p->sample_rate;
	graph_destroy(gr);
	return sec;
}

/* Wait for the stream's first listener, as play does: a quiz no one hears is no quiz. */
static bool wait_listener(struct studio *st)
{
	fprintf(stderr, "ttymix: waiting for the first listener (Ctrl-C to stop)\n");
	while (stream_joined(st->stream) == 0) {
		studio_transport_poll(st, clock_now_sec());
		struct timespec ts = { 0, 20 * 1000 * 1000 };
		nanosleep(&ts, NULL);
		sigset_t pending;
		if (sigpending(&pending) == 0 && sigismember(&pending, SIGINT))
			return false;
	}
	return true;
}

static int run_quiz(const struct studio_ear_opts *o, const struct cli_globals *g)
{
	struct project *empty = project_new(".", "ear", o->source ? o->source->sample_rate
		: 48000);
	struct studio st;
	studio_init(&st, empty, true, g, (struct studio_voice){ quiet_say, NULL, NULL });
	sigset_t mask;
	studio_signals_block(&mask);
	const bool stream_ok = !g->stream || studio_stream_open(&st);
	studio_signals_restore(&mask);
	struct err_msg msg;
	int rc = 0;
	if (!stream_ok)
		rc = cli_fail("%s", st.stream_error.text);
	else if (studio_open(&st, &msg) != ERR_OK)
		rc = cli_fail("%s", msg.text);
	if (!rc) {
		struct sigaction sa = { .sa_handler = on_signal };
		sigemptyset(&sa.sa_mask);
		sigaction(SIGINT, &sa, NULL);
		sigaction(SIGTERM, &sa, NULL);
		if (g->stream) {
			char where[256];
			if (studio_stream_where(&st, where, sizeof where))
				text_fprintf(stderr, "ttymix: listen at %s\n", where);
		}
		struct studio_ear_result res;
		if (g->stream && g->output == DRIVER_NULL && !wait_listener(&st))
			rc = 1;
		else if (studio_ear_run(&st, o, &res, &msg) != ERR_OK)
			rc = cli_fail("%s", msg.text);
		else if (o->practice)
			printf("\n%d of %d right (practice: no scores kept)\n", res.right, res.asked);
		else
			printf("\n%d of %d right%s\n", res.right, res.asked,
				res.saved ? "; scores kept (ttymix ear --scores)" : "");
	}
	studio_close(&st);
	studio_deinit(&st);
	return rc;
}

int cli_ear(int argc, char **argv, const struct cli_globals *g)
{
	struct ear_args a;
	int rc = parse(argc, argv, &a);
	if (rc)
		return rc;
	if (a.scores)
		return a.n ? cli_usage("ear: --scores takes no exercise") : print_scores(a.json);
	struct studio_ear_opts o = { .practice = a.practice, .count = a.count,
		.seeded = a.seed_given, .seed = (uint64_t)a.seed, .at = a.at };
	if (a.n == 1 && !ear_exercise_parse(a.operands[0], &o.ex))
		return cli_usage("ear: no exercise \"%s\" (band-boost, band-cut, louder, "
			"compressor or pan)", a.operands[0]);
	o.one = a.n == 1;
	struct project *src;
	if ((rc = load_source(&a, &src, &o.track)) != 0) {
		project_free(src);
		return rc;
	}
	o.source = src;
	if (src && !a.at_given) /* a quarter into the song: past the intro */
		o.at = 0.25 * song_sec(src);
	rc = run_quiz(&o, g);
	project_free(src);
	return rc;
}
