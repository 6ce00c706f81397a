#!/bin/sh
# `ttymix render` ends with one line: the file, its length, integrated loudness, true
# peak, and when samples clipped a warning with their count.
#  - a project whose master fader is +9 dB on a half-scale sine: the 32-bit float render
#    counts the samples beyond +-1.0 exactly as sox counts them when it reads the file
#    ("input clipped N samples"); the 24-bit render counts those it clipped to full
#    scale, which is what our own reading of the file finds at the two rails;
#  - the same project at 0 dB: no warning, and the loudness and true peak on the line
#    are what `ttymix loudness` measures on the file.
# Needs sox and od.
set -u
: "${TTYMIX:?run me through make check}"
TEST=render_report

missing() {
	if [ "${TTYMIX_REQUIRE_ALL:-0}" = 1 ]; then
		echo "$TEST: FAIL: $1 (install sox)"
		exit 99
	fi
	echo "$TEST: SKIP: $1"
	exit 77
}
command -v sox >/dev/null 2>&1 || missing "no sox"
command -v od >/dev/null 2>&1 || missing "no od"

t=$(mktemp -d "${TMPDIR:-/tmp}/ttymix-render-report.XXXXXX") || exit 99
trap 'rm -rf "$t"' EXIT
trap 'exit 1' INT TERM HUP
fail() {
	echo "$TEST: FAIL: $*"
	exit 1
}
cd "$t" || exit 99

# project DIR GAIN_DB: 3 s of a 440 Hz sine at half scale, the master fader at GAIN_DB
project() {
	mkdir -p "$1" || exit 99
	sox -n -r 48000 -c 2 "$1/sine.wav" synth 3 sine 440 vol 0.5 || fail "sox failed"
	printf '{"format":"ttymix-project","version":1,"sample_rate":48000,"master":{"gain_db":%s},"tracks":[{"name":"sine","clips":[{"file":"sine.wav","start":0}]}]}\n' \
		"$2" >"$1/project.json"
}
project hot 9
project clean 0

# ---- hot, 32-bit float: samples beyond full scale, counted as sox counts them ----
"$TTYMIX" render hot -o hotf.wav --bits 32f >out 2>err || fail "render 32f: $(cat err)"
cat out
[ "$(wc -l <out)" -eq 1 ] || fail "render 32f said more than one line"
grep -Eq '^rendered hotf\.wav: 0:03\.0 of audio, [0-9]+\.[0-9] LUFS integrated, \+[0-9]+\.[0-9] dBTP true peak; warning: [0-9]+ samples beyond full scale \(a player clips them\)$' out \
	|| fail "render 32f: not the closing line with its warning"
ours=$(sed -n 's/.*warning: \([0-9]*\) samples.*/\1/p' out)
theirs=$(sox hotf.wav -n 2>&1 | sed -n 's/.*input clipped \([0-9]*\) samples.*/\1/p')
[ -n "$theirs" ] || fail "sox counts no clipped samples in hotf.wav"
[ "$ours" = "$theirs" ] || fail "32f: we count $ours samples beyond full scale, sox $theirs"
echo "$TEST: 32f: $ours samples beyond full scale, sox counts $theirs"

# ---- hot, 24-bit: samples clipped by the quantiser, found at the rails ----
"$TTYMIX" render hot -o hot24.wav >out 2>err || fail "render 24: $(cat err)"
cat out
grep -Eq '^rendered hot24\.wav: 0:03\.0 of audio, .* dBTP true peak; warning: [0-9]+ samples clipped \(beyond full scale in 24-bit\)$' out \
	|| fail "render 24: not the closing line with its warning"
ours=$(sed -n 's/.*warning: \([0-9]*\) samples.*/\1/p' out)
# 24-bit codes as 32-bit words (the code shifted up 8 bits): +-full scale are the rails
rails=$(sox hot24.wav -t s32 - | od -An -v -td4 -w4 |
	awk '$1 == 2147483392 || $1 == -2147483648 { n++ } END { print n + 0 }')
[ "$ours" = "$rails" ] || fail "24-bit: we count $ours clipped samples, the file has $rails at full scale"
echo "$TEST: 24-bit: $ours clipped samples, $rails at full scale in the file"

# ---- clean: no warning; the figures are the file's ----
"$TTYMIX" render clean -o clean.wav >out 2>err || fail "render clean: $(cat err)"
cat out
grep -q warning out && fail "a clean render warned"
lufs=$(sed -n 's/.* \(-[0-9.]*\) LUFS integrated.*/\1/p' out)
tp=$(sed -n 's/.*, \([-+][0-9.]*\) dBTP true peak.*/\1/p' out)
"$TTYMIX" loudness clean.wav >meas 2>err || fail "loudness: $(cat err)"
m_lufs=$(sed -n 's/.* I \(-[0-9.]*\) LUFS.*/\1/p' meas)
m_tp=$(sed -n 's/.* TP \([-0-9.]*\) dBTP.*/\1/p' meas)
awk -v a="$lufs" -v b="$m_lufs" -v c="$tp" -v d="$m_tp" 'BEGIN {
	exit !(a != "" && b != "" && c != "" && d != "" && a - b <= 0.1 && b - a <= 0.1 &&
		c - d <= 0.1 && d - c <= 0.1) }' \
	|| fail "clean: the line says $lufs LUFS, $tp dBTP; ttymix loudness $(cat meas)"
echo "$TEST: clean: $lufs LUFS, $tp dBTP (ttymix loudness: $m_lufs, $m_tp)"
echo "$TEST: PASS"
exit 0
