# Waveform overviews: the peak cache (unit), and the arranger page in tmux.
check_PROGRAMS += tests/peaks_test
TESTS += tests/peaks_test tests/ui_arranger.sh
EXTRA_DIST += tests/ui_arranger.sh

tests_peaks_test_SOURCES = tests/peaks_test.c tests/test_util.c tests/test_util.h
tests_peaks_test_CFLAGS = $(AM_CFLAGS) $(CMOCKA_CFLAGS)
tests_peaks_test_LDADD = $(TTYMIX_TEST_LIBS)
