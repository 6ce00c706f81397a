# Issue 18, text that fits and messages and files: the message log (E, :messages) and
# the ellipsis on a cut message line.
TESTS += tests/ui_messages.sh
EXTRA_DIST += tests/ui_messages.sh
