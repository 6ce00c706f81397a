#!/bin/sh
# Lessons teachers write: `ttymix lesson validate DIR` on a good teacher lesson (its
# spec valid, the untouched project fails, solution/project.json passes) and on broken
# ones (a bad spec, no solution, a solution that does not pass, a check the untouched
# project already passes); the lesson path (--lessons DIR, $XDG_DATA_DIRS/ttymix/
# lessons) finds the teacher's lesson for list and check, and the user's own copies in
# $XDG_DATA_HOME/ttymix/lessons never stand in for a bundled lesson's source.
set -u
: "${top_srcdir:?run me through make check}"
: "${top_builddir:?run me through make check}"
: "${TTYMIX:?run me through make check}"
fail=0
t=$(mktemp -d)
trap 'rm -rf "$t"' EXIT
command -v python3 >/dev/null 2>&1 || {
	if [ "${TTYMIX_REQUIRE_ALL:-0}" = 1 ]; then echo "lesson_validate: python3 is required"; exit 99; fi
	echo "lesson_validate: python3 missing: skipped"; exit 77
}
bad() { echo "FAIL: $*"; fail=1; }

LESSONS=$top_builddir/projects/lessons
ln -s "$top_builddir/projects/demo" "$t/demo"
mkdir "$t/teach"
# a teacher's lesson 21, made from the balance lesson, with its solution
L=$t/teach/21-lead
cp -r "$LESSONS/01-balance" "$L"
sed 's/"number": 1,/"number": 21,/; s/"title": "Balance"/"title": "Lead level"/' \
	"$LESSONS/01-balance/lesson.json" >"$L/lesson.json"
mkdir "$L/solution"
cp "$L/project.json" "$L/solution/project.json"
python3 "$top_srcdir/tests/lessons/solve.py" 1 "$L/solution/project.json" || bad "solve.py"

"$TTYMIX" lesson validate "$L" >"$t/out" 2>&1 || bad "a good lesson validates"
cat "$t/out"
grep -q '^OK   the spec: valid' "$t/out" || bad "good: spec"
grep -q '^OK   the untouched project fails' "$t/out" || bad "good: untouched fails"
grep -q '^OK   the solution (solution/project.json) passes' "$t/out" || bad "good: solution"

# broken: a check type that does not exist
mkdir "$t/bad"; B=$t/bad/21-broken; cp -r "$L" "$B"
sed 's/"type": "balance"/"type": "loudest"/' "$L/lesson.json" >"$B/lesson.json"
"$TTYMIX" lesson validate "$B" >"$t/out" 2>&1 && bad "a bad spec validates"
grep -q '^FAIL the spec: .*check.type "loudest" is not one of' "$t/out" || { cat "$t/out"; bad "bad spec said"; }
# broken: no solution
cp "$L/lesson.json" "$B/lesson.json"; rm -r "$B/solution"
"$TTYMIX" lesson validate "$B" >"$t/out" 2>&1 && bad "no solution validates"
grep -q '^FAIL no solution: put the solved project in' "$t/out" || { cat "$t/out"; bad "no solution said"; }
# broken: a solution that solves nothing
mkdir "$B/solution"; cp "$B/project.json" "$B/solution/project.json"
"$TTYMIX" lesson validate "$B" >"$t/out" 2>&1 && bad "an unsolved solution validates"
grep -q '^FAIL the solution (solution/project.json) does not pass' "$t/out" || { cat "$t/out"; bad "unsolved said"; }
# broken: the untouched project passes already
cp "$L/solution/project.json" "$B/project.json"
"$TTYMIX" lesson validate "$B" >"$t/out" 2>&1 && bad "a lesson with nothing to do validates"
grep -q '^FAIL the untouched project passes already' "$t/out" || { cat "$t/out"; bad "nothing to do said"; }

# the lesson path: --lessons DIR, then $XDG_DATA_DIRS
"$TTYMIX" lesson list --lessons "$t/teach" >"$t/out" 2>&1 || bad "list --lessons"
grep -q "^21  Lead level  *$L" "$t/out" || { cat "$t/out"; bad "list --lessons shows lesson 21"; }
grep -q "^ 1  Balance" "$t/out" || bad "list --lessons keeps the bundled ones"
mkdir -p "$t/share/ttymix" && ln -s "$t/teach" "$t/share/ttymix/lessons"
XDG_DATA_DIRS=$t/share "$TTYMIX" lesson list >"$t/out" 2>&1 || bad "list on XDG_DATA_DIRS"
grep -q "^21  Lead level" "$t/out" || { cat "$t/out"; bad "XDG_DATA_DIRS: lesson 21 listed"; }
"$TTYMIX" lesson list >"$t/out" 2>&1
grep -q "^21 " "$t/out" && bad "lesson 21 listed without its path"

# a student's copy of lesson 21, graded against the teacher's source
mkdir "$t/class"; S=$t/class/ann; cp -r "$L" "$S"; rm -r "$S/solution"
"$TTYMIX" lesson check "$S" >"$t/out" 2>&1 && bad "lesson 21 graded with no path"
grep -q "lesson 21 is on no lesson path" "$t/out" || { cat "$t/out"; bad "no path said"; }
"$TTYMIX" lesson check "$S" --lessons "$t/teach" >"$t/out" 2>&1 && bad "unsolved lesson 21 passed"
grep -q "^Lesson 21, Lead level: not yet" "$t/out" || { cat "$t/out"; bad "lesson 21 graded"; }
cp "$L/solution/project.json" "$S/project.json"
XDG_DATA_DIRS=$t/share "$TTYMIX" lesson check "$S" >"$t/out" 2>&1 || { cat "$t/out"; bad "solved lesson 21 passes"; }

# the user's own copy of lesson 1 (tolerance 30) is on the path last: the bundled
# lesson stays the source, and a copy like it is tampered
mkdir -p "$t/home/ttymix/lessons"; U=$t/home/ttymix/lessons/01-balance
cp -r "$LESSONS/01-balance" "$U"
sed 's/"tolerance_lu": 2.0/"tolerance_lu": 30/' "$LESSONS/01-balance/lesson.json" >"$U/lesson.json"
mkdir -p "$t/lessons"; cp -r "$U" "$t/lessons/01-balance"
XDG_DATA_HOME=$t/home "$TTYMIX" lesson check "$t/lessons/01-balance" >"$t/out" 2>&1 &&
	bad "a copy on XDG_DATA_HOME became the source"
grep -q '^TAMPERED' "$t/out" || { cat "$t/out"; bad "XDG_DATA_HOME copy: tampered"; }
[ "$fail" -eq 0 ] && echo "lesson_validate: ok"
exit "$fail"
