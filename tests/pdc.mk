# tests/: delay compensation for every insert (docs/dsp.md, "Delay compensation"):
# renders whose channels must null, and playback through JACK against the render.
check_PROGRAMS += tests/pdc_null
tests_pdc_null_SOURCES = tests/pdc_null.c
tests_pdc_null_LDADD = $(TTYMIX_TEST_LIBS)

TESTS += tests/pdc.sh
EXTRA_DIST += tests/pdc.sh
