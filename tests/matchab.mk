# tests/: :match ab (issue 21), the chain before a match against the matched one,
# loudness-matched, heard through a private jackd (ui_match_ab.sh); the headless part
# is in match_studio_test (tests/match.mk).
EXTRA_DIST += tests/ui_match_ab.sh
