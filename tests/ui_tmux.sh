#!/bin/sh
# The studio in a real terminal: run the binary in tmux on a private server, press
# keys the way a person would (send-keys) and read the screen (capture-pane).
#  1. 100x30, UTF-8: the mixer shows both strips; select strip 2, fader up twice
#     (+1.0 dB on screen), mute, Ctrl-S (project.json has gain_db 1 and mute true),
#     help opens and closes, u undoes, q asks (n stays, y leaves with status 0).
#  2. TERM=vt100 LANG=C while playing: nothing but ASCII on the screen.
#  3. 60x20: "terminal too small"; grown to 100x30 the mixer is back; SIGTERM ends
#     the program through its own clean-up (it dies of the signal afterwards).
#
# Needs tmux and sox. Without them the test skips, except under TTYMIX_REQUIRE_ALL=1
# (CI), where a missing part is a failure.
set -u

: "${top_srcdir:?run me through make check}"
: "${TTYMIX:?run me through make check}"
# a slow (sanitized) build may take a while to draw; every wait is bounded by this
WAIT_SEC=20

TEST=ui_tmux
. "$top_srcdir/tests/tmux_lib.sh"
require_tools tmux sox
tmux_setup ui

# start SESSION WIDTH HEIGHT VAR=VALUE...: run ttymix on the project in a new session
start() {
	session=$1 width=$2 height=$3
	shift 3
	tmux_start "$session" "$width" "$height" "$@" XDG_DATA_HOME="${XDG_DATA_HOME:-$WORK/xdg}" \
		-- --output null "$PROJECT"
}

# ---- a two-track project ----
cd "$WORK" || exit 99
sox -n -r 48000 -c 1 drums.wav synth 4 sine 220 vol 0.5 || fail "sox could not make drums.wav"
sox -n -r 48000 -c 2 bass.wav synth 4 sine 55 vol 0.5 || fail "sox could not make bass.wav"
"$TTYMIX" new "$WORK/song" drums.wav bass.wav >/dev/null || fail "ttymix new failed"
PROJECT=$WORK/song
JSON=$PROJECT/project.json

# ---- 1. editing, saving, undo and quitting in a UTF-8 terminal ----
start edit 100 30 TERM=screen LANG=C.UTF-8 LC_ALL=C.UTF-8
wait_for edit 'drums +bass'
wait_for edit 'Master'
has_non_ascii || fail "edit: a UTF-8 screen without a single box or block character"
keys edit Right
wait_for edit '2 bass'
keys edit Up Up
wait_for edit '^ dB +0\.0 +\+1\.0 '
keys edit m
wait_for edit '^ +M +(│|\|)' # the flag row: M under bass, nothing under the master
keys edit C-s
wait_for edit '^saved '
wait_gone edit '\[\+\]'
grep -Eq '"gain_db":[[:space:]]*1,?$' "$JSON" || fail "project.json has no gain_db 1 after Ctrl-S"
grep -Eq '"mute":[[:space:]]*true' "$JSON" || fail "project.json has no mute true after Ctrl-S"

keys edit '?'
wait_for edit 'fader-up-coarse'
keys edit Escape
wait_for edit 'Master'

keys edit u
wait_for edit 'undo: bass mute off'
wait_for edit '\[\+\]'
keys edit q
wait_for edit 'quit without saving\? \(y/n'
keys edit n
wait_for edit 'not quitting'
sleep 0.3
[ ! -e "$WORK/edit.status" ] || fail "edit: answering n still quit"
keys edit q
wait_for edit 'quit without saving\? \(y/n'
keys edit y
status=$(wait_exit edit)
[ "$status" = 0 ] || fail "edit: quit with y exited with status $status"
grep -Eq '"mute":[[:space:]]*true' "$JSON" || fail "quitting without saving changed project.json"

# ---- 2. a plain vt100 in the C locale: ASCII only, meters included ----
start ascii 100 30 TERM=vt100 LANG=C LC_ALL=C
wait_for ascii 'Master'
keys ascii Space
wait_for ascii 'PLAY'
wait_for ascii '##'
if has_non_ascii; then
	fail "ascii: non-ASCII characters on a TERM=vt100 LANG=C screen"
fi
keys ascii q # nothing changed: no question
status=$(wait_exit ascii)
[ "$status" = 0 ] || fail "ascii: q exited with status $status"

# ---- 3. a small terminal, a resize, and SIGTERM ----
start small 60 20 TERM=screen LANG=C.UTF-8 LC_ALL=C.UTF-8
wait_for small '^terminal too small \(need 80x24\)'
tm resize-window -t small -x 100 -y 30 || fail "tmux could not resize the window"
wait_for small 'Master'
capture small
grep -q 'too small' "$WORK/screen" && fail "small: the message stayed after the resize"
[ -s "$WORK/small.pid" ] || fail "small: no pid written"
kill -TERM "$(cat "$WORK/small.pid")"
status=$(wait_exit small)
[ "$status" = 143 ] || fail "small: after SIGTERM the status was $status, not 143"
wait_gone small 'Master' # the terminal is given back (alternate screen left)

echo "ui_tmux: PASS"
exit 0
