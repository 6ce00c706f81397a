# tests/: issue 23's one-pass renders: the stems rendered in the mix's pass are the
# per-stem renders of before, and flow's stages of a track rendered alone read as the
# project with the other tracks muted.
TESTS += tests/stems_pass.sh
EXTRA_DIST += tests/stems_pass.sh

# a render's closing line measures with a leaner analyser: as the whole one reads
check_PROGRAMS += tests/loudness_report_test
TESTS += tests/loudness_report_test
tests_loudness_report_test_SOURCES = tests/loudness_report_test.c
tests_loudness_report_test_CFLAGS = $(AM_CFLAGS) $(CMOCKA_CFLAGS)
tests_loudness_report_test_LDADD = $(TTYMIX_TEST_LIBS)

# media's raw path (audio/pcm.c): the bytes and floats libsndfile's own conversions give
check_PROGRAMS += tests/pcm_test
TESTS += tests/pcm_test
tests_pcm_test_SOURCES = tests/pcm_test.c tests/test_util.c tests/test_util.h
tests_pcm_test_CFLAGS = $(AM_CFLAGS) $(CMOCKA_CFLAGS)
tests_pcm_test_LDADD = $(TTYMIX_TEST_LIBS)
