#!/bin/sh
# Two studios on one project keep their own autosaves (issue 15, fault 6). On the real
# binary in tmux, with the autosave every second:
#  1. studios A and B both edit: two autosave files, .ttymix/autosave.HOST.PID.json
#     each; A saves: A's file goes, B's stays (and is written again, newer than the
#     project.json A just saved);
#  2. B is killed (kill -9); once A has quit, the next studio offers B's work and
#     lists what differs from A's save; n keeps project.json and moves B's autosave
#     aside.
#
# Needs tmux and sox. Without them the test skips, except under TTYMIX_REQUIRE_ALL=1
# (CI), where a missing part is a failure.
set -u

: "${top_srcdir:?run me through make check}"
: "${TTYMIX:?run me through make check}"
WAIT_SEC=20

TEST=ui_autosave_two
. "$top_srcdir/tests/tmux_lib.sh"
require_tools tmux sox
tmux_setup autosavetwo
ulimit -c 0 2>/dev/null

cd "$WORK" || exit 99
sox -n -r 48000 -c 1 drums.wav synth 2 sine 220 vol 0.5 || fail "sox could not make drums.wav"
"$TTYMIX" new "$WORK/song" drums.wav >/dev/null || fail "ttymix new failed"
PROJECT=$WORK/song
JSON=$PROJECT/project.json

start() {
	session=$1
	shift
	tmux_start "$session" 100 30 TERM=screen LANG=C.UTF-8 LC_ALL=C.UTF-8 \
		XDG_DATA_HOME="$WORK/xdg" XDG_STATE_HOME="$WORK/state" "$@" \
		-- --output null "$PROJECT"
}

# own SESSION: that studio's autosave file (named after its pid)
own() {
	find "$PROJECT/.ttymix" -maxdepth 1 -name "autosave.*.$(cat "$WORK/$1.pid").json"
}

# wait_until TEXT COMMAND...: poll COMMAND until it succeeds
wait_until() {
	what=$1
	shift
	tries=0
	until "$@"; do
		[ "$tries" -lt $((WAIT_SEC * 10)) ] || fail "waited ${WAIT_SEC}s for $what"
		sleep 0.1
		tries=$((tries + 1))
	done
}

has_own() { [ -n "$(own "$1")" ]; }
newer_than_json() { f=$(own "$1") && [ -n "$f" ] && [ "$f" -nt "$JSON" ]; }

# ---- 1. two studios, two autosaves; A's save removes only A's ----
start a TTYMIX_AUTOSAVE_SEC=1
wait_for a 'Master'
keys a Up # drums +0.5 dB
wait_for a '^ dB +\+0\.5 '
wait_until "A's autosave" has_own a
start b TTYMIX_AUTOSAVE_SEC=1
wait_for b 'Master'
keys b m # drums muted
wait_for b '\[\+\]'
wait_until "B's autosave" has_own b
[ "$(own a)" != "$(own b)" ] || fail "A and B share one autosave file"
keys a C-s
wait_for a '^saved '
[ -z "$(own a)" ] || fail "A's save left A's autosave"
[ -n "$(own b)" ] || fail "A's save removed B's autosave"
wait_until "B's autosave to be newer than A's save" newer_than_json b

# ---- 2. B dies; once A is gone, the next studio offers B's work ----
kill -KILL "$(cat "$WORK/b.pid")"
status=$(wait_exit b)
[ "$status" = 137 ] || fail "b: after kill -9 the status was $status, not 137"
keys a q
status=$(wait_exit a)
[ "$status" = 0 ] || fail "a: q exited with status $status"
start c
wait_for c 'Restore the autosave\? \(y/n\)'
wait_for c 'drums: gain \+0\.5 -> \+0\.0 dB'
wait_for c 'drums: mute false -> true'
keys c n
wait_for c 'kept project\.json; autosave moved to \.ttymix/autosave-'
wait_for c '^ dB +\+0\.5 '
[ -z "$(find "$PROJECT/.ttymix" -maxdepth 1 -name 'autosave.*.json')" ] ||
	fail "c: an autosave stayed in place"
keys c q
status=$(wait_exit c)
[ "$status" = 0 ] || fail "c: q exited with status $status"

echo "$TEST: PASS"
exit 0
