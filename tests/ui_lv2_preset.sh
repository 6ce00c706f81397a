#!/bin/sh
# An LV2 preset's whole state in the studio, in tmux, with x42's zeroconvolv, whose
# "No-OP Stereo" preset names an impulse response in its own bundle (no port holds it):
# :preset applies it in one undo step; :w writes it to plugins/track-vox-1.ttl with the
# response copied into plugins/ and named relative to the project; :undo goes back to
# the state that played before (saved again, the file names no response), :redo to the
# preset; the folder moved elsewhere renders with the response it brought.
#
# Needs tmux, sox and x42-plugins. Without them the test skips, except under
# TTYMIX_REQUIRE_ALL=1 (CI), where a missing part is a failure.
set -u

: "${top_srcdir:?run me through make check}"
: "${TTYMIX:?run me through make check}"
WAIT_SEC=30

TEST=ui_lv2_preset
PACKAGES="tmux, sox and x42-plugins"
. "$top_srcdir/tests/tmux_lib.sh"
require_tools tmux sox
IR=/usr/lib/lv2/zeroconvo.lv2/ir/delta-48k.wav
[ -f "$IR" ] || missing "x42-plugins is not installed"
tmux_setup lv2preset

line() {
	keys "$1" -l "$2"
	keys "$1" Enter
}

cd "$WORK" || exit 99
sox -n -r 48000 -c 2 vox.wav synth 1 sine 440 vol 0.3 || fail "sox could not make vox.wav"
"$TTYMIX" new "$WORK/song" vox.wav >/dev/null || fail "ttymix new failed"
STATE=$WORK/song/plugins/track-vox-1.ttl

tmux_start s 110 32 TERM=screen LANG=C.UTF-8 LC_ALL=C.UTF-8 XDG_DATA_HOME="$WORK/xdg" \
	-- --output null "$WORK/song"
wait_for s 'vox'
line s ':insert vox add lv2 http://gareus.org/oss/lv2/zeroconvolv#Stereo'
wait_for s 'added as insert 1'
line s ':w'
wait_for s 'saved'
grep -q 'zeroconvolv#ir' "$STATE" && fail "a new zeroconvolv already names a response"
line s ':preset vox 1'
wait_for s 'No-OP Stereo'
keys s Escape
line s ':preset vox 1 "No-OP Stereo"'
wait_for s 'preset "No-OP Stereo"'
line s ':w'
wait_for s 'saved'
grep -q 'zeroconvolv#ir> <plugins/delta-48k.wav>' "$STATE" ||
	fail "the preset's response is not in the state file: $(cat "$STATE")"
grep -q 'file:' "$STATE" && fail "the state file names an absolute path: $(cat "$STATE")"
cmp -s "$IR" "$WORK/song/plugins/delta-48k.wav" || fail "the response was not brought in"
line s ':undo'
wait_for s 'undid: preset'
line s ':w'
wait_for s 'saved'
grep -q 'zeroconvolv#ir' "$STATE" && fail "undone, the state file still names the response"
line s ':redo'
wait_for s 'redid: preset'
line s ':w'
wait_for s 'saved'
grep -q 'zeroconvolv#ir> <plugins/delta-48k.wav>' "$STATE" ||
	fail "redone, the state file does not name the response"
line s ':q'
wait_exit s
# the folder moved: the state names the project's own copy of the response
mv "$WORK/song" "$WORK/moved" || fail "mv failed"
"$TTYMIX" render "$WORK/moved" -o "$WORK/out.wav" >"$WORK/render.log" 2>&1 ||
	fail "render of the moved folder failed: $(cat "$WORK/render.log")"
grep -q "loading '.*/moved/plugins/delta-48k.wav'" "$WORK/render.log" ||
	fail "the moved folder's render did not load its own response: $(cat "$WORK/render.log")"
echo "ui_lv2_preset: PASS"
