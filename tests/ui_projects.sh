#!/bin/sh
# Projects in a running studio (issue 18), in a real terminal (tmux on a private
# server):
#  - :e PROJECT with unsaved changes asks first; n stays, y drops them and opens the
#    other project (its track names on the arranger), with an empty undo history;
#    :e back; :e! opens without asking; s saves first, then opens;
#  - a project another studio holds opens read-only (RO on the status bar);
#  - :e on a folder that is no project says so and keeps the project open and as it was;
#  - :e on a project with an autosave left behind says so and leaves the file;
#  - :new fresh makes an empty project that `ttymix check` passes, and opens it;
#  - :w copy2 link saves a copy whose audio are symbolic links, and its render is
#    the original's, sample for sample (cmp); :w copy3 (copy, the default) copies;
#  - Tab completes a path: a folder gains its '/', several candidates are listed.
#
# Needs tmux and sox. Without them the test skips, except under TTYMIX_REQUIRE_ALL=1
# (CI), where a missing part is a failure.
set -u

: "${top_srcdir:?run me through make check}"
: "${TTYMIX:?run me through make check}"
WAIT_SEC=20 # every wait is bounded by this

TEST=ui_projects
. "$top_srcdir/tests/tmux_lib.sh"
require_tools tmux sox cmp
tmux_setup projects

cd "$WORK" || exit 99
sox -n -r 48000 -c 1 tone.wav synth 5 sine 220 vol 0.5 || fail "sox: tone.wav"
sox -n -r 48000 -c 1 hiss.wav synth 8 pinknoise vol 0.3 || fail "sox: hiss.wav"
"$TTYMIX" new "$WORK/first" tone.wav >/dev/null || fail "ttymix new first"
"$TTYMIX" new "$WORK/second" hiss.wav tone.wav >/dev/null || fail "ttymix new second"
"$TTYMIX" new "$WORK/held" tone.wav >/dev/null || fail "ttymix new held"
mkdir "$WORK/plain" && echo text >"$WORK/plain/notes.txt"
# a project with an autosave that a studio on another host left behind (newer, other)
"$TTYMIX" new "$WORK/left" tone.wav >/dev/null || fail "ttymix new left"
sed 's/"gain_db":[[:space:]]*0/"gain_db": -7/' "$WORK/left/project.json" \
	>"$WORK/left/.ttymix/autosave.far-host.4242.json"
touch -d '+1 minute' "$WORK/left/.ttymix/autosave.far-host.4242.json"

# start SESSION PROJECT: the studio in WORK (relative paths are from there)
start() {
	tmux_start "$1" 200 30 TERM=screen LANG=C LC_ALL=C XDG_DATA_HOME="$WORK/xdg" \
		XDG_STATE_HOME="$WORK/state" TTYMIX_AUTOSAVE_SEC=3600 HOME="$WORK/home" \
		-- --output null "$2"
}
mkdir -p "$WORK/home/music/sessions" "$WORK/home/music/setlists"

start st first
wait_for st 'MIXER'

# ---- :e asks about unsaved changes ----
keys st : 'gain 1 -3' Enter
wait_for st '\[\+\]'
keys st : 'e second' Enter
wait_for st '^unsaved changes: open another project without saving\? \(y: drop them, s: save first, n: stay\)'
keys st n
wait_for st "^kept $WORK/first open"
wait_for st '\[\+\]'
keys st : 'e second' Enter
wait_for st '^unsaved changes: open another project'
keys st y
wait_for st "^opened $WORK/second \(2 tracks, 0:08\)"
keys st 1
wait_for st 'ARRANGER'
wait_for st '1 hiss'
wait_for st '2 tone'
capture st
grep -q '\[+\]' "$WORK/screen" && fail "the opened project is marked unsaved"
# the dropped change never reached the disk
grep -q '"gain_db":[[:space:]]*-3' "$WORK/first/project.json" &&
	fail ":e after y wrote the dropped change"
# ---- the history is the new project's: empty ----
keys st : 'undo' Enter
wait_for st '^nothing to undo'

# ---- :e back; s saves first ----
keys st : 'gain tone -2' Enter
wait_for st '\[\+\]'
keys st : 'e first' Enter
wait_for st '^unsaved changes: open another project'
keys st s
wait_for st "^opened $WORK/first \(1 track, 0:05\)"
grep -q '"gain_db":[[:space:]]*-2' "$WORK/second/project.json" ||
	fail "s did not save the change before opening"
keys st : 'undo' Enter
wait_for st '^nothing to undo'
# :e! drops changes without a question
keys st : 'gain 1 -4' Enter
wait_for st '\[\+\]'
keys st : 'e! second' Enter
wait_for st "^opened $WORK/second \(2 tracks, 0:08\)"

# ---- not a project: said, and nothing changes ----
keys st : 'gain 1 -5' Enter
wait_for st '\[\+\]'
keys st : "e $WORK/no/such/project" Enter
wait_for st "$WORK/no/such/project"
capture st
grep -q '^opened' "$WORK/screen" && fail ":e on a missing folder opened something"
wait_for st '\[\+\]'
keys st : 'e plain' Enter
wait_for st 'plain'
capture st
grep -q '^opened' "$WORK/screen" && fail ":e on a folder with no project.json opened it"
keys st 1
wait_for st '1 hiss'
keys st : 'undo' Enter
wait_for st '^undo'
keys st : 'w' Enter
wait_for st '^saved '

# ---- a project another studio holds opens read-only ----
start holder held
wait_for holder 'MIXER'
keys st : 'e held' Enter
wait_for st "^opened $WORK/held \(1 track, 0:05\) read-only: it is open in ttymix"
wait_for st ' RO( |$)'
keys holder : 'q' Enter
[ "$(wait_exit holder)" = 0 ] || fail "the holding studio did not quit cleanly"
keys st : 'e first' Enter
wait_for st "^opened $WORK/first"
capture st
grep -Eq ' RO( |$)' "$WORK/screen" && fail "RO stayed after opening a writable project"

# ---- an autosave left behind is pointed at, and kept ----
keys st : 'e left' Enter
wait_for st "^opened $WORK/left \(1 track, 0:05\); it has an autosave newer than its project.json"
[ -f "$WORK/left/.ttymix/autosave.far-host.4242.json" ] || fail ":e moved the autosave"

# ---- :new ----
keys st : 'new fresh' Enter
wait_for st "^new project $WORK/fresh \(0 tracks, 0:00\)"
"$TTYMIX" check "$WORK/fresh" >/dev/null || fail "ttymix check fresh failed"
keys st : 'new plain' Enter
wait_for st '^no new project: plain: folder is not empty'
keys st : 'e first' Enter
wait_for st "^opened $WORK/first"

# ---- :w DIR link and copy ----
keys st : 'w copy2 link' Enter
wait_for st "^saved as $WORK/copy2; now working on the copy \(1 audio file linked to $WORK/first\)"
[ -L "$WORK/copy2/audio/tone.wav" ] || fail ":w copy2 link made no symbolic link"
[ "$(readlink "$WORK/copy2/audio/tone.wav")" = "$WORK/first/audio/tone.wav" ] ||
	fail "the link does not name the original's file"
"$TTYMIX" render "$WORK/first" -o "$WORK/first.wav" >/dev/null 2>&1 || fail "render first"
"$TTYMIX" render "$WORK/copy2" -o "$WORK/copy2.wav" >/dev/null 2>&1 || fail "render copy2"
cmp -s "$WORK/first.wav" "$WORK/copy2.wav" || fail "the linked copy renders otherwise"
keys st : 'w copy3' Enter
wait_for st "^saved as $WORK/copy3; now working on the copy \(1 audio file copied\)"
[ -f "$WORK/copy3/audio/tone.wav" ] && [ ! -L "$WORK/copy3/audio/tone.wav" ] ||
	fail ":w copy3 did not copy the audio"
keys st : 'w copy4 move' Enter
wait_for st '^usage: :w'

# ---- Tab completes paths ----
keys st : 'e sec' Tab
wait_for st '^:e second/ *$'
keys st Escape
keys st : 'e ~/mu' Tab
wait_for st '^:e ~/music/ *$'
keys st s Tab
wait_for st '^:e ~/music/se.*~/music/sessions/ ~/music/setlists/'
keys st Escape
keys st : 'w elsewhere ' Tab
wait_for st '^:w elsewhere +copy link'
keys st Escape
# :render's relative names are the project's renders/ (copy3 is open): not first/
keys st : 'render fi' Tab
wait_for st '^:render fi *\(no match\)'
keys st Escape
mkdir -p "$WORK/copy3/renders" && : >"$WORK/copy3/renders/final-mix.wav"
keys st : 'render fi' Tab
wait_for st '^:render final-mix\.wav *$'
keys st Escape

keys st : 'q' Enter
[ "$(wait_exit st)" = 0 ] || fail ":q did not exit cleanly"
echo "$TEST: ok"
