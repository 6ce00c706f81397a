#!/bin/bash
# bench/match.sh: mastering matched to a reference, ttymix against Matchering 2.0 (the
# open-source Python library that masters a target to a reference's RMS, frequency
# response, peak and stereo width), on the same target and reference, in one run.
#
#   bench/match.sh [DIR]
#
# Expects a built tree and tests/match_measure (make tests/match_measure); builds
# nothing. The reference is LENGTH_SEC seconds of the demo song's stems mixed and panned
# with sox (sample peak -0.5 dBFS); the target is the reference with a known EQ tilt
# (bass -4 dB at 150 Hz, treble +4 dB at 4 kHz), 4 dB quieter and narrower (side x0.6),
# as tests/match.sh makes it. Each tool masters the target to the reference; both
# outputs are measured by tests/match_measure against the reference: the third-octave
# spectral distance (dB RMS, 40 Hz-16 kHz), the loudness difference (LU), the true peak
# and the width ratio (side over mid); and the CPU time (user + system) and wall-clock
# time of each (on a loaded machine the CPU time is the figure to compare).
#
# Matchering runs when MATCHERING_PYTHON names a Python that can `import matchering`
# (a virtualenv: python3 -m venv V && V/bin/pip install matchering; then
# MATCHERING_PYTHON=V/bin/python), or when the python3 on PATH can. Otherwise the bench
# prints ttymix's figures alone and a line saying why Matchering did not run.
#
# Needs: sox, GNU time as /usr/bin/time. Environment: TTYMIX, MEASURE (programs; default: this tree's), DEMO (the
# demo's audio folder), LENGTH_SEC (60), MATCHERING_PYTHON.
set -eu

here=$(cd "$(dirname "$0")" && pwd)
top=$(cd "$here/.." && pwd)
TTYMIX=${TTYMIX:-$top/src/ttymix}
MEASURE=${MEASURE:-$top/tests/match_measure}
DEMO=${DEMO:-$top/projects/demo/audio}
LENGTH_SEC=${LENGTH_SEC:-60}

die() { echo "match.sh: $*" >&2; exit 1; }
[ -x "$TTYMIX" ] || die "$TTYMIX is missing: build the tree first (./configure && make)"
[ -x "$MEASURE" ] || die "$MEASURE is missing: make tests/match_measure"
[ -f "$DEMO/kick.flac" ] || die "no demo stems in $DEMO: build the tree first"
command -v sox >/dev/null || die "sox is missing: apt-get install --no-install-recommends sox"
[ -x /usr/bin/time ] || die "GNU time is missing: apt-get install --no-install-recommends time"

if [ $# -ge 1 ]; then
	work=$1
	mkdir -p "$work"
else
	work=$(mktemp -d)
	trap 'rm -rf "$work"' EXIT
fi

s() { echo "|sox $DEMO/$1.flac -p $2 trim 10 $LENGTH_SEC"; }
sox -m -v 1 "$(s kick 'remix 1 1')" -v 1 "$(s bass 'remix 1 1')" \
	-v 0.8 "$(s snare 'remix 1v0.8 1v0.6')" -v 0.7 "$(s hats 'remix 1v0.9 1v0.3')" \
	-v 0.8 "$(s lead 'remix 1v0.4 1v0.9')" -v 0.8 "$(s pad '')" "$work/raw.wav"
sox "$work/raw.wav" -b 24 "$work/ref.wav" gain -n -0.5
sox "$work/ref.wav" -b 24 "$work/target.wav" bass -4 150 treble +4 4000 vol -4dB \
	remix 1v0.8,2v0.2 1v0.2,2v0.8

# timed NAME COMMAND...: run it, its CPU seconds (user + system) and wall seconds into
# $work/NAME.time
timed() {
	name=$1
	shift
	/usr/bin/time -f '%U %S %e' -o "$work/$name.time" "$@" >/dev/null
}
cpu() { awk '{ printf "%.2f", $1 + $2 }' "$work/$1.time"; }
wall() { awk '{ printf "%.2f", $3 }' "$work/$1.time"; }
field() { sed -n "s/.*\"$2\": \\([-0-9.einf]*\\).*/\\1/p" "$1"; }
report() { # NAME JSON CPU WALL
	printf '%-11s %8s dB %+7s LU %7s dBTP %7s %7s s %7s s\n' "$1" \
		"$(field "$2" distance_db)" "$(field "$2" lu_diff)" "$(field "$2" tp_dbtp)" \
		"$(field "$2" width_ratio)" "$3" "$4"
}

echo "reference and target: ${LENGTH_SEC} s of the demo song's stems, 48 kHz stereo"
"$MEASURE" "$work/target.wav" "$work/ref.wav" >"$work/target.json"
printf '%-11s %11s %10s %12s %7s %9s %9s\n' "" "spectrum" "loudness" "true peak" "width" \
	"CPU" "wall"
report "target" "$work/target.json" "-" "-"

timed ttymix "$TTYMIX" master "$work/target.wav" -o "$work/ttymix.wav" \
	--match "$work/ref.wav"
"$MEASURE" "$work/ttymix.wav" "$work/ref.wav" >"$work/ttymix.json"
report "ttymix" "$work/ttymix.json" "$(cpu ttymix)" "$(wall ttymix)"

py=${MATCHERING_PYTHON:-python3}
if ! command -v "$py" >/dev/null 2>&1 || ! "$py" -c 'import matchering' 2>/dev/null; then
	echo "matchering: not run: no Python here imports matchering (pip installs it only" \
		"from PyPI; set MATCHERING_PYTHON to a virtualenv's python that has it)"
	exit 0
fi
cat >"$work/mg.py" <<'PY'
import sys
import matchering as mg
mg.process(target=sys.argv[1], reference=sys.argv[2], results=[mg.pcm24(sys.argv[3])])
PY
timed matchering "$py" "$work/mg.py" "$work/target.wav" "$work/ref.wav" \
	"$work/matchering.wav"
"$MEASURE" "$work/matchering.wav" "$work/ref.wav" >"$work/matchering.json"
report "matchering" "$work/matchering.json" "$(cpu matchering)" "$(wall matchering)"
awk -v a="$(cpu matchering)" -v b="$(cpu ttymix)" \
	'BEGIN { printf "ttymix takes %.2f of Matchering'"'"'s CPU time (%.1fx as fast)\n", b / a, a / b }'
