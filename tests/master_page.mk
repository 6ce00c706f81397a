# The master slice of issue 18: render's closing line (loudness, true peak, clipped
# samples) and the mastering page that lists the master chain.
TESTS += tests/render_report.sh
EXTRA_DIST += tests/render_report.sh
