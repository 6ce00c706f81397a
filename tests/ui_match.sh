#!/bin/sh
# :match on the mastering page (issue 21), in tmux at 80x24: a project whose one track
# is a reference made 4 dB quieter, tilted (bass -4 dB, treble +4 dB) and narrower.
#  1. :reference REF, then :match with no word: the chain gets an eq (its shelves and
#     bands), a width and a limiter whose input lifts the mix about 4 dB; page 3
#     shows the match view: the distance before and after, the reference (r) and the
#     mix (m) curves, the correction's bars (+ and -) about a 0 dB line, the axis;
#  2. u takes the whole match back in one step: the chain is the bare fader again
#     (the view's curves stay, headed "Last match");
#     redo puts it back, and `ttymix render` of the saved project then has the
#     reference's loudness;
#  3. v goes on to the loudness history and comes back round to the match;
#  4. TERM=vt100 LANG=C: :match REF smooth 1/6 cap 6 (the view says so) in ASCII
#     only; a smoothing out of range is refused with the range;
#  5. :match with no reference loaded says how to give one, and changes nothing.
# Needs tmux and sox.
set -u

: "${top_srcdir:?run me through make check}"
: "${TTYMIX:?run me through make check}"
WAIT_SEC=60

TEST=ui_match
. "$top_srcdir/tests/tmux_lib.sh"
require_tools tmux sox jq
tmux_setup match

line() {
	keys "$1" -l "$2"
	keys "$1" Enter
}

cd "$WORK" || exit 99
P=$WORK/song
mkdir -p "$P" || exit 99
sox -R -n -r 48000 -c 1 mid.wav synth 6 pinknoise vol 0.3 &&
	sox -R -n -r 48000 -c 1 side.wav synth 6 brownnoise vol 0.08 &&
	sox -M mid.wav side.wav ms.wav &&
	sox ms.wav ref.wav remix 1,2 1,2i gain -n -1 &&
	sox ref.wav "$P/mix.wav" bass -4 150 treble +4 4000 vol -4dB \
		remix 1v0.8,2v0.2 1v0.2,2v0.8 || fail "sox failed"
cat >"$P/project.json" <<'JSON'
{"format":"ttymix-project","version":1,"sample_rate":48000,
 "master":{"gain_db":0},
 "tracks":[{"name":"mix","clips":[{"file":"mix.wav","start":0}]}]}
JSON
cp "$P/project.json" "$WORK/orig.json"

# ---- 5 first: no reference yet ----
tmux_start m 80 24 TERM=screen LANG=C.UTF-8 LC_ALL=C.UTF-8 XDG_DATA_HOME="$WORK/xdg" \
	-- --output null "$P"
wait_for m 'MIXER'
keys m 3
wait_for m 'MASTERING'
line m ':match'
wait_for m 'match: which reference\? :match FILE, or load one with :reference FILE'
wait_for m '^ +1 gain  \+0\.0 dB'

# ---- 1. the match ----
line m ':reference ref.wav'
wait_for m 'reference ref\.wav: 6\.0 s'
line m ':match'
wait_for m 'matched to ref\.wav: spectrum [3-6]\.[0-9] -> 0\.[0-9] dB RMS'
wait_for m '^ +1 eq +LS [0-9.k]+ Hz [+-][0-9.]+ dB'
wait_for m '^ +2 width +width (1\.[3-9]|2)'
wait_for m '^ +3 limiter +ceiling -1\.0 dBTP  input \+[3-6]\.[0-9] dB'
wait_for m '^ Match  to ref\.wav: spectrum [3-6]\.[0-9] -> 0\.[0-9] dB RMS, 1/3 oct, cap 9 dB'
wait_for m '^ r ref  m mix  \+- eq  LUFS'
capture m
grep -Eq '^ +-?[0-9]+ dB .*r.*m|^ +-?[0-9]+ dB .*m.*r' "$WORK/screen" ||
	grep -Eq '^ {9}.*r' "$WORK/screen" || fail "no reference curve"
[ "$(grep -c 'm' "$WORK/screen")" -gt 3 ] || fail "no mix curve"
grep -Eq '^ +\+9 dB' "$WORK/screen" || fail "no correction scale"
grep -Eq '^ {9} *\++' "$WORK/screen" || fail "no boost bars"
grep -Eq '^ {9} *-{3,}' "$WORK/screen" || fail "no cut bars"
grep -Eq '^ +Hz 20 .* 1k .* 20k' "$WORK/screen" || fail "no frequency axis"
sed -n '7,22p' "$WORK/screen"

# ---- 2. one undo step, and redo ----
keys m u
wait_for m 'undid: match to reference'
wait_for m '^ +1 gain  \+0\.0 dB +no limiter'
wait_gone m '^ +1 eq'
wait_for m '^ Last match  to ref\.wav'
keys m C-r
wait_for m 'redid: match to reference'
wait_for m '^ +3 limiter +ceiling -1\.0 dBTP'
keys m C-s
wait_for m 'saved'
"$TTYMIX" render "$P" -o "$WORK/out.wav" >/dev/null 2>&1 || fail "render failed"
"$TTYMIX" loudness --json "$WORK/out.wav" >"$WORK/out.json" || fail "loudness out"
"$TTYMIX" loudness --json "$WORK/ref.wav" >"$WORK/ref.json" || fail "loudness ref"
o=$(jq .integrated_lufs "$WORK/out.json") r=$(jq .integrated_lufs "$WORK/ref.json")
echo "rendered $o LUFS, reference $r LUFS"
awk -v o="$o" -v r="$r" 'BEGIN { d = o - r; exit !(d <= 0.5 && d >= -0.5) }' ||
	fail "the rendered match is $o LUFS, the reference $r"

# ---- 3. v cycles back to the match ----
keys m v
wait_for m 'plot: short-term loudness history'
wait_gone m '^ Match  to'
keys m v
wait_for m 'plot: spectrum'
keys m v
wait_for m '^ Match  to ref\.wav'
line m ':q'
wait_exit m >/dev/null

# ---- 4. ASCII ----
tmux_start a 80 24 TERM=vt100 LANG=C LC_ALL=C XDG_DATA_HOME="$WORK/xdg" \
	-- --output null "$P"
wait_for a 'MIXER'
keys a 3
wait_for a 'MASTERING'
line a ':match ref.wav smooth 1/48'
wait_for a 'match: smooth takes a fraction of an octave from 1/12 to 2'
line a ':match ref.wav smooth 1/6 cap 6'
wait_for a '^ Match  to ref\.wav: spectrum [0-9.]+ -> [0-9.]+ dB RMS, 1/6 oct, cap 6 dB'
wait_for a '^ +\+6 dB'
wait_for a '^ +0 dB -{20,}'
capture a
! has_non_ascii || fail "the match view is not ASCII under LANG=C"
line a ':q!'
wait_exit a >/dev/null
echo "$TEST: ok"
