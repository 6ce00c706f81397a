# The floors (issue 16, docs/architecture.md): includes run down the layers only; curses only under ui/.
TESTS += tests/layers.sh
EXTRA_DIST += tests/layers.sh
