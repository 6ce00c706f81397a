# Albums and delivery: `ttymix album` (sequence, gaps, fades, crossfades, CUE, album
# normalization, tags, formats) and `ttymix render --stems` per track and per bus,
# driving the real binary.
check_PROGRAMS += tests/album_test
TESTS += tests/album_test
tests_album_test_SOURCES = tests/album_test.c tests/test_util.c tests/test_util.h
tests_album_test_CFLAGS = $(AM_CFLAGS) $(CMOCKA_CFLAGS)
tests_album_test_LDADD = $(TTYMIX_TEST_LIBS)

# :album in the studio (tmux)
TESTS += tests/ui_album.sh
EXTRA_DIST += tests/ui_album.sh
