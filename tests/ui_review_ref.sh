#!/bin/sh
# :review in a running studio (issue 21's follow-ups), in tmux at 120x34:
#  1. the tonal target is the reference :reference loaded, as review --reference
#     FILE's: the clean control (pink noise in three bands, tests/review_lib.sh) has
#     no tonal finding against the target curve, but against a reference with a 12 dB
#     bell at 1 kHz it is hollow near 1 kHz "against the reference"; a curve made
#     from that reference (ttymix curve) and set with :review target finds the same
#     "against the curve bell", a missing file is said, the target stays when
#     another project is opened, and target off goes back;
#  2. a review under way stops at once when the project is replaced: on a four-hour
#     song :review says how far it is, :e of the short song opens it within 20 s
#     (a review that ignored its cancel flag would hold :e for the rest of the song:
#     over four minutes of CPU on a busy two-core machine, 300 s of the song taking
#     5.3 s), a new :review there runs, and :q! ends the studio as promptly.
# tests/review_cancel_test proves the cancel itself without a terminal.
#
# Needs tmux, sox and python3. Without them the test skips, except under
# TTYMIX_REQUIRE_ALL=1 (CI), where a missing part is a failure.
set -u

: "${top_srcdir:?run me through make check}"
: "${TTYMIX:?run me through make check}"
WAIT_SEC=60 # every wait is bounded by this (a review renders the song)

TEST=ui_review_ref
PACKAGES="tmux, sox and python3"
. "$top_srcdir/tests/tmux_lib.sh"
require_tools tmux sox python3
tmux_setup review_ref

cd "$WORK" || exit 99
. "$top_srcdir/tests/review_lib.sh"
plant_control song
review_sox ref.wav synth 6 pinknoise equalizer 1000 1q 12 gain -n -12
# the long song: the control's three tracks played 3600 times over (four hours)
mkdir -p long || exit 99
cp -R song/audio long/audio || exit 99
python3 - song/project.json long/project.json <<'PY' || exit 99
import copy, json, sys
p = json.load(open(sys.argv[1]))
for t in p["tracks"]:
    first = t["clips"][0]
    t["clips"] = []
    for k in range(3600):
        c = copy.deepcopy(first)
        c["start"] = k * 4.0
        t["clips"].append(c)
json.dump(p, open(sys.argv[2], "w"), indent=1)
PY

line() {
	keys "$1" : "$2" Enter
}

tmux_start st 120 34 TERM=screen LANG=C.UTF-8 LC_ALL=C.UTF-8 XDG_DATA_HOME="$WORK/xdg" \
	XDG_STATE_HOME="$WORK/state" TTYMIX_AUTOSAVE_SEC=3600 HOME="$WORK/home" \
	-- --output null "$WORK/song"
wait_for st 'MIXER'

# ---- 1. no reference: the target curve, no tonal finding ----
line st 'review'
wait_for st 'review: [0-9]+ findings, [0-9]+ problems .*against the target curve\)'
wait_for st 'Review: [0-9]+ findings'
grep -Eq '^ +[0-9]+ [a-z]+ +tonal ' "$WORK/screen" &&
	fail "the control has a tonal finding against the target curve"
line st 'review close'
wait_gone st 'Review: [0-9]+ findings'

# ---- 1. the reference :reference loaded is the target ----
line st 'reference ref.wav'
wait_for st 'reference ref\.wav: 6\.0 s'
line st 'review'
wait_for st 'review: listening to the mix \(.*against the reference ref\.wav\)|review: [0-9]+ findings'
wait_for st 'Review: [0-9]+ findings'
wait_for st 'hollow: -[0-9.]+ dB around (7[0-9][0-9]|[89][0-9][0-9]|1[0-3][0-9][0-9]) Hz against the reference'
grep -Eq 'against the reference ref\.wav\)' "$WORK/screen" ||
	fail "the status line does not name the reference as the target"
line st 'review close'
wait_gone st 'Review: [0-9]+ findings'

# ---- 1. a curve kept as data (ttymix curve): :review target comes before it ----
"$TTYMIX" curve bell.json ref.wav --name bell >/dev/null 2>&1 || fail "ttymix curve failed"
line st 'review target nothere.json'
wait_for st 'review: .*nothere\.json: No such file'
line st 'review target bell.json'
wait_for st 'review: tonal balance against the curve bell, from the next :review'
line st 'review'
wait_for st 'Review: [0-9]+ findings'
wait_for st 'hollow: -[0-9.]+ dB around (7[0-9][0-9]|[89][0-9][0-9]|1[0-3][0-9][0-9]) Hz against the curve bell'
line st 'review close'
wait_gone st 'Review: [0-9]+ findings'

# ---- 2. :e while a review renders a two-hour song ----
line st 'e long'
wait_for st '^opened .*long'
# the target chosen stays with the user across projects; off goes back
line st 'review target'
wait_for st 'review: tonal balance against .*bell\.json'
line st 'review target off'
wait_for st 'review: tonal balance against (the reference track|the default curve), from the next :review'
line st 'review'
wait_for st 'review: listening to the mix\.\.\. [0-9]+%'
line st 'e song'
WAIT_SEC=20
wait_for st '^opened .*song'
WAIT_SEC=60
line st 'review'
wait_for st 'Review: [0-9]+ findings'
line st 'review close'
wait_gone st 'Review: [0-9]+ findings'
# and quitting with one under way
line st 'e long'
wait_for st '^opened .*long'
line st 'review'
wait_for st 'review: listening to the mix\.\.\. [0-9]+%'
line st 'q!'
WAIT_SEC=20
wait_exit st >/dev/null
echo "ui_review_ref: PASS"
