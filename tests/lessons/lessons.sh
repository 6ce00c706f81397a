#!/bin/sh
# The lessons (projects/lessons): every lesson's check fails on the project as shipped
# and passes once its solution (tests/lessons/solve.py: the edits a student makes with
# :gain, :pan, :insert, :fx, :send) is applied; the check renders with the real engine,
# so a shortcut that only looks right (the pad's fader pulled down instead of its lows
# cut) still fails. Also: ttymix lesson list, usage errors, a broken lesson file.
set -u
: "${top_srcdir:?run me through make check}"
: "${top_builddir:?run me through make check}"
: "${TTYMIX:?run me through make check}"
fail=0
t=$(mktemp -d)
trap 'rm -rf "$t"' EXIT
command -v python3 >/dev/null 2>&1 || {
	if [ "${TTYMIX_REQUIRE_ALL:-0}" = 1 ]; then echo "lessons: python3 is required"; exit 99; fi
	echo "lessons: python3 missing: skipped"; exit 77
}
bad() { echo "FAIL: $*"; fail=1; }
expect_rc() { # expected-rc description command...
	want=$1; what=$2; shift 2
	"$@" >"$t/out" 2>"$t/err"; rc=$?
	[ "$rc" -eq "$want" ] || { bad "$what: exit $rc, want $want"; cat "$t/out" "$t/err"; }
}

LESSONS=$top_builddir/projects/lessons
# the lessons' clips point at ../../demo/audio: lay out the copies the same way
ln -s "$top_builddir/projects/demo" "$t/demo"
mkdir "$t/lessons"

expect_rc 0 "lesson list" "$TTYMIX" lesson list
[ "$(grep -c '^ *[0-9][0-9]*  ' "$t/out")" -ge 14 ] || bad "lesson list shows fourteen lessons"
grep -q "^11  Riding the lead" "$t/out" || bad "lesson list names lesson 11"
grep -q "^12  Making room" "$t/out" || bad "lesson list names lesson 12"
grep -q "^13  De-essing" "$t/out" || bad "lesson list names lesson 13"
grep -q "^14  Sequencing an album" "$t/out" || bad "lesson list names lesson 14"
grep -q "^ 4  Compression" "$t/out" || bad "lesson list names lesson 4"
expect_rc 2 "lesson without a verb" "$TTYMIX" lesson
expect_rc 2 "lesson check without DIR" "$TTYMIX" lesson check
expect_rc 1 "lesson check of a folder without a lesson" "$TTYMIX" lesson check "$t"
[ "$(wc -l <"$t/err")" -eq 1 ] || bad "no lesson: one line"

for n in 1 2 3 4 5 6 12; do
	src=$(ls -d "$LESSONS"/"$(printf %02d "$n")"-*/ | head -n 1)
	[ -d "$src" ] || { bad "lesson $n is missing"; continue; }
	d=$t/lessons/$(basename "$src")
	cp -r "$src" "$d"
	expect_rc 1 "lesson $n fails as shipped" "$TTYMIX" lesson check "$d"
	grep -q "^FAIL " "$t/out" || bad "lesson $n: a FAIL line as shipped"
	echo "lesson $n as shipped:"; cat "$t/out"
	cp "$d/project.json" "$d/shipped.json"
	python3 "$top_srcdir/tests/lessons/solve.py" $n "$d/project.json" ||
		bad "lesson $n: solve.py failed"
	"$TTYMIX" check "$d" >/dev/null 2>"$t/err" || { bad "lesson $n: solution invalid"; cat "$t/err"; }
	expect_rc 0 "lesson $n passes solved" "$TTYMIX" lesson check "$d"
	grep -q "^FAIL " "$t/out" && bad "lesson $n: no FAIL line when solved"
	echo "lesson $n solved:"; cat "$t/out"
done

# lessons 7 to 11, 13 and 14 as a teacher's lesson is checked: ttymix lesson validate
# with the solution in solution/ (the untouched project fails, the solution passes)
for n in 7 8 9 10 11 13 14; do
	src=$(ls -d "$LESSONS"/$(printf %02d $n)-*/ | head -n 1)
	[ -d "$src" ] || { bad "lesson $n is missing"; continue; }
	d=$t/lessons/$(basename "$src")
	cp -r "$src" "$d"
	mkdir "$d/solution"
	cp "$d/project.json" "$d/solution/project.json"
	python3 "$top_srcdir/tests/lessons/solve.py" $n "$d/solution/project.json" ||
		bad "lesson $n: solve.py failed"
	expect_rc 0 "lesson $n validates with its solution" "$TTYMIX" lesson validate "$d"
	echo "lesson $n validate:"; cat "$t/out"
	grep -q '^OK   the solution (solution/project.json) passes' "$t/out" ||
		bad "lesson $n: the solution passes"
done

# a shortcut: the pad 12 dB down on its fader loses its lows, and its highs with them
d=$(ls -d "$t"/lessons/03-*/)
python3 - "$d" <<'PY'
import json, sys
p = json.load(open(sys.argv[1] + "/shipped.json"))
for t in p["tracks"]:
    if t["name"] == "Pad":
        t["gain_db"] = -12
json.dump(p, open(sys.argv[1] + "/project.json", "w"))
PY
expect_rc 1 "lesson 3 refuses a fader cut" "$TTYMIX" lesson check "$d"
grep -q "^PASS Pad energy below 150 Hz" "$t/out" || bad "fader cut: the lows are down"
grep -q "^FAIL Pad energy above 1000 Hz" "$t/out" || bad "fader cut: the highs are down too"

# lesson 12: the pad pulled down 8 dB on its fader uncovers the lead, but the pad is no
# longer kept in the mix
d=$(ls -d "$t"/lessons/12-*/)
python3 - "$d" <<'PY'
import json, sys
p = json.load(open(sys.argv[1] + "/shipped.json"))
for t in p["tracks"]:
    if t["name"] == "Pad":
        t["gain_db"] = -8
json.dump(p, open(sys.argv[1] + "/project.json", "w"))
PY
expect_rc 1 "lesson 12 refuses a fader pull" "$TTYMIX" lesson check "$d"
grep -q "^FAIL Pad kept in the mix" "$t/out" || bad "fader pull: the pad is not kept"

# lesson 5 too wet: the send at +0 dB
d=$(ls -d "$t"/lessons/05-*/)
sed 's/"level_db": -14.0/"level_db": 0/' "$d/project.json" >"$d/wet.json" && mv "$d/wet.json" "$d/project.json"
expect_rc 1 "lesson 5 refuses a drowned lead" "$TTYMIX" lesson check "$d"
grep -q "too wet" "$t/out" || bad "too much reverb says too wet"

# ttymix flow: the bass of lesson 4 through an eq boosted 24 dB at 100 Hz: the clip
# reads as the stem was written (peak -10.0 dBFS), the eq is the first stage to clip
d=$(ls -d "$t"/lessons/04-*/)
python3 - "$d" <<'PY'
import json, sys
p = json.load(open(sys.argv[1] + "/shipped.json"))
for t in p["tracks"]:
    if t["name"] == "Bass":
        t["inserts"] = [{"type": "eq", "params": {"band1_hz": 100, "band1_db": 24}}]
        t["gain_db"] = -20
json.dump(p, open(sys.argv[1] + "/project.json", "w"))
PY
expect_rc 0 "flow" "$TTYMIX" flow "$d" Bass
cat "$t/out"
grep -Eq '^  clip +-10\.0 ' "$t/out" || bad "flow: the clip stage is the stem's peak"
grep -Eq '^> insert 1 eq +[0-9.]+ .*CLIPS' "$t/out" || bad "flow: the eq marked as the first to clip"
grep -Eq '^  fader -20\.0 dB +-' "$t/out" || bad "flow: the fader brings it back under 0 dBFS"
grep -q '^First clipping stage: insert 1 eq' "$t/out" || bad "flow: names the first clipping stage"
expect_rc 1 "flow of no track" "$TTYMIX" flow "$d" Nobody
expect_rc 2 "flow without a track" "$TTYMIX" flow "$d"

# a broken lesson file: one line naming the file and the field
d=$(ls -d "$t"/lessons/01-*/)
sed 's/"balance"/"volume"/' "$d/lesson.json" >"$d/l.json" && mv "$d/l.json" "$d/lesson.json"
expect_rc 1 "lesson with an unknown check" "$TTYMIX" lesson check "$d"
grep -q 'lesson.json: check.type "volume" is not one of' "$t/err" || bad "unknown check type named"
[ "$(wc -l <"$t/err")" -eq 1 ] || bad "unknown check: one line"

exit $fail
