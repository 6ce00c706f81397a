/* safefile: a replacement appears whole or not at all, keeps the old file's mode,
 * leaves nothing behind when aborted or when the folder refuses it, and never
 * touches what a name already points at. */
#include <dirent.h>
#include <errno.h>
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

#include "src/base/safefile.h"
#include "src/base/xalloc.h"
#include "tests/test_util.h"

static int entries(const char *dir)
{
	DIR *d = opendir(dir);
	assert_non_null(d);
	int n = 0;
	struct dirent *e;
	while ((e = readdir(d)))
		if (strcmp(e->d_name, ".") && strcmp(e->d_name, ".."))
			n++;
	closedir(d);
	return n;
}

static void test_replace_keeps_mode(void **state)
{
	(void)state;
	char *dir = tu_tempdir();
	char *path = xasprintf("%s/a.json", dir);
	struct err_msg msg;
	assert_int_equal(safefile_replace(path, "one", 3, 0640, &msg), ERR_OK);
	char *s = tu_slurp(path);
	assert_string_equal(s, "one");
	free(s);
	struct stat st;
	assert_int_equal(stat(path, &st), 0);
	assert_int_equal(st.st_mode & 07777, 0640);
	assert_int_equal(safefile_replace(path, "two!", 4, SAFEFILE_KEEP_MODE, &msg), ERR_OK);
	s = tu_slurp(path);
	assert_string_equal(s, "two!");
	free(s);
	assert_int_equal(stat(path, &st), 0);
	assert_int_equal(st.st_mode & 07777, 0640);
	assert_int_equal(entries(dir), 1); /* no temporary left */
	tu_rmtree(dir);
	free(path);
	free(dir);
}

static void test_abort_keeps_old(void **state)
{
	(void)state;
	char *dir = tu_tempdir();
	char *path = xasprintf("%s/a.wav", dir);
	struct err_msg msg;
	assert_int_equal(safefile_replace(path, "good", 4, 0644, &msg), ERR_OK);
	struct safefile f;
	assert_int_equal(safefile_open(&f, path, SAFEFILE_KEEP_MODE, &msg), ERR_OK);
	assert_int_equal(safefile_write(&f, "half", 4, &msg), ERR_OK);
	assert_int_equal(entries(dir), 2);
	safefile_abort(&f);
	safefile_abort(&f); /* a second abort is a no-op */
	char *s = tu_slurp(path);
	assert_string_equal(s, "good");
	free(s);
	assert_int_equal(entries(dir), 1);
	tu_rmtree(dir);
	free(path);
	free(dir);
}

/* A symlink where the final name is: the link is replaced, its target untouched. */
static void test_symlink_target_untouched(void **state)
{
	(void)state;
	char *dir = tu_tempdir();
	char *secret = xasprintf("%s/secret", dir);
	char *path = xasprintf("%s/autosave.json", dir);
	struct err_msg msg;
	assert_int_equal(safefile_replace(secret, "private", 7, 0600, &msg), ERR_OK);
	assert_int_equal(symlink(secret, path), 0);
	assert_int_equal(safefile_replace(path, "project", 7, SAFEFILE_KEEP_MODE, &msg),
		ERR_OK);
	char *s = tu_slurp(secret);
	assert_string_equal(s, "private");
	free(s);
	struct stat st;
	assert_int_equal(stat(secret, &st), 0);
	assert_int_equal(st.st_mode & 07777, 0600);
	assert_int_equal(lstat(path, &st), 0);
	assert_true(S_ISREG(st.st_mode));
	tu_rmtree(dir);
	free(secret);
	free(path);
	free(dir);
}

/* A folder that refuses the file (one that is not there: root writes anywhere else):
 * one message naming the path, nothing left behind. */
static void test_unwritable_folder(void **state)
{
	(void)state;
	char *dir = tu_tempdir();
	char *path = xasprintf("%s/gone/a.json", dir);
	struct err_msg msg;
	assert_int_equal(safefile_replace(path, "x", 1, 0644, &msg), ERR_IO);
	assert_non_null(strstr(msg.text, path));
	assert_int_equal(entries(dir), 0);
	tu_rmtree(dir);
	free(path);
	free(dir);
}

static void test_dirname(void **state)
{
	(void)state;
	char *d = safefile_dirname("a.wav");
	assert_string_equal(d, ".");
	free(d);
	d = safefile_dirname("/a.wav");
	assert_string_equal(d, "/");
	free(d);
	d = safefile_dirname("x/y/a.wav");
	assert_string_equal(d, "x/y");
	free(d);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_replace_keeps_mode),
		cmocka_unit_test(test_abort_keeps_old),
		cmocka_unit_test(test_symlink_target_untouched),
		cmocka_unit_test(test_unwritable_folder),
		cmocka_unit_test(test_dirname),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
