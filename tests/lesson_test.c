/* The bundled lessons checked on their own projects (the build tree's
 * projects/lessons, made from the demo song): for each, the untouched project fails,
 * the values its hints give pass, the textbook values its text names pass, and a wrong
 * move fails with the message that names it. The measured values go to the log
 * ("lesson 3 textbook: ..."), for the notes that quote them. */
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cmocka.h>

#include "audio/fx/fx.h"
#include "src/base/diag.h"
#include "src/lesson.h"
#include "src/project.h"
#include "src/base/xalloc.h"
#include "tests/test_util.h"

#ifndef M_PI
#define M_PI 3.14159265358979323846
#endif

struct open_lesson {
	struct lesson *l;
	struct project *p;
};

static void open_lesson(int n, struct open_lesson *o)
{
	const char *top = getenv("top_builddir");
	char root[4096];
	snprintf(root, sizeof root, "%s/projects/lessons", top ? top : ".");
	char *dir = lesson_find(root, n);
	if (!dir)
		fail_msg("no lesson %d under %s", n, root);
	struct err_msg msg;
	if (lesson_load(dir, &o->l, &msg) != ERR_OK)
		fail_msg("%s", msg.text);
	struct diag d;
	diag_init(&d);
	if (project_load(dir, &o->p, &d) != ERR_OK)
		fail_msg("%s", diag_first_error(&d));
	diag_deinit(&d);
	free(dir);
}

static void close_lesson(struct open_lesson *o)
{
	lesson_free(o->l);
	project_free(o->p);
}

/* Run the check; print its lines under a label; the result in res. */
static void check(const struct open_lesson *o, const char *label, struct lesson_result *res)
{
	struct err_msg msg;
	if (lesson_check(o->l, o->p, res, &msg) != ERR_OK)
		fail_msg("%s: %s", label, msg.text);
	char *text = lesson_result_text(res);
	print_message("lesson %d %s: %s\n%s", o->l->number, label, res->pass ? "pass" : "fail",
		text);
	free(text);
}

static bool has_advice(const struct lesson_result *res, const char *words)
{
	for (int i = 0; i < res->n; i++)
		if (!res->item[i].pass && strstr(res->item[i].advice, words))
			return true;
	return false;
}

static bool any_advice(const struct lesson_result *res, const char *words)
{
	for (int i = 0; i < res->n; i++)
		if (strstr(res->item[i].advice, words))
			return true;
	return false;
}

static struct project_strip *strip(struct project *p, const char *name)
{
	if (!strcmp(name, "master"))
		return &p->master;
	int t = project_find_track(p, name);
	if (t >= 0)
		return &p->tracks[t].strip;
	int b = project_find_bus(p, name);
	assert_true(b >= 0);
	return &p->buses[b].strip;
}

/* Add an insert of class cls to a strip, then set "param", value pairs (NULL ends). */
static struct project_insert *add_fx(struct project *p, const char *name, const char *cls,
	...)
{
	struct project_strip *s = strip(p, name);
	const struct fx_class *c = fx_class_find(cls);
	assert_non_null(c);
	struct project_insert *ins = project_add_insert(s->inserts, &s->n_inserts, c);
	assert_non_null(ins);
	va_list ap;
	va_start(ap, cls);
	const char *param;
	while ((param = va_arg(ap, const char *))) {
		int k = fx_param_find(c, param);
		assert_true(k >= 0);
		ins->params[k] = va_arg(ap, double);
	}
	va_end(ap);
	return ins;
}

static void set_param(struct project_insert *ins, const char *param, double v)
{
	int k = fx_param_find(ins->cls, param);
	assert_true(k >= 0);
	ins->params[k] = v;
}

static void remove_inserts(struct project *p, const char *name)
{
	struct project_strip *s = strip(p, name);
	while (s->n_inserts)
		project_remove_insert(s->inserts, &s->n_inserts, 0);
}

/* ---- 1 balance ---- */

static void test_balance(void **state)
{
	(void)state;
	struct open_lesson o;
	struct lesson_result res;
	open_lesson(1, &o);
	assert_null(strstr(o.l->hints[0], "last strip"));
	for (int i = 0; i < o.l->n_hints; i++)
		assert_null(strstr(o.l->hints[i], "every other lesson builds"));
	check(&o, "untouched", &res);
	assert_false(res.pass);
	/* one figure: how far under, which is how far to raise */
	assert_true(has_advice(&res, "LU under the rest: raise it by that much (:gain Lead"));
	/* the advice's own command passes */
	const char *cmd = strstr(res.item[0].advice, ":gain Lead ");
	assert_non_null(cmd);
	double to = atof(cmd + strlen(":gain Lead "));
	struct project_strip *lead = strip(o.p, "Lead");
	lead->gain_db = to;
	check(&o, "advice's gain", &res);
	assert_true(res.pass);
	/* the hint's value */
	lead->gain_db = 18;
	check(&o, "hint (:gain Lead 18)", &res);
	assert_true(res.pass);
	/* soloed: the rest is silent, not the lead */
	lead->solo = true;
	check(&o, "Lead soloed", &res);
	assert_false(res.pass);
	assert_true(has_advice(&res, "the rest of the band is silent here (is Lead soloed?"));
	assert_false(any_advice(&res, "Lead is silent"));
	lead->solo = false;
	/* muted: the lead is silent */
	lead->mute = true;
	check(&o, "Lead muted", &res);
	assert_true(has_advice(&res, "Lead is silent here: unmute it"));
	lead->mute = false;
	/* too loud */
	lead->gain_db = 40;
	check(&o, "Lead at +40", &res);
	assert_true(has_advice(&res, "LU over the rest: lower it by that much"));
	/* the folder moved away from its audio */
	char *dir = o.p->dir;
	o.p->dir = strdup("/nonexistent/lessons/01-balance");
	struct err_msg msg;
	assert_int_equal(lesson_check(o.l, o.p, &res, &msg), ERR_NOT_FOUND);
	print_message("moved away: %s\n", msg.text);
	assert_non_null(strstr(msg.text, "audio file not found: /nonexistent/"));
	free(o.p->dir);
	o.p->dir = dir;
	close_lesson(&o);
}

/* ---- 2 panning ---- */

static void test_panning(void **state)
{
	(void)state;
	struct open_lesson o;
	struct lesson_result res;
	open_lesson(2, &o);
	check(&o, "untouched", &res);
	assert_false(res.pass);
	assert_true(has_advice(&res, "pan the layers playing into Chords apart"));
	/* the hint's and the text's: L70 and R70 */
	strip(o.p, "Pad low")->pan = -0.7;
	strip(o.p, "Pad high")->pan = 0.7;
	check(&o, "hint (L70, R70)", &res);
	assert_true(res.pass);
	/* wrong: the bass panned too */
	strip(o.p, "Bass")->pan = -0.5;
	check(&o, "bass panned L50", &res);
	assert_false(res.pass);
	assert_true(has_advice(&res, "off centre to the left"));
	assert_true(has_advice(&res, ":pan Bass C"));
	close_lesson(&o);
}

/* ---- 3 mud ---- */

static void test_mud(void **state)
{
	(void)state;
	struct open_lesson o;
	struct lesson_result res;
	open_lesson(3, &o);
	check(&o, "untouched", &res);
	assert_false(res.pass);
	assert_true(has_advice(&res, ":insert Pad add eq"));
	/* an eq there, its high-pass off: the advice no longer says to add one */
	struct project_insert *eq = add_fx(o.p, "Pad", "eq", (const char *)NULL);
	check(&o, "eq added, high-pass off", &res);
	assert_false(res.pass);
	assert_false(any_advice(&res, ":insert Pad add eq"));
	assert_true(has_advice(&res, ":fx Pad 1 hpf_hz 150"));
	/* the textbook: 150 Hz, 24 dB/oct */
	set_param(eq, "hpf_hz", 150);
	set_param(eq, "hpf_slope", 24);
	check(&o, "textbook (150 Hz, 24 dB/oct)", &res);
	assert_true(res.pass);
	/* the hint's: 250 Hz, 24 dB/oct */
	set_param(eq, "hpf_hz", 250);
	check(&o, "hint (250 Hz, 24 dB/oct)", &res);
	assert_true(res.pass);
	/* a gentle 12 dB/oct at 80 Hz is not enough */
	set_param(eq, "hpf_hz", 80);
	set_param(eq, "hpf_slope", 12);
	check(&o, "80 Hz, 12 dB/oct", &res);
	assert_false(res.pass);
	assert_true(has_advice(&res, "of the"));
	/* wrong: the fader down instead */
	remove_inserts(o.p, "Pad");
	strip(o.p, "Pad")->gain_db -= 15;
	check(&o, "fader -15 dB", &res);
	assert_false(res.pass);
	assert_true(res.item[0].pass);
	assert_true(has_advice(&res, "cut only the lows (a high-pass), not the whole track"));
	close_lesson(&o);
}

/* ---- 4 compression ---- */

/* A compressor on the bass with these settings, its makeup matched to give back what
 * it takes (as the text asks: compare at the same level); the result in res. */
static void compress(struct open_lesson *o, const char *label, double threshold,
	double ratio, double knee, double attack, double release, struct lesson_result *res)
{
	remove_inserts(o->p, "Bass");
	struct project_insert *c = add_fx(o->p, "Bass", "compressor", "threshold_db", threshold,
		"ratio", ratio, "knee_db", knee, "attack_ms", attack, "release_ms", release,
		(const char *)NULL);
	struct lesson_result first;
	char unmatched[96];
	snprintf(unmatched, sizeof unmatched, "%s, makeup 0", label);
	check(o, unmatched, &first);
	double lost = -first.item[1].value;
	set_param(c, "makeup_db", round(lost * 2) / 2);
	check(o, label, res);
}

static void test_compression(void **state)
{
	(void)state;
	struct open_lesson o;
	struct lesson_result res;
	open_lesson(4, &o);
	check(&o, "untouched", &res);
	assert_false(res.pass);
	assert_true(has_advice(&res, ":insert Bass add compressor"));
	/* the hints' values, as they give them (makeup 15) */
	remove_inserts(o.p, "Bass");
	add_fx(o.p, "Bass", "compressor", "threshold_db", -32.0, "ratio", 10.0, "knee_db", 0.0,
		"attack_ms", 0.1, "release_ms", 200.0, "makeup_db", 15.0, (const char *)NULL);
	check(&o, "hint (-32 dB, 10:1, 0.1 ms, 200 ms, makeup 15)", &res);
	assert_true(res.pass);
	/* the advice's range of attacks, 0.1 to 1 ms */
	const double attacks[] = { 0.3, 0.5, 1.0 };
	for (int i = 0; i < 3; i++) {
		char label[64];
		snprintf(label, sizeof label, "hint with attack %.1f ms", attacks[i]);
		compress(&o, label, -32, 10, 0, attacks[i], 200, &res);
		assert_true(res.pass);
	}
	/* a musical setting: -30 dB, 4:1, 5 ms */
	compress(&o, "musical (-30 dB, 4:1, 5 ms)", -30, 4, 6, 5, 100, &res);
	assert_true(res.pass);
	assert_false(any_advice(&res, "harder"));
	/* the i starting points for bass: -25 to -30 dB, 4:1 to 8:1, 1-5 ms, 80-150 ms */
	compress(&o, "i for bass (-28 dB, 6:1, 3 ms, 100 ms)", -28, 6, 6, 3, 100, &res);
	assert_true(res.pass);
	compress(&o, "i for bass, gentlest (-25 dB, 4:1, 5 ms, 150 ms)", -25, 4, 6, 5, 150,
		&res);
	assert_true(res.pass);
	/* wrong: no makeup */
	remove_inserts(o.p, "Bass");
	add_fx(o.p, "Bass", "compressor", "threshold_db", -32.0, "ratio", 10.0, "knee_db", 0.0,
		"attack_ms", 0.1, "release_ms", 200.0, (const char *)NULL);
	check(&o, "no makeup", &res);
	assert_false(res.pass);
	assert_true(res.item[0].pass);
	assert_true(has_advice(&res, "LU quieter than before: give that back with the "
		"compressor's makeup_db"));
	/* wrong: a threshold over every note */
	remove_inserts(o.p, "Bass");
	add_fx(o.p, "Bass", "compressor", "threshold_db", -3.0, (const char *)NULL);
	check(&o, "threshold over the notes", &res);
	assert_false(res.pass);
	assert_true(has_advice(&res, "threshold_db must be under the quiet notes") ||
		has_advice(&res, "lower threshold_db"));
	close_lesson(&o);
}

/* ---- 5 space ---- */

static struct project_send *send_to(struct project *p, const char *from, const char *bus)
{
	struct project_strip *s = strip(p, from);
	for (int i = 0; i < s->n_sends; i++)
		if (!strcmp(s->sends[i].bus, bus))
			return &s->sends[i];
	fail_msg("no send from %s to %s", from, bus);
	return NULL;
}

static void test_space(void **state)
{
	(void)state;
	struct open_lesson o;
	struct lesson_result res;
	open_lesson(5, &o);
	check(&o, "untouched", &res);
	assert_false(res.pass);
	assert_true(has_advice(&res, "no Reverb heard from Lead"));
	struct project_send *snd = send_to(o.p, "Lead", "Reverb");
	snd->level_db = -14;
	check(&o, "hint (:send Lead Reverb -14)", &res);
	assert_true(res.pass);
	snd->level_db = 0;
	check(&o, "send at 0 dB", &res);
	assert_false(res.pass);
	assert_true(has_advice(&res, "too wet"));
	snd->level_db = -40;
	check(&o, "send at -40 dB", &res);
	assert_false(res.pass);
	assert_true(has_advice(&res, "too dry"));
	close_lesson(&o);
}

/* ---- 6 mastering ---- */

static void test_mastering(void **state)
{
	(void)state;
	struct open_lesson o;
	struct lesson_result res;
	open_lesson(6, &o);
	check(&o, "untouched", &res);
	assert_false(res.pass);
	struct project_insert *lim = add_fx(o.p, "master", "limiter", "input_db", 2.0,
		(const char *)NULL);
	check(&o, "hint (limiter, input_db 2)", &res);
	assert_true(res.pass);
	set_param(lim, "input_db", 10);
	check(&o, "limiter input_db 10", &res);
	assert_false(res.pass);
	assert_true(has_advice(&res, "LU over the target: lower the master limiter's input_db "
		"by that much"));
	close_lesson(&o);
}

/* ---- a teacher's lesson with its own audio, copied for a student ---- */

static void put(const char *path, const char *text)
{
	FILE *f = fopen(path, "w");
	assert_non_null(f);
	fputs(text, f);
	fclose(f);
}

static void test_copy_own_audio(void **state)
{
	(void)state;
	char *src = tu_tempdir(), *dst = tu_tempdir();
	char path[4096];
	snprintf(path, sizeof path, "%s/project.json", src);
	put(path, "{}");
	snprintf(path, sizeof path, "%s/lesson.json", src);
	put(path, "{\"format\": \"ttymix-lesson\"}");
	snprintf(path, sizeof path, "%s/audio", src);
	assert_int_equal(mkdir(path, 0755), 0);
	double one = 0.5;
	snprintf(path, sizeof path, "%s/audio/tone.wav", src);
	tu_write_wav(path, 48000, 1, 480, tu_gen_dc, &one);
	snprintf(path, sizeof path, "%s/solution", src);
	assert_int_equal(mkdir(path, 0755), 0);
	snprintf(path, sizeof path, "%s/solution/project.json", src);
	put(path, "{}");
	char *to = xasprintf("%s/07-own", dst);
	struct err_msg msg;
	assert_int_equal(lesson_copy(src, to, &msg), ERR_OK);
	struct stat st;
	snprintf(path, sizeof path, "%s/project.json", to);
	assert_int_equal(stat(path, &st), 0);
	snprintf(path, sizeof path, "%s/lesson.json", to);
	assert_int_equal(stat(path, &st), 0);
	snprintf(path, sizeof path, "%s/audio/tone.wav", to);
	assert_int_equal(stat(path, &st), 0);
	assert_true(st.st_size > 480 * 4);
	/* the answer stays with the teacher */
	snprintf(path, sizeof path, "%s/solution", to);
	assert_int_not_equal(stat(path, &st), 0);
	char *cmd = xasprintf("rm -rf '%s' '%s'", src, dst);
	assert_int_equal(system(cmd), 0);
	free(cmd);
	free(to);
	free(src);
	free(dst);
}

/* ---- 7 eq notch ---- */

static void test_eq_notch(void **state)
{
	(void)state;
	struct open_lesson o;
	struct lesson_result res;
	open_lesson(7, &o);
	check(&o, "untouched", &res);
	assert_false(res.pass);
	assert_true(has_advice(&res, ":insert Lead add eq"));
	/* the hint's: band3 at 2500 Hz, q 6, -12 dB */
	struct project_insert *eq = add_fx(o.p, "Lead", "eq", "band3_hz", 2500.0,
		"band3_q", 6.0, "band3_db", -12.0, (const char *)NULL);
	check(&o, "hint (2500 Hz, q 6, -12 dB)", &res);
	assert_true(res.pass);
	/* the textbook's gentlest: -8 dB at q 4 */
	set_param(eq, "band3_q", 4);
	set_param(eq, "band3_db", -8);
	check(&o, "textbook (2500 Hz, q 4, -8 dB)", &res);
	assert_true(res.pass);
	/* wrong: the band at 1 kHz misses the whistle */
	set_param(eq, "band3_hz", 1000);
	set_param(eq, "band3_q", 6);
	set_param(eq, "band3_db", -12);
	check(&o, "1000 Hz, q 6, -12 dB", &res);
	assert_false(res.pass);
	assert_true(has_advice(&res, "put a band right on 2500 Hz (:fx Lead 1 band3_hz 2500)"));
	/* wrong: a wide cut takes the rest with it */
	set_param(eq, "band3_hz", 2500);
	set_param(eq, "band3_q", 0.5);
	check(&o, "2500 Hz, q 0.5, -12 dB", &res);
	assert_false(res.pass);
	assert_true(has_advice(&res, "the band is too wide"));
	close_lesson(&o);
}

/* ---- 8 gate ---- */

static void test_gate(void **state)
{
	(void)state;
	struct open_lesson o;
	struct lesson_result res;
	open_lesson(8, &o);
	check(&o, "untouched", &res);
	assert_false(res.pass);
	assert_true(has_advice(&res, ":insert Snare add gate"));
	/* the hint's: -30 dB, range -80, attack under 1 ms, hold 50, release 100 */
	struct project_insert *g = add_fx(o.p, "Snare", "gate", "threshold_db", -30.0,
		"range_db", -80.0, "attack_ms", 0.5, "hold_ms", 50.0, "release_ms", 100.0,
		(const char *)NULL);
	check(&o, "hint (-30 dB, -80, 0.5 ms, 50 ms, 100 ms)", &res);
	assert_true(res.pass);
	/* the textbook: the threshold just over the spill, the gate's own times */
	set_param(g, "threshold_db", -36);
	set_param(g, "attack_ms", 1);
	check(&o, "textbook (-36 dB, attack 1 ms)", &res);
	assert_true(res.pass);
	/* wrong: a range of -10 dB only lowers the spill */
	set_param(g, "range_db", -10);
	check(&o, "range -10 dB", &res);
	assert_false(res.pass);
	assert_true(has_advice(&res, "range_db must go deeper than -20"));
	/* wrong: the threshold over the hits */
	set_param(g, "range_db", -80);
	set_param(g, "threshold_db", -3);
	check(&o, "threshold -3 dB", &res);
	assert_false(res.pass);
	assert_true(has_advice(&res, "the hits lost"));
	close_lesson(&o);
}

/* ---- 9 delay time ---- */

static void test_delay_time(void **state)
{
	(void)state;
	struct open_lesson o;
	struct lesson_result res;
	open_lesson(9, &o);
	check(&o, "untouched", &res);
	assert_false(res.pass);
	assert_true(has_advice(&res, "ms early: a dotted 1/8 is 375 ms at 120 bpm"));
	struct project_strip *lead = strip(o.p, "Lead");
	assert_int_equal(lead->n_inserts, 1);
	struct project_insert *d = &lead->inserts[0];
	/* the hint's: time_ms 375 */
	set_param(d, "time_ms", 375);
	check(&o, "hint (time_ms 375)", &res);
	assert_true(res.pass);
	/* the other hint: sync 0.75 beats */
	set_param(d, "time_ms", 300);
	set_param(d, "sync", 0.75);
	check(&o, "hint (sync 0.75)", &res);
	assert_true(res.pass);
	/* wrong: a straight eighth */
	set_param(d, "sync", 0.5);
	check(&o, "sync 0.5 (an eighth)", &res);
	assert_false(res.pass);
	assert_true(has_advice(&res, "(1/8), 125 ms early"));
	close_lesson(&o);
}

/* ---- 10 width ---- */

static void test_width(void **state)
{
	(void)state;
	struct open_lesson o;
	struct lesson_result res;
	open_lesson(10, &o);
	check(&o, "untouched", &res);
	assert_false(res.pass);
	assert_true(has_advice(&res, "too wide: narrow it (:insert Pad add width"));
	/* the hint's: width 0.4 */
	struct project_insert *w = add_fx(o.p, "Pad", "width", "width", 0.4,
		(const char *)NULL);
	check(&o, "hint (width 0.4)", &res);
	assert_true(res.pass);
	/* the textbook's range: 0.3 to 0.5 */
	set_param(w, "width", 0.3);
	check(&o, "textbook (width 0.3)", &res);
	assert_true(res.pass);
	set_param(w, "width", 0.5);
	check(&o, "textbook (width 0.5)", &res);
	assert_true(res.pass);
	set_param(w, "mono_below_hz", 150);
	check(&o, "textbook (width 0.5, mono below 150 Hz)", &res);
	assert_true(res.pass);
	/* wrong: mono */
	set_param(w, "width", 0);
	check(&o, "width 0", &res);
	assert_false(res.pass);
	assert_true(has_advice(&res, "no width left (mono)"));
	close_lesson(&o);
}

/* ---- 11 automation ---- */

static void test_automation(void **state)
{
	(void)state;
	struct open_lesson o;
	struct lesson_result res;
	open_lesson(11, &o);
	check(&o, "untouched", &res);
	assert_false(res.pass);
	/* wrong: the fader up moves the whole song */
	struct project_strip *lead = strip(o.p, "Lead");
	lead->gain_db = 4;
	check(&o, "fader +4 dB", &res);
	assert_false(res.pass);
	assert_true(has_advice(&res, "the whole track moved +4.0 dB: a fader (or a flat lane) "
		"moves all of it"));
	lead->gain_db = 0;
	/* the hint's four points on the gain_db lane */
	struct project_lane *lane = project_lane_add(&lead->lanes, &lead->n_lanes, "gain_db");
	project_lane_insert(lane, 23.9, 0);
	project_lane_insert(lane, 24, 4);
	project_lane_insert(lane, 39.9, 4);
	project_lane_insert(lane, 40, 0);
	check(&o, "hint (lane +4 dB over Chorus 1)", &res);
	assert_true(res.pass);
	/* the textbook's least: +3 dB, a ramp of a second into the chorus */
	lane->points[0].time = 23;
	lane->points[1].value = lane->points[2].value = 3;
	check(&o, "textbook (+3 dB, one-second ramp)", &res);
	assert_true(res.pass);
	/* wrong: the lane never comes back down */
	lane->points[3].value = 3;
	lane->points[0].time = 0;
	lane->points[0].value = 3;
	check(&o, "lane at +3 dB throughout", &res);
	assert_false(res.pass);
	assert_true(has_advice(&res, "raise only Chorus 1-Verse 2 on its gain_db lane"));
	close_lesson(&o);
}

/* ---- 13 de-essing ---- */

static void test_deessing(void **state)
{
	(void)state;
	struct open_lesson o;
	struct lesson_result res;
	open_lesson(13, &o);
	check(&o, "untouched", &res);
	assert_false(res.pass);
	assert_true(has_advice(&res, ":insert Lead add multiband"));
	/* the hint's: the high band from 5 kHz, -45 dB, 8:1, 1/40 ms */
	struct project_insert *mb = add_fx(o.p, "Lead", "multiband", "xover_high_hz", 5000.0,
		"high_threshold_db", -45.0, "high_ratio", 8.0, "high_attack_ms", 1.0,
		"high_release_ms", 40.0, (const char *)NULL);
	check(&o, "hint (high band from 5 kHz, -45 dB, 8:1, 1/40 ms)", &res);
	assert_true(res.pass);
	/* the textbook's gentlest: from 5.5 kHz, 4:1, attack 2 ms, release 80 ms */
	set_param(mb, "xover_high_hz", 5500);
	set_param(mb, "high_threshold_db", -50);
	set_param(mb, "high_ratio", 4);
	set_param(mb, "high_attack_ms", 2);
	set_param(mb, "high_release_ms", 80);
	check(&o, "textbook (from 5.5 kHz, -50 dB, 4:1, 2/80 ms)", &res);
	assert_true(res.pass);
	/* too gentle: the threshold over the esses leaves them as they were */
	set_param(mb, "high_threshold_db", -10);
	check(&o, "threshold -10 dB", &res);
	assert_false(res.pass);
	assert_true(has_advice(&res, "lower the high band's threshold under the esses"));
	/* wrong: a high shelf from 2 kHz dulls every note, not just the esses */
	remove_inserts(o.p, "Lead");
	add_fx(o.p, "Lead", "eq", "high_shelf_hz", 2000.0, "high_shelf_db", -12.0,
		(const char *)NULL);
	check(&o, "high shelf 2 kHz -12 dB", &res);
	assert_false(res.pass);
	assert_true(has_advice(&res, "at 2000-5000 Hz, where the voice should stay: take "
		"only the top"));
	close_lesson(&o);
}

/* ---- 14 sequencing an album ---- */

/* Set the album's songs' gains, the gaps before songs 2 and 3, and its target (NAN:
 * none). */
static void sequence(struct project *p, const double gain[3], double gap2, double gap3,
	double target)
{
	struct project_album *a = p->album;
	assert_non_null(a);
	assert_int_equal(a->n_songs, 3);
	for (int i = 0; i < 3; i++)
		a->songs[i].gain_db = gain[i];
	a->songs[1].gap_before_s = gap2;
	a->songs[2].gap_before_s = gap3;
	a->has_target = !isnan(target);
	a->target_lufs = isnan(target) ? 0 : target;
}

static void test_album(void **state)
{
	(void)state;
	struct open_lesson o;
	struct lesson_result res;
	open_lesson(14, &o);
	check(&o, "untouched", &res);
	assert_false(res.pass);
	assert_true(has_advice(&res, "song 2 starts 0.0 s after the one before"));
	assert_true(has_advice(&res, "song 3 waits 9.0 s"));
	/* the hint's: every song brought to about -16 LUFS, 2 s gaps, target -16 */
	sequence(o.p, (const double[3]) { -2.7, 7.0, 0.8 }, 2, 2, -16);
	check(&o, "hint (gains -2.7/+7.0/+0.8, gaps 2 s, target -16)", &res);
	assert_true(res.pass);
	/* the textbook's streaming level: -14 LUFS, the album gain stopped by the ceiling */
	sequence(o.p, (const double[3]) { -3, 6, 0 }, 1.5, 3, -14);
	check(&o, "textbook (gains -3/+6/0, gaps 1.5 and 3 s, target -14)", &res);
	assert_true(res.pass);
	/* wrong: the album target alone moves every song by the same gain */
	sequence(o.p, (const double[3]) { 0, 0, 0 }, 2, 2, -16);
	check(&o, "target -16 only", &res);
	assert_false(res.pass);
	assert_true(has_advice(&res, "song 2 (Slow Lights) is -6.9 LU off: raise its gain_db "
		"by 6.9 dB"));
	/* wrong: every song up to the loudest, no target: the first song stays too hot */
	sequence(o.p, (const double[3]) { 0, 9.7, 3.5 }, 2, 2, NAN);
	check(&o, "all up to Night Drive, no target", &res);
	assert_false(res.pass);
	assert_true(has_advice(&res, "too hot"));
	close_lesson(&o);
}

/* ---- the teachers' check types: deess and reference ---- */

/* A lesson spec written as dir/lesson.json and loaded. */
static struct lesson *spec(const char *dir, const char *check)
{
	char path[4096], text[2048];
	snprintf(path, sizeof path, "%s/lesson.json", dir);
	snprintf(text, sizeof text, "{\"format\": \"ttymix-lesson\", \"version\": 1, "
		"\"number\": 30, \"title\": \"T\", \"goal\": \"G\", \"check\": %s}", check);
	FILE *f = fopen(path, "w");
	assert_non_null(f);
	fputs(text, f);
	fclose(f);
	struct lesson *l;
	struct err_msg msg;
	if (lesson_load(dir, &l, &msg) != ERR_OK)
		fail_msg("%s", msg.text);
	return l;
}

/* A voice, as the de-esser meets one: a vowel (200 Hz and its harmonics to 3 kHz,
 * 300 ms), an "s" (five partials from 5.5 to 9 kHz, 100 ms), 100 ms of silence. */
static double gen_voice(int64_t i, int ch, void *arg)
{
	(void)ch;
	(void)arg;
	const double t = (double)(i % 24000) / 48000.0, s = (double)i / 48000.0;
	double y = 0;
	if (t < 0.3)
		for (int h = 1; h <= 15; h++)
			y += 0.05 / h * sin(2 * M_PI * 200.0 * h * s);
	else if (t < 0.4)
		for (int k = 0; k < 5; k++)
			y += 0.08 * sin(2 * M_PI * (5500.0 + 875.0 * k) * s + k);
	return y;
}

static void test_deess(void **state)
{
	(void)state;
	char *dir = tu_tempdir();
	char path[4096];
	snprintf(path, sizeof path, "%s/audio", dir);
	assert_int_equal(mkdir(path, 0755), 0);
	snprintf(path, sizeof path, "%s/audio/voice.wav", dir);
	tu_write_wav(path, 48000, 1, 48000 * 8, gen_voice, NULL);
	struct open_lesson o;
	o.p = project_new(dir, "Esses", 48000);
	project_add_clip(project_add_track(o.p, "Voice"), "audio/voice.wav", 0.0);
	o.l = spec(dir, "{\"type\": \"deess\", \"track\": \"Voice\", "
		"\"min_sibilant_drop_db\": 6, \"max_rest_change_db\": 1}");
	struct lesson_result res;
	check(&o, "deess untouched", &res);
	assert_false(res.pass);
	assert_true(has_advice(&res, ":insert Voice add multiband"));
	/* the textbook: the high band from 5 kHz, its threshold under the esses, 6:1,
	 * fast */
	struct project_insert *mb = add_fx(o.p, "Voice", "multiband", "xover_high_hz", 5000.0,
		"high_threshold_db", -40.0, "high_ratio", 6.0, "high_attack_ms", 1.0,
		"high_release_ms", 50.0, (const char *)NULL);
	check(&o, "deess textbook (high band from 5 kHz, -40 dB, 6:1, 1/50 ms)", &res);
	assert_true(res.pass);
	/* wrong: a fader cut takes the voice down with its esses */
	remove_inserts(o.p, "Voice");
	(void)mb;
	strip(o.p, "Voice")->gain_db = -10;
	check(&o, "deess fader -10 dB", &res);
	assert_false(res.pass);
	assert_true(has_advice(&res, "take only the top"));
	close_lesson(&o);
	tu_rmtree(dir);
	free(dir);
}

struct tap_gen {
	const float *buf;
};

static double gen_tap(int64_t i, int ch, void *arg)
{
	return ((const struct tap_gen *)arg)->buf[i * 2 + ch];
}

static void test_reference(void **state)
{
	(void)state;
	struct open_lesson o;
	struct lesson_result res;
	open_lesson(6, &o);
	/* the reference: the chorus of the song mastered (a limiter, input 2 dB) */
	struct project_insert *lim = add_fx(o.p, "master", "limiter", "input_db", 2.0,
		(const char *)NULL);
	int64_t frames;
	float *buf = tu_render(o.p, 24.0, 40.0, 0, &frames);
	char *dir = tu_tempdir();
	char path[4096], check_text[4600];
	snprintf(path, sizeof path, "%s/reference.wav", dir);
	struct tap_gen g = { buf };
	tu_write_wav(path, 48000, 2, frames, gen_tap, &g);
	free(buf);
	lesson_free(o.l);
	snprintf(check_text, sizeof check_text, "{\"type\": \"reference\", \"from\": "
		"\"Chorus 1\", \"to\": \"Verse 2\", \"reference\": \"%s\", \"tolerance_lu\": 1, "
		"\"max_band_rms_db\": 1.5}", path);
	o.l = spec(dir, check_text);
	check(&o, "reference: the same master", &res);
	assert_true(res.pass);
	/* wrong: no limiter: quieter than the reference */
	remove_inserts(o.p, "master");
	check(&o, "reference: no limiter", &res);
	assert_false(res.pass);
	assert_true(has_advice(&res, "LU under the reference: raise the master limiter's"));
	/* wrong: the lows boosted 8 dB */
	lim = add_fx(o.p, "master", "limiter", "input_db", 2.0, (const char *)NULL);
	add_fx(o.p, "master", "eq", "low_shelf_hz", 120.0, "low_shelf_db", 8.0,
		(const char *)NULL);
	(void)lim;
	check(&o, "reference: lows +8 dB", &res);
	assert_false(res.pass);
	assert_true(has_advice(&res, "dB more around"));
	/* a reference that is not there */
	unlink(path);
	struct err_msg msg;
	assert_int_equal(lesson_check(o.l, o.p, &res, &msg), ERR_NOT_FOUND);
	assert_non_null(strstr(msg.text, "reference not found"));
	close_lesson(&o);
	tu_rmtree(dir);
	free(dir);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_balance),
		cmocka_unit_test(test_panning),
		cmocka_unit_test(test_mud),
		cmocka_unit_test(test_compression),
		cmocka_unit_test(test_space),
		cmocka_unit_test(test_mastering),
		cmocka_unit_test(test_eq_notch),
		cmocka_unit_test(test_gate),
		cmocka_unit_test(test_delay_time),
		cmocka_unit_test(test_width),
		cmocka_unit_test(test_automation),
		cmocka_unit_test(test_deessing),
		cmocka_unit_test(test_album),
		cmocka_unit_test(test_deess),
		cmocka_unit_test(test_reference),
		cmocka_unit_test(test_copy_own_audio),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
