/* ttymix record PROJECT --track NAME [--input 1|2|1-2] [--start S] --duration S
 * (src/cli.h): one take, headless, on the studio's own session (the same arming,
 * capture, writer thread and take placement as R in the studio), through the native
 * JACK output, then saved. The project's lock is taken as the studio takes it. */
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "audio/driver_jack.h"
#include "src/cli.h"
#include "src/graph_build.h"
#include "src/base/clock.h"
#include "src/base/xalloc.h"
#include "src/studio/edit.h"
#include "src/studio/record.h"
#include "src/studio/saving.h"
#include "src/studio/studio.h"

static volatile sig_atomic_t interrupted;

static void on_signal(int sig)
{
	(void)sig;
	interrupted = 1;
}

struct rec_args {
	const char *track, *input;
	double start, duration;
};

/* Each message one line on stderr; an error is remembered for the exit status. */
struct rec_voice {
	bool failed;
};

static void rec_say(void *ctx, bool is_error, const char *text)
{
	struct rec_voice *v = ctx;
	v->failed |= is_error;
	fprintf(stderr, "ttymix: %s\n", text);
}

static bool input_word(const char *w, int *first, int *channels)
{
	*channels = !strcmp(w, "1-2") ? 2 : 1;
	*first = !strcmp(w, "2") ? 1 : 0;
	return !strcmp(w, "1") || !strcmp(w, "2") || !strcmp(w, "1-2");
}

static void tick(struct studio *st)
{
	studio_transport_poll(st, clock_now_sec());
	studio_jack_poll(st);
	studio_record_poll(st);
	nanosleep(&(struct timespec){ .tv_nsec = 5 * 1000 * 1000 }, NULL);
}

/* The tracks' arming as the project has it (record_armed, record_input): a headless
 * take arms its track alone, and the project keeps what it had. */
struct rec_keep {
	bool armed;
	int input, channels;
};

static struct rec_keep *keep_arming(const struct project *p)
{
	struct rec_keep *k = xcalloc((size_t)p->n_tracks + 1, sizeof *k);
	for (int t = 0; t < p->n_tracks; t++)
		k[t] = (struct rec_keep){ p->tracks[t].record_armed, p->tracks[t].record_input,
			p->tracks[t].record_channels == 2 ? 2 : 1 };
	return k;
}

/* Put back the arming kept (n tracks; a track made since is disarmed). */
static int restore_arming(struct studio *st, const struct rec_keep *k, int n)
{
	struct err_msg msg;
	for (int t = 0; t < st->project->n_tracks; t++) {
		const struct rec_keep was = t < n ? k[t] : (struct rec_keep){ false, 0, 1 };
		if (studio_record_arm(st, t, was.armed, &msg) != ERR_OK
		    || studio_record_input(st, t, was.input, was.channels, &msg) != ERR_OK)
			return cli_fail("record: %s", msg.text);
	}
	return 0;
}

/* The track armed, alone (made when there is none of that name), and its input set. */
static int arm(struct studio *st, const struct rec_args *a)
{
	int first, channels;
	if (!input_word(a->input, &first, &channels))
		return cli_usage("record: --input takes 1, 2 or 1-2, not %s", a->input);
	int t = project_find_track(st->project, a->track);
	if (t < 0) {
		studio_edit_begin(st, "track add");
		project_add_track(st->project, a->track);
		studio_edit_commit(st);
		t = st->project->n_tracks - 1;
	}
	struct err_msg msg;
	for (int i = 0; i < st->project->n_tracks; i++)
		if (i != t && studio_record_arm(st, i, false, &msg) != ERR_OK)
			return cli_fail("record: %s", msg.text);
	if (studio_record_input(st, t, first, channels, &msg) != ERR_OK
	    || studio_record_arm(st, t, true, &msg) != ERR_OK)
		return cli_fail("record: %s", msg.text);
	return 0;
}

/* From a standing playhead at from, record until `to`, an error or a signal. */
static int take(struct studio *st, struct rec_voice *voice, int64_t from, int64_t to)
{
	studio_transport_locate(st, from);
	tick(st); /* the capture made for the armed track */
	for (int i = 0; i < 400 && st->locate_pending; i++)
		tick(st);
	struct err_msg msg;
	if (studio_record_start(st, &msg) != ERR_OK)
		return cli_fail("record: %s", msg.text);
	while (!interrupted && studio_recording(st) && st->snap.playhead < to)
		tick(st);
	studio_transport_stop(st);
	studio_record_finish(st, interrupted ? "interrupted" : NULL);
	return voice->failed ? 1 : 0;
}

int cli_record(int argc, char **argv, const struct cli_globals *g)
{
	struct rec_args a = { .input = "1", .duration = -1 };
	const struct cli_opt opts[] = {
		{ .name = "--track", .kind = CLI_OPT_STRING, .to = &a.track },
		{ .name = "--input", .kind = CLI_OPT_STRING, .to = &a.input },
		{ .name = "--start", .kind = CLI_OPT_DOUBLE, .to = &a.start, .min = 0,
		  .max = PROJECT_MAX_SECONDS, .takes = "seconds from 0" },
		{ .name = "--duration", .kind = CLI_OPT_DOUBLE, .to = &a.duration, .min = 0,
		  .max = PROJECT_MAX_SECONDS, .takes = "seconds" },
	};
	const struct cli_spec spec = { .command = "record", CLI_OPTS(opts),
		.usage = "usage: ttymix record PROJECT --track NAME [--input 1|2|1-2] "
			"[--start S] --duration S" };
	const int n = cli_parse(argc, argv, &spec);
	if (n < 0)
		return EXIT_USAGE;
	if (n != 1 || !a.track || a.duration < 0)
		return cli_spec_usage(&spec);
	struct project *p;
	int rc = cli_load_project(argv[0], &p);
	if (rc)
		return rc;
	/* recording reads JACK's inputs: the output is JACK whatever --output says */
	struct cli_globals jg = *g;
	jg.output = DRIVER_JACK;
	struct rec_voice voice = { false };
	struct studio st;
	studio_init(&st, p, false, &jg, (struct studio_voice){ rec_say, &voice, NULL });
	struct err_msg msg;
	if (st.read_only)
		rc = cli_fail("record: %s is open in another studio (%s)", argv[0], st.lock_note);
	else if (studio_open(&st, &msg) != ERR_OK)
		rc = cli_fail("record: %s", msg.text);
	else if (!driver_jack_live(st.driver))
		rc = cli_fail("record: no JACK server to record from (start jackd)");
	voice.failed = false; /* a warning while opening (a clip missing) is no failure */
	const int n_kept = st.project->n_tracks;
	struct rec_keep *kept = keep_arming(st.project);
	if (!rc)
		rc = arm(&st, &a);
	struct sigaction sa = { .sa_handler = on_signal };
	sigemptyset(&sa.sa_mask);
	sigaction(SIGINT, &sa, NULL);
	sigaction(SIGTERM, &sa, NULL);
	const int64_t from = graph_frames(a.start, p->sample_rate);
	if (!rc)
		rc = take(&st, &voice, from, from + graph_frames(a.duration, p->sample_rate));
	/* the arming was for this take: the project keeps what it had (record_armed,
	 * record_input) */
	if (!st.read_only && restore_arming(&st, kept, n_kept) && !rc)
		rc = 1;
	free(kept);
	if (studio_dirty(&st) && !studio_save(&st) && !rc)
		rc = 1;
	studio_close(&st);
	studio_deinit(&st);
	return rc;
}
