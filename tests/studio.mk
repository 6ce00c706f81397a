# The studio as a whole on the demo song: pages, edits, resize, terminal bytes, JACK.
EXTRA_DIST += tests/ui_studio.sh

# The headless studio session (src/studio/): a whole editing session with no terminal,
# linked without ui/ and ncurses; studio_nocurses.sh proves the link.
check_PROGRAMS += tests/studio_test
TESTS += tests/studio_test tests/studio_nocurses.sh
EXTRA_DIST += tests/studio_nocurses.sh
tests_studio_test_SOURCES = tests/studio_test.c tests/test_util.c tests/test_util.h
tests_studio_test_CFLAGS = $(AM_CFLAGS) $(CMOCKA_CFLAGS)
tests_studio_test_LDADD = $(TTYMIX_CORE_TEST_LIBS)
