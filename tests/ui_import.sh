#!/bin/sh
# :import in a running studio (issue 20), in a real terminal (tmux on a private server):
#  - Tab completes the file's path (a folder gains its '/', then the file's name);
#  - a 44.1 kHz file goes into a 48 kHz project: the status line says it was
#    resampled, the copy is in audio/, and its waveform shows on the arranger (the
#    project held only a near-silent track before: no full blocks until the import);
#  - :w writes the new track; one undo takes the clip and its track away again;
#  - a broken file is one line on the status line and project.json stays as it was
#    (byte for byte), and audio/ gains nothing.
#
# Needs tmux and sox. Without them the test skips, except under TTYMIX_REQUIRE_ALL=1
# (CI), where a missing part is a failure.
set -u

: "${top_srcdir:?run me through make check}"
: "${TTYMIX:?run me through make check}"
WAIT_SEC=20 # every wait is bounded by this

TEST=ui_import
. "$top_srcdir/tests/tmux_lib.sh"
require_tools tmux sox cmp
tmux_setup import

cd "$WORK" || exit 99
sox -n -r 48000 -c 1 bed.wav synth 4 sine 220 vol 0.01 || fail "sox: bed.wav"
mkdir takes
sox -n -r 44100 -c 2 takes/loud44.wav synth 3 sine 330 vol 0.9 || fail "sox: loud44.wav"
echo "not a sound file" >takes/junk.wav
"$TTYMIX" new "$WORK/song" bed.wav >/dev/null || fail "ttymix new song"
PROJECT=$WORK/song

tmux_start st 100 30 TERM=screen LANG=C.UTF-8 LC_ALL=C.UTF-8 XDG_DATA_HOME="$WORK/xdg" \
	XDG_STATE_HOME="$WORK/state" TTYMIX_AUTOSAVE_SEC=3600 HOME="$WORK/home" \
	-- --output null "$PROJECT"
wait_for st 'MIXER'
keys st 1
wait_for st 'ARRANGER'
wait_for st '1 bed'
capture st
grep -Eq '(█){8}' "$WORK/screen" && fail "full blocks before the import"

# ---- Tab completes the path ----
keys st : 'import ta' Tab
wait_for st '^:import takes/ *$'
keys st 'lo' Tab
wait_for st '^:import takes/loud44\.wav *$'
keys st Enter
wait_for st '^imported audio/loud44\.wav on "loud44" at 0\.000 s \(44100 Hz resampled to 48000 Hz\)'
wait_for st '2 loud44'
wait_for st "^ .*│.*(█){8}" # the new clip's waveform, from its peaks
[ -f "$PROJECT/audio/loud44.wav" ] || fail "no copy in audio/"
wait_for st '\[\+\]'

# ---- :w keeps it; undo takes it away ----
keys st : 'w' Enter
wait_gone st '\[\+\]'
grep -q '"audio/loud44.wav"' "$PROJECT/project.json" || fail ":w did not write the clip"
keys st : 'undo' Enter
wait_for st '^undid: import'
wait_gone st '2 loud44'
keys st : 'w' Enter
wait_gone st '\[\+\]'
grep -q 'loud44' "$PROJECT/project.json" && fail "undo left the import in project.json"
cp "$PROJECT/project.json" before.json
ls "$PROJECT/audio" >before.ls

# ---- a broken file: one line, nothing changed ----
keys st : 'import takes/junk.wav' Enter
wait_for st '^import: takes/junk\.wav: cannot read audio'
capture st
[ "$(grep -c 'junk' "$WORK/screen")" = 1 ] || fail "the broken file said more than one line"
grep -Eq '\[\+\]' "$WORK/screen" && fail "the broken file made the project unsaved"
keys st : 'w' Enter
sleep 0.5
cmp -s before.json "$PROJECT/project.json" || fail "a broken import changed project.json"
ls "$PROJECT/audio" | cmp -s before.ls - || fail "a broken import left a file in audio/"

keys st : 'q' Enter
[ "$(wait_exit st)" = 0 ] || fail ":q did not exit cleanly"
echo "$TEST: ok"
