/* LV2 state (the state extension) kept with the project, with x42's fil4 (x42-plugins),
 * whose state holds values no port has (its analyser's dB scale and tuning):
 *  - a state file under plugins/ is restored into the plug-in when a graph is built,
 *    and a save writes the plug-in's own state back (so what it holds went through
 *    the plug-in) to plugins/track-NAME-SLOT.ttl, atomically, while the plug-in plays
 *    in an engine;
 *  - a project without the file saves one; an insert that no graph built leaves its
 *    file untouched;
 *  - the render after reopening equals the render before (render and playback build
 *    the same graph, with the same state);
 *  - a file that is another plug-in's state is said, and the plug-in keeps its own;
 *  - a graph swap keeps a playing plug-in within its project, but another project put
 *    in its place (`:e` at the same rate) has its own state, not the one playing;
 *  - the worker extension: x42's zeroconvolv loads the impulse response its state
 *    names on its worker (its restore schedules the work): the worker thread does it,
 *    its response reaches run(), and from then on the insert convolves with it; a
 *    request its worker cannot finish (the response a named pipe nobody writes) is
 *    said once (lv2_state_take_worker_late, the studio's status line). */
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cmocka.h>

#include "audio/engine.h"
#include "audio/graph.h"
#include "audio/lv2/lv2.h"
#include "src/graph_build.h"
#include "src/project.h"
#include "src/base/xalloc.h"
#include "tests/test_util.h"

#define FIL4 "http://gareus.org/oss/lv2/fil4#stereo"
#define RATE 48000

static double gen_noise(int64_t i, int ch, void *arg)
{
	(void)arg;
	uint32_t x = (uint32_t)(i * 2654435761u) ^ (uint32_t)(ch * 40503u);
	x ^= x >> 13;
	x *= 1274126177u;
	return ((double)(x & 0xffff) / 32768.0 - 1.0) * 0.25;
}

static char *project_text(void)
{
	return xasprintf("{\"format\":\"ttymix-project\",\"version\":1,\"sample_rate\":%d,"
		"\"tracks\":[{\"name\":\"lead vox\",\"inserts\":[{\"type\":\"lv2\",\"uri\":\"%s\","
		"\"params\":{\"sec1\":1,\"freq1\":1000,\"gain1\":9}}],"
		"\"clips\":[{\"file\":\"n.wav\",\"start\":0}]}]}", RATE, FIL4);
}

static char *dir_with_audio(void)
{
	char *dir = tu_tempdir();
	char *path = xasprintf("%s/n.wav", dir);
	tu_write_wav(path, RATE, 2, RATE / 2, gen_noise, NULL);
	free(path);
	return dir;
}

static struct project *load(const char *dir)
{
	char *text = project_text();
	char why[256] = "";
	struct project *p = tu_load_text(dir, text, why, sizeof why);
	free(text);
	if (!p)
		fail_msg("%s", why);
	return p;
}

static char *state_file(const char *dir)
{
	return xasprintf("%s/plugins/track-lead_vox-1.ttl", dir);
}

static void write_state(const char *path, const char *uri, double dbscale, double tuning)
{
	FILE *f = fopen(path, "w");
	assert_non_null(f);
	fprintf(f, "@prefix lv2: <http://lv2plug.in/ns/lv2core#> .\n"
		"@prefix pset: <http://lv2plug.in/ns/ext/presets#> .\n"
		"@prefix state: <http://lv2plug.in/ns/ext/state#> .\n"
		"@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .\n"
		"<urn:ttymix:lv2-state> a pset:Preset ; lv2:appliesTo <%s> ;\n"
		"  state:state [\n"
		"    <http://gareus.org/oss/lv2/fil4#dbscale> \"%.1f\"^^xsd:float ;\n"
		"    <http://gareus.org/oss/lv2/fil4#kbtuning> \"%.1f\"^^xsd:float\n"
		"  ] .\n", uri, dbscale, tuning);
	fclose(f);
}

/* tu_rmtree removes one level: the state files and their folder first */
static void rm_project(char *dir)
{
	char *file = xasprintf("%s/plugins/track-lead_vox-1.ttl", dir);
	char *plugins = xasprintf("%s/plugins", dir);
	remove(file);
	rmdir(plugins);
	free(file);
	free(plugins);
	tu_rmtree(dir);
	free(dir);
}

static struct graph *build(struct project *p, int *warnings)
{
	struct diag d;
	diag_init(&d);
	struct graph *g = NULL;
	assert_int_equal(graph_build(p, false, &g, &d), ERR_OK);
	for (size_t i = 0; i < d.count; i++)
		print_message("graph_build: %s\n", d.items[i].text);
	if (warnings)
		*warnings = (int)d.count;
	else
		assert_int_equal(d.count, 0);
	diag_deinit(&d);
	return g;
}

/* A state put there by hand goes into fil4 and comes back out of it at a save, while
 * fil4 plays in an engine; the render is the same after reopening. */
static void test_restore_and_save(void **state)
{
	(void)state;
	char *dir = dir_with_audio();
	char *plugins = xasprintf("%s/plugins", dir);
	assert_int_equal(mkdir(plugins, 0777), 0);
	char *file = state_file(dir);
	write_state(file, FIL4, 50.0, 432.0);
	struct project *p = load(dir);
	int64_t n1, n2;
	float *before = tu_render(p, 0, 0, 256, &n1);

	/* playing: the graph attaches fil4 to its file and restores it */
	struct engine *e = engine_create(RATE);
	engine_send_graph(e, build(p, NULL));
	engine_send_simple(e, CMD_PLAY, 0, 0, false, 0);
	for (int i = 0; i < 200; i++) {
		float buf[256 * 2];
		engine_disk_service(e);
		engine_process_rt(e, buf, 256);
		engine_collect_garbage(e);
	}
	remove(file);
	struct err_msg msg = { "" };
	assert_int_equal(project_save(p, &msg), ERR_OK);
	assert_string_equal(msg.text, "");
	char *saved = tu_slurp(file);
	assert_non_null(saved);
	print_message("%s", saved);
	assert_non_null(strstr(saved, FIL4));
	assert_non_null(strstr(saved, "fil4#dbscale> \"50.0\""));
	assert_non_null(strstr(saved, "fil4#kbtuning> \"432.0\""));
	/* the port values are project.json's, not the state's */
	assert_null(strstr(saved, "lv2:port"));
	engine_destroy(e);

	/* reopened: the same state, the same render */
	struct project *q = NULL;
	struct diag d;
	diag_init(&d);
	char *json = xasprintf("%s/project.json", dir);
	assert_int_equal(project_load(json, &q, &d), ERR_OK);
	diag_deinit(&d);
	float *after = tu_render(q, 0, 0, 256, &n2);
	assert_int_equal(n1, n2);
	assert_memory_equal(before, after, sizeof(float) * 2 * (size_t)n1);
	/* and its graph attaches to the saved state, which a second save keeps as it is */
	struct graph *g = build(q, NULL);
	assert_int_equal(project_save(q, &msg), ERR_OK);
	char *again = tu_slurp(file);
	assert_string_equal(saved, again);
	graph_destroy(g);

	free(again);
	free(saved);
	free(json);
	free(before);
	free(after);
	project_free(q);
	project_free(p);
	free(file);
	free(plugins);
	rm_project(dir);
}

/* No file yet: a save writes fil4's own; no graph built: a save writes none. */
static void test_new_and_unplayed(void **state)
{
	(void)state;
	char *dir = dir_with_audio();
	char *file = state_file(dir);
	struct project *p = load(dir);
	struct err_msg msg = { "" };
	assert_int_equal(project_save(p, &msg), ERR_OK);
	struct stat st;
	assert_int_not_equal(stat(file, &st), 0);   /* nothing played it */
	struct graph *g = build(p, NULL);
	assert_int_equal(project_save(p, &msg), ERR_OK);
	char *saved = tu_slurp(file);
	assert_non_null(saved);
	assert_non_null(strstr(saved, "fil4#dbscale> \"30.0\""));   /* fil4's default */
	graph_destroy(g);
	free(saved);
	project_free(p);
	free(file);
	rm_project(dir);
}

/* Another plug-in's state in the file: one warning naming it, fil4 keeps its own. */
static void test_wrong_plugin(void **state)
{
	(void)state;
	char *dir = dir_with_audio();
	char *plugins = xasprintf("%s/plugins", dir);
	assert_int_equal(mkdir(plugins, 0777), 0);
	char *file = state_file(dir);
	write_state(file, "http://gareus.org/oss/lv2/dpl#stereo", 50.0, 432.0);
	struct project *p = load(dir);
	int warnings = 0;
	struct graph *g = build(p, &warnings);
	assert_int_equal(warnings, 1);
	struct err_msg msg = { "" };
	assert_int_equal(project_save(p, &msg), ERR_OK);
	char *saved = tu_slurp(file);
	assert_non_null(strstr(saved, "fil4#dbscale> \"30.0\""));
	graph_destroy(g);
	free(saved);
	project_free(p);
	free(file);
	free(plugins);
	rm_project(dir);
}

static void play(struct engine *e, int blocks)
{
	for (int i = 0; i < blocks; i++) {
		float buf[256 * 2];
		engine_disk_service(e);
		engine_process_rt(e, buf, 256);
		engine_collect_garbage(e);
	}
}

static void test_other_project(void **state)
{
	(void)state;
	char *dir_a = dir_with_audio(), *dir_b = dir_with_audio();
	const char *dirs[2] = { dir_a, dir_b };
	const double scale[2] = { 50.0, 40.0 };
	for (int i = 0; i < 2; i++) {
		char *plugins = xasprintf("%s/plugins", dirs[i]);
		assert_int_equal(mkdir(plugins, 0777), 0);
		char *file = state_file(dirs[i]);
		write_state(file, FIL4, scale[i], 440.0);
		free(file);
		free(plugins);
	}
	struct project *a = load(dir_a), *b = load(dir_b);
	struct engine *e = engine_create(RATE);
	engine_send_graph(e, build(a, NULL));
	engine_send_simple(e, CMD_PLAY, 0, 0, false, 0);
	play(e, 100);
	/* an edit of a: its plug-in carries on (the one with the most runs saves) */
	engine_send_graph(e, build(a, NULL));
	play(e, 100);
	engine_send_graph(e, build(b, NULL));
	play(e, 100);
	struct err_msg msg = { "" };
	assert_int_equal(project_save(b, &msg), ERR_OK);
	char *file = state_file(dir_b);
	char *saved = tu_slurp(file);
	assert_non_null(strstr(saved, "fil4#dbscale> \"40.0\""));
	free(saved);
	free(file);
	engine_destroy(e);
	project_free(a);
	project_free(b);
	rm_project(dir_a);
	rm_project(dir_b);
}

#define ZCONV "http://gareus.org/oss/lv2/zeroconvolv#Stereo"
#define IR_AT 0         /* the impulse response: 0.5 at frame IR_AT, else 0 (zeroconvolv
                           trims the silence before a response) */

static double gen_ir(int64_t i, int ch, void *arg)
{
	(void)ch;
	(void)arg;
	return i == IR_AT ? 0.5 : 0.0;
}

/* A project in dir with zeroconvolv on track "t", its state naming ir. */
static struct project *zconv_project(const char *dir, const char *ir)
{
	char *plugins = xasprintf("%s/plugins", dir);
	assert_int_equal(mkdir(plugins, 0777), 0);
	char *file = xasprintf("%s/track-t-1.ttl", plugins);
	FILE *f = fopen(file, "w");
	assert_non_null(f);
	fprintf(f, "@prefix lv2: <http://lv2plug.in/ns/lv2core#> .\n"
		"@prefix pset: <http://lv2plug.in/ns/ext/presets#> .\n"
		"@prefix state: <http://lv2plug.in/ns/ext/state#> .\n"
		"@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .\n"
		"<urn:ttymix:lv2-state> a pset:Preset ; lv2:appliesTo <%s> ;\n"
		"  state:state [ <http://gareus.org/oss/lv2/zeroconvolv#ir> <file://%s> ] .\n",
		ZCONV, ir);
	fclose(f);
	free(file);
	free(plugins);
	char *text = xasprintf("{\"format\":\"ttymix-project\",\"version\":1,"
		"\"sample_rate\":%d,\"tracks\":[{\"name\":\"t\",\"inserts\":[{\"type\":\"lv2\","
		"\"uri\":\"%s\"}],\"clips\":[{\"file\":\"n.wav\",\"start\":0}]}]}", RATE, ZCONV);
	char why[256] = "";
	struct project *p = tu_load_text(dir, text, why, sizeof why);
	free(text);
	if (!p)
		fail_msg("%s", why);
	return p;
}

static void rm_zconv(char *dir, char *ir)
{
	char *file = xasprintf("%s/plugins/track-t-1.ttl", dir);
	char *plugins = xasprintf("%s/plugins", dir);
	remove(file);
	remove(ir);
	rmdir(plugins);
	free(file);
	free(plugins);
	free(ir);
	tu_rmtree(dir);
	free(dir);
}

static void test_worker(void **state)
{
	(void)state;
	char *dir = dir_with_audio();
	char *ir = xasprintf("%s/ir.wav", dir);
	tu_write_wav(ir, RATE, 2, 256, gen_ir, NULL);
	struct project *p = zconv_project(dir, ir);
	struct graph *g = build(p, NULL);
	struct fx_insert *fx = g->tracks[0].mix.inserts.slot[0];
	unsigned sched, done, delivered;
	lv2_worker_counts(fx->state, &sched, &done, &delivered);
	print_message("after the restore: %u scheduled, %u done, %u delivered\n", sched, done,
		delivered);
	assert_true(sched >= 1);
	/* this thread plays the audio thread: silence until the worker's response came */
	float buf[64 * 2];
	for (int tries = 0; delivered < sched; tries++) {
		assert_true(tries < 10000);   /* 10 s */
		memset(buf, 0, sizeof buf);
		fx_insert_process_rt(fx, buf, 64);
		usleep(1000);
		lv2_worker_counts(fx->state, &sched, &done, &delivered);
	}
	print_message("then: %u scheduled, %u done by the worker, %u delivered to run()\n",
		sched, done, delivered);
	assert_int_equal(done, sched);
	assert_false(lv2_state_take_worker_late(fx->state));
	/* the new response is faded in over a few blocks: a tenth of a second of silence */
	for (int k = 0; k < RATE / 10; k += 64) {
		memset(buf, 0, sizeof buf);
		fx_insert_process_rt(fx, buf, 64);
	}
	/* an impulse now comes out as the response, 0.5, once, after the plug-in's own
	 * latency (its partition, 64 frames here) */
	float *x = xcalloc(2 * 512, sizeof *x);
	x[0] = x[1] = 1.0f;
	for (int k = 0; k < 512; k += 64)
		fx_insert_process_rt(fx, x + 2 * k, 64);
	int at = -1;
	double rest = 0;
	for (int i = 0; i < 512; i++) {
		if (at < 0 && fabsf(x[2 * i] - 0.5f) < 1e-4f && fabsf(x[2 * i + 1] - 0.5f) < 1e-4f)
			at = i;
		else
			rest += fabsf(x[2 * i]) + fabsf(x[2 * i + 1]);
	}
	print_message("the impulse came out at 0.5 at frame %d; the rest sums to %g\n", at, rest);
	assert_true(at >= 0);
	assert_true(rest < 1e-4);
	free(x);
	graph_destroy(g);
	project_free(p);
	rm_zconv(dir, ir);
}

/* A worker that does not answer: the response is a named pipe nobody writes, so the
 * worker waits in its open. Said once, after LV2_WORK_LATE_SEC; once the pipe gives way,
 * the request is done and nothing more is said. */
static void test_worker_late(void **state)
{
	(void)state;
	char *dir = dir_with_audio();
	char *ir = xasprintf("%s/ir.wav", dir);
	assert_int_equal(mkfifo(ir, 0600), 0);
	struct project *p = zconv_project(dir, ir);
	struct graph *g = build(p, NULL);
	struct fx_insert *fx = g->tracks[0].mix.inserts.slot[0];
	unsigned sched, done, delivered;
	lv2_worker_counts(fx->state, &sched, &done, &delivered);
	assert_true(sched >= 1);
	assert_int_equal(done, 0);
	assert_false(lv2_state_take_worker_late(fx->state));   /* first seen now */
	int said = 0;
	for (int i = 0; i < 30; i++) {     /* 3 s */
		usleep(100000);
		said += lv2_state_take_worker_late(fx->state);
	}
	print_message("a worker stuck for 3 s was said %d time(s)\n", said);
	assert_int_equal(said, 1);
	/* the pipe's writer comes and goes: the worker's open returns, the load fails */
	int fd = open(ir, O_WRONLY);
	assert_true(fd >= 0);
	close(fd);
	for (int tries = 0; done < sched; tries++) {
		assert_true(tries < 1000);   /* 10 s */
		usleep(10000);
		lv2_worker_counts(fx->state, &sched, &done, &delivered);
	}
	assert_false(lv2_state_take_worker_late(fx->state));
	graph_destroy(g);
	project_free(p);
	rm_zconv(dir, ir);
}

int main(void)
{
	const struct fx_class *cls;
	struct err_msg msg;
	if (lv2_class_get(FIL4, &cls, &msg) != ERR_OK
	    || lv2_class_get(ZCONV, &cls, &msg) != ERR_OK) {
		const char *all = getenv("TTYMIX_REQUIRE_ALL");
		printf("lv2_state_test: %s (x42-plugins is needed)\n", msg.text);
		return all && !strcmp(all, "1") ? 99 : 77;
	}
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_restore_and_save),
		cmocka_unit_test(test_new_and_unplayed),
		cmocka_unit_test(test_wrong_plugin),
		cmocka_unit_test(test_other_project),
		cmocka_unit_test(test_worker),
		cmocka_unit_test(test_worker_late),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
