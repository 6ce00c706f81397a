# The project model (issue 16): the control table, read by load/save and automation.
check_PROGRAMS += tests/control_test
TESTS += tests/control_test
tests_control_test_SOURCES = tests/control_test.c
tests_control_test_CFLAGS = $(AM_CFLAGS) $(CMOCKA_CFLAGS)
tests_control_test_LDADD = $(TTYMIX_TEST_LIBS)
