# Issue 18, the help slice (text that fits): the help page wraps, scrolls and finds
# at 80x24 and 200x60, keys by their names; Tab's candidates and :auto ... list in a
# scrollable pane.
TESTS += tests/ui_pane.sh
EXTRA_DIST += tests/ui_help.sh tests/ui_pane.sh
