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
#  The song plays in real time, so the three 20 s measurements of 1. (at +0, +9 and
#  +24 dB) are three studios at once (m, n, p), each on a project of its own (the tone),
#  and 2. and 3. run beside them: the test takes about one measurement, not three.
#  n and p each measure a few seconds at +0 dB first, so that x resets a measurement
#  under way, as after m's; p's +24 dB comes seconds after its +9 dB, so that u takes
#  back the five quick steps and not the three before them.
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

# start SESSION VAR=VALUE...: ttymix on the session's own copy of the project
# (WORK/song-SESSION: two studios on one project would open it read-only), 80x24
start() {
	session=$1
	shift
	tmux_start "$session" 80 24 "$@" XDG_DATA_HOME="${XDG_DATA_HOME:-$WORK/xdg}" \
		-- --output null "$WORK/song-$session"
}

# part NAME: the function part_NAME in a subshell in the background, with its own
# screen file and its words in WORK/NAME.out (shown in order once all have ended)
parts=
stop_parts() { # on EXIT, the parts still running (their studios went with the tmux server)
	for name in $parts; do
		eval "kill \$pid_$name" 2>/dev/null
	done
}
CLEANUP_HOOK=stop_parts
part() {
	"$TTYMIX" new "$WORK/song-$1" "$WORK/tone.wav" >/dev/null || fail "ttymix new failed"
	(SCREEN=$WORK/screen.$1 && "part_$1") >"$WORK/$1.out" 2>&1 &
	eval "pid_$1=\$!"
	parts="$parts $1"
}

# quit_unsaved SESSION: q asks to drop the changes, y quits, and the exit is clean
quit_unsaved() {
	keys "$1" q
	wait_for "$1" 'quit without saving\? \(y/n'
	keys "$1" y
	status=$(wait_exit "$1")
	[ "$status" = 0 ] || fail "$1: quit exited with status $status"
}

# ---- the project: 90 s of a stereo 1 kHz sine, peak -23 dBFS on both channels ----
TONE_DBFS=-23
cd "$WORK" || exit 99
sox -n -r 48000 -c 2 tone.wav synth 90 sine 1000 vol "${TONE_DBFS}dB" \
	|| fail "sox could not make tone.wav"

# What BS.1770 says the tone measures: each channel's mean square is A^2/2 for peak A,
# the two channels add (weight 1.0 each), K-weighting adds 0.69 dB at 1 kHz and the
# -0.691 offset takes it away: 10*log10(2 * A^2/2) = 20*log10(A) = the peak in dBFS.
EXPECTED=$(awk -v db="$TONE_DBFS" 'BEGIN {
	a = exp(db / 20 * log(10)); printf "%.1f", 10 * log(2 * a * a / 2) / log(10) }')

# ---- 1. UTF-8, at +0 dB: the measurement, the targets and the plot ----
part_m() {
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
	measured=$(sed -n 's/^ integrated *\(-\{0,1\}[0-9][0-9]*\.[0-9]\) LUFS.*/\1/p' "$SCREEN")
	[ -n "$measured" ] || fail "no integrated value on the screen"
	awk -v m="$measured" -v e="$EXPECTED" 'BEGIN { d = m - e; exit !(d <= 1 && d >= -1) }' \
		|| fail "integrated $measured LUFS, expected $EXPECTED within 1 LU"
	echo "ui_mastering: integrated $measured LUFS on the page, expected $EXPECTED"
	grep -Eq '^ momentary +-2[234]\.[0-9] LUFS' "$SCREEN" || fail "no momentary near -23"
	grep -Eq '^ short-term +-2[234]\.[0-9] LUFS' "$SCREEN" || fail "no short-term near -23"
	grep -Eq '^ range \(LRA\) +[0-9]\.[0-9] LU' "$SCREEN" || fail "no LRA"

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
	wait_for m 'Short-term loudness, LU from the target +last 68 s, 1 s a column'
	wait_for m '^ +-14\.5 LUFS─+$'
	grep -Eq '^ +-12 LU +█' "$SCREEN" || fail "m: no tone bar at -12 LU: $(cat "$SCREEN")"
	row=$(plot_row -14.5)
	case $row in *[▁▂▃▄▅▆▇█]*) fail "m: a bar reaches the target line at 8.5 LU under it" ;; esac
	quit_unsaved m
}

# custom_target SESSION: the custom target at -14.5 LUFS, as m reached it
custom_target() {
	keys "$1" t t t t
	wait_for "$1" 'custom: -14 LUFS'
	keys "$1" ']' '[' '['
	wait_for "$1" 'custom: -14\.5 LUFS'
}

# the plot's row that carries the target's label
plot_row() {
	sed -n "s/^ *$1 LUFS//p" "$SCREEN"
}

# ---- 1. UTF-8, 9 dB more, measured again (x): within 1 LU of the target ----
part_n() {
	start n TERM=screen LANG=C.UTF-8 LC_ALL=C.UTF-8
	wait_for n 'Master'
	keys n 3
	wait_for n 'MASTERING'
	custom_target n
	keys n Space
	wait_for n 'measured [4-9]\.[0-9] s' # a measurement under way, at +0 dB
	keys n K K K
	wait_for n '^ +1 gain  \+9\.0 dB'
	keys n x
	wait_for n 'measured [0-2]\.[0-9] s' # the reset has happened
	wait_for n 'measured [4-9]\.[0-9] s' # and the 3 s window is full again
	wait_long n 'measured 2[0-9]\.[0-9] s'
	wait_for n 'integrated -1[345]\.[0-9] LUFS: 0\.[0-9] LU (under|over) the custom -14\.5 \(OK within \+-1\)'
	wait_for n 'true peak -1[345]\.[0-9] dBTP: 1[0-9]\.[0-9] dB under the -1\.0 ceiling: OK'
	row=$(plot_row -14.5)
	case $row in *[▁▂▃▄▅▆▇█]*) ;; *) fail "n: no bar on the target line: $(cat "$SCREEN")" ;; esac
	echo "ui_mastering: target row at +9 dB: '$row'"
	keys n z
	wait_for n 'last 136 s, 2 s a column'
	quit_unsaved n
}

# ---- 1. UTF-8, 24 dB more: the true peak over the ceiling; undo, locate, help ----
part_p() {
	start p TERM=screen LANG=C.UTF-8 LC_ALL=C.UTF-8
	wait_for p 'Master'
	keys p 3
	wait_for p 'MASTERING'
	custom_target p
	keys p Space
	wait_for p 'measured [4-9]\.[0-9] s' # a measurement under way, at +0 dB
	keys p K K K
	wait_for p '^ +1 gain  \+9\.0 dB'
	keys p x
	wait_for p 'measured [0-2]\.[0-9] s'
	# seconds of the song (over the studio's 1 s run of one undo step) apart from the
	# three steps to +9 dB: the five below are an undo step of their own
	wait_for p 'measured [3-9]\.[0-9] s'
	keys p K K K K K
	wait_for p '^ +1 gain  \+24\.0 dB'
	keys p x
	wait_for p 'measured [0-2]\.[0-9] s'
	wait_long p 'measured 2[0-9]\.[0-9] s'
	wait_for p 'true peak [0-9]\.[0-9] dBTP: [0-9]+\.[0-9] dB over the -1\.0 ceiling: FAIL'
	wait_for p 'integrated [0-9]\.[0-9] LUFS: 1[0-9]\.[0-9] LU over the custom -14\.5: FAIL'
	keys p u # the five quick steps are one undo step
	wait_for p '^ +1 gain  \+9\.0 dB'
	wait_for p 'undo: Master fader \+9\.0'

	# a locate starts the measurement again
	wait_for p 'measured ([3-9]|[1-9][0-9])\.[0-9] s'
	keys p Home
	wait_for p 'measured [01]\.[0-9] s'

	keys p r
	wait_for p ':render FILE'
	keys p '?'
	wait_for p 'ttymix keys'
	pages=0 # the Mastering section may be a few pages down
	while capture p && ! grep -q 'loudness-reset' "$SCREEN"; do
		[ "$pages" -lt 10 ] || fail "p: no loudness-reset in the help"
		keys p NPage
		sleep 0.2
		pages=$((pages + 1))
	done
	keys p Escape
	wait_for p 'MASTERING'
	quit_unsaved p
}

# ---- 2. a vt100 in the C locale: the page in ASCII ----
part_a() {
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
}

# ---- 3. 160x48: the plot takes the height ----
part_b() {
	tmux_start b 160 48 TERM=screen LANG=C.UTF-8 LC_ALL=C.UTF-8 \
		XDG_DATA_HOME="${XDG_DATA_HOME:-$WORK/xdg}" -- --output null "$WORK/song-b"
	wait_for b 'Master'
	keys b 3 Space
	wait_for b 'last 148 s, 1 s a column'
	wait_for b '^ +-12 LU +█'
	capture b
	target_line=$(grep -n '^ *-14 LUFS─' "$SCREEN" | cut -d: -f1)
	bottom_line=$(grep -n '^ *-18 LU' "$SCREEN" | cut -d: -f1)
	[ -n "$target_line" ] && [ -n "$bottom_line" ] \
		&& [ $((bottom_line - target_line)) -ge 20 ] \
		|| fail "b: the plot does not use the height: $(cat "$SCREEN")"
	keys b q
	status=$(wait_exit b)
	[ "$status" = 0 ] || fail "b: q exited with status $status"
}

# the longest first; each ends by itself (every wait is bounded)
for name in m p n a b; do
	part "$name"
done
parts_join || { echo "ui_mastering: FAIL in$failed"; exit 1; }
echo "ui_mastering: PASS"
exit 0
