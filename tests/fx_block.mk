# The eq's cascade and the reverb's fast path: the same samples for any block size
# (with parameter changes between blocks), and close to plain reference
# implementations of docs/dsp.md's formulas.
check_PROGRAMS += tests/fx_block_test
TESTS += tests/fx_block_test
tests_fx_block_test_SOURCES = tests/fx_block_test.c
tests_fx_block_test_CFLAGS = $(AM_CFLAGS) $(CMOCKA_CFLAGS)
tests_fx_block_test_LDADD = $(TTYMIX_TEST_LIBS)
