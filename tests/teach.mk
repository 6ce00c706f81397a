# Teaching: explanations (ttymix help, docs/explain.md), the lessons and their checks
# (fail as shipped, pass when solved), and a lesson followed in the studio by keys.
TESTS += tests/explain.sh tests/ui_lesson.sh
EXTRA_DIST += tests/explain.sh tests/lessons/lessons.sh tests/lessons/solve.py \
	tests/ui_lesson.sh

# Level-matched A/B in the insert wrapper.
check_PROGRAMS += tests/teach_ab_test
TESTS += tests/teach_ab_test
tests_teach_ab_test_SOURCES = tests/teach_ab_test.c
tests_teach_ab_test_CFLAGS = $(AM_CFLAGS) $(CMOCKA_CFLAGS)
tests_teach_ab_test_LDADD = $(TTYMIX_TEST_LIBS)
