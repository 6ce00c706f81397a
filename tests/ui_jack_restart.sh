#!/bin/sh
# The JACK server dies under the studio and comes back (issue 8), on the real binary
# in tmux, with a private jackd dummy stopped by PID. Three rounds (as many reconnects
# as one session allows), the server killed with SIGKILL, then SIGTERM, then SIGKILL
# again, each time mid-playback:
#  - the status line says the output was lost and the transport stops;
#  - the server is started again under the same name, and `:device JACK` reopens the
#    output: ttymix's new JACK client shows up connected to system:playback, and
#    jack_rec records the song from its ports (a sine, not silence);
#  - the unsaved edit made before the first round is still there ([+], +0.5 dB) and
#    project.json on disk is byte for byte what it was.
# A fourth loss: :device JACK says ttymix must be started again, and it plays silently.
# At the end Ctrl-S saves the edit and q quits at once (no wait for a dead server).
# First of all, `ttymix play` on the server: killed under it, play exits 1 with one
# line instead of hanging.
# Prints, per round, the time from `:device JACK` to ttymix's ports being connected.
#
# Needs tmux, sox, jackd, jack_lsp and jack_rec (Debian jackd2). Without them the test
# skips, except under TTYMIX_REQUIRE_ALL=1 (CI), where a missing part is a failure.
set -u

: "${top_srcdir:?run me through make check}"
: "${TTYMIX:?run me through make check}"
WAIT_SEC=20

PACKAGES="tmux, sox and jackd2"
TEST=ui_jack_restart
. "$top_srcdir/tests/tmux_lib.sh"
require_tools tmux sox jackd jack_lsp jack_rec timeout
tmux_setup jackrestart
jack_killed=

jack_private restart

# A server killed with -9 leaves its slot in JACK's shared registry (/dev/shm), which
# has eight; only a server of the same name takes a stale slot back. Each round starts
# the same name again; if the test ends between a kill and the next start, one more
# server of that name is started and stopped cleanly on exit (jack_killed, tests/tmux_lib.sh).
play_pid=
on_exit() {
	[ -z "$play_pid" ] || kill -KILL "$play_pid" 2>/dev/null
}
CLEANUP_HOOK=on_exit

now() {
	date +%s.%N
}

# ttymix_ports: ttymix's JACK output ports (the newest client: after a restart the
# client has a new name), into WORK/ports.txt; true when there are two
ttymix_ports() {
	timeout 5 jack_lsp 2>/dev/null | grep '^ttymix[^:]*:' | sort >"$WORK/ports.txt"
	[ "$(wc -l <"$WORK/ports.txt")" -ge 2 ]
}

# connected: both ports listed by ttymix_ports are connected to a system playback port
connected() {
	ttymix_ports || return 1
	timeout 5 jack_lsp -c 2>/dev/null >"$WORK/connections.txt" || return 1
	for port in $(cat "$WORK/ports.txt"); do
		awk -v port="$port" '
			/^[^ \t]/ { inside = ($0 == port) ; next }
			inside && /system:playback_/ { found = 1 }
			END { exit !found }' "$WORK/connections.txt" || return 1
	done
}

cd "$WORK" || exit 99
sox -n -r 48000 -c 1 tone.wav synth 60 sine 440 vol 0.5 || fail "sox could not make tone.wav"
"$TTYMIX" new "$WORK/song" tone.wav >/dev/null || fail "ttymix new failed"
JSON=$WORK/song/project.json
cp "$JSON" "$WORK/saved.json"

if ! start_jackd 100; then
	fail "jackd did not answer within 10 s: ${jackd_why:-no message}"
fi

# ttymix play (no studio) when the server dies under it: exit 1 with one line within
# seconds (closing the dead stream would wait ten minutes)
"$TTYMIX" play "$WORK/song" --output pa >"$WORK/play.log" 2>&1 &
play_pid=$!
wait_until ttymix_ports
sleep 0.5
jack_killed=1
kill -KILL "$jackd_pid"
wait "$jackd_pid" 2>/dev/null
jackd_pid=
tries=0
while kill -0 "$play_pid" 2>/dev/null; do
	[ "$tries" -lt $((WAIT_SEC * 10)) ] || fail "ttymix play hung after its server died"
	sleep 0.1
	tries=$((tries + 1))
done
wait "$play_pid"
status=$?
play_pid=
[ "$status" = 1 ] || fail "ttymix play exited with $status after its server died, not 1"
line=$(tr '\r' '\n' <"$WORK/play.log" | grep '^ttymix: ')
[ "$(echo "$line" | wc -l)" = 1 ] && echo "$line" | grep -q 'stopped answering' ||
	fail "ttymix play did not say the device stopped: $(cat "$WORK/play.log")"
echo "$TEST: play: $line"
start_jackd 100 || fail "jackd did not start again: ${jackd_why:-}"
jack_killed=

tmux_start live 100 30 TERM=screen LANG=C.UTF-8 LC_ALL=C.UTF-8 \
	XDG_DATA_HOME="$WORK/xdg" -- --output pa "$WORK/song"
wait_for live 'JACK'
wait_for live 'Master'
keys live Up # tone: +0.5 dB, unsaved
wait_for live '^ dB +\+0\.5 '
wait_for live '\[\+\]'

# kill_jackd SIGNAL: stop our server with SIGNAL (by PID)
kill_jackd() {
	[ "$1" = KILL ] && jack_killed=1
	kill -"$1" "$jackd_pid"
	wait "$jackd_pid" 2>/dev/null
	jackd_pid=
}

# three rounds (as many reconnects as ttymix allows in one session), SIGKILL and
# SIGTERM in turn
round=0
for signal in KILL TERM KILL; do
	round=$((round + 1))
	keys live Space
	wait_for live 'PLAY +0:[0-9][0-9]'
	ttymix_ports || fail "round $round: ttymix has no JACK ports before the kill"
	old_client=$(sed -n '1s/:.*//p' "$WORK/ports.txt")

	kill_jackd "$signal"
	wait_for live 'audio output lost'
	wait_for live 'STOP'
	case ${TTYMIX_SANITIZED:-} in
	*thread*)
		# the loss is checked; the reconnection cannot be under ThreadSanitizer: it
		# loads a fresh PortAudio and JACK in a link-map namespace of their own
		# (dlmopen), which TSan's runtime does not follow (the fresh JACK finds no
		# server there). The plain and ASan builds check it.
		wait_for live '\[\+\]'
		cmp -s "$JSON" "$WORK/saved.json" || fail "project.json changed on disk"
		keys live : q ! Enter
		status=$(wait_exit live)
		[ "$status" = 0 ] || fail "quitting after the lost server exited with $status"
		echo "$TEST: PASS (the loss; no reconnection under $TTYMIX_SANITIZED: dlmopen)"
		exit 0
		;;
	esac

	start_jackd 100 || fail "round $round: jackd did not start again: ${jackd_why:-}"
	jack_killed=
	t0=$(now)
	keys live : d e v i c e Space J A C K Enter
	wait_until connected
	t1=$(now)
	wait_for live 'output: JACK'
	new_client=$(sed -n '1s/:.*//p' "$WORK/ports.txt")
	[ "$new_client" != "$old_client" ] ||
		fail "round $round: still the old JACK client $old_client"
	echo "$TEST: round $round (SIG$signal): $new_client connected" \
		"$(awk -v t0="$t0" -v t1="$t1" 'BEGIN { printf "%.2f", t1 - t0 }') s after :device JACK"

	# the song plays again: record what reaches the server
	keys live Space
	wait_for live 'PLAY'
	port_l=$(sed -n 1p "$WORK/ports.txt")
	port_r=$(sed -n 2p "$WORK/ports.txt")
	rm -f "$WORK/rec.wav"
	timeout 20 jack_rec -f "$WORK/rec.wav" -d 1 -b 32 "$port_l" "$port_r" \
		>"$WORK/jack_rec.log" 2>&1 || fail "round $round: jack_rec failed: $(cat "$WORK/jack_rec.log")"
	peak=$(sox "$WORK/rec.wav" -n stat 2>&1 | sed -n 's/^Maximum amplitude: *//p')
	[ -n "$peak" ] || fail "round $round: sox could not read the recording"
	awk -v p="$peak" 'BEGIN { exit !(p > 0.1) }' ||
		fail "round $round: the recording after :device is silent (peak $peak)"
	echo "$TEST: round $round: recorded peak $peak from $new_client;" \
		"ttymix's RSS $(ps -o rss= -p "$(cat "$WORK/live.pid")" | tr -d ' ') KiB"
	keys live Space
	wait_for live 'STOP'

	# the work survived
	wait_for live '^ dB +\+0\.5 '
	wait_for live '\[\+\]'
	cmp -s "$JSON" "$WORK/saved.json" || fail "round $round: project.json changed on disk"
done

# a fourth lost server: ttymix says plainly that it must be started again to reconnect,
# and carries on silently
keys live Space
wait_for live 'PLAY'
kill_jackd KILL
wait_for live 'audio output lost'
wait_for live 'STOP'
start_jackd 100 || fail "jackd did not start again: ${jackd_why:-}"
jack_killed=
keys live : d e v i c e Space J A C K Enter
wait_for live 'no fresh PortAudio left after 4 lost servers: save, quit and start ttymix again'
keys live Space
wait_for live 'PLAY'
keys live Space
wait_for live 'STOP'
wait_for live '\[\+\]'
cmp -s "$JSON" "$WORK/saved.json" || fail "after the fourth loss: project.json changed on disk"

keys live C-s
wait_for live '^saved '
grep -Eq '"gain_db":[[:space:]]*0\.5,?$' "$JSON" || fail "Ctrl-S did not save the edit"
keys live q
status=$(wait_exit live)
[ "$status" = 0 ] || fail "quitting after $round lost servers exited with status $status"

echo "$TEST: PASS ($round restarts)"
exit 0
