# Never lose work (issue 8): the diff the restore offer shows and the autosave file,
# a locate whose event was dropped (unit), and the binary in tmux through SIGHUP,
# SIGTERM, a crash, the periodic autosave and a JACK server killed mid-playback.
check_PROGRAMS += tests/project_diff_test tests/ui_locate_test
TESTS += tests/project_diff_test tests/ui_locate_test tests/ui_faults.sh
EXTRA_DIST += tests/ui_faults.sh

tests_project_diff_test_SOURCES = tests/project_diff_test.c tests/test_util.c tests/test_util.h
tests_project_diff_test_CFLAGS = $(AM_CFLAGS) $(CMOCKA_CFLAGS)
tests_project_diff_test_LDADD = $(TTYMIX_TEST_LIBS)

tests_ui_locate_test_SOURCES = tests/ui_locate_test.c
tests_ui_locate_test_CFLAGS = $(AM_CFLAGS) $(CMOCKA_CFLAGS)
tests_ui_locate_test_LDADD = $(TTYMIX_TEST_LIBS)
