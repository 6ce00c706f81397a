# tests/: issue 23's one-pass renders: the stems rendered in the mix's pass are the
# per-stem renders of before.
TESTS += tests/stems_pass.sh
EXTRA_DIST += tests/stems_pass.sh
