#!/bin/sh
# A lesson followed in a real terminal (tmux, 80x24): :lesson 3 opens the mud lesson
# (a copy in the user's data folder) with its goal and hints; i explains a parameter
# on the strip detail view; :check first says what fails and by how much; the steps
# the hints give, typed as a student would (an eq on the pad by :insert, its high-pass
# moved with the arrow keys and :fx), then :check reports the lesson passed; f shows
# the pad's signal flow; a compares the eq in and out, level matched; the passing
# :check saved the lesson copy, and `ttymix lesson check` on it agrees.
#
# Needs tmux. Without it the test skips, except under TTYMIX_REQUIRE_ALL=1 (CI).
set -u

: "${top_srcdir:?run me through make check}"
: "${TTYMIX:?run me through make check}"
WAIT_SEC=30

TEST=ui_lesson
PACKAGES=tmux
. "$top_srcdir/tests/tmux_lib.sh"
require_tools tmux
tmux_setup lesson
XDG=$WORK/xdg

line() {
	keys "$1" -l "$2"
	keys "$1" Enter
}

cd "$WORK" || exit 99
tmux_start s 80 24 TERM=screen LANG=C.UTF-8 LC_ALL=C.UTF-8 XDG_DATA_HOME="$XDG" \
	-- --output null
wait_for s 'Kick +Snare'

line s ':lesson 3'
wait_for s '^ Lesson 3: Clearing mud'
wait_for s 'Goal: Take the rumble'
wait_for s '1\. Add an EQ to the pad'
keys s q
wait_gone s 'Goal: Take the rumble'
COPY=$XDG/ttymix/lessons/03-mud
[ -f "$COPY/project.json" ] && [ -f "$COPY/lesson.json" ] ||
	fail "the lesson was not copied to $COPY"

line s ':check'
wait_for s '^ Lesson 3, Clearing mud: not yet'
wait_for s 'FAIL Pad energy below 150 Hz, change: 0\.0 dB'
wait_for s 'down 0\.0 dB of the 6 asked: add an'
keys s Escape
wait_gone s 'Clearing mud: not yet'

# the hints: an eq on the pad, its high-pass up with the keys, then typed exactly
line s ':insert Pad add eq'
wait_for s '^Pad: eq added as insert 1'
keys s Home l l l l Enter
wait_for s 'STRIP +Esc back'
keys s j
keys s i
wait_for s 'i: eq\.hpf_hz'
wait_for s 'What it does: High-pass filter'
wait_for s 'vocal +80-100 Hz'
keys s q
wait_gone s 'What it does: High-pass'
keys s L L L L L L L L
line s ':fx Pad 1 hpf_hz 250'
wait_for s '^Pad: eq hpf_hz 250 Hz'
line s ':fx Pad 1 hpf_slope 24'
wait_for s '^Pad: eq hpf_slope 24'
line s ':check'
wait_for s '^ Lesson 3, Clearing mud: PASSED'
wait_for s 'PASS Pad energy below 150 Hz, change: -22\.9 dB'
wait_for s '^check: lesson 3 PASSED \(2 of 2\), and saved'
keys s Escape

# A/B of the eq, level matched, and back in
keys s a
wait_for s '^A/B: Pad eq OUT, level matched'
keys s a
wait_for s '^A/B: Pad eq IN'
keys s Escape
wait_gone s 'STRIP +Esc back'

# the pad's signal flow from the mixer
keys s f
wait_for s 'f: signal flow of Pad'
wait_for s 'insert 1 eq'
wait_for s 'master \(with returns\)'
keys s Escape

# :check saved what passed: :q leaves without asking
line s ':q'
wait_exit s >/dev/null
"$TTYMIX" lesson check "$COPY" >"$WORK/check.txt" 2>&1 ||
	{ cat "$WORK/check.txt"; fail "ttymix lesson check on the saved lesson: not passed"; }
grep -q '^Lesson 3, Clearing mud: passed' "$WORK/check.txt" || fail "headless check agrees"
echo "$TEST: ok"
exit 0
