# The projects slice of issue 18: markers (`M` on every page, `:marker add NAME [TIME]`)
# and the delivery target of page 3 in project.json.
check_PROGRAMS += tests/proj_studio_test
TESTS += tests/proj_studio_test
tests_proj_studio_test_SOURCES = tests/proj_studio_test.c
tests_proj_studio_test_CFLAGS = $(AM_CFLAGS) $(CMOCKA_CFLAGS)
tests_proj_studio_test_LDADD = $(TTYMIX_TEST_LIBS)
# M on every page, :marker add NAME TIME, the delivery target saved: in tmux
TESTS += tests/ui_proj.sh
EXTRA_DIST += tests/ui_proj.sh
