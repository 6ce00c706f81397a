#!/bin/sh
# The message log (issue 18, "text that fits"): at 80x24 a message too long for the
# status line ends in an ellipsis, and the log (E, or :messages) shows it whole,
# wrapped, with the error marked, newest last; Home, End and the arrows scroll a log
# longer than the page; a message said again in a row is counted, not repeated; q and
# Esc go back to the page it was opened from.
#
# Needs tmux and sox. Without them the test skips, except under TTYMIX_REQUIRE_ALL=1
# (CI), where a missing part is a failure.
set -u

: "${top_srcdir:?run me through make check}"
: "${TTYMIX:?run me through make check}"
WAIT_SEC=20 # every wait is bounded by this (a sanitized build draws slowly)

TEST=ui_messages
. "$top_srcdir/tests/tmux_lib.sh"
require_tools tmux sox
tmux_setup messages

line() {
	keys "$1" -l "$2"
	keys "$1" Enter
}

cd "$WORK" || exit 99
sox -n -r 48000 -c 1 drums.wav synth 2 sine 220 vol 0.5 || fail "sox could not make drums.wav"
"$TTYMIX" new "$WORK/song" drums.wav >/dev/null || fail "ttymix new failed"

tmux_start s 80 24 TERM=screen LANG=C.UTF-8 LC_ALL=C.UTF-8 XDG_DATA_HOME="$WORK/xdg" \
	-- --output null "$WORK/song"
wait_for s 'Master'

# ---- the first message, then a long one: cut with an ellipsis on the status line ----
line s ':gain 1 -3.5'
wait_for s '^drums fader -3\.5 dB'
long=zz_first_part_of_a_long_word_that_goes_on_and_on_well_past_eighty_columns_to_the_END
line s ":$long"
# the message line is the screen's next to last (row 23 of 24)
wait_for s '^unknown command "zz_first'
capture s
msg=$(sed -n 23p "$WORK/screen")
case $msg in
*"…") ;;
*) fail "a message too long for 80 columns does not end in an ellipsis: '$msg'" ;;
esac
case $msg in
*_END*) fail "the status line claims to show the whole long message: '$msg'" ;;
esac

# ---- the log shows it whole, the error marked, newest last ----
keys s E
wait_for s 'ttymix messages'
wait_for s '^[0-9][0-9]:[0-9][0-9]:[0-9][0-9] +drums fader -3\.5 dB'
wait_for s '^[0-9][0-9]:[0-9][0-9]:[0-9][0-9] ! unknown command'
capture s
# the log's lines after the title, without the time column, joined: the message whole
# (a wrap at a space drops the space, so spaces do not count)
joined=$(sed -n '2,22p' "$WORK/screen" | cut -c12- | tr -d ' \n')
case $joined in
*"unknowncommand\"$long\""*) ;;
*) fail "the log does not show the long message whole: $joined" ;;
esac
# newest last: the error comes after the fader message
first=$(grep -n 'drums fader -3.5 dB' "$WORK/screen" | head -n 1 | cut -d: -f1)
err=$(grep -n '! unknown command' "$WORK/screen" | head -n 1 | cut -d: -f1)
[ "$first" -lt "$err" ] || fail "the log is not in order, newest last"
keys s q
wait_gone s 'ttymix messages'
wait_for s 'Master'

# ---- a message said again in a row is counted ----
line s ':gain 1 -6'
line s ':gain 1 -6'
line s ':gain 1 -6'
line s ':messages'
wait_for s 'ttymix messages'
# the edit is said once (not twice, by the edit and by the command), the two that
# change nothing once, counted
wait_for s 'drums fader is already -6\.0 dB \(×2\)$'
capture s
grep -q 'drums fader -6\.0 dB$' "$WORK/screen" || fail "the edit to -6 dB is not in the log once"
grep -q 'drums fader -3\.5 dB$' "$WORK/screen" || fail "the edit to -3.5 dB is not in the log once"
keys s Escape
wait_gone s 'ttymix messages'

# ---- a log longer than the page scrolls: End shows the newest, Home the oldest ----
T='^[0-9][0-9]:[0-9][0-9]:[0-9][0-9]   ' # a log line's time column (the status line has none)
i=1
while [ "$i" -le 30 ]; do
	line s ":gain 1 -$i"
	i=$((i + 1))
done
wait_for s '^drums fader -30\.0 dB'
keys s E
wait_for s "${T}drums fader -30\\.0 dB$"
capture s
grep -q 'drums fader -3\.5 dB' "$WORK/screen" && fail "a long log does not open at its end"
keys s Home
wait_for s "${T}drums fader -3\\.5 dB$"
wait_gone s "${T}drums fader -30\\.0 dB$"
keys s End
wait_for s "${T}drums fader -30\\.0 dB$"
keys s Up
wait_gone s "${T}drums fader -30\\.0 dB$"
keys s Down
wait_for s "${T}drums fader -30\\.0 dB$"
keys s q
wait_gone s 'ttymix messages'

line s ':q!'
status=$(wait_exit s)
[ "$status" = 0 ] || fail "ttymix exited with $status"
echo "$TEST: PASS"
