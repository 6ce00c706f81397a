# Trust (issue 15), text and faults that end badly: names are clean on every terminal
# and CUE sheet (fault 10); quitting after the JACK server died ends at once (fault 12).
check_PROGRAMS += tests/text_test
TESTS += tests/text_test
tests_text_test_SOURCES = tests/text_test.c
tests_text_test_CFLAGS = $(AM_CFLAGS) $(CMOCKA_CFLAGS)
tests_text_test_LDADD = $(TTYMIX_TEST_LIBS)
TESTS += tests/trust_text.sh
EXTRA_DIST += tests/trust_text.sh
EXTRA_DIST += tests/ui_jack_quit.sh
