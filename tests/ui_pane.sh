#!/bin/sh
# Lists too long for one line open in a scrollable pane (issue 18, "text that fits"),
# at 80x24: ':' then Tab lists every command, one a line (PgDn scrolls it while the
# line stays open, Esc closes both), and :auto STRIP LANE list shows every point of a
# lane, one a line, that End, Home and the arrows scroll and q closes.
#
# Needs tmux and sox. Without them the test skips, except under TTYMIX_REQUIRE_ALL=1
# (CI), where a missing part is a failure.
set -u

: "${top_srcdir:?run me through make check}"
: "${TTYMIX:?run me through make check}"
WAIT_SEC=20 # every wait is bounded by this (a sanitized build draws slowly)

TEST=ui_pane
. "$top_srcdir/tests/tmux_lib.sh"
require_tools tmux sox
tmux_setup pane

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

# ---- ':' and Tab: every command, one a line ----
keys s :
keys s Tab
wait_for s '^ Tab: [0-9]+ candidates for ""'
wait_for s '^  album$'
wait_for s '^  arranger$'
capture s
n=$(sed -n 1p "$WORK/screen" | sed 's/^ Tab: \([0-9]*\) .*/\1/')
[ "$n" -gt 40 ] || fail "Tab lists only $n commands"
# the last command in the alphabet is not on the first page: PgDn reaches it
grep -q '^  zoom-out$' "$WORK/screen" && fail "all $n commands fit on one page?"
pages=0
while ! grep -q '^  zoom-out$' "$WORK/screen"; do
	[ "$pages" -lt 20 ] || fail "PgDn never reached zoom-out"
	keys s PageDown
	sleep 0.3
	capture s
	pages=$((pages + 1))
done
# the ':' line is still open under the pane
grep -q '^:' "$WORK/screen" || fail "the ':' line closed when the pane scrolled"
keys s Escape
wait_gone s '^ Tab: '
wait_for s 'Master'

# ---- :auto d gain_db list: every point, one a line ----
i=1
while [ "$i" -le 30 ]; do
	line s ":auto drums gain_db add 0:00.$(printf %03d $((i * 30))) -$i"
	i=$((i + 1))
done
line s ':auto drums gain_db list'
wait_for s '^ drums gain_db \(read, 30 points\)'
wait_for s '^  0:00\.030  -1$'
wait_gone s '^  0:00\.900  -30$'
keys s End
wait_for s '^  0:00\.900  -30$'
wait_gone s '^  0:00\.030  -1$'
keys s Up
wait_gone s '^  0:00\.900  -30$'
keys s Home
wait_for s '^  0:00\.030  -1$'
keys s q
wait_gone s '^ drums gain_db \(read'
wait_for s 'Master'
keys s :
line s 'q!'
wait_exit s >/dev/null
exit 0
