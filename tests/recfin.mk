# Recording, finished (issue 20)
# Arming and inputs kept in project.json, written only when set
check_PROGRAMS += tests/record_keep_test
TESTS += tests/record_keep_test
tests_record_keep_test_SOURCES = tests/record_keep_test.c tests/test_util.c tests/test_util.h
tests_record_keep_test_CFLAGS = $(AM_CFLAGS) $(CMOCKA_CFLAGS)
tests_record_keep_test_LDADD = $(TTYMIX_CORE_TEST_LIBS)
