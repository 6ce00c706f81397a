#!/bin/sh
# The monitor section in the real studio, heard through a real JACK server:
#  1. a private jackd (dummy backend) started and stopped by PID; ttymix plays a
#     project whose left and right differ (440 Hz left, 1 kHz right) into it through
#     PortAudio, in tmux at 80x24, on the mastering page;
#  2. `m` cycles the monitor modes and the status line says each one ("MON mono",
#     "MON left", ..., none for stereo); `d` adds "dim"; `:monitor mono` sets a mode;
#  3. jack_rec records ttymix's ports in stereo mode (the sides differ, so the check
#     below can fail) and in mono mode: there the two sides are the same samples;
#  4. the render of the same project is unchanged by any of it (its sides still
#     differ): the monitor is heard, never rendered;
#  5. :q! ends the studio (exit 0), which is gone before jackd is stopped.
#
# Needs tmux, sox, jackd, jack_lsp and jack_rec (Debian jackd2). Without them the test
# skips, except under TTYMIX_REQUIRE_ALL=1, where a missing part is a failure.
set -u

: "${top_srcdir:?run me through make check}"
: "${TTYMIX:?run me through make check}"
WAIT_SEC=20

PACKAGES="tmux, sox and jackd2"
TEST=ui_monitor
. "$top_srcdir/tests/tmux_lib.sh"
require_tools tmux sox jackd jack_lsp jack_rec timeout awk
tmux_setup monitor
# The studio is stopped by its PID before the test ends: left to the EXIT trap, it
# would get SIGHUP from the closing tmux while jackd is stopped under it, which once
# left it hanging in PortAudio for good (issue 15). On a failure the trap ends it.
stop_studio() {
	[ -s "$WORK/s.pid" ] || return 0
	studio_pid=$(cat "$WORK/s.pid")
	kill -0 "$studio_pid" 2>/dev/null || return 0
	kill -TERM "$studio_pid" 2>/dev/null
	tries=0
	while kill -0 "$studio_pid" 2>/dev/null && [ "$tries" -lt 50 ]; do
		sleep 0.1
		tries=$((tries + 1))
	done
	kill -KILL "$studio_pid" 2>/dev/null
}
CLEANUP_HOOK=stop_studio

jack_private monitor

cd "$WORK" || exit 99
sox -n -r 48000 -c 1 l.wav synth 60 sine 440 vol 0.4 && \
sox -n -r 48000 -c 1 r.wav synth 60 sine 1000 vol 0.2 && \
sox -M l.wav r.wav lr.wav || fail "sox could not make the test material"
"$TTYMIX" new "$WORK/song" lr.wav >/dev/null || fail "ttymix new failed"

if ! start_jackd 100; then
	fail "jackd did not answer within 10 s: ${jackd_why:-no message}"
fi

tmux_start s 80 24 TERM=screen LANG=C.UTF-8 LC_ALL=C.UTF-8 \
	JACK_DEFAULT_SERVER="$JACK_DEFAULT_SERVER" JACK_NO_START_SERVER=1 \
	XDG_DATA_HOME="$WORK/xdg" -- --output pa "$WORK/song"
wait_for s 'Master'
keys s 3
wait_for s 'MASTERING'

# the modes, one key each, said on the status line
status_has() { # ERE on the last line
	tries=0
	while [ "$tries" -lt $((WAIT_SEC * 10)) ]; do
		capture s && tail -n 1 "$WORK/screen" | grep -Eq -- "$1" && return 0
		sleep 0.1
		tries=$((tries + 1))
	done
	fail "the status line never showed /$1/"
}
for mode in mono left right side swap; do
	keys s m
	status_has "MON $mode "
done
keys s m
wait_for s 'monitor: stereo \(plain stereo of the mix\)'
tail -n 1 "$WORK/screen" | grep -q 'MON' && fail "the status line still shows MON in stereo"
keys s d
status_has 'MON dim '
keys s d
wait_for s 'monitor: dim off'
echo "ui_monitor: the status line followed m (5 modes and back) and d"

# the spectrum folds into the plot's place at 80x24 (v), and back
keys s v
wait_for s '^ Spectrum +1/3 octave'
wait_for s '^ +-72 dB'
keys s v
wait_for s '^ Short-term loudness'
wait_for s '^ correlation '

ttymix_out_ports

keys s Space
wait_for s ' PLAY '

# record: FILE SECONDS
record() {
	timeout 20 jack_rec -f "$1" -d "$2" -b 32 "$port_l" "$port_r" >"$WORK/jack_rec.log" 2>&1 \
		|| fail "jack_rec failed: $(cat "$WORK/jack_rec.log")"
}
# max |L - R| and the RMS of L, of a recording
diff_peak() { sox "$1" -n remix 1,2v-1 stat 2>&1 | awk '/^Maximum amplitude/ { print $3 }'; }
left_rms() { sox "$1" -n remix 1 stat 2>&1 | awk '/^RMS +amplitude/ { print $3 }'; }

record stereo.wav 1
d=$(diff_peak stereo.wav)
rms=$(left_rms stereo.wav)
echo "ui_monitor: stereo: max |L-R| $d, left RMS $rms"
awk -v d="$d" 'BEGIN { exit !(d > 0.3) }' || fail "in stereo the sides should differ (|L-R| $d)"

keys s : 'monitor mono' Enter
status_has 'MON mono '
# The status line shows the mode as it is set; the sound follows at the next callback
# and a 10 ms crossfade. On a loaded machine jackd's cycles can run late, so a first
# second may still catch the crossfade: record again (within WAIT_SEC) until a whole
# second is mono. Every second after the first exact one must stay exact too: the
# second recording proves it holds, not that it happened once.
tries=0
while :; do
	record mono.wav 1
	d=$(diff_peak mono.wav)
	awk -v d="$d" 'BEGIN { exit !(d == 0) }' && break
	tries=$((tries + 1))
	[ "$tries" -lt "$WAIT_SEC" ] || break
	echo "ui_monitor: mono: a recording still held |L-R| $d; again"
done
rms=$(left_rms mono.wav)
echo "ui_monitor: mono: max |L-R| $d, left RMS $rms"
awk -v r="$rms" 'BEGIN { exit !(r > 0.1) }' || fail "the mono recording is silent (RMS $rms)"
awk -v d="$d" 'BEGIN { exit !(d == 0) }' || fail "in mono L and R differ (|L-R| $d)"
# A second in which jackd counted xruns (a loaded machine: cycles dropped or late,
# which jack_rec's capture can tear) proves nothing either way: record it again. A
# second with none must be exact.
jack_xruns() { grep -ci xrun "$WORK/jackd.log"; }
tries=0
while :; do
	x0=$(jack_xruns)
	record mono2.wav 1
	d=$(diff_peak mono2.wav)
	awk -v d="$d" 'BEGIN { exit !(d == 0) }' && break
	x1=$(jack_xruns)
	tries=$((tries + 1))
	[ "$x1" -gt "$x0" ] && [ "$tries" -lt "$WAIT_SEC" ] ||
		fail "mono did not hold: a later second has L and R differ (|L-R| $d), with $((x1 - x0)) jackd xruns in it"
	echo "ui_monitor: mono: a second with $((x1 - x0)) jackd xruns held |L-R| $d; again"
done

# the reference track: loaded, measured, switched to with R (the status line says REF)
sox -n -r 44100 -c 2 ref.wav synth 5 pinknoise vol 0.5 || fail "sox could not make ref.wav"
keys s : "reference $WORK/ref.wav" Enter
wait_for s 'reference ref\.wav: 5\.0 s, -[0-9]+\.[0-9] LUFS integrated'
keys s R
status_has 'MON REF mono '
keys s R
wait_for s 'monitor: back to the mix'
keys s : 'reference /nonexistent/x.wav' Enter
wait_for s '/nonexistent/x\.wav: '

# the A/B needs a master chain; with one, a bypasses it and the status line says so
keys s a
wait_for s 'A/B: the master chain is empty'
keys s : 'insert master add compressor' Enter
sleep 0.5
keys s a
status_has 'A/B:bypass '
keys s a
wait_for s 'A/B: the master chain plays'
echo "ui_monitor: reference and A/B keys answered"

# the render is untouched by the monitor
"$TTYMIX" render "$WORK/song" -o "$WORK/render.wav" --end 1 >/dev/null 2>&1 \
	|| fail "ttymix render failed"
d=$(diff_peak render.wav)
awk -v d="$d" 'BEGIN { exit !(d > 0.3) }' || fail "the render lost its stereo (|L-R| $d)"

# quit (the master insert is unsaved: :q! leaves it) while jackd still runs, and see
# the studio gone
keys s : q ! Enter
status=$(wait_exit s)
[ "$status" = 0 ] || fail "quitting exited with $status"
kill -0 "$(cat "$WORK/s.pid")" 2>/dev/null && fail "the studio is still running after :q!"

echo "ui_monitor: PASS"
