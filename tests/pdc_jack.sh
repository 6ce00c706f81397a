#!/bin/sh
# Delay compensation in real playback: tests/jack_playback.sh (a private JACK server on
# its dummy backend, `ttymix play`, jack_rec, and the recording found sample for sample
# in an offline render), on a mix whose every path is compensated (tests/pdc_jack.json:
# limiters on a track, on a bus one track sends to pre-fader and the other post-fader,
# and on the master). The playback must equal the render; then it plays under
# tests/rtcheck.so, so the audio-thread contract covers the compensating delays.
: "${top_srcdir:?run me through make check}"
echo "pdc_jack: tests/jack_playback.sh with tests/pdc_jack.json"
JACK_PLAYBACK_PROJECT=$top_srcdir/tests/pdc_jack.json
export JACK_PLAYBACK_PROJECT
exec "$top_srcdir/tests/jack_playback.sh"
