#!/bin/sh
# Trust (issue 15), media, in the studio (tmux):
#  1. under ulimit -n 1024 a project of 20,000 clips (of three files) opens (it used to
#     die with "cannot drive this terminal": terminfo could not be opened), plays
#     through its clips on the null driver with no clip offline, and quits with 0,
#     holding no more than a few hundred files open while it plays;
#  2. a float WAV with NaN samples: the status line names the file and says its
#     samples play as silence.
set -u

: "${top_srcdir:?run me through make check}"
: "${top_builddir:?run me through make check}"
: "${TTYMIX:?run me through make check}"
WAIT_SEC=60

TEST=ui_trust_media
. "$top_srcdir/tests/tmux_lib.sh"
require_tools tmux sox
# before the tmux server starts: it and every pane inherit the limit
ulimit -n 1024 || fail "cannot set ulimit -n 1024"
tmux_setup trust-media

start() {
	session=$1 project=$2
	tmux_start "$session" 100 30 TERM=screen LANG=C.UTF-8 LC_ALL=C.UTF-8 \
		XDG_DATA_HOME="$WORK/xdg" -- --output null "$project"
}

# ---- 1. 20,000 clips ----
p=$WORK/many
sh "$top_srcdir/tests/make_many_clips.sh" "$p" || exit 99

start many "$p"
wait_for many 'STOP +0:00'
keys many Space
wait_for many 'PLAY +0:0[2-9]'
pid=$(cat "$WORK/many.pid")
open_files=$(ls "/proc/$pid/fd" 2>/dev/null | wc -l)
[ "$open_files" -le 400 ] || fail "many: $open_files files open while playing 20,000 clips"
keys many Space
wait_for many 'STOP'
capture many
if grep -q -i -e offline -e 'open files' -e 'failed' "$WORK/screen"; then
	fail "many: a clip failed while playing"
fi
keys many q
status=$(wait_exit many)
[ "$status" = 0 ] || fail "many: q exited with status $status"

# ---- 2. NaN samples: said on the status line ----
"$top_builddir/tests/badwav" nan "$WORK/nan.wav" || exit 99
# new refuses the file (it checks what it makes): the project is made from a clean
# file of that name, which the bad one then replaces
mkdir -p "$WORK/clean"
sox -n -r 48000 -c 1 "$WORK/clean/nan.wav" synth 0.1 sine 440 || fail "sox failed"
"$TTYMIX" new "$WORK/pn" "$WORK/clean/nan.wav" >/dev/null || fail "new with a clean nan.wav failed"
cp "$WORK/nan.wav" "$WORK/pn/audio/nan.wav" || fail "could not put the bad nan.wav in place"
start nan "$WORK/pn"
keys nan Space
wait_for nan 'audio/nan\.wav: [0-9]+ samples not finite or beyond'
keys nan Space
keys nan q
status=$(wait_exit nan)
[ "$status" = 0 ] || fail "nan: q exited with status $status"
exit 0
