#!/bin/sh
# ttymix review --json finds each planted problem (tests/review_lib.sh) on the right
# strips and in the right band (within a 1/3 octave), and none of those kinds on a
# clean control project:
#   kickbass  masking between kick and bass, its band within 48-151 Hz (60-120 Hz)
#   padvox    the vocal (role "vox lead") masked by the pad, band within 794-5040 Hz
#             (1-4 kHz), the cut on the pad
#   polarity  the inverted stereo track
#   busclip   the bus over 0 dBTP before the master fader
#   bump      the master's tonal bump, within 159-252 Hz (200 Hz)
#   squash    the bass's compressor that never releases, its threshold raised
#   control   no masking, buried or dominant track, clipping, headroom, phase,
#             polarity, low side, tonal or dynamics finding
#   dark      the default target's slope (-1.5 dB/octave): pink noise 3.8 dB/octave
#             darker not tilted against it, but against a pink reference; 5.7 darker
#             dull against it
# --reference FILE takes the file's spectrum as the tonal target, and --target CURVE a
# curve `ttymix curve` made from references (a bad curve is one clear line); --from/--to
# review only that window; text output names the fix.
#
# Needs sox and python3 (to read the JSON). Without them the test skips, except under
# TTYMIX_REQUIRE_ALL=1.
set -u

: "${top_srcdir:?run me through make check}"
: "${TTYMIX:?run me through make check}"

missing() {
	if [ "${TTYMIX_REQUIRE_ALL:-0}" = 1 ]; then
		echo "review: FAIL: $1 (TTYMIX_REQUIRE_ALL=1 forbids skipping)"
		exit 99
	fi
	echo "review: SKIP: $1"
	exit 77
}
command -v sox >/dev/null 2>&1 || missing "sox is not installed"
command -v python3 >/dev/null 2>&1 || missing "python3 is not installed"

work=$(mktemp -d "${TMPDIR:-/tmp}/ttymix-review.XXXXXX") || exit 99
trap 'rm -rf "$work"' EXIT
trap 'exit 1' INT TERM HUP
cd "$work" || exit 99
. "$top_srcdir/tests/review_lib.sh"

fail() {
	echo "review: FAIL: $*"
	[ -f out.json ] && head -c 4000 out.json
	exit 1
}

# expect PROJECT PYTHON_CONDITION WHAT: review PROJECT --json and check that some
# finding f satisfies the condition
expect() {
	timeout 120 "$TTYMIX" review "$1" --json >out.json 2>err || {
		cat err
		fail "$1: review failed"
	}
	python3 - "$2" <<'EOF' || fail "$1: $3"
import json, sys
doc = json.load(open("out.json"))
cond = sys.argv[1]
ok = any(eval("(" + cond + ")", {"f": f}) for f in doc["findings"])
sys.exit(0 if ok else 1)
EOF
}

plant_kickbass kickbass
expect kickbass 'f["kind"] == "masking" and {f["strip"], f.get("other")} == {"kick", "bass"}
	and 47.6 <= f["hz"] <= 151' "no masking of kick and bass within 48-151 Hz"

plant_padvox padvox
expect padvox 'f["kind"] == "masking" and f["strip"] == "vox" and f["other"] == "pad"
	and 794 <= f["hz"] <= 5040 and f["fix"] and all(x.startswith(":fx pad eq ") for x in f["fix"])' \
	"no masking of vox by pad within 794-5040 Hz with a cut on the pad"

plant_polarity polarity
expect polarity 'f["kind"] == "polarity" and f["strip"] == "wide"' "no polarity finding on wide"

plant_busclip busclip
expect busclip 'f["kind"] == "clipping" and f["strip"] == "drums" and f["value"] > 0' \
	"no clipping on the bus drums"

plant_bump bump
expect bump 'f["kind"] == "tonal" and f["strip"] == "master" and 159 <= f["hz"] <= 252
	and f["value"] > 3' "no tonal bump on the master within 159-252 Hz"

plant_squash squash
expect squash 'f["kind"] == "dynamics" and f["strip"] == "bass" and "never releases" in f["what"]
	and f["fix"] and f["fix"][0].startswith(":fx bass 1 threshold_db ")' \
	"no compressor that never releases on bass"

plant_control control
expect control 'True' "the control's review has no findings at all (it always has mono)"
python3 - <<'EOF' || fail "the control project has findings it must not have"
import json, sys
doc = json.load(open("out.json"))
bad = [f for f in doc["findings"] if f["kind"] in ("masking", "buried", "clipping",
	"headroom", "phase", "polarity", "low-side", "tonal", "dynamics", "dominant")]
for f in bad:
	print("review: unexpected:", f["kind"], f["what"])
sys.exit(1 if bad else 0)
EOF

# the default target falls 1.5 dB per octave (third-octave power), as commercial mixes
# do, not flat as pink: pink noise darkened by a one-pole lowpass at 350 Hz tilts
# about -3.8 dB per octave against pink (a pink reference finds it dull) but only
# -2.3 against the target (no tilt reported); at 60 Hz it is dull against the target too
tilt() { # PYTHON_CONDITION on the tilt finding t (None: there is none)
	python3 -c 'import json, sys
t = [f for f in json.load(open("out.json"))["findings"] if f["kind"] == "tonal" and f["unit"] == "dB/octave"]
t = t[0] if t else None
sys.exit(0 if eval(sys.argv[1]) else 1)' "$1"
}
plant_dark dark 350
review_sox pink.wav synth 6 pinknoise gain -n -12
expect dark 'True' "the dark mix's review failed"
tilt 't is None' || fail "pink noise at -3.8 dB/octave is reported tilted against the target"
timeout 120 "$TTYMIX" review dark --json --reference pink.wav >out.json 2>err ||
	fail "review dark --reference failed: $(cat err)"
tilt 't is not None and t["value"] < -3 and "dull" in t["what"]' ||
	fail "pink noise at -3.8 dB/octave is not dull against a pink reference"
plant_dark darker 60
expect darker 'True' "the darker mix's review failed"
tilt 't is not None and t["value"] < -3 and "dull" in t["what"] and "target curve" in t["what"]' ||
	fail "pink noise at -5.7 dB/octave is not dull against the target"

# a reference track as the tonal target: the bump against its own unbumped noise is
# found; the control against its own render has no tonal finding
timeout 120 "$TTYMIX" review bump --json --reference bump/audio/noise.wav >out.json 2>err ||
	fail "review --reference failed: $(cat err)"
python3 -c 'import json; d = json.load(open("out.json")); exit(0 if any(f["kind"] == "tonal" and 159 <= f["hz"] <= 252 and "reference" in f["what"] for f in d["findings"]) else 1)' ||
	fail "the bump is not found against the reference"
timeout 120 "$TTYMIX" render control -o control.wav >/dev/null 2>err || fail "render control"
timeout 120 "$TTYMIX" review control --json --reference control.wav >out.json 2>err ||
	fail "review control --reference failed: $(cat err)"
python3 -c 'import json; d = json.load(open("out.json")); exit(0 if not any(f["kind"] == "tonal" for f in d["findings"]) else 1)' ||
	fail "the control has a tonal finding against its own render"
"$TTYMIX" review bump --reference missing.wav >out 2>&1
[ $? -eq 1 ] || fail "a missing reference is not a failure"

# a tonal curve kept as data (ttymix curve): made from the unbumped noise, it finds the
# bump as the reference did, named as the curve; made from two references, it names
# both; the control against the curve of its own render is clean
"$TTYMIX" curve flat.json bump/audio/noise.wav --name flatpink >out 2>err ||
	fail "ttymix curve failed: $(cat err)"
grep -q '^flat.json: the curve flatpink, from 1 reference$' out || fail "curve said: $(cat out)"
timeout 120 "$TTYMIX" review bump --json --target flat.json >out.json 2>err ||
	fail "review --target failed: $(cat err)"
python3 -c 'import json; d = json.load(open("out.json")); exit(0 if any(f["kind"] == "tonal" and 159 <= f["hz"] <= 252 and "against the curve flatpink" in f["what"] for f in d["findings"]) else 1)' ||
	fail "the bump is not found against the curve of the unbumped noise"
"$TTYMIX" curve two.json bump/audio/noise.wav control.wav >/dev/null 2>err ||
	fail "ttymix curve of two references failed: $(cat err)"
python3 -c 'import json; c = json.load(open("two.json")); exit(0 if c["name"] == "two" and len(c["bands"]) == 31 and "noise.wav, control.wav" in c["source"] and abs(c["bands"][17]["hz"] - 1000) < 1 else 1)' ||
	fail "the curve of two references: $(cat two.json)"
"$TTYMIX" curve own.json control.wav >/dev/null 2>err || fail "ttymix curve control.wav failed"
timeout 120 "$TTYMIX" review control --json --target own.json >out.json 2>err ||
	fail "review control --target failed: $(cat err)"
python3 -c 'import json; d = json.load(open("out.json")); exit(0 if not any(f["kind"] == "tonal" for f in d["findings"]) else 1)' ||
	fail "the control has a tonal finding against the curve of its own render"
# what is not a curve is said in one line; nothing is written for a missing reference
python3 -c 'import json; c = json.load(open("two.json")); c["bands"].pop(); json.dump(c, open("short.json", "w"))'
"$TTYMIX" review control --target short.json >out 2>&1
[ $? -eq 1 ] && grep -q 'short.json: not a ttymix tonal curve: "bands" has 30 entries' out ||
	fail "a curve of 30 bands: $(cat out)"
"$TTYMIX" review control --target nothere.json >out 2>&1
[ $? -eq 1 ] && [ "$(wc -l <out)" -eq 1 ] || fail "a missing curve: $(cat out)"
"$TTYMIX" review control --target two.json --reference control.wav >out 2>&1
[ $? -eq 2 ] || fail "--target with --reference is not a usage error"
"$TTYMIX" curve none.json control.wav missing.wav >out 2>&1
[ $? -eq 1 ] && [ ! -e none.json ] || fail "a curve with a missing reference: $(cat out)"

# the window: the kick only from 1 s to 2 s
timeout 120 "$TTYMIX" review kickbass --json --from 1 --to 2 >out.json 2>err ||
	fail "review --from 1 --to 2 failed"
python3 -c 'import json; d = json.load(open("out.json")); exit(0 if abs(d["from_sec"] - 1) < 0.01 and 0.9 < d["to_sec"] - d["from_sec"] < 1.1 else 1)' ||
	fail "--from 1 --to 2 reviewed another window"
"$TTYMIX" review kickbass --from 2 --to 1 >out 2>&1
[ $? -eq 2 ] || fail "--to before --from is not a usage error"

# the text names the fix
timeout 120 "$TTYMIX" review padvox >out.txt 2>err || fail "review (text) failed"
grep -q ':fx pad eq band[1-4]_db -[0-9]' out.txt || {
	cat out.txt
	fail "the text does not give the fix"
}
echo "review: PASS"
