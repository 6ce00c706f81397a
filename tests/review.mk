# tests/: the mix review (issue 21): planted problems found, a clean control clean.
TESTS += tests/review.sh
EXTRA_DIST += tests/review.sh tests/review_lib.sh
# :review in tmux: the panel, Enter, a (one undo step, the masking lower), undo
TESTS += tests/ui_review.sh
EXTRA_DIST += tests/ui_review.sh
# the review's cancel flag and progress (what :e and quitting rely on)
check_PROGRAMS += tests/review_cancel_test
TESTS += tests/review_cancel_test
tests_review_cancel_test_SOURCES = tests/review_cancel_test.c tests/test_util.c tests/test_util.h
tests_review_cancel_test_CFLAGS = $(AM_CFLAGS) $(CMOCKA_CFLAGS)
tests_review_cancel_test_LDADD = $(TTYMIX_TEST_LIBS)
# :review takes :reference's file as its tonal target; :e and :q! stop a review under way
TESTS += tests/ui_review_ref.sh
EXTRA_DIST += tests/ui_review_ref.sh
