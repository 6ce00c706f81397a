# Golden renders and the project model.
check_PROGRAMS += tests/golden_test tests/project_test
TESTS += tests/golden_test tests/project_test
tests_golden_test_SOURCES = tests/golden_test.c tests/test_util.c tests/test_util.h
tests_golden_test_CFLAGS = $(AM_CFLAGS) $(CMOCKA_CFLAGS)
tests_golden_test_LDADD = $(TTYMIX_TEST_LIBS)
tests_project_test_SOURCES = tests/project_test.c tests/test_util.c tests/test_util.h
tests_project_test_CFLAGS = $(AM_CFLAGS) $(CMOCKA_CFLAGS)
tests_project_test_LDADD = $(TTYMIX_TEST_LIBS)
check_PROGRAMS += tests/media_test
TESTS += tests/media_test
tests_media_test_SOURCES = tests/media_test.c tests/test_util.c tests/test_util.h
tests_media_test_CFLAGS = $(AM_CFLAGS) $(CMOCKA_CFLAGS)
tests_media_test_LDADD = $(TTYMIX_TEST_LIBS)
TESTS += tests/cli.sh
EXTRA_DIST += tests/cli.sh
