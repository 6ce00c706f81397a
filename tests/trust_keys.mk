# No key acts unseen, and a lost terminal ends the studio (issue 15, faults 8 and 17):
# the input decoder (unit), stray sequences and a too-small window on the real binary
# in tmux, and a pty closed under a running studio.
check_PROGRAMS += tests/input_test
TESTS += tests/input_test tests/ui_stray_keys.sh tests/ui_lost_tty.sh
EXTRA_DIST += tests/ui_stray_keys.sh tests/ui_lost_tty.sh tests/pty_close.py

tests_input_test_SOURCES = tests/input_test.c
tests_input_test_CFLAGS = $(AM_CFLAGS) $(CMOCKA_CFLAGS)
tests_input_test_LDADD = $(TTYMIX_TEST_LIBS)
