/* Copy and paste of inserts and chains, and chain presets (issue 18) on a headless
 * session with no audio: :chain copy/paste (inserts with their parameters and bypass,
 * and the sends) over a list of strips in one undo step, :insert copy/paste, :chain
 * save/load through $XDG_DATA_HOME/ttymix/chains/, and presets that are missing or bad
 * refused in one line with nothing changed. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>

#include "audio/fx/fx.h"
#include "src/studio/commands.h"
#include "src/studio/edit.h"
#include "src/studio/studio.h"
#include "tests/test_util.h"

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

struct fixture {
	char *dir, *xdg;
	struct studio st;
	struct studio_sel sel;
	struct heard h;
	struct cli_globals g;
};

static int setup(void **state)
{
	struct fixture *f = calloc(1, sizeof *f);
	f->dir = tu_tempdir();
	f->xdg = tu_tempdir();
	setenv("XDG_DATA_HOME", f->xdg, 1);
	struct project *p = project_new(f->dir, "chain", 48000);
	char name[16];
	for (int t = 0; t < 10; t++) {
		snprintf(name, sizeof name, "%02d_%s", t + 1, t == 0 ? "Vox" : "T");
		project_add_track(p, name);
	}
	project_add_bus(p, "verb");
	f->g = (struct cli_globals){ .output = DRIVER_NULL };
	studio_init(&f->st, p, true, &f->g, (struct studio_voice){ keep, &f->h, NULL });
	*state = f;
	return 0;
}

static char *chains_dir(struct fixture *f)
{
	size_t n = strlen(f->xdg) + 32;
	char *s = malloc(n);
	snprintf(s, n, "%s/ttymix/chains", f->xdg);
	return s;
}

static int teardown(void **state)
{
	struct fixture *f = *state;
	studio_deinit(&f->st);
	char *chains = chains_dir(f);
	tu_rmtree(chains);
	free(chains);
	char sub[4096];
	snprintf(sub, sizeof sub, "%s/ttymix", f->xdg);
	tu_rmtree(sub);
	tu_rmtree(f->xdg);
	tu_rmtree(f->dir);
	free(f->xdg);
	free(f->dir);
	free(f);
	return 0;
}

static void run(struct fixture *f, const char *line)
{
	studio_line_exec(&f->st, &f->sel, line);
}

static void ok(struct fixture *f, const char *line)
{
	run(f, line);
	if (f->h.error)
		fail_msg("%s: %s", line, f->h.text);
}

/* Vox: eq (high-pass 80 Hz), comp bypassed, a pre-fader send to verb at -12 dB. */
static void vox_chain(struct fixture *f)
{
	ok(f, "fx vox eq hpf_hz 80");
	ok(f, "insert vox add compressor");
	ok(f, "insert vox bypass 2 on");
	ok(f, "send vox verb -12 pre");
}

/* The strip holds vox_chain's chain. */
static void has_vox_chain(const struct project_strip *s)
{
	const int hpf = fx_param_find(fx_class_find("eq"), "hpf_hz");
	assert_int_equal(s->n_inserts, 2);
	assert_string_equal(s->inserts[0].cls->name, "eq");
	assert_true(s->inserts[0].params[hpf] == 80.0);
	assert_false(s->inserts[0].bypass);
	assert_string_equal(s->inserts[1].cls->name, "compressor");
	assert_true(s->inserts[1].bypass);
	assert_int_equal(s->n_sends, 1);
	assert_string_equal(s->sends[0].bus, "verb");
	assert_true(s->sends[0].level_db == -12.0);
	assert_true(s->sends[0].pre_fader);
}

static void test_chain_copy_paste(void **state)
{
	struct fixture *f = *state;
	vox_chain(f);
	run(f, "chain paste 2");
	assert_true(f->h.error);
	assert_string_equal(f->h.text, "no chain copied (:chain copy STRIP first)");
	ok(f, "chain copy vox");
	assert_string_equal(f->h.text, "copied the chain of 01_Vox: 2 inserts (eq, compressor), "
		"1 send (:chain paste STRIPS)");
	/* track 3 has a chain of its own: a paste puts the copy in its place */
	ok(f, "insert 3 add reverb");
	ok(f, "send 3 verb -3");
	const size_t before = f->st.undo.pos;
	ok(f, "chain paste 2-4,6");
	assert_string_equal(f->h.text, "the copied chain put on 2-4,6 (u undoes)");
	assert_int_equal(f->st.undo.pos, before + 1);               /* one undo step */
	struct project *p = f->st.project;
	for (int t = 0; t < 6; t++)
		if (t != 4)
			has_vox_chain(&p->tracks[t].strip);
	assert_int_equal(p->tracks[4].strip.n_inserts, 0);
	studio_edit_undo(&f->st);
	assert_string_equal(f->h.text, "undid: paste chain");
	p = f->st.project;
	assert_int_equal(p->tracks[1].strip.n_inserts, 0);
	assert_int_equal(p->tracks[1].strip.n_sends, 0);
	assert_int_equal(p->tracks[2].strip.n_inserts, 1);          /* its own again */
	assert_string_equal(p->tracks[2].strip.inserts[0].cls->name, "reverb");
	assert_true(p->tracks[2].strip.sends[0].level_db == -3.0);
	has_vox_chain(&p->tracks[0].strip);
	/* all or nothing: verb cannot send to itself, so no strip changes */
	run(f, "chain paste 2,verb");
	assert_true(f->h.error);
	assert_non_null(strstr(f->h.text, "the copied chain refused on verb: "));
	assert_non_null(strstr(f->h.text, "nothing changed"));
	p = f->st.project;
	assert_int_equal(p->tracks[1].strip.n_inserts, 0);
	assert_int_equal(p->buses[0].strip.n_inserts, 0);
	assert_int_equal(f->st.undo.pos, before + 1 - 1);
	/* the master takes inserts, not sends */
	run(f, "chain paste master");
	assert_true(f->h.error);
	assert_non_null(strstr(f->h.text, "the master has no sends"));
}

static void test_insert_copy_paste(void **state)
{
	struct fixture *f = *state;
	vox_chain(f);
	run(f, "insert vox copy 3");
	assert_true(f->h.error);
	assert_string_equal(f->h.text, "an insert number from 1 to 2, not \"3\"");
	run(f, "insert 2 paste");
	assert_true(f->h.error);
	assert_string_equal(f->h.text, "no insert copied (:insert STRIP copy SLOT first)");
	ok(f, "insert vox copy 2");                                 /* the bypassed comp */
	ok(f, "insert 2 add eq");
	const size_t before = f->st.undo.pos;
	ok(f, "insert 2-4 paste");
	assert_string_equal(f->h.text, "compressor pasted as insert 2 on 3 strips: 2-4");
	ok(f, "insert 2 paste 1");                                 /* before the eq */
	struct project *p = f->st.project;
	assert_int_equal(p->tracks[1].strip.n_inserts, 3);
	assert_string_equal(p->tracks[1].strip.inserts[0].cls->name, "compressor");
	assert_true(p->tracks[1].strip.inserts[0].bypass);
	assert_string_equal(p->tracks[1].strip.inserts[1].cls->name, "eq");
	assert_string_equal(p->tracks[2].strip.inserts[0].cls->name, "compressor");
	assert_true(p->tracks[3].strip.inserts[0].bypass);
	assert_int_equal(p->tracks[2].strip.n_sends, 0);            /* one insert, no sends */
	assert_int_equal(f->st.undo.pos, before + 2);
	studio_edit_undo(&f->st);
	studio_edit_undo(&f->st);
	p = f->st.project;
	assert_int_equal(p->tracks[1].strip.n_inserts, 1);
	assert_int_equal(p->tracks[2].strip.n_inserts, 0);
}

static void write_preset(struct fixture *f, const char *name, const char *text)
{
	char *dir = chains_dir(f), path[4096];
	snprintf(path, sizeof path, "%s/%s.json", dir, name);
	free(dir);
	FILE *out = fopen(path, "w");
	assert_non_null(out);
	fputs(text, out);
	fclose(out);
}

static void test_presets(void **state)
{
	struct fixture *f = *state;
	vox_chain(f);
	f->sel.strip = 0;
	ok(f, "chain save vocal-basic");                           /* the selected strip's */
	assert_non_null(strstr(f->h.text, "saved the chain of 01_Vox as vocal-basic: 2 inserts"));
	char *dir = chains_dir(f), path[4096];
	snprintf(path, sizeof path, "%s/vocal-basic.json", dir);
	char *text = tu_slurp(path);
	assert_non_null(text);
	/* project.json's shape: a type, its bypass, its params; the send */
	assert_non_null(strstr(text, "\"type\":\t\"compressor\""));
	assert_non_null(strstr(text, "\"hpf_hz\":\t80"));
	assert_non_null(strstr(text, "\"bus\":\t\"verb\""));
	free(text);
	const size_t before = f->st.undo.pos;
	ok(f, "chain load 7-9 vocal-basic");
	assert_string_equal(f->h.text, "chain preset vocal-basic put on 7-9 (u undoes)");
	for (int t = 6; t < 9; t++)
		has_vox_chain(&f->st.project->tracks[t].strip);
	assert_int_equal(f->st.undo.pos, before + 1);
	studio_edit_undo(&f->st);
	assert_int_equal(f->st.project->tracks[7].strip.n_inserts, 0);
	/* saved from a named strip, over the last one */
	ok(f, "insert 5 add limiter");
	ok(f, "chain save vocal-basic 5");
	ok(f, "chain load 6 vocal-basic");
	assert_string_equal(f->st.project->tracks[5].strip.inserts[0].cls->name, "limiter");

	/* refusals, one line each, nothing changed */
	const size_t at = f->st.undo.pos;
	run(f, "chain load 7 nothing-here");
	assert_true(f->h.error);
	assert_string_equal(f->h.text, "no chain preset \"nothing-here\" (:chain save "
		"nothing-here keeps the selected strip's)");
	run(f, "chain load 7 ../escape");
	assert_true(f->h.error);
	assert_non_null(strstr(f->h.text, "a preset's name"));
	write_preset(f, "broken", "{\"inserts\": [");
	run(f, "chain load 7 broken");
	assert_true(f->h.error);
	assert_non_null(strstr(f->h.text, "chain preset broken refused on 07_T: "));
	assert_non_null(strstr(f->h.text, "broken.json: not JSON"));
	write_preset(f, "odd", "{\"inserts\": [{\"type\": \"flanger9000\"}]}");
	run(f, "chain load 7 odd");
	assert_true(f->h.error);
	assert_non_null(strstr(f->h.text, "odd.json: inserts[0].type: unknown effect "
		"\"flanger9000\""));
	write_preset(f, "far", "{\"inserts\": [{\"type\": \"eq\", \"params\": {\"hpf_hz\": "
		"-5}}]}");
	run(f, "chain load 7 far");
	assert_true(f->h.error);
	assert_non_null(strstr(f->h.text, "hpf_hz: -5 is out of range"));
	write_preset(f, "nobus", "{\"sends\": [{\"bus\": \"hall\", \"level_db\": -6}]}");
	run(f, "chain load 7 nobus");
	assert_true(f->h.error);
	assert_non_null(strstr(f->h.text, "it sends to \"hall\", a bus this project has not"));
	assert_int_equal(f->st.project->tracks[6].strip.n_inserts, 0);
	assert_int_equal(f->st.project->tracks[6].strip.n_sends, 0);
	assert_int_equal(f->st.undo.pos, at);
	free(dir);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_chain_copy_paste, setup, teardown),
		cmocka_unit_test_setup_teardown(test_insert_copy_paste, setup, teardown),
		cmocka_unit_test_setup_teardown(test_presets, setup, teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
