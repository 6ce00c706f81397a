# LV2 plug-ins (issue 19) with real plug-ins from Debian (swh-lv2, lsp-plugins-lv2):
# the insert through the effect framework (lv2_test), and the command line (lv2.sh):
# `ttymix plugins`, renders against their reference, refusals, a missing plug-in kept,
# and a playback with LV2 inserts under the rtcheck preload; the studio in tmux
# (ui_lv2.sh).
check_PROGRAMS += tests/lv2_test
TESTS += tests/lv2_test
tests_lv2_test_SOURCES = tests/lv2_test.c tests/test_util.c tests/test_util.h
tests_lv2_test_CFLAGS = $(AM_CFLAGS) $(CMOCKA_CFLAGS)
tests_lv2_test_LDADD = $(TTYMIX_CORE_TEST_LIBS)
EXTRA_DIST += tests/lv2.sh tests/ui_lv2.sh

# A plug-in keeps its memory across a graph swap (lv2_carry_rt): a delay's echo is
# heard after an edit rebuilt the graph during playback.
check_PROGRAMS += tests/lv2_swap_test
TESTS += tests/lv2_swap_test
tests_lv2_swap_test_SOURCES = tests/lv2_swap_test.c tests/test_util.c tests/test_util.h
tests_lv2_swap_test_CFLAGS = $(AM_CFLAGS) $(CMOCKA_CFLAGS)
tests_lv2_swap_test_LDADD = $(TTYMIX_CORE_TEST_LIBS)

# LV2 state kept with the project under plugins/ (x42's fil4): restored at graph build,
# written back from the playing plug-in by a save; the worker extension (x42's
# zeroconvolv loads its response on its worker), and a worker that does not answer.
check_PROGRAMS += tests/lv2_state_test
TESTS += tests/lv2_state_test
tests_lv2_state_test_SOURCES = tests/lv2_state_test.c tests/test_util.c tests/test_util.h
tests_lv2_state_test_CFLAGS = $(AM_CFLAGS) $(CMOCKA_CFLAGS)
tests_lv2_state_test_LDADD = $(TTYMIX_CORE_TEST_LIBS)
