#!/bin/sh
# Density (issue 18), in a real terminal (tmux) on a 20-track project made by ttymix
# new from sox tones: at 80x24 the narrow mixer (n) shows 16 strips beside the master,
# their names cut and the selected one's whole in the title; `:set strip-width` widens
# them and refuses a width out of 4..12; --print-config lists the option. On the
# arranger, Z fits the 40 s song to the width after zooming in, a wider window then
# shows more time at the same seconds per column, and `:set track-height 1` shows 19
# tracks where the fitted height shows 9; `:set name-width` narrows or widens the
# track column.
#
# Needs tmux and sox. Without them the test skips, except under TTYMIX_REQUIRE_ALL=1.
set -u

: "${top_srcdir:?run me through make check}"
: "${TTYMIX:?run me through make check}"
WAIT_SEC=60

TEST=ui_dense
PACKAGES="tmux and sox"
. "$top_srcdir/tests/tmux_lib.sh"
require_tools tmux sox
tmux_setup dense

cd "$WORK" || exit 99
i=1
while [ $i -le 20 ]; do
	n=$(printf '%02d' $i)
	# the last track is the long one: the song is 40 s
	len=1
	[ $i -eq 20 ] && len=40
	sox -n -r 48000 -c 1 "t${n}_strip.wav" synth $len sine 220 vol 0.1 ||
		fail "sox: t${n}_strip.wav"
	i=$((i + 1))
done
"$TTYMIX" new song t*_strip.wav >/dev/null 2>"$WORK/new.err" ||
	fail "ttymix new: $(head -n 1 "$WORK/new.err")"

"$TTYMIX" --print-config | grep -qx 'set strip-width 4' ||
	fail "--print-config does not list strip-width 4"
"$TTYMIX" --print-config | grep -qx 'bind mixer n narrow' ||
	fail "--print-config does not bind n to narrow on the mixer"

tmux_start dn 80 24 TERM=screen LANG=C.UTF-8 LC_ALL=C.UTF-8 XDG_DATA_HOME="$WORK/xdg" \
	HOME="$WORK" TTYMIX_AUTOSAVE_SEC=3600 -- --output null "$WORK/song"
wait_for dn 'MIXER'
keys dn n
wait_for dn 'narrow strips, 4 columns each'
wait_for dn 'strips 1-16 of 20'
# the names' row: 16 strips, each name cut to its 3 columns, then the master
capture dn
names=$(sed -n 2p "$WORK/screen")
i=1
while [ $i -le 16 ]; do
	n=$(printf 't%02d' $i)
	printf '%s\n' "$names" | grep -q "$n" || fail "strip $i ($n) is not on the narrow mixer"
	i=$((i + 1))
done
printf '%s\n' "$names" | grep -q 't17' && fail "a 17th strip is drawn over the master"
printf '%s\n' "$names" | grep -q 'Master' || fail "the master strip is not drawn"
echo "$TEST: narrow mixer at 80x24: 16 of 20 track strips and the master"
# the cut name in full where the selection is said: the title
sed -n 1p "$WORK/screen" | grep -q '1 t01_strip' || fail "the title does not spell out t01_strip"
keys dn l l
wait_for dn '3 t03_strip'

# wider narrow strips: fewer in view; a width out of range changes nothing
keys dn : 'set strip-width 6' Enter
wait_for dn 'strips 1-11 of 20'
keys dn : 'set strip-width 13' Enter
wait_for dn 'strip-width takes a whole number 4 to 12, not "13"'
wait_for dn 'strips 1-11 of 20'
keys dn n
wait_for dn 'normal strips'
wait_for dn 'strips 1-7 of 20'

# the arranger: zoom in, then Z fits the song (40 s) to the 66 columns of time
keys dn 1
wait_for dn 'ARRANGER'
keys dn t
wait_for dn 'min:sec'
keys dn + + + +
wait_for dn ' 0\.1 s/col'
keys dn Z
wait_for dn 'zoom: the whole song, 40\.0 s, at 0\.75 s per column'
wait_for dn ' 0\.75 s/col'
capture dn
# the ruler reaches the song's end (0:40) and not far past it (1:00)
sed -n 2p "$WORK/screen" | grep -q '0:4[0-9]' || sed -n 2p "$WORK/screen" | grep -q '0:3[5-9]' ||
	fail "the fitted ruler does not reach the end of the song"
sed -n 2p "$WORK/screen" | grep -q '1:00' && fail "the fitted ruler goes on past a minute"

# a wider window: more time at the same zoom, not the same time stretched
tm resize-window -t dn -x 160 -y 24 || fail "tmux resize-window"
wait_for dn ' 0\.75 s/col'
capture dn
sed -n 2p "$WORK/screen" | grep -q '1:[2-9][0-9]' ||
	fail "the ruler at 160 columns does not reach past 1:20"
echo "$TEST: Z fits 40 s at 0.75 s per column; at 160 columns the ruler goes on to $(sed -n 2p "$WORK/screen" | grep -oE '[0-9]+:[0-9]{2}' | tail -n 1)"
tm resize-window -t dn -x 80 -y 24 || fail "tmux resize-window"

# the track height: fitted, 9 of 20 tracks show in the 19 rows; one row each, 19
wait_for dn '9 t09_strip'
capture dn
grep -q 't10_strip' "$WORK/screen" && fail "more than 9 tracks at the fitted height"
keys dn : 'set track-height 1' Enter
wait_for dn '19 t19_strip'
keys dn : 'set track-height 5' Enter
wait_for dn 'track-height takes a whole number 0 to 4, not "5"'

# the track column: narrow cuts the names, wide gives the time columns to them
keys dn : 'set name-width 8' Enter
wait_for dn '1 t01_[^s]'
keys dn : 'set name-width 30' Enter
wait_for dn '1 t01_strip {15,}'
keys dn : 'set name-width 7' Enter
wait_for dn 'name-width takes a whole number 8 to 30, not "7"'

keys dn q
[ "$(wait_exit dn)" = 0 ] || fail "q did not exit cleanly"
exit 0
