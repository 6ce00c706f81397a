#!/bin/sh
# The mastering page in a real terminal (tmux on a private server, as ui_tmux.sh):
#  1. 80x24, UTF-8: a project with one steady stereo 1 kHz tone at -23 dBFS; key 3
#     shows the page with the master chain ("gain  +0.0 dB"); play; the integrated
#     loudness appears and is within 1 LU of what BS.1770 says it must be; the targets
#     cycle (Spotify, Apple Music, YouTube, EBU R128, custom, moved with ] and [) and
#     the verdict names each, with a pass/fail word against the target (+-1 LU) and
#     the true-peak ceiling; the short-term history plot shows the target's line with
#     the tone's bars under it; 9 dB more on the master, measured again (x), brings the
#     tone within 1 LU of the target ("OK") and its bars onto the line; 24 dB more
#     puts the true peak over the ceiling ("FAIL"); z widens the plot's columns; u
#     undoes a master step; Home starts the measurement again; r shows the :render
#     hint; help lists the page.
#  2. TERM=vt100 LANG=C: the page in ASCII only, the plot drawn with - and #.
#  3. 160x48: the plot takes the height (a row for every 0.75 LU).
#
#  The integrated verdict waits for 20 s of the song ("so far" before); against a
#  streaming service it says what the service will do ("Spotify will turn this up by
#  9.0 dB", "YouTube leaves it 9.0 LU quiet"), against a specification (EBU R128,
#  custom) it passes or fails.
#
# Needs tmux and sox. Without them the test skips, except under TTYMIX_REQUIRE_ALL=1.
set -u

: "${top_srcdir:?run me through make check}"
: "${TTYMIX:?run me through make check}"
WAIT_SEC=20 # every wait is bounded by this

TEST=ui_mastering
. "$top_srcdir/tests/tmux_lib.sh"
require_tools tmux sox awk
tmux_setup master

# wait_long SESSION ERE: wait_for with room for 20 s of playing
wait_long() {
	saved_wait=$WAIT_SEC
	WAIT_SEC=60
	wait_for "$@"
	WAIT_SEC=$saved_wait
}

# start SESSION VAR=VALUE...: ttymix on the project, 80x24
start() {
	session=$1
	shift
	tmux_start "$session" 80 24 "$@" XDG_DATA_HOME="${XDG_DATA_HOME:-$WORK/xdg}" \
		-- --output null "$PROJECT"
}

# ---- the project: 90 s of a stereo 1 kHz sine, peak -23 dBFS on both channels ----
TONE_DBFS=-23
cd "$WORK" || exit 99
sox -n -r 48000 -c 2 tone.wav synth 90 sine 1000 vol "${TONE_DBFS}dB" \
	|| fail "sox could not make tone.wav"
"$TTYMIX" new "$WORK/song" tone.wav >/dev/null || fail "ttymix new failed"
PROJECT=$WORK/song

# What BS.1770 says the tone measures: each channel's mean square is A^2/2 for peak A,
# the two channels add (weight 1.0 each), K-weighting adds 0.69 dB at 1 kHz and the
# -0.691 offset takes it away: 10*log10(2 * A^2/2) = 20*log10(A) = the peak in dBFS.
EXPECTED=$(awk -v db="$TONE_DBFS" 'BEGIN {
	a = exp(db / 20 * log(10)); printf "%.1f", 10 * log(2 * a * a / 2) / log(10) }')

# ---- 1. UTF-8 ----
start m TERM=screen LANG=C.UTF-8 LC_ALL=C.UTF-8
wait_for m 'Master'
keys m 3
wait_for m 'MASTERING'
wait_for m '^ +1 gain  \+0\.0 dB'
wait_for m 'play to measure'
keys m Space
wait_for m '^ integrated +-?[0-9]+\.[0-9] LUFS'
wait_for m 'integrated -2[234]\.[0-9] LUFS so far: judged after 20 s of the song'
wait_for m 'measured [4-9]\.[0-9] s' # past 3 s: every window is full
capture m
measured=$(sed -n 's/^ integrated *\(-\{0,1\}[0-9][0-9]*\.[0-9]\) LUFS.*/\1/p' "$WORK/screen")
[ -n "$measured" ] || fail "no integrated value on the screen"
awk -v m="$measured" -v e="$EXPECTED" 'BEGIN { d = m - e; exit !(d <= 1 && d >= -1) }' \
	|| fail "integrated $measured LUFS, expected $EXPECTED within 1 LU"
echo "ui_mastering: integrated $measured LUFS on the page, expected $EXPECTED"
grep -Eq '^ momentary +-2[234]\.[0-9] LUFS' "$WORK/screen" || fail "no momentary near -23"
grep -Eq '^ short-term +-2[234]\.[0-9] LUFS' "$WORK/screen" || fail "no short-term near -23"
grep -Eq '^ range \(LRA\) +[0-9]\.[0-9] LU' "$WORK/screen" || fail "no LRA"

# the targets, and the verdict in words
wait_long m 'measured 2[0-9]\.[0-9] s' # enough of the song to judge
wait_for m 'integrated -2[234]\.[0-9] LUFS: Spotify will turn this up by [0-9]\.[0-9] dB \(to -14\)'
wait_for m 'true peak -2[234]\.[0-9] dBTP: 2[123]\.[0-9] dB under the -1\.0 ceiling: OK'
keys m t
wait_for m 'Apple Music: -16 LUFS'
wait_for m 'Apple Music will turn this up by [0-9]\.[0-9] dB \(to -16\)'
keys m t
wait_for m 'YouTube leaves it [0-9]\.[0-9] LU quiet \(it never turns up\)'
keys m t
wait_for m 'EBU R128: -23 LUFS'
wait_for m 'integrated -2[234]\.[0-9] LUFS: (on|0\.[0-9] LU (under|over)) EBU R128.s -23 \(OK within \+-1\)'
keys m t
wait_for m 'custom: -14 LUFS'
keys m ']'
wait_for m 'custom: -13\.5 LUFS'
keys m '[' '['
wait_for m 'custom: -14\.5 LUFS'
wait_for m 'LU under the custom -14\.5'

# the history plot: the target's line, and the tone's bars (8.5 LU under) below it
plot_row() { # the plot's row that carries the target's label
	sed -n "s/^ *$1 LUFS//p" "$WORK/screen"
}
wait_for m 'Short-term loudness, LU from the target +last 68 s, 1 s a column'
wait_for m '^ +-14\.5 LUFS─+$'
grep -Eq '^ +-12 LU +█' "$WORK/screen" || fail "m: no tone bar at -12 LU: $(cat "$WORK/screen")"
row=$(plot_row -14.5)
case $row in *[▁▂▃▄▅▆▇█]*) fail "m: a bar reaches the target line at 8.5 LU under it" ;; esac

# 9 dB more, measured again: within 1 LU of the target, and the bars reach its line
keys m K K K
wait_for m '^ +1 gain  \+9\.0 dB'
keys m x
wait_for m 'measured [0-2]\.[0-9] s' # the reset has happened
wait_for m 'measured [4-9]\.[0-9] s' # and the 3 s window is full again
wait_long m 'measured 2[0-9]\.[0-9] s'
wait_for m 'integrated -1[345]\.[0-9] LUFS: 0\.[0-9] LU (under|over) the custom -14\.5 \(OK within \+-1\)'
wait_for m 'true peak -1[345]\.[0-9] dBTP: 1[0-9]\.[0-9] dB under the -1\.0 ceiling: OK'
row=$(plot_row -14.5)
case $row in *[▁▂▃▄▅▆▇█]*) ;; *) fail "m: no bar on the target line: $(cat "$WORK/screen")" ;; esac
echo "ui_mastering: target row at +9 dB: '$row'"
keys m z
wait_for m 'last 136 s, 2 s a column'

# master 24 dB up: the tone's true peak, measured again, is over the ceiling
keys m K K K K K
wait_for m '^ +1 gain  \+24\.0 dB'
keys m x
wait_for m 'measured [0-2]\.[0-9] s'
wait_long m 'measured 2[0-9]\.[0-9] s'
wait_for m 'true peak [0-9]\.[0-9] dBTP: [0-9]+\.[0-9] dB over the -1\.0 ceiling: FAIL'
wait_for m 'integrated [0-9]\.[0-9] LUFS: 1[0-9]\.[0-9] LU over the custom -14\.5: FAIL'
keys m u # the five quick steps are one undo step
wait_for m '^ +1 gain  \+9\.0 dB'
wait_for m 'undo: Master fader \+9\.0'

# a locate starts the measurement again
wait_for m 'measured ([3-9]|[1-9][0-9])\.[0-9] s'
keys m Home
wait_for m 'measured [01]\.[0-9] s'

keys m r
wait_for m ':render FILE'
keys m '?'
wait_for m 'ttymix keys'
pages=0 # the Mastering section may be a few pages down
while capture m && ! grep -q 'loudness-reset' "$WORK/screen"; do
	[ "$pages" -lt 10 ] || fail "m: no loudness-reset in the help"
	keys m NPage
	sleep 0.2
	pages=$((pages + 1))
done
keys m Escape
wait_for m 'MASTERING'
keys m q
wait_for m 'quit without saving\? \(y/n'
keys m y
status=$(wait_exit m)
[ "$status" = 0 ] || fail "m: quit exited with status $status"

# ---- 2. a vt100 in the C locale: the page in ASCII ----
start a TERM=vt100 LANG=C LC_ALL=C
wait_for a 'Master'
keys a 3 Space
wait_for a '^ integrated +-?[0-9]+\.[0-9] LUFS +\[#+'
wait_for a '^ +-14 LUFS-+$'
wait_for a '^ +-12 LU +#'
if has_non_ascii; then
	fail "a: non-ASCII characters on the mastering page in a TERM=vt100 LANG=C terminal"
fi
keys a q
status=$(wait_exit a)
[ "$status" = 0 ] || fail "a: q exited with status $status"

# ---- 3. 160x48: the plot takes the height ----
tmux_start b 160 48 TERM=screen LANG=C.UTF-8 LC_ALL=C.UTF-8 \
	XDG_DATA_HOME="${XDG_DATA_HOME:-$WORK/xdg}" -- --output null "$PROJECT"
wait_for b 'Master'
keys b 3 Space
wait_for b 'last 148 s, 1 s a column'
wait_for b '^ +-12 LU +█'
capture b
target_line=$(grep -n '^ *-14 LUFS─' "$WORK/screen" | cut -d: -f1)
bottom_line=$(grep -n '^ *-18 LU' "$WORK/screen" | cut -d: -f1)
[ -n "$target_line" ] && [ -n "$bottom_line" ] \
	&& [ $((bottom_line - target_line)) -ge 20 ] \
	|| fail "b: the plot does not use the height: $(cat "$WORK/screen")"
keys b q
status=$(wait_exit b)
[ "$status" = 0 ] || fail "b: q exited with status $status"

echo "ui_mastering: PASS"
exit 0
