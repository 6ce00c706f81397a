# LV2 state finished (issue 19): files a state names kept in the project (mapPath),
# a preset's whole state, and a mono pair's two states, with x42's zeroconvolv.
check_PROGRAMS += tests/lv2_paths_test
TESTS += tests/lv2_paths_test
tests_lv2_paths_test_SOURCES = tests/lv2_paths_test.c tests/test_util.c tests/test_util.h
tests_lv2_paths_test_CFLAGS = $(AM_CFLAGS) $(CMOCKA_CFLAGS)
tests_lv2_paths_test_LDADD = $(TTYMIX_CORE_TEST_LIBS)

# :preset with a preset's whole state in the studio (tmux): one undo step, :w, the
# response brought into the project, a moved folder rendered.
TESTS += tests/ui_lv2_preset.sh
EXTRA_DIST += tests/ui_lv2_preset.sh

# LSP's sidechain plug-ins: accepted, their sidechain fed the strip's own input.
check_PROGRAMS += tests/lv2_sidechain_test
TESTS += tests/lv2_sidechain_test
tests_lv2_sidechain_test_SOURCES = tests/lv2_sidechain_test.c tests/test_util.c tests/test_util.h
tests_lv2_sidechain_test_CFLAGS = $(AM_CFLAGS) $(CMOCKA_CFLAGS)
tests_lv2_sidechain_test_LDADD = $(TTYMIX_CORE_TEST_LIBS)
