# A rebuilt graph carries each strip's running state only into the same strip, by name:
# after a track is deleted, the strip that moves to its index does not take its fader.
check_PROGRAMS += tests/carry_test
TESTS += tests/carry_test
tests_carry_test_SOURCES = tests/carry_test.c tests/test_util.c tests/test_util.h
tests_carry_test_CFLAGS = $(AM_CFLAGS) $(CMOCKA_CFLAGS)
tests_carry_test_LDADD = $(TTYMIX_CORE_TEST_LIBS)
