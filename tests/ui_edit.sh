#!/bin/sh
# Clip editing by keys on the arranger, in a real terminal (tmux on a private server):
# split at the playhead, move the second piece to the next snap point and nudge it,
# fade it out from the playhead and change the fade's shape, delete it, undo, redo,
# undo again, then multi-select both pieces and change their gain, undo that; then
# copy a clip onto a new track and undo that, reorder tracks and undo that, set the
# crossfade length, a marker and a loop, and save with Ctrl-S. project.json must hold
# exactly the edits, and its render must equal, sample for sample, the render of the
# same project written by hand.
#
# Needs tmux, sox and cmp. Without them the test skips, except under
# TTYMIX_REQUIRE_ALL=1 (CI), where a missing part is a failure.
set -u

: "${top_srcdir:?run me through make check}"
: "${TTYMIX:?run me through make check}"
WAIT_SEC=20 # every wait is bounded by this

PACKAGES=
TEST=ui_edit
. "$top_srcdir/tests/tmux_lib.sh"
require_tools tmux sox cmp
tmux_setup edit

cd "$WORK" || exit 99
sox -n -r 48000 -c 1 tone.wav synth 4 sine 220 vol 0.5 || fail "sox: tone.wav"
"$TTYMIX" new "$WORK/song" tone.wav >/dev/null || fail "ttymix new failed"
PROJECT=$WORK/song

tmux_start ed 100 30 TERM=screen LANG=C.UTF-8 LC_ALL=C.UTF-8 XDG_DATA_HOME="$WORK/xdg" \
	-- --output null "$PROJECT"
wait_for ed 'MIXER'
keys ed 1
wait_for ed 'ARRANGER'
wait_for ed ' snap follow '
keys ed Tab
wait_for ed '^clip 1 of 1'

# split at 1.5 s
keys ed : 'locate 1.5' Enter
keys ed x
wait_for ed '^split at the playhead'
keys ed Tab
wait_for ed '^clip 2 of 2: audio/tone\.wav at 1\.50 s'
# the next snap point: the beat at 2.0 s (120 bpm); then a 10 ms nudge
keys ed '>'
wait_for ed '^moved \+0\.500 s \(snapped\)'
keys ed .
wait_for ed '^moved \+0\.010 s'
# fade out from 4 s to the end (4.51 s), then the next shape
keys ed : 'locate 4' Enter
keys ed o
wait_for ed '^fade-out 0\.510 s, linear'
keys ed O
wait_for ed '^fade-out 0\.510 s, equal_power'
# delete, undo, redo, undo
keys ed d
wait_for ed '^deleted'
keys ed u
wait_for ed '^undid: delete clip'
keys ed C-r
wait_for ed '^redid: delete clip'
keys ed u
wait_for ed '^undid: delete clip'
# both pieces selected: one gain step for both, then undone
keys ed v
wait_for ed '^1 clip selected'
keys ed BTab v
wait_for ed '^2 clips selected'
keys ed : 'clipgain -6' Enter
wait_for ed '^clip gain set to -6\.0 dB 2 clips'
keys ed u
wait_for ed '^undid: clip gain'
keys ed Escape
wait_for ed '^selection cleared'
# copy a clip, add a track, paste on it, undo the paste; reorder tracks and undo that
keys ed y
wait_for ed '^copied 1 clip'
keys ed : 'track add Keys' Enter
wait_for ed '^added track 2 "Keys"'
keys ed p
wait_for ed '^pasted 1 clip at 4\.000 s'
wait_for ed '^█?2 Keys .*│.*>tone'
keys ed u
wait_for ed '^undid: paste clips'
keys ed : 'track up' Enter
wait_for ed '^track "Keys" is now number 1'
keys ed u
wait_for ed '^undid: move track'
# crossfade length, a marker at the playhead, a loop range switched off again
keys ed : 'xfade 25' Enter
wait_for ed '^overlapping clips crossfade over 25 ms'
keys ed : 'marker add Verse' Enter
wait_for ed '^marker "Verse" at 4\.000 s'
keys ed : 'loop 1 2' Enter
wait_for ed '^loop 1\.000 to 2\.000 s, on'
keys ed L
wait_for ed '^loop off'
# move an edge by a typed amount, then take it back
keys ed : 'trim end -0.5' Enter
wait_for ed '^end edge moved -0\.500 s'
keys ed u
wait_for ed '^undid: trim end'
keys ed C-s
wait_for ed '^saved '
keys ed q
[ "$(wait_exit ed)" = 0 ] || fail "q did not exit cleanly after a save"

# ---- project.json holds exactly the edits ----
flat=$(tr -d ' \t\n' <"$PROJECT/project.json")
# the second piece still plays to the file's end: it has no length of its own
for want in '"start":0,"offset":0,' '"start":2.01,"offset":1.5,' '"length":1.5' \
	'"fade_out":0.51,"fade_out_shape":"equal_power"}'; do
	case $flat in
	*"$want"*) ;;
	*) fail "project.json lacks $want: $flat" ;;
	esac
done
case $flat in
*'"gain_db":-6'*) fail "the undone clip gain was saved: $flat" ;;
esac
for want in '"crossfade_ms":25' '"name":"tone","gain_db"' '"name":"Keys","gain_db"' \
	'"clips":[]' '"markers":[{"name":"Verse","time":4}]' \
	'"loop":{"start":1,"end":2,"enabled":false}'; do
	case $flat in
	*"$want"*) ;;
	*) fail "project.json lacks $want: $flat" ;;
	esac
done
case $flat in
*'"name":"Keys"'*'"name":"tone"'*) fail "the undone track move was saved: $flat" ;;
esac
[ "$(printf '%s' "$flat" | grep -o '"file":"audio/tone.wav"' | wc -l)" = 2 ] \
	|| fail "not two clips in project.json: $flat"

# ---- the render equals the same project written by hand ----
mkdir -p "$WORK/byhand" || exit 99
cat >"$WORK/byhand/project.json" <<JSON || exit 99
{"format": "ttymix-project", "version": 1, "name": "song", "sample_rate": 48000,
 "crossfade_ms": 25, "tracks": [{"name": "tone", "clips": [
  {"file": "$PROJECT/audio/tone.wav", "start": 0, "offset": 0, "length": 1.5},
  {"file": "$PROJECT/audio/tone.wav", "start": 2.01, "offset": 1.5,
   "fade_out": 0.51, "fade_out_shape": "equal_power"}]}]}
JSON
"$TTYMIX" render "$PROJECT" -o "$WORK/edited.wav" --bits 32f >/dev/null 2>&1 \
	|| fail "render of the edited project failed"
"$TTYMIX" render "$WORK/byhand" -o "$WORK/byhand.wav" --bits 32f >/dev/null 2>&1 \
	|| fail "render of the hand-written project failed"
if ! cmp -s "$WORK/edited.wav" "$WORK/byhand.wav"; then
	# where the files part, then the two projects (the empty track, the marker and the
	# loop that only the edited one has change nothing in the render)
	echo "--- cmp edited.wav byhand.wav: $(cmp "$WORK/edited.wav" "$WORK/byhand.wav" 2>&1)"
	echo "--- diff -u hand-written edited (project.json)"
	diff -u "$WORK/byhand/project.json" "$PROJECT/project.json"
	echo "---"
	fail "the edited project renders differently from the hand-written one"
fi
# and the gap between the pieces is silent, the pieces are not
max_in() {
	sox "$WORK/edited.wav" -n trim "$1" "$2" stat 2>&1 | sed -n 's/^Maximum amplitude: *//p'
}
gap=$(max_in 1.55 0.4)
[ "$gap" = 0.000000 ] || fail "the gap between the pieces is not silent (peak $gap)"
piece=$(max_in 2.1 0.5)
[ "$piece" != 0.000000 ] || fail "the moved piece is silent"

echo "ui_edit: PASS"
exit 0
