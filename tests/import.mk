# Import (issue 20): `ttymix import PROJECT FILE...` and :import FILE [TRACK] [AT].
# 44.1 and 48 kHz, mono and stereo, render within -100 dBFS of the source (resampled by
# soxr's one-shot call where the rate differs); one undo step; broken files change
# nothing
check_PROGRAMS += tests/import_test
TESTS += tests/import_test
tests_import_test_SOURCES = tests/import_test.c tests/test_util.c tests/test_util.h
tests_import_test_CFLAGS = $(AM_CFLAGS) $(CMOCKA_CFLAGS) $(SOXR_CFLAGS)
tests_import_test_LDADD = $(TTYMIX_TEST_LIBS)
# :import in tmux: Tab completes the path, the waveform shows, undo, a broken file
TESTS += tests/ui_import.sh
EXTRA_DIST += tests/ui_import.sh
# ttymix import: rates, channels, --track/--at, unique names, broken files, the lock
TESTS += tests/import.sh
EXTRA_DIST += tests/import.sh
# NSM: announce, open (the project made at the path), dirty, save, :e/:new/:w refused,
# against a small server written with liblo
TESTS += tests/nsm.sh
EXTRA_DIST += tests/nsm.sh tests/nsm_server.py
