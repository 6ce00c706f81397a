#!/bin/sh
# Recording through PortAudio (audio/driver_pa.c's duplex stream), reached through
# PortAudio's JACK host API on a private jackd dummy server, started here and stopped
# by PID. The studio runs with --output pa; arming a track reopens the output duplex
# (its JACK client gains input ports), disarming them all closes the inputs again.
# A second ttymix plays a known signal on its own JACK ports, wired to the studio's
# PortAudio inputs; R records it; the take matches the source's render within
# -90 dBFS after alignment (tests/align_compare). :latency shows the latencies
# PortAudio reported, which place the take. Wired back to its own inputs, the take
# lands where the song played it once the loop's own delay (a JACK period, which
# PortAudio does not report) is measured and set with :latency: within 1 ms.
#
# Needs tmux, sox, python3, jackd, jack_lsp, jack_connect, jack_disconnect (jackd2).
set -u

: "${top_srcdir:?run me through make check}"
: "${top_builddir:?run me through make check}"
: "${TTYMIX:?run me through make check}"
ALIGN=$top_builddir/tests/align_compare
WAIT_SEC=30

PACKAGES="tmux, sox, python3 and jackd2"
TEST=record_pa
. "$top_srcdir/tests/tmux_lib.sh"
require_tools tmux sox python3 jackd jack_lsp jack_connect jack_disconnect timeout
tmux_setup recpa

jack_private recpa
on_exit() {
	[ -z "${play_pid:-}" ] || kill -KILL "$play_pid" 2>/dev/null
}
CLEANUP_HOOK=on_exit
play_pid=

# pa_inputs: the studio's PortAudio input ports (the client is ttymix, its ports
# other than the two outputs), sorted, into WORK/in_ports.txt; true when there are 2
pa_inputs() {
	timeout 5 jack_lsp 2>/dev/null | grep '^ttymix:' | grep -v ':out' | sort \
		>"$WORK/in_ports.txt"
	[ "$(wc -l <"$WORK/in_ports.txt")" -eq 2 ]
}
no_pa_inputs() {
	timeout 5 jack_lsp >"$WORK/ports.txt" 2>/dev/null || return 1
	grep -q '^ttymix:out' "$WORK/ports.txt" && ! grep '^ttymix:' "$WORK/ports.txt" |
		grep -qv ':out'
}

. "$top_srcdir/tests/record_lib.sh"
record_material
start_jackd 100 || fail "jackd did not answer within 10 s: ${jackd_why:-no message}"

# under tests/rtcheck.so (not in a sanitizer build: it brings its own malloc): the
# duplex callback, the capture included, keeps the audio thread's contract
rt=
[ -n "${TTYMIX_SANITIZED:-}" ] || rt=LD_PRELOAD=$top_builddir/tests/rtcheck.so
# shellcheck disable=SC2086
tmux_start live 120 30 TERM=screen LANG=C.UTF-8 LC_ALL=C.UTF-8 $rt \
	XDG_DATA_HOME="$WORK/xdg" -- --output pa "$WORK/proj"
wait_for live 'JACK'
wait_until 'no_pa_inputs'
keys live : m u t e Space 1 Space o n Enter
keys live : t r a c k Space a d d Space v o x Enter
keys live : i n p u t Space v o x Space 1 - 2 Enter
wait_for live 'records input 1-2 \(stereo\)'
keys live : a r m Space v o x Enter
# armed: the output opens again, duplex
wait_for live 'armed: the output reads 2 inputs for recording'
wait_until 'pa_inputs'
in1=$(sed -n 1p in_ports.txt)
in2=$(sed -n 2p in_ports.txt)
echo "$TEST: armed: the PortAudio inputs are $in1 and $in2"
keys live : l a t e n c y Enter
wait_for live 'recording latency: capture [0-9]+ \+ playback [0-9]+'
capture live
grep -o 'recording latency: [^│]*)' "$WORK/screen" | head -n 1

"$TTYMIX" play "$WORK/src" --output jack --jack-name src --no-connect >play.log 2>&1 &
play_pid=$!
wait_until "has_port src:out_R"
# the dummy's capture ports, which PortAudio wired in, are let go
for p in "$in1" "$in2"; do
	for from in $(timeout 5 jack_lsp -c "$p" 2>/dev/null | sed -n 's/^ \{1,\}//p'); do
		jack_disconnect "$from" "$p" 2>/dev/null
	done
done
jack_connect src:out_L "$in1" && jack_connect src:out_R "$in2" ||
	fail "jack_connect src -> the PortAudio inputs failed"
keys live R
wait_for live 'recording vox \(take 1\)'
wait_until '! kill -0 $play_pid 2>/dev/null'
wait "$play_pid" || fail "the source's play failed: $(cat play.log)"
play_pid=
keys live R
wait_for live 'recorded vox take 1'
take=proj/audio/vox-take1.wav
[ -f "$take" ] || fail "no $take"
"$ALIGN" ref.wav "$take" --min-overlap 2 --max-peak -90 >align.log 2>&1 ||
	fail "the take does not match the source: $(cat align.log)"
echo "$TEST: known signal through PortAudio: $(tail -n 1 align.log)"

# loopback: PortAudio's outputs wired to its inputs while the song plays; where the
# take lands against where the song played it (PortAudio reports the latencies that
# place it; a loop within one JACK client is a period late, which :latency measures)
clip() {
	python3 -c '
import json, sys
p = json.load(open(sys.argv[1] + "/project.json"))
for t in p["tracks"]:
    for c in t.get("clips", []):
        if c["file"] == sys.argv[2]:
            print(c.get("start", 0), c.get("offset", 0))
' "$1" "$2"
}
keys live : m u t e Space v o x Space o n Enter
keys live : m u t e Space 1 Space o f f Enter
for p in "$in1" "$in2"; do
	for from in $(timeout 5 jack_lsp -c "$p" 2>/dev/null | sed -n 's/^ \{1,\}//p'); do
		jack_disconnect "$from" "$p" 2>/dev/null
	done
done
outs=$(timeout 5 jack_lsp 2>/dev/null | grep '^ttymix:out' | sort)
set -- $outs
jack_connect "$1" "$in1" && jack_connect "$2" "$in2" || fail "jack_connect out -> in failed"
keys live : l o c a t e Space 0 Enter
keys live R
wait_for live 'recording vox \(take 2\)'
wait_clock live REC 4.2
keys live R
wait_for live 'recorded vox take 2'
keys live : w Enter
wait_for live 'saved'
"$ALIGN" ref.wav proj/audio/vox-take2.wav --min-overlap 2 --max-peak -90 >align2.log 2>&1 ||
	fail "the loopback take does not match the song: $(cat align2.log)"
lag=$(sed -n 's/^align_compare: lag \(-*[0-9]*\) frames.*/\1/p' align2.log)
set -- $(clip proj audio/vox-take2.wav)
err=$(python3 -c 'import sys; print(round(int(sys.argv[1]) - (float(sys.argv[2]) - float(sys.argv[3])) * 48000))' "$lag" "$1" "$2")
echo "$TEST: loopback, PortAudio's latencies only: take at $1 s (offset $2 s), heard at lag $lag frames: error $err frames"
# that error measured and set with :latency, the next take lands within 1 ms (a loop
# can only be late: a take placed before its sound came would be a wrong latency)
[ "$err" -le 0 ] || fail "the loopback take is placed $err frames before its sound"
keys live : l a t e n c y Space $(echo "${err#-}" | sed 's/./& /g') Enter
wait_for live "offset ${err#-} ="
keys live : l o c a t e Space 0 Enter
keys live R
wait_for live 'recording vox \(take 3\)'
wait_clock live REC 4.2
keys live R
wait_for live 'recorded vox take 3'
keys live : w Enter
wait_for live 'saved'
"$ALIGN" ref.wav proj/audio/vox-take3.wav --min-overlap 2 --max-peak -90 >align3.log 2>&1 ||
	fail "the loopback take 3 does not match the song: $(cat align3.log)"
lag=$(sed -n 's/^align_compare: lag \(-*[0-9]*\) frames.*/\1/p' align3.log)
set -- $(clip proj audio/vox-take3.wav)
[ $# -eq 2 ] || fail "no clip for take 3 in project.json"
err=$(python3 -c 'import sys; print(round(int(sys.argv[1]) - (float(sys.argv[2]) - float(sys.argv[3])) * 48000))' "$lag" "$1" "$2")
echo "$TEST: loopback with :latency: take at $1 s (offset $2 s), heard at lag $lag frames: error $err frames"
[ "${err#-}" -le 48 ] || fail "the loopback take is $err frames off (more than 1 ms)"

# disarmed: the inputs are let go (the output opens again, output only)
keys live : a r m Space v o x Space o f f Enter
wait_for live 'nothing armed: the output lets its inputs go'
wait_until 'no_pa_inputs'
keys live : q ! Enter
wait_exit live >/dev/null
if [ -n "$rt" ]; then
	capture live
	grep -q 'rtcheck: [0-9]* audio callbacks checked, 0 violations' "$WORK/screen" ||
		fail "no clean rtcheck summary from the studio"
	echo "$TEST: $(grep -o 'rtcheck: [0-9]* audio callbacks checked, 0 violations' "$WORK/screen")"
fi
exit 0
