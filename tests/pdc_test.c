/* Delay compensation (docs/dsp.md, "Delay compensation"): the delay line in any
 * blocks and across a graph swap, the plan graph_build makes for a project with
 * limiters on a track, a bus and the master (each strip's delay, its path, the total),
 * renders that give the same samples on one thread or three and in any block size,
 * and :dsp latency saying it. */
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
#include "audio/pdc.h"
#include "audio/render.h"
#include "src/base/diag.h"
#include "src/base/xalloc.h"
#include "src/graph_build.h"
#include "src/studio/commands.h"
#include "src/studio/snapshot.h"
#include "src/studio/undo.h"
#include "tests/test_util.h"

#define RATE 48000
#define LIM 111   /* the limiter's latency at 48 kHz (docs/dsp.md, "Limiter") */

/* ---- the line ---- */

/* Frame i of a test signal: left i + 1, right -(i + 1). */
static void ramp(float *buf, int64_t from, int n)
{
	for (int i = 0; i < n; i++) {
		buf[i * 2] = (float)(from + i + 1);
		buf[i * 2 + 1] = -(float)(from + i + 1);
	}
}

static void line_delays_in_any_blocks(void **state)
{
	(void)state;
	static const int blocks[] = { 1, 3, 7, 2, 64, 5, 13, 1, 100 };
	struct pdc_line l;
	pdc_line_init(&l, 7);
	int64_t pos = 0;
	for (size_t k = 0; k < sizeof blocks / sizeof blocks[0]; k++) {
		float buf[200];
		ramp(buf, pos, blocks[k]);
		pdc_line_process_rt(&l, buf, blocks[k]);
		for (int i = 0; i < blocks[k]; i++) {
			const int64_t src = pos + i - 7; /* the frame that comes out */
			assert_float_equal(buf[i * 2], src < 0 ? 0 : (float)(src + 1), 0);
			assert_float_equal(buf[i * 2 + 1], src < 0 ? 0 : -(float)(src + 1), 0);
		}
		pos += blocks[k];
	}
	pdc_line_free(&l);
	/* a line of 0 frames is no line */
	pdc_line_init(&l, 0);
	float one[2] = { 5, 6 };
	pdc_line_process_rt(&l, one, 1);
	assert_null(l.buf);
	assert_float_equal(one[0], 5, 0);
	pdc_line_free(&l);
}

/* A line fed frames 1..10, carried into a line of `frames`: what comes out next. */
static void carry_into(int frames, const float *want, int n)
{
	struct pdc_line src, dst;
	pdc_line_init(&src, 4);
	pdc_line_init(&dst, frames);
	float buf[40];
	ramp(buf, 0, 10);
	pdc_line_process_rt(&src, buf, 10);
	pdc_line_carry_rt(&dst, &src);
	float z[40] = { 0 };
	pdc_line_process_rt(&dst, z, n);
	for (int i = 0; i < n; i++)
		assert_float_equal(z[i * 2], want[i], 0);
	pdc_line_free(&src);
	pdc_line_free(&dst);
}

static void line_carries_across_a_swap(void **state)
{
	(void)state;
	/* the same length: exchanged, playback goes on from frame 7 */
	carry_into(4, (const float[]){ 7, 8, 9, 10, 0 }, 5);
	/* longer (more compensation): two frames it never heard, then the same */
	carry_into(6, (const float[]){ 0, 0, 7, 8, 9, 10, 0 }, 7);
	/* shorter: skips ahead to the newest two */
	carry_into(2, (const float[]){ 9, 10, 0 }, 3);
}

/* ---- a project with limiters ---- */

static double noise(int64_t i, int ch, void *arg)
{
	(void)ch;
	(void)arg;
	uint32_t x = (uint32_t)i * 2654435761u;
	x ^= x >> 15;
	x *= 2246822519u;
	x ^= x >> 13;
	return ((double)(x & 0xffff) / 32768.0 - 1.0) * 0.1;
}

static char *dir;

/* Tracks: "a" with a limiter; "b" to the master and a send into "lim" (a bus with a
 * limiter); "c" through "plain" (a bus without one). With master: a limiter there too.
 * A limiter at 0 dBTP and no input gain never limits -0 dBFS-peaked noise. */
static struct project *limiters(bool master)
{
	char text[2048];
	const char *lim = "{\"type\": \"limiter\", \"params\": {\"ceiling_dbtp\": 0}}";
	snprintf(text, sizeof text,
		"{\"format\": \"ttymix-project\", \"version\": 1, \"name\": \"pdc\", "
		"\"sample_rate\": 48000, \"tracks\": ["
		"{\"name\": \"a\", \"pan\": -1, \"inserts\": [%s], "
		" \"clips\": [{\"file\": \"n.wav\", \"start\": 0}]},"
		"{\"name\": \"b\", \"pan\": 1, \"sends\": [{\"bus\": \"lim\", \"level_db\": -6}],"
		" \"clips\": [{\"file\": \"n.wav\", \"start\": 0}]},"
		"{\"name\": \"c\", \"output\": \"plain\","
		" \"clips\": [{\"file\": \"n.wav\", \"start\": 0.01}]}],"
		"\"buses\": [{\"name\": \"lim\", \"inserts\": [%s]}, {\"name\": \"plain\"}],"
		"\"master\": {\"gain_db\": 0, \"inserts\": [%s]}}", lim, lim, master ? lim : "");
	char why[256];
	struct project *p = tu_load_text(dir, text, why, sizeof why);
	if (!p)
		fail_msg("the project does not load: %s", why);
	return p;
}

static struct graph *build(const struct project *p, bool offline)
{
	struct diag d;
	diag_init(&d);
	struct graph *g = NULL;
	assert_int_equal(graph_build(p, offline, &g, &d), ERR_OK);
	diag_deinit(&d);
	return g;
}

static void plan_of_a_project(void **state)
{
	(void)state;
	struct project *p = limiters(true);
	struct graph *g = build(p, true);
	const struct graph_mix *a = &g->tracks[0].mix, *b = &g->tracks[1].mix,
		*c = &g->tracks[2].mix, *lim = &g->buses[0].mix, *plain = &g->buses[1].mix;
	/* own latency and the path to the master */
	assert_int_equal(a->latency, LIM);
	assert_int_equal(a->path_latency, LIM);
	assert_int_equal(b->latency, 0);
	assert_int_equal(b->path_latency, LIM);   /* through "lim" */
	assert_int_equal(c->path_latency, 0);
	assert_int_equal(lim->path_latency, LIM);
	/* everything meets at the master's sum LIM frames late, then the master's own */
	assert_int_equal(g->pdc_master_frames, LIM);
	assert_int_equal(graph_latency(g), 2 * LIM);
	/* "a" waits for nobody; "b"'s send goes at once (the bus delays it), its own
	 * output waits; "c" goes at once into "plain", which waits */
	assert_int_equal(a->in_delay.frames, 0);
	assert_int_equal(b->in_delay.frames, 0);
	assert_int_equal(b->out_delay.frames, LIM);
	assert_int_equal(b->sends[0].delay.frames, 0);
	assert_int_equal(c->in_delay.frames, 0);
	assert_int_equal(lim->in_delay.frames, 0);
	assert_int_equal(plain->in_delay.frames, LIM);
	/* lanes are read where the song is at each stage */
	assert_int_equal(a->lag_fader, LIM);
	assert_int_equal(b->lag_fader, 0);
	assert_int_equal(plain->lag_inserts, LIM);
	assert_non_null(g->pdc_scratch);
	graph_destroy(g);
	project_free(p);
}

static void renders_the_same_in_any_blocks_and_threads(void **state)
{
	(void)state;
	struct project *p = limiters(true);
	int64_t n1, n2, n3;
	render_set_threads(1);
	float *one = tu_render(p, 0, 0, 1024, &n1);
	float *small = tu_render(p, 0, 0, 61, &n2);
	render_set_threads(3);
	float *three = tu_render(p, 0, 0, 1024, &n3);
	render_set_threads(0);
	assert_int_equal(n1, n2);
	assert_int_equal(n1, n3);
	assert_int_equal(n1, RATE + RATE / 100); /* the song: "c" ends 10 ms late; no more */
	assert_memory_equal(one, small, sizeof(float) * 2 * (size_t)n1);
	assert_memory_equal(one, three, sizeof(float) * 2 * (size_t)n1);
	free(one);
	free(small);
	free(three);
	project_free(p);
}

/* ---- :dsp latency ---- */

static char list_title[128];
static char list_rows[8][160];
static size_t list_n;

static void keep_list(void *ctx, const char *title, const char *const *lines, size_t n)
{
	(void)ctx;
	snprintf(list_title, sizeof list_title, "%s", title);
	list_n = n;
	for (size_t i = 0; i < n && i < 8; i++)
		snprintf(list_rows[i], sizeof list_rows[i], "%s", lines[i]);
}

static void dsp_latency_says_it(void **state)
{
	(void)state;
	struct studio *st = xcalloc(1, sizeof *st);
	st->project = limiters(true);
	st->engine = engine_create(RATE);
	st->voice.list = keep_list;
	studio_undo_init(&st->undo);
	st->graph = build(st->project, false);
	struct studio_sel sel = { 0 };
	studio_line_exec(st, &sel, "dsp latency");
	assert_false(st->said_error);
	assert_string_equal(st->said_text, "latency 222 frames (4.62 ms): strips 111, master "
		"chain 111; 2 strips delayed to align");
	assert_string_equal(list_title, "latency 222 frames (4.62 ms) at 48000 Hz");
	assert_int_equal(list_n, 6);
	assert_non_null(strstr(list_rows[0], "a"));
	assert_non_null(strstr(list_rows[0], "own   111 (2.31 ms)"));
	assert_non_null(strstr(list_rows[1], "path   111 (2.31 ms)"));
	assert_non_null(strstr(list_rows[4], "plain"));
	assert_non_null(strstr(list_rows[4], "delay   111"));
	assert_non_null(strstr(list_rows[1], "delay     0, output +111"));
	assert_non_null(strstr(list_rows[5], "master"));
	graph_destroy(st->graph);
	studio_undo_deinit(&st->undo);
	studio_snapshot_deinit(&st->snap);
	engine_destroy(st->engine);
	project_free(st->project);
	free(st);
}

static int setup(void **state)
{
	(void)state;
	dir = tu_tempdir();
	char path[4096];
	snprintf(path, sizeof path, "%s/n.wav", dir);
	tu_write_wav(path, RATE, 1, RATE, noise, NULL);
	return 0;
}

static int teardown(void **state)
{
	(void)state;
	tu_rmtree(dir);
	free(dir);
	return 0;
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(line_delays_in_any_blocks),
		cmocka_unit_test(line_carries_across_a_swap),
		cmocka_unit_test(plan_of_a_project),
		cmocka_unit_test(renders_the_same_in_any_blocks_and_threads),
		cmocka_unit_test(dsp_latency_says_it),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
