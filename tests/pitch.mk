# Per-clip pitch and varispeed (src/pitch.c): frequencies and lengths measured in
# renders of the real binary, the cache, the JSON fields; the :pitch command in tmux.
check_PROGRAMS += tests/pitch_test
TESTS += tests/pitch_test
tests_pitch_test_SOURCES = tests/pitch_test.c tests/test_util.c tests/test_util.h
tests_pitch_test_CFLAGS = $(AM_CFLAGS) $(CMOCKA_CFLAGS)
tests_pitch_test_LDADD = $(TTYMIX_TEST_LIBS)
