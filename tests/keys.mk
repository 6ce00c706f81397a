# User key bindings (issue 16): the ttymixrc parser and --print-config's round trip
# (unit), a ttymixrc rebinding keys on three pages driven in tmux, and the man page's
# key list checked against the tables it is generated from (make man-keys rewrites it).
check_PROGRAMS += tests/bind_test
TESTS += tests/bind_test tests/ui_bindings.sh tests/man_keys.sh
EXTRA_DIST += tests/ui_bindings.sh tests/man_keys.sh

tests_bind_test_SOURCES = tests/bind_test.c tests/test_util.c tests/test_util.h
tests_bind_test_CFLAGS = $(AM_CFLAGS) $(CMOCKA_CFLAGS)
tests_bind_test_LDADD = $(TTYMIX_TEST_LIBS)

# Rewrite docs/ttymix.1's key list from the binary's tables.
.PHONY: man-keys
man-keys: src/ttymix$(EXEEXT)
	top_srcdir='$(abs_top_srcdir)' TTYMIX='$(abs_top_builddir)/src/ttymix' \
		$(SHELL) '$(abs_top_srcdir)/tests/man_keys.sh' --write
