# tests/: delay compensation for every insert (docs/dsp.md, "Delay compensation"):
# renders whose channels must null, and playback through JACK against the render.
check_PROGRAMS += tests/pdc_null
tests_pdc_null_SOURCES = tests/pdc_null.c
tests_pdc_null_LDADD = $(TTYMIX_TEST_LIBS)

TESTS += tests/pdc.sh
EXTRA_DIST += tests/pdc.sh

# the line, the plan, renders in any blocks and threads, :dsp latency
check_PROGRAMS += tests/pdc_test
TESTS += tests/pdc_test
tests_pdc_test_SOURCES = tests/pdc_test.c tests/test_util.c tests/test_util.h
tests_pdc_test_CFLAGS = $(AM_CFLAGS) $(CMOCKA_CFLAGS)
tests_pdc_test_LDADD = $(TTYMIX_TEST_LIBS)

# playback through JACK equals the render, with compensating delays (and rtcheck.so)
TESTS += tests/pdc_jack.sh
EXTRA_DIST += tests/pdc_jack.sh tests/pdc_jack.json
