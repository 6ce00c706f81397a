#!/bin/sh
# No key acts unseen (issue 15, fault 8), on the real binary in tmux. A project whose
# first track sits at -3 dB is saved as the baseline; then:
# The studio runs with --no-mouse: these are reports from a terminal someone else left
# in mouse mode (ui_mouse.sh tests the mouse itself).
#  1. TERM=xterm-256color (its kmous is ESC [ <): on every page (arranger, its lanes,
#     mixer, strip detail, mastering, help) an SGR mouse report (press and release),
#     an X10 report whose coordinates are the bytes m and M, and ESC [ 99 ~ are
#     pasted. Each is dropped with "mouse report ignored" or "unknown key ESC [ 9 9 ~
#     ignored". Then at 40x12 ("terminal too small") the keys m 0 M x d u Enter are
#     typed: each is ignored with a message. Back at 100x30 the status bar has no
#     unsaved mark; Ctrl-S writes a project.json identical to the baseline.
#  2. TERM=vt100 in tmux (no khome, no kend, no kdch1 in that entry): Home, End and
#     Delete, and the Home/End of xterm, rxvt and the console as raw bytes, act as
#     Home and End (the position moves) or do nothing with a message; never as the
#     bytes [ 1 ~ would (trim, page 1). Unchanged again after Ctrl-S.
#  3. Every key edit says what it did: m and k on the mixer ("drums muted", "drums
#     fader -2.5 dB"), M on the arranger. At 40x12, q asks (unsaved changes) on the
#     small screen, y quits with 0, and project.json is still the baseline.
#
# Needs tmux, sox and python3. Without them the test skips, except under
# TTYMIX_REQUIRE_ALL=1 (CI), where a missing part is a failure.
set -u

: "${top_srcdir:?run me through make check}"
: "${TTYMIX:?run me through make check}"
WAIT_SEC=20

TEST=ui_stray_keys
PACKAGES="tmux and sox"
. "$top_srcdir/tests/tmux_lib.sh"
require_tools tmux sox cmp od
tmux_setup stray

cd "$WORK" || exit 99
sox -n -r 48000 -c 1 drums.wav synth 4 sine 220 vol 0.5 || fail "sox: drums.wav"
sox -n -r 48000 -c 2 bass.wav synth 4 sine 55 vol 0.5 || fail "sox: bass.wav"
"$TTYMIX" new "$WORK/song" drums.wav bass.wav >/dev/null || fail "ttymix new failed"
PROJECT=$WORK/song
JSON=$PROJECT/project.json

start() {
	session=$1
	shift
	tmux_start "$session" 100 30 LANG=C.UTF-8 LC_ALL=C.UTF-8 XDG_DATA_HOME="$WORK/xdg" \
		XDG_STATE_HOME="$WORK/state" TTYMIX_AUTOSAVE_SEC=3600 "$@" \
		-- --no-mouse --output null "$PROJECT"
}

# paste SESSION FORMAT: the bytes printf makes of FORMAT, as the terminal would send
# them (one write, raw)
paste() {
	# shellcheck disable=SC2046,SC2059
	tm send-keys -t "$1" -H $(printf "$2" | od -An -v -tx1) \
		|| fail "$1: send-keys -H $2"
}

# stray SESSION WHERE: the three sequences on the page showing now; each must be
# dropped with its message. Messages alternate, so each wait sees the newest.
stray() {
	paste "$1" '\033[<0;20;10M\033[<0;20;10m'
	wait_for "$1" '^mouse report ignored'
	paste "$1" '\033[99~'
	wait_for "$1" '^unknown key ESC \[ 9 9 ~ ignored'
	paste "$1" '\033[M mM'
	wait_for "$1" '^mouse report ignored'
	paste "$1" '\033[98~'
	wait_for "$1" '^unknown key ESC \[ 9 8 ~ ignored'
	capture "$1"
	! grep -q '\[+\]' "$WORK/screen" || fail "$1: $2: a stray sequence changed the project"
}

unchanged() {
	cmp -s "$JSON" "$WORK/baseline.json" || {
		diff "$WORK/baseline.json" "$JSON" | head -n 20
		fail "$1: project.json differs from the baseline"
	}
}

# ---- the baseline: the first track at -3 dB, saved by the studio itself ----
start base TERM=screen
wait_for base 'MIXER'
keys base -l ':gain drums -3'
keys base Enter
wait_for base '\[\+\]'
keys base C-s
wait_for base '^saved '
keys base q
[ "$(wait_exit base)" = 0 ] || fail "base: q did not exit with 0"
grep -Eq '"gain_db":[[:space:]]*-3' "$JSON" || fail "base: no gain_db -3 in project.json"
cp "$JSON" "$WORK/baseline.json" || exit 99

# ---- 1. mouse reports and unknown sequences on every page; keys while too small ----
start x TERM=xterm-256color
wait_for x 'MIXER'
stray x mixer
keys x Enter
wait_for x 'STRIP'
stray x strip
keys x Escape
wait_gone x 'STRIP'
keys x 1
wait_for x 'ARRANGER'
stray x arranger
keys x A
wait_for x 'gain_db'
stray x lanes
keys x A
keys x 3
wait_for x 'MASTERING'
stray x mastering
keys x '?'
wait_for x 'fader-up-coarse'
stray x help
keys x q
wait_for x 'MASTERING'
keys x 2
wait_for x 'MIXER'

tm resize-window -t x -x 40 -y 12 || fail "tmux resize-window"
wait_for x '^terminal too small \(need 80x24\)'
for key in m 0 M x d u; do
	keys x "$key"
	wait_for x "^$key ignored: terminal too small"
done
keys x Enter
wait_for x '^Enter ignored: terminal too small'
paste x '\033[<0;20;10M'
wait_for x '^mouse report ignored'
keys x C-l
tm resize-window -t x -x 100 -y 30 || fail "tmux resize-window"
wait_for x 'MIXER'
grep -q '\[+\]' "$WORK/screen" && fail "x: keys typed while too small changed the project"
keys x C-s
wait_for x '^saved '
keys x q
[ "$(wait_exit x)" = 0 ] || fail "x: q did not exit with 0"
unchanged x

# ---- 2. Home, End and Delete under a TERM that lacks them ----
start v TERM=vt100
wait_for v 'MIXER'
keys v End
wait_for v ' 0:04\.0 / 0:04\.0 '
keys v Home
wait_for v ' 0:00\.0 / 0:04\.0 '
keys v Delete
wait_for v '^Delete does nothing here'
# the Home and End of xterm (two modes), rxvt and the Linux console, as raw bytes
for pair in '\033[F \033[H' '\033OF \033OH' '\033[8~ \033[7~' '\033[4~ \033[1~'; do
	end=${pair% *} home=${pair#* }
	paste v "$end"
	wait_for v ' 0:04\.0 / 0:04\.0 '
	paste v "$home"
	wait_for v ' 0:00\.0 / 0:04\.0 '
done
keys v 1
wait_for v 'ARRANGER'
keys v End
wait_for v ' 0:04\.0 / 0:04\.0 '
keys v Home
wait_for v ' 0:00\.0 / 0:04\.0 '
stray v arranger
keys v 3
wait_for v 'MASTERING'
keys v End Home Delete
wait_for v '^Delete does nothing here'
capture v
grep -q '\[+\]' "$WORK/screen" && fail "v: Home, End or Delete changed the project"
keys v C-s
wait_for v '^saved '
unchanged v

# ---- 3. key edits say what they did; q at 40x12 asks, y quits ----
keys v 2
wait_for v 'MIXER'
keys v m
wait_for v '^drums muted'
keys v k
wait_for v '^drums fader -2\.5 dB'
keys v 1
wait_for v 'ARRANGER'
keys v M
wait_for v '^marker '
tm resize-window -t v -x 40 -y 12 || fail "tmux resize-window"
wait_for v '^terminal too small'
keys v q
wait_for v 'quit without saving'
keys v y
[ "$(wait_exit v)" = 0 ] || fail "v: y did not quit with 0"
unchanged v
exit 0
