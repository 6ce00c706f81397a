/* ttymix play (src/cli.h): headless playback on the studio's own session (the same
 * open, transport, event polling and close as the studio), with a progress and peak
 * line on stderr at most four times a second. */
#include <math.h>
#include <signal.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "audio/engine.h"
#include "src/cli.h"
#include "src/graph_build.h"
#include "src/stream/stream.h"
#include "src/base/clock.h"
#include "src/studio/studio.h"

static volatile sig_atomic_t interrupted;

static void on_signal(int sig)
{
	(void)sig;
	interrupted = 1;
}

static void format_time(double sec, char *buf, size_t size)
{
	if (sec < 0)
		sec = 0;
	int m = (int)(sec / 60);
	snprintf(buf, size, "%d:%04.1f", m, sec - m * 60);
}

static double to_db(float x)
{
	return x > 0 ? 20.0 * log10(x) : -INFINITY;
}

static void print_status(double pos, double total, const float peak[2], uint32_t xruns,
	bool tty)
{
	char a[32], b[32];
	format_time(pos, a, sizeof a);
	format_time(total, b, sizeof b);
	fprintf(stderr, "%s%s / %s  peak L %6.1f R %6.1f dBFS  xruns %u%s", tty ? "\r" : "", a,
		b, fmax(to_db(peak[0]), -99.9), fmax(to_db(peak[1]), -99.9), xruns,
		tty ? "\033[K" : "\n");
}

struct play_args {
	double start, duration;        /* seconds; duration < 0: to the end */
	bool loop;                     /* again and again, until interrupted */
	bool allow_missing;            /* play a project with unreadable clips, silent */
	int n_in;
	char **inputs;                 /* argv's, its operands moved to the front */
};

/* Options and inputs into a; 0, or the exit status of a usage error. */
static int parse_args(int argc, char **argv, struct play_args *a)
{
	*a = (struct play_args){ .duration = -1, .inputs = argv };
	const struct cli_opt opts[] = {
		{ .name = "--start", .kind = CLI_OPT_DOUBLE, .to = &a->start, .min = 0,
		  .max = PROJECT_MAX_SECONDS, .takes = "seconds from 0" },
		{ .name = "--duration", .kind = CLI_OPT_DOUBLE, .to = &a->duration, .min = 0,
		  .max = PROJECT_MAX_SECONDS, .takes = "seconds" },
		{ .name = "--loop", .kind = CLI_OPT_FLAG, .to = &a->loop },
		{ .name = "--allow-missing", .kind = CLI_OPT_FLAG, .to = &a->allow_missing },
	};
	const struct cli_spec spec = { .command = "play", CLI_OPTS(opts),
		.missing = "play needs a project or audio files" };
	a->n_in = cli_parse(argc, argv, &spec);
	return a->n_in < 0 ? EXIT_USAGE : 0;
}

/* The project to play, its pitch caches made; 0 or an exit status. A clip that cannot
 * be read stops it, named, unless --allow-missing: the session then builds the graph
 * without it (a warning, then silence where it was). */
static int load_project(const struct play_args *a, struct project **p)
{
	int rc;
	if (a->n_in == 1 && cli_is_project_path(a->inputs[0]))
		rc = cli_load_project(a->inputs[0], p);
	else
		rc = cli_project_from_files(a->n_in, a->inputs, 0, p);
	if (rc)
		return rc;
	if ((rc = cli_check_clips(*p, a->allow_missing, "plays")) != 0) {
		project_free(*p);
		return rc;
	}
	if ((rc = cli_prepare_pitch(*p)) != 0)
		project_free(*p);
	return rc;
}

/* The session's voice: each message one line on stderr, below the progress line.
 * What it says while opening (a graph that plays with a clip missing) is a warning. */
struct play_voice {
	bool tty, opening, playing;
	/* the DSP load of the first PLAY_START_SEC after the transport started rolling,
	 * taken apart from the rest (issue 23: no spike at play) */
	double rolling_at;     /* when it started; 0: not yet */
	bool start_taken;
	struct engine_load start;
};

#define PLAY_START_SEC 2.0

static void play_say(void *ctx, bool is_error, const char *text)
{
	const struct play_voice *v = ctx;
	fprintf(stderr, "%sttymix: %s%s\n", v->tty && v->playing ? "\n" : "",
		v->opening && is_error ? "warning: " : "", text);
}

/* The output gave up (a JACK server that quit): the play ends with an error. The
 * session would go on silently on the null driver, as the studio does; a play has
 * nothing left to do then. 0 while the output is well. */
static int output_gone(struct studio *st, double now)
{
	const char *dev = st->globals->device ? st->globals->device : "output";
	if (driver_stalled(st->driver, &st->out_watch, now)) {
		driver_abandon(st->driver); /* closing would wait minutes for the server */
		st->driver = NULL;
		studio_stream_renew_tap(st); /* its last callback may still be writing there */
		return cli_fail("%s: the audio device stopped answering (did the JACK server "
			"quit?)", dev);
	}
	if (st->driver && atomic_load(&st->driver->failed))
		return cli_fail("%s: the audio device stopped", dev);
	return 0;
}

/* Play [from, to) and poll the transport until it gets there, the song ends, the
 * user interrupts or the output goes; 0 or an exit status. The progress line counts
 * song time, from `from` to `to` (--start 60 shows 1:00.0 first), as the studio's
 * status bar does. */
static int play_range(struct studio *st, struct play_voice *voice, int64_t from,
	int64_t to, bool loop)
{
	const int rate = st->project->sample_rate;
	/* play plays a range once, or loops it (gaplessly, in the engine) */
	struct cmd range = { .type = CMD_LOOP, .on = loop, .frame = from, .frame2 = to };
	st->project->loop_enabled = loop; /* a throwaway session: the transport reads it */
	st->project->loop_start = (double)from / rate;
	st->project->loop_end = (double)to / rate;
	studio_send_cmd(st, &range);
	studio_transport_locate(st, from);
	studio_transport_play(st);
	voice->playing = true;
	double last_print = 0;
	bool started = false;
	int rc = 0;
	while (!interrupted && !rc) {
		const double t = clock_now_sec();
		if ((rc = output_gone(st, t)) != 0)
			break;
		studio_transport_poll(st, t);
		studio_jack_poll(st);
		const struct studio_snapshot *s = &st->snap;
		started |= s->playing && !s->waiting;
		if (started && voice->rolling_at == 0)
			voice->rolling_at = t;
		if (started && !voice->start_taken && t - voice->rolling_at >= PLAY_START_SEC) {
			/* the worst of the start, then the worst from here on apart */
			engine_dsp_load(st->engine, &voice->start);
			engine_dsp_load_reset(st->engine);
			voice->start_taken = true;
		}
		if (t - last_print >= 0.25) {
			print_status((double)s->playhead / rate, (double)to / rate,
				s->master_peak, engine_xruns(st->engine), voice->tty);
			st->snap.master_peak[0] = st->snap.master_peak[1] = 0;
			last_print = t;
		}
		if (started && (s->playhead >= to || !st->play_wanted))
			break;
		struct timespec ts = { 0, 10 * 1000 * 1000 };
		nanosleep(&ts, NULL);
	}
	if (rc) {
		voice->playing = false;
		return rc;
	}
	studio_transport_stop(st);
	print_status((double)st->snap.playhead / rate, (double)to / rate,
		st->snap.master_peak, engine_xruns(st->engine), voice->tty);
	if (voice->tty)
		fputc('\n', stderr);
	voice->playing = false;
	return 0;
}

/* A stream alone has no one to play to until someone listens: wait for the first
 * listener, so that the song starts when they hear it. 0 or an exit status. */
static int wait_for_listener(struct studio *st)
{
	bool said = false;
	while (!interrupted && stream_joined(st->stream) == 0) {
		const double t = clock_now_sec();
		int rc = output_gone(st, t);
		if (rc)
			return rc;
		studio_transport_poll(st, t);
		studio_jack_poll(st);
		if (!said)
			fprintf(stderr, "ttymix: waiting for the first listener (Ctrl-C to stop)\n");
		said = true;
		struct timespec ts = { 0, 20 * 1000 * 1000 };
		nanosleep(&ts, NULL);
	}
	return 0;
}

/* The DSP load of the whole play; when it lasted past its start, the worst of the
 * first PLAY_START_SEC and of the rest on a line of their own. */
static void print_load(struct engine *e, const struct play_voice *v)
{
	struct engine_load load;
	engine_dsp_load(e, &load);
	double worst = load.worst;
	uint64_t overruns = load.overruns, stalls = load.stalls;
	if (v->start_taken) {
		worst = v->start.worst > worst ? v->start.worst : worst;
		overruns += v->start.overruns;
		stalls += v->start.stalls;
	}
	if (load.callbacks)
		fprintf(stderr, "ttymix: DSP load: mean %.1f%%, worst %.1f%% of the audio period "
			"(%llu callbacks, %llu overruns, %llu stalls, %u xruns)\n",
			load.mean * 100.0, worst * 100.0, (unsigned long long)load.callbacks,
			(unsigned long long)overruns, (unsigned long long)stalls,
			engine_xruns(e));
	if (load.callbacks && v->start_taken)
		fprintf(stderr, "ttymix: DSP load at the start: worst %.1f%% in the first %.0f s "
			"of play, %.1f%% after\n", v->start.worst * 100.0, PLAY_START_SEC,
			load.worst * 100.0);
	/* the same by the audio thread's own CPU time: on a busy machine the wall clock's
	 * worst is mostly the time the thread waited for a core */
	if (load.callbacks && v->start_taken)
		fprintf(stderr, "ttymix: DSP load at the start by CPU time: worst %.1f%% in the "
			"first %.0f s of play, %.1f%% after\n", v->start.cpu_worst_start * 100.0,
			PLAY_START_SEC, load.cpu_worst_steady * 100.0);
}

int cli_play(int argc, char **argv, const struct cli_globals *g)
{
	struct play_args a;
	int rc = parse_args(argc, argv, &a);
	struct project *p = NULL;
	if (!rc)
		rc = load_project(&a, &p);
	if (rc)
		return rc;

	struct play_voice voice = { .tty = isatty(STDERR_FILENO), .opening = true };
	struct studio st;
	/* a quick audition's session: nothing saved, locked or autosaved */
	studio_init(&st, p, true, g, (struct studio_voice){ play_say, &voice, NULL });
	struct err_msg msg;
	/* the stream first: an address that cannot be had ends the play with its one line
	 * (the studio instead goes on without it) */
	sigset_t mask;
	studio_signals_block(&mask); /* its threads leave the signals to this one */
	const bool stream_ok = !g->stream || studio_stream_open(&st);
	studio_signals_restore(&mask);
	if (!stream_ok) {
		studio_deinit(&st);
		return cli_fail("%s", st.stream_error.text);
	}
	if (studio_open(&st, &msg) != ERR_OK) {
		studio_close(&st);
		studio_deinit(&st);
		return cli_fail("%s", msg.text);
	}
	voice.opening = false;
	struct sigaction sa = { .sa_handler = on_signal };
	sigemptyset(&sa.sa_mask);
	sigaction(SIGINT, &sa, NULL);
	sigaction(SIGTERM, &sa, NULL);

	const int64_t from = graph_frames(a.start, p->sample_rate);
	const int64_t to = a.duration >= 0 ? from + graph_frames(a.duration, p->sample_rate)
		: st.end_frame;
	if (g->stream && g->output == DRIVER_NULL)
		rc = wait_for_listener(&st);
	if (!rc && !interrupted)
		rc = play_range(&st, &voice, from, to, a.loop);
	if (!rc)
		print_load(st.engine, &voice);
	studio_close(&st);
	studio_deinit(&st);
	return rc;
}
