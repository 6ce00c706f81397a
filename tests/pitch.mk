# Per-clip pitch and varispeed (src/pitch.c): frequencies and lengths measured in
# renders of the real binary, the cache, the JSON fields; the :pitch command in tmux.
check_PROGRAMS += tests/pitch_test
tests_pitch_test_SOURCES = tests/pitch_test.c tests/test_util.c tests/test_util.h
tests_pitch_test_CFLAGS = $(AM_CFLAGS) $(CMOCKA_CFLAGS)
tests_pitch_test_LDADD = $(TTYMIX_TEST_LIBS)

# The studio: select a clip, :pitch 12, wait for its cache, :varispeed, undo/redo, :w;
# then project.json and a render (measured by tests/pitch_measure).
check_PROGRAMS += tests/pitch_measure
tests_pitch_measure_SOURCES = tests/pitch_measure.c
tests_pitch_measure_LDADD = $(TTYMIX_TEST_LIBS)
TESTS += tests/ui_pitch.sh
EXTRA_DIST += tests/ui_pitch.sh
