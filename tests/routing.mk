# Buses, sends, solo logic and routing refusals, rendered through the engine.
check_PROGRAMS += tests/routing_test
TESTS += tests/routing_test
tests_routing_test_SOURCES = tests/routing_test.c tests/test_util.c tests/test_util.h
tests_routing_test_CFLAGS = $(AM_CFLAGS) $(CMOCKA_CFLAGS)
tests_routing_test_LDADD = $(TTYMIX_TEST_LIBS)

# The same by keys and ':' commands in a real terminal, then saved and rendered.
TESTS += tests/ui_mixing.sh
EXTRA_DIST += tests/ui_mixing.sh
