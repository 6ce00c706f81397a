/* Paths as typed on the ':' line (src/typed_path.h, issue 18): "~/" is the home
 * folder; Tab's candidates are a folder's entries that begin with the typed name,
 * spelled as the word spells its folder (relative, from a base, absolute, "~/"),
 * folders with a '/' at the end, in byte order, dot names only when asked for. The
 * folders are real ones made in a fresh temporary folder. */
#include <setjmp.h>
#include <stdbool.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cmocka.h>

#include "src/typed_path.h"
#include "src/base/xalloc.h"

static char root[] = "/tmp/ttymix-typed-path.XXXXXX";

struct found {
	char text[2048];
	int n;
};

/* The candidates joined by spaces. */
static void take(void *arg, const char *candidate)
{
	struct found *f = arg;
	size_t len = strlen(f->text);
	snprintf(f->text + len, sizeof f->text - len, "%s%s", f->n ? " " : "", candidate);
	f->n++;
}

static const char *complete(const char *word, const char *base)
{
	static struct found f;
	memset(&f, 0, sizeof f);
	typed_path_complete(word, base, take, &f);
	return f.text;
}

static void make(const char *rel, bool folder)
{
	char *path = xasprintf("%s/%s", root, rel);
	if (folder) {
		assert_int_equal(mkdir(path, 0700), 0);
	} else {
		FILE *f = fopen(path, "w");
		assert_non_null(f);
		fclose(f);
	}
	free(path);
}

static int setup(void **state)
{
	(void)state;
	if (!mkdtemp(root))
		return -1;
	make("songs", true);
	make("songs/demo", true);
	make("songs/demo two", true);
	make("songs/dance.wav", false);
	make("songs/.hidden", true);
	make("setlist.txt", false);
	make("home", true);
	make("home/music", true);
	char *link = xasprintf("%s/songs/to-home", root);
	char *target = xasprintf("%s/home", root);
	int rc = symlink(target, link);
	free(link);
	free(target);
	return rc == 0 && chdir(root) == 0 ? 0 : -1;
}

static int teardown(void **state)
{
	(void)state;
	char *cmd = xasprintf("rm -rf '%s'", root);
	int rc = system(cmd);
	free(cmd);
	return rc == 0 ? 0 : -1;
}

static void relative_words_from_the_current_folder(void **state)
{
	(void)state;
	assert_string_equal(complete("so", NULL), "songs/");
	assert_string_equal(complete("s", NULL), "setlist.txt songs/");
	/* in byte order, folders with their '/', a link to a folder is a folder */
	assert_string_equal(complete("songs/d", NULL), "songs/dance.wav songs/demo/ "
		"songs/demo two/");
	assert_string_equal(complete("songs/demo", NULL), "songs/demo/ songs/demo two/");
	assert_string_equal(complete("songs/t", NULL), "songs/to-home/");
	assert_string_equal(complete("./se", NULL), "./setlist.txt");
	assert_string_equal(complete("songs/../se", NULL), "songs/../setlist.txt");
	assert_string_equal(complete("nothing", NULL), "");
	assert_string_equal(complete("no/such/folder/x", NULL), "");
}

static void dot_names_only_when_typed(void **state)
{
	(void)state;
	assert_string_equal(complete("songs/", NULL), "songs/dance.wav songs/demo/ "
		"songs/demo two/ songs/to-home/");
	assert_string_equal(complete("songs/.", NULL), "songs/.hidden/");
}

static void relative_words_from_a_base(void **state)
{
	(void)state;
	char *songs = xasprintf("%s/songs", root);
	assert_string_equal(complete("da", songs), "dance.wav");
	assert_string_equal(complete("", songs), "dance.wav demo/ demo two/ to-home/");
	/* an absolute word is not the base's */
	char *abs = xasprintf("%s/se", root);
	char *want = xasprintf("%s/setlist.txt", root);
	assert_string_equal(complete(abs, songs), want);
	free(abs);
	free(want);
	free(songs);
}

static void home_is_tilde(void **state)
{
	(void)state;
	char *home = xasprintf("%s/home", root);
	setenv("HOME", home, 1);
	assert_string_equal(complete("~", NULL), "~/");
	assert_string_equal(complete("~/m", NULL), "~/music/");
	char *expanded = typed_path_expand("~/music/x");
	char *want = xasprintf("%s/music/x", home);
	assert_string_equal(expanded, want);
	free(expanded);
	free(want);
	expanded = typed_path_expand("~");
	assert_string_equal(expanded, home);
	free(expanded);
	/* only a leading ~ and only ~/: ~user and a ~ inside are names */
	expanded = typed_path_expand("a/~/b");
	assert_string_equal(expanded, "a/~/b");
	free(expanded);
	expanded = typed_path_expand("~user/x");
	assert_string_equal(expanded, "~user/x");
	free(expanded);
	free(home);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(relative_words_from_the_current_folder),
		cmocka_unit_test(dot_names_only_when_typed),
		cmocka_unit_test(relative_words_from_a_base),
		cmocka_unit_test(home_is_tilde),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
