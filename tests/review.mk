# tests/: the mix review (issue 21): planted problems found, a clean control clean.
TESTS += tests/review.sh
EXTRA_DIST += tests/review.sh tests/review_lib.sh
# :review in tmux: the panel, Enter, a (one undo step, the masking lower), undo
TESTS += tests/ui_review.sh
EXTRA_DIST += tests/ui_review.sh
