# tests/: the stream output with real clients (ffmpeg, curl, a stalled listener).
check_PROGRAMS += tests/stream_stall
tests_stream_stall_SOURCES = tests/stream_stall.c
EXTRA_DIST += tests/stream.sh

# the parts without a client: the tap, the encoders (FLAC decoded again), refusals
check_PROGRAMS += tests/stream_test
TESTS += tests/stream_test
tests_stream_test_SOURCES = tests/stream_test.c
tests_stream_test_CFLAGS = $(AM_CFLAGS) $(CMOCKA_CFLAGS)
tests_stream_test_LDADD = $(TTYMIX_TEST_LIBS)
