# Trust (issue 15), media: NaN/Inf/absurd samples are silenced at the reader and
# reported, no JSON holds inf or nan, a header that lies is caught by check, and a
# project of 20,000 clips plays, renders and checks under ulimit -n 1024.
check_PROGRAMS += tests/badwav
tests_badwav_SOURCES = tests/badwav.c
tests_badwav_LDADD = $(SNDFILE_LIBS) -lm
EXTRA_DIST += tests/trust_media.sh tests/make_many_clips.sh
# the same in the studio: 20,000 clips under ulimit -n 1024, and bad samples named on
# the status line (tmux)
TESTS += tests/ui_trust_media.sh
EXTRA_DIST += tests/ui_trust_media.sh
# the pool's bound and its samples, and bad samples at the reader (unit)
check_PROGRAMS += tests/media_pool_test
TESTS += tests/media_pool_test
tests_media_pool_test_SOURCES = tests/media_pool_test.c tests/test_util.c tests/test_util.h
tests_media_pool_test_CFLAGS = $(AM_CFLAGS) $(CMOCKA_CFLAGS)
tests_media_pool_test_LDADD = $(TTYMIX_TEST_LIBS)
