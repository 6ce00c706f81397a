/* LV2 inserts through the effect framework, with real plug-ins (swh-lv2,
 * lsp-plugins-lv2): a mono plug-in on a stereo strip runs once per channel; blocks
 * longer than a run() takes are split; a plug-in that writes NaN is muted at its insert
 * and says so; a plug-in's latency port reaches the insert's latency (what delay
 * compensation reads); a new LV2 insert is saved with its URI and params; a plug-in
 * that is not installed loads as a stand-in and is saved as it was read; in a headless
 * studio, :insert add lv2, :fx, automation and Tab; :preset with mda-lv2's presets. */
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "audio/fx/fx.h"
#include "audio/lv2/lv2.h"
#include "src/lv2_project.h"
#include "src/project.h"
#include "src/studio/commands.h"
#include "src/studio/studio.h"
#include "tests/test_util.h"

#define AMP "http://plugin.org.uk/swh-plugins/amp"
#define PEQ "http://lsp-plug.in/plugins/lv2/para_equalizer_x16_stereo"
#define RATE 48000

static const struct fx_class *get(const char *uri)
{
	const struct fx_class *cls = NULL;
	struct err_msg msg;
	enum err e = lv2_class_get(uri, &cls, &msg);
	if (e != ERR_OK)
		fail_msg("%s", msg.text);
	assert_non_null(cls);
	return cls;
}

static struct fx_insert *make(const struct fx_class *cls, const char *param, double v)
{
	double p[FX_MAX_PARAMS];
	fx_param_defaults(cls, p);
	if (param) {
		int k = fx_param_find(cls, param);
		assert_true(k >= 0);
		p[k] = v;
	}
	struct fx_insert *fx = fx_insert_create(cls, RATE, p, false);
	assert_non_null(fx);
	return fx;
}

/* swh amp is mono: two instances, so left and right stay apart; -6 dB on each; a block
 * of 10000 frames (more than LV2_MAX_BLOCK) comes out whole. */
static void test_mono_split(void **state)
{
	(void)state;
	const struct fx_class *cls = get(AMP);
	assert_string_equal(cls->name, "lv2");
	assert_string_equal(cls->uri, AMP);
	assert_int_equal(cls->n_params, 1);
	assert_string_equal(cls->params[0].name, "gain");
	struct fx_insert *fx = make(cls, "gain", -6);
	enum { N = 10000 };
	static float buf[2 * N];
	for (int i = 0; i < N; i++) {
		buf[2 * i] = 0.5f;
		buf[2 * i + 1] = -0.25f;
	}
	fx_insert_process_rt(fx, buf, N);
	const float g = powf(10.0f, -6.0f / 20.0f);
	for (int i = 0; i < N; i += 997) {
		assert_float_equal(buf[2 * i], 0.5f * g, 1e-5);
		assert_float_equal(buf[2 * i + 1], -0.25f * g, 1e-5);
	}
	assert_float_equal(buf[2 * (N - 1)], 0.5f * g, 1e-5);
	/* a new value reaches the plug-in's port */
	fx_insert_set_param_rt(fx, 0, 0.0);
	float one[2] = { 0.5f, -0.25f };
	fx_insert_process_rt(fx, one, 1);
	assert_float_equal(one[0], 0.5f, 1e-5);
	assert_false(lv2_state_bad_output(fx->state));
	fx_insert_destroy(fx);
}

/* NaN in: amp's NaN out is caught, the insert goes silent and stays so, and says so. */
static void test_nan_muted(void **state)
{
	(void)state;
	struct fx_insert *fx = make(get(AMP), NULL, 0);
	float buf[64];
	for (int i = 0; i < 64; i++)
		buf[i] = 0.1f;
	buf[10] = NAN;
	fx_insert_process_rt(fx, buf, 32);
	assert_true(lv2_state_bad_output(fx->state));
	assert_true(lv2_state_take_bad_output(fx->state));   /* said once */
	assert_false(lv2_state_take_bad_output(fx->state));
	assert_true(lv2_state_bad_output(fx->state));
	for (int i = 0; i < 64; i++)
		assert_true(buf[i] == 0.0f);
	for (int i = 0; i < 64; i++)
		buf[i] = 0.1f;
	fx_insert_process_rt(fx, buf, 32);
	for (int i = 0; i < 64; i++)
		assert_true(buf[i] == 0.0f);
	fx_insert_destroy(fx);
}

/* LSP's EQ in FIR mode delays its signal and says by how much on its latency port; the
 * insert carries the figure (fx_chain_latency, delay compensation). IIR mode: none. */
static void test_latency(void **state)
{
	(void)state;
	const struct fx_class *cls = get(PEQ);
	assert_true(lv2_class_info(cls)->has_latency);
	struct fx_insert *fir = make(cls, "mode", 1);
	struct fx_insert *iir = make(cls, "mode", 0);
	printf("LSP para EQ latency: FIR %d frames, IIR %d frames\n", fir->latency, iir->latency);
	assert_true(fir->latency > 0);
	assert_int_equal(iir->latency, 0);
	assert_int_equal(cls->latency(fir->state), fir->latency);
	fx_insert_destroy(fir);
	fx_insert_destroy(iir);
	const struct fx_class *amp = get(AMP);
	assert_false(lv2_class_info(amp)->has_latency);
}

/* A plug-in's name finds it too; a layout no strip takes and an unknown URI are said. */
static void test_lookup(void **state)
{
	(void)state;
	const struct fx_class *cls = NULL;
	struct err_msg msg;
	assert_int_equal(lv2_class_get("simple AMPLIFIER", &cls, &msg), ERR_OK);
	assert_string_equal(cls->uri, AMP);
	assert_int_equal(lv2_class_get("http://example.org/none", &cls, &msg), ERR_NOT_FOUND);
	assert_non_null(strstr(msg.text, "not installed"));
	assert_int_equal(lv2_class_get("http://plugin.org.uk/swh-plugins/analogueOsc", &cls,
		&msg), ERR_FORMAT);
	assert_non_null(strstr(msg.text, "0 audio inputs and 1 output"));
}

/* A new insert is saved with its type, URI and the params that differ from the
 * defaults; loaded again, it is the same plug-in with the same value. */
static void test_save_new(void **state)
{
	(void)state;
	char *dir = tu_tempdir();
	struct project *p = project_new(dir, "lv2", RATE);
	project_add_track(p, "vox");
	struct project_strip *s = &p->tracks[0].strip;
	struct project_insert *ins = project_add_insert(s->inserts, &s->n_inserts, get(AMP));
	ins->params[0] = -6;
	struct err_msg msg;
	assert_int_equal(project_save(p, &msg), ERR_OK);
	char *text = tu_slurp(p->path);
	assert_non_null(strstr(text, "\"type\":\t\"lv2\",\n"));
	assert_non_null(strstr(text, "\"uri\":\t\"" AMP "\""));
	assert_non_null(strstr(text, "\"gain\":\t-6"));
	assert_true(strstr(text, "\"type\"") < strstr(text, "\"uri\""));
	free(text);
	project_free(p);
	struct diag d;
	diag_init(&d);
	assert_int_equal(project_load(dir, &p, &d), ERR_OK);
	assert_ptr_equal(p->tracks[0].strip.inserts[0].cls, get(AMP));
	assert_true(p->tracks[0].strip.inserts[0].params[0] == -6);
	diag_deinit(&d);
	project_free(p);
	tu_rmtree(dir);
	free(dir);
}

/* ---- in the studio (headless) ---- */

struct heard {
	char text[512];
	bool error;
};

static void keep(void *ctx, bool is_error, const char *text)
{
	struct heard *h = ctx;
	snprintf(h->text, sizeof h->text, "%s", text);
	h->error = is_error;
}

/* A plug-in that is not installed: the project loads, the insert is a stand-in that
 * passes its signal, check's helper names it, and a save writes it back as read. */
static void test_missing_kept(void **state)
{
	(void)state;
	char *dir = tu_tempdir();
	char why[512];
	struct project *p = tu_load_text(dir,
		"{\"format\": \"ttymix-project\", \"version\": 1, \"name\": \"m\", "
		"\"sample_rate\": 48000, \"tracks\": [{\"name\": \"vox\", \"inserts\": [{\"type\": "
		"\"lv2\", \"uri\": \"http://example.org/nope\", \"bypass\": true, \"params\": "
		"{\"x\": 1, \"y\": [2]}, \"note\": \"kept\"}]}], \"master\": {\"gain_db\": 0}}",
		why, sizeof why);
	if (!p)
		fail_msg("%s", why);
	const struct project_insert *ins = &p->tracks[0].strip.inserts[0];
	assert_true(ins->cls->missing);
	assert_true(ins->bypass);
	struct diag d;
	diag_init(&d);
	assert_int_equal(lv2_project_missing(p, &d, DIAG_ERROR), 1);
	assert_non_null(strstr(diag_first_error(&d), "track \"vox\" insert 1: the LV2 plug-in "
		"http://example.org/nope is not installed (ttymix plugins lists"));
	diag_deinit(&d);
	struct fx_insert *fx = fx_insert_create(ins->cls, RATE, ins->params, false);
	float buf[4] = { 0.25f, -0.5f, 0.125f, 1.0f };
	fx_insert_process_rt(fx, buf, 2);
	assert_true(buf[0] == 0.25f && buf[1] == -0.5f && buf[3] == 1.0f);
	fx_insert_destroy(fx);
	/* the studio opens it and says so, on the status line */
	struct cli_globals g = { .output = DRIVER_NULL };
	struct heard h = { { 0 }, false };
	struct studio st;
	studio_init(&st, p, true, &g, (struct studio_voice){ keep, &h, NULL });
	studio_plugins_open(&st);
	assert_true(h.error);
	assert_non_null(strstr(h.text, "http://example.org/nope is not installed"));
	assert_non_null(strstr(h.text, "stays in the project"));
	struct err_msg msg;
	assert_int_equal(project_save(st.project, &msg), ERR_OK);
	char *text = tu_slurp(st.project->path);
	assert_non_null(strstr(text, "\"uri\":\t\"http://example.org/nope\""));
	assert_non_null(strstr(text, "\"bypass\":\ttrue"));
	assert_non_null(strstr(text, "\"y\":\t[2]"));
	assert_non_null(strstr(text, "\"note\":\t\"kept\""));
	free(text);
	studio_deinit(&st);
	tu_rmtree(dir);
	free(dir);
}

static void line(struct studio *st, struct heard *h, const char *text, bool error,
	const char *says)
{
	struct studio_sel sel = { 0 };
	h->text[0] = '\0';
	h->error = false;
	studio_line_exec(st, &sel, text);
	if (h->error != error || !strstr(h->text, says))
		fail_msg(":%s said \"%s\" (%s), want \"%s\"", text, h->text,
			h->error ? "error" : "message", says);
}

static void offered(void *arg, const char *candidate)
{
	int *n = arg;
	if (!strcmp(candidate, AMP) || !strcmp(candidate, "Simple amplifier"))
		(*n)++;
}

/* :insert vox add lv2 URI|NAME, :fx by port symbol (range checked), automation of a
 * port (insert.N.SYMBOL), Tab offering the plug-ins' URIs and names after lv2. */
static void test_studio(void **state)
{
	(void)state;
	char *dir = tu_tempdir();
	struct project *p = project_new(dir, "lv2", RATE);
	project_add_track(p, "vox");
	struct cli_globals g = { .output = DRIVER_NULL };
	struct heard h = { { 0 }, false };
	struct studio st;
	studio_init(&st, p, true, &g, (struct studio_voice){ keep, &h, NULL });
	line(&st, &h, "insert vox add eq", false, "added as insert 1");
	line(&st, &h, "insert vox add lv2 \"simple amplifier\"", false,
		"Simple amplifier added as insert 2");
	line(&st, &h, "insert vox add lv2 " PEQ " 1", false, "added as insert 1");
	const struct project_strip *s = &st.project->tracks[0].strip;
	assert_int_equal(s->n_inserts, 3);
	assert_string_equal(s->inserts[0].cls->uri, PEQ);
	assert_string_equal(s->inserts[2].cls->uri, AMP);
	line(&st, &h, "fx vox 3 gain -6", false, "vox: Simple amplifier gain -6");
	assert_true(s->inserts[2].params[0] == -6);
	line(&st, &h, "fx vox 3 gain 99", true, "-70");
	line(&st, &h, "fx vox 3 gian 1", true, "gian");
	line(&st, &h, "insert vox add lv2 http://example.org/none", true, "not installed");
	line(&st, &h, "insert vox add lv2", true, "URI|NAME");
	line(&st, &h, "auto vox insert.3.gain add 1 -12", false, "");
	assert_int_equal(s->n_lanes, 1);
	assert_string_equal(s->lanes[0].param, "insert.3.gain");
	struct studio_words before;
	assert_true(studio_words_split("insert vox add lv2", &before, NULL, 0));
	const struct studio_command *c = NULL;
	for (size_t i = 0; i < studio_n_commands; i++)
		if (!strcmp(studio_commands[i].name, "insert"))
			c = &studio_commands[i];
	assert_non_null(c);
	int n = 0;
	studio_command_candidates(&st, c, &before, 4, offered, &n);
	assert_int_equal(n, 2);
	assert_true(studio_words_split("insert vox add eq", &before, NULL, 0));
	n = 0;
	studio_command_candidates(&st, c, &before, 4, offered, &n);
	assert_int_equal(n, 0);
	studio_deinit(&st);
	tu_rmtree(dir);
	free(dir);
}

/* A port in fractions of the sample rate (lv2:sampleRate: swh's lowpass_iir cutoff,
 * 0.0001 to 0.45 of the rate) is typed and shown in Hz, and kept as the port's own
 * value (to four significant digits, as every insert parameter): :fx takes 1000 (Hz)
 * and refuses what is past 0.45 x 48 kHz, the strip detail shows it in Hz at the
 * project's rate, the explain panel says so. */
#define LOWPASS "http://plugin.org.uk/swh-plugins/lowpass_iir"
static void test_sample_rate_port(void **state)
{
	(void)state;
	char *dir = tu_tempdir();
	struct project *p = project_new(dir, "lv2", RATE);
	project_add_track(p, "vox");
	struct cli_globals g = { .output = DRIVER_NULL };
	struct heard h = { { 0 }, false };
	struct studio st;
	studio_init(&st, p, true, &g, (struct studio_voice){ keep, &h, NULL });
	line(&st, &h, "insert vox add lv2 " LOWPASS, false, "added as insert 1");
	const struct project_strip *s = &st.project->tracks[0].strip;
	const struct fx_class *cls = s->inserts[0].cls;
	const int k = fx_param_find(cls, "cutoff");
	assert_true(k >= 0);
	assert_true(lv2_param_scale(cls, k, RATE) == RATE);
	assert_true(lv2_param_scale(get(AMP), 0, RATE) == 1);
	line(&st, &h, "fx vox 1 cutoff 1000", false, "cutoff 999.8 Hz");
	assert_float_equal(s->inserts[0].params[k], 0.02083, 1e-12);
	line(&st, &h, "fx vox 1 cutoff 30000", true, "takes 4.8 to 21600 Hz");
	assert_float_equal(s->inserts[0].params[k], 0.02083, 1e-12);
	char buf[64];
	assert_true(lv2_format_value(cls, k, s->inserts[0].params[k], RATE, buf, sizeof buf));
	assert_string_equal(buf, "999.8 Hz");
	assert_true(lv2_format_value(cls, k, s->inserts[0].params[k], 44100, buf, sizeof buf));
	assert_string_equal(buf, "918.6 Hz");
	char *text = lv2_explain(cls, k);
	assert_non_null(strstr(text, "fraction of the sample rate"));
	free(text);
	studio_deinit(&st);
	tu_rmtree(dir);
	free(dir);
}

static void offered_preset(void *arg, const char *candidate)
{
	int *n = arg;
	if (!strcmp(candidate, "Out Of Tune") || !strcmp(candidate, "Symphonic"))
		(*n)++;
}

/* :preset STRIP SLOT [NAME]: mda Detune's presets listed, offered by Tab, one applied
 * as the insert's values in one undo step. */
static void test_preset(void **state)
{
	(void)state;
	char *dir = tu_tempdir();
	struct project *p = project_new(dir, "lv2", RATE);
	project_add_track(p, "vox");
	struct cli_globals g = { .output = DRIVER_NULL };
	struct heard h = { { 0 }, false };
	struct studio st;
	studio_init(&st, p, true, &g, (struct studio_voice){ keep, &h, NULL });
	line(&st, &h, "insert vox add lv2 http://drobilla.net/plugins/mda/Detune", false, "added");
	line(&st, &h, "insert vox add eq", false, "added");
	line(&st, &h, "preset vox 1", false, "MDA Detune: 3 presets: Out Of Tune, Stereo Detune, "
		"Symphonic");
	const struct project_insert *ins = &st.project->tracks[0].strip.inserts[0];
	const int detune = fx_param_find(ins->cls, "detune"), mix = fx_param_find(ins->cls, "mix");
	assert_true(detune >= 0 && mix >= 0);
	assert_float_equal(ins->params[detune], 0.2, 1e-6);
	line(&st, &h, "preset vox 1 \"out of tune\"", false, "preset \"out of tune\" (4 controls)");
	ins = &st.project->tracks[0].strip.inserts[0];
	assert_float_equal(ins->params[detune], 0.8, 1e-6);
	assert_float_equal(ins->params[mix], 0.7, 1e-6);
	line(&st, &h, "undo", false, "");
	ins = &st.project->tracks[0].strip.inserts[0];
	assert_float_equal(ins->params[detune], 0.2, 1e-6);
	line(&st, &h, "preset vox 1 nothing", true, "has no preset \"nothing\"");
	line(&st, &h, "preset vox 2 x", true, "presets are for installed LV2 plug-ins");
	line(&st, &h, "preset vox 3 x", true, "an insert number from 1 to 2");
	struct studio_words before;
	assert_true(studio_words_split("preset vox 1", &before, NULL, 0));
	const struct studio_command *c = NULL;
	for (size_t i = 0; i < studio_n_commands; i++)
		if (!strcmp(studio_commands[i].name, "preset"))
			c = &studio_commands[i];
	assert_non_null(c);
	int n = 0;
	studio_command_candidates(&st, c, &before, 3, offered_preset, &n);
	assert_int_equal(n, 2);
	studio_deinit(&st);
	tu_rmtree(dir);
	free(dir);
}

int main(void)
{
	/* the plug-ins these tests load come from Debian packages (./bootstrap installs
	 * them): without them, skip, unless every test must run */
	const char *need[] = { AMP, PEQ, "http://drobilla.net/plugins/mda/Detune",
		"http://plugin.org.uk/swh-plugins/lowpass_iir" };
	for (size_t i = 0; i < sizeof need / sizeof *need; i++) {
		const struct fx_class *cls;
		struct err_msg msg;
		if (lv2_class_get(need[i], &cls, &msg) != ERR_OK) {
			const char *all = getenv("TTYMIX_REQUIRE_ALL");
			printf("lv2_test: %s (swh-lv2, lsp-plugins-lv2 and mda-lv2 are needed)\n",
				msg.text);
			return all && !strcmp(all, "1") ? 99 : 77;
		}
	}
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_mono_split),
		cmocka_unit_test(test_nan_muted),
		cmocka_unit_test(test_latency),
		cmocka_unit_test(test_lookup),
		cmocka_unit_test(test_save_new),
		cmocka_unit_test(test_missing_kept),
		cmocka_unit_test(test_studio),
		cmocka_unit_test(test_preset),
		cmocka_unit_test(test_sample_rate_port),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
