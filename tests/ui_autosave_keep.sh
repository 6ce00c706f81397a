#!/bin/sh
# Archived autosaves are kept to the last 5 (issue 18): a project whose .ttymix/ holds
# seven answered autosaves (autosave-*.json) and a newer one a studio left behind; n at
# the offer moves that one aside, and then only the five newest archives are left,
# the one just moved among them. The live autosave of a running studio and other
# files are not touched.
#
# Needs tmux and sox. Without them the test skips, except under TTYMIX_REQUIRE_ALL=1
# (CI), where a missing part is a failure.
set -u

: "${top_srcdir:?run me through make check}"
: "${TTYMIX:?run me through make check}"
WAIT_SEC=20

TEST=ui_autosave_keep
. "$top_srcdir/tests/tmux_lib.sh"
require_tools tmux sox
tmux_setup autosave_keep

cd "$WORK" || exit 99
sox -n -r 48000 -c 1 drums.wav synth 2 sine 220 vol 0.5 || fail "sox could not make drums.wav"
"$TTYMIX" new "$WORK/song" drums.wav >/dev/null || fail "ttymix new failed"
P=$WORK/song
A=$P/.ttymix
touch -d '2020-01-01 00:00' "$P/project.json" || fail "touch -d failed"
# seven answered autosaves, a day apart, the oldest first
for i in 1 2 3 4 5 6 7; do
	cp "$P/project.json" "$A/autosave-2021010$i-000000.json"
	touch -d "2021-01-0$i 00:00" "$A/autosave-2021010$i-000000.json"
done
echo keep >"$A/notes.txt"
# one left behind by a studio on another host (it cannot be asked whether it runs),
# newer than project.json and with an edit in it
sed 's/"gain_db":[[:space:]]*0,/"gain_db": -4,/' "$P/project.json" >"$A/autosave.otherhost.1.json"
grep -q '"gain_db": -4' "$A/autosave.otherhost.1.json" || fail "could not make the autosave"

tmux_start s 100 30 TERM=screen LANG=C.UTF-8 LC_ALL=C.UTF-8 XDG_DATA_HOME="$WORK/xdg" \
	-- --output null "$P"
wait_for s 'Restore the autosave\? \(y/n\)'
keys s n
wait_for s 'kept project\.json; autosave moved to \.ttymix/autosave-'

n=$(find "$A" -maxdepth 1 -name 'autosave-*.json' | wc -l)
[ "$n" -eq 5 ] || fail "$n archived autosaves are left, not 5: $(ls "$A")"
for i in 1 2 3; do
	[ -e "$A/autosave-2021010$i-000000.json" ] && fail "the old archive 2021010$i was kept"
done
for i in 4 5 6 7; do
	[ -e "$A/autosave-2021010$i-000000.json" ] || fail "the archive 2021010$i is gone"
done
grep -l '"gain_db": -4' "$A"/autosave-*.json >/dev/null || fail "the autosave just moved aside is gone"
[ -e "$A/autosave.otherhost.1.json" ] && fail "the answered autosave was not moved aside"
[ -e "$A/notes.txt" ] || fail "a file that is no archive was removed"

keys s q
status=$(wait_exit s)
[ "$status" = 0 ] || fail "ttymix exited with $status"
echo "$TEST: PASS"
