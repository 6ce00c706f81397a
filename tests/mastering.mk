# The mastering page: the engine's tap and the analysis thread (unit), and the page
# itself driven in tmux.
check_PROGRAMS += tests/tap_test
TESTS += tests/tap_test
EXTRA_DIST += tests/ui_mastering.sh
tests_tap_test_SOURCES = tests/tap_test.c tests/test_util.c tests/test_util.h
tests_tap_test_CFLAGS = $(AM_CFLAGS) $(CMOCKA_CFLAGS)
tests_tap_test_LDADD = $(TTYMIX_TEST_LIBS)
