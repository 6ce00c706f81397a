# Inserts (audio/fx/): eq, compressor and gate against their analytic references,
# rendered through the engine.
check_PROGRAMS += tests/fx_test
TESTS += tests/fx_test
tests_fx_test_SOURCES = tests/fx_test.c tests/test_util.c tests/test_util.h
tests_fx_test_CFLAGS = $(AM_CFLAGS) $(CMOCKA_CFLAGS)
tests_fx_test_LDADD = $(TTYMIX_TEST_LIBS)

# Time-based inserts (delay, reverb, chorus): echo position and level, RT60, DC, stereo
# correlation, stability.
check_PROGRAMS += tests/fx_time_test
TESTS += tests/fx_time_test
tests_fx_time_test_SOURCES = tests/fx_time_test.c tests/test_util.c tests/test_util.h
tests_fx_time_test_CFLAGS = $(AM_CFLAGS) $(CMOCKA_CFLAGS)
tests_fx_time_test_LDADD = $(TTYMIX_TEST_LIBS)
