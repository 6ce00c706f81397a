#!/bin/sh
# :sidechain in the studio, in tmux: Tab completes the source strip's name; the key is
# one undo step (saved as "sidechain": "kick", undone the file is as before, redone it
# is back); a loop of keys and a track keyed by a bus are refused with one line naming
# the strips, and so is an insert pasted with a key that cannot be; a bare :sidechain
# says what keys the insert; the key follows a renamed
# strip and goes with a deleted one.
#
# Needs tmux, sox and lsp-plugins-lv2. Without them the test skips, except under
# TTYMIX_REQUIRE_ALL=1 (CI), where a missing part is a failure.
set -u

: "${top_srcdir:?run me through make check}"
: "${TTYMIX:?run me through make check}"
WAIT_SEC=30

TEST=ui_sidechain
PACKAGES="tmux, sox and lsp-plugins-lv2"
. "$top_srcdir/tests/tmux_lib.sh"
require_tools tmux sox
SCCOMP=http://lsp-plug.in/plugins/lv2/sc_compressor_stereo
"$TTYMIX" plugins "$SCCOMP" 2>/dev/null | grep -q sc_compressor_stereo ||
	missing "lsp-plugins-lv2 is not installed"
tmux_setup sidechain

line() {
	keys "$1" -l "$2"
	keys "$1" Enter
}

cd "$WORK" || exit 99
mkdir song && sox -n -r 48000 -c 1 song/kick.wav synth 1 sine 60 &&
	sox -n -r 48000 -c 1 song/pad.wav synth 1 sine 440 ||
	fail "sox could not make the test material"
cat >song/project.json <<JSON
{"format": "ttymix-project", "version": 1, "name": "sc", "sample_rate": 48000,
 "tracks": [
  {"name": "kick", "output": "kbus", "clips": [{"file": "kick.wav", "start": 0}]},
  {"name": "pad", "inserts": [{"type": "lv2", "uri": "$SCCOMP", "params": {"sct": 2}}],
   "clips": [{"file": "pad.wav", "start": 0}]}],
 "buses": [{"name": "kbus"}],
 "master": {"gain_db": 0}}
JSON
P=$WORK/song/project.json

tmux_start s 110 32 TERM=screen LANG=C.UTF-8 LC_ALL=C.UTF-8 XDG_DATA_HOME="$WORK/xdg" \
	-- --output null "$WORK/song"
wait_for s 'pad'
line s ':w'
wait_for s 'saved'
cp "$P" "$WORK/before.json"
keys s -l ':sidechain pad 1 ki'
keys s Tab
wait_for s ':sidechain pad 1 kick'
keys s Enter
wait_for s 'pad insert 1: keyed by kick'
line s ':sidechain pad 1'
wait_for s 'pad insert 1: keyed by kick$|pad insert 1: keyed by kick '
line s ':w'
wait_for s 'saved'
grep -q '"sidechain":[[:space:]]*"kick"' "$P" || fail "the key was not saved: $(cat "$P")"
# :dsp latency shows the key's own delay: a limiter on the kick's bus delays the pad
# 111 frames for the master, and the key as much
line s ':insert kbus add limiter'
wait_for s 'added as insert 1'
line s ':dsp latency'
wait_for s 'pad .*key \+111'
keys s Escape
line s ':undo'
wait_for s 'undid: add insert'
# refused: a loop (the kick keyed by the pad it keys) and a track keyed by a bus
line s ":insert kick add lv2 $SCCOMP"
wait_for s 'added as insert 1'
line s ':sidechain kick 1 pad'
wait_for s '"kick" keys "pad", "pad" keys "kick"|"pad" keys "kick", "kick" keys "pad"'
line s ':sidechain pad 1 kbus'
wait_for s 'track "pad" cannot be keyed by bus "kbus"'
# a copied insert keeps its key; pasted where the key cannot be, it is refused
line s ':insert pad copy 1'
wait_for s 'copied insert 1'
line s ':insert kick paste'
wait_for s 'refused: .*"kick" cannot key itself'
line s ':undo'
wait_for s 'undid: add insert'
line s ':undo'
wait_for s 'undid: sidechain'
line s ':w'
wait_for s 'saved'
cmp -s "$P" "$WORK/before.json" || fail "undone, project.json is not as before: $(diff "$WORK/before.json" "$P")"
line s ':redo'
wait_for s 'redid: sidechain'
line s ':w'
wait_for s 'saved'
grep -q '"sidechain":[[:space:]]*"kick"' "$P" || fail "redone, the key is not saved: $(cat "$P")"
# the key follows its strip: renamed, and gone when the strip is deleted
line s ':track name boom'
wait_for s 'track 1 is "boom"'
line s ':sidechain pad 1'
wait_for s 'pad insert 1: keyed by boom'
line s ':track del'
wait_for s 'pad'
line s ':sidechain pad 1'
wait_for s 'pad insert 1: no key'
line s ':undo'
wait_for s 'undid: '
line s ':undo'
wait_for s 'undid: rename track'
line s ':sidechain pad 1'
wait_for s 'pad insert 1: keyed by kick'
line s ':sidechain pad 1 off'
wait_for s 'pad insert 1: key off'
line s ':w'
wait_for s 'saved'
cmp -s "$P" "$WORK/before.json" || fail "key off, project.json is not as before: $(diff "$WORK/before.json" "$P")"
line s ':q'
wait_exit s >/dev/null
echo "ui_sidechain: PASS"
