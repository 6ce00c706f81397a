# A graph swapped in during playback takes over without a gap, at a known frame.
check_PROGRAMS += tests/swap_test
TESTS += tests/swap_test
tests_swap_test_SOURCES = tests/swap_test.c tests/test_util.c tests/test_util.h
tests_swap_test_CFLAGS = $(AM_CFLAGS) $(CMOCKA_CFLAGS)
tests_swap_test_LDADD = $(TTYMIX_TEST_LIBS)
