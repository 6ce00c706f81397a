# EBU conformance of the loudness meter: Tech 3341 and Tech 3342 signals generated in
# the test, measured in memory and through `ttymix loudness --json`.
check_PROGRAMS += tests/ebu_test
TESTS += tests/ebu_test
tests_ebu_test_SOURCES = tests/ebu_test.c
tests_ebu_test_CFLAGS = $(AM_CFLAGS) $(CMOCKA_CFLAGS)
tests_ebu_test_LDADD = $(TTYMIX_TEST_LIBS)
