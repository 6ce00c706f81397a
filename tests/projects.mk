# The projects part of issue 18: :e PROJECT, :new NAME, :w DIR copy|link and the
# completion of paths.
# the paths a person types (~/, completion from a folder)
check_PROGRAMS += tests/typed_path_test
TESTS += tests/typed_path_test
tests_typed_path_test_SOURCES = tests/typed_path_test.c
tests_typed_path_test_CFLAGS = $(AM_CFLAGS) $(CMOCKA_CFLAGS)
tests_typed_path_test_LDADD = $(TTYMIX_TEST_LIBS)
# :e asks, opens, goes read-only; :new; :w copy2 link renders the same; Tab: in tmux
TESTS += tests/ui_projects.sh
EXTRA_DIST += tests/ui_projects.sh
# studio_replace on a headless session: the history, the lock, the engine kept or made
# anew at another rate
check_PROGRAMS += tests/studio_replace_test
TESTS += tests/studio_replace_test
tests_studio_replace_test_SOURCES = tests/studio_replace_test.c tests/test_util.c \
	tests/test_util.h
tests_studio_replace_test_CFLAGS = $(AM_CFLAGS) $(CMOCKA_CFLAGS)
tests_studio_replace_test_LDADD = $(TTYMIX_TEST_LIBS)
