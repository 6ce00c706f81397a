# tests/: the bundled lessons checked on their own projects (each lesson's untouched
# project, its hints, its textbook values and one wrong move).
check_PROGRAMS += tests/lesson_test
tests_lesson_test_SOURCES = tests/lesson_test.c tests/test_util.c tests/test_util.h
tests_lesson_test_CFLAGS = $(AM_CFLAGS) $(CMOCKA_CFLAGS)
tests_lesson_test_LDADD = $(TTYMIX_TEST_LIBS)

# grading: the spec from the lesson source (a tampered copy), lesson report
TESTS += tests/lesson_grade.sh
EXTRA_DIST += tests/lesson_grade.sh

# teachers' lessons: ttymix lesson validate, the lesson path
TESTS += tests/lesson_validate.sh
EXTRA_DIST += tests/lesson_validate.sh

# a teacher's lesson with its own audio, opened by :lesson from the lesson path (tmux)
TESTS += tests/ui_lesson_own.sh
EXTRA_DIST += tests/ui_lesson_own.sh
