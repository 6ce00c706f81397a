#!/bin/sh
# Clip pitch in the studio (tmux on a private server), on a 30 s 440 Hz sine:
#  1. page 1, Tab selects the clip, `:pitch 12`: the status line counts
#     "pitching clip... N%", the cache appears in .ttymix/pitch/, the clip is marked;
#     `u` and Ctrl-R undo and redo it; bad values are refused with one line; `:w`
#     writes pitch_semitones 12 to project.json.
#  2. `ttymix render` uses the studio's cache (it pitches nothing) and its file is
#     880 Hz (within 1 Hz) and 30 s long (within 1 ms).
#  3. `:varispeed on`, `:w`: project.json says so, and a render is 15 s long.
#
# Needs tmux and sox. Without them the test skips, except under TTYMIX_REQUIRE_ALL=1
# (CI), where a missing part is a failure.
set -u

: "${top_srcdir:?run me through make check}"
: "${top_builddir:?run me through make check}"
: "${TTYMIX:?run me through make check}"
WAIT_SEC=60 # every wait is bounded by this (a slow machine pitches 30 s slowly)

PACKAGES=
TEST=ui_pitch
. "$top_srcdir/tests/tmux_lib.sh"
require_tools tmux sox
tmux_setup pitch
MEASURE=$top_builddir/tests/pitch_measure

start() {
	tmux_start "$1" 100 30 TERM=screen LANG=C.UTF-8 LC_ALL=C.UTF-8 \
		XDG_DATA_HOME="$WORK/xdg" -- --output null "$PROJECT"
}

# line SESSION TEXT: type a ':' command (literally) and press Enter
line() {
	keys "$1" -l "$2"
	keys "$1" Enter
}

# near WANT GOT TOLERANCE: |WANT - GOT| <= TOLERANCE
near() {
	awk -v w="$1" -v g="$2" -v t="$3" 'BEGIN { d = w - g; if (d < 0) d = -d; exit !(d <= t) }'
}

# check_render HZ FRAMES: render the project; nothing pitched, the frequency and length
check_render() {
	"$TTYMIX" render "$PROJECT" -o "$WORK/out.wav" --bits 32f 2>"$WORK/render.err" \
		|| fail "render failed: $(cat "$WORK/render.err")"
	grep -q 'pitching' "$WORK/render.err" \
		&& fail "render built a cache the studio had built: $(cat "$WORK/render.err")"
	set -- "$1" "$2" $("$MEASURE" "$WORK/out.wav")
	echo "ui_pitch: rendered $3 frames at $4 Hz, $5 Hz (want $2 frames, $1 Hz)"
	near "$1" "$5" 1 || fail "render: $5 Hz, not $1 Hz"
	near "$2" "$3" 48 || fail "render: $3 frames, not $2"
}

cd "$WORK" || exit 99
sox -n -r 48000 -c 1 -b 24 sine.wav synth 30 sine 440 vol 0.5 || fail "sox: sine.wav"
"$TTYMIX" new "$WORK/song" sine.wav >/dev/null || fail "ttymix new failed"
PROJECT=$WORK/song
JSON=$PROJECT/project.json

# ---- 1. :pitch 12 in the studio ----
start s
wait_for s 'MIXER'
keys s 1
wait_for s 'ARRANGER'
keys s Tab
wait_for s '^clip 1 of 1: '
line s ':pitch 25'
wait_for s 'pitch takes whole semitones from -24 to \+24, not "25"'
line s ':pitch 3 150'
wait_for s 'pitch takes whole cents from -100 to \+100, not "150"'
line s ':pitch 12'
wait_for s '^pitching clip\.\.\. [0-9]+%'
wait_for s '^pitched: '
wait_for s '♯\+12 .*sine\.wav'      # the mark on the clip
[ "$(ls "$PROJECT/.ttymix/pitch/" | grep -c '\.wav$')" = 1 ] \
	|| fail "no cache in .ttymix/pitch: $(ls -a "$PROJECT/.ttymix/pitch/" 2>&1)"
keys s u
wait_for s '^undo: sine clip 1 pitch \+0 st'
wait_gone s '♯\+12'
keys s C-r
wait_for s '^redo: sine clip 1 pitch \+12 st'
wait_for s '♯\+12 .*sine\.wav'
line s ':w'
wait_for s '^saved '
grep -Eq '"pitch_semitones":[[:space:]]*12,?$' "$JSON" \
	|| fail "project.json has no pitch_semitones 12 after :w: $(cat "$JSON")"
grep -q 'varispeed' "$JSON" && fail "project.json has varispeed before it was asked for"

# ---- 2. the render uses the studio's cache ----
check_render 880 1440000

# ---- 3. varispeed ----
line s ':varispeed on'
wait_for s '♯\+12v .*sine\.wav'
wait_for s '^(pitched: |sine clip 1 varispeed on)'
line s ':w'
wait_for s '^saved '
grep -Eq '"varispeed":[[:space:]]*true,?$' "$JSON" \
	|| fail "project.json has no varispeed true after :w"
check_render 880 720000
line s ':q'
[ "$(wait_exit s)" = 0 ] || fail "q did not exit cleanly"

echo "ui_pitch: PASS"
exit 0
