#!/bin/sh
# The studio as a whole, on the bundled demo song, in a real terminal (tmux on a
# private server, as ui_tmux.sh):
#  1. `ttymix` with no argument at 160x48, TERM=xterm-256color, UTF-8: a fresh copy of
#     the demo in $XDG_DATA_HOME/ttymix/demo opens on the null driver ("silent" on the
#     status line) in 256 colours; 0 bytes reach the terminal over 5 s idle; pages 1, 3
#     and 2 show; it plays (the position advances) and the bytes per second over 5 s
#     are printed (and held under a generous ceiling); on the arranger m mutes the
#     selected track and s solos one (help lists both there); u undoes, Ctrl-R redoes;
#     on the mixer a fader and a pan move by keys; q asks while changes are unsaved
#     (n stays); Ctrl-S saves (project.json has them all); q then quits at once.
#     A render of the saved project differs from one of the untouched demo (the muted
#     kick is gone).
#  2. 80x24, TERM=screen (8 colours), LANG=C: bytes per second while playing; resized
#     mid-playback to 160x48 and to 100x30 the screen is redrawn whole (the status bar
#     on the last row only, the master strip at its new place) and matches a fresh
#     start at that size; a mute, then q and y quit without saving it.
#  3. TERM=vt100: monochrome (no colour sequences); NO_COLOR wins over 256 colours.
#  4. A private JACK server (dummy backend): the demo plays through it and the status
#     line names JACK, not the silent driver.
#  5. `ttymix render` of the demo copy is not silent (`ttymix loudness`).
#
# Needs tmux and sox, and jackd (Debian jackd2) for part 4. Without them the test
# skips, except under TTYMIX_REQUIRE_ALL=1 (CI), where a missing part is a failure.
set -u

: "${top_builddir:?run me through make check}"
: "${top_srcdir:?run me through make check}"
: "${TTYMIX:?run me through make check}"
WAIT_SEC=20 # every wait is bounded by this (a sanitized build draws slowly)
MEASURE_SEC=5
MAX_PLAY_BYTES_PER_SEC=20000 # generous: the figure is printed, this catches a flood

PACKAGES="tmux, sox and jackd2"
TEST=ui_studio
. "$top_srcdir/tests/tmux_lib.sh"
require_tools tmux sox
if [ ! -s "$top_builddir/projects/demo/project.json" ]; then
	echo "ui_studio: FAIL: no demo song in the build tree (make builds projects/demo)"
	exit 99
fi

tmux_setup studio
XDG=$WORK/xdg
DEMO=$XDG/ttymix/demo
skipped=

# start SESSION WIDTH HEIGHT VAR=VALUE... -- ARG...: ttymix ARG... in a new session
start() {
	session=$1 width=$2 height=$3
	shift 3
	tmux_start "$session" "$width" "$height" XDG_DATA_HOME="$XDG" "$@"
}

# The position on the status bar of the last capture, in tenths of a second.
position() {
	tail -n 1 "$WORK/screen" | sed -n 's/^ *\(PLAY\|STOP\|WAIT\) *\([0-9]*\):\([0-9][0-9]\)\.\([0-9]\) .*/\2 \3 \4/p' \
		| awk 'NF == 3 { print ($1 * 60 + $2) * 10 + $3 }'
}

# wait_advance SESSION: the position moves on (playback runs)
wait_advance() {
	capture "$1"
	from=$(position)
	[ -n "$from" ] || fail "$1: no position on the status bar"
	tries=0
	while [ "$tries" -lt $((WAIT_SEC * 10)) ]; do
		sleep 0.1
		capture "$1"
		now=$(position)
		if [ -n "$now" ] && [ "$now" -gt $((from + 5)) ]; then
			return 0
		fi
		tries=$((tries + 1))
	done
	fail "$1: the position did not advance from $from tenths"
}

# bytes_over SESSION SECONDS: bytes the program writes to its terminal meanwhile
bytes_over() {
	log=$WORK/$1.bytes
	: >"$log"
	tm pipe-pane -o -t "$1" "cat >> $(q "$log")" || fail "$1: pipe-pane failed"
	sleep 0.3 # pipe-pane starts its cat asynchronously
	before=$(wc -c <"$log")
	sleep "$2"
	after=$(wc -c <"$log")
	tm pipe-pane -t "$1" # closes the pipe
	echo $((after - before))
}

# integrated_lufs FILE
integrated_lufs() {
	"$TTYMIX" loudness --json "$1" 2>/dev/null \
		| sed -n 's/.*"integrated_lufs": *\([-0-9.]*\).*/\1/p'
}

cd "$WORK" || exit 99

# ---- 1. the demo at 160x48 in 256 colours ----
start big 160 48 TERM=xterm-256color LANG=C.UTF-8 LC_ALL=C.UTF-8 -- --output null
wait_for big 'MIXER'
wait_for big 'Kick +Snare +Hats +Bass'
wait_for big 'Master'
wait_for big 'no audio device: silent'
[ -s "$DEMO/project.json" ] || fail "no demo copy in $DEMO"
[ -d "$DEMO/audio" ] || fail "the demo copy has no audio folder"
tm capture-pane -e -p -t big >"$WORK/colours" 2>/dev/null
grep -q '38;5;' "$WORK/colours" || fail "big: TERM=xterm-256color shows no 256-colour cell"
# the untouched demo, for the render comparison below
"$TTYMIX" render "$DEMO" -o "$WORK/before.wav" --end 20 >/dev/null 2>&1 \
	|| fail "ttymix render of the demo copy failed"

sleep 1 # anything the first moments schedule (the status after the engine starts)
idle=$(bytes_over big "$MEASURE_SEC")
echo "ui_studio: idle at 160x48: $idle bytes in $MEASURE_SEC s"
[ "$idle" -eq 0 ] || fail "big: $idle bytes reached the terminal over $MEASURE_SEC s idle"

keys big 1
wait_for big 'ARRANGER'
wait_for big '1 Kick'
keys big 3
wait_for big 'MASTERING'
wait_for big 'Master chain'
keys big 2
wait_for big 'MIXER'

keys big Space
wait_for big '^ PLAY '
wait_advance big
busy=$(bytes_over big "$MEASURE_SEC")
echo "ui_studio: playing at 160x48 (xterm-256color, UTF-8): $((busy / MEASURE_SEC))" \
	"bytes/s ($busy bytes in $MEASURE_SEC s)"
[ $((busy / MEASURE_SEC)) -le "$MAX_PLAY_BYTES_PER_SEC" ] \
	|| fail "big: $((busy / MEASURE_SEC)) bytes/s while playing"
[ "$busy" -gt 0 ] || fail "big: nothing was drawn while playing"
keys big Space
wait_for big '^ STOP '

# mute and solo on the arranger (the same commands as on the mixer)
keys big 1
wait_for big 'ARRANGER'
keys big m
wait_for big '^ +[-+][0-9.]+ +M +│' # Kick's lane: gain, then the mute flag
wait_for big '\[\+\]'
keys big j
wait_for big '│ 2 Snare'
keys big s
wait_for big '^ +[-+][0-9.]+ +S +│'
keys big u
wait_for big '^undo: Snare solo off'
keys big C-r
wait_for big '^redo: Snare solo on'
keys big u
wait_for big '^undo: Snare solo off'
# help lists mute and solo under the arranger as well as under the mixer
# (the whole help, page by page: the list is longer than a screen)
keys big '?'
page_to big '^ Arranger$' # the mixer's keys come first
# (each page without its two status lines, which would end a section in the awk below)
head -n -2 "$WORK/screen" >"$WORK/help.txt"
for page in 1 2 3 4; do
	keys big PageDown
	sleep 0.2
	capture big
	head -n -2 "$WORK/screen" >>"$WORK/help.txt"
done
awk '/^ Arranger$/ { a = 1; next } /^ [A-Z]/ { a = 0 } a && /^   m +mute / { m = 1 }
	a && /^   s +solo / { s = 1 } END { exit !(m && s) }' "$WORK/help.txt" \
	|| fail "big: help does not list m and s under the arranger"
keys big Escape
wait_for big 'ARRANGER'
keys big 2
wait_for big 'MIXER'
capture big
flags=$(sed -n "$((48 - 2))p" "$WORK/screen") # the flag row, above the two status lines
echo "$flags" | grep -Eq '^ {5}M ' || fail "big: the mixer shows no M under Kick"
echo "$flags" | grep -q 'S' && fail "big: the mixer still shows a solo after undo"
# the selection is shared with the arranger: Snare's fader and pan, by keys
wait_for big '│ 2 Snare'
keys big Up .
wait_for big '^ dB +0\.0 +\+0\.5 +0\.0 '
wait_for big '^pan +C +R5 +C '

# quitting: asked while unsaved (n stays), then saved, then q leaves at once
grep -Eq '"mute":[[:space:]]*true' "$DEMO/project.json" && fail "big: saved before Ctrl-S"
keys big q
wait_for big 'quit without saving\? \(y/n'
keys big n
wait_for big '^not quitting'
sleep 0.3
[ ! -e "$WORK/big.status" ] || fail "big: answering n still quit"
keys big C-s
wait_for big '^saved '
wait_gone big '\[\+\]'
grep -Eq '"mute":[[:space:]]*true' "$DEMO/project.json" || fail "big: no mute true after Ctrl-S"
grep -Eq '"solo":[[:space:]]*true' "$DEMO/project.json" && fail "big: the undone solo was saved"
grep -Eq '"gain_db":[[:space:]]*0\.5,?$' "$DEMO/project.json" || fail "big: no gain_db 0.5 saved"
grep -Eq '"pan":[[:space:]]*0\.05,?$' "$DEMO/project.json" || fail "big: no pan 0.05 saved"
keys big q
status=$(wait_exit big)
[ "$status" = 0 ] || fail "big: q after saving exited with status $status"

# the render of the saved project lost its kick
"$TTYMIX" render "$DEMO" -o "$WORK/after.wav" --end 20 >/dev/null 2>&1 \
	|| fail "ttymix render of the saved demo failed"
before=$(integrated_lufs "$WORK/before.wav")
after=$(integrated_lufs "$WORK/after.wav")
[ -n "$before" ] && [ -n "$after" ] || fail "ttymix loudness gave no integrated_lufs"
echo "ui_studio: demo, first 20 s: $before LUFS; with the kick muted: $after LUFS"
awk -v a="$before" -v b="$after" 'BEGIN { d = a - b; exit !(d > 0.1 || d < -0.1) }' \
	|| fail "muting the kick did not change the render ($before vs $after LUFS)"
cmp -s "$WORK/before.wav" "$WORK/after.wav" && fail "the renders are identical"

# ---- 2. 80x24, 8 colours, ASCII: bytes while playing, resize mid-playback ----
start small 80 24 TERM=screen LANG=C LC_ALL=C -- --output null "$DEMO"
wait_for small 'MIXER'
wait_for small 'Master'
tm capture-pane -e -p -t small >"$WORK/colours" 2>/dev/null
grep -q '38;5;' "$WORK/colours" && fail "small: 256-colour cells on an 8-colour TERM=screen"
grep -q "$(printf '\033')\\[3[0-7]m" "$WORK/colours" || fail "small: no colour on TERM=screen"
keys small Space
wait_for small '^ PLAY '
wait_advance small
busy=$(bytes_over small "$MEASURE_SEC")
echo "ui_studio: playing at 80x24 (screen, C locale): $((busy / MEASURE_SEC)) bytes/s" \
	"($busy bytes in $MEASURE_SEC s)"
[ $((busy / MEASURE_SEC)) -le "$MAX_PLAY_BYTES_PER_SEC" ] \
	|| fail "small: $((busy / MEASURE_SEC)) bytes/s while playing"

# check_layout SESSION WIDTH HEIGHT: the mixer laid out for this size, nothing left
# over from the last one: the title spans the width, the separator and the master
# strip stand at their new column, the fader row and the status bar are where they
# belong and nowhere else
check_layout() {
	w=$2 h=$3
	capture "$1"
	lines=$(wc -l <"$WORK/screen")
	[ "$lines" -eq "$h" ] || fail "$1: $lines rows captured at ${w}x$h"
	title=$(sed -n 1p "$WORK/screen")
	[ "${#title}" -eq $((w - 1)) ] || fail "$1: the title is ${#title} columns wide at ${w}x$h"
	echo "$title" | grep -q 'MIXER   ? help$' || fail "$1: no MIXER at the title's right end"
	sep=$((w - 10)) # the master strip's 8 columns, and its blank, at the right
	awk -v sep="$sep" -v last=$((h - 2)) 'NR >= 2 && NR <= last && substr($0, sep + 1, 1) != "|" {
		print "row " NR ": no separator at column " sep; bad = 1 }
		END { exit bad }' "$WORK/screen" || fail "$1: the separator is not at column $sep"
	[ "$(sed -n 2p "$WORK/screen" | cut -c$((sep + 2))-)" = Master ] \
		|| fail "$1: the master strip is not at column $((sep + 1))"
	[ "$(grep -c '^ dB ' "$WORK/screen")" -eq 1 ] || fail "$1: not one fader row"
	sed -n "$((h - 4))p" "$WORK/screen" | grep -q '^ dB ' \
		|| fail "$1: the fader row is not 5th from the bottom"
	[ "$(grep -Ec '^ (PLAY|STOP|WAIT) ' "$WORK/screen")" -eq 1 ] \
		|| fail "$1: not one status bar"
	tail -n 1 "$WORK/screen" | grep -Eq '^ (PLAY|STOP|WAIT) .*xruns' \
		|| fail "$1: the status bar is not on the last row"
}

tm resize-window -t small -x 160 -y 48 || fail "tmux could not resize the window"
wait_for small "$(printf '^.{150}\\|Master$')"
sleep 0.3
check_layout small 160 48
capture small
grep -q '^ PLAY ' "$WORK/screen" || fail "small: playback stopped on a resize"
tm resize-window -t small -x 100 -y 30 || fail "tmux could not resize the window"
wait_for small "$(printf '^.{90}\\|Master$')"
sleep 0.3
check_layout small 100 30
wait_advance small # still playing after two resizes

# the same screen as a fresh start at 100x30, once stopped at the start
keys small Space Home
wait_for small '^ STOP +0:00\.0 '
# (on a copy: a second studio on the same project is read-only, which its bar shows)
mkdir "$WORK/fresh" && cp -R "$DEMO" "$WORK/fresh/" || fail "could not copy the demo"
start fresh 100 30 TERM=screen LANG=C LC_ALL=C -- --output null \
	"$WORK/fresh/$(basename "$DEMO")"
wait_for fresh '^ STOP +0:00\.0 '
sleep 0.3
capture fresh
cp "$WORK/screen" "$WORK/fresh.screen"
# once the meters have fallen, the resized screen is the fresh one, cell for cell
# (the message line aside: it tells what was last done)
mask() {
	sed '29s/.*//' "$1"
}
mask "$WORK/fresh.screen" >"$WORK/fresh.masked"
tries=0
while :; do
	capture small
	mask "$WORK/screen" >"$WORK/small.masked"
	cmp -s "$WORK/fresh.masked" "$WORK/small.masked" && break
	if [ "$tries" -ge $((WAIT_SEC * 10)) ]; then
		diff "$WORK/fresh.masked" "$WORK/small.masked"
		fail "the resized screen differs from a fresh one at 100x30"
	fi
	sleep 0.1
	tries=$((tries + 1))
done
keys fresh q
[ "$(wait_exit fresh)" = 0 ] || fail "fresh: q did not exit cleanly"

# quitting with unsaved changes: y leaves, nothing is written
cp "$DEMO/project.json" "$WORK/saved.json"
keys small m
wait_for small '\[\+\]'
keys small q
wait_for small 'quit without saving\? \(y/n'
keys small y
status=$(wait_exit small)
[ "$status" = 0 ] || fail "small: quit with y exited with status $status"
cmp -s "$DEMO/project.json" "$WORK/saved.json" || fail "small: quitting unsaved wrote project.json"

# ---- 3. monochrome: vt100, and NO_COLOR over 256 colours ----
esc=$(printf '\033')
for look in vt100 nocolor; do
	if [ "$look" = vt100 ]; then
		start "$look" 80 24 TERM=vt100 LANG=C LC_ALL=C -- --output null "$DEMO"
	else
		start "$look" 80 24 TERM=xterm-256color NO_COLOR=1 LANG=C.UTF-8 LC_ALL=C.UTF-8 \
			-- --output null "$DEMO"
	fi
	wait_for "$look" 'Master'
	tm capture-pane -e -p -t "$look" >"$WORK/colours" 2>/dev/null
	grep -Eq "$esc\\[([0-9;]*;)?(3[0-7]|4[0-7]|38;5;[0-9]+|48;5;[0-9]+)(;[0-9;]*)?m" \
		"$WORK/colours" && fail "$look: colour on a monochrome screen"
	grep -q "$esc\\[[0-9;]*7[;m]" "$WORK/colours" || fail "$look: no reverse video for the title"
	keys "$look" q
	[ "$(wait_exit "$look")" = 0 ] || fail "$look: q did not exit cleanly"
done

# ---- 4. the demo through a JACK server (dummy backend) ----
if ! command -v jackd >/dev/null 2>&1 || ! command -v jack_lsp >/dev/null 2>&1; then
	skipped="jackd (Debian jackd2) is not installed"
else
	JACK_DEFAULT_SERVER=ttymix-studio-$$
	JACK_NO_START_SERVER=1
	export JACK_DEFAULT_SERVER JACK_NO_START_SERVER
	# JACK allows only a few servers at once ("Too many servers already active" while
	# other tests run theirs): a server that exits at once is started again, until
	# WAIT_SEC is up.
	if ! start_jackd $((WAIT_SEC * 10)); then
		[ "${TTYMIX_REQUIRE_ALL:-0}" = 1 ] \
			&& fail "jackd did not answer within ${WAIT_SEC} s (${jackd_why:-no reason given})"
		skipped="jackd is installed but did not start here (${jackd_why:-no reason given})"
	fi
	if [ -z "$skipped" ]; then
		# no --output: a running JACK server is what the studio should pick by itself
		start jack 100 30 TERM=screen LANG=C.UTF-8 LC_ALL=C.UTF-8 \
			JACK_DEFAULT_SERVER="$JACK_DEFAULT_SERVER" JACK_NO_START_SERVER=1 --
		wait_for jack 'Master'
		wait_for jack 'JACK'
		grep -q 'silent' "$WORK/screen" && fail "jack: the status line says silent"
		keys jack Space
		wait_for jack '^ PLAY '
		wait_advance jack
		timeout 5 jack_lsp 2>/dev/null | grep -q '^ttymix' || fail "jack: no ttymix ports on the server"
		echo "ui_studio: the demo plays through JACK:" \
			"$(tail -n 1 "$WORK/screen" | sed 's/^ *PLAY *[0-9:.]* \/ [0-9:.]* . //; s/ *xruns.*//')"
		keys jack Space
		wait_for jack '^ STOP '
		keys jack q
		[ "$(wait_exit jack)" = 0 ] || fail "jack: q did not exit cleanly"
	fi
fi

# ---- 5. the demo renders, and is not silent ----
"$TTYMIX" render "$DEMO" -o "$WORK/demo.wav" >/dev/null 2>&1 || fail "ttymix render of the demo failed"
length=$(sox --i -D "$WORK/demo.wav") || fail "sox cannot read the demo render"
lufs=$(integrated_lufs "$WORK/demo.wav")
echo "ui_studio: the demo renders: $length s, $lufs LUFS integrated (as saved above)"
awk -v l="$lufs" 'BEGIN { exit !(l != "" && l > -40) }' || fail "the demo render is silent ($lufs LUFS)"

if [ -n "$skipped" ]; then
	missing "$skipped (everything else passed)"
fi
echo "ui_studio: PASS"
exit 0
