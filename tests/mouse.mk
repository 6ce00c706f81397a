# Issue 18, the mouse slice: reports decoded, the hit map, events planned into the
# keys' command lines (mouse_test); clicks, drags, the wheel and a double click on the
# real binary in tmux, and --no-mouse (ui_mouse.sh).
check_PROGRAMS += tests/mouse_test
TESTS += tests/mouse_test
tests_mouse_test_SOURCES = tests/mouse_test.c
tests_mouse_test_CFLAGS = $(AM_CFLAGS) $(CMOCKA_CFLAGS)
tests_mouse_test_LDADD = $(TTYMIX_TEST_LIBS)
TESTS += tests/ui_mouse.sh
EXTRA_DIST += tests/ui_mouse.sh
