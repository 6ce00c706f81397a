#!/bin/sh
# The help page (issue 18, "text that fits"): at 80x24 a description too long for its
# column wraps under itself instead of being cut ("show the arranger: tracks, clips,
# time"), a ':' command's syntax too long for its column takes a line of its own, and
# at 200x60 the columns widen so that the same texts fit on one line each; the arrows,
# PgUp/PgDn, Home and End scroll; / finds a word (the row marked '>') and n the next;
# every key is shown by its name (Delete, F1), never as a number ("key 330").
#
# Needs tmux and sox. Without them the test skips, except under TTYMIX_REQUIRE_ALL=1
# (CI), where a missing part is a failure.
set -u

: "${top_srcdir:?run me through make check}"
: "${TTYMIX:?run me through make check}"
WAIT_SEC=20 # every wait is bounded by this (a sanitized build draws slowly)

TEST=ui_help
. "$top_srcdir/tests/tmux_lib.sh"
require_tools tmux sox
tmux_setup help

cd "$WORK" || exit 99
sox -n -r 48000 -c 1 drums.wav synth 1 sine 220 vol 0.5 || fail "sox could not make drums.wav"
"$TTYMIX" new "$WORK/song" drums.wav >/dev/null || fail "ttymix new failed"

# help_find SESSION TEXT: / on the help page, TEXT, Enter; waits for the answer
help_find() {
	keys "$1" /
	wait_for "$1" '^:help-find'
	keys "$1" -l "$2"
	keys "$1" Enter
	wait_for "$1" "^\"$2\" (found|is not in the help)"
}

# the screen's row N (1: the title)
row() {
	sed -n "${1}p" "$WORK/screen"
}

# every page of the help, Home to End, into WORK/all (PgDn until the screen stays)
all_pages() {
	keys "$1" Home
	wait_for "$1" '^ Everywhere'
	: >"$WORK/all"
	prev=
	n=0
	while [ "$n" -lt 60 ]; do
		sleep 0.3
		capture "$1"
		now=$(cat "$WORK/screen")
		[ "$now" = "$prev" ] && return 0
		cat "$WORK/screen" >>"$WORK/all"
		prev=$now
		keys "$1" PageDown
		n=$((n + 1))
	done
	fail "$1: the help did not end after 60 pages"
}

# ---- 80x24 ----
tmux_start s 80 24 TERM=screen LANG=C.UTF-8 LC_ALL=C.UTF-8 XDG_DATA_HOME="$WORK/xdg" \
	-- --output null "$WORK/song"
wait_for s 'Master'
keys s '?'
wait_for s 'ttymix keys .*/ finds'
wait_for s '^ Everywhere'

# a description too long for 80 columns wraps under its own column, whole
help_find s 'tracks, clips'
wait_for s '^ > 1 +arranger +show the arranger: tracks, clips,$'
capture s
at=$(grep -n '^ > 1 ' "$WORK/screen" | cut -d: -f1)
next=$(row $((at + 1)))
[ "$next" = "                                           time" ] \
	|| fail "the arranger's description does not go on under itself: '$next'"

# a ':' command's syntax too long for the column: a line of its own, then its
# description, wrapped, under the description column
help_find s 'bind SCOPE'
wait_for s '^ > +bind SCOPE KEY COMMAND$'
capture s
at=$(grep -En '^ > +bind SCOPE' "$WORK/screen" | cut -d: -f1)
row $((at + 1)) | grep -Eq '^ {43}bind a key on a page to a command$' \
	|| fail "bind's description is not on the line under its syntax: '$(row $((at + 1)))'"
row $((at + 2)) | grep -Eq '^ {43}line \(as in the ttymixrc\)$' \
	|| fail "bind's description does not go on whole: '$(row $((at + 2)))'"

# n: the next row holding the word; round to the top after the last
help_find s 'marker'
capture s
first=$(grep '^ >' "$WORK/screen")
[ -n "$first" ] || fail "no row is marked after /marker"
# the status line already says "found" from the search itself, so what shows that n
# has been read is the mark moving: wait for it, up to WAIT_SEC
keys s n
tries=0
while :; do
	capture s
	second=$(grep '^ >' "$WORK/screen")
	[ -n "$second" ] && [ "$first" != "$second" ] && break
	[ "$tries" -lt $((WAIT_SEC * 10)) ] || break
	sleep 0.1
	tries=$((tries + 1))
done
[ -n "$second" ] || fail "no row is marked after n"
[ "$first" != "$second" ] || fail "n stays on the same row: '$first'"
help_find s 'zzqq'
grep -q '^ >' "$WORK/screen" && fail "a word not in the help still marks a row"

# scrolling: Home, Down (one line), PgDn (a page), End, PgUp
keys s Home
wait_for s '^ Everywhere'
capture s
third=$(row 3)
keys s Down
wait_gone s '^ Everywhere'
capture s
[ "$(row 2)" = "$third" ] || fail "Down did not scroll one line: '$(row 2)' after '$third'"
keys s Up
wait_for s '^ Everywhere'
keys s PageDown
wait_gone s '^ Everywhere'
capture s
row 2 | grep -q 'Space +play-stop' && fail "PgDn did not scroll"
keys s End
wait_for s 'help-close +close this list'
keys s PageUp
wait_gone s 'help-close +close this list'
keys s Home
wait_for s '^ Everywhere'

# every key by its name: no number, and Delete and F1 named
all_pages s
grep -Eq 'key [0-9]+' "$WORK/all" && fail "80x24: a key is shown as a number: $(grep -E 'key [0-9]+' "$WORK/all" | head -n 1)"
grep -Eq '^ +x Delete +point-delete' "$WORK/all" || fail "80x24: no 'x Delete' for point-delete"
grep -Eq '^ +\? F1 +help ' "$WORK/all" || fail "80x24: no '? F1' for help"
keys s q
wait_gone s 'ttymix keys'
keys s :
keys s -l 'q!'
keys s Enter
wait_exit s >/dev/null

# ---- 200x60: the columns widen, and the same texts fit on one line ----
tmux_start w 200 60 TERM=screen LANG=C.UTF-8 LC_ALL=C.UTF-8 XDG_DATA_HOME="$WORK/xdg" \
	-- --output null "$WORK/song"
wait_for w 'Master'
keys w '?'
wait_for w '^ Everywhere'
wait_for w '^   1 +arranger +show the arranger: tracks, clips, time$'
help_find w 'bind SCOPE'
wait_for w '^ > +bind SCOPE KEY COMMAND +bind a key on a page to a command line \(as in the ttymixrc\)$'
help_find w 'take it out'
wait_for w '^ > v +select +add the clip to the selection, or take it out \(edits apply to all selected\)$'
# scrolling at this size too
keys w End
wait_for w 'help-close +close this list'
wait_gone w '^ Everywhere'
keys w Home
wait_for w '^ Everywhere'
all_pages w
grep -Eq 'key [0-9]+' "$WORK/all" && fail "200x60: a key is shown as a number"
grep -Eq '^ +x Delete +point-delete' "$WORK/all" || fail "200x60: no 'x Delete' for point-delete"
keys w q
wait_gone w 'ttymix keys'
keys w :
keys w -l 'q!'
keys w Enter
wait_exit w >/dev/null
exit 0
