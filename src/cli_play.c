/* ttymix play: headless playback through the real-time engine and a driver, with a
 * progress and peak line on stderr at most four times a second. */
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
#include "src/pitch.h"
#include "src/base/text.h"

static volatile sig_atomic_t interrupted;

static void on_signal(int sig)
{
	(void)sig;
	interrupted = 1;
}

static double now_sec(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + ts.tv_nsec * 1e-9;
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

/* Pitched clips play from caches (src/pitch.h): the missing ones are made first. */
static void say_pitching(void *arg, const char *what)
{
	(void)arg;
	text_fprintf(stderr, "ttymix: pitching %s\n", what);
}

int cli_play(int argc, char **argv, const struct cli_globals *g)
{
	double start = 0, duration = -1;
	int n_in = 0;
	char **inputs = calloc((size_t)argc + 1, sizeof *inputs);
	if (!inputs)
		return cli_fail("out of memory");
	int rc = 0;
	for (int i = 0; i < argc && !rc; i++) {
		const char *a = argv[i], *v;
		if (a[0] != '-' || !a[1]) {
			inputs[n_in++] = argv[i];
			continue;
		}
		if (!(v = cli_option_value(argc, argv, &i)))
			rc = EXIT_USAGE;
		else if (!strcmp(a, "--start")) {
			if (!cli_parse_double(v, 0, PROJECT_MAX_SECONDS, &start))
				rc = cli_usage("--start takes seconds from 0, not \"%s\"", v);
		} else if (!strcmp(a, "--duration")) {
			if (!cli_parse_double(v, 0, PROJECT_MAX_SECONDS, &duration))
				rc = cli_usage("--duration takes seconds, not \"%s\"", v);
		} else
			rc = cli_usage("play: unknown option %s", a);
	}
	if (!rc && n_in == 0)
		rc = cli_usage("play needs a project or audio files");
	struct project *p = NULL;
	if (!rc) {
		if (n_in == 1 && cli_is_project_path(inputs[0]))
			rc = cli_load_project(inputs[0], &p);
		else
			rc = cli_project_from_files(n_in, inputs, 0, &p);
	}
	free(inputs);
	if (rc)
		return rc;

	struct err_msg pmsg;
	if (pitch_prepare_all(p, say_pitching, NULL, NULL, &pmsg) != ERR_OK) {
		project_free(p);
		return cli_fail("%s", pmsg.text);
	}
	struct diag d;
	diag_init(&d);
	struct graph *gr;
	graph_build(p, false, &gr, &d);
	for (size_t i = 0; i < d.count; i++)
		fprintf(stderr, "ttymix: warning: %s\n", d.items[i].text);
	diag_deinit(&d);
	const int rate = p->sample_rate;
	int64_t from = graph_frames(start, rate);
	int64_t to = duration >= 0 ? from + graph_frames(duration, rate) : gr->end_frame;
	project_free(p);

	struct engine *e = engine_create(rate);
	struct err_msg msg, why;
	struct driver *drv = NULL;
	struct driver_config cfg = { .kind = g->output, .device = g->device,
		.buffer_frames = g->buffer_frames, .sample_rate = rate };
	engine_send_graph(e, gr);
	engine_send_simple(e, CMD_LOCATE, 0, 0, false, from);
	if (engine_disk_start(e, &msg) != ERR_OK) {
		engine_destroy(e);
		return cli_fail("%s", msg.text);
	}
	if (driver_open(&drv, e, &cfg, &why, &msg) != ERR_OK) {
		engine_destroy(e);
		return cli_fail("%s", msg.text);
	}
	if (why.text[0])
		fprintf(stderr, "ttymix: %s: playing silently on the null driver\n", why.text);
	if (driver_start(drv, &msg) != ERR_OK) {
		driver_close(drv);
		engine_destroy(e);
		return cli_fail("%s", msg.text);
	}
	struct sigaction sa = { .sa_handler = on_signal };
	sigemptyset(&sa.sa_mask);
	sigaction(SIGINT, &sa, NULL);
	sigaction(SIGTERM, &sa, NULL);
	engine_send_simple(e, CMD_PLAY, 0, 0, false, 0);

	const bool tty = isatty(STDERR_FILENO);
	float peak[2] = { 0, 0 };
	double last_print = 0;
	int64_t playhead = from;
	bool started = false;
	struct driver_watch watch = { 0 };
	while (!interrupted) {
		struct event ev;
		while (engine_poll_event(e, &ev)) {
			if (ev.type == EV_METER && ev.strip == STRIP_MASTER) {
				peak[0] = fmaxf(peak[0], ev.peak[0]);
				peak[1] = fmaxf(peak[1], ev.peak[1]);
			} else if (ev.type == EV_TRANSPORT) {
				playhead = ev.frame;
				started |= ev.playing && !ev.waiting;
			} else if (ev.type == EV_CLIP_OFFLINE) {
				/* the graph is never swapped here, so it outlives the event; the disk
				 * thread wrote the message before it pushed the event (release/acquire) */
				const char *cause = gr->tracks[ev.strip].clips[ev.clip].error.text;
				fprintf(stderr, "%sttymix: track %d: %s; the clip is offline now (silence)\n",
					tty ? "\n" : "", ev.strip + 1, cause[0] ? cause : "its file failed");
			}
		}
		engine_collect_garbage(e);
		const double t = now_sec();
		if (driver_stalled(drv, &watch, t)) {
			/* its JACK server died: closing would wait minutes for it */
			if (tty)
				fputc('\n', stderr);
			driver_abandon(drv);
			engine_destroy(e);
			return cli_fail("%s: the audio device stopped answering (did the JACK "
				"server quit?)", cfg.device ? cfg.device : "output");
		}
		if (atomic_load(&drv->failed)) {
			if (tty)
				fputc('\n', stderr);
			driver_close(drv);
			engine_destroy(e);
			return cli_fail("%s: the audio device stopped", cfg.device ? cfg.device
				: "output");
		}
		if (t - last_print >= 0.25) {
			print_status((double)(playhead - from) / rate, (double)(to - from) / rate, peak,
				engine_xruns(e), tty);
			peak[0] = peak[1] = 0;
			last_print = t;
		}
		if (started && playhead >= to)
			break;
		struct timespec ts = { 0, 10 * 1000 * 1000 };
		nanosleep(&ts, NULL);
	}
	engine_send_simple(e, CMD_STOP, 0, 0, false, 0);
	print_status((double)(playhead - from) / rate, (double)(to - from) / rate, peak,
		engine_xruns(e), tty);
	if (tty)
		fputc('\n', stderr);
	driver_close(drv);
	struct engine_load load;
	engine_dsp_load(e, &load);
	if (load.callbacks)
		fprintf(stderr, "ttymix: DSP load: mean %.1f%%, worst %.1f%% of the audio period "
			"(%llu callbacks, %llu overruns, %llu stalls, %u xruns)\n",
			load.mean * 100.0, load.worst * 100.0, (unsigned long long)load.callbacks,
			(unsigned long long)load.overruns, (unsigned long long)load.stalls,
			engine_xruns(e));
	engine_destroy(e);
	return 0;
}
