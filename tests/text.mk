# Issue 18, text that fits and messages and files: the message log (E, :messages) and
# the ellipsis on a cut message line.
TESTS += tests/ui_messages.sh tests/ui_colours.sh
EXTRA_DIST += tests/ui_messages.sh tests/ui_colours.sh
# the messages and files of the command line: no project at PATH, play --start,
# a missing clip (--allow-missing), a FIFO as audio
TESTS += tests/cli_text.sh
EXTRA_DIST += tests/cli_text.sh
# archived autosaves kept to the last five
TESTS += tests/ui_autosave_keep.sh
EXTRA_DIST += tests/ui_autosave_keep.sh
