/* text: names and file names are cleaned before they reach a terminal, and the name
 * rule refuses what cleaning would have to change. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "src/base/text.h"

static void clean_is(const char *in, const char *want)
{
	char buf[256];
	size_t n = text_clean(buf, sizeof buf, in);
	assert_string_equal(buf, want);
	assert_int_equal(n, strlen(want));
	char *dup = text_clean_dup(in);
	assert_string_equal(dup, want);
	/* idempotent: what comes out is clean */
	assert_true(text_is_clean(dup));
	char again[256];
	text_clean(again, sizeof again, dup);
	assert_string_equal(again, dup);
	free(dup);
}

static void test_clean_passes_text(void **state)
{
	(void)state;
	clean_is("", "");
	clean_is("Kick drum", "Kick drum");
	clean_is("Grüße \xe2\x80\x94 \xf0\x9f\x8e\xb8", "Grüße \xe2\x80\x94 \xf0\x9f\x8e\xb8");
	clean_is("back\\slash", "back\\slash"); /* only what a terminal acts on changes */
}

static void test_clean_controls(void **state)
{
	(void)state;
	/* the track name: a window title and a clear screen */
	clean_is("D\x1b]0;pwned\x07\x1b[2J", "D\\x1b]0;pwned\\x07\\x1b[2J");
	clean_is("a\nb\tc\rd", "a\\x0ab\\x09c\\x0dd");
	clean_is("del\x7f", "del\\x7f");
	/* C1 controls: CSI (U+009B) and NEL (U+0085), as UTF-8 */
	clean_is("x\xc2\x9b" "2J", "x\\xc2\\x9b2J");
	clean_is("\xc2\x85", "\\xc2\\x85");
	/* U+00A0 (no-break space) is the first code point after C1: kept */
	clean_is("\xc2\xa0", "\xc2\xa0");
}

static void test_clean_invalid_utf8(void **state)
{
	(void)state;
	clean_is("\xff", "\\xff");
	clean_is("caf\xe9", "caf\\xe9");                    /* Latin-1 */
	clean_is("\xc0\xaf", "\\xc0\\xaf");                 /* overlong '/' */
	clean_is("\xed\xa0\x80", "\\xed\\xa0\\x80");        /* a surrogate */
	clean_is("\xf4\x90\x80\x80", "\\xf4\\x90\\x80\\x80"); /* beyond U+10FFFF */
	clean_is("\xe2\x80", "\\xe2\\x80");                 /* cut short */
	clean_is("\x80x", "\\x80x");                        /* stray continuation */
	/* 8-bit CSI on its own: a terminal in an 8-bit mode would act on it */
	clean_is("\x9b" "2J", "\\x9b2J");
}

static void test_clean_truncates_whole(void **state)
{
	(void)state;
	char buf[6];
	/* "ab" + "\x1b" (4) does not fit in 5 characters: cut before it */
	assert_int_equal(text_clean(buf, sizeof buf, "ab\x1b" "cd"), 2);
	assert_string_equal(buf, "ab");
	/* a multi-byte character is never cut in half */
	assert_int_equal(text_clean(buf, 5, "abc\xe2\x80\x94"), 3);
	assert_string_equal(buf, "abc");
	assert_int_equal(text_clean(buf, 1, "abc"), 0);
	assert_string_equal(buf, "");
	char inplace[32] = "x\x1by";
	text_clean_inplace(inplace, sizeof inplace);
	assert_string_equal(inplace, "x\\x1by");
}

static void test_fputs(void **state)
{
	(void)state;
	char *buf = NULL;
	size_t size = 0;
	FILE *f = open_memstream(&buf, &size);
	assert_non_null(f);
	text_fputs("a\nb\x1b", f, true);
	text_fputs("|c\nd", f, false);
	text_fprintf(f, "|%s %d\n", "e\x07\nf", 5);
	text_fprintf(f, "%s", "g");
	fclose(f);
	/* one line each: only a last newline goes through */
	assert_string_equal(buf, "a\nb\\x1b|c\\x0ad|e\\x07\\x0af 5\ng");
	free(buf);
}

static void test_name_problem(void **state)
{
	(void)state;
	char why[64];
	assert_false(text_name_problem("Lead vocal", why, sizeof why));
	assert_false(text_name_problem("Grüße \xf0\x9f\x8e\xb8", why, sizeof why));
	assert_false(text_name_problem("", why, sizeof why));
	assert_true(text_name_problem("D\x1b]0;pwned\x07", why, sizeof why));
	assert_string_equal(why, "control character U+001B");
	assert_true(text_name_problem("tab\there", why, sizeof why));
	assert_string_equal(why, "control character U+0009");
	assert_true(text_name_problem("x\xc2\x9b", why, sizeof why));
	assert_string_equal(why, "control character U+009B");
	assert_true(text_name_problem("x\x7f", why, sizeof why));
	assert_string_equal(why, "control character U+007F");
	assert_true(text_name_problem("caf\xe9", why, sizeof why));
	assert_string_equal(why, "not valid UTF-8");
	assert_true(text_valid_utf8("caf\xc3\xa9"));
	assert_false(text_valid_utf8("caf\xe9"));
	assert_true(text_valid_utf8("x\x1b")); /* valid, though not clean */
	assert_false(text_is_clean("x\x1b"));
}

/* The track name new and the quick audition give a file: base name, no extension,
 * clean text; a leading dot is part of the name, not an extension. */
static void test_name_from_file(void **state)
{
	(void)state;
	char name[32];
	text_name_from_file(name, sizeof name, "/a/b.c/kick.wav");
	assert_string_equal(name, "kick");
	text_name_from_file(name, sizeof name, "take.2.flac");
	assert_string_equal(name, "take.2");
	text_name_from_file(name, sizeof name, "dir/.hidden");
	assert_string_equal(name, ".hidden");
	text_name_from_file(name, sizeof name, "D\x1b]0;x\x07.wav");
	assert_string_equal(name, "D\\x1b]0;x\\x07");
	text_name_from_file(name, 6, "abcdefgh.wav");
	assert_string_equal(name, "abcde");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_clean_passes_text),
		cmocka_unit_test(test_clean_controls),
		cmocka_unit_test(test_clean_invalid_utf8),
		cmocka_unit_test(test_clean_truncates_whole),
		cmocka_unit_test(test_fputs),
		cmocka_unit_test(test_name_problem),
		cmocka_unit_test(test_name_from_file),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
