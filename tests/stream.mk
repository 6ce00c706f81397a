# tests/: the stream output with real clients (ffmpeg, curl, a stalled listener).
check_PROGRAMS += tests/stream_stall
tests_stream_stall_SOURCES = tests/stream_stall.c
TESTS += tests/stream.sh
EXTRA_DIST += tests/stream.sh
