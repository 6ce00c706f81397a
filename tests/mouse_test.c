/* The mouse without a terminal: ui/input.c decodes SGR, X10 and urxvt reports into a
 * button and a cell; ui/hit.c finds what is drawn at a cell; ui/mouse.c plans an event
 * into the command lines the keys run. */
#include <curses.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "ui/app.h"
#include "ui/hit.h"
#include "ui/input.h"
#include "ui/mouse.h"

/* The one mouse event the bytes make (the test fails if they make another number). */
static struct ui_mouse_report decode(const char *bytes)
{
	struct ui_input in;
	ui_input_init(&in);
	struct ui_input_event ev, got = { 0 };
	int n = 0;
	for (size_t i = 0; bytes[i]; i++) {
		ui_input_feed(&in, (unsigned char)bytes[i], 0);
		while (ui_input_next(&in, &ev))
			got = ev, n++;
	}
	assert_int_equal(n, 1);
	assert_int_equal(got.kind, UI_INPUT_MOUSE);
	return got.mouse;
}

static void test_sgr(void **state)
{
	(void)state;
	struct ui_mouse_report r = decode("\033[<0;20;10M");
	assert_true(r.valid);
	assert_int_equal(r.button, UI_MOUSE_LEFT);
	assert_false(r.release);
	assert_false(r.motion);
	assert_int_equal(r.x, 19); /* the terminal counts from 1 */
	assert_int_equal(r.y, 9);
	r = decode("\033[<0;20;10m");
	assert_true(r.valid && r.release && r.button == UI_MOUSE_LEFT);
	r = decode("\033[<32;300;2M"); /* a drag, far right: SGR has no column limit */
	assert_true(r.valid && r.motion && !r.release);
	assert_int_equal(r.x, 299);
	r = decode("\033[<65;5;5M");
	assert_int_equal(r.button, UI_MOUSE_WHEEL_DOWN);
	r = decode("\033[<20;5;5M"); /* Ctrl and Shift held */
	assert_int_equal(r.mods, UI_MOUSE_CTRL | UI_MOUSE_SHIFT);
	assert_int_equal(r.button, UI_MOUSE_LEFT);
	/* a cell 0 or a missing number reads as no report to act on */
	assert_false(decode("\033[<0;0;10M").valid);
	assert_false(decode("\033[<0;10M").valid);
}

static void test_x10_urxvt(void **state)
{
	(void)state;
	struct ui_mouse_report r = decode("\033[M *\052"); /* button 0 at 10, 10 */
	assert_true(r.valid);
	assert_int_equal(r.button, UI_MOUSE_LEFT);
	assert_int_equal(r.x, 9);
	assert_int_equal(r.y, 9);
	r = decode("\033[M#**"); /* 3: a release, the button unsaid */
	assert_true(r.valid && r.release);
	r = decode("\033[32;20;10M");
	assert_true(r.valid);
	assert_int_equal(r.button, UI_MOUSE_LEFT);
	assert_int_equal(r.x, 19);
}

static void test_hit_map(void **state)
{
	(void)state;
	static struct ui_hit_map m;
	ui_hit_clear(&m);
	ui_hit_add(&m, &(struct ui_hit){ .y = 1, .x = 4, .h = 20, .w = 8, .kind = UI_HIT_STRIP,
		.a = 0 });
	ui_hit_add(&m, &(struct ui_hit){ .y = 3, .x = 4, .h = 13, .w = 8, .kind = UI_HIT_FADER,
		.a = 0 });
	ui_hit_add(&m, &(struct ui_hit){ .y = 0, .x = 0, .h = 0, .w = 80 }); /* empty */
	assert_int_equal(m.n, 2);
	assert_int_equal(ui_hit_at(&m, 1, 4)->kind, UI_HIT_STRIP);
	assert_int_equal(ui_hit_at(&m, 5, 11)->kind, UI_HIT_FADER); /* the later on top */
	assert_null(ui_hit_at(&m, 5, 12));
	assert_null(ui_hit_at(&m, 21, 4));
	const struct ui_hit ruler = { .y = 1, .x = 14, .h = 2, .w = 66, .kind = UI_HIT_RULER,
		.t0 = 10, .spc = 0.5 };
	assert_true(ui_hit_time(&ruler, 14) == 10.0);
	assert_true(ui_hit_time(&ruler, 24) == 15.0);
}

/* A mixer: strips 0 and 1 at x 4 and 13, each fader from row 3 to 19, pan on row 20,
 * and the status bar's tabs; the arranger's ruler. */
static void mixer_map(struct ui_hit_map *m)
{
	ui_hit_clear(m);
	for (int s = 0; s < 2; s++) {
		ui_hit_add(m, &(struct ui_hit){ .y = 1, .x = 4 + 9 * s, .h = 21, .w = 8,
			.kind = UI_HIT_STRIP, .a = s });
		ui_hit_add(m, &(struct ui_hit){ .y = 3, .x = 4 + 9 * s, .h = 17, .w = 8,
			.kind = UI_HIT_FADER, .a = s });
		ui_hit_add(m, &(struct ui_hit){ .y = 20, .x = 4 + 9 * s, .h = 1, .w = 8,
			.kind = UI_HIT_PAN, .a = s });
	}
	ui_hit_add(m, &(struct ui_hit){ .y = 23, .x = 60, .h = 1, .w = 1, .kind = UI_HIT_TAB,
		.a = UI_TAB_ARRANGER });
}

static struct ui_mouse_plan plan_of(struct ui_mouse *m, const struct ui_mouse_view *v,
	const struct ui_hit_map *map, const char *bytes, long long now_ms)
{
	struct ui_mouse_report r = decode(bytes);
	struct ui_mouse_plan p;
	ui_mouse_plan(m, v, map, &r, now_ms, &p);
	return p;
}

static void test_plan_mixer(void **state)
{
	(void)state;
	static struct ui_hit_map map;
	mixer_map(&map);
	struct ui_mouse m = { 0 };
	struct ui_mouse_view v = { .page = UI_PAGE_MIXER, .selected = 0 };
	/* the second strip's name: it is selected */
	struct ui_mouse_plan p = plan_of(&m, &v, &map, "\033[<0;15;2M", 0);
	assert_int_equal(p.n, 1);
	assert_string_equal(p.lines[0], "jump 2");
	p = plan_of(&m, &v, &map, "\033[<0;15;2m", 50);
	assert_int_equal(p.n, 0);
	/* a press on the first strip's fader, dragged up 4 rows and down 1: one step a row,
	 * the selected strip's fader keys, and one undo step from press to release */
	p = plan_of(&m, &v, &map, "\033[<0;6;19M", 1000);
	assert_int_equal(p.n, 0); /* strip 1 is already the selected one */
	assert_true(p.hold_begin);
	p = plan_of(&m, &v, &map, "\033[<32;6;15M", 1100);
	assert_int_equal(p.n, 4);
	for (int i = 0; i < 4; i++)
		assert_string_equal(p.lines[i], "fader-up");
	p = plan_of(&m, &v, &map, "\033[<32;7;16M", 3000); /* a rest does not matter */
	assert_int_equal(p.n, 1);
	assert_string_equal(p.lines[0], "fader-down");
	p = plan_of(&m, &v, &map, "\033[<0;7;16m", 3100);
	assert_true(p.hold_end);
	assert_int_equal(p.n, 0);
	/* pan: a column a step */
	p = plan_of(&m, &v, &map, "\033[<0;6;21M", 5000);
	p = plan_of(&m, &v, &map, "\033[<32;8;21M", 5100);
	assert_int_equal(p.n, 2);
	assert_string_equal(p.lines[1], "pan-right");
	p = plan_of(&m, &v, &map, "\033[<0;8;21m", 5200);
	/* the wheel on the second strip's pan selects it and pans it */
	p = plan_of(&m, &v, &map, "\033[<64;15;21M", 6000);
	assert_int_equal(p.n, 2);
	assert_string_equal(p.lines[0], "jump 2");
	assert_string_equal(p.lines[1], "pan-right");
	/* a double click on a strip: selected, then its detail */
	v.selected = 1;
	p = plan_of(&m, &v, &map, "\033[<0;15;2M", 7000);
	plan_of(&m, &v, &map, "\033[<0;15;2m", 7050);
	p = plan_of(&m, &v, &map, "\033[<0;15;2M", 7200);
	assert_int_equal(p.n, 1);
	assert_string_equal(p.lines[0], "strip-detail");
	/* too slow is two clicks */
	p = plan_of(&m, &v, &map, "\033[<0;15;2M", 9000);
	p = plan_of(&m, &v, &map, "\033[<0;15;2M", 9000 + UI_MOUSE_DOUBLE_MS + 1);
	assert_int_equal(p.n, 0);
	/* the tab; and nothing under the pointer does nothing */
	p = plan_of(&m, &v, &map, "\033[<0;61;24M", 12000);
	assert_int_equal(p.n, 1);
	assert_string_equal(p.lines[0], "arranger");
	p = plan_of(&m, &v, &map, "\033[<0;70;10M", 13000);
	assert_int_equal(p.n, 0);
}

static void test_plan_arranger(void **state)
{
	(void)state;
	static struct ui_hit_map map;
	ui_hit_clear(&map);
	ui_hit_add(&map, &(struct ui_hit){ .y = 1, .x = 14, .h = 2, .w = 66,
		.kind = UI_HIT_RULER, .t0 = 2, .spc = 0.1 });
	ui_hit_add(&map, &(struct ui_hit){ .y = 3, .x = 0, .h = 4, .w = 14,
		.kind = UI_HIT_TRACK, .a = 0 });
	ui_hit_add(&map, &(struct ui_hit){ .y = 3, .x = 14, .h = 4, .w = 66,
		.kind = UI_HIT_TRACK, .a = 0, .b = 1 });
	ui_hit_add(&map, &(struct ui_hit){ .y = 3, .x = 20, .h = 4, .w = 10,
		.kind = UI_HIT_CLIP, .a = 0, .b = 2 });
	struct ui_mouse m = { 0 };
	const struct ui_mouse_view v = { .page = UI_PAGE_ARRANGER };
	struct ui_mouse_plan p = plan_of(&m, &v, &map, "\033[<0;25;2M", 0);
	assert_string_equal(p.lines[0], "locate 3.000"); /* column 10 of the ruler */
	p = plan_of(&m, &v, &map, "\033[<32;35;2M", 10); /* dragged along: locates on */
	assert_string_equal(p.lines[0], "locate 4.000");
	p = plan_of(&m, &v, &map, "\033[<32;5;2M", 20); /* off its left end: its start */
	assert_string_equal(p.lines[0], "locate 2.000");
	plan_of(&m, &v, &map, "\033[<0;5;2m", 30);
	p = plan_of(&m, &v, &map, "\033[<0;22;5M", 1000);
	assert_string_equal(p.lines[0], "jump 1 3");
	plan_of(&m, &v, &map, "\033[<0;22;5m", 1010);
	p = plan_of(&m, &v, &map, "\033[<0;22;5M", 1100);
	assert_string_equal(p.lines[0], "clip-locate");
	p = plan_of(&m, &v, &map, "\033[<0;3;4M", 3000);
	assert_string_equal(p.lines[0], "jump 1");
	p = plan_of(&m, &v, &map, "\033[<65;3;4M", 4000);
	assert_string_equal(p.lines[0], "track-down");
	p = plan_of(&m, &v, &map, "\033[<64;50;4M", 5000);
	assert_string_equal(p.lines[0], "scroll-left");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_sgr),
		cmocka_unit_test(test_x10_urxvt),
		cmocka_unit_test(test_hit_map),
		cmocka_unit_test(test_plan_mixer),
		cmocka_unit_test(test_plan_arranger),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
