/* The monitor section (audio/monitor.c): heard, never rendered.
 *  - each mode's exact output on known L/R signals; dim is exactly -20 dB;
 *  - bs2b crossfeed differs from bypass and keeps a centred signal's low-frequency
 *    level (bs2b's overload gain makes the sum unity at low frequencies);
 *  - the speaker simulations match the curves docs/dsp.md documents (their biquads'
 *    magnitude, computed here from the documented parameters) at 12 frequencies;
 *  - a mode change crossfades: no step larger than the signal's own;
 *  - a render with every monitor setting on is bit for bit a render with none, while
 *    the same monitor does change what the real-time driver path plays;
 *  - the A/B trim equals the loudness the master compressor takes away, as measured
 *    on renders with and without it, within 0.5 LU;
 *  - a reference (another rate, another loudness) plays level-matched within 0.5 LU. */
#include <complex.h>
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <cmocka.h>

#include "audio/analysis.h"
#include "audio/driver.h"
#include "audio/engine.h"
#include "audio/fx/fx.h"
#include "audio/graph.h"
#include "audio/loudness.h"
#include "audio/monitor.h"
#include "audio/reference.h"
#include "audio/spectrum.h"
#include "src/graph_build.h"
#include "src/project.h"
#include "src/base/xalloc.h"
#include "tests/test_util.h"

#define RATE 48000

static struct monitor *new_monitor(void)
{
	struct monitor *m;
	struct err_msg msg;
	assert_int_equal(monitor_create(&m, RATE, &msg), ERR_OK);
	return m;
}

/* n frames of L = 0.5 sin(440), R = 0.3 sin(1000 + 1) */
static float *test_signal(int n, int64_t from)
{
	float *x = xmalloc(sizeof(float) * 2 * (size_t)n);
	for (int i = 0; i < n; i++) {
		const double t = (double)(from + i) / RATE;
		x[i * 2] = (float)(0.5 * sin(2.0 * M_PI * 440.0 * t));
		x[i * 2 + 1] = (float)(0.3 * sin(2.0 * M_PI * 1000.0 * t + 1.0));
	}
	return x;
}

/* Run the monitor long enough for any fade or ramp to finish. */
static void settle(struct monitor *m)
{
	float *x = test_signal(4096, 0);
	monitor_process_rt(m, x, 4096, 0, true);
	free(x);
}

static void test_modes_exact(void **state)
{
	(void)state;
	struct monitor *m = new_monitor();
	const int n = 2000;
	for (int mode = 0; mode < MONITOR_MODES; mode++) {
		monitor_set_mode(m, (enum monitor_mode)mode);
		settle(m);
		float *in = test_signal(n, 4096), *out = test_signal(n, 4096);
		monitor_process_rt(m, out, n, 0, true);
		for (int i = 0; i < n; i++) {
			const float l = in[i * 2], r = in[i * 2 + 1];
			float a = l, b = r;
			switch ((enum monitor_mode)mode) {
			case MONITOR_MONO: a = b = (l + r) * 0.5f; break;
			case MONITOR_LEFT: a = b = l; break;
			case MONITOR_RIGHT: a = b = r; break;
			case MONITOR_SIDE: a = b = (l - r) * 0.5f; break;
			case MONITOR_SWAP: a = r; b = l; break;
			default: break;
			}
			if (out[i * 2] != a || out[i * 2 + 1] != b)
				fail_msg("mode %s frame %d: %g %g, expected %g %g",
					monitor_mode_name((enum monitor_mode)mode), i, out[i * 2],
					out[i * 2 + 1], a, b);
		}
		free(in);
		free(out);
	}
	/* back to stereo: the samples are left exactly as they were */
	monitor_set_mode(m, MONITOR_STEREO);
	settle(m);
	float *in = test_signal(n, 7), *out = test_signal(n, 7);
	monitor_process_rt(m, out, n, 0, true);
	assert_memory_equal(in, out, sizeof(float) * 2 * (size_t)n);
	assert_false(monitor_engaged(m));
	free(in);
	free(out);
	monitor_destroy(m);
}

static void test_dim(void **state)
{
	(void)state;
	struct monitor *m = new_monitor();
	monitor_set_dim(m, true);
	assert_true(monitor_engaged(m));
	settle(m);
	const int n = 1000;
	float *in = test_signal(n, 4096), *out = test_signal(n, 4096);
	monitor_process_rt(m, out, n, 0, true);
	double worst = 0.0;
	for (int i = 0; i < n * 2; i++) {
		if (fabsf(in[i]) < 1e-3f)
			continue;
		const double db = 20.0 * log10(fabs((double)out[i] / in[i]));
		worst = fmax(worst, fabs(db - MONITOR_DIM_DB));
	}
	print_message("dim: worst deviation from -20 dB %.2e dB\n", worst);
	assert_true(worst < 1e-5);
	free(in);
	free(out);
	monitor_destroy(m);
}

/* Amplitude of an integer-Hz sine in channel ch of x (n frames, a whole second or
 * whole seconds so the projection is exact). */
static double amplitude(const float *x, int n, int ch, double hz)
{
	double s = 0.0, c = 0.0;
	for (int i = 0; i < n; i++) {
		const double w = 2.0 * M_PI * hz * i / RATE;
		s += x[i * 2 + ch] * sin(w);
		c += x[i * 2 + ch] * cos(w);
	}
	return 2.0 * sqrt(s * s + c * c) / n;
}

/* Run a sine (amplitude amp_l on L, amp_r on R) through m for `lead` seconds, then
 * measure one second; returns the output amplitudes. */
static void sine_through(struct monitor *m, double hz, double amp_l, double amp_r,
	double *out_l, double *out_r)
{
	const int lead = RATE / 2, n = RATE;
	float *x = xmalloc(sizeof(float) * 2 * (size_t)(lead + n));
	for (int i = 0; i < lead + n; i++) {
		const double v = sin(2.0 * M_PI * hz * (i - lead) / RATE);
		x[i * 2] = (float)(amp_l * v);
		x[i * 2 + 1] = (float)(amp_r * v);
	}
	for (int i = 0; i < lead + n; i += 512)
		monitor_process_rt(m, x + i * 2, lead + n - i < 512 ? lead + n - i : 512, 0, true);
	*out_l = amplitude(x + lead * 2, n, 0, hz);
	*out_r = amplitude(x + lead * 2, n, 1, hz);
	free(x);
}

static void test_crossfeed(void **state)
{
	(void)state;
	for (int p = MONITOR_XFEED_DEFAULT; p < MONITOR_XFEEDS; p++) {
		struct monitor *m = new_monitor();
		monitor_set_crossfeed(m, (enum monitor_crossfeed)p);
		double l, r;
		/* hard left: bypassed the right side is silent; crossfed it is not */
		sine_through(m, 300.0, 0.5, 0.0, &l, &r);
		const double feed_db = 20.0 * log10(r / l);
		/* centred (mono) at low frequency: the level stays */
		double ml, mr;
		sine_through(m, 40.0, 0.5, 0.5, &ml, &mr);
		const double mono_db = 20.0 * log10(ml / 0.5);
		print_message("crossfeed %s: hard-left 300 Hz reaches the right at %.2f dB; "
			"centred 40 Hz %+.3f dB (L/R %+.4f dB)\n",
			monitor_crossfeed_name((enum monitor_crossfeed)p), feed_db, mono_db,
			20.0 * log10(ml / mr));
		assert_true(r > 0.05 * l);          /* far from the bypass's silence */
		assert_true(feed_db < -3.0);       /* but below the direct side */
		assert_true(fabs(mono_db) < 0.3);
		assert_true(fabs(20.0 * log10(ml / mr)) < 1e-3);
		monitor_destroy(m);
	}
}

/* |H| of an RBJ biquad at hz, from the documented formulas (not the monitor's code). */
static double complex rbj(int kind, double f0, double q, double db, double hz)
{
	const double w0 = 2.0 * M_PI * f0 / RATE, c = cos(w0), al = sin(w0) / (2.0 * q);
	const double A = pow(10.0, db / 40.0);
	double b[3], a[3];
	if (kind == 0) { /* high-pass */
		b[0] = (1 + c) / 2; b[1] = -(1 + c); b[2] = (1 + c) / 2;
		a[0] = 1 + al; a[1] = -2 * c; a[2] = 1 - al;
	} else if (kind == 1) { /* low-pass */
		b[0] = (1 - c) / 2; b[1] = 1 - c; b[2] = (1 - c) / 2;
		a[0] = 1 + al; a[1] = -2 * c; a[2] = 1 - al;
	} else { /* peaking */
		b[0] = 1 + al * A; b[1] = -2 * c; b[2] = 1 - al * A;
		a[0] = 1 + al / A; a[1] = -2 * c; a[2] = 1 - al / A;
	}
	const double complex z1 = cexp(-I * 2.0 * M_PI * hz / RATE), z2 = z1 * z1;
	return (b[0] + b[1] * z1 + b[2] * z2) / (a[0] + a[1] * z1 + a[2] * z2);
}

static void test_speaker_curves(void **state)
{
	(void)state;
	/* the parameters as docs/dsp.md ("Monitor section") documents them */
	static const struct { enum monitor_speaker s; double hp, hq, lp, lq, pk, pq, pdb; }
	doc[] = {
		{ MONITOR_SPEAKER_LAPTOP, 180, 1.1, 12000, 0.707, 2500, 1.4, 4.0 },
		{ MONITOR_SPEAKER_PHONE, 400, 1.3, 8000, 0.707, 3000, 2.0, 6.0 },
		{ MONITOR_SPEAKER_EARBUDS, 80, 0.6, 14000, 0.707, 4500, 1.2, 5.0 },
	};
	static const double freqs[] = { 40, 80, 150, 300, 600, 1000, 2000, 3000, 4500, 7000,
		10000, 15000 };
	for (size_t d = 0; d < sizeof doc / sizeof doc[0]; d++) {
		const struct monitor_speaker_curve *c = monitor_speaker_curve(doc[d].s);
		assert_non_null(c);
		struct monitor *m = new_monitor();
		monitor_set_speaker(m, doc[d].s);
		double worst = 0.0;
		for (size_t f = 0; f < sizeof freqs / sizeof freqs[0]; f++) {
			const double hz = freqs[f];
			const double want = 20.0 * log10(cabs(rbj(0, doc[d].hp, doc[d].hq, 0, hz)
				* rbj(1, doc[d].lp, doc[d].lq, 0, hz)
				* rbj(2, doc[d].pk, doc[d].pq, doc[d].pdb, hz)));
			double l, r;
			sine_through(m, hz, 0.25, 0.25, &l, &r);
			const double got = 20.0 * log10(l / 0.25);
			worst = fmax(worst, fabs(got - want));
			if (fabs(got - want) > 0.1 || fabs(20.0 * log10(r / l)) > 0.01)
				fail_msg("%s at %.0f Hz: %.3f dB, documented %.3f dB", c->name, hz,
					got, want);
		}
		print_message("speaker %s: %zu frequencies within %.4f dB of the documented "
			"curve\n", c->name, sizeof freqs / sizeof freqs[0], worst);
		monitor_destroy(m);
	}
}

static double max_step(const float *x, int n, float *prev)
{
	double worst = 0.0;
	for (int i = 0; i < n; i++)
		for (int ch = 0; ch < 2; ch++) {
			worst = fmax(worst, fabs((double)x[i * 2 + ch] - prev[ch]));
			prev[ch] = x[i * 2 + ch];
		}
	return worst;
}

static void test_switch_is_smooth(void **state)
{
	(void)state;
	static const enum monitor_mode seq[] = { MONITOR_SWAP, MONITOR_SIDE, MONITOR_LEFT,
		MONITOR_RIGHT, MONITOR_MONO, MONITOR_STEREO };
	struct monitor *m = new_monitor();
	const int block = 128, blocks = 200;
	float prev[2] = { 0, 0 };
	double steady = 0.0, switching = 0.0;
	int64_t t = 0;
	/* the signal's own largest step, in every mode */
	for (size_t s = 0; s < sizeof seq / sizeof seq[0]; s++) {
		monitor_set_mode(m, seq[s]);
		settle(m);
		float *x = test_signal(RATE / 10, 0);
		float p[2] = { x[0], x[1] };
		monitor_process_rt(m, x, RATE / 10, 0, true);
		p[0] = x[0], p[1] = x[1];
		steady = fmax(steady, max_step(x, RATE / 10, p));
		free(x);
	}
	monitor_set_mode(m, MONITOR_STEREO);
	settle(m);
	/* now switch every few blocks, mid-signal */
	for (int b = 0; b < blocks; b++, t += block) {
		if (b % 7 == 3)
			monitor_set_mode(m, seq[(b / 7) % (sizeof seq / sizeof seq[0])]);
		if (b % 11 == 5)
			monitor_set_dim(m, (b / 11) % 2 == 0);
		float *x = test_signal(block, t);
		monitor_process_rt(m, x, block, 0, true);
		if (b == 0)
			prev[0] = x[0], prev[1] = x[1];
		switching = fmax(switching, max_step(x, block, prev));
		free(x);
	}
	print_message("switching: largest step %.4f, the signal's own %.4f\n", switching,
		steady);
	assert_true(switching <= steady * 1.02);
	monitor_destroy(m);
}

/* ---- renders and the real-time path ---- */

static double noise_gen(int64_t i, int ch, void *arg)
{
	(void)arg;
	/* a deterministic, loud, broadband programme: a few detuned partials and a
	 * hashed noise */
	uint32_t h = (uint32_t)(i * 2654435761u) ^ (uint32_t)(ch * 40503u);
	h ^= h >> 13;
	h *= 0x5bd1e995u;
	h ^= h >> 15;
	const double noise = ((double)(h & 0xffff) / 32768.0 - 1.0) * 0.25;
	const double t = (double)i / RATE;
	return noise + 0.3 * sin(2.0 * M_PI * 110.0 * t + ch) + 0.2 * sin(2.0 * M_PI * 1300.0 * t);
}

struct song {
	char *dir;
	struct project *p;
};

static void song_open(struct song *s, double seconds, bool compressor)
{
	s->dir = tu_tempdir();
	char *wav = xasprintf("%s/prog.wav", s->dir);
	tu_write_wav(wav, RATE, 2, (int64_t)(seconds * RATE), noise_gen, NULL);
	free(wav);
	s->p = project_new(s->dir, "monitor", RATE);
	project_add_clip(project_add_track(s->p, "prog"), "prog.wav", 0.0);
	if (compressor)
		assert_non_null(project_add_insert(s->p->master.inserts, &s->p->master.n_inserts,
			fx_class_find("compressor")));
}

static void song_close(struct song *s)
{
	project_free(s->p);
	tu_rmtree(s->dir);
	free(s->dir);
}

/* An engine playing s from its start (play), or located there and stopped. */
static struct engine *song_engine(struct song *s, bool play)
{
	struct diag d;
	diag_init(&d);
	struct graph *g = NULL;
	assert_int_equal(graph_build(s->p, false, &g, &d), ERR_OK);
	diag_deinit(&d);
	struct engine *e = engine_create(RATE);
	engine_send_graph(e, g);
	engine_send_simple(e, CMD_LOCATE, 0, 0, false, 0);
	if (play)
		engine_send_simple(e, CMD_PLAY, 0, 0, false, 0);
	return e;
}

static void set_everything(struct monitor *m)
{
	monitor_set_mode(m, MONITOR_SIDE);
	monitor_set_dim(m, true);
	monitor_set_crossfeed(m, MONITOR_XFEED_JMEIER);
	monitor_set_speaker(m, MONITOR_SPEAKER_PHONE);
	monitor_set_trim_db(m, -7.5);
	monitor_set_reference_gain_db(m, 3.0);
	float *ref = xcalloc(2 * 1000, sizeof(float));
	ref[0] = 1.0f;
	monitor_set_reference(m, ref, 1000);
	monitor_set_source(m, MONITOR_SOURCE_REFERENCE);
}

static void test_render_never_monitored(void **state)
{
	(void)state;
	struct song s;
	song_open(&s, 2.0, true);
	int64_t n_plain, n_mon;
	float *plain = tu_render(s.p, 0, 0, 0, &n_plain);

	/* a monitor with everything on, attached to a running real-time driver */
	struct monitor *m = new_monitor();
	set_everything(m);
	struct engine *live = song_engine(&s, true);
	struct driver *drv;
	struct err_msg msg;
	struct driver_config cfg = { .kind = DRIVER_NULL, .buffer_frames = 256,
		.sample_rate = RATE, .monitor = m };
	assert_int_equal(driver_open(&drv, live, &cfg, NULL, &msg), ERR_OK);
	assert_int_equal(driver_start(drv, &msg), ERR_OK);
	float *monitored = tu_render(s.p, 0, 0, 0, &n_mon);
	driver_close(drv);
	engine_destroy(live);

	assert_int_equal(n_plain, n_mon);
	assert_memory_equal(plain, monitored, sizeof(float) * 2 * (size_t)n_plain);

	/* ...while the driver path, fed the same engine output, does hear the monitor */
	monitor_set_source(m, MONITOR_SOURCE_MIX);
	struct engine *e = song_engine(&s, true);
	cfg.kind = DRIVER_NULL;
	assert_int_equal(driver_open(&drv, e, &cfg, NULL, &msg), ERR_OK); /* not started */
	const int n = 4096;
	float *heard = xmalloc(sizeof(float) * 2 * (size_t)n);
	int64_t at = 0;
	while (at < n) {
		engine_disk_service(e);
		int64_t before = engine_playhead(e);
		driver_play_rt(drv, heard + at * 2, 256);
		struct event ev;
		while (engine_poll_event(e, &ev))
			;
		if (engine_playhead(e) > before)
			at += 256;
	}
	bool differs = false;
	for (int i = 0; i < n * 2; i++)
		differs |= heard[i] != plain[i];
	assert_true(differs);
	driver_close(drv);
	engine_destroy(e);
	free(heard);
	free(plain);
	free(monitored);
	monitor_destroy(m);
	song_close(&s);
}

static void sleep_ms(int ms)
{
	struct timespec ts = { ms / 1000, (long)(ms % 1000) * 1000000L };
	nanosleep(&ts, NULL);
}

/* An analysis of e that measures from the song's start: the locate is applied (one
 * call while stopped) before the analysis exists, so it never restarts and drops
 * what the tap holds; then the transport starts. */
static struct analysis *song_analysis(struct engine *e)
{
	float out[64 * 2];
	engine_disk_service(e);
	engine_process_rt(e, out, 64);
	struct analysis *a;
	struct err_msg msg;
	assert_int_equal(analysis_create(&a, e, &msg), ERR_OK);
	analysis_set_active(a, true);
	engine_send_simple(e, CMD_PLAY, 0, 0, false, 0);
	return a;
}

/* Play `frames` more through e (on this thread, as the offline tests do), each
 * 100 ms block only once the analysis has measured every whole tap block before it,
 * so the tap never overflows and the last snapshot covers everything played. */
static int64_t play_measured(struct engine *e, struct analysis *a, int64_t frames,
	struct analysis_snapshot *snap, struct monitor_ab *ab, double master_db)
{
	float out[4800 * 2];
	int64_t played = 0;
	uint32_t serial = 0;
	while (played < frames) {
		engine_disk_service(e);
		played += engine_process_rt(e, out, 4800);
		struct event ev;
		while (engine_poll_event(e, &ev))
			;
		const double tapped = (double)(played / ENGINE_TAP_BLOCK * ENGINE_TAP_BLOCK);
		for (int tries = 0; tries < 12000; tries++) {
			analysis_snapshot(a, snap);
			if (snap->measured_sec * RATE > tapped - 0.5)
				break;
			sleep_ms(5);
		}
		if (ab && snap->serial != serial) {
			serial = snap->serial;
			monitor_ab_update(ab, snap->shortterm_lufs, snap->pre_shortterm_lufs,
				master_db, snap->measured_sec);
		}
	}
	return played;
}

static double integrated(const float *x, int64_t n)
{
	struct loudness *l;
	assert_int_equal(loudness_create(&l, RATE, 2), ERR_OK);
	assert_int_equal(loudness_add(l, x, (long)n), ERR_OK);
	struct loudness_result r;
	assert_int_equal(loudness_result(l, &r), ERR_OK);
	loudness_destroy(l);
	return r.integrated_lufs;
}

static void test_ab_trim(void **state)
{
	(void)state;
	const double seconds = 8.0;
	struct song s;
	song_open(&s, seconds, true);
	s.p->master.gain_db = -2.0; /* the fader is not part of the chain's difference */
	int64_t n_on, n_off;
	float *on = tu_render(s.p, 0, 0, 0, &n_on);
	s.p->master.inserts[0].bypass = true;
	float *off = tu_render(s.p, 0, 0, 0, &n_off);
	s.p->master.inserts[0].bypass = false;
	const double want = integrated(on, n_on) - integrated(off, n_off);

	/* the studio's way: the engine's two taps, the analysis thread, the A/B keeper */
	struct engine *e = song_engine(&s, false);
	struct analysis *a = song_analysis(e);
	struct monitor_ab ab = { 0 };
	struct analysis_snapshot *snap = xmalloc(sizeof *snap);
	play_measured(e, a, (int64_t)((seconds - 0.5) * RATE), snap, &ab, s.p->master.gain_db);
	print_message("A/B: %.2f s measured\n", snap->measured_sec);
	assert_int_equal(snap->dropped_frames, 0);
	assert_true(snap->measured_sec > 4.0);
	assert_true(ab.known);
	assert_true(monitor_ab_trim_db(&ab) == 0.0); /* the chain plays: no trim */
	monitor_ab_set_bypassed(&ab, true, snap->measured_sec);
	const double trim = monitor_ab_trim_db(&ab);
	print_message("A/B: compressor changes loudness by %.2f LU (renders); trim %.2f dB; "
		"pre %.2f post %.2f LUFS short-term\n", want, trim, snap->pre_shortterm_lufs,
		snap->shortterm_lufs);
	assert_true(want < -1.0); /* the compressor does take level away */
	assert_true(fabs(trim - want) < 0.5);

	/* the bypassed mix with the trim is as loud as the processed one */
	struct monitor *m = new_monitor();
	monitor_set_trim_db(m, trim);
	for (int64_t i = 0; i < n_off; i += 512)
		monitor_process_rt(m, off + i * 2, n_off - i < 512 ? (int)(n_off - i) : 512, i, true);
	const double heard = integrated(off, n_off) - integrated(on, n_on);
	print_message("A/B: bypassed + trim vs processed: %+.2f LU\n", heard);
	assert_true(fabs(heard) < 0.5);
	monitor_destroy(m);
	free(snap);
	analysis_destroy(a);
	engine_destroy(e);
	free(on);
	free(off);
	song_close(&s);
}

static double ref_gen(int64_t i, int ch, void *arg)
{
	(void)ch;
	(void)arg;
	const double t = (double)i / 44100.0;
	return 0.7 * sin(2.0 * M_PI * 220.0 * t) * (0.6 + 0.4 * sin(2.0 * M_PI * 0.5 * t));
}

static void test_reference_matched(void **state)
{
	(void)state;
	char *dir = tu_tempdir();
	char *path = xasprintf("%s/ref.wav", dir);
	tu_write_wav(path, 44100, 2, 44100 * 5, ref_gen, NULL);
	struct reference_track ref;
	struct err_msg msg;
	assert_int_equal(reference_load(path, RATE, &ref, &msg), ERR_OK);
	assert_true(llabs(ref.n_frames - (int64_t)RATE * 5) <= 2);

	/* the mix: 6 s of the programme, far quieter than the reference */
	const int64_t n = (int64_t)RATE * 6;
	float *mix = xmalloc(sizeof(float) * 2 * (size_t)n);
	for (int64_t i = 0; i < n; i++)
		for (int ch = 0; ch < 2; ch++)
			mix[i * 2 + ch] = (float)(0.2 * noise_gen(i, ch, NULL));
	const double mix_lufs = integrated(mix, n);

	struct monitor *m = new_monitor();
	monitor_set_reference(m, ref.frames, ref.n_frames);
	monitor_set_reference_gain_db(m, reference_match_db(mix_lufs, ref.integrated_lufs));
	monitor_set_source(m, MONITOR_SOURCE_REFERENCE);
	/* played from transport position 1000, so the reference loops once */
	for (int64_t i = 0; i < n; i += 512)
		monitor_process_rt(m, mix + i * 2, n - i < 512 ? (int)(n - i) : 512, 1000 + i, true);
	/* one whole turn of the loop, after the crossfade from the mix */
	const double heard = integrated(mix + RATE / 10 * 2, ref.n_frames);
	print_message("reference: %.2f LUFS as loaded, mix %.2f LUFS, heard %.2f LUFS\n",
		ref.integrated_lufs, mix_lufs, heard);
	assert_true(ref.integrated_lufs - mix_lufs > 6.0);
	assert_true(fabs(heard - mix_lufs) < 0.5);
	monitor_set_reference(m, NULL, 0);
	monitor_collect(m);
	free(mix);
	monitor_destroy(m);
	free(path);
	tu_rmtree(dir);
	free(dir);
}

/* The reference plays at the transport position modulo its length; silent while the
 * transport stands. */
static void test_reference_sync(void **state)
{
	(void)state;
	const int64_t len = 1500;
	float *ramp = xmalloc(sizeof(float) * 2 * (size_t)len);
	for (int64_t k = 0; k < len; k++) {
		ramp[k * 2] = (float)k / 4096.0f;
		ramp[k * 2 + 1] = -(float)k / 4096.0f;
	}
	struct monitor *m = new_monitor();
	monitor_set_reference(m, ramp, len);
	monitor_set_source(m, MONITOR_SOURCE_REFERENCE);
	float *x = xcalloc(2 * 4096, sizeof(float));
	monitor_process_rt(m, x, 4096, 0, true); /* the crossfade from the mix */
	const int64_t start = 123456;
	memset(x, 0, sizeof(float) * 2 * 4096);
	monitor_process_rt(m, x, 4096, start, true);
	for (int i = 0; i < 4096; i++) {
		const int64_t k = (start + i) % len;
		assert_true(x[i * 2] == ramp[k * 2] && x[i * 2 + 1] == ramp[k * 2 + 1]);
	}
	for (int i = 0; i < 4096 * 2; i++)
		x[i] = 0.5f;
	monitor_process_rt(m, x, 4096, start, false);
	for (int i = 0; i < 4096 * 2; i++)
		assert_true(x[i] == 0.0f);
	free(x);
	monitor_destroy(m);
}

/* The spectrum: a sine reads its level in its own third-octave band and little
 * elsewhere. */
static void test_spectrum(void **state)
{
	(void)state;
	struct spectrum *sp;
	assert_int_equal(spectrum_create(&sp, RATE), ERR_OK);
	assert_true(fabs(spectrum_band_hz(17) - 1000.0) < 1e-9);
	assert_true(fabs(spectrum_band_hz(0) - 19.95) < 0.01);
	static const struct { int band; double amp; } cases[] = { { 17, 1.0 }, { 7, 0.5 },
		{ 27, 0.25 }, { 3, 0.1 } };
	float db[SPECTRUM_BANDS];
	const int n = SPECTRUM_FFT + 1000;
	float *x = xmalloc(sizeof(float) * 2 * (size_t)n);
	for (size_t c = 0; c < sizeof cases / sizeof cases[0]; c++) {
		const double hz = spectrum_band_hz(cases[c].band);
		for (int i = 0; i < n; i++)
			x[i * 2] = x[i * 2 + 1] = (float)(cases[c].amp * sin(2.0 * M_PI * hz * i / RATE));
		spectrum_clear(sp);
		spectrum_add(sp, x, n);
		spectrum_bands(sp, db);
		const double want = 20.0 * log10(cases[c].amp);
		double others = -INFINITY;
		for (int b = 0; b < SPECTRUM_BANDS; b++)
			if (abs(b - cases[c].band) > 2)
				others = fmax(others, db[b]);
		print_message("spectrum: %.0f Hz at %.1f dB reads %.2f dB in its band; the "
			"loudest band 3 or more away %.1f dB\n", hz, want, db[cases[c].band], others);
		/* under 100 Hz a band is narrower than the window's main lobe (4 bins,
		 * 23 Hz): part of a sine's energy falls in the neighbours (docs/dsp.md) */
		assert_true(fabs(db[cases[c].band] - want) < (hz < 100.0 ? 3.0 : 0.1));
		assert_true(others < want - 40.0);
	}
	free(x);
	spectrum_destroy(sp);
}

/* gen for the correlation rig: arg points at the right side's sign (0: unrelated) */
static double corr_gen(int64_t i, int ch, void *arg)
{
	const double sign = *(const double *)arg;
	const double l = 0.3 * sin(2.0 * M_PI * 500.0 * (double)i / RATE);
	if (ch == 0)
		return l;
	if (sign != 0.0)
		return sign * l;
	return 0.3 * sin(2.0 * M_PI * 731.0 * (double)i / RATE);
}

/* The correlation meter through the engine's tap and the analysis thread. */
static void test_correlation(void **state)
{
	(void)state;
	static const double signs[] = { 1.0, -1.0, 0.0 };
	for (size_t k = 0; k < 3; k++) {
		char *dir = tu_tempdir();
		char *wav = xasprintf("%s/c.wav", dir);
		double sign = signs[k];
		tu_write_wav(wav, RATE, 2, RATE * 2, corr_gen, &sign);
		free(wav);
		struct song s = { dir, project_new(dir, "corr", RATE) };
		project_add_clip(project_add_track(s.p, "c"), "c.wav", 0.0);
		struct engine *e = song_engine(&s, false);
		struct analysis *a = song_analysis(e);
		struct analysis_snapshot *snap = xmalloc(sizeof *snap);
		play_measured(e, a, RATE, snap, NULL, 0.0);
		print_message("correlation: right = %+.0f x left reads %+.3f\n", sign,
			snap->correlation);
		if (sign != 0.0)
			assert_true(fabs(snap->correlation - sign) < 1e-3);
		else
			assert_true(fabs(snap->correlation) < 0.05);
		free(snap);
		analysis_destroy(a);
		engine_destroy(e);
		song_close(&s);
	}
}

static void test_reference_bad_file(void **state)
{
	(void)state;
	struct reference_track ref;
	struct err_msg msg;
	assert_int_not_equal(reference_load("/nonexistent/ref.wav", RATE, &ref, &msg), ERR_OK);
	assert_non_null(strstr(msg.text, "/nonexistent/ref.wav"));
	assert_null(ref.frames);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_modes_exact),
		cmocka_unit_test(test_dim),
		cmocka_unit_test(test_crossfeed),
		cmocka_unit_test(test_speaker_curves),
		cmocka_unit_test(test_switch_is_smooth),
		cmocka_unit_test(test_render_never_monitored),
		cmocka_unit_test(test_ab_trim),
		cmocka_unit_test(test_reference_matched),
		cmocka_unit_test(test_reference_sync),
		cmocka_unit_test(test_reference_bad_file),
		cmocka_unit_test(test_spectrum),
		cmocka_unit_test(test_correlation),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
