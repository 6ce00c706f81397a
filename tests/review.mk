# tests/: the mix review (issue 21): planted problems found, a clean control clean.
TESTS += tests/review.sh
EXTRA_DIST += tests/review.sh tests/review_lib.sh
