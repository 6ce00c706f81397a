#!/bin/sh
# render --stems renders every stem in the mix's pass (issue 23): each stem must be
# what the per-stem renders made before it, which this test makes the old way: a copy
# of the project in which only that strip plays into the master (every other strip
# whose output is the master goes to a muted bus), rendered as a plain mix. The
# project has what moves a stem: inserts with latency (delay compensation), a bus fed
# by sends, a track into a bus, a muted track, pan, and a master chain (compressor
# and a lookahead limiter) with a master fader. 32-bit float files, compared sample by
# sample: bit-equal is expected (the maths is the same), -120 dBFS is the bound.
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
    {"type": "compressor", "bypass": False, "params": {}},
    {"type": "limiter", "bypass": False, "params": {}}]}
json.dump(p, open(path, "w"), indent=2)
PY
"$TTYMIX" render "$t/p" -o "$t/mix.wav" --stems "$t/stems" --bits 32f >"$t/out" 2>"$t/err" \
	|| { cat "$t/err"; echo "FAIL: render --stems"; exit 1; }
[ "$(grep -c '^rendered ' "$t/out")" -eq 7 ] || bad "one line per file (mix and 6 stems)"
"$TTYMIX" render "$t/p" -o "$t/mix_alone.wav" --bits 32f >/dev/null 2>&1 || bad "plain render"
cmp -s "$t/mix.wav" "$t/mix_alone.wav" || bad "the mix rendered with the stems is the plain mix"

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

python3 - "$t/stems" "$t/old" <<'PY' || fail=1
import array, math, os, sys
def floats(path):
    b = open(path, "rb").read()
    i = 12
    while i < len(b):
        cid, size = b[i:i + 4], int.from_bytes(b[i + 4:i + 8], "little")
        if cid == b"data":
            a = array.array("f"); a.frombytes(b[i + 8:i + 8 + size]); return a
        i += 8 + size + (size & 1)
    raise SystemExit("no data in " + path)
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
exit $fail
