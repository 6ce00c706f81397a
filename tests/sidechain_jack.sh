#!/bin/sh
# A sidechain key in real playback: tests/jack_playback.sh (a private JACK server on its
# dummy backend, `ttymix play`, jack_rec, the recording found sample for sample in an
# offline render, then a playback under tests/rtcheck.so) on tests/sidechain_jack.json:
# LSP's sidechain compressor on the mono track keyed by the stereo track, which has a
# limiter (so the key goes through the delay compensation). The playback must equal
# the render.
: "${top_srcdir:?run me through make check}"
: "${TTYMIX:?run me through make check}"
if ! "$TTYMIX" plugins http://lsp-plug.in/plugins/lv2/sc_compressor_stereo 2>/dev/null |
	grep -q sc_compressor_stereo; then
	if [ "${TTYMIX_REQUIRE_ALL:-0}" = 1 ]; then
		echo "sidechain_jack: FAIL: lsp-plugins-lv2 is not installed"
		exit 99
	fi
	echo "sidechain_jack: SKIP: lsp-plugins-lv2 is not installed"
	exit 77
fi
echo "sidechain_jack: tests/jack_playback.sh with tests/sidechain_jack.json"
JACK_PLAYBACK_PROJECT=$top_srcdir/tests/sidechain_jack.json
export JACK_PLAYBACK_PROJECT
exec "$top_srcdir/tests/jack_playback.sh"
