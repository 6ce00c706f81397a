# The studio as a whole on the demo song: pages, edits, resize, terminal bytes, JACK.
TESTS += tests/ui_studio.sh
EXTRA_DIST += tests/ui_studio.sh
