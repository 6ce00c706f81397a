# tests/: mastering matched to a reference (issue 21): the fit and its cap
# (match_test), `master --match` on a target made from a reference by a known tilt, a
# level drop and a narrower image (match.sh, measured by match_measure), and :match
# on the mastering page (ui_match.sh).
check_PROGRAMS += tests/match_measure
tests_match_measure_SOURCES = tests/match_measure.c
tests_match_measure_LDADD = $(TTYMIX_TEST_LIBS)

check_PROGRAMS += tests/match_test
TESTS += tests/match_test
tests_match_test_SOURCES = tests/match_test.c
tests_match_test_CFLAGS = $(AM_CFLAGS) $(CMOCKA_CFLAGS)
tests_match_test_LDADD = $(TTYMIX_TEST_LIBS)

TESTS += tests/match.sh
EXTRA_DIST += tests/match.sh
TESTS += tests/ui_match.sh
EXTRA_DIST += tests/ui_match.sh
# :match on the headless studio: the worker, one undo step, a chain edited meanwhile
check_PROGRAMS += tests/match_studio_test
TESTS += tests/match_studio_test
tests_match_studio_test_SOURCES = tests/match_studio_test.c tests/test_util.c tests/test_util.h
tests_match_studio_test_CFLAGS = $(AM_CFLAGS) $(CMOCKA_CFLAGS)
tests_match_studio_test_LDADD = $(TTYMIX_CORE_TEST_LIBS)
