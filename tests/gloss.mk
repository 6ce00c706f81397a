# tests/: the glossary (ttymix help TERM) and the pan law it names.
TESTS += tests/glossary.sh
EXTRA_DIST += tests/glossary.sh
