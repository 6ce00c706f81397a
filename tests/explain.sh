#!/bin/sh
# Explanations (src/explain.c): ttymix help PARAM for a class.param, a bare name with
# several matches and a strip control; every parameter of every insert has its text;
# docs/explain.md is exactly what `ttymix help --all` prints, so the two cannot drift.
set -u
: "${top_srcdir:?run me through make check}"
: "${TTYMIX:?run me through make check}"
fail=0
t=$(mktemp -d)
trap 'rm -rf "$t"' EXIT
bad() { echo "FAIL: $*"; fail=1; }
expect_rc() { # expected-rc description command...
	want=$1; what=$2; shift 2
	"$@" >"$t/out" 2>"$t/err"; rc=$?
	[ "$rc" -eq "$want" ] || { bad "$what: exit $rc, want $want"; cat "$t/out" "$t/err"; }
}

expect_rc 0 "help compressor.ratio" "$TTYMIX" help compressor.ratio
grep -q '^compressor.ratio$' "$t/out" || bad "title line"
grep -q '^  range 1 to 100:1, default 4:1$' "$t/out" || bad "unit and range from the fx table"
grep -q '^What it does: ' "$t/out" || bad "what it does"
for src in vocal kick bass guitar 'mix bus'; do
	grep -q "^  $src " "$t/out" || bad "a starting point for $src"
done
grep -q '^Listen for: ' "$t/out" || bad "what to listen for"

expect_rc 0 "help ratio" "$TTYMIX" help ratio
for m in compressor.ratio multiband.low_ratio multiband.mid_ratio multiband.high_ratio; do
	grep -q "^$m\$" "$t/out" || bad "help ratio lists $m"
done
expect_rc 0 "help band2_hz" "$TTYMIX" help eq.band2_hz
grep -q 'What it does: Centre frequency of a peaking band' "$t/out" || bad "eq bands share a text"
expect_rc 0 "help fader" "$TTYMIX" help fader
grep -q '^What it does: The track' "$t/out" || bad "fader explained"
expect_rc 1 "help of nothing" "$TTYMIX" help frobnicate
[ "$(wc -l <"$t/err")" -eq 1 ] || bad "unknown control: one line"
expect_rc 2 "help without a name" "$TTYMIX" help

expect_rc 0 "help --all" "$TTYMIX" help --all
grep -q 'no explanation yet' "$t/out" && bad "every parameter is explained: $(grep -B3 'no explanation yet' "$t/out" | head -n 4)"
cmp -s "$t/out" "$top_srcdir/docs/explain.md" ||
	bad "docs/explain.md differs from ttymix help --all (regenerate: ttymix help --all > docs/explain.md)"
exit $fail
