# tests/: ear training (issue 22): the quiz's logic and sound, and `ttymix ear` driven
# in tmux (answers right and wrong, the scores kept and read back).
check_PROGRAMS += tests/ear_test
TESTS += tests/ear_test
tests_ear_test_SOURCES = tests/ear_test.c tests/test_util.c tests/test_util.h
tests_ear_test_CFLAGS = $(AM_CFLAGS) $(CMOCKA_CFLAGS)
tests_ear_test_LDADD = $(TTYMIX_TEST_LIBS)
TESTS += tests/ui_ear.sh
EXTRA_DIST += tests/ui_ear.sh
