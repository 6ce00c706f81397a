#!/bin/sh
# Delay compensation in renders (docs/dsp.md, "Delay compensation"): two identical
# mono tracks panned hard left and right, one of them through a limiter that never
# limits (111 frames of lookahead at 48 kHz). Rendered, the two channels must null
# sample for sample; the same with the limiter on a bus, and on a bus only one send
# path of a track goes through; a send delayed on its own keeps its automation in time.
# And the render starts at time 0: the compensated mix
# equals the same mix without any limiter, frame 0 against frame 0. First, proof that
# the check can fail: one frame of offset between the tracks does not null.
#
# Needs sox (the test material). Without it the test skips, except under
# TTYMIX_REQUIRE_ALL=1 (CI), where that is a failure.
set -u

: "${top_builddir:?run me through make check}"
: "${TTYMIX:?run me through make check}"
NULL=$top_builddir/tests/pdc_null

if ! command -v sox >/dev/null 2>&1; then
	if [ "${TTYMIX_REQUIRE_ALL:-0}" = 1 ]; then
		echo "pdc: FAIL: sox is not installed (TTYMIX_REQUIRE_ALL=1 forbids skipping)"
		exit 99
	fi
	echo "pdc: SKIP: sox is not installed"
	exit 77
fi
[ -x "$NULL" ] || { echo "pdc: FAIL: $NULL is missing (make check builds it)"; exit 99; }

work=$(mktemp -d "${TMPDIR:-/tmp}/pdc.XXXXXX") || exit 99
trap 'rm -rf "$work"' EXIT

fail() {
	echo "pdc: FAIL: $*"
	exit 1
}

# noise and a chirp at about -20 dBFS: far from the limiter's 0 dBTP ceiling, and no
# lag but 0 makes two copies cancel
sox -R -D -n -r 48000 -c 1 -b 24 "$work/n.wav" synth 2 whitenoise synth 2 sine mix 200:9000 \
	gain -20 || fail "sox could not make the test material"

LIMITER='{"type": "limiter", "params": {"ceiling_dbtp": 0, "input_db": 0}}'

# track NAME PAN [INSERTS] [OUTPUT] [SENDS] [START]: one track's JSON
track() {
	printf '{"name": "%s", "pan": %s, "inserts": [%s], "output": "%s", "sends": [%s],
	  "clips": [{"file": "n.wav", "start": %s}]}' "$1" "$2" "${3:-}" "${4:-master}" \
		"${5:-}" "${6:-0}"
}

# project DIR TRACKS [BUSES]: a project of those tracks and buses on n.wav
project() {
	mkdir -p "$1" && cp "$work/n.wav" "$1/n.wav" && cat >"$1/project.json" <<EOF
{"format": "ttymix-project", "version": 1, "name": "pdc", "sample_rate": 48000,
 "tracks": [$2], "buses": [${3:-}], "master": {"gain_db": 0}}
EOF
}

render() {
	"$TTYMIX" render "$1" -o "$2" --bits 32f >"$work/render.log" 2>&1 ||
		{ cat "$work/render.log"; fail "ttymix render $1 failed"; }
}

# 0. The check can fail: the right track one frame late does not null.
project "$work/late" "$(track a -1), $(track b 1 '' master '' 0.0000208333)"
render "$work/late" "$work/late.wav"
"$NULL" "$work/late.wav" && fail "one frame of offset nulled: the check cannot fail"
echo "pdc: one frame of offset does not null, as it must not"

# 1. A limiter on the left track: the right one is delayed to meet it.
project "$work/track" "$(track a -1 "$LIMITER"), $(track b 1)"
render "$work/track" "$work/track.wav"
"$NULL" "$work/track.wav" || fail "a limiter on one track: the channels do not null"

# 2. Starting at time 0: the same as the two tracks with no limiter at all.
project "$work/plain" "$(track a -1), $(track b 1)"
render "$work/plain" "$work/plain.wav"
"$NULL" "$work/track.wav" "$work/plain.wav" ||
	fail "the compensated render is not the plain one, frame for frame"

# 3. Through buses: the left track into a bus with the limiter, the right one into a
#    bus without it.
project "$work/bus" \
	"$(track a -1 '' lim), $(track b 1 '' plain)" \
	"{\"name\": \"lim\", \"inserts\": [$LIMITER]}, {\"name\": \"plain\"}"
render "$work/bus" "$work/bus.wav"
"$NULL" "$work/bus.wav" || fail "a limiter on one bus: the channels do not null"

# 4. One send path through the limiter: each track goes to the master and sends -6 dB
#    into a bus; the left one's bus has the limiter. The left track's own output, the
#    right track and its bus must all wait for the left bus.
project "$work/send" \
	"$(track a -1 '' master '{"bus": "lim", "level_db": -6}'), \
	 $(track b 1 '' master '{"bus": "plain", "level_db": -6}')" \
	"{\"name\": \"lim\", \"inserts\": [$LIMITER]}, {\"name\": \"plain\"}"
render "$work/send" "$work/send.wav"
"$NULL" "$work/send.wav" || fail "a limiter on one send's bus: the channels do not null"

# 5. The master's own limiter on top: still aligned to the timeline.
sed 's/"master": {"gain_db": 0}/"master": {"gain_db": 0, "inserts": ['"$LIMITER"']}/' \
	"$work/send/project.json" >"$work/send/p2" && mv "$work/send/p2" "$work/send/project.json"
render "$work/send" "$work/send_master.wav"
"$NULL" "$work/send_master.wav" || fail "with a master limiter: the channels do not null"
# 6. A send that gets a delay of its own reads its automation where its sound is:
#    track a's output goes into the limiter's bus (no wait), its send (opened by a step
#    of its level lane at 1 s) into a bus that track b reaches through its own limiter
#    (a wait of the lookahead, on the send alone). The render must equal the same
#    project with no limiters, step and all.
auto_project() { # BUS-INSERTS NAME: the project in $work/auto_NAME
	mkdir -p "$work/auto_$2" && cp "$work/n.wav" "$work/auto_$2/n.wav" &&
		cat >"$work/auto_$2/project.json" <<EOF
{"format": "ttymix-project", "version": 1, "name": "pdc", "sample_rate": 48000,
 "tracks": [{"name": "a", "pan": 0, "output": "lim",
   "sends": [{"bus": "plain", "level_db": 0}],
   "automation": {"send.plain.level_db": [[0, -144], [1, -144], [1, 0]]},
   "clips": [{"file": "n.wav", "start": 0}]},
  {"name": "b", "pan": 1, "output": "plain", "inserts": [$1], "gain_db": -6,
   "clips": [{"file": "n.wav", "start": 0}]}],
 "buses": [{"name": "lim", "pan": -1, "inserts": [$1]}, {"name": "plain", "pan": 1}],
 "master": {"gain_db": 0}}
EOF
}
auto_project "$LIMITER" lim
auto_project "" plain
render "$work/auto_lim" "$work/auto_lim.wav"
render "$work/auto_plain" "$work/auto_plain.wav"
"$NULL" "$work/auto_lim.wav" "$work/auto_plain.wav" ||
	fail "a delayed send's automation is not where its sound is"
echo "pdc: PASS"
exit 0
