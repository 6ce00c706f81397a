#!/bin/sh
# render --stems renders every stem in the mix's pass (issue 23). The project has
# what moves a stem: inserts with latency (delay compensation), a bus fed by sends, a
# track into a bus, a muted track, pan, and a master fader. 32-bit float files,
# compared sample by sample.
#  1. Master chain of dynamics (eq, a compressor that compresses, a multiband that
#     compresses, a limiter that limits): the stems add up to the mix (docs/dsp.md,
#     "Stems": the dynamics act on each stem as they acted on the mix), to within
#     float rounding, -120 dBFS; and the mix rendered with them is the plain mix.
#  2. Linear master chain (eq, width): each stem is what a render of a copy of the
#     project in which only that strip plays into the master gives (every other strip
#     whose output is the master goes to a muted bus): bit-equal is expected (the
#     maths is the same), -120 dBFS is the bound.
set -u
t=$(mktemp -d)
trap 'rm -rf "$t"' EXIT
need() {
	command -v "$1" >/dev/null 2>&1 && return 0
	if [ "${TTYMIX_REQUIRE_ALL:-0}" = 1 ]; then echo "stems_pass: $1 is required"; exit 99; fi
	echo "stems_pass: $1 missing: skipped"; exit 77
}
need sox
need python3
fail=0
bad() { echo "FAIL: $*"; fail=1; }

sox -n -r 48000 -c 2 -b 24 "$t/a.wav" synth 3 pinknoise gain -12
sox -n -r 48000 -c 1 -b 24 "$t/b.wav" synth 3 sine 220 gain -6
sox -n -r 48000 -c 2 -b 24 "$t/c.wav" synth 2.5 square 110 gain -10
sox -n -r 48000 -c 1 -b 24 "$t/d.wav" synth 3 pluck 330 gain -3
"$TTYMIX" new "$t/p" "$t/a.wav" "$t/b.wav" "$t/c.wav" "$t/d.wav" >/dev/null \
	|| { echo "FAIL: new"; exit 1; }
python3 - "$t/p/project.json" <<'PY' || exit 1
import json, sys
path = sys.argv[1]
p = json.load(open(path))
tr = p["tracks"]
tr[0]["inserts"] = [{"type": "eq", "bypass": False, "params": {}},
                    {"type": "compressor", "bypass": False, "params": {}}]
tr[0]["gain_db"] = -3; tr[0]["pan"] = 0.4
tr[0]["sends"] = [{"bus": "verb", "level_db": -8, "pre_fader": False}]
tr[1]["inserts"] = [{"type": "limiter", "bypass": False, "params": {}}]
tr[1]["sends"] = [{"bus": "verb", "level_db": -4, "pre_fader": True}]
tr[1]["pan"] = -0.5
tr[2]["output"] = "group"
tr[3]["mute"] = True
p["buses"] = [
    {"name": "verb", "gain_db": -2, "pan": 0, "mute": False, "solo": False,
     "inserts": [{"type": "reverb", "bypass": False, "params": {"mix": 1}}]},
    {"name": "group", "gain_db": 1, "pan": 0.2, "mute": False, "solo": False,
     "inserts": [{"type": "delay", "bypass": False, "params": {}}]}]
p["master"] = {"gain_db": -1.5, "inserts": [
    {"type": "eq", "bypass": False, "params": {"low_shelf_hz": 120, "low_shelf_db": 3,
                                               "high_shelf_hz": 6000, "high_shelf_db": 2}},
    {"type": "compressor", "bypass": False,
     "params": {"threshold_db": -30, "ratio": 6, "attack_ms": 2, "release_ms": 80,
                "makeup_db": 6, "stereo_link": 0.5}},
    {"type": "multiband", "bypass": False,
     "params": {"low_threshold_db": -30, "low_ratio": 4, "high_threshold_db": -36,
                "high_ratio": 3, "mid_makeup_db": 2}},
    {"type": "limiter", "bypass": False, "params": {"input_db": 12, "ceiling_dbtp": -1}}]}
json.dump(p, open(path, "w"), indent=2)
PY
# floats(path): a 32-bit float WAV's samples (python, for the checks below)
cat >"$t/wav.py" <<'PY'
import array
def floats(path):
    b = open(path, "rb").read()
    i = 12
    while i < len(b):
        cid, size = b[i:i + 4], int.from_bytes(b[i + 4:i + 8], "little")
        if cid == b"data":
            a = array.array("f"); a.frombytes(b[i + 8:i + 8 + size]); return a
        i += 8 + size + (size & 1)
    raise SystemExit("no data in " + path)
PY
"$TTYMIX" render "$t/p" -o "$t/mix.wav" --stems "$t/stems" --bits 32f >"$t/out" 2>"$t/err" \
	|| { cat "$t/err"; echo "FAIL: render --stems"; exit 1; }
[ "$(grep -c '^rendered ' "$t/out")" -eq 7 ] || bad "one line per file (mix and 6 stems)"
"$TTYMIX" render "$t/p" -o "$t/mix_alone.wav" --bits 32f >/dev/null 2>&1 || bad "plain render"
cmp -s "$t/mix.wav" "$t/mix_alone.wav" || bad "the mix rendered with the stems is the plain mix"

# 1. the stems add up to the mix; the dynamics did act (the mix with them bypassed is
# far from it)
python3 - "$t/p/project.json" "$t/lin.json" <<'PY' || exit 1
import json, sys
p = json.load(open(sys.argv[1]))
for fx in p["master"]["inserts"][1:]:
    fx["bypass"] = True
json.dump(p, open(sys.argv[2], "w"), indent=2)
PY
mkdir "$t/bypassed"
ln -s "$t/p/audio" "$t/bypassed/audio"
cp "$t/lin.json" "$t/bypassed/project.json"
"$TTYMIX" render "$t/bypassed" -o "$t/bypassed.wav" --bits 32f >/dev/null 2>&1 \
	|| bad "render with the dynamics bypassed"
python3 - "$t" <<'PY' || fail=1
import math, os, re, sys
sys.path.insert(0, sys.argv[1])
from wav import floats
t = sys.argv[1]
mix = floats(os.path.join(t, "mix.wav"))
names = sorted(os.listdir(os.path.join(t, "stems")))
total = [0.0] * len(mix)
db = lambda v: 20 * math.log10(v) if v > 0 else float("-inf")
lines = open(os.path.join(t, "out")).read()
bad = 0
for name in names:
    s = floats(os.path.join(t, "stems", name))
    if len(s) != len(mix):
        print("FAIL: %s: %d samples, the mix %d" % (name, len(s), len(mix))); sys.exit(1)
    for i, x in enumerate(s):
        total[i] += x
    # a stem's closing line: its sample peak and RMS level, as the file holds them
    peak = max(abs(x) for x in s)
    rms = math.sqrt(sum(x * x for x in s) / len(s)) if peak > 0 else 0.0
    m = re.search(r"/%s: 0:03\.0 of audio, (silent|([-+][0-9.]+) dBFS peak, "
                  r"([-+][0-9.]+) dBFS RMS)$" % re.escape(name), lines, re.M)
    if not m:
        print("FAIL: %s: no line with its peak and RMS" % name); bad = 1
    elif (m.group(1) == "silent") != (peak == 0) or (peak > 0 and (
            abs(float(m.group(2)) - db(peak)) > 0.051 or abs(float(m.group(3)) - db(rms)) > 0.051)):
        print("FAIL: %s says %s; the file: peak %.2f, RMS %.2f dBFS" % (
            name, m.group(1), db(peak), db(rms))); bad = 1
res = max(abs(a - b) for a, b in zip(total, mix))
lin = floats(os.path.join(t, "bypassed.wav"))
acted = max(abs(a - b) for a, b in zip(lin, mix))
print("%d stems summed vs the mix: residual %.1f dBFS (mix peak %.1f dBFS); the mix "
      "with its dynamics bypassed differs by %.1f dBFS" % (len(names), db(res),
      db(max(abs(x) for x in mix)), db(acted)))
if res > 10 ** (-120 / 20):
    print("FAIL: the stems do not add up to the mix"); bad = 1
if acted < 10 ** (-6 / 20):
    print("FAIL: the master's dynamics barely act: the test proves nothing"); bad = 1
sys.exit(bad)
PY

# 2. a linear master chain: each stem as the per-stem renders made it
python3 - "$t/p/project.json" <<'PY' || exit 1
import json, sys
p = json.load(open(sys.argv[1]))
p["master"]["inserts"] = [p["master"]["inserts"][0],
    {"type": "width", "bypass": False, "params": {"width": 1.4, "mono_below_hz": 150}}]
json.dump(p, open(sys.argv[1], "w"), indent=2)
PY
rm -rf "$t/stems"
"$TTYMIX" render "$t/p" -o "$t/mix.wav" --stems "$t/stems" --bits 32f >"$t/out" 2>"$t/err" \
	|| { cat "$t/err"; echo "FAIL: render --stems (linear master)"; exit 1; }

# the old way: one project per stem, rendered as a mix
python3 - "$t/p" "$t/old" <<'PY' || exit 1
import json, os, shutil, sys
src, out = sys.argv[1], sys.argv[2]
p = json.load(open(os.path.join(src, "project.json")))
strips = p["tracks"] + p["buses"]
bus_names = {b["name"] for b in p["buses"]}
for s in range(len(strips)):
    q = json.loads(json.dumps(p))
    qs = q["tracks"] + q["buses"]
    for k, st in enumerate(qs):
        if k != s and st.get("output") not in bus_names:
            st["output"] = "ttymix-stem-sink"
    q["buses"].append({"name": "ttymix-stem-sink", "gain_db": 0, "pan": 0,
                       "mute": True, "solo": False})
    d = os.path.join(out, "%02d" % (s + 1))
    os.makedirs(d)
    os.symlink(os.path.join(src, "audio"), os.path.join(d, "audio"))
    json.dump(q, open(os.path.join(d, "project.json"), "w"), indent=2)
PY
for d in "$t"/old/*; do
	n=$(basename "$d")
	"$TTYMIX" render "$d" -o "$t/old/$n.wav" --bits 32f >/dev/null 2>"$t/err" \
		|| { cat "$t/err"; bad "old stem $n"; }
done

python3 - "$t/stems" "$t/old" "$t" <<'PY' || fail=1
import math, os, sys
sys.path.insert(0, sys.argv[3])
from wav import floats
new_dir, old_dir = sys.argv[1], sys.argv[2]
stems = sorted(os.listdir(new_dir))
bad = 0
assert len(stems) == 6, stems
loud = 0
for name in stems:
    a, b = floats(os.path.join(new_dir, name)), floats(os.path.join(old_dir, name[:2] + ".wav"))
    if len(a) != len(b):
        print("FAIL: %s: %d samples, the old way %d" % (name, len(a), len(b))); bad = 1; continue
    diff = max((abs(x - y) for x, y in zip(a, b)), default=0.0)
    peak = max((abs(x) for x in a), default=0.0)
    loud += peak > 1e-3
    db = 20 * math.log10(diff) if diff > 0 else float("-inf")
    print("%-16s peak %8.1f dBFS, difference from the per-stem render %s dBFS" % (
        name, 20 * math.log10(peak) if peak > 0 else float("-inf"),
        "-inf (bit-equal)" if diff == 0 else "%.1f" % db))
    if diff > 10 ** (-120 / 20):
        print("FAIL: %s differs from the per-stem render" % name); bad = 1
if loud < 3:
    print("FAIL: only %d stems carry sound" % loud); bad = 1
sys.exit(bad)
PY

# A strip that plays into a bus has a silent stem. At 16 bits every file is dithered
# in place in its block; the silent stem's block must be zeros again each time, not
# the last block's dither, which grew into noise (-82 dBFS RMS in the first second of
# a 30 s render, -65 dBFS in the last). TPDF dither alone is about -101 dBFS.
"$TTYMIX" render "$t/p" -o "$t/mix16.wav" --stems "$t/stems16" --bits 16 >/dev/null \
	2>"$t/err" || { cat "$t/err"; bad "render --stems --bits 16"; }
python3 - "$t/stems16" <<'PY' || fail=1
import array, glob, math, sys
path = [f for f in glob.glob(sys.argv[1] + "/03-*.wav")][0]
b = open(path, "rb").read()
i = 12
while b[i:i + 4] != b"data":
    i += 8 + int.from_bytes(b[i + 4:i + 8], "little")
a = array.array("h"); a.frombytes(b[i + 8:i + 8 + int.from_bytes(b[i + 4:i + 8], "little")])
def rms(x):
    return 10 * math.log10(max(sum(v * v for v in x) / len(x), 1e-30) / 32768.0 ** 2)
half = 48000  # half a second, stereo
first, last = rms(a[:half]), rms(a[-half:])
print("the silent stem of a track into a bus, 16 bits: %.1f dBFS RMS in its first half "
      "second, %.1f in its last" % (first, last))
if last > -95 or last > first + 1:
    print("FAIL: the silent stem's dither carries from block to block"); sys.exit(1)
PY

# flow renders a track's stages with that track alone (the other tracks are silent
# there): its last stage must read as the whole project rendered with every other
# track muted, over the whole song (track c is shorter than the song: its RMS is over
# the song's length all the same)
"$TTYMIX" flow "$t/p" c >"$t/flow" 2>"$t/err" || { cat "$t/err"; bad "flow"; }
mkdir "$t/solo"
ln -s "$t/p/audio" "$t/solo/audio"
python3 - "$t/p/project.json" "$t/solo/project.json" <<'PY' || exit 1
import json, sys
p = json.load(open(sys.argv[1]))
for k, tr in enumerate(p["tracks"]):
    tr["mute"] = k != 2
json.dump(p, open(sys.argv[2], "w"), indent=2)
PY
"$TTYMIX" render "$t/solo" -o "$t/solo.wav" --bits 32f >/dev/null 2>&1 || bad "render of c alone"
python3 - "$t/solo.wav" "$t/flow" <<'PY' || fail=1
import array, math, sys
b = open(sys.argv[1], "rb").read()
i = 12
while b[i:i + 4] != b"data":
    i += 8 + int.from_bytes(b[i + 4:i + 8], "little")
a = array.array("f"); a.frombytes(b[i + 8:i + 8 + int.from_bytes(b[i + 4:i + 8], "little")])
peak = 20 * math.log10(max(abs(x) for x in a))
rms = 10 * math.log10(sum(x * x for x in a) / len(a))
line = [l for l in open(sys.argv[2]) if "master (with returns)" in l][0].split()
got_peak, got_rms = float(line[-2]), float(line[-1])
print("flow c, master stage: peak %.1f RMS %.1f; c alone rendered: peak %.1f RMS %.1f"
      % (got_peak, got_rms, peak, rms))
if abs(got_peak - peak) > 0.051 or abs(got_rms - rms) > 0.051:
    print("FAIL: flow's master stage is not the render of the track alone"); sys.exit(1)
PY

# 4. At 24 bits a stem's blocks of digital silence skip the quantiser and the levels
# (src/render_file.c, out_write): the stem's line still counts them (its RMS is over
# the whole file, 2 s of silence and 1 s of sound), and the file holds the zeros.
sox -n -r 48000 -c 2 -b 24 "$t/late.wav" synth 1 sine 440 gain -6 pad 2 0
"$TTYMIX" new "$t/q" "$t/late.wav" >/dev/null 2>&1 || bad "new (late)"
"$TTYMIX" render "$t/q" -o "$t/qmix.wav" --stems "$t/qstems" >"$t/qout" 2>&1 ||
	{ cat "$t/qout"; bad "render --stems at 24 bits"; }
python3 - "$t" <<'PY' || fail=1
import math, os, re, sys
t = sys.argv[1]
name = os.listdir(os.path.join(t, "qstems"))[0]
b = open(os.path.join(t, "qstems", name), "rb").read()
i = 12
while b[i:i + 4] != b"data":
    i += 8 + int.from_bytes(b[i + 4:i + 8], "little")
d = b[i + 8:i + 8 + int.from_bytes(b[i + 4:i + 8], "little")]
x = [int.from_bytes(d[k:k + 3], "little", signed=True) / 8388608.0 for k in range(0, len(d), 3)]
silent = sum(1 for v in x[:2 * 48000 * 2] if v == 0.0)
rms = 10 * math.log10(sum(v * v for v in x) / len(x))
m = re.search(r"/%s: 0:03\.0 of audio, ([-+][0-9.]+) dBFS peak, ([-+][0-9.]+) dBFS RMS$"
              % re.escape(name), open(os.path.join(t, "qout")).read(), re.M)
print("24-bit stem of 2 s of silence and 1 s of sound: %d of %d silent samples zero; "
      "RMS %.2f dBFS, its line %s" % (silent, 2 * 48000 * 2, rms, m and m.group(2)))
if not m or abs(float(m.group(2)) - rms) > 0.051:
    print("FAIL: the stem's line does not count its silence"); sys.exit(1)
if silent != 2 * 48000 * 2:
    print("FAIL: the stem's silence is not zeros"); sys.exit(1)
PY
exit $fail
