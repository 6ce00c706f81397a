#!/bin/bash
# bench/lv2.sh: the CPU of an LV2 parametric EQ (LSP Parametric Equalizer x16 Stereo,
# IIR mode) against ttymix's own `eq`, set to the same four peaking bands, on 16
# tracks, one run.
#
#   bench/lv2.sh [DIR]
#
# Expects a built tree; builds nothing. It writes TRACKS stereo 24-bit 48 kHz files of
# LENGTH_SEC seconds with bench/gen_tracks, makes three projects of them (no insert;
# every track with `eq`; every track with the LSP EQ) and renders each RUNS times with
# `ttymix render --bits 32f` on one thread (TTYMIX_RENDER_THREADS=1), alternating. It
# prints the best CPU time (user + sys) of each, the inserts' share (the time over the
# project without inserts) and the ratio of the two EQs. Both EQs run four bells at
# 120 Hz +3 dB Q 1, 400 Hz -4 dB Q 2, 2.5 kHz +2 dB Q 1.5 and 8 kHz -3 dB Q 0.7 (the LSP
# EQ takes its gains as factors and leaves its other twelve bands off).
#
# Needs: lsp-plugins-lv2, python3, GNU time as /usr/bin/time.
# Environment: TTYMIX, GEN_TRACKS (programs; default: this tree's), TRACKS (16),
# LENGTH_SEC (60), RUNS (3).
set -eu

here=$(cd "$(dirname "$0")" && pwd)
top=$(cd "$here/.." && pwd)
TTYMIX=${TTYMIX:-$top/src/ttymix}
GEN_TRACKS=${GEN_TRACKS:-$top/bench/gen_tracks}
TRACKS=${TRACKS:-16}
LENGTH_SEC=${LENGTH_SEC:-60}
RUNS=${RUNS:-3}
PEQ=http://lsp-plug.in/plugins/lv2/para_equalizer_x16_stereo

die() { echo "lv2.sh: $*" >&2; exit 1; }
for prog in "$TTYMIX" "$GEN_TRACKS"; do
	[ -x "$prog" ] || die "$prog is missing: build the tree first (./configure && make)"
done
[ -x /usr/bin/time ] || die "GNU time is missing: apt-get install --no-install-recommends time"
"$TTYMIX" plugins para_equalizer_x16_stereo | grep -q "^  $PEQ$" ||
	die "the LSP EQ is not installed: apt-get install --no-install-recommends lsp-plugins-lv2"

if [ $# -ge 1 ]; then
	work=$1
	mkdir -p "$work"
else
	work=$(mktemp -d "${TMPDIR:-/tmp}/ttymix-lv2-bench.XXXXXX")
	trap 'rm -rf "$work"' EXIT
fi
"$GEN_TRACKS" -n "$TRACKS" -s "$LENGTH_SEC" "$work/tracks" >/dev/null

for kind in none eq lv2; do
	rm -rf "${work:?}/$kind"
	"$TTYMIX" new "$work/$kind" "$work"/tracks/*.wav >/dev/null
	python3 - "$work/$kind/project.json" "$kind" "$PEQ" <<'PY'
import json, sys
path, kind, peq = sys.argv[1:]
bands = [(120, 3, 1), (400, -4, 2), (2500, 2, 1.5), (8000, -3, 0.7)]
doc = json.load(open(path))
for t in doc["tracks"]:
    t["gain_db"] = -6
    if kind == "eq":
        p = {}
        for i, (hz, db, q) in enumerate(bands, 1):
            p.update({"band%d_hz" % i: hz, "band%d_db" % i: db, "band%d_q" % i: q})
        t["inserts"] = [{"type": "eq", "params": p}]
    elif kind == "lv2":
        p = {"mode": 0}
        for i, (hz, db, q) in enumerate(bands):
            p.update({"ft_%d" % i: 1, "f_%d" % i: hz, "g_%d" % i: round(10 ** (db / 20), 5),
                      "q_%d" % i: q})
        t["inserts"] = [{"type": "lv2", "uri": peq, "params": p}]
json.dump(doc, open(path, "w"), indent=1)
PY
	"$TTYMIX" check "$work/$kind" >/dev/null || die "the $kind project does not check"
done

declare -A best
for run in $(seq "$RUNS"); do
	for kind in none eq lv2; do
		TTYMIX_RENDER_THREADS=1 /usr/bin/time -f "%U %S" -o "$work/time" \
			"$TTYMIX" render "$work/$kind" -o "$work/$kind.wav" --bits 32f >/dev/null
		cpu=$(awk '{ printf "%.2f", $1 + $2 }' "$work/time")
		if [ -z "${best[$kind]:-}" ] || awk -v a="$cpu" -v b="${best[$kind]}" \
			'BEGIN { exit !(a < b) }'; then
			best[$kind]=$cpu
		fi
	done
done

audio=$((TRACKS * LENGTH_SEC))
echo "bench/lv2.sh: $TRACKS tracks x $LENGTH_SEC s, best of $RUNS renders on one thread"
for kind in none eq lv2; do
	printf '  %-5s %6.2f s CPU (%.0fx real time)\n' "$kind" "${best[$kind]}" \
		"$(awk -v c="${best[$kind]}" -v l="$LENGTH_SEC" 'BEGIN { print l / c }')"
done
awk -v n="${best[none]}" -v e="${best[eq]}" -v l="${best[lv2]}" -v a="$audio" 'BEGIN {
	printf "  inserts alone: eq %.2f s, LSP EQ %.2f s (%.1f and %.1f us per track-second);", \
		e - n, l - n, (e - n) / a * 1e6, (l - n) / a * 1e6
	if (e - n > 0) printf " LSP / eq = %.2f", (l - n) / (e - n)
	printf "\n" }'
