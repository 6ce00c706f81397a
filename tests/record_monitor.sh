#!/bin/sh
# Input monitoring and the armed strips' input meters (src/studio/record.c,
# audio/capture.c) on a private jackd dummy server, started here and stopped by PID.
# A second ttymix plays a 1 kHz sine on its out_L, wired to the studio's in_1; the
# studio's own project is silent, so whatever its out_L carries is the monitored
# input. jack_rec records src:out_L and ttymix:out_L together, and the level of one
# is compared with the other:
#  - :monitoring off (the default), armed: out_L is silent;
#  - auto, armed and stopped: out_L is in_1 at -3.01 dB (a mono input in the middle);
#  - auto while playing: silent again; on while playing: heard; auto while recording
#    (R): heard; off: silent; on but disarmed: silent;
#  - the mixer's armed strip reads the input's peak (the reading above its meter),
#    and once disarmed no more.
# Every change is waited for by measuring again (up to WAIT_SEC), never by a sleep.
#
# Needs tmux, sox, python3, jackd, jack_lsp, jack_connect, jack_rec (Debian jackd2).
set -u

: "${top_srcdir:?run me through make check}"
: "${top_builddir:?run me through make check}"
: "${TTYMIX:?run me through make check}"
WAIT_SEC=30

PACKAGES="tmux, sox, python3 and jackd2"
TEST=record_monitor
. "$top_srcdir/tests/tmux_lib.sh"
require_tools tmux sox python3 jackd jack_lsp jack_connect jack_rec timeout
tmux_setup recmon

jack_private recmon
on_exit() {
	[ -z "${play_pid:-}" ] || kill -KILL "$play_pid" 2>/dev/null
}
CLEANUP_HOOK=on_exit
play_pid=

# measure: a second of src:out_L and ttymix:out_L (jack_rec takes whole seconds),
# its first 200 ms dropped; sets src_db and out_db (RMS, dBFS; -999 for digital silence) and gain
# (out_db - src_db)
measure() {
	rm -f m.wav
	timeout 20 jack_rec -f m.wav -d 1 -b 32 src:out_L ttymix:out_L >jack_rec.log 2>&1 ||
		fail "jack_rec failed: $(cat jack_rec.log)"
	sox m.wav -t f32 -e floating-point m.raw trim 0.2 2>sox.log ||
		fail "sox could not read jack_rec's file: $(cat sox.log)"
	set -- $(python3 -c '
import array, math, sys
a = array.array("f")
a.frombytes(open("m.raw", "rb").read())
def db(xs):
    ms = sum(x * x for x in xs) / max(len(xs), 1)
    return 10 * math.log10(ms) if ms > 0 else -999.0
s, o = db(a[0::2]), db(a[1::2])
print("%.3f %.3f %.3f" % (s, o, o - s))')
	src_db=$1 out_db=$2 gain=$3
}
# heard: the input on out_L at -3.01 dB (within 0.1 dB)
heard() {
	measure
	python3 -c 'import sys; sys.exit(abs(float(sys.argv[1]) + 3.0103) > 0.1 or float(sys.argv[2]) < -40)' \
		"$gain" "$src_db"
}
# silent: nothing on out_L (the project is silent)
silent() {
	measure
	python3 -c 'import sys; sys.exit(float(sys.argv[1]) > -120)' "$out_db"
}
# expect heard|silent WHAT: measure until it holds, or fail after WAIT_SEC
expect() {
	t0=$(date +%s)
	until "$1"; do
		[ $(($(date +%s) - t0)) -lt "$WAIT_SEC" ] ||
			fail "$2: out_L is at $out_db dBFS, the input at $src_db dBFS ($gain dB), not $1"
	done
	echo "$TEST: $2: $1: input $src_db dBFS, out_L $out_db dBFS ($gain dB)"
}

cd "$WORK" || exit 99
sox -R -D -n -r 48000 -c 1 -b 24 sine.wav synth 60 sine 1000 gain -12 &&
sox -R -D -n -r 48000 -c 1 -b 24 vox.wav trim 0 60 ||
	fail "sox could not make the material"
"$TTYMIX" new "$WORK/src" sine.wav >new.log 2>&1 || fail "ttymix new (src) failed"
"$TTYMIX" new "$WORK/proj" vox.wav >new2.log 2>&1 || fail "ttymix new (proj) failed"
start_jackd 100 || fail "jackd did not answer within 10 s: ${jackd_why:-no message}"

# under tests/rtcheck.so (not in a sanitizer build: it brings its own malloc): JACK's
# callback, metering and monitoring the inputs, keeps the audio thread's contract
rt=
[ -n "${TTYMIX_SANITIZED:-}" ] || rt=LD_PRELOAD=$top_builddir/tests/rtcheck.so
# shellcheck disable=SC2086
tmux_start live 120 30 TERM=screen LANG=C.UTF-8 LC_ALL=C.UTF-8 $rt \
	XDG_DATA_HOME="$WORK/xdg" -- --output jack --no-connect "$WORK/proj"
wait_for live 'JACK: ttymix, 48000 Hz'
wait_until "has_port ttymix:in_1"
"$TTYMIX" play "$WORK/src" --output jack --jack-name src --no-connect >play.log 2>&1 &
play_pid=$!
wait_until "has_port src:out_L"
jack_connect src:out_L ttymix:in_1 || fail "jack_connect src:out_L ttymix:in_1 failed"

keys live : a r m Space v o x Enter
wait_for live '"vox" armed: input 1'
expect silent "monitoring off (the default), armed, stopped"
keys live : m o n i t o r i n g Space a u t o Enter
wait_for live 'input monitoring auto'
expect heard "auto, armed, stopped"
level=$gain

# the input meter: the armed strip reads the input's peak, as src's out_L has it
python3 -c '
import array, math
a = array.array("f")
a.frombytes(open("m.raw", "rb").read())
print("%.1f" % (20 * math.log10(max(abs(x) for x in a[0::2]))))' >peak.txt
peak=$(cat peak.txt)
keys live 2
wait_for live 'REC'
# meter_reads: the screen's readings row (the third line) holds peak within 0.15 dB
meter_reads() {
	capture live
	sed -n 3p "$WORK/screen" | python3 -c '
import re, sys
want = float(sys.argv[1])
sys.exit(not any(abs(float(v) - want) <= 0.15 for v in re.findall(r"-\d+\.\d", sys.stdin.read())))' "$peak"
}
tries=0
until meter_reads; do
	[ "$tries" -lt $((WAIT_SEC * 10)) ] ||
		fail "the armed strip does not read the input's peak $peak dBFS"
	sleep 0.1
	tries=$((tries + 1))
done
echo "$TEST: the armed strip's input meter reads $peak dBFS"

keys live Space
wait_for live 'PLAY'
expect silent "auto while playing"
keys live : m o n i t o r i n g Space o n Enter
wait_for live 'input monitoring on'
expect heard "on while playing"
keys live Space
wait_for live 'STOP'
keys live : m o n i t o r i n g Space a u t o Enter
wait_for live 'input monitoring auto'
keys live : m o n i t o r i n g Space o f f Enter
wait_for live 'input monitoring off'
expect silent "off, stopped"
keys live : m o n i t o r i n g Space a u t o Enter
wait_for live 'input monitoring auto'
keys live R
wait_for live 'recording vox \(take 1\)'
expect heard "auto while recording"
keys live R
wait_for live 'recorded vox take 1'
keys live : m o n i t o r i n g Space o n Enter
wait_for live 'input monitoring on'
keys live : a r m Space v o x Space o f f Enter
wait_for live '"vox" disarmed'
expect silent "on, disarmed"
if meter_reads; then
	fail "the disarmed strip still reads the input's peak $peak dBFS"
fi
echo "$TEST: monitoring heard at $level dB of the input (-3.01 expected)"
keys live : q ! Enter
wait_exit live >/dev/null
if [ -n "$rt" ]; then
	capture live
	grep -q 'rtcheck: [0-9]* audio callbacks checked, 0 violations' "$WORK/screen" ||
		fail "no clean rtcheck summary from the studio"
	echo "$TEST: $(grep -o 'rtcheck: [0-9]* audio callbacks checked, 0 violations' "$WORK/screen")"
fi
exit 0
