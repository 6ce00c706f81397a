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
