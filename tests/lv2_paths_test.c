/* LV2 state beyond one file per insert, with x42's zeroconvolv (x42-plugins), whose
 * state names its impulse response's file and whose worker loads it:
 *  - paths: a response outside the project is copied into its plugins/ folder as the
 *    state is saved (mapPath), the state file names it relative to the project and no
 *    absolute path, and the project folder moved elsewhere (the original response
 *    gone) convolves as before; a second save is byte-identical;
 *  - a preset's whole state: zeroconvolv's "No-OP Stereo" names a response in its own
 *    bundle, which no port holds. Applied (lv2_preset_apply's state, restored as the
 *    graph is built), the insert convolves with the preset's response; a rebuild with
 *    the same state carries the plug-in on, one restored from another state (an undo)
 *    does not; saved and reopened, and rendered, it is still the preset's;
 *  - a mono plug-in run as a pair on a stereo strip (zeroconvolv's Mono) keeps each
 *    instance's state: the left's file and the right's (plugins/X.right.ttl), each
 *    restored into its own instance and saved from it; a project saved before the right
 *    had a file restores the left's into both. */
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cmocka.h>

#include "audio/graph.h"
#include "audio/lv2/lv2.h"
#include "src/graph_build.h"
#include "src/project.h"
#include "src/project_saveas.h"
#include "src/base/xalloc.h"
#include "tests/test_util.h"

#define ZCONV "http://gareus.org/oss/lv2/zeroconvolv#Stereo"
#define ZMONO "http://gareus.org/oss/lv2/zeroconvolv#Mono"
#define ZIR "http://gareus.org/oss/lv2/zeroconvolv#ir"
#define RATE 48000

/* an impulse response: *(double *)arg at frame 0, then silence */
static double gen_ir(int64_t i, int ch, void *arg)
{
	(void)ch;
	return i == 0 ? *(const double *)arg : 0.0;
}

static char *write_ir(const char *dir, const char *name, double level)
{
	char *path = xasprintf("%s/%s", dir, name);
	tu_write_wav(path, RATE, 1, 256, gen_ir, &level);
	return path;
}

static char *slurp(const char *path)
{
	FILE *f = fopen(path, "rb");
	if (!f)
		return NULL;
	char *text = xcalloc(1, 1 << 20);
	size_t n = fread(text, 1, (1 << 20) - 1, f);
	text[n] = '\0';
	fclose(f);
	return text;
}

static void write_state(const char *path, const char *uri, const char *ir)
{
	FILE *f = fopen(path, "w");
	assert_non_null(f);
	fprintf(f, "@prefix lv2: <http://lv2plug.in/ns/lv2core#> .\n"
		"@prefix pset: <http://lv2plug.in/ns/ext/presets#> .\n"
		"@prefix state: <http://lv2plug.in/ns/ext/state#> .\n"
		"<urn:ttymix:lv2-state> a pset:Preset ; lv2:appliesTo <%s> ;\n"
		"  state:state [ <%s> <file://%s> ] .\n", uri, ZIR, ir);
	fclose(f);
}

static char *audio_dir(void)
{
	char *dir = tu_tempdir();
	char *path = xasprintf("%s/n.wav", dir);
	double zero = 0;
	tu_write_wav(path, RATE, 2, 1024, gen_ir, &zero);
	free(path);
	char *plugins = xasprintf("%s/plugins", dir);
	assert_int_equal(mkdir(plugins, 0777), 0);
	free(plugins);
	return dir;
}

static struct project *load(const char *dir, const char *uri)
{
	char *text = xasprintf("{\"format\":\"ttymix-project\",\"version\":1,"
		"\"sample_rate\":%d,\"tracks\":[{\"name\":\"t\",\"inserts\":[{\"type\":\"lv2\","
		"\"uri\":\"%s\"}],\"clips\":[{\"file\":\"n.wav\",\"start\":0}]}]}", RATE, uri);
	char why[256] = "";
	struct project *p = tu_load_text(dir, text, why, sizeof why);
	free(text);
	if (!p)
		fail_msg("%s", why);
	return p;
}

static struct graph *build(struct project *p, bool offline)
{
	struct diag d;
	diag_init(&d);
	struct graph *g = NULL;
	assert_int_equal(graph_build(p, offline, &g, &d), ERR_OK);
	for (size_t i = 0; i < d.count; i++)
		print_message("graph_build: %s\n", d.items[i].text);
	assert_int_equal(d.count, 0);
	diag_deinit(&d);
	return g;
}

static struct fx_insert *insert_of(struct graph *g)
{
	return g->tracks[0].mix.inserts.slot[0];
}

/* This thread plays the audio thread: silence until the worker has answered, a tenth
 * of a second for the response's fade-in, then an impulse on both channels. The peak
 * of each channel that comes out. */
static void impulse_peaks(struct fx_insert *fx, double peak[2])
{
	unsigned sched, done, delivered;
	float buf[64 * 2];
	lv2_worker_counts(fx->state, &sched, &done, &delivered);
	for (int tries = 0; delivered < sched; tries++) {
		assert_true(tries < 10000);   /* 10 s */
		memset(buf, 0, sizeof buf);
		fx_insert_process_rt(fx, buf, 64);
		usleep(1000);
		lv2_worker_counts(fx->state, &sched, &done, &delivered);
	}
	for (int k = 0; k < RATE / 10; k += 64) {
		memset(buf, 0, sizeof buf);
		fx_insert_process_rt(fx, buf, 64);
	}
	float *x = xcalloc(2 * 1024, sizeof *x);
	x[0] = x[1] = 1.0f;
	for (int k = 0; k < 1024; k += 64)
		fx_insert_process_rt(fx, x + 2 * k, 64);
	peak[0] = peak[1] = 0;
	for (int i = 0; i < 1024; i++)
		for (int c = 0; c < 2; c++)
			peak[c] = fmax(peak[c], fabsf(x[2 * i + c]));
	free(x);
}

static void rm_all(const char *dir)
{
	char *cmd = xasprintf("rm -rf '%s'", dir);
	assert_int_equal(system(cmd), 0);
	free(cmd);
}

static bool same_file(const char *a, const char *b)
{
	char *x = slurp(a), *y = slurp(b);
	const bool same = x && y && !strcmp(x, y);
	free(x);
	free(y);
	return same;
}

/* A response outside the project is brought into it; the folder moved plays alike. */
static void test_paths(void **state)
{
	(void)state;
	char *dir = audio_dir(), *outside = tu_tempdir();
	char *ir = write_ir(outside, "room.wav", 0.5);
	char *file = xasprintf("%s/plugins/track-t-1.ttl", dir);
	write_state(file, ZCONV, ir);
	struct project *p = load(dir, ZCONV);
	struct graph *g = build(p, false);
	double peak[2];
	impulse_peaks(insert_of(g), peak);
	print_message("response outside the project: peaks %.4f %.4f\n", peak[0], peak[1]);
	assert_true(fabs(peak[0] - 0.5) < 1e-3 && fabs(peak[1] - 0.5) < 1e-3);
	struct err_msg msg;
	assert_int_equal(lv2_state_save(file, &msg), ERR_OK);
	char *copy = xasprintf("%s/plugins/room.wav", dir);
	char *text = slurp(file);
	assert_true(same_file(copy, ir));   /* brought into the project */
	assert_null(strstr(text, outside));
	assert_null(strstr(text, dir));
	assert_null(strstr(text, "file:"));
	assert_non_null(strstr(text, "plugins/room.wav"));
	free(text);
	graph_destroy(g);
	project_free(p);
	/* the original gone, the folder moved */
	assert_int_equal(remove(ir), 0);
	char *moved = xasprintf("%s-moved", dir);
	assert_int_equal(rename(dir, moved), 0);
	p = load(moved, ZCONV);
	g = build(p, true);
	impulse_peaks(insert_of(g), peak);
	print_message("the folder moved, the original gone: peaks %.4f %.4f\n", peak[0], peak[1]);
	assert_true(fabs(peak[0] - 0.5) < 1e-3 && fabs(peak[1] - 0.5) < 1e-3);
	char *file2 = xasprintf("%s/plugins/track-t-1.ttl", moved);
	char *before = slurp(file2);
	assert_int_equal(lv2_state_save(file2, &msg), ERR_OK);
	char *after = slurp(file2);
	assert_string_equal(before, after);
	char *stray = xasprintf("%s/plugins/room-2.wav", moved);
	assert_int_equal(access(stray, F_OK), -1);   /* the copy is used again */
	free(before);
	free(after);
	free(stray);
	graph_destroy(g);
	project_free(p);
	rm_all(moved);
	rm_all(outside);
	free(file2);
	free(moved);
	free(copy);
	free(file);
	free(ir);
	free(dir);
	free(outside);
}

/* zeroconvolv's own preset: its response is the preset's state, no port's value. */
static void test_preset_state(void **state)
{
	(void)state;
	char *dir = audio_dir();
	char *ir = write_ir(dir, "half.wav", 0.5);
	char *file = xasprintf("%s/plugins/track-t-1.ttl", dir);
	write_state(file, ZCONV, ir);
	struct project *p = load(dir, ZCONV);
	struct project_insert *ins = &p->tracks[0].strip.inserts[0];
	struct graph *g1 = build(p, false);
	double peak[2];
	impulse_peaks(insert_of(g1), peak);
	print_message("before the preset: peaks %.4f %.4f\n", peak[0], peak[1]);
	assert_true(fabs(peak[0] - 0.5) < 1e-3);
	double params[FX_MAX_PARAMS];
	memcpy(params, ins->params, sizeof params);
	int n_set;
	char *text = NULL;
	struct err_msg msg;
	assert_int_equal(lv2_preset_apply(ins->cls, "No-OP Stereo", params, &n_set, &text, &msg),
		ERR_OK);
	assert_non_null(text);
	assert_non_null(strstr(text, "delta-48k.wav"));
	char *preset = xstrdup(text);
	ins->lv2_state = text;
	ins->lv2_serial = 1;
	/* the rebuilt graph's insert keeps its own plug-in, restored from the preset */
	struct graph *g2 = build(p, false);
	struct fx_insert *fx2 = insert_of(g2);
	fx_chain_carry_rt(&g2->tracks[0].mix.inserts, &g1->tracks[0].mix.inserts);
	unsigned sched, done, delivered;
	lv2_worker_counts(fx2->state, &sched, &done, &delivered);
	assert_int_equal(delivered, 0);     /* not the playing one */
	impulse_peaks(fx2, peak);
	print_message("the preset applied: peaks %.4f %.4f\n", peak[0], peak[1]);
	assert_true(fabs(peak[0] - 1.0) < 1e-3 && fabs(peak[1] - 1.0) < 1e-3);
	graph_destroy(g1);
	/* an edit after it: the same state, carried on */
	struct graph *g3 = build(p, false);
	fx_chain_carry_rt(&g3->tracks[0].mix.inserts, &g2->tracks[0].mix.inserts);
	lv2_worker_counts(insert_of(g3)->state, &sched, &done, &delivered);
	assert_true(delivered > 0);         /* the playing one, its response loaded */
	graph_destroy(g2);
	/* saved: the preset's response is brought into the project */
	assert_int_equal(lv2_state_save(file, &msg), ERR_OK);
	char *saved = slurp(file);
	assert_non_null(strstr(saved, "plugins/delta-48k.wav"));
	assert_null(strstr(saved, "/usr/"));
	free(saved);
	/* undone: the file's state again, not carried on from the preset's plug-in */
	free(ins->lv2_state);
	ins->lv2_state = NULL;
	ins->lv2_serial = 0;
	write_state(file, ZCONV, ir);
	struct graph *g4 = build(p, false);
	fx_chain_carry_rt(&g4->tracks[0].mix.inserts, &g3->tracks[0].mix.inserts);
	impulse_peaks(insert_of(g4), peak);
	print_message("undone: peaks %.4f %.4f\n", peak[0], peak[1]);
	assert_true(fabs(peak[0] - 0.5) < 1e-3);
	/* redone, saved from the playing plug-in, reopened and rendered */
	ins->lv2_state = preset;
	ins->lv2_serial = 2;
	struct graph *g5 = build(p, false);
	fx_chain_carry_rt(&g5->tracks[0].mix.inserts, &g4->tracks[0].mix.inserts);
	graph_destroy(g3);
	graph_destroy(g4);
	impulse_peaks(insert_of(g5), peak);
	print_message("redone: peaks %.4f %.4f\n", peak[0], peak[1]);
	assert_true(fabs(peak[0] - 1.0) < 1e-3);
	assert_int_equal(lv2_state_save(file, &msg), ERR_OK);
	graph_destroy(g5);
	project_free(p);
	p = load(dir, ZCONV);
	struct graph *g6 = build(p, true);
	impulse_peaks(insert_of(g6), peak);
	print_message("saved, reopened and rendered: peaks %.4f %.4f\n", peak[0], peak[1]);
	assert_true(fabs(peak[0] - 1.0) < 1e-3 && fabs(peak[1] - 1.0) < 1e-3);
	graph_destroy(g6);
	project_free(p);
	free(file);
	free(ir);
	rm_all(dir);
	free(dir);
}

/* zeroconvolv's Mono on a stereo strip: two instances, each with a state of its own. */
static void test_mono_pair(void **state)
{
	(void)state;
	char *dir = audio_dir();
	char *left = write_ir(dir, "left.wav", 0.5), *right = write_ir(dir, "right.wav", 0.25);
	char *file = xasprintf("%s/plugins/track-t-1.ttl", dir);
	char *pair = lv2_state_pair_path(file);
	assert_string_equal(strrchr(pair, '/'), "/track-t-1.right.ttl");
	/* a project saved before the right instance had a file: the left's into both */
	write_state(file, ZMONO, left);
	struct project *p = load(dir, ZMONO);
	struct graph *g = build(p, false);
	double peak[2];
	impulse_peaks(insert_of(g), peak);
	print_message("one state file: peaks %.4f %.4f\n", peak[0], peak[1]);
	assert_true(fabs(peak[0] - 0.5) < 1e-3 && fabs(peak[1] - 0.5) < 1e-3);
	graph_destroy(g);
	/* each its own */
	write_state(pair, ZMONO, right);
	g = build(p, false);
	impulse_peaks(insert_of(g), peak);
	print_message("a file each: peaks %.4f %.4f\n", peak[0], peak[1]);
	assert_true(fabs(peak[0] - 0.5) < 1e-3 && fabs(peak[1] - 0.25) < 1e-3);
	/* saved from each instance */
	struct err_msg msg;
	assert_int_equal(lv2_state_save(file, &msg), ERR_OK);
	char *l = slurp(file), *r = slurp(pair);
	assert_non_null(strstr(l, "<left.wav>"));
	assert_null(strstr(l, "right.wav"));
	assert_non_null(strstr(r, "<right.wav>"));
	assert_null(strstr(r, "left.wav"));
	free(l);
	free(r);
	graph_destroy(g);
	project_free(p);
	/* reopened from what was saved */
	p = load(dir, ZMONO);
	g = build(p, true);
	impulse_peaks(insert_of(g), peak);
	print_message("saved and reopened: peaks %.4f %.4f\n", peak[0], peak[1]);
	assert_true(fabs(peak[0] - 0.5) < 1e-3 && fabs(peak[1] - 0.25) < 1e-3);
	graph_destroy(g);
	project_free(p);
	free(file);
	free(pair);
	free(left);
	free(right);
	rm_all(dir);
	free(dir);
}

/* :w DIR: the copy gets the state that plays (a preset applied since the last save),
 * the files it names brought into the copy. */
static void test_save_copy(void **state)
{
	(void)state;
	char *dir = audio_dir();
	char *ir = write_ir(dir, "half.wav", 0.5);
	char *file = xasprintf("%s/plugins/track-t-1.ttl", dir);
	write_state(file, ZCONV, ir);
	struct project *p = load(dir, ZCONV);
	struct project_insert *ins = &p->tracks[0].strip.inserts[0];
	double params[FX_MAX_PARAMS];
	memcpy(params, ins->params, sizeof params);
	int n_set;
	struct err_msg msg;
	assert_int_equal(lv2_preset_apply(ins->cls, "No-OP Stereo", params, &n_set,
		&ins->lv2_state, &msg), ERR_OK);
	ins->lv2_serial = 1;
	struct graph *g = build(p, false);
	double peak[2];
	impulse_peaks(insert_of(g), peak);
	assert_true(fabs(peak[0] - 1.0) < 1e-3);
	char *dest = xasprintf("%s-copy", dir);
	struct project_lock lock;
	project_lock_init(&lock);
	assert_int_equal(project_save_copy(p, dest, PROJECT_MEDIA_COPY, &lock, NULL, &msg),
		ERR_OK);
	project_lock_release(&lock);
	char *copied = xasprintf("%s/plugins/track-t-1.ttl", dest);
	char *text = slurp(copied);
	assert_non_null(strstr(text, "<plugins/delta-48k.wav>"));
	assert_null(strstr(text, "file:"));
	free(text);
	text = slurp(file);     /* the original's file is as it was saved */
	assert_non_null(strstr(text, "half.wav"));
	free(text);
	graph_destroy(g);
	project_free(p);
	p = load(dest, ZCONV);
	g = build(p, true);
	impulse_peaks(insert_of(g), peak);
	print_message(":w DIR's copy reopened: peaks %.4f %.4f\n", peak[0], peak[1]);
	assert_true(fabs(peak[0] - 1.0) < 1e-3 && fabs(peak[1] - 1.0) < 1e-3);
	graph_destroy(g);
	project_free(p);
	rm_all(dest);
	rm_all(dir);
	free(copied);
	free(dest);
	free(file);
	free(ir);
	free(dir);
}

int main(void)
{
	const struct fx_class *cls;
	struct err_msg msg;
	if (lv2_class_get(ZCONV, &cls, &msg) != ERR_OK
	    || lv2_class_get(ZMONO, &cls, &msg) != ERR_OK) {
		const char *all = getenv("TTYMIX_REQUIRE_ALL");
		printf("lv2_paths_test: %s (x42-plugins is needed)\n", msg.text);
		return all && !strcmp(all, "1") ? 99 : 77;
	}
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_paths),
		cmocka_unit_test(test_preset_state),
		cmocka_unit_test(test_mono_pair),
		cmocka_unit_test(test_save_copy),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
