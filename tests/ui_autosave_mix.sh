#!/bin/sh
# Mixing work lost to SIGHUP comes back whole (issue 15, fault 1). On the real binary
# in tmux, with the autosave every second:
#  1. an insert, a bus, a send, a group, three automation points and solo-safe, typed
#     as : commands; the studio's own autosave (.ttymix/autosave.HOST.PID.json) holds
#     them all; SIGHUP (an SSH drop) ends the studio;
#  2. the next open, in a window too short for the list, offers the autosave and lists
#     each of them in words, page after page (PgDn scrolls; y and n still answer);
#  3. y restores it; :w writes every one of them into project.json (checked with jq).
#
# Needs tmux, sox and jq. Without them the test skips, except under
# TTYMIX_REQUIRE_ALL=1 (CI), where a missing part is a failure.
set -u

: "${top_srcdir:?run me through make check}"
: "${TTYMIX:?run me through make check}"
WAIT_SEC=20
PACKAGES="tmux, sox and jq"

TEST=ui_autosave_mix
. "$top_srcdir/tests/tmux_lib.sh"
require_tools tmux sox jq
tmux_setup autosavemix

cd "$WORK" || exit 99
sox -n -r 48000 -c 1 drums.wav synth 5 sine 220 vol 0.5 || fail "sox could not make drums.wav"
sox -n -r 48000 -c 1 bass.wav synth 5 sine 55 vol 0.5 || fail "sox could not make bass.wav"
"$TTYMIX" new "$WORK/song" drums.wav bass.wav >/dev/null || fail "ttymix new failed"
PROJECT=$WORK/song
JSON=$PROJECT/project.json
cp "$JSON" "$WORK/saved.json"

start() {
	session=$1 height=$2
	shift 2
	tmux_start "$session" 100 "$height" TERM=screen LANG=C.UTF-8 LC_ALL=C.UTF-8 \
		XDG_DATA_HOME="$WORK/xdg" XDG_STATE_HOME="$WORK/state" "$@" \
		-- --output null "$PROJECT"
}

# run SESSION TEXT: type a : command and Enter
run() {
	keys "$1" :
	keys "$1" -l "$2"
	keys "$1" Enter
}

live_autosave() {
	find "$PROJECT/.ttymix" -maxdepth 1 -name 'autosave.*.json' 2>/dev/null | head -n 1
}

# autosave_holds JQ: poll until the studio's autosave satisfies the jq expression
autosave_holds() {
	tries=0
	while :; do
		f=$(live_autosave)
		[ -n "$f" ] && [ "$(jq -e "$1" "$f" 2>/dev/null)" = true ] && return 0
		[ "$tries" -lt $((WAIT_SEC * 10)) ] ||
			fail "waited ${WAIT_SEC}s for an autosave where $1"
		sleep 0.1
		tries=$((tries + 1))
	done
}

# ---- 1. the mixing work, then SIGHUP ----
start work 30 TTYMIX_AUTOSAVE_SEC=1
wait_for work 'Master'
run work 'insert drums add eq'
run work 'bus add Verb2'
run work 'send drums Verb2 -12'
run work 'group Rhythm drums bass'
run work 'auto drums gain_db add 1 -3'
run work 'auto drums gain_db add 2 -6'
run work 'auto drums gain_db add 3 -1'
run work 'safe drums'
wait_for work '\[\+\]'
autosave_holds '
	(.tracks[0].inserts | length == 1 and .[0].type == "eq")
	and (.buses | map(.name) == ["Verb2"])
	and (.tracks[0].sends[0].bus == "Verb2")
	and (.groups | map(.name) == ["Rhythm"])
	and (.tracks[0].group == "Rhythm") and (.tracks[1].group == "Rhythm")
	and (.tracks[0].automation.gain_db | length == 3)
	and (.tracks[0].solo_safe == true)'
pid=$(cat "$WORK/work.pid")
[ -n "$pid" ] || fail "work: no pid"
kill -HUP "$pid"
status=$(wait_exit work)
[ "$status" = 129 ] || fail "work: after SIGHUP the status was $status, not 129"
cmp -s "$JSON" "$WORK/saved.json" || fail "hup: project.json changed without a save"
[ -n "$(live_autosave)" ] || fail "hup: no autosave left"
tm kill-session -t work

# ---- 2. the offer, in a window of 16 lines: 5 lines of the list at a time ----
start offer 16
wait_for offer 'Restore the autosave\? \(y/n\)'
wait_for offer 'What differs \(project\.json -> autosave\): [0-9]+ lines  \(Up/Down, PgUp/PgDn scroll\)'
wait_for offer 'lines 1-5 of '
# find ERE: PgDn through the list (from the top) until a page shows it
find_line() {
	keys offer g
	wait_for offer 'lines 1-'
	pages=0
	while :; do
		capture offer
		grep -Eq -- "$1" "$WORK/screen" && return 0
		[ "$pages" -lt 10 ] || fail "offer: no page shows $1"
		shown=$(grep -Eo 'lines [0-9]+-[0-9]+ of [0-9]+' "$WORK/screen")
		last=${shown#lines *-}
		[ "${last% of *}" != "${last#* of }" ] || fail "offer: no page shows $1"
		keys offer NPage
		wait_gone offer "$shown"
		pages=$((pages + 1))
	done
}
find_line 'drums: insert 1 eq added'
find_line 'bus Verb2 added'
find_line 'drums: send 1 to Verb2 added'
find_line 'group Rhythm added'
find_line 'drums: group \(none\) -> "Rhythm"'
find_line 'bass: group \(none\) -> "Rhythm"'
find_line '3 automation points on drums gain_db \(3 added, a new lane\)'
find_line 'drums: solo_safe \(none\) -> true'
capture offer
grep -q 'matched project.json' "$WORK/screen" && fail "offer: said the autosave matched"

# ---- 3. y restores it all; :w writes it all ----
# the studio itself needs 80x24
tm resize-window -t offer -x 100 -y 30 || fail "tmux could not resize the window"
wait_gone offer 'lines [0-9]+-[0-9]+ of '
keys offer y
wait_for offer 'restored the autosave'
wait_for offer '\[\+\]'
cmp -s "$JSON" "$WORK/saved.json" || fail "restore: project.json changed before :w"
run offer w
wait_for offer '^saved '
jq -e '
	(.tracks[0].inserts | length == 1 and .[0].type == "eq")
	and (.buses | map(.name) == ["Verb2"])
	and (.tracks[0].sends[0].bus == "Verb2") and (.tracks[0].sends[0].level_db == -12)
	and (.groups | map(.name) == ["Rhythm"])
	and (.tracks[0].group == "Rhythm") and (.tracks[1].group == "Rhythm")
	and (.tracks[0].automation.gain_db == [[1, -3], [2, -6], [3, -1]])
	and (.tracks[0].solo_safe == true)
	and (has("autosave") | not)' "$JSON" >/dev/null ||
	fail "restore: project.json after :w lacks some of the work: $(cat "$JSON")"
[ -z "$(live_autosave)" ] || fail "restore: an autosave is left after :w"
[ "$(find "$PROJECT/.ttymix" -maxdepth 1 -name 'autosave-*.json' | wc -l)" = 1 ] ||
	fail "restore: the answered autosave was not kept aside"
keys offer q
status=$(wait_exit offer)
[ "$status" = 0 ] || fail "offer: q exited with status $status"

echo "$TEST: PASS"
exit 0
