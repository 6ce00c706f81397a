/* Drive the real-time engine like a busy UI for a few seconds, on the null driver's
 * timer-paced audio thread, so that tests/rtcheck.so (preloaded by tests/rt_safety.sh)
 * sees every kind of command reach engine_process_rt: fader, pan, mute and solo moves,
 * locates, loops, stop/play and graph swaps, with the master tap on (now and then off)
 * and drained as the analysis thread would, and the strip tap walking the strips (the
 * strip detail's spectrum). The program itself checks that the
 * transport moves and the meters show signal; the preload checks that the audio thread
 * never allocates, locks, sleeps or does I/O while doing it.
 *
 *   rt_safety                        the workout; exit 0 when transport and meters work
 *   rt_safety --selftest-violation   mark this thread as the audio thread and call
 *                                    malloc: under rtcheck.so this must abort */
#include <dlfcn.h>
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "audio/driver.h"
#include "audio/engine.h"
#include "audio/strip_tap.h"
#include "audio/media.h"
#include "audio/monitor.h"
#include "src/graph_build.h"
#include "src/project.h"
#include "src/base/xalloc.h"

#define RATE 48000
#define WORKOUT_SEC 3.0
#define TICK_MS 5
#define SETTLE_SEC 0.6
#define SETTLE_SEND_SEC 10.0 /* bound on the wait for room in the command ring */
#define SETTLE_LIMIT_SEC 60.0 /* a transport that is stuck, not slow */

static int fail(const char *why)
{
	fprintf(stderr, "rt_safety: %s\n", why);
	return 1;
}

static int selftest_violation(void)
{
	void (*mark)(int);
	*(void **)&mark = dlsym(RTLD_DEFAULT, "ttymix_rtcheck_mark");
	if (!mark)
		return fail("rtcheck.so is not preloaded; nothing to test");
	mark(1);
	/* volatile: the compiler must not drop an allocation nobody uses */
	void *volatile p = malloc(64);
	mark(0);
	free(p);
	return fail("malloc inside a marked region was not caught");
}

/* A small deterministic generator, so that a failing run can be repeated. */
static uint32_t rng_state = 12345u;

static uint32_t rng(void)
{
	rng_state ^= rng_state << 13;
	rng_state ^= rng_state >> 17;
	rng_state ^= rng_state << 5;
	return rng_state;
}

static double rng_unit(void)
{
	return (rng() >> 8) / (double)(1u << 24);
}

/* Noise plus a sine, so every stretch of the file has signal. */
static int write_wav(const char *path, int rate, int channels, double seconds, double hz)
{
	struct media_writer *w;
	struct err_msg msg;
	if (media_writer_open(&w, path, MEDIA_WAV, MEDIA_PCM24, rate, channels, &msg) != ERR_OK)
		return fail(msg.text);
	const int frames = (int)(seconds * rate);
	float buf[1024 * 2];
	for (int done = 0; done < frames;) {
		int n = frames - done < 1024 ? frames - done : 1024;
		for (int i = 0; i < n; i++)
			for (int c = 0; c < channels; c++)
				buf[i * channels + c] = (float)(0.3 * sin(2 * M_PI * hz * (done + i) / rate
					+ c) + 0.1 * (rng_unit() - 0.5));
		if (media_writer_write(w, buf, n, &msg) != ERR_OK) {
			media_writer_close(w, NULL);
			return fail(msg.text);
		}
		done += n;
	}
	if (media_writer_close(w, &msg) != ERR_OK)
		return fail(msg.text);
	return 0;
}

static const char *const wav_names[] = { "mono48.wav", "stereo48.wav", "stereo44.wav" };

/* Inserts on the second track: the gate and every time-based effect. */
static const struct fx_class *const track2_fx[] = { &fx_gate, &fx_delay, &fx_reverb,
	&fx_chorus };

/* The master's inserts: the eq and compressor (as on track 0), then the master chain. */
static const struct fx_class *const master_fx[] = { &fx_eq, &fx_compressor, &fx_multiband,
	&fx_width, &fx_limiter };

static struct project *make_project(const char *dir)
{
	struct project *p = project_new(dir, "rt-safety", RATE);
	struct project_track *t = project_add_track(p, "mono");
	project_add_clip(t, wav_names[0], 0.0);
	t = project_add_track(p, "stereo");
	struct project_clip *c = project_add_clip(t, wav_names[1], 0.25);
	c->fade_in = 0.1;
	c->fade_out = 0.2;
	c->gain_db = -3.0;
	/* a second clip on the same track, partly into its file */
	c = project_add_clip(&p->tracks[1], wav_names[1], 4.5);
	c->offset = 0.5;
	t = project_add_track(p, "resampled");
	t->strip.pan = -0.3;
	project_add_clip(t, wav_names[2], 0.1);
	/* an eq and a compressor on the first track and on the master (fiddle moves them) */
	for (int m = 0; m < 2; m++) {
		struct project_insert *ins = m ? p->master.inserts : p->tracks[0].strip.inserts;
		int *n = m ? &p->master.n_inserts : &p->tracks[0].strip.n_inserts;
		struct project_insert *eq = project_add_insert(ins, n, &fx_eq);
		eq->params[fx_param_find(&fx_eq, "hpf_hz")] = 80;
		eq->params[fx_param_find(&fx_eq, "band2_db")] = 4;
		struct project_insert *comp = project_add_insert(ins, n, &fx_compressor);
		comp->params[fx_param_find(&fx_compressor, "threshold_db")] = -30;
		comp->params[fx_param_find(&fx_compressor, "sidechain_hpf_hz")] = 60;
	}
	/* the master chain after them: multiband, width, limiter, all doing something */
	struct project_insert *mb = project_add_insert(p->master.inserts, &p->master.n_inserts,
		&fx_multiband);
	mb->params[fx_param_find(&fx_multiband, "mid_ratio")] = 3;
	struct project_insert *wd = project_add_insert(p->master.inserts, &p->master.n_inserts,
		&fx_width);
	wd->params[fx_param_find(&fx_width, "mono_below_hz")] = 120;
	struct project_insert *lim = project_add_insert(p->master.inserts, &p->master.n_inserts,
		&fx_limiter);
	lim->params[fx_param_find(&fx_limiter, "input_db")] = 12;
	/* the time-based effects and the gate on the second track */
	for (size_t k = 0; k < sizeof track2_fx / sizeof track2_fx[0]; k++) {
		struct project_insert *x = project_add_insert(p->tracks[1].strip.inserts,
			&p->tracks[1].strip.n_inserts, track2_fx[k]);
		if (track2_fx[k] == &fx_reverb || track2_fx[k] == &fx_delay ||
		    track2_fx[k] == &fx_chorus)
			x->params[fx_param_find(track2_fx[k], "mix")] = 0.3;
	}
	/* buses: the first track plays through "sub" into "verb"; every track sends to
	 * "verb", the last one pre-fader (fiddle moves the sends, solos and solo-safes) */
	struct project_bus *b = project_add_bus(p, "verb");
	project_add_insert(b->strip.inserts, &b->strip.n_inserts, &fx_reverb);
	b = project_add_bus(p, "sub");
	project_add_insert(b->strip.inserts, &b->strip.n_inserts, &fx_eq);
	/* limiters on a bus and on a track: every other path gets a compensating delay
	 * (graph_pdc_plan), on strips and on single sends */
	project_add_insert(b->strip.inserts, &b->strip.n_inserts, &fx_limiter);
	project_add_insert(p->tracks[2].strip.inserts, &p->tracks[2].strip.n_inserts,
		&fx_limiter);
	b->strip.output = xstrdup("verb");
	p->tracks[0].strip.output = xstrdup("sub");
	for (int k = 0; k < p->n_tracks; k++) {
		struct project_send *snd = project_add_send(&p->tracks[k].strip.sends,
			&p->tracks[k].strip.n_sends, "verb");
		snd->level_db = -12.0;
		snd->pre_fader = k == p->n_tracks - 1;
	}
	return p;
}

static struct graph *build(const struct project *p)
{
	struct diag d;
	diag_init(&d);
	struct graph *g = NULL;
	enum err rc = graph_build(p, false, &g, &d);
	for (size_t i = 0; i < d.count; i++)
		fprintf(stderr, "rt_safety: graph: %s\n", d.items[i].text);
	/* every file exists, so a warning means the test itself is broken */
	bool clean = rc == ERR_OK && d.count == 0;
	diag_deinit(&d);
	if (!clean) {
		graph_destroy(g);
		return NULL;
	}
	return g;
}

static double now_sec(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + ts.tv_nsec * 1e-9;
}

static void sleep_ms(int ms)
{
	struct timespec ts = { ms / 1000, (long)(ms % 1000) * 1000000L };
	nanosleep(&ts, NULL);
}

struct stats {
	long commands, full, swaps, locates, loops, stops;
	long transports_playing, meters_with_signal, underruns;
	int64_t last_frame;
	float master_peak;
	int64_t tapped;    /* master frames read back from the engine's tap */
	int64_t strip_tapped; /* frames read back from the strip tap */
};

/* Read the tap as the analysis thread would (here on the control thread: it is the
 * tap's one consumer), so the audio thread's side of it runs under the check. */
static void drain_tap(struct engine *e, struct stats *s)
{
	static float buf[4096 * 2];
	int n;
	while ((n = engine_tap_read(e, buf, 4096)) > 0)
		s->tapped += n;
	while ((n = engine_strip_tap_read(e, buf, 4096)) > 0)
		s->strip_tapped += n;
}

static void send(struct engine *e, struct stats *s, enum cmd_type type, int strip,
	double value, bool on, int64_t frame)
{
	if (engine_send_simple(e, type, strip, value, on, frame) == ERR_OK)
		s->commands++;
	else
		s->full++;
}

static void send_loop(struct engine *e, struct stats *s, bool on, int64_t start, int64_t end)
{
	struct cmd c = { .type = CMD_LOOP, .on = on, .frame = start, .frame2 = end };
	if (engine_send(e, &c) == ERR_OK) {
		s->commands++;
		s->loops++;
	} else {
		s->full++;
	}
}

static void poll_events(struct engine *e, struct stats *s)
{
	struct event ev;
	while (engine_poll_event(e, &ev)) {
		switch (ev.type) {
		case EV_TRANSPORT:
			s->last_frame = ev.frame;
			if (ev.playing && !ev.waiting)
				s->transports_playing++;
			break;
		case EV_METER:
			if (ev.peak[0] > 0.01f || ev.peak[1] > 0.01f)
				s->meters_with_signal++;
			if (ev.strip == STRIP_MASTER)
				s->master_peak = fmaxf(s->master_peak, fmaxf(ev.peak[0], ev.peak[1]));
			break;
		case EV_UNDERRUN:
			s->underruns++;
			break;
		case EV_CLIP_OFFLINE:
			fprintf(stderr, "rt_safety: track %d went offline\n", ev.strip + 1);
			break;
		}
	}
}

/* One tick of a hyperactive user. */
/* The monitor section the driver plays through (audio/monitor.h): every setting
 * changes now and then, and references come and go, so that its audio-thread side
 * (which driver_play_rt marks like engine_process_rt) meets all of them. */
static struct monitor *monitor;

static void fiddle_monitor(long tick)
{
	if (tick % 5 == 0)
		monitor_set_mode(monitor, (enum monitor_mode)(rng() % MONITOR_MODES));
	if (tick % 9 == 0)
		monitor_set_dim(monitor, rng() & 1);
	if (tick % 13 == 0)
		monitor_set_crossfeed(monitor, (enum monitor_crossfeed)(rng() % MONITOR_XFEEDS));
	if (tick % 19 == 0)
		monitor_set_speaker(monitor, (enum monitor_speaker)(rng() % MONITOR_SPEAKERS));
	if (tick % 23 == 0)
		monitor_set_source(monitor, rng() & 1 ? MONITOR_SOURCE_REFERENCE
			: MONITOR_SOURCE_MIX);
	if (tick % 29 == 0)
		monitor_set_trim_db(monitor, -12.0 * rng_unit());
	if (tick % 31 == 0) {
		const int64_t n = 1000 + rng() % 5000;
		float *ref = xcalloc((size_t)n * 2, sizeof(float));
		for (int64_t i = 0; i < n * 2; i++)
			ref[i] = 0.5f * (float)rng_unit();
		if (monitor_set_reference(monitor, ref, n) != ERR_OK)
			free(ref);
	}
	monitor_collect(monitor);
}

static void fiddle(struct engine *e, struct project *p, struct stats *s, long tick,
	bool *playing)
{
	if (monitor)
		fiddle_monitor(tick);
	const int n = p->n_tracks;
	const int strips = n + p->n_buses; /* tracks, then buses */
	int strip = (int)(rng() % (uint32_t)(strips + 1)) - 1; /* -1: the master */
	send(e, s, CMD_GAIN, strip, -24.0 + 30.0 * rng_unit(), false, 0);
	send(e, s, CMD_PAN, (int)(rng() % (uint32_t)strips), 2.0 * rng_unit() - 1.0, false, 0);
	if (tick % 7 == 0)
		send(e, s, CMD_MUTE, (int)(rng() % (uint32_t)strips), false, rng() & 1, 0);
	if (tick % 11 == 0)
		send(e, s, CMD_SOLO, (int)(rng() % (uint32_t)strips), false, rng() & 1, 0);
	if (tick % 17 == 0)
		send(e, s, CMD_SOLO_SAFE, (int)(rng() % (uint32_t)strips), false, rng() & 1, 0);
	{
		struct cmd c = { .type = CMD_SEND_LEVEL, .strip = (int)(rng() % (uint32_t)n),
			.slot = 0, .value = -40.0 + 46.0 * rng_unit() };
		if (engine_send(e, &c) == ERR_OK)
			s->commands++;
		else
			s->full++;
	}
	{
		/* an insert parameter anywhere in its range on track 0, track 1 or the master
		 * (every insert of the master chain); now and then a bypass or an A/B */
		struct cmd c = { .type = CMD_FX_PARAM, .strip = (int)(rng() % 3) - 1 };
		const struct fx_class *cls;
		if (c.strip == 1) {
			c.slot = (int)(rng() % (sizeof track2_fx / sizeof track2_fx[0]));
			cls = track2_fx[c.slot];
		} else if (c.strip < 0) {
			c.strip = STRIP_MASTER;
			c.slot = (int)(rng() % (sizeof master_fx / sizeof master_fx[0]));
			cls = master_fx[c.slot];
		} else {
			c.slot = (int)(rng() % 2);
			cls = c.slot ? &fx_compressor : &fx_eq;
		}
		c.param = (int)(rng() % (uint32_t)cls->n_params);
		c.value = cls->params[c.param].min + rng_unit() *
			(cls->params[c.param].max - cls->params[c.param].min);
		if (tick % 13 == 0) {
			c.type = CMD_FX_BYPASS;
			c.on = rng() & 1;
		} else if (tick % 17 == 0) {
			c.type = CMD_FX_AB; /* level-matched A/B: measured, frozen, glided */
			c.on = rng() & 1;
		}
		if (engine_send(e, &c) == ERR_OK)
			s->commands++;
		else
			s->full++;
	}
	if (tick % 30 == 0) {
		send(e, s, CMD_LOCATE, 0, 0, false, (int64_t)(rng_unit() * 4.0 * RATE));
		s->locates++;
	}
	if (tick % 80 == 0) {
		int64_t start = (int64_t)(rng_unit() * 2.0 * RATE);
		send_loop(e, s, true, start, start + RATE / 4 + (int64_t)(rng() % RATE));
	} else if (tick % 80 == 40) {
		send_loop(e, s, false, 0, 0);
	}
	if (tick % 140 == 100) {
		send(e, s, CMD_STOP, 0, 0, false, 0);
		s->stops++;
		*playing = false;
	} else if (!*playing && tick % 140 == 110) {
		send(e, s, CMD_PLAY, 0, 0, false, 0);
		*playing = true;
	}
	if (tick % 100 == 50) {
		/* an edit: change the project, rebuild the graph and swap it in */
		p->tracks[tick % n].strip.gain_db = -6.0 * rng_unit();
		struct graph *g = build(p);
		if (g && engine_send_graph(e, g) == ERR_OK) {
			s->swaps++;
			s->commands++;
		} else {
			graph_destroy(g); /* not sent: still ours */
			s->full++;
		}
	}
}

/* Queue c for the audio thread even when the ring is full: a command the settle loses
 * would leave a control wherever the workout put it. The audio thread drains the ring
 * every callback; a loaded machine only delays it, so the wait is long but bounded. */
static int send_surely(struct engine *e, struct stats *s, const struct cmd *c)
{
	const double t0 = now_sec();
	while (engine_send(e, c) != ERR_OK) {
		s->full++;
		if (now_sec() - t0 > SETTLE_SEND_SEC)
			return 1;
		sleep_ms(TICK_MS);
	}
	s->commands++;
	return 0;
}

/* Put every control the workout moves back where the project has it (faders at 0 dB,
 * no mute, solo or loop): the master's inserts above all, which the workout leaves at
 * random settings (an eq's high-pass at 9 kHz, a limiter's input at -15 dB, an A/B)
 * that can silence the mix.
 * Which random move came last depends on how many ticks fitted into the workout, that
 * is on the machine's load, so the settle must undo all of them, not hope. */
static int settle(struct engine *e, const struct project *p, struct stats *s)
{
	int rc = 0;
	struct cmd loop = { .type = CMD_LOOP, .on = false };
	rc |= send_surely(e, s, &loop);
	const int strips = p->n_tracks + p->n_buses;
	for (int k = -1; k < strips; k++) {
		const int strip = k < 0 ? STRIP_MASTER : k;
		const struct project_insert *ins;
		int n_ins;
		double pan = 0.0;
		if (k < 0) {
			ins = p->master.inserts;
			n_ins = p->master.n_inserts;
		} else if (k < p->n_tracks) {
			ins = p->tracks[k].strip.inserts;
			n_ins = p->tracks[k].strip.n_inserts;
			pan = p->tracks[k].strip.pan;
		} else {
			ins = p->buses[k - p->n_tracks].strip.inserts;
			n_ins = p->buses[k - p->n_tracks].strip.n_inserts;
			pan = p->buses[k - p->n_tracks].strip.pan;
		}
		struct cmd c = { .type = CMD_GAIN, .strip = strip, .value = 0.0 };
		rc |= send_surely(e, s, &c);
		if (k >= 0) {
			c = (struct cmd){ .type = CMD_PAN, .strip = strip, .value = pan };
			rc |= send_surely(e, s, &c);
			c = (struct cmd){ .type = CMD_MUTE, .strip = strip, .on = false };
			rc |= send_surely(e, s, &c);
			c = (struct cmd){ .type = CMD_SOLO, .strip = strip, .on = false };
			rc |= send_surely(e, s, &c);
		}
		if (k >= 0 && k < p->n_tracks)
			for (int i = 0; i < p->tracks[k].strip.n_sends; i++) {
				c = (struct cmd){ .type = CMD_SEND_LEVEL, .strip = strip, .slot = i,
					.value = p->tracks[k].strip.sends[i].level_db };
				rc |= send_surely(e, s, &c);
			}
		for (int slot = 0; slot < n_ins; slot++) {
			c = (struct cmd){ .type = CMD_FX_AB, .strip = strip, .slot = slot,
				.on = false };
			rc |= send_surely(e, s, &c);
			c = (struct cmd){ .type = CMD_FX_BYPASS, .strip = strip, .slot = slot,
				.on = ins[slot].bypass };
			rc |= send_surely(e, s, &c);
			for (int q = 0; q < ins[slot].cls->n_params; q++) {
				c = (struct cmd){ .type = CMD_FX_PARAM, .strip = strip, .slot = slot,
					.param = q, .value = ins[slot].params[q] };
				rc |= send_surely(e, s, &c);
			}
		}
	}
	struct cmd c = { .type = CMD_LOCATE, .frame = 0 };
	rc |= send_surely(e, s, &c);
	c = (struct cmd){ .type = CMD_PLAY };
	rc |= send_surely(e, s, &c);
	return rc;
}

static int workout(const char *dir)
{
	char path[4096];
	const int rates[] = { RATE, RATE, 44100 };
	const int channels[] = { 1, 2, 2 };
	const double hz[] = { 220.0, 330.0, 440.0 };
	for (int i = 0; i < 3; i++) {
		snprintf(path, sizeof path, "%s/%s", dir, wav_names[i]);
		if (write_wav(path, rates[i], channels[i], 4.0, hz[i]))
			return 1;
	}
	struct project *p = make_project(dir);
	struct graph *g = build(p);
	if (!g) {
		project_free(p);
		return fail("cannot build the graph");
	}
	struct engine *e = engine_create(RATE);
	struct err_msg msg;
	if (engine_disk_start(e, &msg) != ERR_OK) {
		graph_destroy(g);
		engine_destroy(e);
		project_free(p);
		return fail(msg.text);
	}
	struct driver *drv = NULL;
	if (monitor_create(&monitor, RATE, &msg) != ERR_OK)
		return fail(msg.text);
	struct driver_config cfg = { .kind = DRIVER_NULL, .buffer_frames = 64,
		.sample_rate = RATE, .monitor = monitor };
	if (driver_open(&drv, e, &cfg, NULL, &msg) != ERR_OK ||
	    driver_start(drv, &msg) != ERR_OK) {
		driver_close(drv);
		graph_destroy(g);
		engine_destroy(e);
		project_free(p);
		return fail(msg.text);
	}

	struct stats s = { 0 };
	int rc_settle = 0;
	engine_tap_enable(e, true);
	engine_send_graph(e, g); /* an empty ring: cannot be full */
	send(e, &s, CMD_LOCATE, 0, 0, false, 0);
	send(e, &s, CMD_PLAY, 0, 0, false, 0);
	bool playing = true;
	const double t0 = now_sec();
	for (long tick = 1; now_sec() - t0 < WORKOUT_SEC; tick++) {
		fiddle(e, p, &s, tick, &playing);
		poll_events(e, &s);
		drain_tap(e, &s);
		if (tick % 200 == 100)
			engine_tap_enable(e, false); /* off and on again, as a page change does */
		else if (tick % 200 == 150)
			engine_tap_enable(e, true);
		if (tick % 50 == 25) /* the strip tap walks the strips, the master and off */
			(void)engine_strip_tap_set(e, (int)(tick / 50 % (p->n_tracks + p->n_buses + 2))
				- 2);
		engine_collect_garbage(e);
		sleep_ms(TICK_MS);
	}
	const long storm_transports = s.transports_playing;
	const long storm_meters = s.meters_with_signal;

	/* settle: everything back to audible, play from the top, and watch it move */
	engine_tap_enable(e, true); /* the workout may have ended with it off */
	(void)engine_strip_tap_set(e, 0); /* and the strip tap on the first track */
	const int64_t strip_from = s.strip_tapped;
	if (settle(e, p, &s))
		rc_settle = fail("the settle commands did not get through in time");
	sleep_ms(50);
	poll_events(e, &s);
	s.master_peak = 0;
	const long settle_meters = s.meters_with_signal;
	const int64_t from = s.last_frame;
	const int64_t tapped_from = s.tapped;
	/* until SETTLE_SEC of audio has played, with signal, through the tap; waiting for
	 * it (up to SETTLE_LIMIT_SEC) rather than for SETTLE_SEC of wall time, since under a
	 * sanitizer on a busy machine the read-ahead can lag the clock for a while */
	const double t1 = now_sec();
	for (;;) {
		poll_events(e, &s);
		drain_tap(e, &s);
		engine_collect_garbage(e);
		if ((s.last_frame - from >= (int64_t)(SETTLE_SEC * RATE)
			&& s.meters_with_signal > settle_meters && s.master_peak > 0.01f
			&& s.tapped - tapped_from >= (int64_t)(SETTLE_SEC * RATE / 2))
			|| now_sec() - t1 >= SETTLE_LIMIT_SEC)
			break;
		sleep_ms(TICK_MS);
	}
	const double settled_sec = now_sec() - t1;
	poll_events(e, &s);
	const int64_t advanced = s.last_frame - from;
	const int64_t settle_tapped = s.tapped - tapped_from;
	const int64_t settle_strip_tapped = s.strip_tapped - strip_from;

	send(e, &s, CMD_STOP, 0, 0, false, 0);
	sleep_ms(20);
	driver_close(drv);
	monitor_destroy(monitor);
	poll_events(e, &s);
	drain_tap(e, &s);
	const uint32_t xruns = engine_xruns(e);
	const uint64_t tap_dropped = engine_tap_dropped(e);
	engine_destroy(e);
	project_free(p);

	printf("rt_safety: %ld commands (%ld refused: ring full), %ld graph swaps, %ld locates, "
		"%ld loop changes, %ld stops\n", s.commands, s.full, s.swaps, s.locates, s.loops,
		s.stops);
	printf("rt_safety: during the workout %ld transport events while playing, %ld meter "
		"events with signal, %ld underrun reports\n", storm_transports, storm_meters,
		s.underruns);
	printf("rt_safety: settle: playhead advanced %.3f s in %.1f s, master peak %.1f dBFS, "
		"xruns %u\n", (double)advanced / RATE, settled_sec,
		s.master_peak > 0 ? 20 * log10(s.master_peak) : -INFINITY, xruns);
	printf("rt_safety: tap: %.3f s of master read back, %llu frames dropped\n",
		(double)s.tapped / RATE, (unsigned long long)tap_dropped);
	printf("rt_safety: strip tap: %.3f s read back\n", (double)s.strip_tapped / RATE);

	int rc = rc_settle;
	if (s.swaps < 2)
		rc = fail("fewer than two graph swaps were sent");
	if (storm_transports == 0)
		rc = fail("the transport never played during the workout");
	if (storm_meters == 0)
		rc = fail("no meter showed signal during the workout");
	if (advanced < (int64_t)(SETTLE_SEC * RATE))
		rc = fail("the playhead did not advance after the workout");
	if (s.meters_with_signal == settle_meters || s.master_peak <= 0.01f)
		rc = fail("the master meter shows no signal after the workout");
	if (settle_tapped < (int64_t)(SETTLE_SEC * RATE / 2))
		rc = fail("the tap carried less than the settle played");
	if (settle_strip_tapped == 0)
		rc = fail("the strip tap carried nothing in the settle");
	return rc;
}

static void remove_dir(const char *dir)
{
	char path[4096];
	for (size_t i = 0; i < sizeof wav_names / sizeof wav_names[0]; i++) {
		snprintf(path, sizeof path, "%s/%s", dir, wav_names[i]);
		unlink(path);
	}
	rmdir(dir);
}

int main(int argc, char **argv)
{
	if (argc == 2 && !strcmp(argv[1], "--selftest-violation"))
		return selftest_violation();
	if (argc != 1) {
		fprintf(stderr, "usage: rt_safety [--selftest-violation]\n");
		return 2;
	}
	const char *tmp = getenv("TMPDIR");
	char dir[1024];
	int len = snprintf(dir, sizeof dir, "%s/rt_safety.XXXXXX", tmp && *tmp ? tmp : "/tmp");
	if (len < 0 || (size_t)len >= sizeof dir || !mkdtemp(dir))
		return fail("cannot make a temporary folder");
	int rc = workout(dir);
	remove_dir(dir);
	return rc;
}
