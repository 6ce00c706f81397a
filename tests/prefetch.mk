# Issue 23, goal 8: the transport rolls only with its read-ahead whole, and the audio
# thread takes no page fault in the first seconds after play or a locate.
check_PROGRAMS += tests/prefetch_test
TESTS += tests/prefetch_test
tests_prefetch_test_SOURCES = tests/prefetch_test.c tests/test_util.c tests/test_util.h
tests_prefetch_test_CFLAGS = $(AM_CFLAGS) $(CMOCKA_CFLAGS)
tests_prefetch_test_LDADD = $(TTYMIX_CORE_TEST_LIBS)
