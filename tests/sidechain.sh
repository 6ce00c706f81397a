#!/bin/sh
# Sidechain keys from another strip (issue 19): LSP's Sidechain Compressor Stereo on a
# pad (a steady 440 Hz sine), keyed by a kick track (60 Hz bursts of 0.1 s every 0.5 s)
# with `"sidechain": "kick"`. The kick plays into a muted bus, so the render is the
# pad alone.
#   1. The pad is ducked while the kick plays and not between kicks; with no key (its
#      sidechain hears the pad, under the threshold) it is not ducked at all. The same
#      with the compressor on the pad's bus keyed by the kick's bus listed after it.
#   2. The key is in time whatever the delay compensation does: a 111-frame limiter
#      that never limits on the kick, or on the kick's bus (the key then gets a delay
#      line of its own), leaves the pad's render as it was (a key one frame early does
#      not); and one render thread equals two (the keyed track plays after the others
#      in both).
#   The playback of a key under the rtcheck preload: 0 violations.
#   3. A loop of keys, a track keyed by a bus and a key on a plug-in without sidechain
#      inputs are refused by check, one line naming the strips.
#
# Needs sox and lsp-plugins-lv2. Without them the test skips, except under
# TTYMIX_REQUIRE_ALL=1 (CI), where that is a failure.
set -u

: "${top_builddir:?run me through make check}"
: "${TTYMIX:?run me through make check}"
NULL=$top_builddir/tests/pdc_null
SCCOMP=http://lsp-plug.in/plugins/lv2/sc_compressor_stereo

skip() {
	if [ "${TTYMIX_REQUIRE_ALL:-0}" = 1 ]; then
		echo "sidechain: FAIL: $* (TTYMIX_REQUIRE_ALL=1 forbids skipping)"
		exit 99
	fi
	echo "sidechain: SKIP: $*"
	exit 77
}
command -v sox >/dev/null 2>&1 || skip "sox is not installed"
"$TTYMIX" plugins "$SCCOMP" 2>/dev/null | grep -q sc_compressor_stereo ||
	skip "lsp-plugins-lv2 is not installed"
[ -x "$NULL" ] || { echo "sidechain: FAIL: $NULL is missing (make check builds it)"; exit 99; }

work=$(mktemp -d "${TMPDIR:-/tmp}/sidechain.XXXXXX") || exit 99
trap 'rm -rf "$work"' EXIT

fail() {
	echo "sidechain: FAIL: $*"
	exit 1
}

cd "$work" || exit 99
sox -n -r 48000 -c 1 -b 24 hit.wav synth 0.1 sine 60 gain -3 pad 0 0.4 &&
	sox hit.wav kick.wav repeat 7 &&
	sox -n -r 48000 -c 1 -b 24 pad.wav synth 4 sine 440 gain -20 ||
	fail "sox could not make the test material"

LIMITER='{"type": "limiter", "params": {"ceiling_dbtp": 0, "input_db": 0}}'
# the compressor: listening to its sidechain inputs (sct 2), 1 ms attack, 50 ms
# release, ratio 20 above -20 dBFS, all wet
comp() {
	printf '{"type": "lv2", "uri": "%s", "params": {"sct": 2, "al": 0.1, "cr": 20,
	  "at": 1, "rt": 50, "mk": 1, "cdr": 0, "cwt": 1}%s}' "$SCCOMP" "${1:+, \"sidechain\": \"$1\"}"
}

# project DIR KEY [KICK_INSERTS] [KBUS_INSERTS] [KICK_KEY]
project() {
	mkdir -p "$1" && cp kick.wav pad.wav "$1/" && cat >"$1/project.json" <<EOF
{"format": "ttymix-project", "version": 1, "name": "sc", "sample_rate": 48000,
 "tracks": [
  {"name": "kick", "output": "kbus", "inserts": [${3:-}],
   "clips": [{"file": "kick.wav", "start": 0}]},
  {"name": "pad", "inserts": [$(comp "$2")], "clips": [{"file": "pad.wav", "start": 0}]}],
 "buses": [{"name": "kbus", "mute": true, "inserts": [${4:-}]}],
 "master": {"gain_db": 0}}
EOF
}

render() {
	"$TTYMIX" render "$1" -o "$2" --bits 32f >"$work/render.log" 2>&1 ||
		{ cat "$work/render.log"; fail "ttymix render $1 failed"; }
}

# rms FILE START SECONDS: the left channel's RMS level there, dBFS
rms() {
	sox "$1" -n remix 1 trim "$2" "$3" stats 2>&1 | awk '/^RMS lev dB/ { print $4 }'
}

# 1. Ducked by the kick, and only while it plays.
project keyed kick
project free ''
render keyed keyed.wav
render free free.wav
for at in 0.5 1.5 2.5 3.5; do
	during=$(rms keyed.wav "$(echo "$at + 0.03" | bc)" 0.05)
	between=$(rms keyed.wav "$(echo "$at - 0.1" | bc)" 0.08)
	free=$(rms free.wav "$(echo "$at + 0.03" | bc)" 0.05)
	echo "sidechain: kick at ${at} s: pad ${during} dB while it plays, ${between} dB" \
		"between kicks, ${free} dB with no key"
	awk -v d="$during" -v b="$between" -v f="$free" 'BEGIN {
		exit !(d < b - 6 && b > f - 0.5 && b < f + 0.5) }' ||
		fail "kick at $at s: the pad is not ducked by the kick alone"
done

# A bus keyed by a bus listed after it: the key's bus is mixed first. (The key is after
# the fader: a muted bus keys nothing, so the kick's bus plays into a muted one.)
mkdir -p buses && cp kick.wav pad.wav buses/ && cat >buses/project.json <<EOF
{"format": "ttymix-project", "version": 1, "name": "sc", "sample_rate": 48000,
 "tracks": [
  {"name": "kick", "output": "kbus", "clips": [{"file": "kick.wav", "start": 0}]},
  {"name": "pad", "output": "pbus", "clips": [{"file": "pad.wav", "start": 0}]}],
 "buses": [{"name": "pbus", "inserts": [$(comp kbus)]}, {"name": "kbus", "output": "hole"},
  {"name": "hole", "mute": true}],
 "master": {"gain_db": 0}}
EOF
render buses buses.wav
"$NULL" keyed.wav buses.wav --max-dbfs -85 ||
	fail "a bus keyed by a bus does not duck as a track keyed by a track"

# 2. In time through delay compensation, and on one thread as on two. The plug-in's
# own processing differs by about -93 dBFS when its blocks fall 111 frames apart, so
# the bar is -85 dBFS; a key one frame early misses it (about -69 dBFS).
project early kick
sed 's/"file": "kick.wav", "start": 0/&, "offset": 0.0000208333/' keyed/project.json \
	>early/project.json
render early early.wav
"$NULL" keyed.wav early.wav --max-dbfs -85 && fail "a key one frame early passed: the check cannot fail"
project latekick kick "$LIMITER"
render latekick latekick.wav
"$NULL" keyed.wav latekick.wav --max-dbfs -85 ||
	fail "a limiter on the kick moved the ducking"
project latebus kick '' "$LIMITER"
render latebus latebus.wav
"$NULL" keyed.wav latebus.wav --max-dbfs -85 ||
	fail "a limiter on the kick's bus moved the ducking (the key's own delay)"
TTYMIX_RENDER_THREADS=1 render keyed one.wav
TTYMIX_RENDER_THREADS=2 render keyed two.wav
# (not bit for bit: the plug-in's release after each kick differs by about -89 dBFS
# between a one-thread and a two-thread render, and so does the bus keyed by a bus,
# which plays on one thread in both: the thread count moves the plug-in, not the
# key's order; well under what a key one frame out of time makes)
"$NULL" one.wav two.wav --max-dbfs -85 || fail "one render thread differs from two"

# The audio thread with a key, under the rtcheck preload: ttymix's code in every
# callback (the key's copy and delay, the keyed track after the others) is policed.
if [ -z "${TTYMIX_SANITIZED:-}" ]; then
	RT=$top_builddir/tests/rtcheck.so
	[ -f "$RT" ] || fail "$RT is missing (make check builds it)"
	LD_PRELOAD=$RT "$TTYMIX" play latebus --output null --duration 2 >rt.out 2>rt.err ||
		{ cat rt.err; fail "play under rtcheck failed"; }
	grep '^rtcheck' rt.err
	grep -q '^rtcheck: violation' rt.err && fail "the audio thread broke the contract"
	grep -q '^rtcheck: [1-9][0-9]* audio callbacks checked, 0 violations$' rt.err ||
		fail "rtcheck checked no callback"
fi

# 3. Refused, one line each.
refused() {
	"$TTYMIX" check "$1" >check.log 2>&1 && fail "check accepted $1"
	grep -q "$2" check.log || fail "check on $1 did not say '$2': $(cat check.log)"
	echo "sidechain: refused: $(grep sidechain check.log)"
}
project loop kick "$(comp pad)"
refused loop '"kick" keys "pad", "pad" keys "kick"'
project bybus kbus
refused bybus 'track "pad" cannot be keyed by bus "kbus"'
mkdir -p noside && cp kick.wav pad.wav noside/ && sed "s|$SCCOMP|http://lsp-plug.in/plugins/lv2/compressor_stereo|; s|\"sct\": 2, ||" keyed/project.json \
	>noside/project.json
refused noside 'has no sidechain input'

"$TTYMIX" check keyed >/dev/null || fail "check refused the keyed project"
echo "sidechain: PASS"
