# Issue 18, the help slice (text that fits): the help page wraps, scrolls and finds
# at 80x24 and 200x60, keys by their names.
TESTS += tests/ui_help.sh
EXTRA_DIST += tests/ui_help.sh
