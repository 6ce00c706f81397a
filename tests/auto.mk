# Automation lanes: breakpoints at the exact frame, any block size the same samples,
# holds, refusals, JSON round trip.
check_PROGRAMS += tests/auto_test
TESTS += tests/auto_test
tests_auto_test_SOURCES = tests/auto_test.c tests/test_util.c tests/test_util.h
tests_auto_test_CFLAGS = $(AM_CFLAGS) $(CMOCKA_CFLAGS)
tests_auto_test_LDADD = $(TTYMIX_TEST_LIBS)

# Writing automation by keys in a real terminal: write, touch, latch, :auto, undo.
EXTRA_DIST += tests/ui_automation.sh
