# Copy and paste of inserts and chains between strips, and chain presets (issue 18):
# one undo step over a list of strips, presets under $XDG_DATA_HOME/ttymix/chains/,
# missing and bad presets refused in one line.
check_PROGRAMS += tests/chain_test
TESTS += tests/chain_test
tests_chain_test_SOURCES = tests/chain_test.c tests/test_util.c tests/test_util.h
tests_chain_test_CFLAGS = $(AM_CFLAGS) $(CMOCKA_CFLAGS)
tests_chain_test_LDADD = $(TTYMIX_CORE_TEST_LIBS)
