/* Unit tests for key bindings (ui/bind.h) and the ttymixrc (ui/rc.h): key and scope
 * names both ways, good lines, every kind of bad line reported with its file and
 * line while the rest loads, quotes, comments, unbind and set, and --print-config's
 * text read back giving exactly the default bindings. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>
#include <curses.h>

#include "tests/test_util.h"
#include "ui/bind.h"
#include "ui/commands.h"
#include "ui/rc.h"

static char *write_file(const char *dir, const char *name, const char *text)
{
	size_t n = strlen(dir) + strlen(name) + 2;
	char *path = malloc(n);
	snprintf(path, n, "%s/%s", dir, name);
	FILE *f = fopen(path, "w");
	assert_non_null(f);
	fputs(text, f);
	assert_int_equal(fclose(f), 0);
	return path;
}

/* The parser as the studio runs it: a bound line must start with a real command. */
static bool rc_line(struct ui_bindings *b, const char *text, char *why, size_t size)
{
	return ui_rc_line(b, ui_line_command_exists, text, why, size);
}

static bool rc_load(struct ui_bindings *b, const char *path, struct ui_rc_report *r)
{
	return ui_rc_load(b, ui_line_command_exists, path, r);
}

static void test_key_names(void **state)
{
	(void)state;
	static const struct { const char *name; int key; } cases[] = {
		{ "Up", KEY_UP }, { "Shift-Up", KEY_SR }, { "PgUp", KEY_PPAGE },
		{ "Ctrl-S", 's' & 0x1f }, { "ctrl-s", 's' & 0x1f }, { "F1", KEY_F(1) },
		{ "F12", KEY_F(12) }, { "Space", ' ' }, { "Tab", '\t' }, { "Enter", '\r' },
		{ "Esc", 27 }, { "x", 'x' }, { ",", ',' }, { "#", '#' }, { "Shift-Tab", KEY_BTAB },
		{ "Delete", KEY_DC }, { "Del", KEY_DC }, { "del", KEY_DC },
	};
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		int key = 0;
		assert_true(ui_key_parse(cases[i].name, &key));
		assert_int_equal(key, cases[i].key);
	}
	int key;
	assert_false(ui_key_parse("Hyper-X", &key));
	assert_false(ui_key_parse("F13", &key));
	assert_false(ui_key_parse("F0", &key));
	assert_false(ui_key_parse("", &key));
	assert_false(ui_key_parse("xy", &key));
	assert_false(ui_key_parse("Ctrl-@", &key));
	/* every default key's name (as help shows it) reads back as that key */
	struct ui_bindings b;
	ui_bindings_init_defaults(&b);
	assert_true(b.n > 100);
	for (size_t i = 0; i < b.n; i++) {
		char name[32];
		ui_key_name(b.items[i].key, name, sizeof name);
		assert_true(ui_key_parse(name, &key));
		assert_int_equal(key, b.items[i].key);
	}
	ui_bindings_free(&b);
	enum ui_scope scope;
	assert_true(ui_scope_parse("lanes", &scope));
	assert_int_equal(scope, UI_SCOPE_LANE);
	assert_string_equal(ui_scope_name(UI_SCOPE_MASTERING), "mastering");
	assert_false(ui_scope_parse("line", &scope)); /* ':' commands take no keys */
}

static void test_lines(void **state)
{
	(void)state;
	struct ui_bindings b;
	ui_bindings_init_defaults(&b);
	char why[256];
	assert_true(rc_line(&b, "", why, sizeof why));
	assert_true(rc_line(&b, "   # a comment", why, sizeof why));
	assert_true(rc_line(&b, "bind mixer F5 \"gain . +=0.5\"", why, sizeof why));
	assert_string_equal(ui_bindings_find(&b, UI_SCOPE_MIXER, KEY_F(5)), "gain . +=0.5");
	/* unquoted words after the key are the line too; a word with a space stays one */
	assert_true(rc_line(&b, "bind mixer F6 gain 'lead vox' -=1", why, sizeof why));
	assert_string_equal(ui_bindings_find(&b, UI_SCOPE_MIXER, KEY_F(6)),
		"gain \"lead vox\" -=1");
	/* rebinding replaces; unbinding removes */
	assert_true(rc_line(&b, "bind mixer Up fader-down", why, sizeof why));
	assert_string_equal(ui_bindings_find(&b, UI_SCOPE_MIXER, KEY_UP), "fader-down");
	assert_true(rc_line(&b, "unbind mixer k", why, sizeof why));
	assert_null(ui_bindings_find(&b, UI_SCOPE_MIXER, 'k'));
	assert_non_null(ui_bindings_find(&b, UI_SCOPE_ARRANGER, 'k')); /* its page only */
	assert_true(rc_line(&b, "set fader-step 1.5", why, sizeof why));
	assert_true(b.opt.fader_step == 1.5);
	assert_true(rc_line(&b, "\tset pan-step 0.1  ", why, sizeof why));
	assert_true(b.opt.pan_step == 0.1);
	/* a comment may follow a line; '#' as the KEY is the key, quoted it is text */
	assert_true(rc_line(&b, "bind mixer Z fader-reset   # Z, not 0", why, sizeof why));
	assert_string_equal(ui_bindings_find(&b, UI_SCOPE_MIXER, 'Z'), "fader-reset");
	assert_true(rc_line(&b, "bind mixer = \"gain . +=2\" #up 2", why, sizeof why));
	assert_string_equal(ui_bindings_find(&b, UI_SCOPE_MIXER, '='), "gain . +=2");
	assert_true(rc_line(&b, "bind mixer # mute # the hash key mutes", why, sizeof why));
	assert_string_equal(ui_bindings_find(&b, UI_SCOPE_MIXER, '#'), "mute");
	assert_true(rc_line(&b, "unbind mixer #", why, sizeof why));
	assert_null(ui_bindings_find(&b, UI_SCOPE_MIXER, '#'));
	assert_true(rc_line(&b, "bind mixer F7 \"marker name '#1'\"", why, sizeof why));
	assert_string_equal(ui_bindings_find(&b, UI_SCOPE_MIXER, KEY_F(7)), "marker name '#1'");
	assert_true(rc_line(&b, "set pan-step 0.1 # finer", why, sizeof why));
	/* words that splitting would not give back are quoted again when joined */
	assert_true(rc_line(&b, "bind mixer F2 gain \"Mike's\" -3", why, sizeof why));
	assert_string_equal(ui_bindings_find(&b, UI_SCOPE_MIXER, KEY_F(2)), "gain \"Mike's\" -3");
	assert_true(rc_line(&b, "bind mixer F3 marker name \"\"", why, sizeof why));
	assert_string_equal(ui_bindings_find(&b, UI_SCOPE_MIXER, KEY_F(3)), "marker name \"\"");
	assert_true(rc_line(&b, "bind mixer F4 marker name '#1'", why, sizeof why));
	assert_string_equal(ui_bindings_find(&b, UI_SCOPE_MIXER, KEY_F(4)), "marker name \"#1\"");
	/* a long comment does not make a short line too long */
	char longer[600];
	snprintf(longer, sizeof longer, "set pan-step 0.1 # %0500d", 0);
	assert_true(rc_line(&b, longer, why, sizeof why));

	static const struct { const char *line, *why; } bad[] = {
		{ "bind mixer Hyper-X fader-up", "unknown key \"Hyper-X\"" },
		{ "bind kitchen x fader-up", "unknown scope \"kitchen\"" },
		{ "bind mixer x frobnicate", "unknown command \"frobnicate\"" },
		{ "bind mixer x", "bind takes SCOPE KEY COMMAND" },
		{ "bind mixer x \"gain . ", "quote is not closed" },
		{ "unbind mixer", "unbind takes SCOPE KEY" },
		{ "unbind mixer F9", "F9 is not bound on mixer" },
		{ "set fader-step", "set takes OPTION VALUE" },
		{ "set fader-step lots", "fader-step takes" },
		{ "set fader-step 100", "fader-step takes" },
		{ "set wobble 1", "unknown option \"wobble\"" },
		{ "rebind mixer x y", "unknown command \"rebind\"" },
		{ "bind mixer x fader-up 3", "fader-up takes nothing after it" },
		{ "bind mixer x gain 'a\"b'\"c'd\" -3", "a word holds both ' and \"" },
	};
	struct ui_bindings before;
	ui_bindings_init_empty(&before);
	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		ui_bindings_free(&before);
		ui_bindings_init_empty(&before);
		for (size_t k = 0; k < b.n; k++)
			ui_bindings_set(&before, b.items[k].scope, b.items[k].key, b.items[k].line);
		before.opt = b.opt;
		why[0] = '\0';
		assert_false(rc_line(&b, bad[i].line, why, sizeof why));
		if (!strstr(why, bad[i].why))
			fail_msg("\"%s\": \"%s\", wanted \"%s\"", bad[i].line, why, bad[i].why);
		assert_true(ui_bindings_equal(&b, &before)); /* a bad line changes nothing */
	}
	ui_bindings_free(&before);
	ui_bindings_free(&b);
}

static void test_file(void **state)
{
	(void)state;
	char *dir = tu_tempdir();
	char *path = write_file(dir, "ttymixrc",
		"# my keys\n"
		"bind arranger F2 mute\n"
		"bind mixer Hyper-X fader-up\n"           /* line 3: bad */
		"\n"
		"  bind mastering \"Z\" 'monitor mono'\r\n" /* a CRLF line */
		"set pan-step 2\n"                        /* line 6: bad */
		"unbind global u\n"
		"bind nowhere x undo\n");                 /* line 8: bad */
	struct ui_bindings b;
	ui_bindings_init_defaults(&b);
	struct ui_rc_report r;
	assert_true(rc_load(&b, path, &r));
	assert_int_equal(r.n_bad, 3);
	assert_int_equal(r.n_read, 3);
	assert_string_equal(r.first, "ttymixrc:3: unknown key \"Hyper-X\"");
	/* the good lines around the bad ones all took */
	assert_string_equal(ui_bindings_find(&b, UI_SCOPE_ARRANGER, KEY_F(2)), "mute");
	assert_string_equal(ui_bindings_find(&b, UI_SCOPE_MASTERING, 'Z'), "monitor mono");
	assert_null(ui_bindings_find(&b, UI_SCOPE_GLOBAL, 'u'));
	ui_bindings_free(&b);

	ui_bindings_init_defaults(&b);
	char *empty = write_file(dir, "empty", "");
	const size_t n_missing = strlen(empty) + sizeof ".not-there";
	char *missing = malloc(n_missing);
	snprintf(missing, n_missing, "%s.not-there", empty);
	free(empty);
	assert_false(rc_load(&b, missing, &r));
	assert_int_equal(r.n_bad, 1);
	assert_non_null(strstr(r.first, "No such file"));
	ui_bindings_free(&b);

	/* a folder where the file goes is said as such (Linux opens it; reads fail) */
	ui_bindings_init_defaults(&b);
	assert_false(rc_load(&b, dir, &r));
	assert_int_equal(r.n_bad, 1);
	assert_non_null(strstr(r.first, "a folder, not a file"));
	ui_bindings_free(&b);
	free(missing);
	free(path);
	tu_rmtree(dir);
	free(dir);
}

/* --print-config's text, read into empty bindings or over the defaults, gives
 * exactly the defaults: same keys, same lines, same order, same options. */
static void test_print_config_round_trip(void **state)
{
	(void)state;
	char *dir = tu_tempdir();
	size_t n = strlen(dir) + 16;
	char *path = malloc(n);
	snprintf(path, n, "%s/ttymixrc", dir);
	struct ui_bindings defaults, b;
	ui_bindings_init_defaults(&defaults);
	FILE *f = fopen(path, "w");
	assert_non_null(f);
	ui_bindings_print(&defaults, f);
	assert_int_equal(fclose(f), 0);

	struct ui_rc_report r;
	ui_bindings_init_empty(&b);
	b.opt.fader_step = 7; /* the file's set lines put it back */
	assert_true(rc_load(&b, path, &r));
	if (r.n_bad)
		fail_msg("%s", r.first);
	assert_int_equal(b.n, defaults.n);
	assert_true(ui_bindings_equal(&b, &defaults));
	ui_bindings_free(&b);

	ui_bindings_init_defaults(&b);
	assert_true(rc_load(&b, path, &r));
	assert_int_equal(r.n_bad, 0);
	assert_true(ui_bindings_equal(&b, &defaults));
	ui_bindings_free(&b);

	/* a user's bindings print as a file that gives them back */
	ui_bindings_init_defaults(&b);
	char why[256];
	assert_true(rc_line(&b, "bind mixer '\"' \"gain . +=0.5\"", why, sizeof why));
	assert_true(rc_line(&b, "bind mixer \"'\" 'pan \"lead vox\" C'", why, sizeof why));
	assert_true(rc_line(&b, "set fader-coarse-step 6", why, sizeof why));
	assert_true(rc_line(&b, "bind mixer F11 marker name \"Mike's\" 'say \"hi\"'", why,
		sizeof why));
	f = fopen(path, "w");
	assert_non_null(f);
	ui_bindings_print(&b, f);
	assert_int_equal(fclose(f), 0);
	struct ui_bindings back;
	ui_bindings_init_empty(&back);
	assert_true(rc_load(&back, path, &r));
	if (r.n_bad)
		fail_msg("%s", r.first);
	assert_true(ui_bindings_equal(&b, &back));
	assert_false(ui_bindings_equal(&b, &defaults));
	ui_bindings_free(&back);
	ui_bindings_free(&b);
	ui_bindings_free(&defaults);
	free(path);
	tu_rmtree(dir);
	free(dir);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_key_names),
		cmocka_unit_test(test_lines),
		cmocka_unit_test(test_file),
		cmocka_unit_test(test_print_config_round_trip),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
