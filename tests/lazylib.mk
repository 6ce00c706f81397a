# tests/: libraries opened only by the commands that need them (issue 23, goal 5)
# the loader: a missing library or function gives one line, a present one its own calls
check_PROGRAMS += tests/dl_test
TESTS += tests/dl_test
tests_dl_test_SOURCES = tests/dl_test.c
tests_dl_test_CFLAGS = $(AM_CFLAGS) $(CMOCKA_CFLAGS)
tests_dl_test_LDADD = $(TTYMIX_CORE_TEST_LIBS)
# a render, --help and loudness map none of them; a resampling render and `plugins`
# map the one each needs
TESTS += tests/lazy_libs.sh
EXTRA_DIST += tests/lazy_libs.sh
