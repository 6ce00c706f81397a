# Trust (issue 15), files: fresh temporary names that are never a planted symlink,
# private per-user data, shared projects that stay shared, one writer per project
# (src/project_lock.c) and Save As (:w PATH, src/project_copy.c).
check_PROGRAMS += tests/project_lock_test
TESTS += tests/project_lock_test
tests_project_lock_test_SOURCES = tests/project_lock_test.c tests/test_util.c \
	tests/test_util.h
tests_project_lock_test_CFLAGS = $(AM_CFLAGS) $(CMOCKA_CFLAGS)
tests_project_lock_test_LDADD = $(TTYMIX_TEST_LIBS)
TESTS += tests/trust_files.sh
EXTRA_DIST += tests/trust_files.sh
