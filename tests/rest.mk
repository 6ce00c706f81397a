# tests/: the engine at rest while stopped (audio/idle.c): when it rests, what ends it.
check_PROGRAMS += tests/rest_test
TESTS += tests/rest_test
tests_rest_test_SOURCES = tests/rest_test.c tests/test_util.c tests/test_util.h
tests_rest_test_CFLAGS = $(AM_CFLAGS) $(CMOCKA_CFLAGS)
tests_rest_test_LDADD = $(TTYMIX_TEST_LIBS) -lpthread
