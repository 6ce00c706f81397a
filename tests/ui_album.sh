#!/bin/sh
# :album in the studio, on the real binary in tmux: a project whose album has two
# songs (its own mix and a stereo file) renders from the command line on a worker
# thread while the studio keeps running; the status line ends with the loudness table
# in one line, and the files, CUE sheet and tags are those `ttymix album` writes.
# An edit that is not saved yet is in the album (the studio renders what it plays).
# A project without an album gets one line saying so.
#
# Needs tmux and sox. Without them the test skips, except under TTYMIX_REQUIRE_ALL=1.
set -u

: "${top_srcdir:?run me through make check}"
: "${TTYMIX:?run me through make check}"
WAIT_SEC=30

TEST=ui_album
. "$top_srcdir/tests/tmux_lib.sh"
require_tools tmux sox
tmux_setup album

sox -n -r 48000 -c 2 -b 24 "$WORK/a.wav" synth 2 sine 440 gain -20 || fail "sox"
sox -n -r 44100 -c 2 -b 16 "$WORK/b.wav" synth 3 pinknoise gain -18 || fail "sox"
mkdir -p "$WORK/p" "$WORK/plain"
cat >"$WORK/p/project.json" <<JSON || fail "write"
{"format": "ttymix-project", "version": 1, "name": "p", "sample_rate": 48000,
 "tracks": [{"name": "tone", "clips": [{"file": "$WORK/a.wav", "start": 0}]}],
 "album": {"title": "Studio Album", "artist": "Keys", "target_lufs": -18,
  "songs": [{"source": "self", "title": "Tone"},
            {"source": "../b.wav", "title": "Noise", "gap_before_s": 1}]}}
JSON
cat >"$WORK/plain/project.json" <<JSON || fail "write"
{"format": "ttymix-project", "version": 1, "name": "plain", "sample_rate": 48000,
 "tracks": [{"name": "tone", "clips": [{"file": "$WORK/a.wav", "start": 0}]}]}
JSON

start() {
	tmux_start "$1" 160 30 TERM=screen LANG=C.UTF-8 LC_ALL=C.UTF-8 \
		XDG_DATA_HOME="$WORK/xdg" TTYMIX_AUTOSAVE_SEC=3600 -- --output null "$2"
}

start s "$WORK/p"
wait_for s 'STOP'
# an unsaved edit: the song is 6 dB down in the album
keys s : g a i n Space t o n e Space - 6 Enter
wait_for s '\[\+\]'
keys s : a l b u m Space "$WORK/out" Enter
wait_for s '^album: 1 Tone -[0-9.]+, 2 Noise -[0-9.]+ LUFS \| album -1[78]\.[0-9] LUFS'
grep -q -- "-> $WORK/out" "$WORK/screen" || fail "the status line names the folder"
for f in 01-Tone.wav 02-Noise.wav album.wav album.cue; do
	[ -s "$WORK/out/$f" ] || fail "$f is written"
done
grep -q 'INDEX 01 00:03:00' "$WORK/out/album.cue" || fail "Noise starts at 3 s in the CUE"
# the artist tag: a LIST INFO IART chunk in WAV (album_test reads tags back through
# libsndfile; sox does not read WAV tags)
LC_ALL=C grep -aq 'IART' "$WORK/out/02-Noise.wav" && LC_ALL=C grep -aq 'Keys' \
	"$WORK/out/02-Noise.wav" || fail "artist tag"
# the same album from the command line, from the saved project (tone at 0 dB): the
# studio's render had the unsaved -6 dB in it
"$TTYMIX" album "$WORK/p" -o "$WORK/cli" --json >"$WORK/cli.json" || fail "ttymix album"
studio=$(sox "$WORK/out/01-Tone.wav" -n stat 2>&1 | awk '/RMS +amplitude/ { print $3 }')
cli=$(sox "$WORK/cli/01-Tone.wav" -n stat 2>&1 | awk '/RMS +amplitude/ { print $3 }')
awk -v s="$studio" -v c="$cli" 'BEGIN { exit !(s > 0 && c > 0) }' || fail "levels"
echo "ui_album: song 1 RMS: studio (unsaved -6 dB) $studio, saved project $cli"
# both renders are normalized to -18 LUFS with one gain each, so the tone, 6 dB down
# against the noise in the studio's (unsaved) version, comes out quieter there
awk -v s="$studio" -v c="$cli" 'BEGIN { exit !(s < c) }' \
	|| fail "the unsaved edit is in the studio's album"
# the job before has finished and gone: :album runs again
keys s : a l b u m Space "$WORK/out2" Enter
wait_for s '^album: 1 Tone'
keys s : q ! Enter
[ "$(wait_exit s)" = 0 ] || fail "s: :q! did not exit cleanly"

start n "$WORK/plain"
wait_for n 'STOP'
keys n : a l b u m Enter
wait_for n 'no album in this project'
keys n : q ! Enter
[ "$(wait_exit n)" = 0 ] || fail "n: :q! did not exit cleanly"
echo "ui_album: all checks passed"
exit 0
