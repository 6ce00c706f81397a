# The terminal front end: its edit history (unit), and the real binary driven in tmux.
check_PROGRAMS += tests/ui_undo_test
TESTS += tests/ui_undo_test tests/ui_tmux.sh
EXTRA_DIST += tests/ui_tmux.sh tests/tmux_lib.sh

tests_ui_undo_test_SOURCES = tests/ui_undo_test.c tests/test_util.c tests/test_util.h
tests_ui_undo_test_CFLAGS = $(AM_CFLAGS) $(CMOCKA_CFLAGS)
tests_ui_undo_test_LDADD = $(TTYMIX_TEST_LIBS)
