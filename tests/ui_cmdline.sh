#!/bin/sh
# The ':' command line in a real terminal (tmux on a private server, as ui_tmux.sh):
# typed values reach the mixer and project.json, Tab completes a command and a track,
# Up recalls the history (also written to $XDG_DATA_HOME/ttymix/history), :render
# writes a file of the song's length (16-bit when asked), errors change nothing, :q
# refuses while changes are unsaved and :q! leaves without saving them.
#
# Needs tmux and sox. Without them the test skips, except under TTYMIX_REQUIRE_ALL=1
# (CI), where a missing part is a failure.
set -u

: "${top_srcdir:?run me through make check}"
: "${TTYMIX:?run me through make check}"
WAIT_SEC=20 # every wait is bounded by this (a sanitized build draws slowly)

TEST=ui_cmdline
. "$top_srcdir/tests/tmux_lib.sh"
require_tools tmux sox
tmux_setup cmdline
XDG=$WORK/xdg

start() {
	tmux_start "$1" 100 30 TERM=screen LANG=C.UTF-8 LC_ALL=C.UTF-8 XDG_DATA_HOME="$XDG" \
		-- --output null "$PROJECT"
}

# line SESSION TEXT: type a ':' command (literally) and press Enter
line() {
	keys "$1" -l "$2"
	keys "$1" Enter
}

# ---- a two-track project ----
cd "$WORK" || exit 99
sox -n -r 48000 -c 1 drums.wav synth 4 sine 220 vol 0.5 || fail "sox could not make drums.wav"
sox -n -r 48000 -c 2 bass.wav synth 4 sine 55 vol 0.5 || fail "sox could not make bass.wav"
"$TTYMIX" new "$WORK/song" drums.wav bass.wav >/dev/null || fail "ttymix new failed"
PROJECT=$WORK/song
JSON=$PROJECT/project.json

start s
wait_for s 'drums +bass'
wait_for s 'Master'

# ---- values typed reach the mixer ----
line s ':gain 1 -3.5'
wait_for s '^drums fader -3\.5'
wait_for s '^ dB +-3\.5 +0\.0 '
line s ':pan 2 -0.3'
wait_for s '^bass pan L30'
wait_for s '^pan +C +L30'
line s ':pan bass R12'
wait_for s '^pan +C +R12'

# ---- errors say so and change nothing ----
line s ':bogus'
wait_for s '^unknown command "bogus"'
line s ':gain vox -3'
wait_for s '^no track or bus "vox"'
line s ':gain 1 99'
wait_for s '^gain takes .* not "99"'
wait_for s '^ dB +-3\.5 +0\.0 '

# ---- Tab completes a command, then a track ----
keys s -l ':so'
keys s Tab
wait_for s '^:so +solo source *$' # two commands begin so: Tab lists them
keys s -l 'l'
keys s Tab
wait_for s '^:solo *$'
keys s -l 'b'
keys s Tab
wait_for s '^:solo bass *$'
keys s Enter
wait_for s '^bass solo on'
wait_for s '^ +S +(│|\|)' # the flag row: S under bass

# ---- Up recalls the history (by prefix once something is typed), Esc leaves ----
keys s ':'
keys s Up
wait_for s '^:solo bass *$'
keys s Up
wait_for s '^:gain 1 99 *$' # errors are remembered too: they are what was typed
keys s Down Down
wait_for s '^: *$'
keys s -l 'pan'
keys s Up # only the lines that begin with what is typed
wait_for s '^:pan bass R12 *$'
keys s Up
wait_for s '^:pan 2 -0\.3 *$'
keys s Escape
sleep 0.2
grep -q 'solo bass' "$XDG/ttymix/history" 2>/dev/null || fail "the history file has no 'solo bass'"

# ---- :w saves ----
line s ':w'
wait_for s '^saved '
grep -Eq '"gain_db":[[:space:]]*-3\.5,?$' "$JSON" || fail "project.json has no gain_db -3.5 after :w"
grep -Eq '"pan":[[:space:]]*0\.12,?$' "$JSON" || fail "project.json has no pan 0.12 after :w"

# ---- :render writes the song ----
# a relative name goes into the project's renders/, and the message says where
line s ':render out.wav'
wait_for s "^rendered $PROJECT/renders/out\\.wav"
[ -s "$PROJECT/renders/out.wav" ] || fail ":render left no renders/out.wav"
[ -e "$WORK/out.wav" ] && fail ":render out.wav wrote into the current folder"
length=$(sox --i -D "$PROJECT/renders/out.wav") || fail "sox cannot read out.wav"
awk -v l="$length" 'BEGIN { exit !(l > 3.99 && l < 4.01) }' \
	|| fail "out.wav is $length s long, not 4"
# the project was saved just before: the command line must write the very same file
"$TTYMIX" render "$PROJECT" -o "$WORK/cli.wav" >/dev/null 2>&1 || fail "ttymix render failed"
cmp -s "$PROJECT/renders/out.wav" "$WORK/cli.wav" || fail ":render and ttymix render wrote different files"
# an absolute name is taken as it is
line s ":render $WORK/out16.flac 16"
wait_for s "^rendered $WORK/out16\\.flac"
[ "$(sox --i -b "$WORK/out16.flac")" = 16 ] || fail ":render out16.flac 16 is not 16-bit"
line s ':render out.xyz'
wait_for s '^cannot tell the format of ".*/renders/out\.xyz"'

# ---- :q refuses while changes are unsaved, :q! leaves ----
line s ':mute drums'
wait_for s '^drums mute on'
line s ':q'
wait_for s '^unsaved changes: :w saves, :q! quits'
sleep 0.3
[ ! -e "$WORK/s.status" ] || fail ":q quit with unsaved changes"
line s ':q!'
status=$(wait_exit s)
[ "$status" = 0 ] || fail ":q! exited with status $status"
grep -Eq '"mute":[[:space:]]*true' "$JSON" && fail ":q! saved the mute"

echo "ui_cmdline: PASS"
exit 0
