#!/bin/sh
# Recording through PortAudio (audio/driver_pa.c's duplex stream), reached through
# PortAudio's JACK host API on a private jackd dummy server, started here and stopped
# by PID. The studio runs with --output pa; arming a track reopens the output duplex
# (its JACK client gains input ports), disarming them all closes the inputs again.
# A second ttymix plays a known signal on its own JACK ports, wired to the studio's
# PortAudio inputs; R records it; the take matches the source's render within
# -90 dBFS after alignment (tests/align_compare). :latency shows the latencies
# PortAudio reported, which place the take.
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

JACK_DEFAULT_SERVER=ttymix-recpa-$$
JACK_NO_START_SERVER=1
export JACK_DEFAULT_SERVER JACK_NO_START_SERVER
on_exit() {
	[ -z "${play_pid:-}" ] || kill -KILL "$play_pid" 2>/dev/null
	rm -f /dev/shm/jack_sem.*_"$JACK_DEFAULT_SERVER"_*
}
CLEANUP_HOOK=on_exit
play_pid=

wait_until() {
	tries=0
	until eval "$1"; do
		[ "$tries" -lt $((WAIT_SEC * 10)) ] || fail "waited ${WAIT_SEC}s for $1"
		sleep 0.1
		tries=$((tries + 1))
	done
}
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

cd "$WORK" || exit 99
sox -R -D -n -r 48000 -c 1 -b 24 l.wav synth 2.5 whitenoise synth 2.5 sine mix 100:8000 \
	gain -15 && \
sox -R -D -n -r 48000 -c 1 -b 24 r.wav synth 2.5 pinknoise synth 2.5 sine mix 6000:150 \
	gain -15 && \
sox -R -D -M l.wav r.wav stereo.wav pad 1.5 0 || fail "sox could not make the material"
"$TTYMIX" new "$WORK/src" stereo.wav >new.log 2>&1 || fail "ttymix new failed"
"$TTYMIX" render "$WORK/src" -o ref.wav --bits 32f >render.log 2>&1 ||
	fail "ttymix render failed"
"$TTYMIX" new "$WORK/proj" stereo.wav >new2.log 2>&1 || fail "ttymix new (proj) failed"
start_jackd 100 || fail "jackd did not answer within 10 s: ${jackd_why:-no message}"

tmux_start live 120 30 TERM=screen LANG=C.UTF-8 LC_ALL=C.UTF-8 \
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
wait_until 'timeout 5 jack_lsp 2>/dev/null | grep -q "^src:out_R$"'
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

# disarmed: the inputs are let go (the output opens again, output only)
keys live : a r m Space v o x Space o f f Enter
wait_for live 'nothing armed: the output lets its inputs go'
wait_until 'no_pa_inputs'
keys live : q ! Enter
wait_exit live >/dev/null
exit 0
