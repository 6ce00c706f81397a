#!/bin/sh
# The arranger page (key 1) in a real terminal (tmux on a private server):
#  1. 100x30, UTF-8: track names and block-character waveforms appear (from the peak
#     cache, which is written into the project's .ttymix/peaks/); zoom in and out,
#     cycle clips, select a track, switch the ruler; help lists the arranger keys.
#  2. A second run reads the cache (the files are not rewritten) and shows waveforms.
#  3. TERM=vt100 LANG=C at 80x24: waveforms in plain ASCII, and nothing but ASCII on
#     the screen, zoomed too.
#
# Needs tmux and sox. Without them the test skips, except under TTYMIX_REQUIRE_ALL=1
# (CI), where a missing part is a failure.
set -u

: "${top_srcdir:?run me through make check}"
: "${TTYMIX:?run me through make check}"
WAIT_SEC=20 # every wait is bounded by this

PACKAGES=
TEST=ui_arranger
. "$top_srcdir/tests/tmux_lib.sh"
require_tools tmux sox
tmux_setup arr

# start SESSION WIDTH HEIGHT VAR=VALUE...: ttymix on the project; its exit status is
# written down and a sleep keeps the last screen readable
start() {
	session=$1 width=$2 height=$3
	shift 3
	tmux_start "$session" "$width" "$height" "$@" XDG_DATA_HOME="$WORK/xdg" \
		-- --output null "$PROJECT"
}

# ---- a two-track project ----
cd "$WORK" || exit 99
sox -n -r 48000 -c 1 drums.wav synth 4 sine 220 vol 0.5 || fail "sox: drums.wav"
sox -n -r 44100 -c 2 bass.wav synth 6 sine 55 vol 0.9 || fail "sox: bass.wav"
"$TTYMIX" new "$WORK/song" drums.wav bass.wav >/dev/null || fail "ttymix new failed"
PROJECT=$WORK/song

# ---- 1. UTF-8: names, waveforms, zoom, clips, tracks, ruler, help ----
start utf 100 30 TERM=screen LANG=C.UTF-8 LC_ALL=C.UTF-8
wait_for utf 'MIXER' # the mixer stays the first page
keys utf 1
wait_for utf 'ARRANGER'
wait_for utf '1 drums'
wait_for utf '2 bass'
wait_for utf "^ .*│.*(█){8}" # a loud tone: full blocks
[ "$(ls "$PROJECT/.ttymix/peaks/" | grep -c '\.peaks$')" = 2 ] \
	|| fail "no two caches in .ttymix/peaks: $(ls -a "$PROJECT/.ttymix/peaks/" 2>&1)"
zoom=$(sed -n '1s/.* \([0-9.]*\) s\/col .*/\1/p' "$WORK/screen")
[ -n "$zoom" ] || fail "utf: no zoom in the title"
keys utf +
wait_for utf '^zoom: [0-9.]+ s per column'
grep -q " $zoom s/col " "$WORK/screen" && fail "utf: + did not zoom in ($zoom s/col)"
keys utf - -
wait_for utf '^zoom: '
keys utf Tab
wait_for utf '^clip 1 of 1: audio/drums\.wav'
keys utf j
wait_for utf '│ 2 bass '
keys utf t
wait_for utf '^ min:sec'
keys utf t
wait_for utf '^ bar\.beat'
keys utf PageDown PageUp Right Left
keys utf '?'
wait_for utf 'fader-up-coarse'
page_to utf '^ Arranger$' # the arranger's keys come after the mixer's
page_to utf 'zoom-in'
keys utf Escape
wait_for utf 'ARRANGER'
keys utf q
[ "$(wait_exit utf)" = 0 ] || fail "utf: q did not exit cleanly"

# ---- 2. the second run reads the cache ----
before=$(ls -l --time-style=full-iso "$PROJECT/.ttymix/peaks/")
start again 100 30 TERM=screen LANG=C.UTF-8 LC_ALL=C.UTF-8
keys again 1
wait_for again "^ .*│.*(█){8}"
keys again q
[ "$(wait_exit again)" = 0 ] || fail "again: q did not exit cleanly"
after=$(ls -l --time-style=full-iso "$PROJECT/.ttymix/peaks/")
[ "$before" = "$after" ] || fail "the second run rewrote the cache"

# ---- 3. a vt100 in the C locale: ASCII waveforms ----
start ascii 80 24 TERM=vt100 LANG=C LC_ALL=C
keys ascii 1
wait_for ascii 'ARRANGER'
wait_for ascii '^ +\|.*#{8}'
has_non_ascii_text && fail "ascii: non-ASCII characters on a TERM=vt100 LANG=C screen"
keys ascii + + Space
wait_for ascii 'PLAY'
wait_for ascii '^zoom: '
capture ascii
has_non_ascii_text && fail "ascii: non-ASCII characters after zooming"
keys ascii q
[ "$(wait_exit ascii)" = 0 ] || fail "ascii: q did not exit cleanly"

echo "ui_arranger: PASS"
exit 0
