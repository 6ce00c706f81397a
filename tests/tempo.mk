# The tempo slice of issue 18: the tempo map (src/tempo.h), :tempo and :meter, bars on
# the ruler and the status line, :locate and :loop in bars.
check_PROGRAMS += tests/tempo_test
TESTS += tests/tempo_test
tests_tempo_test_SOURCES = tests/tempo_test.c tests/test_util.c tests/test_util.h
tests_tempo_test_CFLAGS = $(AM_CFLAGS) $(CMOCKA_CFLAGS)
tests_tempo_test_LDADD = $(TTYMIX_TEST_LIBS)
# :tempo, :meter, bars in :locate/:loop/:move, snap and nudge on the map: the session
check_PROGRAMS += tests/tempo_studio_test
TESTS += tests/tempo_studio_test
tests_tempo_studio_test_SOURCES = tests/tempo_studio_test.c
tests_tempo_studio_test_CFLAGS = $(AM_CFLAGS) $(CMOCKA_CFLAGS)
tests_tempo_studio_test_LDADD = $(TTYMIX_TEST_LIBS)
# the ruler, :locate b5, :loop in bars and project.json, in tmux; new --tempo --meter
TESTS += tests/ui_tempo.sh
EXTRA_DIST += tests/ui_tempo.sh
