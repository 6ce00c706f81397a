# Density (issue 18): the narrow mixer (n, set strip-width) with 16 strips at 80x24,
# Z fitting the song on the arranger, a wider window showing more time, and set
# track-height and name-width, in the studio in tmux on a 20-track project made by ttymix new.
TESTS += tests/ui_dense.sh
EXTRA_DIST += tests/ui_dense.sh
