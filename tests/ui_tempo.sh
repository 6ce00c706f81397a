#!/bin/sh
# Tempo and meter in a real terminal (tmux on a private server, issue 18): the
# arranger's ruler puts the bars where the tempo map says, at 120 4/4, after :tempo 90
# and after :meter 3/4 (the same bar length as 120 4/4, but three beats to the bar
# when zoomed in); :locate b5 lands at 8 s (the status line's time and bar.beat.tick);
# :loop in bars; :w writes tempo_bpm and meter into project.json; undo takes a change
# back. And `ttymix new --tempo --meter`, with a bad meter refused.
#
# The columns (from 0): the ruler starts at column 14 (the name column before it), a label is
# "|N" at the column of its time, the view starts at 0 s, 0.5 s a column (the default
# zoom, which the title says).
#
# Needs tmux and sox. Without them the test skips, except under TTYMIX_REQUIRE_ALL=1
# (CI), where a missing part is a failure.
set -u

: "${top_srcdir:?run me through make check}"
: "${TTYMIX:?run me through make check}"
WAIT_SEC=20 # every wait is bounded by this

TEST=ui_tempo
. "$top_srcdir/tests/tmux_lib.sh"
require_tools tmux sox
tmux_setup tempo

cd "$WORK" || exit 99
sox -n -r 48000 -c 1 tone.wav synth 30 sine 220 vol 0.5 || fail "sox: tone.wav"

# ---- ttymix new --tempo --meter ----
"$TTYMIX" new "$WORK/waltz" --tempo 96 --meter 3/4 tone.wav >/dev/null \
	|| fail "ttymix new --tempo 96 --meter 3/4 failed"
flat=$(tr -d ' \t\n' <"$WORK/waltz/project.json")
case $flat in
*'"tempo_bpm":96,"meter":"3/4"'*) ;;
*) fail "new --tempo 96 --meter 3/4 wrote: $flat" ;;
esac
out=$("$TTYMIX" new "$WORK/bad" --meter 3/5 2>&1)
rc=$?
[ "$rc" = 2 ] || fail "new --meter 3/5: exit $rc, not 2"
case $out in
*'--meter takes a meter N/D (3/4, 6/8), not "3/5"'*) ;;
*) fail "new --meter 3/5 said: $out" ;;
esac
[ ! -e "$WORK/bad" ] || fail "new --meter 3/5 left $WORK/bad behind"

"$TTYMIX" new "$WORK/song" tone.wav >/dev/null || fail "ttymix new failed"
PROJECT=$WORK/song

# the ASCII glyphs (LANG=C): a label is "|N", one byte a column
tmux_start tp 100 30 TERM=screen LANG=C LC_ALL=C XDG_DATA_HOME="$WORK/xdg" \
	-- --output null "$PROJECT"
wait_for tp 'MIXER'
keys tp 1
wait_for tp ' 0\.5 s/col +ARRANGER'

# The column of ruler label $1 ("5", "1.2"), or -1 when the ruler has none.
label_col() {
	capture tp
	sed -n 2p "$WORK/screen" | awk -v want="|$1" '{
		line = $0 " "
		i = index(line, want " ")
		print (i ? i - 1 : -1)
	}'
}

# ruler_has LABEL COLUMN...: each label at its column (polled: the screen redraws)
ruler_has() {
	tries=0
	while :; do
		ok=1
		n=$#
		i=1
		while [ "$i" -lt "$n" ]; do
			eval "lab=\${$i}"
			eval "col=\${$((i + 1))}"
			[ "$(label_col "$lab")" = "$col" ] || ok=0
			i=$((i + 2))
		done
		[ "$ok" = 1 ] && return 0
		tries=$((tries + 1))
		[ "$tries" -lt $((WAIT_SEC * 10)) ] || fail "ruler: wanted labels at $*: $(sed -n 2p "$WORK/screen")"
		sleep 0.1
	done
}

# 120 4/4: a bar 2 s = 4 columns; every other bar labelled
ruler_has 1 14 5 30 9 46
# 90 4/4: a bar 8/3 s = 5.33 columns: bar 5 21.33 columns in, bar 9 42.67
keys tp : 'tempo 90' Enter
wait_for tp '^tempo 90 bpm'
ruler_has 1 14 5 35 9 56
# 90 3/4: a bar 2 s again
keys tp : 'meter 3/4' Enter
wait_for tp '^meter 3/4'
ruler_has 1 14 5 30 9 46
# zoomed in to 0.05 s a column: beats of 2/3 s (13.3 columns), three to the bar
keys tp + + + +
wait_for tp ' 0\.05 s/col +ARRANGER'
ruler_has 1.1 14 1.2 27 1.3 40 2.1 54 2.2 67
[ "$(label_col 1.4)" = -1 ] || fail "a fourth beat in 3/4: $(sed -n 2p "$WORK/screen")"

# ---- locate and loop in bars ----
keys tp : 'locate b5' Enter
wait_for tp '^at b5 \(8\.000 s\)'
wait_for tp ' STOP +0:08\.0 / 0:30\.0  5\.1\.000 '
keys tp : 'locate 5.2.480' Enter
wait_for tp ' STOP +0:09\.0 / 0:30\.0  5\.2\.480 '
keys tp : 'locate b4.4' Enter
wait_for tp '^locate: bar 4 has 3 beats \(3/4\), not 4'
keys tp : 'loop b2 b4' Enter
wait_for tp '^loop 2\.000 to 6\.000 s, on \(bars 2\.1\.000 to 4\.1\.000\)'

# ---- a change at a bar, taken back by undo ----
keys tp : 'tempo 140 at 17' Enter
wait_for tp '^tempo 140 bpm from bar 17'
keys tp : 'tempo' Enter
wait_for tp '^tempo 90 bpm, 3/4; from bar 17: 140 bpm'
keys tp : 'undo' Enter
wait_for tp '^undid: tempo 140 bpm from bar 17'

keys tp : 'w' Enter
wait_for tp '^saved '
keys tp : 'q' Enter
[ "$(wait_exit tp)" = 0 ] || fail ":q did not exit cleanly after a save"

flat=$(tr -d ' \t\n' <"$PROJECT/project.json")
for want in '"tempo_bpm":90,"meter":"3/4"' '"loop":{"start":2,"end":6,"enabled":true}'; do
	case $flat in
	*"$want"*) ;;
	*) fail "project.json lacks $want: $flat" ;;
	esac
done
case $flat in
*tempo_map*) fail "the undone change at bar 17 was saved: $flat" ;;
esac
echo "$TEST: ok"
