#!/bin/sh
# :check renders on a worker (tmux, 100x30): the studio started with --lessons DIR
# finds a teacher's lesson there (:lesson 21); the lesson's song is 104 minutes long, so
# that its check (the whole mix rendered) is still under way while the screen answers
# a key: the mixer page (2) comes up with the status line still saying "checking
# lesson 21 ... %". A second :check is refused while one runs, and :q! ends the
# studio without waiting for the render (the check is cancelled). A render of the
# whole song takes a few seconds here (it took less than the keys of the test once,
# at 32 minutes).
#
# Needs tmux and python3. Without them the test skips, except under
# TTYMIX_REQUIRE_ALL=1 (CI).
set -u

: "${top_srcdir:?run me through make check}"
: "${top_builddir:?run me through make check}"
: "${TTYMIX:?run me through make check}"
WAIT_SEC=30

TEST=ui_check_async
PACKAGES="tmux python3"
. "$top_srcdir/tests/tmux_lib.sh"
require_tools tmux python3
tmux_setup check_async
XDG=$WORK/xdg

line() {
	keys "$1" -l "$2"
	keys "$1" Enter
}

# the teacher's lesson: the balance lesson's song played 80 times over (104 minutes),
# graded as a master (the whole mix rendered)
L=$WORK/teach/21-long
mkdir -p "$L" || exit 99
python3 - "$top_builddir/projects/lessons/01-balance/project.json" "$L/project.json" <<'PY' || exit 99
import copy, json, sys
p = json.load(open(sys.argv[1]))
for t in p["tracks"]:
    first = t["clips"][0]
    t["clips"] = []
    for k in range(80):
        c = copy.deepcopy(first)
        c["start"] = k * 78.0
        t["clips"].append(c)
json.dump(p, open(sys.argv[2], "w"), indent=1)
PY
cat >"$L/lesson.json" <<'JSON'
{"format": "ttymix-lesson", "version": 1, "number": 21, "title": "A long master",
 "goal": "Master the long song to -14 LUFS.", "hints": [],
 "check": {"type": "master", "target_lufs": -14, "tolerance_lu": 1,
           "max_true_peak_dbtp": -1}}
JSON

cd "$WORK" || exit 99
tmux_start s 100 30 TERM=screen LANG=C.UTF-8 LC_ALL=C.UTF-8 XDG_DATA_HOME="$XDG" \
	-- --output null --lessons "$WORK/teach"
wait_for s 'Kick +Snare'

# --lessons in the studio: the lesson is found there
line s ':lesson 21'
wait_for s '^ Lesson 21: A long master'
keys s q
wait_gone s 'Goal: Master the long song'

line s ':check'
wait_for s 'checking lesson 21 \(rendering with the engine\)'
# a second :check at once, while the first is surely running (a render of the whole
# song takes a few seconds: asked after the mixer page, it once came after the end)
line s ':check'
wait_for s 'check: a measurement is under way; its result comes on its own'
# the screen answers while the check runs
keys s 2
wait_for s 'MIXER'
wait_for s 'checking lesson 21 \(rendering with the engine\)\.\.\. [0-9]+%'
grep -Eq '\.\.\. 100%' "$WORK/screen" &&
	fail "the mixer page came up only once the check had finished"
# quitting does not wait for the song to be rendered (the tap holds what is rendered:
# 384 kB a second of song, 2.4 GB for the whole, so the check must not run to its end)
line s ':q!'
wait_exit s >/dev/null
exit 0
