#!/bin/sh
# The mastering page tells the truth about the master chain (issue 18), in tmux at
# 80x24 on a project whose master has an eq, a bypassed width, a compressor and a
# limiter (ceiling -1 dBTP), fed a 1 kHz sine at half scale:
#  1. page 3 lists the four inserts in order with their key settings (the eq's
#     high-pass and band, BYPASSED on the width, the compressor's threshold and ratio,
#     the limiter's ceiling and input), a GR field on the compressor and the limiter,
#     then the master fader; before play the meters read "--" (on the mixer too);
#  2. K K K K puts 12 dB into the limiter (its input reads +12.0 dB) while the fader
#     stays at +0.0 dB; playing, the limiter's GR shows the 4 dB or so it takes off
#     (and the mixer's GR bar, in characters);
#     saved, `ttymix render` of the project has its true peak at the ceiling (ttymix
#     loudness on the file) and its closing line warns of nothing;
#  3. :gain master 3 puts a WARNING under the chain (the fader lifts the true peak over
#     the ceiling), and :render from the studio ends with a line that counts the
#     samples it clipped (first, so a narrow status line shows it), and ttymix loudness
#     finds the file at full scale;
#  4. the limiter bypassed, the page says there is no limiter and K moves the fader;
#     the fader at -96 dB, the meters read "--" below their floor (not -90 LUFS);
#  5. TERM=vt100 LANG=C: the chain and its GR fields in ASCII only.
# Needs tmux and sox.
set -u

: "${top_srcdir:?run me through make check}"
: "${TTYMIX:?run me through make check}"
WAIT_SEC=30

TEST=ui_master_chain
. "$top_srcdir/tests/tmux_lib.sh"
require_tools tmux sox awk
tmux_setup chain

# line SESSION TEXT: type a ':' command and press Enter
line() {
	keys "$1" -l "$2"
	keys "$1" Enter
}

cd "$WORK" || exit 99
P=$WORK/song
mkdir -p "$P" || exit 99
sox -n -r 48000 -c 2 "$P/sine.wav" synth 30 sine 1000 vol 0.5 || fail "sox failed"
cat >"$P/project.json" <<'JSON'
{"format":"ttymix-project","version":1,"sample_rate":48000,
 "master":{"gain_db":0,"inserts":[
  {"type":"eq","params":{"hpf_hz":30,"band2_db":-2,"band2_q":1.4}},
  {"type":"width","bypass":true,"params":{"width":1.5}},
  {"type":"compressor","params":{"threshold_db":-18,"ratio":2,"makeup_db":2}},
  {"type":"limiter","params":{"ceiling_dbtp":-1}}]},
 "tracks":[{"name":"sine","clips":[{"file":"sine.wav","start":0}]}]}
JSON

# ---- 1. the chain, in order, with its settings ----
tmux_start m 80 24 TERM=screen LANG=C.UTF-8 LC_ALL=C.UTF-8 XDG_DATA_HOME="$WORK/xdg" \
	-- --output null "$P"
wait_for m 'MIXER'
wait_for m '^ +-- .* +--$' # below the meters' floor the peak holds read --, not blank
keys m 3
wait_for m 'MASTERING'
wait_for m '^ +1 eq +HP 30 Hz 12 dB/oct  B2 500 Hz -2\.0 dB Q1\.4'
wait_for m '^ +2 width +BYPASSED  width 1\.5'
wait_for m '^ +3 compressor +thr -18\.0 dB  2:1  make-up \+2\.0 dB.* GR +0\.0 dB'
wait_for m '^ +4 limiter +ceiling -1\.0 dBTP  input \+0\.0 dB.* GR +0\.0 dB'
wait_for m '^ +5 gain  \+0\.0 dB +the master fader, after the chain'
wait_for m '^ Master chain  limiter input:'
wait_for m '^ momentary +-- LUFS'
wait_for m '^ true peak +-- dBTP'

# ---- 2. K drives the limiter; the fader stays ----
keys m K K K K
wait_for m '^ +4 limiter +ceiling -1\.0 dBTP  input \+12\.0 dB'
wait_for m '^ +5 gain  \+0\.0 dB'
keys m Space
wait_for m '^ +4 limiter .* GR +[2-7]\.[0-9] dB'
capture m
grep '^ *4 limiter' "$WORK/screen"
wait_for m '^ true peak +-1\.[0-9] dBTP'
wait_gone m 'WARNING'
# the mixer's gain reduction bar on the master is drawn in characters
keys m 2
wait_for m 'MIXER'
wait_for m '▓'
keys m 3
wait_for m 'MASTERING'
keys m Space
line m ':w'
wait_for m 'saved '
"$TTYMIX" render "$P" -o "$WORK/limited.wav" --end 5 >out 2>err || fail "render: $(cat err)"
cat out
grep -q warning out && fail "the limited render warned: $(cat out)"
"$TTYMIX" loudness "$WORK/limited.wav" >meas 2>err || fail "loudness: $(cat err)"
tp=$(sed -n 's/.* TP \([-0-9.]*\) dBTP.*/\1/p' meas)
awk -v tp="$tp" 'BEGIN { exit !(tp != "" && tp <= -0.9 && tp >= -1.5) }' \
	|| fail "with 12 dB into the limiter the render's true peak is $tp dBTP, not at -1"
echo "$TEST: 12 dB into the limiter: the render's true peak is $tp dBTP"

# ---- 3. the fader after the limiter: the warning, and a render that clips ----
line m ':gain master 3'
wait_for m '^ +5 gain  \+3\.0 dB'
wait_for m '^ WARNING: fader \+3\.0 dB after the limiter: (true peak|peaks up to) [-+][0-9]+\.[0-9] dBTP > ceiling -1\.0'
# wide enough for the whole message with the temporary directory's name in it
tm resize-window -t m -x 220 -y 24 || fail "tmux cannot resize the window"
line m ":render $WORK/hot.wav"
wait_for m 'rendered .*hot\.wav, but [0-9]+ samples clipped \(beyond full scale in 24-bit\): 0:30\.0 of audio in [0-9.]+ s, .* dBTP true peak'
"$TTYMIX" loudness "$WORK/hot.wav" >meas 2>err || fail "loudness: $(cat err)"
peak=$(sed -n 's/.* peak \([-0-9.]*\) dBFS.*/\1/p' meas)
[ "$peak" = "0.0" ] || fail "hot.wav: sample peak $peak dBFS, want full scale"
echo "$TEST: fader +3 dB after the limiter: $(cat meas)"

# ---- 4. no limiter in: the level keys move the fader, and the page says so ----
line m ':insert master bypass 4 on'
wait_for m '^ +4 limiter +BYPASSED'
wait_for m 'no limiter: the level keys move this fader'
wait_for m '^ Master chain  fader:'
wait_gone m 'WARNING'
keys m K
wait_for m '^ +5 gain  \+6\.0 dB'
# far below the meters' floor (a measured -90 LUFS or so) the page reads --
line m ':gain master -96'
wait_for m '^ +5 gain  -96\.0 dB'
keys m x Space
wait_for m 'measured [1-9]\.[0-9] s'
wait_for m '^ momentary +-- LUFS'
keys m Space
line m ':q!'
wait_exit m >/dev/null

# ---- 5. ASCII ----
tmux_start a 80 24 TERM=vt100 LANG=C LC_ALL=C XDG_DATA_HOME="$WORK/xdg" -- --output null "$P"
wait_for a 'MIXER'
keys a 3 Space
wait_for a '^ +4 limiter .* GR +[0-9]+\.[0-9] dB [#=. -]+$'
if has_non_ascii; then
	fail "a: non-ASCII characters on the mastering page in a TERM=vt100 LANG=C terminal"
fi
keys a Space
line a ':q!'
wait_exit a >/dev/null
echo "$TEST: PASS"
exit 0
