# Clip editing (src/clip_edit.c, audio/graph.c fades and crossfades): render-level
# proofs and JSON round trips; the arranger's edit keys driven in tmux.
check_PROGRAMS += tests/clip_edit_test
TESTS += tests/clip_edit_test
tests_clip_edit_test_SOURCES = tests/clip_edit_test.c tests/test_util.c tests/test_util.h
tests_clip_edit_test_CFLAGS = $(AM_CFLAGS) $(CMOCKA_CFLAGS)
tests_clip_edit_test_LDADD = $(TTYMIX_TEST_LIBS)

TESTS += tests/ui_edit.sh
EXTRA_DIST += tests/ui_edit.sh

# The arranger's edit commands on a project (no terminal, no engine): snapping,
# nudge units, multi-selection, paste across tracks, undo of each step.
check_PROGRAMS += tests/ui_clipedit_test
TESTS += tests/ui_clipedit_test
tests_ui_clipedit_test_SOURCES = tests/ui_clipedit_test.c tests/test_util.c \
	tests/test_util.h
tests_ui_clipedit_test_CFLAGS = $(AM_CFLAGS) $(CMOCKA_CFLAGS)
tests_ui_clipedit_test_LDADD = $(TTYMIX_TEST_LIBS)
