#!/bin/bash
# bench/session.sh: a realistic session (issue 23 goal 9) and what ttymix costs on it.
#
#   bench/session.sh [DIR]
#   bench/session.sh --setup-only DIR     (steps 1 to 3 only)
#
# 1. composes a song of 3 minutes in MIDI (bench/session_song.py, python3-mido): 20
#    parts (drums split in six, bass, keys, strings, brass, guitars, winds, choir...);
# 2. renders each part to its own stem with fluidsynth and the FluidR3 General MIDI
#    sound font (48 kHz, 24-bit stereo, the synth's own reverb and chorus off), into
#    DIR/stems (kept, and reused on the next run);
# 3. makes DIR/proj with `ttymix new` and edits its project.json as a mix would be:
#    uneven fader levels (0 to -18 dB) and pans, an EQ on every part, compressors on
#    the drums, bass, lead and piano, the six drum parts into a "drums" bus with a
#    compressor, a "verb" bus (reverb) and a "echo" bus (delay) fed by post-fader
#    sends, and a master chain of EQ, compressor and limiter: 23 strips, 32 inserts;
# 4. measures, RUNS times each (the least CPU time, the largest peak RSS):
#      mix     ttymix render PROJ -o mix.wav
#      stems   ttymix render PROJ --stems stems_out   (one file per strip)
#      flow    ttymix flow PROJ lead                  (the part with the most stages)
#    and prints the ratios issue 23 bounds: stems/mix <= 1.5 and flow/mix <= 1 (CPU).
#
# bench/dsp_load.sh DIR then plays the same project (DIR/proj) on jackd for the real
# time figures (goal 8: the worst callback after play and locate).
#
# Needs: fluidsynth, fluid-soundfont-gm, python3-mido (Debian's python3 finds it),
# sox, GNU time as /usr/bin/time:
#   apt-get install --no-install-recommends fluidsynth fluid-soundfont-gm python3-mido \
#       sox time
# Environment: TTYMIX (default: this tree's), RUNS (3), SF2 (the sound font).
set -eu

here=$(cd "$(dirname "$0")" && pwd)
top=$(cd "$here/.." && pwd)
TTYMIX=${TTYMIX:-$top/src/ttymix}
RUNS=${RUNS:-3}
SF2=${SF2:-/usr/share/sounds/sf2/FluidR3_GM.sf2}

die() { echo "session.sh: $*" >&2; exit 1; }
install_hint="apt-get install --no-install-recommends fluidsynth fluid-soundfont-gm python3-mido sox time"

[ -x "$TTYMIX" ] || die "$TTYMIX is missing: build the tree first (./configure && make)"
command -v fluidsynth >/dev/null || die "fluidsynth is missing: $install_hint"
[ -f "$SF2" ] || die "no sound font at $SF2: $install_hint"
command -v sox >/dev/null || die "sox is missing: $install_hint"
[ -x /usr/bin/time ] && /usr/bin/time -f %M true >/dev/null 2>&1 \
	|| die "GNU time is missing: $install_hint"
# mido from Debian lives in the system python; a python3 earlier on PATH may lack it
PY=
for cand in python3 /usr/bin/python3; do
	if command -v "$cand" >/dev/null && "$cand" -c 'import mido' 2>/dev/null; then
		PY=$cand
		break
	fi
done
[ -n "$PY" ] || die "python3 with mido is missing: $install_hint"

setup_only=no
if [ "${1:-}" = --setup-only ]; then
	setup_only=yes
	shift
	[ $# -ge 1 ] || die "--setup-only needs a folder to keep the session in"
fi
if [ $# -ge 1 ]; then
	work=$1
	mkdir -p "$work"
	work=$(cd "$work" && pwd)
else
	work=$(mktemp -d "${TMPDIR:-/tmp}/ttymix-session.XXXXXX")
	trap 'rm -rf "$work"' EXIT
fi

# 1. the song
"$PY" "$here/session_song.py" "$work/midi" >"$work/parts"

# 2. the stems, one fluidsynth render per part (kept when already made)
mkdir -p "$work/stems"
while read -r mid level pan; do
	wav=$work/stems/${mid%.mid}.wav
	[ -s "$wav" ] && continue
	echo "fluidsynth: $mid"
	fluidsynth -q -ni -R 0 -C 0 -g 0.6 -r 48000 -T wav -O s24 -F "$wav.tmp" "$SF2" \
		"$work/midi/$mid" >/dev/null 2>&1 || die "fluidsynth failed on $mid"
	mv "$wav.tmp" "$wav"
done <"$work/parts"

# 3. the project
rm -rf "$work/proj"
# shellcheck disable=SC2046
"$TTYMIX" new "$work/proj" $(awk -v d="$work/stems" '{ sub(/\.mid$/, ".wav", $1); print d "/" $1 }' \
	"$work/parts") >/dev/null || die "ttymix new failed"
"$PY" - "$work/proj/project.json" "$work/parts" <<'PY'
import json, sys
path, parts = sys.argv[1], sys.argv[2]
levels = [line.split() for line in open(parts)]
p = json.load(open(path))
drums = {"kick", "snare", "hats", "toms", "cymbals", "shaker"}
def ins(kind, **params):
    return {"type": kind, "bypass": False, "params": params}
n_inserts = 0
for tr, (mid, level, pan) in zip(p["tracks"], levels):
    name = mid[3:-4]
    tr["name"] = name
    tr["gain_db"] = float(level)
    tr["pan"] = float(pan)
    eq = ins("eq", hpf_hz=40 if name in ("kick", "bass") else 90,
             band1_hz=250, band1_db=-2.5, band1_q=1.2,
             band2_hz=3000, band2_db=1.5, band2_q=0.9)
    tr["inserts"] = [eq]
    if name in ("kick", "snare", "bass", "lead", "piano", "toms"):
        tr["inserts"].append(ins("compressor", threshold_db=-24, ratio=3,
                                 attack_ms=8, release_ms=120, makeup_db=2))
    if name in drums:
        tr["output"] = "drums"
    sends = []
    if name in ("snare", "piano", "strings", "lead", "flute", "choir", "vibes",
                "rhodes", "el-guitar", "ac-guitar"):
        sends.append({"bus": "verb", "level_db": -14, "pre_fader": False})
    if name in ("lead", "el-guitar", "marimba"):
        sends.append({"bus": "echo", "level_db": -18, "pre_fader": False})
    tr["sends"] = sends
    n_inserts += len(tr["inserts"])
p["buses"] = [
    {"name": "drums", "gain_db": -1, "pan": 0, "mute": False, "solo": False,
     "inserts": [ins("compressor", threshold_db=-18, ratio=2.5, attack_ms=15,
                     release_ms=150)],
     "sends": [{"bus": "verb", "level_db": -20, "pre_fader": False}]},
    {"name": "verb", "gain_db": -4, "pan": 0, "mute": False, "solo": False,
     "inserts": [ins("reverb", mix=1, decay_s=2.2, predelay_ms=20)]},
    {"name": "echo", "gain_db": -6, "pan": 0, "mute": False, "solo": False,
     "inserts": [ins("delay", mix=1)]},
]
p["master"] = {"gain_db": -1, "inserts": [
    ins("eq", low_shelf_hz=100, low_shelf_db=1),
    ins("compressor", threshold_db=-14, ratio=2, attack_ms=20, release_ms=200),
    ins("limiter", ceiling_dbtp=-1)]}
n_inserts += 3 + 3
json.dump(p, open(path, "w"), indent=2)
print("project: %d tracks, %d buses, %d inserts" % (len(p["tracks"]), len(p["buses"]),
                                                    n_inserts))
PY
"$TTYMIX" check "$work/proj" >/dev/null || die "ttymix check refused the project"
[ $setup_only = yes ] && exit 0

# 4. the figures
# run NAME CMD...: CPU (user+sys), wall and peak RSS of one run into $work/t.NAME.N
run() {
	local name=$1 i=$2
	shift 2
	/usr/bin/time -f "%U %S %e %M" -o "$work/t.$name.$i" "$@" >/dev/null 2>"$work/err" \
		|| { cat "$work/err" >&2; die "$name failed"; }
}
rm -f "$work"/t.*
for i in $(seq 1 "$RUNS"); do
	run mix "$i" "$TTYMIX" render "$work/proj" -o "$work/mix.wav"
	rm -rf "$work/stems_out"
	run stems "$i" "$TTYMIX" render "$work/proj" --stems "$work/stems_out"
	run flow "$i" "$TTYMIX" flow "$work/proj" lead
done
"$PY" - "$work" "$RUNS" <<'PY'
import sys
work, runs = sys.argv[1], int(sys.argv[2])
fig = {}
for name in ("mix", "stems", "flow"):
    rows = []
    for i in range(1, runs + 1):
        u, s, e, m = open("%s/t.%s.%d" % (work, name, i)).read().split()[-4:]
        rows.append((float(u) + float(s), float(e), int(m) / 1024))
    fig[name] = (min(r[0] for r in rows), min(r[1] for r in rows), max(r[2] for r in rows))
print("%-8s %12s %10s %12s" % ("", "cpu s (best", "wall s", "peak RSS MB"))
print("%-8s %12s %10s %12s" % ("", "of %d)" % runs, "(best)", "(most)"))
for name in ("mix", "stems", "flow"):
    c, w, m = fig[name]
    print("%-8s %12.2f %10.2f %12.1f" % (name, c, w, m))
print()
print("cpu stems/mix = %.2f   (issue 23 goal 7: <= 1.5; 23 files written)" %
      (fig["stems"][0] / fig["mix"][0]))
print("cpu flow/mix  = %.2f   (goal 7: <= 1)" % (fig["flow"][0] / fig["mix"][0]))
print("wall stems/mix = %.2f, wall flow/mix = %.2f" % (fig["stems"][1] / fig["mix"][1],
                                                     fig["flow"][1] / fig["mix"][1]))
PY
