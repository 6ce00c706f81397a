/* src/base/dl.h, the loader of the libraries some commands open when they need them:
 *  - a library that is not there: ERR_NOT_FOUND, and one line naming what needed it,
 *    the library and its file; asked again, the same answer (it is not retried);
 *  - a library that is there but lacks a function: ERR_NOT_FOUND, the function named,
 *    and nothing of the table left filled that a caller could call;
 *  - a library that is there: its functions are the library's own (soxr_version
 *    through the table says what the linked one says: this test links libsoxr). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>
#include <soxr.h>

#include "config.h"
#include "src/base/dl.h"

static void missing_library(void **state)
{
	(void)state;
	void *fn = NULL;
	const struct dl_sym syms[] = { { &fn, "nothing" } };
	struct dl_lib lib = DL_LIB("libttymix-no-such-library.so.9", "libnosuch", syms);
	struct err_msg msg;
	assert_int_equal(dl_load(&lib, "the test command", &msg), ERR_NOT_FOUND);
	assert_non_null(strstr(msg.text, "the test command needs libnosuch"));
	assert_non_null(strstr(msg.text, "libttymix-no-such-library.so.9"));
	assert_null(strchr(msg.text, '\n'));
	assert_null(fn);
	assert_false(dl_loaded(&lib));
	struct err_msg again;
	assert_int_equal(dl_load(&lib, "the test command", &again), ERR_NOT_FOUND);
	assert_string_equal(again.text, msg.text);
	assert_int_equal(dl_load(&lib, "the test command", NULL), ERR_NOT_FOUND);
}

static void missing_function(void **state)
{
	(void)state;
	void *version = NULL, *nope = NULL;
	const struct dl_sym syms[] = {
		{ &version, "soxr_version" },
		{ &nope, "soxr_no_such_function" },
	};
	struct dl_lib lib = DL_LIB(SOXR_SONAME, "libsoxr", syms);
	struct err_msg msg;
	assert_int_equal(dl_load(&lib, "resampling", &msg), ERR_NOT_FOUND);
	assert_non_null(strstr(msg.text, "soxr_no_such_function"));
	assert_non_null(strstr(msg.text, "resampling needs libsoxr"));
	assert_null(version); /* none half filled */
	assert_null(nope);
	assert_false(dl_loaded(&lib));
}

static void present_library(void **state)
{
	(void)state;
	const char *(*version)(void) = NULL;
	const struct dl_sym syms[] = { { (void **)&version, "soxr_version" } };
	struct dl_lib lib = DL_LIB(SOXR_SONAME, "libsoxr", syms);
	struct err_msg msg;
	assert_int_equal(dl_load(&lib, "resampling", &msg), ERR_OK);
	assert_true(dl_loaded(&lib));
	assert_non_null(version);
	assert_string_equal(version(), soxr_version());
	assert_int_equal(dl_load(&lib, "resampling", NULL), ERR_OK);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(missing_library),
		cmocka_unit_test(missing_function),
		cmocka_unit_test(present_library),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
