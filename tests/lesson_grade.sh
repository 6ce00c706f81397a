#!/bin/sh
# Grades a teacher can trust: `ttymix lesson check` reads the lesson's spec from the
# lesson source (the shipped lessons), never from the student's copy, so a copy whose
# lesson.json says tolerance_lu 30 does not pass an unsolved lesson and is reported as
# tampered (text and --json); `ttymix lesson report` over three students' folders, one
# of them unreadable, gives one table (text, CSV, JSON) and names the folder it could
# not read.
set -u
: "${top_srcdir:?run me through make check}"
: "${top_builddir:?run me through make check}"
: "${TTYMIX:?run me through make check}"
fail=0
t=$(mktemp -d)
trap 'rm -rf "$t"' EXIT
command -v python3 >/dev/null 2>&1 || {
	if [ "${TTYMIX_REQUIRE_ALL:-0}" = 1 ]; then echo "lesson_grade: python3 is required"; exit 99; fi
	echo "lesson_grade: python3 missing: skipped"; exit 77
}
bad() { echo "FAIL: $*"; fail=1; }

LESSONS=$top_builddir/projects/lessons
ln -s "$top_builddir/projects/demo" "$t/demo"
mkdir "$t/class"
for s in ann bob cid; do cp -r "$LESSONS/01-balance" "$t/class/$s"; done

# bob widens the tolerance in his copy of lesson.json, and solves nothing
sed 's/"tolerance_lu": 2.0/"tolerance_lu": 30/' "$t/class/bob/lesson.json" >"$t/l.json" &&
	mv "$t/l.json" "$t/class/bob/lesson.json"
grep -q '"tolerance_lu": 30' "$t/class/bob/lesson.json" || bad "the copy was not edited"
"$TTYMIX" lesson check "$t/class/bob" >"$t/out" 2>&1 && bad "the tampered copy passed"
cat "$t/out"
grep -q '^Lesson 1, Balance: not yet' "$t/out" || bad "tampered: not yet"
grep -q "^TAMPERED: $t/class/bob/lesson.json differs from the lesson's source" "$t/out" ||
	bad "tampered: said"
grep -q 'target within +-2.0 LU' "$t/out" || bad "tampered: graded against the source's 2 LU"
"$TTYMIX" lesson check "$t/class/bob" --json >"$t/json" 2>&1 && bad "json: the tampered copy passed"
cat "$t/json"
python3 - "$t/json" <<'PY' || bad "lesson check --json of the tampered copy"
import json, sys
g = json.load(open(sys.argv[1]))
assert g["lesson"] == "01-balance" and g["number"] == 1, g
assert g["tampered"] is True and g["verdict"] == "fail", g
assert g["checked_at"].endswith("Z") and len(g["checked_at"]) == 20, g
it = g["items"][0]
assert it["target"] == "within +-2.0 LU" and not it["pass"], it
assert -20 < it["value"] < -17 and it["unit"] == "LU", it
PY

# ann solves the lesson (as solve.py does) and saves; cid's folder is broken
python3 "$top_srcdir/tests/lessons/solve.py" 1 "$t/class/ann/project.json" ||
	bad "solve.py failed"
"$TTYMIX" lesson check "$t/class/ann" --json >"$t/json" || bad "ann's solved copy passes"
python3 -c 'import json,sys; g=json.load(open(sys.argv[1])); assert g["verdict"] == "pass" and not g["tampered"], g' \
	"$t/json" || bad "ann: pass, not tampered"
echo "not json" >"$t/class/cid/project.json"

"$TTYMIX" lesson report "$t/class/ann" "$t/class/bob" "$t/class/cid" >"$t/out" 2>"$t/err" &&
	bad "report: exit 0 with an unreadable folder"
cat "$t/out" "$t/err"
grep -q "^FOLDER .*LESSON .*VERDICT .*TAMPERED" "$t/out" || bad "report: a header"
grep -q "^$t/class/ann  *01-balance  *pass  *- " "$t/out" || bad "report: ann passes"
grep -q "^$t/class/bob  *01-balance  *fail  *TAMPERED " "$t/out" || bad "report: bob tampered"
grep -q "cid" "$t/out" && bad "report: cid in the table"
grep -q "^ttymix: could not read $t/class/cid: " "$t/err" || bad "report: cid unreadable"
[ "$(wc -l <"$t/err")" -eq 1 ] || bad "report: one line about cid"

"$TTYMIX" lesson report --csv "$t/class/ann" "$t/class/bob" "$t/class/cid" >"$t/csv" 2>/dev/null
cat "$t/csv"
python3 - "$t/csv" "$t/class" <<'PY' || bad "report --csv"
import csv, sys
rows = list(csv.DictReader(open(sys.argv[1])))
assert [r["folder"] for r in rows] == [sys.argv[2] + "/ann", sys.argv[2] + "/bob"], rows
assert rows[0]["verdict"] == "pass" and rows[0]["tampered"] == "", rows
assert rows[1]["verdict"] == "fail" and rows[1]["tampered"] == "tampered", rows
PY

"$TTYMIX" lesson report --json "$t/class/ann" "$t/class/bob" "$t/class/cid" >"$t/json" 2>/dev/null
python3 - "$t/json" "$t/class" <<'PY' || bad "report --json"
import json, sys
r = json.load(open(sys.argv[1]))
assert [g["verdict"] for g in r["results"]] == ["pass", "fail"], r
assert [g["tampered"] for g in r["results"]] == [False, True], r
u = r["unreadable"]
assert len(u) == 1 and u[0]["folder"] == sys.argv[2] + "/cid" and "project.json" in u[0]["error"], u
PY

# the usage line names the new forms
"$TTYMIX" lesson report >/dev/null 2>"$t/err" && bad "report without a folder"
grep -q 'lesson report DIR... \[--csv|--json\]' "$t/err" || bad "usage names report"
[ "$fail" -eq 0 ] && echo "lesson_grade: ok"
exit "$fail"
