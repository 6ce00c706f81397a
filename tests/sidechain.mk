# Sidechain keys from another strip (issue 19): an LSP sidechain compressor on a pad
# keyed by a kick track, in time through delay compensation; loops refused.
TESTS += tests/sidechain.sh
EXTRA_DIST += tests/sidechain.sh

# :sidechain in the studio (tmux): Tab, one undo step, :w, refusals.
TESTS += tests/ui_sidechain.sh
EXTRA_DIST += tests/ui_sidechain.sh

# A key in real playback through JACK equals the render.
EXTRA_DIST += tests/sidechain_jack.sh tests/sidechain_jack.json
