/* Many strips at once and name finding (issue 18): the matcher of src/studio/find.h
 * stage by stage; a STRIP word's lists, ranges, globs, groups and @sel
 * (studio_strips_parse) and their folding back into "2-17"; and ':' commands over many
 * strips on a headless session with no audio: one undo step, one line said, all or
 * nothing. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "audio/fx/fx.h"
#include "src/studio/commands.h"
#include "src/studio/edit.h"
#include "src/studio/find.h"
#include "src/studio/strip.h"
#include "src/studio/studio.h"
#include "tests/test_util.h"

/* ---- the matcher ---- */

static const char *const names[] = { "01_Kick", "02_Snare", "07_GtrCl", "08_GtrDist",
	"Vox", "VoxDbl", "verb" };
#define N_NAMES ((int)(sizeof names / sizeof names[0]))

static enum studio_find_stage find(const char *word, int *first, int *n)
{
	int found[N_NAMES];
	enum studio_find_stage st = studio_find_name(names, N_NAMES, word, found, N_NAMES, n);
	*first = *n ? found[0] : -1;
	return st;
}

static void test_find_stages(void **state)
{
	(void)state;
	int first, n;
	/* exact ignoring case wins over prefix: "vox" is Vox, not VoxDbl */
	assert_int_equal(find("vox", &first, &n), STUDIO_FIND_EXACT);
	assert_int_equal(n, 1);
	assert_string_equal(names[first], "Vox");
	assert_int_equal(find("01_k", &first, &n), STUDIO_FIND_PREFIX);
	assert_int_equal(n, 1);
	assert_string_equal(names[first], "01_Kick");
	assert_int_equal(find("kick", &first, &n), STUDIO_FIND_SUBSTRING);
	assert_int_equal(n, 1);
	assert_string_equal(names[first], "01_Kick");
	assert_int_equal(find("kck", &first, &n), STUDIO_FIND_FUZZY);
	assert_int_equal(n, 1);
	assert_string_equal(names[first], "01_Kick");
	/* several at the first stage that finds any: candidates, no answer */
	assert_int_equal(find("gt", &first, &n), STUDIO_FIND_SUBSTRING);
	assert_int_equal(n, 2);
	assert_string_equal(names[first], "07_GtrCl");
	assert_int_equal(find("v", &first, &n), STUDIO_FIND_PREFIX);
	assert_int_equal(n, 3);
	assert_int_equal(find("zzz", &first, &n), STUDIO_FIND_NONE);
	assert_int_equal(n, 0);
	assert_int_equal(find("", &first, &n), STUDIO_FIND_NONE);
	/* letters out of order are no fuzzy match */
	assert_false(studio_find_at("01_Kick", "kk1", STUDIO_FIND_FUZZY));
	assert_true(studio_find_at("08_GtrDist", "GTRD", STUDIO_FIND_FUZZY));
}

/* ---- a session with 20 tracks, two buses and a group ---- */

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
	char *dir;
	struct studio st;
	struct studio_sel sel;
	struct heard h;
	struct cli_globals g;
};

static const char *const track_names[] = { "01_Kick", "02_Snare", "03_HatC", "04_Tom1",
	"05_Tom2", "06_Bass", "07_GtrCl", "08_GtrDist", "09_Keys", "10_Pad", "11_Vox",
	"12_VoxDbl", "13_Bvox1", "14_Bvox2", "15_Perc", "16_Shaker", "17_Organ", "18_Lead",
	"19_FX", "20_Room" };

static int setup(void **state)
{
	struct fixture *f = calloc(1, sizeof *f);
	f->dir = tu_tempdir();
	struct project *p = project_new(f->dir, "many", 48000);
	for (int t = 0; t < 20; t++)
		project_add_track(p, track_names[t]);
	project_add_bus(p, "verb");
	project_add_bus(p, "drums_bus");
	struct project_group *g = project_add_group(p, "drums");
	g->gain = g->mute = g->solo = false; /* a set, not links, is what is tried here */
	for (int t = 0; t < 5; t++)
		p->tracks[t].group = strdup("drums");
	f->g = (struct cli_globals){ .output = DRIVER_NULL };
	studio_init(&f->st, p, true, &f->g, (struct studio_voice){ keep, &f->h, NULL });
	*state = f;
	return 0;
}

static int teardown(void **state)
{
	struct fixture *f = *state;
	studio_deinit(&f->st);
	tu_rmtree(f->dir);
	free(f->dir);
	free(f);
	return 0;
}

/* The set word names, folded back as studio_strips_format says it ("" when refused,
 * the reason in why). */
static const char *set_of(struct fixture *f, const char *word, char *why)
{
	static char shown[512];
	int *s = calloc(STUDIO_POSITIONS_MAX, sizeof *s);
	int n;
	why[0] = shown[0] = '\0';
	if (studio_strips_parse(&f->st, &f->sel, f->sel.strip, word, s, &n, why, 256))
		studio_strips_format(&f->st, s, n, shown, sizeof shown);
	free(s);
	return shown;
}

static void test_sets(void **state)
{
	struct fixture *f = *state;
	char why[256];
	assert_string_equal(set_of(f, "2-17", why), "2-17");
	assert_string_equal(set_of(f, "1-3,dbl", why), "1-3,12");
	assert_string_equal(set_of(f, "gtr*", why), "7-8"); /* ignoring case */
	assert_string_equal(set_of(f, "*vox*", why), "11-14");
	assert_string_equal(set_of(f, "drums", why), "1-5");        /* a group */
	assert_string_equal(set_of(f, "drums,gtr*,verb,master", why), "1-5,7-8,verb,master");
	assert_string_equal(set_of(f, "5,1,3,1", why), "1,3,5");    /* sorted, once */
	assert_string_equal(set_of(f, "kck,dist", why), "1,8");     /* found as one name is */
	f->sel.strip = 6;
	assert_string_equal(set_of(f, ".", why), "7");
	/* refusals name what is wrong */
	assert_string_equal(set_of(f, "@sel", why), "");
	assert_non_null(strstr(why, "no strips are picked"));
	studio_sel_pick(&f->st, &f->sel, 1, true);
	studio_sel_pick(&f->st, &f->sel, 20, true);                /* the bus verb */
	studio_sel_pick(&f->st, &f->sel, 22, true);                /* the master */
	studio_sel_pick(&f->st, &f->sel, 5, true);
	studio_sel_pick(&f->st, &f->sel, 5, false);
	assert_int_equal(f->sel.n_picked, 3);
	assert_string_equal(set_of(f, "@sel", why), "2,verb,master");
	studio_sel_clear(&f->sel);
	assert_int_equal(f->sel.n_picked, 0);
	/* a strip that comes (or goes) voids the picks: their positions name others now */
	studio_sel_pick(&f->st, &f->sel, 3, true);
	project_add_bus(f->st.project, "later");
	assert_string_equal(set_of(f, "@sel", why), "");
	assert_non_null(strstr(why, "no strips are picked"));
	assert_int_equal(studio_sel_picks(&f->st, &f->sel), 0);
	assert_string_equal(set_of(f, "2-30", why), "");
	assert_non_null(strstr(why, "no tracks 2-30 (1 to 20)"));
	assert_string_equal(set_of(f, "zz*", why), "");
	assert_non_null(strstr(why, "no track or bus matches \"zz*\""));
	assert_string_equal(set_of(f, "1,gt", why), "");
	assert_string_equal(why, "\"gt\" matches 07_GtrCl, 08_GtrDist: say which");
	assert_string_equal(set_of(f, "1,,2", why), "");
	assert_true(studio_strips_is_set(&f->st, "1-3"));
	assert_true(studio_strips_is_set(&f->st, "drums"));
	assert_true(studio_strips_is_set(&f->st, "@sel"));
	assert_false(studio_strips_is_set(&f->st, "01_Kick"));
	assert_false(studio_strips_is_set(&f->st, "kick"));
}

static void test_find_strip(void **state)
{
	struct fixture *f = *state;
	assert_int_equal(studio_strip_find(&f->st, "kick"), 0);
	assert_int_equal(studio_strip_find(&f->st, "kck"), 0);
	assert_int_equal(studio_strip_find(&f->st, "VERB"), 20);
	assert_int_equal(studio_strip_find(&f->st, "12"), 11);     /* a number first */
	assert_int_equal(studio_strip_find(&f->st, "gtr"), STUDIO_STRIP_AMBIGUOUS);
	assert_int_equal(studio_strip_find(&f->st, "qqq"), STUDIO_STRIP_NONE);
	/* only whole names find a strip for a new name's check */
	assert_int_equal(studio_strip_find_exact(&f->st, "kick"), STUDIO_STRIP_NONE);
	studio_line_exec(&f->st, &f->sel, "gain gt -3");
	assert_true(f->h.error);
	assert_string_equal(f->h.text, "\"gt\" matches 07_GtrCl, 08_GtrDist: say which");
	studio_line_exec(&f->st, &f->sel, "gain kick -8");
	assert_false(f->h.error);
	assert_true(f->st.project->tracks[0].strip.gain_db == -8.0);
}

/* A set that names one strip toggles it (it once copied track 1's state), and a
 * strip's whole name wins over a glob or a range that it looks like. */
static void test_one_strip_sets_and_odd_names(void **state)
{
	struct fixture *f = *state;
	struct project *p = f->st.project;
	assert_false(p->tracks[7].strip.mute || p->tracks[0].strip.mute);
	studio_line_exec(&f->st, &f->sel, "mute 08_GtrD*");
	assert_false(f->h.error);
	assert_true(f->st.project->tracks[7].strip.mute);
	studio_line_exec(&f->st, &f->sel, "mute 8-8");
	assert_false(f->st.project->tracks[7].strip.mute);
	/* names as file names give them ("Gtr [DI].wav", "808-2.wav") */
	free(p->tracks[2].strip.name);
	p->tracks[2].strip.name = strdup("Gtr [DI]");
	free(p->tracks[3].strip.name);
	p->tracks[3].strip.name = strdup("808-2");
	studio_line_exec(&f->st, &f->sel, "gain \"Gtr [DI]\" -3");
	assert_false(f->h.error);
	assert_true(f->st.project->tracks[2].strip.gain_db == -3.0);
	studio_line_exec(&f->st, &f->sel, "gain 808-2 -4");
	assert_false(f->h.error);
	assert_true(f->st.project->tracks[3].strip.gain_db == -4.0);
	studio_line_exec(&f->st, &f->sel, "gain 808-2,1 -5"); /* in a list too */
	assert_false(f->h.error);
	assert_true(f->st.project->tracks[3].strip.gain_db == -5.0
		&& f->st.project->tracks[0].strip.gain_db == -5.0);
}

/* ---- commands over many strips ---- */

static void test_many_commands(void **state)
{
	struct fixture *f = *state;
	struct project *p;
	const size_t before = f->st.undo.pos;
	studio_line_exec(&f->st, &f->sel, "insert 2-18 add eq");
	assert_false(f->h.error);
	assert_string_equal(f->h.text, "eq added as insert 1 on 17 strips: 2-18");
	p = f->st.project;
	for (int t = 0; t < 20; t++)
		assert_int_equal(p->tracks[t].strip.n_inserts, t >= 1 && t <= 17);
	assert_int_equal(f->st.undo.pos, before + 1);               /* one undo step */
	const int hpf = fx_param_find(fx_class_find("eq"), "hpf_hz");
	assert_true(hpf >= 0);
	studio_line_exec(&f->st, &f->sel, "fx 2-18 1 hpf_hz 80");
	assert_false(f->h.error);
	assert_int_equal(f->st.undo.pos, before + 2);
	p = f->st.project;
	for (int t = 1; t <= 17; t++)
		assert_true(p->tracks[t].strip.inserts[0].params[hpf] == 80.0);

	/* all or nothing: track 1 has no insert, so nothing changes on any */
	studio_line_exec(&f->st, &f->sel, "fx 1-3 1 hpf_hz 100");
	assert_true(f->h.error);
	assert_non_null(strstr(f->h.text, "refused on 01_Kick: "));
	p = f->st.project;
	assert_true(p->tracks[1].strip.inserts[0].params[hpf] == 80.0);
	assert_int_equal(f->st.undo.pos, before + 2);

	/* values: one undo puts every strip back */
	studio_line_exec(&f->st, &f->sel, "gain 1,3,5 -3");
	assert_string_equal(f->h.text, "fader -3.0 dB on 3 strips: 1,3,5");
	p = f->st.project;
	assert_true(p->tracks[0].strip.gain_db == -3.0 && p->tracks[2].strip.gain_db == -3.0
		&& p->tracks[4].strip.gain_db == -3.0 && p->tracks[1].strip.gain_db == 0.0);
	studio_line_exec(&f->st, &f->sel, "gain 3-5 +=1.5");    /* a step: each its own */
	assert_string_equal(f->h.text, "gain +=1.5 on 3 strips: 3-5");
	p = f->st.project;
	assert_true(p->tracks[2].strip.gain_db == -1.5 && p->tracks[3].strip.gain_db == 1.5);
	studio_edit_undo(&f->st);
	studio_line_exec(&f->st, &f->sel, "mute 8");
	studio_line_exec(&f->st, &f->sel, "mute gtr*"); /* a toggle: both as 07 becomes */
	assert_string_equal(f->h.text, "mute on for 2 strips: 7-8");
	p = f->st.project;
	assert_true(p->tracks[6].strip.mute && p->tracks[7].strip.mute);
	studio_line_exec(&f->st, &f->sel, "send drums,gtr* verb -12");
	assert_false(f->h.error);
	assert_string_equal(f->h.text, "send to verb -12.0 dB, post-fader on 7 strips: 1-5,7-8");
	p = f->st.project;
	assert_int_equal(p->tracks[7].strip.n_sends, 1);
	studio_edit_undo(&f->st);
	p = f->st.project;
	assert_int_equal(p->tracks[7].strip.n_sends, 0);
	assert_string_equal(f->h.text, "undid: send on 7 strips");
	studio_edit_undo(&f->st);                                    /* the mutes */
	studio_edit_undo(&f->st);
	studio_edit_undo(&f->st);                                    /* the faders */
	p = f->st.project;
	assert_false(p->tracks[6].strip.mute);
	assert_true(p->tracks[0].strip.gain_db == 0.0 && p->tracks[4].strip.gain_db == 0.0);
	studio_edit_redo(&f->st);
	p = f->st.project;
	assert_true(p->tracks[4].strip.gain_db == -3.0);
	/* :fx by type adds the insert where there is none, in the same undo step */
	const size_t at = f->st.undo.pos;
	studio_line_exec(&f->st, &f->sel, "fx 1,19-20 eq hpf_hz 60");
	assert_false(f->h.error);
	assert_string_equal(f->h.text, "eq hpf_hz 60 Hz on 3 strips: 1,19-20");
	p = f->st.project;
	assert_int_equal(p->tracks[0].strip.n_inserts, 1);
	assert_true(p->tracks[19].strip.inserts[0].params[hpf] == 60.0);
	assert_int_equal(f->st.undo.pos, at + 1);
	studio_line_exec(&f->st, &f->sel, "fx 2 eq hpf_hz 70");        /* it has one: set */
	assert_string_equal(f->h.text, "02_Snare: eq hpf_hz 70 Hz");
	assert_int_equal(f->st.project->tracks[1].strip.n_inserts, 1);
	studio_line_exec(&f->st, &f->sel, "fx verb eq hpf_hz 70");     /* verb has none */
	assert_string_equal(f->h.text, "verb: eq hpf_hz 70 Hz (eq added as insert 1)");
	studio_edit_undo(&f->st);
	assert_int_equal(f->st.project->buses[0].strip.n_inserts, 0);
	assert_string_equal(f->h.text, "undid: add eq, set hpf_hz");
	studio_edit_undo(&f->st);
	studio_edit_undo(&f->st);
	assert_int_equal(f->st.project->tracks[0].strip.n_inserts, 0);
	/* a bus with its inserts in one line, one undo step; a bad type adds nothing */
	const size_t bus_at = f->st.undo.pos;
	studio_line_exec(&f->st, &f->sel, "bus add hall reverb eq");
	assert_false(f->h.error);
	assert_non_null(strstr(f->h.text, "bus \"hall\" added with reverb, eq"));
	p = f->st.project;
	assert_int_equal(p->n_buses, 3);
	assert_int_equal(p->buses[2].strip.n_inserts, 2);
	assert_string_equal(p->buses[2].strip.inserts[0].cls->name, "reverb");
	assert_int_equal(f->st.undo.pos, bus_at + 1);
	studio_line_exec(&f->st, &f->sel, "bus add room2 reverb nothing");
	assert_true(f->h.error);
	assert_int_equal(f->st.project->n_buses, 3);
	/* groups take sets too */
	studio_line_exec(&f->st, &f->sel, "group guitars gtr*,9");
	assert_false(f->h.error);
	p = f->st.project;
	assert_string_equal(p->tracks[8].group, "guitars");
	assert_string_equal(p->tracks[6].group, "guitars");
	studio_line_exec(&f->st, &f->sel, "group guitars verb");
	assert_true(f->h.error);
	studio_line_exec(&f->st, &f->sel, "ungroup guitars");
	p = f->st.project;
	assert_null(p->tracks[8].group);
	/* the master has no pan: refused by name, nothing moved */
	studio_line_exec(&f->st, &f->sel, "pan 1,master L20");
	assert_true(f->h.error);
	assert_non_null(strstr(f->h.text, "refused on Master: the master has no pan"));
	assert_true(f->st.project->tracks[0].strip.pan == 0.0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_find_stages),
		cmocka_unit_test_setup_teardown(test_sets, setup, teardown),
		cmocka_unit_test_setup_teardown(test_find_strip, setup, teardown),
		cmocka_unit_test_setup_teardown(test_one_strip_sets_and_odd_names, setup, teardown),
		cmocka_unit_test_setup_teardown(test_many_commands, setup, teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
