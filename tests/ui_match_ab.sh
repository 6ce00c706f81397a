#!/bin/sh
# :match ab on the mastering page (issue 21), heard through a real JACK server: the
# studio plays into a private jackd (dummy backend) through PortAudio, in tmux at
# 80x24, and jack_rec records what it plays. The project's one track is a reference
# (pink noise) with its bass 6 dB down and 4 dB quieter; its master chain before the
# match is an eq with a low-pass at 2 kHz, which the match takes away.
#  1. :match ab before any match says there is nothing to compare;
#  2. :match REF, saved; playing, `:match ab` plays B (the chain before the match) and
#     `b` A (the matched chain): B's highs are far below A's (the low-pass is back: a
#     bypass of the chain would not have it) and its bass is lower (the match's boost
#     is gone); the louder side (A) is trimmed, so the two as played are within
#     0.5 LU; the title and the status line say which side is heard and the trim;
#  3. with B up, an insert added on the track rebuilds the graph: B is still heard
#     (the low-pass, the same levels) and still said;
#  4. saved with B up, project.json is byte for byte the file saved before the A/B;
#  5. undoing the match ends the comparison (said), and :match ab then says why not.
# Needs tmux, sox, jq, jackd, jack_lsp and jack_rec (Debian jackd2).
set -u

: "${top_srcdir:?run me through make check}"
: "${TTYMIX:?run me through make check}"
WAIT_SEC=60

PACKAGES="tmux, sox, jq and jackd2"
TEST=ui_match_ab
. "$top_srcdir/tests/tmux_lib.sh"
require_tools tmux sox jq jackd jack_lsp jack_rec timeout awk cmp stat
tmux_setup matchab
# The studio is stopped by its PID before jackd (as in ui_monitor.sh).
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

JACK_DEFAULT_SERVER=ttymix-matchab-$$
JACK_NO_START_SERVER=1
export JACK_DEFAULT_SERVER JACK_NO_START_SERVER

line() {
	keys s -l "$1"
	keys s Enter
}
status_has() { # ERE on the last line
	tries=0
	while [ "$tries" -lt $((WAIT_SEC * 10)) ]; do
		capture s && tail -n 1 "$WORK/screen" | grep -Eq -- "$1" && return 0
		sleep 0.1
		tries=$((tries + 1))
	done
	fail "the status line never showed /$1/"
}

cd "$WORK" || exit 99
P=$WORK/song
mkdir -p "$P" || exit 99
sox -R -n -r 48000 -c 1 mid.wav synth 30 pinknoise vol 0.3 &&
	sox -R -n -r 48000 -c 1 side.wav synth 30 brownnoise vol 0.08 &&
	sox -M mid.wav side.wav ms.wav &&
	sox ms.wav ref.wav remix 1,2 1,2i gain -n -1 &&
	sox ref.wav "$P/mix.wav" bass -6 150 vol -4dB || fail "sox failed"
cat >"$P/project.json" <<'JSON'
{"format":"ttymix-project","version":1,"sample_rate":48000,
 "master":{"gain_db":0,"inserts":[{"type":"eq","params":{"lpf_hz":2000}}]},
 "loop":{"start":1,"end":29,"enabled":true},
 "tracks":[{"name":"mix","clips":[{"file":"mix.wav","start":0}]}]}
JSON

if ! start_jackd 100; then
	fail "jackd did not answer within 10 s: ${jackd_why:-no message}"
fi
tmux_start s 80 24 TERM=screen LANG=C.UTF-8 LC_ALL=C.UTF-8 \
	JACK_DEFAULT_SERVER="$JACK_DEFAULT_SERVER" JACK_NO_START_SERVER=1 \
	XDG_DATA_HOME="$WORK/xdg" -- --output pa "$P"
wait_for s 'Master'
keys s 3
wait_for s 'MASTERING'

# ---- 1. nothing to compare yet ----
line ':match ab'
wait_for s 'match ab: nothing to compare: no :match in this session'

# ---- 2. the match, saved; then B and A as played ----
line ':match ref.wav'
wait_for s 'matched to ref\.wav: spectrum'
wait_for s '^ +3 limiter +ceiling -1\.0 dBTP'
wait_for s '^ Match  to ref\.wav: .*, cap 9 dB  b A/B before'
keys s C-s
wait_for s 'saved '
cp "$P/project.json" "$WORK/saved.json" || fail "cannot copy project.json"

ttymix_out_ports
keys s Space
wait_for s ' PLAY '

# record NAME: 2.5 s of what ttymix plays, the first half second (a glide, the trim's
# ramp) left out: NAME.wav
record() {
	timeout 20 jack_rec -f "$WORK/raw.wav" -d 2.5 -b 32 "$port_l" "$port_r" \
		>"$WORK/jack_rec.log" 2>&1 || fail "jack_rec failed: $(cat "$WORK/jack_rec.log")"
	sox "$WORK/raw.wav" "$WORK/$1.wav" trim 0.5 || fail "sox could not trim $1"
}
# band_db NAME LOW HIGH: the level of the mid (L+R) in LOW-HIGH Hz (LOW empty: below
# HIGH), dBFS RMS
band_db() {
	sox "$WORK/$1.wav" -n remix 1,2 sinc "$2-$3" stat 2>&1 |
		awk '/^RMS +amplitude/ { if ($3 > 0) printf "%.2f\n", 20 * log($3) / log(10); else print -200 }'
}
lufs() { "$TTYMIX" loudness --json "$WORK/$1.wav" | jq .integrated_lufs; }
# shape NAME: "highs bass" of NAME relative to its 300-800 Hz band, dB
shape() {
	mid=$(band_db "$1" 300 800)
	echo "$(band_db "$1" 4000 8000) $(band_db "$1" "" 120)" |
		awk -v m="$mid" '{ printf "%.2f %.2f\n", $1 - m, $2 - m }'
}
jack_xruns() { grep -ci xrun "$WORK/jackd.log"; }

# B, then A; a pair in which jackd counted xruns (a loaded machine can tear what
# jack_rec captures) proves nothing either way and is recorded again
tries=0
while :; do
	x0=$(jack_xruns)
	line ':match ab b'
	wait_for s 'match A/B: B, the chain before the match, trim \+0\.0 dB'
	status_has 'MON B:before \+0\.0dB'
	wait_for s '^ ttymix  song .* Master   A/B: B before match \+0\.0 dB'
	record b
	keys s b
	wait_for s 'match A/B: A, the matched chain, trim -[0-9]+\.[0-9] dB'
	status_has 'MON A:matched -[0-9]+\.[0-9]dB'
	wait_for s '^ ttymix  song .* Master   A/B: A matched -[0-9]+\.[0-9] dB'
	record a
	x1=$(jack_xruns)
	sb=$(shape b) sa=$(shape a) lb=$(lufs b) la=$(lufs a)
	echo "$TEST: A: highs, bass vs 300-800 Hz $sa dB, $la LUFS"
	echo "$TEST: B: highs, bass vs 300-800 Hz $sb dB, $lb LUFS"
	awk -v a="$la" -v b="$lb" 'BEGIN { d = a - b; exit !(d <= 0.5 && d >= -0.5) }' &&
		break
	tries=$((tries + 1))
	[ "$x1" -gt "$x0" ] && [ "$tries" -lt 4 ] ||
		fail "A and B are not loudness-matched as played: A $la, B $lb LUFS ($((x1 - x0)) xruns)"
	echo "$TEST: $((x1 - x0)) jackd xruns in that pair; again"
done
echo "$sa $sb" | awk '{ exit !($1 - $3 >= 8) }' ||
	fail "B's highs are not the low-pass's (A $sa, B $sb: highs, bass)"
echo "$sa $sb" | awk '{ exit !($2 - $4 >= 3) }' ||
	fail "B's bass is not without the match's boost (A $sa, B $sb: highs, bass)"

# ---- 3. B through a graph rebuild ----
keys s b
status_has 'MON B:before'
line ':insert mix add eq'
wait_for s 'insert'
sleep 0.5
status_has 'MON B:before'
record b2
sb2=$(shape b2) lb2=$(lufs b2)
echo "$TEST: B after a rebuild: $sb2 dB, $lb2 LUFS"
echo "$sb $sb2" | awk '{ d1 = $1 - $3; d2 = $2 - $4
	exit !(d1 <= 1.5 && d1 >= -1.5 && d2 <= 1.5 && d2 >= -1.5) }' ||
	fail "after a rebuild B no longer plays the chain before the match ($sb then $sb2)"
awk -v a="$lb" -v b="$lb2" 'BEGIN { d = a - b; exit !(d <= 0.5 && d >= -0.5) }' ||
	fail "after a rebuild B is $lb2 LUFS, before it $lb"
line ':undo'
wait_for s 'undid: '
status_has 'MON B:before'

# ---- 4. saved with B up: the same bytes ----
# a save writes a new file and renames it over the old one: a new inode says it wrote
inode=$(stat -c %i "$P/project.json") || fail "stat failed"
line ':w'
wait_for s 'saved '
[ "$(stat -c %i "$P/project.json")" != "$inode" ] || fail ":w did not write project.json"
cmp "$WORK/saved.json" "$P/project.json" ||
	fail "the A/B changed what is saved: $(diff "$WORK/saved.json" "$P/project.json" | head -5)"

# ---- 5. the match undone: the comparison ends, and says why afterwards ----
line ':undo'
wait_for s "match A/B ended: the match was undone; the project's chain plays"
capture s
tail -n 1 "$WORK/screen" | grep -q 'MON' && fail "the status line still shows the A/B"
head -n 1 "$WORK/screen" | grep -q 'A/B' && fail "the title still shows the A/B"
line ':match ab'
wait_for s 'match ab: cannot compare: the match was undone \(:match again\)'

line ':q!'
status=$(wait_exit s)
[ "$status" = 0 ] || fail "quitting exited with $status"
echo "$TEST: ok"
