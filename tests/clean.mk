# Near-copies gone (issue 16, the clean slice): the one worker thread under the peak
# and pitch caches, and the one option parser of the ttymix subcommands.
check_PROGRAMS += tests/worker_test
TESTS += tests/worker_test
tests_worker_test_SOURCES = tests/worker_test.c
tests_worker_test_CFLAGS = $(AM_CFLAGS) $(CMOCKA_CFLAGS)
tests_worker_test_LDADD = $(TTYMIX_TEST_LIBS)

TESTS += tests/cli_options.sh
EXTRA_DIST += tests/cli_options.sh tests/expect_lib.sh

# the teaching table names only parameters the fx table has
check_PROGRAMS += tests/explain_test
TESTS += tests/explain_test
tests_explain_test_SOURCES = tests/explain_test.c
tests_explain_test_CFLAGS = $(AM_CFLAGS) $(CMOCKA_CFLAGS)
tests_explain_test_LDADD = $(TTYMIX_TEST_LIBS)
