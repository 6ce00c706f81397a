#!/bin/sh
# A project folder that can't be written still autosaves (issue 15, fault 2): the
# autosave goes to $XDG_STATE_HOME/ttymix/autosave/NAME-HASH/, the status line says
# where, and the next open offers it from there. On the real binary in tmux:
#  1. the project sits on a small tmpfs remounted read-only; an edit; the autosave
#     (every second) lands in the per-user folder and the status line names it;
#  2. SIGHUP; the next open offers it (what differs, and that it is kept aside in
#     that folder); y restores the edit.
#
# Needs tmux, sox and the right to mount a tmpfs (root). Without them the test skips,
# except under TTYMIX_REQUIRE_ALL=1 (CI), where a missing part is a failure.
set -u

: "${top_srcdir:?run me through make check}"
: "${TTYMIX:?run me through make check}"
WAIT_SEC=20

TEST=ui_autosave_readonly
. "$top_srcdir/tests/tmux_lib.sh"
require_tools tmux sox mount umount

mounted=
unmount() {
	[ -n "$mounted" ] || return 0
	umount "$mounted" 2>/dev/null || umount -l "$mounted" 2>/dev/null
}
CLEANUP_HOOK=unmount
tmux_setup autosavero

RO=$WORK/ro
mkdir "$RO" || exit 99
mount -t tmpfs -o size=4m tmpfs "$RO" 2>/dev/null ||
	missing "cannot mount a tmpfs here (needs root and mount rights)"
mounted=$RO

cd "$WORK" || exit 99
sox -n -r 48000 -c 1 drums.wav synth 2 sine 220 vol 0.5 || fail "sox could not make drums.wav"
"$TTYMIX" new "$RO/song" drums.wav >/dev/null || fail "ttymix new failed"
PROJECT=$RO/song
JSON=$PROJECT/project.json
mount -o remount,ro "$RO" || fail "could not remount $RO read-only"
touch "$PROJECT/x" 2>/dev/null && fail "$RO is still writable"
cp "$JSON" "$WORK/saved.json"
STATE=$WORK/state

start() {
	session=$1
	shift
	tmux_start "$session" 200 30 TERM=screen LANG=C.UTF-8 LC_ALL=C.UTF-8 \
		XDG_DATA_HOME="$WORK/xdg" XDG_STATE_HOME="$STATE" "$@" \
		-- --output null "$PROJECT"
}

fallback_autosaves() {
	find "$STATE/ttymix/autosave" -name "$1" 2>/dev/null
}

# ---- 1. an edit; the autosave goes to the per-user folder, and says so ----
start work TTYMIX_AUTOSAVE_SEC=1
wait_for work 'Master'
keys work Up # drums +0.5 dB
wait_for work '^ dB +\+0\.5 '
wait_for work "autosaved to $STATE/ttymix/autosave/song-[0-9a-f]+/ \\(the project folder can't be written: Read-only file system\\)"
live=$(fallback_autosaves 'autosave.*.json')
[ -n "$live" ] || fail "work: no autosave in $STATE/ttymix/autosave"
grep -Eq '"gain_db":[[:space:]]*0\.5,?$' $live || fail "work: the autosave lacks gain_db 0.5"
pid=$(cat "$WORK/work.pid")
kill -HUP "$pid"
status=$(wait_exit work)
[ "$status" = 129 ] || fail "work: after SIGHUP the status was $status, not 129"
cmp -s "$JSON" "$WORK/saved.json" || fail "work: project.json changed"
tm kill-session -t work

# ---- 2. the next open offers it from there ----
start again
wait_for again 'Restore the autosave\? \(y/n\)'
wait_for again 'drums: gain \+0\.0 -> \+0\.5 dB'
wait_for again "Both are kept: the autosave moves to $STATE/ttymix/autosave/song-[0-9a-f]+/autosave-"
keys again y
wait_for again 'restored the autosave'
wait_for again '^ dB +\+0\.5 '
[ -z "$(fallback_autosaves 'autosave.*.json')" ] || fail "again: the autosave was not moved aside"
[ -n "$(fallback_autosaves 'autosave-*.json')" ] || fail "again: the answered autosave is gone"
keys again : q ! Enter
status=$(wait_exit again)
[ "$status" = 0 ] || fail "again: :q! exited with status $status"

echo "$TEST: PASS"
exit 0
