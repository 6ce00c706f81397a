# tests/: the longest tests, the longest first. `make -j2 check` starts the tests in
# the order of TESTS, so a long test listed late runs on alone at the end while the
# other job has nothing left; listed first, the short ones fill in around it. So these
# are listed here, ahead of every fragment, and not in their own fragments (which keep
# what builds and distributes them). The order is the durations of the plain build's
# tests in CI, beside distcheck (tests/durations.sh after a make check; the tests that
# compute much, like lesson_test, slow down the most there, and under AddressSanitizer):
# a test that grows past the last one here moves here.
TESTS += tests/lesson_test tests/lessons/lessons.sh tests/record.sh tests/ring_stress.sh \
	tests/lv2.sh tests/trust_media.sh tests/ui_studio.sh tests/ui_mastering.sh \
	tests/pitch_test tests/jack_native.sh tests/ui_jack_restart.sh tests/corpus.sh \
	tests/record_monitor.sh tests/stream.sh tests/sidechain_jack.sh tests/cli_master.sh \
	tests/ui_jack_quit.sh tests/record_pa.sh tests/ui_lv2.sh tests/ui_match_ab.sh \
	tests/ui_automation.sh tests/ui_help.sh tests/monitor_test tests/media_offline.sh \
	tests/stream_page.sh
# prints the slowest tests after a make check
EXTRA_DIST += tests/durations.sh

# A test's log waits for the program: make knows it of the C tests (their binaries
# link the studio's libraries) and is told it here of the shell tests, which drive
# src/ttymix (make check has built it before any test in any case). Without it, when
# make first has anything those binaries wait for to remake (config.h, whose rule runs
# whenever stamp-h1 is newer, as it is after configure), it starts every shell test
# before the first C test, whatever the order of TESTS: lesson_test ran last.
$(TEST_LOGS): src/ttymix$(EXEEXT)
