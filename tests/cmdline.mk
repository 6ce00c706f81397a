# The ':' command line: parsing, completion and the commands on a real project (unit),
# and the line itself driven in tmux.
check_PROGRAMS += tests/cmdline_test
TESTS += tests/cmdline_test tests/ui_cmdline.sh
EXTRA_DIST += tests/ui_cmdline.sh

tests_cmdline_test_SOURCES = tests/cmdline_test.c
tests_cmdline_test_CFLAGS = $(AM_CFLAGS) $(CMOCKA_CFLAGS)
tests_cmdline_test_LDADD = $(TTYMIX_TEST_LIBS)
