# tests/: the SPSC ring (audio/ring.c).
check_PROGRAMS += tests/ring_test tests/ring_stress
TESTS += tests/ring_test
EXTRA_DIST += tests/ring_stress.sh

tests_ring_test_SOURCES = tests/ring_test.c
tests_ring_test_CFLAGS = $(AM_CFLAGS) $(CMOCKA_CFLAGS)
tests_ring_test_LDADD = $(TTYMIX_TEST_LIBS)

# The two-thread stress test always runs under ThreadSanitizer, whatever --enable-asan or
# --enable-tsan say. It compiles its own copy of audio/ring.c and does not link
# libttymix.a: that library is not built with -fsanitize=thread (unless --enable-tsan),
# and code TSan has not instrumented hides races from it. The flags are composed here
# instead of starting from AM_CFLAGS/AM_LDFLAGS, because those carry $(SAN_CFLAGS), and
# ASan (--enable-asan) cannot be combined with TSan in one program.
RING_STRESS_TSAN = -fsanitize=thread -fno-omit-frame-pointer
tests_ring_stress_SOURCES = tests/ring_stress.c audio/ring.c audio/ring.h
tests_ring_stress_CFLAGS = -std=c11 -g $(WARN_CFLAGS) $(RING_STRESS_TSAN)
tests_ring_stress_LDFLAGS = $(RING_STRESS_TSAN)
tests_ring_stress_LDADD = -lpthread
