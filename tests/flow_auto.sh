#!/bin/sh
# `ttymix flow` puts each automation lane's effect at the stage its control acts on
# (issue 18: a gain lane showed on the clip stage). A mono 440 Hz sine at half scale
# (-6.0 dBFS peak) through an eq whose 440 Hz band has a lane at -6 dB (its static
# gain 0), a fader lane at -20 dB (fader 0), a pan lane hard left (pan centre) and a
# post-fader send to "verb" with a lane at -10 dB (level 0 dB):
#   clip -6.0, insert 1 -12.0, fader -32.0, pan -32.0 (hard left: no pan law), send
#   -42.0 (rendered, not the level + send sum).
# The clip fades in over 0.2 s, so the eq's glide to its lane's value at the start
# does not reach the peaks. Needs sox.
set -u
: "${TTYMIX:?run me through make check}"
TEST=flow_auto

missing() {
	if [ "${TTYMIX_REQUIRE_ALL:-0}" = 1 ]; then
		echo "$TEST: FAIL: $1 (install sox)"
		exit 99
	fi
	echo "$TEST: SKIP: $1"
	exit 77
}
command -v sox >/dev/null 2>&1 || missing "no sox"

t=$(mktemp -d "${TMPDIR:-/tmp}/ttymix-flow-auto.XXXXXX") || exit 99
trap 'rm -rf "$t"' EXIT
trap 'exit 1' INT TERM HUP
fail() {
	echo "$TEST: FAIL: $*"
	[ -f "$t/out" ] && cat "$t/out"
	exit 1
}

mkdir -p "$t/song/audio" || exit 99
sox -n -r 48000 -c 1 "$t/song/audio/t.wav" synth 2 sine 440 vol 0.5 || fail "sox"
cat >"$t/song/project.json" <<'JSON'
{
	"format": "ttymix-project",
	"version": 1,
	"name": "song",
	"sample_rate": 48000,
	"pan_law_db": -3,
	"tracks": [{
		"name": "t",
		"gain_db": 0,
		"pan": 0,
		"inserts": [{ "type": "eq", "params": { "band1_hz": 440 } }],
		"sends": [{ "bus": "verb", "level_db": 0 }],
		"automation": {
			"gain_db": [[0, -20], [2, -20]],
			"pan": [[0, -1], [2, -1]],
			"insert.1.band1_db": [[0, -6], [2, -6]],
			"send.verb.level_db": [[0, -10], [2, -10]]
		},
		"clips": [{ "file": "audio/t.wav", "start": 0, "fade_in": 0.2 }]
	}],
	"buses": [{ "name": "verb", "inserts": [{ "type": "delay" }] }],
	"master": { "gain_db": 0 }
}
JSON
"$TTYMIX" flow "$t/song" t >"$t/out" 2>&1 || fail "ttymix flow failed"

# stage NAME has peak PEAK
want() {
	grep -Eq "^  $1 +$2 " "$t/out" || fail "want the stage \"$1\" at $2 dBFS peak"
}
want 'clip' '-6\.0'
want 'insert 1 eq automated' '-12\.0'
want 'fader automated' '-32\.0'
want 'pan automated' '-32\.0'
want 'send verb automated post' '-42\.0'
grep -q '(level + send)' "$t/out" && fail "the automated send was computed, not rendered"
echo "$TEST: ok"
