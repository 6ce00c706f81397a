#!/bin/sh
# :review in a running studio (issue 21), in a real terminal (tmux on a private server),
# on the planted pad-over-vocal project (tests/review_lib.sh):
#  - :role shows and sets a track's role (one undo step, saved in project.json);
#  - :review opens the panel: the vocal masked by the pad at the top, its fix shown;
#  - Enter goes there: the vocal strip selected, the playhead at the finding's time;
#  - a applies the fix as one undo step (the pad gains an eq cutting the band), and
#    the masking measured again (ttymix review --json of the saved project) is lower
#    for that pair;
#  - u takes the whole fix back in one step; :w then saves the pad without its eq.
#
# Needs tmux, sox and python3. Without them the test skips, except under
# TTYMIX_REQUIRE_ALL=1 (CI), where a missing part is a failure.
set -u

: "${top_srcdir:?run me through make check}"
: "${TTYMIX:?run me through make check}"
WAIT_SEC=60 # every wait is bounded by this (a review renders the song)

TEST=ui_review
PACKAGES="tmux, sox and python3"
. "$top_srcdir/tests/tmux_lib.sh"
require_tools tmux sox python3
tmux_setup review

cd "$WORK" || exit 99
. "$top_srcdir/tests/review_lib.sh"
plant_padvox song
PROJECT=$WORK/song

# the share of the vox masked by the pad, from a review of the saved project
share() {
	timeout 120 "$TTYMIX" review "$PROJECT" --json >share.json 2>share.err ||
		fail "review --json failed: $(cat share.err)"
	python3 -c '
import json
d = json.load(open("share.json"))
print(max([p["overall"] for p in d["masking"] if {p["masked"], p["by"]} == {"vox", "pad"}] + [0]))'
}
before=$(share)

tmux_start st 120 34 TERM=screen LANG=C.UTF-8 LC_ALL=C.UTF-8 XDG_DATA_HOME="$WORK/xdg" \
	XDG_STATE_HOME="$WORK/state" TTYMIX_AUTOSAVE_SEC=3600 HOME="$WORK/home" \
	-- --output null "$PROJECT"
wait_for st 'MIXER'

# ---- :role ----
keys st : 'role vox' Enter
wait_for st "vox's role: vox lead"
keys st : 'role pad pad' Enter
wait_for st "pad's role: pad"
keys st : 'undo' Enter
wait_for st '^undid: role'
# a role longer than the file keeps a name is refused (it would not load back)
long=$(printf 'x%.0s' $(seq 1 300))
keys st : "role pad $long" Enter
wait_for st '^role: at most 255 characters'

# ---- :review, the panel ----
keys st : 'review' Enter
wait_for st 'Review: [0-9]+ findings'
wait_for st '^ +1 problem +masking +vox \(pad\), [0-9]+-[0-9]+ Hz'
wait_for st 'fix :fx pad eq band1_hz [0-9]+; :fx pad eq band1_q'
capture st
grep -q 'Enter go there, a apply the fix' "$WORK/screen" || fail "the panel's keys are not shown"

# ---- Enter: the vocal strip, the finding's time ----
keys st Enter
wait_gone st 'Review: [0-9]+ findings'
wait_for st '│ 1 vox'

# ---- a: the fix as one undo step ----
keys st : 'review' Enter
wait_for st '^ +1 problem +masking +vox'
keys st a
wait_for st 'review: applied 1: fx pad eq band1_hz'
wait_for st '\[applied\]'
# the mark follows the undo history: a fix undone can be applied again (u closes the
# panel; :review apply N works on the last review)
keys st u
wait_for st '^undid: review: masking'
keys st : 'review apply 1' Enter
wait_for st 'review: applied 1: fx pad eq band1_hz'
keys st Escape
wait_gone st 'Review: [0-9]+ findings'
keys st : 'w' Enter
wait_gone st '\[\+\]'
python3 -c '
import json, sys
d = json.load(open(sys.argv[1]))
pad = [t for t in d["tracks"] if t["name"] == "pad"][0]
eq = [i for i in pad.get("inserts", []) if i["type"] == "eq"]
sys.exit(0 if eq and eq[0]["params"]["band1_db"] < 0 else 1)' "$PROJECT/project.json" ||
	fail "the fix did not put a cutting eq on the pad"
after=$(share)
python3 -c "import sys; sys.exit(0 if float('$after') < float('$before') else 1)" ||
	fail "the fix did not lower the masking of vox by pad ($before -> $after)"
echo "ui_review: masking of vox by pad $before -> $after"

# ---- u: the whole fix back in one step ----
keys st : 'undo' Enter
wait_for st '^undid: review: masking'
keys st : 'w' Enter
wait_gone st '\[\+\]'
grep -q '"type": "eq"' "$PROJECT/project.json" && fail "one undo left the pad's eq"
keys st : 'q' Enter
wait_exit st >/dev/null
echo "ui_review: PASS"
