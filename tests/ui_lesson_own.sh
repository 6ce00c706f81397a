#!/bin/sh
# A teacher's lesson in the studio (tmux, 80x24): lesson 21 on $XDG_DATA_DIRS/ttymix/
# lessons, carrying its own audio (audio/, its clips named audio/FILE) and a solution
# the student must not get. :lesson 21 finds it on the lesson path and copies it with
# its audio (not its solution) into the user's data folder; :check measures the mix
# (a FAIL about the lead, not "audio file not found"); the copy opened directly with
# an edited lesson.json is checked by the source's spec.
#
# Needs tmux. Without it the test skips, except under TTYMIX_REQUIRE_ALL=1 (CI).
set -u

: "${top_srcdir:?run me through make check}"
: "${top_builddir:?run me through make check}"
: "${TTYMIX:?run me through make check}"
WAIT_SEC=30

TEST=ui_lesson_own
PACKAGES=tmux
. "$top_srcdir/tests/tmux_lib.sh"
require_tools tmux
tmux_setup lesson_own
XDG=$WORK/xdg

line() {
	keys "$1" -l "$2"
	keys "$1" Enter
}

# the teacher's lesson: the balance lesson's song, its audio inside the lesson
L=$WORK/share/ttymix/lessons/21-own
mkdir -p "$L/audio" "$L/solution" || exit 99
cp "$top_builddir"/projects/demo/audio/*.flac "$L/audio/" || exit 99
sed 's|"\.\./\.\./demo/audio/|"audio/|' "$top_builddir/projects/lessons/01-balance/project.json" \
	>"$L/project.json" || exit 99
sed 's/"number": 1,/"number": 21,/; s/"title": "Balance"/"title": "Own audio"/' \
	"$top_builddir/projects/lessons/01-balance/lesson.json" >"$L/lesson.json" || exit 99
cp "$L/project.json" "$L/solution/project.json"
grep -q '"audio/lead.flac"' "$L/project.json" || fail "the lesson's clips name audio/"

cd "$WORK" || exit 99
tmux_start s 80 24 TERM=screen LANG=C.UTF-8 LC_ALL=C.UTF-8 XDG_DATA_HOME="$XDG" \
	XDG_DATA_DIRS="$WORK/share" -- --output null
wait_for s 'Kick +Snare'

line s ':lesson 21'
wait_for s '^ Lesson 21: Own audio'
keys s q
wait_gone s 'Goal: Make the lead'
COPY=$XDG/ttymix/lessons/21-own
[ -f "$COPY/audio/lead.flac" ] || fail "the lesson's audio was not copied to $COPY/audio"
cmp -s "$COPY/audio/kick.flac" "$L/audio/kick.flac" || fail "the audio copy differs"
[ -e "$COPY/solution" ] && fail "the solution was copied to the student"

line s ':check'
wait_for s '^ Lesson 21, Own audio: not yet'
wait_for s 'FAIL Lead against the rest of the band, Chorus 1: -18\.5 LU'
keys s Escape
line s ':q'
wait_exit s >/dev/null

# the copy opened directly, its lesson.json edited (tolerance 30): :check grades by
# the source's spec, as ttymix lesson check does
sed 's/"tolerance_lu": 2.0/"tolerance_lu": 30/' "$L/lesson.json" >"$COPY/lesson.json"
grep -q '"tolerance_lu": 30' "$COPY/lesson.json" || fail "the copy was not edited"
tmux_start t 80 24 TERM=screen LANG=C.UTF-8 LC_ALL=C.UTF-8 XDG_DATA_HOME="$XDG" \
	XDG_DATA_DIRS="$WORK/share" -- --output null "$COPY"
wait_for t 'Kick +Snare'
line t ':check'
wait_for t '^ Lesson 21, Own audio: not yet'
wait_for t '^check: 1 of 1 not yet; Lead is 18\.5 LU under the rest'
keys t Escape
line t ':q'
wait_exit t >/dev/null
echo "$TEST: ok"
exit 0
