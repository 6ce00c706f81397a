# Trust (issue 15), faults 3, 4, 5 and 7: renders never overwrite their inputs and are
# atomic; the studio never saves what it cannot open (one table of limits); `new`
# resamples what a project cannot run at and checks what it made.
check_PROGRAMS += tests/project_limits_test
TESTS += tests/project_limits_test tests/trust_render.sh tests/ui_marker_limit.sh
EXTRA_DIST += tests/trust_render.sh tests/ui_marker_limit.sh
tests_project_limits_test_SOURCES = tests/project_limits_test.c tests/test_util.c \
	tests/test_util.h
tests_project_limits_test_CFLAGS = $(AM_CFLAGS) $(CMOCKA_CFLAGS)
tests_project_limits_test_LDADD = $(TTYMIX_TEST_LIBS)
