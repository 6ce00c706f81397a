/* Buses, sends and solo logic, through the real path: project.json -> project_load ->
 * graph_build -> engine_process_rt. Every track plays a constant (DC) stereo file of
 * its own level, so each output sample is a plain sum whose expected value follows
 * from the gains: a wrong route, a wrong pre/post tap or a wrong solo rule shows as a
 * wrong number. */
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "audio/engine.h"
#include "audio/graph.h"
#include "audio/render.h"
#include "src/graph_build.h"
#include "src/project.h"
#include "src/base/xalloc.h"
#include "tests/test_util.h"

#define RATE 48000
#define SECONDS 1

static double lin(double db)
{
	return pow(10.0, db / 20.0);
}

static char *dir;

/* Tracks t1..t3 play DC files of 0.1, 0.01 and 0.001 (stereo: balance pan, unity at
 * the centre). */
static int setup(void **state)
{
	(void)state;
	dir = tu_tempdir();
	const double levels[3] = { 0.1, 0.01, 0.001 };
	for (int i = 0; i < 3; i++) {
		char *path = xasprintf("%s/t%d.wav", dir, i + 1);
		double v = levels[i];
		tu_write_wav(path, RATE, 2, RATE * SECONDS, tu_gen_dc, &v);
		free(path);
	}
	return 0;
}

static int teardown(void **state)
{
	(void)state;
	tu_rmtree(dir);
	free(dir);
	return 0;
}

/* A project from the JSON of its tracks' extra fields (t1, t2, t3, in order) and of
 * its buses array; NULL (and the first error in why) when it does not load. */
static struct project *load(const char *t1, const char *t2, const char *t3,
	const char *buses, char *why, size_t why_size)
{
	char *text = xasprintf("{\"format\":\"ttymix-project\",\"version\":1,"
		"\"sample_rate\":%d,\"buses\":[%s],\"tracks\":["
		"{\"name\":\"t1\",\"clips\":[{\"file\":\"t1.wav\",\"start\":0}]%s%s},"
		"{\"name\":\"t2\",\"clips\":[{\"file\":\"t2.wav\",\"start\":0}]%s%s},"
		"{\"name\":\"t3\",\"clips\":[{\"file\":\"t3.wav\",\"start\":0}]%s%s}]}",
		RATE, buses ? buses : "", t1 ? "," : "", t1 ? t1 : "", t2 ? "," : "", t2 ? t2 : "",
		t3 ? "," : "", t3 ? t3 : "");
	struct project *p = tu_load_text(dir, text, why, why_size);
	free(text);
	return p;
}

/* The left channel of the render in the middle of the file (ramps are long done). */
static double level_of(const struct project *p, int block)
{
	int64_t frames;
	float *out = tu_render(p, 0, 0, block, &frames);
	assert_true(frames >= RATE / 2);
	double l = out[(RATE / 2) * 2], r = out[(RATE / 2) * 2 + 1];
	assert_float_equal(l, r, 1e-7);
	free(out);
	return l;
}

static void expect(const char *what, const struct project *p, double want)
{
	double got = level_of(p, 512);
	printf("routing: %-52s %.7f (expected %.7f)\n", what, got, want);
	assert_float_equal(got, want, 1e-6 * (1.0 + fabs(want)));
}

static void test_post_and_pre_fader_sends(void **state)
{
	(void)state;
	/* post: the send follows the fader */
	struct project *p = load("\"gain_db\":-6,\"sends\":[{\"bus\":\"fx\",\"level_db\":-12}]",
		"\"mute\":true", "\"mute\":true", "{\"name\":\"fx\",\"gain_db\":-3}", NULL, 0);
	assert_non_null(p);
	expect("post-fader send", p, 0.1 * lin(-6) * (1.0 + lin(-12) * lin(-3)));
	project_free(p);
	/* pre: the fader does not touch the send */
	p = load("\"gain_db\":-144,\"sends\":[{\"bus\":\"fx\",\"level_db\":-12,"
		"\"pre_fader\":true}]", "\"mute\":true", "\"mute\":true", "{\"name\":\"fx\"}", NULL, 0);
	assert_non_null(p);
	expect("pre-fader send, fader at -inf", p, 0.1 * lin(-12));
	project_free(p);
	/* a silent send adds nothing */
	p = load("\"sends\":[{\"bus\":\"fx\",\"level_db\":-144}]", NULL, NULL,
		"{\"name\":\"fx\"}", NULL, 0);
	assert_non_null(p);
	expect("send at -inf", p, 0.111);
	project_free(p);
}

static void test_bus_chains(void **state)
{
	(void)state;
	/* t1 -> a -> b -> master; t2 -> b; t3 -> master; bus b also sends to c -> master */
	struct project *p = load("\"output\":\"a\"", "\"output\":\"b\"", NULL,
		"{\"name\":\"c\",\"gain_db\":-20},"
		"{\"name\":\"b\",\"gain_db\":-6,\"sends\":[{\"bus\":\"c\",\"level_db\":0}]},"
		"{\"name\":\"a\",\"gain_db\":6,\"output\":\"b\"}", NULL, 0);
	assert_non_null(p);
	double b_in = 0.1 * lin(6) + 0.01;
	expect("bus into bus into master, plus a send", p,
		b_in * lin(-6) * (1.0 + lin(-20)) + 0.001);
	/* the same with a block of one frame and of 8192: same samples */
	double small = level_of(p, 1), big = level_of(p, 8192);
	assert_float_equal(small, big, 1e-9);
	project_free(p);
}

static void test_mute_silences_sends(void **state)
{
	(void)state;
	struct project *p = load("\"mute\":true,\"sends\":[{\"bus\":\"fx\",\"level_db\":0,"
		"\"pre_fader\":true}]", NULL, NULL, "{\"name\":\"fx\"}", NULL, 0);
	assert_non_null(p);
	expect("muted track: pre-fader send silent too", p, 0.011);
	project_free(p);
	p = load("\"output\":\"fx\"", NULL, NULL, "{\"name\":\"fx\",\"mute\":true}", NULL, 0);
	assert_non_null(p);
	expect("muted bus", p, 0.011);
	project_free(p);
}

static void test_solo_logic(void **state)
{
	(void)state;
	const char *send = "\"sends\":[{\"bus\":\"verb\",\"level_db\":0}]";
	char t1[128], t2[128];
	/* soloing a track keeps the bus it sends to; the other track is silent, its send
	 * too */
	snprintf(t1, sizeof t1, "\"solo\":true,%s", send);
	struct project *p = load(t1, send, NULL, "{\"name\":\"verb\"}", NULL, 0);
	assert_non_null(p);
	expect("solo t1: t1 + its send", p, 0.2);
	project_free(p);
	/* soloing the bus keeps its sources (and their direct sound) */
	p = load(send, send, NULL, "{\"name\":\"verb\",\"solo\":true}", NULL, 0);
	assert_non_null(p);
	expect("solo the bus: its sources stay", p, 0.22);
	project_free(p);
	/* a solo-safe strip is never silenced by another's solo */
	snprintf(t2, sizeof t2, "\"solo\":true");
	p = load(NULL, t2, "\"solo_safe\":true", NULL, NULL, 0);
	assert_non_null(p);
	expect("solo t2, t3 solo-safe", p, 0.011);
	project_free(p);
	/* a bus the soloed track does not reach is silenced; a solo-safe one is not */
	p = load("\"solo\":true", "\"output\":\"drums\"", "\"output\":\"keys\"",
		"{\"name\":\"drums\"},{\"name\":\"keys\",\"solo_safe\":true}", NULL, 0);
	assert_non_null(p);
	/* t2's bus is silenced but t2 itself is not soloed either: silent; t3 is not
	 * soloed, so keys passes nothing even though it is safe */
	expect("solo t1 with t2, t3 on other buses", p, 0.1);
	project_free(p);
	/* solo the bus t2 plays into: t2 (its source) and the bus are heard */
	p = load(NULL, "\"output\":\"drums\"", NULL, "{\"name\":\"drums\",\"solo\":true}", NULL,
		0);
	assert_non_null(p);
	expect("solo a bus: its source through it", p, 0.01);
	project_free(p);
	/* mute wins over solo */
	p = load("\"solo\":true,\"mute\":true", "\"solo\":true", NULL, NULL, NULL, 0);
	assert_non_null(p);
	expect("soloed and muted stays muted", p, 0.01);
	project_free(p);
}

/* A send moved by CMD_SEND_LEVEL glides: no step bigger than the ramp allows. */
static void test_send_level_glides(void **state)
{
	(void)state;
	struct project *p = load("\"gain_db\":-144,\"sends\":[{\"bus\":\"fx\",\"level_db\":-144,"
		"\"pre_fader\":true}]", "\"mute\":true", "\"mute\":true", "{\"name\":\"fx\"}", NULL, 0);
	assert_non_null(p);
	struct diag d;
	diag_init(&d);
	struct graph *g;
	assert_int_equal(graph_build(p, true, &g, &d), ERR_OK);
	diag_deinit(&d);
	struct engine *e = engine_create_sized(RATE, 4096);
	engine_send_graph(e, g);
	engine_send_simple(e, CMD_LOCATE, 0, 0, false, 0);
	engine_send_simple(e, CMD_PLAY, 0, 0, false, 0);
	enum { N = 4800 };
	float *out = xcalloc(N * 2, sizeof(float));
	int64_t pos = 0;
	int stalls = 0;
	bool sent = false;
	while (pos < N) {
		engine_disk_service(e);
		if (!sent && pos >= 1000) {
			struct cmd c = { .type = CMD_SEND_LEVEL, .strip = 0, .slot = 0, .value = 0.0 };
			assert_int_equal(engine_send(e, &c), ERR_OK);
			sent = true;
		}
		int n = N - pos < 100 ? (int)(N - pos) : 100;
		int played = engine_process_rt(e, out + pos * 2, n);
		struct event ev;
		while (engine_poll_event(e, &ev))
			;
		if (!played) {
			assert_true(++stalls < 1000);
			continue;
		}
		pos += played;
	}
	engine_destroy(e);
	double max_step = 0.0;
	for (int i = 1; i < N; i++)
		max_step = fmax(max_step, fabs(out[i * 2] - out[(i - 1) * 2]));
	/* 0 -> 0.1 over the 5 ms ramp (240 frames): 0.1 / 240 per frame */
	printf("routing: send 0 -> 0 dB: end %.6f, largest step %.6f (ramp step %.6f)\n",
		out[(N - 1) * 2], max_step, 0.1 / 240);
	assert_float_equal(out[(N - 1) * 2], 0.1, 1e-6);
	assert_true(max_step < 0.1 / 240 * 1.01);
	free(out);
	project_free(p);
}

static void test_refusals(void **state)
{
	(void)state;
	char why[512];
	assert_null(load(NULL, NULL, NULL, "{\"name\":\"a\",\"output\":\"b\"},"
		"{\"name\":\"b\",\"sends\":[{\"bus\":\"c\"}]},{\"name\":\"c\",\"output\":\"a\"}", why,
		sizeof why));
	printf("routing: refused: %s\n", why);
	assert_non_null(strstr(why, "feeds itself: a -> b -> c -> a"));
	assert_null(load("\"output\":\"nowhere\"", NULL, NULL, NULL, why, sizeof why));
	assert_non_null(strstr(why, "tracks[0].output: no bus called \"nowhere\""));
	assert_null(load("\"sends\":[{\"bus\":\"x\"}]", NULL, NULL, NULL, why, sizeof why));
	assert_non_null(strstr(why, "tracks[0].sends[0].bus: no bus called \"x\""));
	assert_null(load(NULL, NULL, NULL, "{\"name\":\"a\",\"sends\":[{\"bus\":\"a\"}]}", why,
		sizeof why));
	assert_non_null(strstr(why, "cannot send to itself"));
	assert_null(load(NULL, NULL, NULL, "{\"name\":\"master\"}", why, sizeof why));
	assert_non_null(strstr(why, "buses[0].name"));
	assert_null(load(NULL, NULL, NULL, "{\"name\":\"a\"},{\"name\":\"a\"}", why, sizeof why));
	assert_non_null(strstr(why, "bus names must differ"));
	assert_null(load("\"group\":\"drums\"", NULL, NULL, NULL, why, sizeof why));
	assert_non_null(strstr(why, "tracks[0].group: no group called \"drums\""));
}

/* load -> save -> load gives the same text, with every routing field kept. */
static void test_round_trip(void **state)
{
	(void)state;
	struct project *p = load("\"output\":\"a\",\"solo_safe\":true,\"sends\":[{\"bus\":\"b\","
		"\"level_db\":-7.5,\"pre_fader\":true,\"x_note\":1}]", NULL, NULL,
		"{\"name\":\"a\",\"gain_db\":-2,\"pan\":0.25,\"output\":\"b\",\"solo_safe\":true,"
		"\"inserts\":[{\"type\":\"reverb\",\"params\":{\"decay_s\":2.5}}],\"x_keep\":\"y\"},"
		"{\"name\":\"b\",\"mute\":true,\"sends\":[{\"bus\":\"c\",\"level_db\":-3}]},"
		"{\"name\":\"c\"}", NULL, 0);
	assert_non_null(p);
	char *one = project_to_json(p);
	struct err_msg msg;
	assert_int_equal(project_save(p, &msg), ERR_OK);
	project_free(p);
	struct diag d;
	diag_init(&d);
	assert_int_equal(project_load(dir, &p, &d), ERR_OK);
	diag_deinit(&d);
	char *two = project_to_json(p);
	assert_string_equal(one, two);
	assert_non_null(strstr(two, "\"x_keep\""));
	assert_non_null(strstr(two, "\"x_note\""));
	assert_int_equal(p->n_buses, 3);
	assert_int_equal(p->tracks[0].strip.n_sends, 1);
	assert_true(p->tracks[0].strip.sends[0].pre_fader);
	assert_float_equal(p->tracks[0].strip.sends[0].level_db, -7.5, 0);
	assert_true(p->buses[0].strip.solo_safe);
	assert_int_equal(p->buses[0].strip.n_inserts, 1);
	free(one);
	free(two);
	project_free(p);
}

static double gen_click(int64_t i, int ch, void *arg)
{
	(void)ch;
	(void)arg;
	return i == 0 ? 0.5 : 0.0;
}

/* A delay synced to a dotted eighth at 100 bpm echoes 0.45 s later, exactly; the same
 * project at 150 bpm, 0.3 s later: the tempo reaches the insert. */
static void test_delay_tempo_sync(void **state)
{
	(void)state;
	char *path = xasprintf("%s/click.wav", dir);
	tu_write_wav(path, RATE, 2, RATE, gen_click, NULL);
	free(path);
	const int bpms[2] = { 100, 150 };
	for (int k = 0; k < 2; k++) {
		char *text = xasprintf("{\"format\":\"ttymix-project\",\"version\":1,"
			"\"sample_rate\":%d,\"tempo_bpm\":%d,\"tracks\":[{\"name\":\"c\","
			"\"clips\":[{\"file\":\"click.wav\",\"start\":0}],\"output\":\"echo\"}],"
			"\"buses\":[{\"name\":\"echo\",\"inserts\":[{\"type\":\"delay\",\"params\":"
			"{\"sync\":0.75,\"time_ms\":100,\"feedback\":0.5,\"mix\":1}}]}]}", RATE,
			bpms[k]);
		struct project *p = tu_load_text(dir, text, NULL, 0);
		free(text);
		assert_non_null(p);
		int64_t frames;
		float *out = tu_render(p, 0, 0, 256, &frames);
		const int64_t echo = llround(0.75 * 60.0 / bpms[k] * RATE);
		int64_t first = -1;
		for (int64_t i = 0; i < frames && first < 0; i++)
			if (fabs(out[i * 2]) > 1e-6)
				first = i;
		printf("routing: delay sync 0.75 beats at %d bpm: first echo at frame %lld "
			"(expected %lld), %.6f then %.6f\n", bpms[k], (long long)first,
			(long long)echo, out[first * 2], out[(first + echo) * 2]);
		assert_int_equal(first, echo);
		assert_float_equal(out[echo * 2], 0.5, 1e-6);
		assert_float_equal(out[2 * echo * 2], 0.25, 1e-6);
		free(out);
		project_free(p);
	}
}

/* The tracks of a render on one thread or on several give the same samples, bit for
 * bit: sums happen in track order on the render thread either way. A mono and two
 * stereo tracks with inserts, pre and post sends, a bus into a bus. */
static void test_threads_same_samples(void **state)
{
	(void)state;
	struct project *p = load("\"inserts\":[{\"type\":\"compressor\",\"params\":"
		"{\"threshold_db\":-30}}],\"sends\":[{\"bus\":\"a\",\"level_db\":-6,"
		"\"pre_fader\":true}],\"gain_db\":-3",
		"\"inserts\":[{\"type\":\"eq\",\"params\":{\"hpf_hz\":100,\"band2_db\":4}}],"
		"\"sends\":[{\"bus\":\"b\",\"level_db\":-10}],\"output\":\"a\"",
		"\"pan\":0.4,\"sends\":[{\"bus\":\"b\",\"level_db\":-2}]",
		"{\"name\":\"a\",\"output\":\"b\",\"inserts\":[{\"type\":\"delay\","
		"\"params\":{\"time_ms\":50,\"mix\":0.5}}]},{\"name\":\"b\",\"inserts\":"
		"[{\"type\":\"reverb\",\"params\":{\"mix\":0.3}}]}", NULL, 0);
	assert_non_null(p);
	int64_t n1, n3;
	render_set_threads(1);
	float *one = tu_render(p, 0, 0, 1000, &n1);
	render_set_threads(3);
	float *three = tu_render(p, 0, 0, 1000, &n3);
	render_set_threads(0);
	assert_int_equal(n1, n3);
	int64_t differ = 0;
	double energy = 0;
	for (int64_t i = 0; i < n1 * 2; i++) {
		differ += one[i] != three[i];
		energy += (double)one[i] * one[i];
	}
	printf("routing: 1 and 3 render threads: %lld of %lld samples differ (signal energy "
		"%.3g)\n", (long long)differ, (long long)(n1 * 2), energy);
	assert_true(energy > 1.0);
	assert_int_equal(differ, 0);
	free(one);
	free(three);
	project_free(p);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_post_and_pre_fader_sends),
		cmocka_unit_test(test_bus_chains),
		cmocka_unit_test(test_mute_silences_sends),
		cmocka_unit_test(test_solo_logic),
		cmocka_unit_test(test_send_level_glides),
		cmocka_unit_test(test_refusals),
		cmocka_unit_test(test_round_trip),
		cmocka_unit_test(test_delay_tempo_sync),
		cmocka_unit_test(test_threads_same_samples),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
