#!/bin/bash
# bench/rss_length.sh: does ttymix's memory grow with the length of a song? (issue 23,
# goal 5: 16 x 30 min renders within 5 % of the peak RSS of 16 x 3 min)
#
#   bench/rss_length.sh [DIR]
#
# Two projects of TRACKS (16) stereo 24-bit 48 kHz tracks, one clip each: LENGTH_SEC
# (180 s) long, and TIMES (10) times that (30 min). The files are sparse: a WAV header
# and then a hole the size of the samples (silence), so half an hour of 16 tracks
# takes no disk and each file is read and decoded as any other. Each project is
# rendered RUNS (3) times to 16-bit WAV (removed at once); the largest peak RSS of
# each and their ratio are printed, and the least CPU time for scale.
#
# Needs python3 and GNU time. Environment: TTYMIX, TRACKS (16), LENGTH_SEC (180),
# TIMES (10), RUNS (3).
set -eu

here=$(cd "$(dirname "$0")" && pwd)
top=$(cd "$here/.." && pwd)
TTYMIX=${TTYMIX:-$top/src/ttymix}
TIMES=${TIMES:-10}
RUNS=${RUNS:-3}
TRACKS=${TRACKS:-16}
LENGTH_SEC=${LENGTH_SEC:-180}

die() { echo "rss_length.sh: $*" >&2; exit 1; }
[ -x "$TTYMIX" ] || die "$TTYMIX is missing: build the tree first (./configure && make)"

if [ $# -ge 1 ]; then
	work=$1
	mkdir -p "$work"
	work=$(cd "$work" && pwd)
else
	work=$(mktemp -d "${TMPDIR:-/tmp}/ttymix-rss.XXXXXX")
	trap 'rm -rf "$work"' EXIT
fi
# sparse WAV files: the header, then the data chunk as a hole
sparse() { # path seconds
	python3 - "$1" "$2" <<'PY'
import struct, sys
path, sec = sys.argv[1], float(sys.argv[2])
rate, ch, bits = 48000, 2, 24
data = int(sec * rate) * ch * bits // 8
with open(path, "wb") as f:
    f.write(b"RIFF" + struct.pack("<I", 36 + data) + b"WAVE")
    f.write(b"fmt " + struct.pack("<IHHIIHH", 16, 1, ch, rate, rate * ch * bits // 8,
                                   ch * bits // 8, bits))
    f.write(b"data" + struct.pack("<I", data))
    f.truncate(44 + data)
PY
}
for which in short long; do
	sec=$LENGTH_SEC
	[ $which = long ] && sec=$(python3 -c "print($LENGTH_SEC * $TIMES)")
	rm -rf "$work/$which" "$work/$which.src"
	mkdir -p "$work/$which.src"
	for i in $(seq -f %02g 1 "$TRACKS"); do
		sparse "$work/$which.src/track$i.wav" "$sec"
	done
	# ttymix new links or copies: a copy of a sparse file may not stay sparse, so the
	# project's audio/ is the folder of sparse files itself
	"$TTYMIX" new "$work/$which" "$work/$which.src/track01.wav" >/dev/null \
		|| die "ttymix new failed"
	python3 - "$work/$which/project.json" "$TRACKS" <<'PY'
import json, sys
path, n = sys.argv[1], int(sys.argv[2])
p = json.load(open(path))
t0 = p["tracks"][0]
p["tracks"] = []
for i in range(1, n + 1):
    t = json.loads(json.dumps(t0))
    t["name"] = "track%02d" % i
    t["clips"][0]["file"] = "audio/track%02d.wav" % i
    p["tracks"].append(t)
json.dump(p, open(path, "w"), indent=2)
PY
	rm -rf "$work/$which/audio"
	ln -s "$work/$which.src" "$work/$which/audio"
done

rss() { # project run: peak RSS in kB and CPU s of one render
	/usr/bin/time -f "%M %U %S" -o "$work/time" "$TTYMIX" render "$1" -o "$work/out.wav" \
		--bits 16 >/dev/null 2>"$work/err" || { cat "$work/err" >&2; die "render of $1"; }
	rm -f "$work/out.wav"
	cat "$work/time"
}
short_rss=0 long_rss=0 short_cpu=1e9 long_cpu=1e9
for _ in $(seq 1 "$RUNS"); do
	for which in short long; do
		read -r kb u s < <(rss "$work/$which")
		cpu=$(python3 -c "print($u + $s)")
		if [ $which = short ]; then
			short_rss=$((kb > short_rss ? kb : short_rss))
			short_cpu=$(python3 -c "print(min($short_cpu, $cpu))")
		else
			long_rss=$((kb > long_rss ? kb : long_rss))
			long_cpu=$(python3 -c "print(min($long_cpu, $cpu))")
		fi
	done
done
python3 - "$short_rss" "$long_rss" "$short_cpu" "$long_cpu" "$TRACKS" "$LENGTH_SEC" "$TIMES" <<'PY'
import sys
s, l, sc, lc = int(sys.argv[1]), int(sys.argv[2]), float(sys.argv[3]), float(sys.argv[4])
n, length, times = int(sys.argv[5]), float(sys.argv[6]), int(sys.argv[7])
print("%-22s %12s %10s" % ("", "peak RSS MB", "cpu s"))
print("%-22s %12.1f %10.2f" % ("%d x %g min" % (n, length / 60), s / 1024, sc))
print("%-22s %12.1f %10.2f" % ("%d x %g min" % (n, length * times / 60), l / 1024, lc))
print("rss long/short = %.3f   (issue 23 goal 5: <= 1.05)" % (l / s))
PY
