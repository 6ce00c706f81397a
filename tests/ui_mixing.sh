#!/bin/sh
# Mixing in a real terminal (tmux on a private server): a bus with a delay is made and
# fed by a send, all by ':' commands; a loop in the routing is refused with the loop
# named; the strip detail view moves a send and a parameter with the arrow keys; a
# group moves two faders together and one undo takes both back; Ctrl-S saves it all,
# and the render of the saved project has the echo where the delay puts it.
#
# Needs tmux and sox. Without them the test skips, except under TTYMIX_REQUIRE_ALL=1
# (CI), where a missing part is a failure.
set -u

: "${top_srcdir:?run me through make check}"
: "${TTYMIX:?run me through make check}"
WAIT_SEC=20

TEST=ui_mixing
. "$top_srcdir/tests/tmux_lib.sh"
require_tools tmux sox
tmux_setup mixing
XDG=$WORK/xdg

line() {
	keys "$1" -l "$2"
	keys "$1" Enter
}

# the largest sample magnitude of FILE between START and START + LENGTH seconds
peak() {
	sox "$1" -n trim "$2" "$3" stat 2>&1 | awk '/^Maximum amplitude/ { print $3 }'
}

cd "$WORK" || exit 99
# a 0.2 s burst at -6 dBFS then silence; a quiet pad (-40 dBFS) on the second track
sox -n -r 48000 -c 1 burst.wav synth 0.2 sine 1000 vol 0.5 pad 0 2.8 ||
	fail "sox could not make burst.wav"
sox -n -r 48000 -c 2 pad.wav synth 3 sine 110 vol 0.01 || fail "sox could not make pad.wav"
"$TTYMIX" new "$WORK/song" burst.wav pad.wav >/dev/null || fail "ttymix new failed"
PROJECT=$WORK/song
JSON=$PROJECT/project.json

tmux_start s 100 30 TERM=screen LANG=C.UTF-8 LC_ALL=C.UTF-8 XDG_DATA_HOME="$XDG" \
	-- --output null "$PROJECT"
wait_for s 'burst +pad'

# ---- a bus with a delay, fed by a send ----
line s ':bus add echo'
wait_for s '^bus "echo" added'
wait_for s 'burst +pad +echo'
line s ':insert echo add delay'
wait_for s '^echo: delay added as insert 1'
line s ':fx echo 1 time_ms 500'
wait_for s '^echo: delay time_ms 500 ms'
line s ':fx echo 1 feedback 0'
line s ':fx echo 1 mix 1'
wait_for s '^echo: delay mix 1'
line s ':send burst echo 0'
wait_for s '^burst: send to echo \+0\.0 dB, post-fader'
wait_for s '^snd +echo\+0 '
wait_for s '^ins +- +- +del'

# ---- routing that loops is refused, naming the loop ----
line s ':bus add fb'
wait_for s '^bus "fb" added'
line s ':output echo fb'
wait_for s '^echo plays into fb'
line s ':send fb echo -6'
wait_for s '^refused: buses: "echo" feeds itself: echo -> fb -> echo'
line s ':output echo master'
wait_for s '^echo plays into the master'
line s ':bus del fb'
wait_for s '^bus "fb" deleted'
wait_gone s 'echo +fb'

# ---- the strip detail view: a send and a parameter on the arrow keys ----
keys s Home
line s ':gain burst 0'
keys s h h h h h h
keys s Enter
wait_for s 'STRIP +Esc back'
wait_for s 'send to echo +\+0\.0 dB +post'
keys s h
wait_for s 'send to echo +-0\.5 dB +post'
keys s u
wait_for s 'send to echo +\+0\.0 dB +post'
keys s Escape
wait_for s 'MIXER'
keys s l l
keys s Enter
wait_for s ' 1 delay'
wait_for s 'time_ms +500 ms'
keys s j
keys s l
wait_for s 'time_ms +561\.2 ms'
keys s h
wait_for s 'time_ms +500 ms'
keys s Escape

# ---- a group moves both faders; one undo takes both back ----
line s ':group pair burst pad'
wait_for s '^group pair: 2 tracks linked'
keys s h h h h
keys s k k
wait_for s '^ dB +\+1\.0 +\+1\.0 +0\.0'
keys s u
wait_for s '^ dB +0\.0 +0\.0 +0\.0'
# in the words of the edit, with the track the group moved with it counted
wait_for s '^undo: burst fader 0\.0 dB \(and 1 more\)'
keys s C-r
wait_for s '^redo: burst fader \+1\.0 dB \(and 1 more\)'
wait_for s '^ dB +\+1\.0 +\+1\.0 +0\.0'
keys s u
wait_for s '^ dB +0\.0 +0\.0 +0\.0'
keys s G
wait_for s '^group links suspended'
keys s k
wait_for s '^ dB +\+0\.5 +0\.0 +0\.0'
keys s u

# ---- saved, and the render has the echo 0.5 s after the burst ----
# (the burst is mono at the centre: 0.5 x 0.707 by the -3 dB pan law, plus the pad's
# 0.01; the send is post-pan, the delay's mix 1 and feedback 0: the echo is as loud)
keys s C-s
wait_for s '^saved '
grep -q '"buses"' "$JSON" || fail "project.json has no buses"
grep -q '"bus":[[:space:]]*"echo"' "$JSON" || fail "project.json has no send to echo"
grep -q '"time_ms":[[:space:]]*500' "$JSON" || fail "project.json lost the delay time"
grep -q '"group":[[:space:]]*"pair"' "$JSON" || fail "project.json lost the group"
keys s q
wait_exit s >/dev/null

# ---- the strip view in plain ASCII at 80x24: an EQ curve and a compressor curve ----
tmux_start a 80 24 TERM=vt100 LANG=C LC_ALL=C XDG_DATA_HOME="$XDG" \
	-- --output null "$PROJECT"
wait_for a 'burst +pad'
line a ':insert pad add eq'
line a ':fx pad 1 band2_db 9'
line a ':insert pad add compressor'
keys a 2 l Enter
wait_for a 'STRIP +Esc back'
wait_for a ' 1 eq'
wait_for a '1k +10k'
has_non_ascii && fail "ascii: the strip view (EQ) shows bytes above 0x7E in LANG=C"
# down past the eq's 19 parameters to the compressor (vt100 has no PgDn to rely on)
keys a j j j j j j j j j j j j j j j j j j j j j j
wait_for a 'threshold_db'
wait_for a 'GR'
has_non_ascii && fail "ascii: the strip view (compressor) shows bytes above 0x7E in LANG=C"
keys a Escape
wait_for a 'MIXER'
keys a q
wait_for a 'quit without saving'
keys a y
wait_exit a >/dev/null

"$TTYMIX" render "$PROJECT" -o "$WORK/out.wav" --bits 32f 2>"$WORK/render.err" ||
	fail "render failed: $(cat "$WORK/render.err")"
dry=$(peak "$WORK/out.wav" 0.05 0.1)
gap=$(peak "$WORK/out.wav" 0.3 0.15)
echo=$(peak "$WORK/out.wav" 0.55 0.1)
echo "$TEST: render peaks: burst $dry, between $gap, echo $echo"
awk -v d="$dry" -v g="$gap" -v e="$echo" 'BEGIN {
	exit !(d > 0.34 && d < 0.38 && g < 0.02 && e > d - 0.01 && e < d + 0.01) }' ||
	fail "the echo is not where the delay bus puts it (burst $dry, gap $gap, echo $echo)"
echo "$TEST: PASS"
