#!/bin/sh
# :album stopped by quitting the studio (tmux, the real binary): the album job on its
# worker (src/studio/album.c on src/base/worker.h) is cancelled, the studio exits
# cleanly, and no half delivery stays behind: either every file is there (the render
# won the race) or none is, and never the album's temporary folder.
#
# Needs tmux and sox. Without them the test skips, except under TTYMIX_REQUIRE_ALL=1.
set -u

: "${top_srcdir:?run me through make check}"
: "${TTYMIX:?run me through make check}"
WAIT_SEC=30

TEST=ui_album_stop
. "$top_srcdir/tests/tmux_lib.sh"
require_tools tmux sox
tmux_setup albumstop

sox -n -r 48000 -c 2 -b 24 "$WORK/a.wav" synth 2 sine 440 gain -20 || fail "sox"
mkdir -p "$WORK/p"
# a long song (the clip starts 20 minutes in): long enough to be quit under way on
# most machines, and right either way
cat >"$WORK/p/project.json" <<JSON || fail "write"
{"format": "ttymix-project", "version": 1, "name": "p", "sample_rate": 48000,
 "tracks": [{"name": "tone", "clips": [{"file": "$WORK/a.wav", "start": 1200}]}],
 "album": {"title": "Long", "target_lufs": -18,
  "songs": [{"source": "self", "title": "Long"}]}}
JSON

tmux_start s 160 30 TERM=screen LANG=C.UTF-8 LC_ALL=C.UTF-8 XDG_DATA_HOME="$WORK/xdg" \
	TTYMIX_AUTOSAVE_SEC=3600 -- --output null "$WORK/p"
wait_for s 'STOP'
keys s : a l b u m Space "$WORK/out" Enter
wait_for s 'rendering the album into'
keys s : q ! Enter
[ "$(wait_exit s)" = 0 ] || fail "s: :q! while the album rendered did not exit cleanly"
ls -a "$WORK/out" | grep -q '^\.ttymix-album-' && fail "the album's temporary folder stayed"
if [ -e "$WORK/out/album.wav" ]; then
	for f in 01-Long.wav album.cue; do
		[ -s "$WORK/out/$f" ] || fail "album.wav without $f: half a delivery"
	done
	echo "ui_album_stop: the render finished before the quit"
else
	[ -e "$WORK/out/01-Long.wav" ] && fail "a song's file without the album: half a delivery"
	echo "ui_album_stop: the quit stopped the render"
fi
echo "ui_album_stop: all checks passed"
exit 0
