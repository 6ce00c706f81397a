# tests/: issue 23's DSP speed work must not change the sound. fx_guard_test renders
# the fx chain of bench/fx_chain.sh (short) and compares it with the render kept from
# before the work, within -120 dBFS (tests/golden/fx_guard.f32).
check_PROGRAMS += tests/fx_guard_test
TESTS += tests/fx_guard_test
tests_fx_guard_test_SOURCES = tests/fx_guard_test.c tests/test_util.c tests/test_util.h
tests_fx_guard_test_CFLAGS = $(AM_CFLAGS) $(CMOCKA_CFLAGS)
tests_fx_guard_test_LDADD = $(TTYMIX_TEST_LIBS)
EXTRA_DIST += tests/golden/fx_guard.f32
# audio/truepeak.c against libebur128's own true peak, bit for bit
check_PROGRAMS += tests/truepeak_test
TESTS += tests/truepeak_test
tests_truepeak_test_SOURCES = tests/truepeak_test.c
tests_truepeak_test_CFLAGS = $(AM_CFLAGS) $(CMOCKA_CFLAGS)
tests_truepeak_test_LDADD = $(TTYMIX_TEST_LIBS)
# the limiter bit for bit as before its detector was vectorised (a fingerprint)
check_PROGRAMS += tests/limiter_guard_test
TESTS += tests/limiter_guard_test
tests_limiter_guard_test_SOURCES = tests/limiter_guard_test.c
tests_limiter_guard_test_CFLAGS = $(AM_CFLAGS) $(CMOCKA_CFLAGS)
tests_limiter_guard_test_LDADD = $(TTYMIX_TEST_LIBS)
