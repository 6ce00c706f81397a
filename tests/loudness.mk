# Loudness (libebur128) and the `ttymix loudness` command.
check_PROGRAMS += tests/loudness_test
TESTS += tests/loudness_test
tests_loudness_test_SOURCES = tests/loudness_test.c
tests_loudness_test_CFLAGS = $(AM_CFLAGS) $(CMOCKA_CFLAGS)
tests_loudness_test_LDADD = $(TTYMIX_TEST_LIBS)
libttymix_a_SOURCES += audio/loudness.c audio/loudness.h src/cli_loudness.c
