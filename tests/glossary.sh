#!/bin/sh
# The glossary (src/glossary.c) through `ttymix help TERM`: every term the meters, the
# mastering page and the lessons use answers with a number to remember, under its
# other spellings too; a parameter name shared by several inserts asks which one
# instead of picking; --project names that project's pan law (here -4.5 dB), in the
# pan entry and in the pan law's.
set -u
: "${top_srcdir:?run me through make check}"
: "${TTYMIX:?run me through make check}"
fail=0
t=$(mktemp -d)
trap 'rm -rf "$t"' EXIT
bad() { echo "FAIL: $*"; fail=1; }
help() { # expected-rc args...: ttymix help args into $t/out
	want=$1
	shift
	"$TTYMIX" help "$@" >"$t/out" 2>"$t/err"
	rc=$?
	[ "$rc" -eq "$want" ] || { bad "help $*: exit $rc, want $want"; cat "$t/out" "$t/err"; }
}

# every term, each with a figure to remember
for term in LUFS LU LRA dBFS dBTP "true peak" "crest factor" PLR correlation headroom \
	"pan law" masking "gain staging" dither; do
	help 0 "$term"
	grep -qi "^$term (term)$" "$t/out" || bad "$term: no title line: $(head -1 "$t/out")"
	grep -Eq '^Remember: .*[0-9]' "$t/out" || bad "$term: no number to remember"
	grep -q '^In ttymix: ' "$t/out" || bad "$term: where ttymix shows it is missing"
done
# other spellings
help 0 lkfs
grep -q '^LUFS (term)$' "$t/out" || bad "lkfs is not LUFS"
help 0 Pan-Law
grep -q '^pan law (term)$' "$t/out" || bad "Pan-Law is not the pan law"
help 0 intersample_peaks
grep -q '^true peak (term)$' "$t/out" || bad "intersample peaks are not the true peak"
help 0 TP
grep -q '^Remember: Keep a master at or under -1 dBTP' "$t/out" || bad "true peak's figure"

# an ambiguous parameter asks, naming every insert that has it, and explains none
help 0 threshold_db
grep -q '^"threshold_db" is a control of 5 inserts; ask for one' "$t/out" ||
	bad "threshold_db does not ask: $(head -1 "$t/out")"
for c in compressor.threshold_db gate.threshold_db multiband.low_threshold_db; do
	grep -q "^$c\$" "$t/out" || bad "threshold_db does not offer $c"
done
grep -q '^What it does' "$t/out" && bad "threshold_db picked one instead of asking"
# a full name still explains
help 0 gate.threshold_db
grep -q '^What it does' "$t/out" || bad "gate.threshold_db is not explained"

# the project's own pan law
command -v sox >/dev/null || { echo "glossary: needs sox"; exit 99; }
sox -n -r 48000 -c 1 "$t/tone.wav" synth 1 sine 440 || bad "sox could not make a tone"
"$TTYMIX" new "$t/song" "$t/tone.wav" >/dev/null 2>&1 || bad "ttymix new failed"
sed 's/"pan_law_db":[[:space:]]*-3\(\.0*\)\{0,1\}/"pan_law_db": -4.5/' "$t/song/project.json" \
	>"$t/p.json" && mv "$t/p.json" "$t/song/project.json"
grep -q '"pan_law_db": -4.5' "$t/song/project.json" || bad "could not set the pan law"
help 0 pan --project "$t/song"
grep -q "^This project's pan law: -4.5 dB at centre (between constant power (-3) and constant voltage (-6))" \
	"$t/out" || bad "help pan does not name the project's law: $(tail -2 "$t/out")"
grep -q 'constant-power law so it sounds' "$t/out" && bad "pan is still always constant-power"
help 0 "pan law" --project "$t/song"
grep -q '^This project: -4.5 dB at centre' "$t/out" || bad "pan law does not name the project's"
help 0 pan --project "$t/nothing"
grep -q 'the pan law is not named' "$t/err" || bad "a missing project is not said"

# nothing known
help 1 frobnicate
grep -q 'no term or control called "frobnicate"' "$t/err" || bad "unknown word's message"
exit $fail
