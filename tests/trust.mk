# Trust (issue 15): no work is lost, overwritten or changed unseen.
check_PROGRAMS += tests/safefile_test
TESTS += tests/safefile_test
tests_safefile_test_SOURCES = tests/safefile_test.c tests/test_util.c tests/test_util.h
tests_safefile_test_CFLAGS = $(AM_CFLAGS) $(CMOCKA_CFLAGS)
tests_safefile_test_LDADD = $(TTYMIX_TEST_LIBS)

