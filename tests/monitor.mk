# The monitor section (audio/monitor.c): modes, dim, crossfeed, speaker curves, click-free
# switching, never in a render, the loudness-matched A/B and the reference track.
check_PROGRAMS += tests/monitor_test
tests_monitor_test_SOURCES = tests/monitor_test.c tests/test_util.c tests/test_util.h
tests_monitor_test_CFLAGS = $(AM_CFLAGS) $(CMOCKA_CFLAGS)
tests_monitor_test_LDADD = $(TTYMIX_TEST_LIBS)

# The studio: keys cycle the modes, the status line says so, and a private jackd
# dummy records mono mode playing L == R.
TESTS += tests/ui_monitor.sh
EXTRA_DIST += tests/ui_monitor.sh
