# Issue 18, the spec slice: the strip detail's spectrum and EQ range, tempo changes at
# markers, the flow of automation lanes, and the man page's lint.
check_PROGRAMS += tests/strip_eq_range_test
TESTS += tests/strip_eq_range_test
tests_strip_eq_range_test_SOURCES = tests/strip_eq_range_test.c
tests_strip_eq_range_test_CFLAGS = $(AM_CFLAGS) $(CMOCKA_CFLAGS)
tests_strip_eq_range_test_LDADD = $(TTYMIX_TEST_LIBS)
TESTS += tests/ui_strip_spectrum.sh
EXTRA_DIST += tests/ui_strip_spectrum.sh
# ttymix flow: automation lanes at the stages they act on
TESTS += tests/flow_auto.sh
EXTRA_DIST += tests/flow_auto.sh
# the man page renders with no warning; it and the README list every insert type
TESTS += tests/man_lint.sh
EXTRA_DIST += tests/man_lint.sh
# the strip tap through the real engine
check_PROGRAMS += tests/strip_tap_test
TESTS += tests/strip_tap_test
tests_strip_tap_test_SOURCES = tests/strip_tap_test.c tests/test_util.c tests/test_util.h
tests_strip_tap_test_CFLAGS = $(AM_CFLAGS) $(CMOCKA_CFLAGS)
tests_strip_tap_test_LDADD = $(TTYMIX_TEST_LIBS)
