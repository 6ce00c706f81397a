# Recording (issue 20): the capture path (audio/capture.c) and the studio's takes
# (src/studio/record.c).
# The rings and the writer thread alone: every frame arrives or is counted, exact at
# 24 bits; the header is kept up to date while a take runs
check_PROGRAMS += tests/capture_test tests/capture_tsan
TESTS += tests/capture_test tests/capture_tsan.sh
EXTRA_DIST += tests/capture_tsan.sh
tests_capture_test_SOURCES = tests/capture_test.c
tests_capture_test_CFLAGS = $(AM_CFLAGS) $(CMOCKA_CFLAGS)
tests_capture_test_LDADD = $(TTYMIX_TEST_LIBS)
# The same under ThreadSanitizer, with its own copies of the sources it runs (as
# tests/ring.mk's stress test: libttymix.a is not built with -fsanitize=thread)
CAPTURE_TSAN = -fsanitize=thread -fno-omit-frame-pointer
tests_capture_tsan_SOURCES = tests/capture_test.c audio/capture.c audio/media.c audio/pcm.c \
	audio/soxr_dl.c src/base/dl.c src/base/err.c src/base/xalloc.c src/base/text.c
tests_capture_tsan_CPPFLAGS = $(AM_CPPFLAGS)
tests_capture_tsan_CFLAGS = -std=c11 -g $(WARN_CFLAGS) $(CAPTURE_TSAN) $(CMOCKA_CFLAGS) \
	$(SNDFILE_CFLAGS) $(SOXR_CFLAGS)
tests_capture_tsan_LDFLAGS = $(CAPTURE_TSAN)
tests_capture_tsan_LDADD = $(CMOCKA_LIBS) $(SNDFILE_LIBS) $(SOXR_LIBS) -lpthread -lm
# In the studio on a jackd dummy server: a known signal from a second client, the
# loopback's alignment, kill -9 mid-take
TESTS += tests/record_cli.sh
EXTRA_DIST += tests/record.sh tests/record_cli.sh tests/record_lib.sh
