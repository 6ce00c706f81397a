# The tempo slice of issue 18: the tempo map (src/tempo.h), :tempo and :meter, bars on
# the ruler and the status line, :locate and :loop in bars.
check_PROGRAMS += tests/tempo_test
TESTS += tests/tempo_test
tests_tempo_test_SOURCES = tests/tempo_test.c tests/test_util.c tests/test_util.h
tests_tempo_test_CFLAGS = $(AM_CFLAGS) $(CMOCKA_CFLAGS)
tests_tempo_test_LDADD = $(TTYMIX_TEST_LIBS)
