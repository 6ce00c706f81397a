# The master chain (multiband, width, limiter), latency compensation in renders, export
# dither (unit, through the insert wrapper and the renderer), and `ttymix master`
# driving the real binary.
check_PROGRAMS += tests/master_fx_test
TESTS += tests/master_fx_test
EXTRA_DIST += tests/cli_master.sh
tests_master_fx_test_SOURCES = tests/master_fx_test.c tests/test_util.c tests/test_util.h
tests_master_fx_test_CFLAGS = $(AM_CFLAGS) $(CMOCKA_CFLAGS)
tests_master_fx_test_LDADD = $(TTYMIX_TEST_LIBS)
