#!/bin/sh
# Edits during playback leave no gap: the studio plays a steady sine (track 1) and a
# quiet clip (track 2) through PortAudio into a private JACK server on its dummy
# backend while jack_rec records what the server got; meanwhile the ':' line moves
# track 2's clip back and forth and adds and removes an insert on it, each edit a new
# graph swapped in under playback. The sine never stops, so a swap that made the
# transport wait for the disk would show as a run of silent samples in the recording.
# Then :dsp shows the load, overruns, stalls and xruns.
#
# Needs tmux, sox, jackd, jack_lsp and jack_rec (Debian jackd2). Without them the test
# skips, except under TTYMIX_REQUIRE_ALL=1 (CI), where a missing part is a failure.
set -u

: "${top_srcdir:?run me through make check}"
: "${TTYMIX:?run me through make check}"
WAIT_SEC=20
REC_SEC=4
GAP_SAMPLES=8   # a 440 Hz sine at 0.25 has no 8 samples in a row under 1e-4

PACKAGES="tmux, sox and jackd2"
TEST=ui_edit_gapless
. "$top_srcdir/tests/tmux_lib.sh"
require_tools tmux sox jackd jack_lsp jack_rec timeout awk
tmux_setup gapless

jack_private gapless

line() {
	keys "$1" -l ":$2"
	keys "$1" Enter
}

sox -R -D -n -r 48000 -c 2 -b 24 "$WORK/tone.wav" synth 30 sine 440 gain -12 ||
	fail "sox could not make the tone"
sox -R -D -n -r 48000 -c 2 -b 24 "$WORK/quiet.wav" synth 2 pinknoise gain -50 ||
	fail "sox could not make the quiet clip"
"$TTYMIX" new "$WORK/song" "$WORK/tone.wav" "$WORK/quiet.wav" >"$WORK/new.log" 2>&1 ||
	fail "ttymix new failed: $(cat "$WORK/new.log")"

start_jackd 100 || fail "jackd did not start: ${jackd_why:-}"

tmux_start live 100 30 TERM=screen LANG=C.UTF-8 LC_ALL=C.UTF-8 \
	XDG_DATA_HOME="$WORK/xdg" -- --output pa "$WORK/song"
wait_for live 'JACK'
# the arranger, track 2, its clip selected (for :move)
keys live 1 Home Down Tab
keys live Space
wait_for live 'PLAY +0:0[1-9]'

ports() {
	timeout 5 jack_lsp 2>/dev/null | grep '^ttymix[^:]*:' | sort >"$WORK/ports.txt"
	[ "$(wc -l <"$WORK/ports.txt")" -ge 2 ]
}
ports || fail "ttymix's JACK ports are not there"
port_l=$(sed -n 1p "$WORK/ports.txt")
port_r=$(sed -n 2p "$WORK/ports.txt")
edits=0
edit() { # one edit through the ':' line, then a quarter second of playback
	line live "$1"
	edits=$((edits + 1))
	sleep 0.25
}
xruns() { grep -c 'XRun' "$WORK/jackd.log" 2>/dev/null || true; }
# One pass: record REC_SEC of playback while the ':' line edits; 0 when the tone never
# stopped, 1 when it did while jackd also counted xruns (a loaded machine starved the
# server, which is no edit's doing: the pass is tried again), and a failure when the
# tone stopped with no xrun.
attempt() {
	xruns_before=$(xruns)
	rm -f "$WORK/rec.wav"
	timeout 30 jack_rec -f "$WORK/rec.wav" -d "$REC_SEC" -b 32 "$port_l" "$port_r" \
		>"$WORK/jack_rec.log" 2>&1 &
	rec_pid=$!
	sleep 0.3
	for round in 1 2 3; do
		edit "move 0.$((round * 2))"
		edit "insert 2 add eq"
		edit "move 0.$((round * 2 + 1))"
		edit "insert 2 del 1"
	done
	wait "$rec_pid" || fail "jack_rec failed: $(cat "$WORK/jack_rec.log")"
	capture live
	grep -q 'PLAY' "$WORK/screen" || fail "the studio stopped playing during the edits"
	grep -q '\[+\]' "$WORK/screen" || fail "the edits did not take (no unsaved mark)"
	grep -Eq 'error|cannot|refused' "$WORK/screen" && fail "an edit was refused"
	# the longest run of near-silent samples on the left channel, and the level
	sox "$WORK/rec.wav" -t dat - remix 1 2>/dev/null | awk -v gap="$GAP_SAMPLES" '
		/^;/ { next }
		{
			n++
			v = $2 < 0 ? -$2 : $2
			if (v > peak) peak = v
			if (v < 1e-4) { run++; if (run > longest) longest = run }
			else run = 0
		}
		END {
			printf "%d %d %.4f\n", n, longest, peak
		}' >"$WORK/gaps.txt" || fail "could not read the recording"
	read -r samples longest peak <"$WORK/gaps.txt"
	new_xruns=$(( $(xruns) - xruns_before ))
	echo "$TEST: $edits edits under playback; recorded $samples samples, peak $peak," \
		"longest near-silent run $longest samples, $new_xruns jackd xruns"
	[ "$samples" -ge $((48000 * (REC_SEC - 1))) ] ||
		fail "the recording is short ($samples samples)"
	awk -v p="$peak" 'BEGIN { exit !(p > 0.2) }' ||
		fail "the recording holds no tone (peak $peak)"
	[ "$longest" -lt "$GAP_SAMPLES" ] && return 0
	[ "$new_xruns" -gt 0 ] && return 1
	fail "a gap of $longest samples in the tone with no xrun: an edit stopped the sound"
}
tries=0
until attempt; do
	tries=$((tries + 1))
	[ "$tries" -lt 4 ] ||
		fail "a gap in the tone in each of 4 passes, each with jackd xruns: the machine" \
			"is too loaded to tell an edit's gap from the server's"
	echo "$TEST: the gap came with jackd xruns (a loaded machine): once more"
done
# the studio's own account of the load (the figures depend on the machine: only the
# line is checked)
keys live Escape
line live "dsp"
wait_for live 'DSP [0-9.]+ %, worst [0-9.]+ %; [0-9]+ overruns, [0-9]+ stalls in [0-9]+ callbacks; xruns [0-9]+'
echo "$TEST: $(grep -o 'DSP [0-9].*' "$WORK/screen" | sed 's/  *$//')"

keys live Escape
line live "q!"
wait_exit live >/dev/null
exit 0
