# The master slice of issue 18: render's closing line (loudness, true peak, clipped
# samples) and the mastering page that lists the master chain.
TESTS += tests/render_report.sh
EXTRA_DIST += tests/render_report.sh
# the mastering page in tmux: the chain with its settings and GR, K into the limiter,
# the fader's true-peak warning
TESTS += tests/ui_master_chain.sh
EXTRA_DIST += tests/ui_master_chain.sh
