# tests/: issue 23's one-pass renders: the stems rendered in the mix's pass are the
# per-stem renders of before, and flow's stages of a track rendered alone read as the
# project with the other tracks muted.
TESTS += tests/stems_pass.sh
EXTRA_DIST += tests/stems_pass.sh
