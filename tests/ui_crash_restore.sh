#!/bin/sh
# kill -9 (issue 8): no signal handler runs, so only the periodic autosave is left to
# find (tests/ui_faults.sh covers SIGHUP and SIGTERM, which write one on the way out).
# On the real binary in tmux, with the autosave every second:
#  1. two edits, the autosave holds them, kill -9: the next open offers the newer
#     autosave, lists what differs and how many edits; y restores it (unsaved, [+]),
#     project.json is byte for byte what it was, and the autosave is kept aside as
#     .ttymix/autosave-*.json (both kept). Each studio writes its own
#     .ttymix/autosave.HOST.PID.json; the offer names the fields in words.
#  2. one more edit on the restored work, kill -9 again: the offer lists the new
#     differences from project.json; n keeps project.json (the value on screen is the
#     saved one), and the second autosave is kept aside too.
#  3. an autosave, then Ctrl-S, then kill -9: nothing is offered (project.json is the
#     newest work).
#
# Needs tmux and sox. Without them the test skips, except under TTYMIX_REQUIRE_ALL=1
# (CI), where a missing part is a failure.
set -u

: "${top_srcdir:?run me through make check}"
: "${TTYMIX:?run me through make check}"
WAIT_SEC=20

TEST=ui_crash_restore
. "$top_srcdir/tests/tmux_lib.sh"
require_tools tmux sox
tmux_setup crashrestore
ulimit -c 0 2>/dev/null

cd "$WORK" || exit 99
sox -n -r 48000 -c 1 drums.wav synth 5 sine 220 vol 0.5 || fail "sox could not make drums.wav"
"$TTYMIX" new "$WORK/song" drums.wav >/dev/null || fail "ttymix new failed"
PROJECT=$WORK/song
JSON=$PROJECT/project.json
cp "$JSON" "$WORK/saved.json"

# live_autosaves: the studios' own autosave files (not the ones kept aside)
live_autosaves() {
	find "$PROJECT/.ttymix" -maxdepth 1 -name 'autosave.*.json' 2>/dev/null
}

start() {
	session=$1
	shift
	tmux_start "$session" 100 30 TERM=screen LANG=C.UTF-8 LC_ALL=C.UTF-8 \
		XDG_DATA_HOME="$WORK/xdg" "$@" -- --output null "$PROJECT"
}

# autosave_has ERE...: poll until a live autosave exists and matches every ERE
autosave_has() {
	tries=0
	while :; do
		ok=1
		AUTOSAVE=$(live_autosaves | head -n 1)
		for re in "$@"; do
			[ -n "$AUTOSAVE" ] && grep -Eq -- "$re" "$AUTOSAVE" 2>/dev/null || ok=
		done
		[ -n "$ok" ] && return 0
		[ "$tries" -lt $((WAIT_SEC * 10)) ] || fail "waited ${WAIT_SEC}s for an autosave holding $*"
		sleep 0.1
		tries=$((tries + 1))
	done
}

# kill9 SESSION: SIGKILL the program (its pid from tmux_lib.sh's wrapper)
kill9() {
	pid=$(cat "$WORK/$1.pid")
	[ -n "$pid" ] || fail "$1: no pid"
	kill -KILL "$pid"
	status=$(wait_exit "$1")
	[ "$status" = 137 ] || fail "$1: after kill -9 the status was $status, not 137"
	tm kill-session -t "$1"
}

count_archives() {
	find "$PROJECT/.ttymix" -maxdepth 1 -name 'autosave-*.json' | wc -l
}

# ---- 1. kill -9 after two edits; y restores ----
start work TTYMIX_AUTOSAVE_SEC=1
wait_for work 'Master'
keys work Up Up m # drums: +1.0 dB (one undo step: nudges merge), muted
wait_for work '^ dB +\+1\.0 '
wait_for work '\[\+\]'
autosave_has '"gain_db":[[:space:]]*1,?$' '"mute":[[:space:]]*true' \
	'"edits_since_save":[[:space:]]*2'
kill9 work
cmp -s "$JSON" "$WORK/saved.json" || fail "kill -9: project.json changed without a save"

start restore TTYMIX_AUTOSAVE_SEC=1
wait_for restore 'Restore the autosave\? \(y/n\)'
wait_for restore 'What differs \(project\.json -> autosave\): 2 lines'
wait_for restore 'drums: gain \+0\.0 -> \+1\.0 dB'
wait_for restore 'drums: mute false -> true'
wait_for restore '2 edits after the last save'
wait_for restore 'Both are kept: the autosave moves to \.ttymix/autosave-'
keys restore y
wait_for restore 'restored the autosave'
wait_for restore '^ dB +\+1\.0 '
wait_for restore '\[\+\]'
[ "$(count_archives)" = 1 ] || fail "restore: no .ttymix/autosave-*.json kept"
cmp -s "$JSON" "$WORK/saved.json" || fail "restore: project.json changed before a save"

# ---- 2. the restored work is lost again; n keeps project.json ----
keys restore Up # +1.5 dB
wait_for restore '^ dB +\+1\.5 '
autosave_has '"gain_db":[[:space:]]*1\.5,?$' '"mute":[[:space:]]*true'
kill9 restore
[ "$(count_archives)" = 1 ] || fail "restore: the kept autosave went away"

start decline
wait_for decline 'drums: gain \+0\.0 -> \+1\.5 dB'
wait_for decline 'drums: mute false -> true'
keys decline n
wait_for decline 'kept project\.json; autosave moved to \.ttymix/autosave-'
wait_for decline '^ dB +0\.0 '
[ -n "$(live_autosaves)" ] && fail "decline: the autosave stayed in place"
[ "$(count_archives)" = 2 ] || fail "decline: the autosave was not kept aside"
cmp -s "$JSON" "$WORK/saved.json" || fail "decline: project.json changed"
keys decline q
status=$(wait_exit decline)
[ "$status" = 0 ] || fail "decline: q exited with status $status"

# ---- 3. an autosave, then a save, then kill -9: nothing to offer ----
start saved TTYMIX_AUTOSAVE_SEC=1
wait_for saved 'Master'
keys saved Up # +0.5 dB
wait_for saved '^ dB +\+0\.5 '
autosave_has '"gain_db":[[:space:]]*0\.5,?$'
keys saved C-s
wait_for saved '^saved '
[ -n "$(live_autosaves)" ] && fail "saved: Ctrl-S left the autosave"
kill9 saved
start clean
wait_for clean 'Master'
wait_for clean '^ dB +\+0\.5 '
capture clean
grep -q 'Restore the autosave' "$WORK/screen" && fail "clean: an autosave was offered after a save"
[ "$(count_archives)" = 2 ] || fail "clean: the kept autosaves changed"
keys clean q
status=$(wait_exit clean)
[ "$status" = 0 ] || fail "clean: q exited with status $status"

echo "$TEST: PASS"
exit 0
