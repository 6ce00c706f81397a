# Many strips at once and name finding (issue 18): the matcher, STRIP lists, ranges,
# globs, groups and @sel, and one undo step per command over many strips.
check_PROGRAMS += tests/many_test
TESTS += tests/many_test
tests_many_test_SOURCES = tests/many_test.c tests/test_util.c tests/test_util.h
tests_many_test_CFLAGS = $(AM_CFLAGS) $(CMOCKA_CFLAGS)
tests_many_test_LDADD = $(TTYMIX_CORE_TEST_LIBS)

# The same in the studio at 80x24 (tmux): a range, a glob and @sel, / and ', the keys
# of a high-pass on 17 tracks counted; project.json read back after :w.
TESTS += tests/ui_many.sh
EXTRA_DIST += tests/ui_many.sh
