#!/bin/bash
# bench/mix.sh: offline mix speed and memory, ttymix against sox, in one run.
#
#   bench/mix.sh [DIR]
#   bench/mix.sh --setup-only DIR     (steps 1 and 2 only: bench/dsp_load.sh uses it)
#
# Expects a built tree (./configure && make): it runs src/ttymix and bench/gen_tracks
# from the tree this script sits in and builds nothing. It
#  1. writes TRACKS stereo 24-bit 48 kHz files of LENGTH_SEC seconds each with our own
#     generator into DIR/tracks (reused when they are already there with the right
#     length);
#  2. makes a project of them with `ttymix new` and gives each track a fader gain and a
#     pan by editing its project.json;
#  3. renders that mix with `ttymix render` and the same mix with one
#     `sox -M ... remix` command, RUNS times each, alternating, and checks that the two
#     results agree to within a couple of 24-bit LSBs;
#  4. prints the best (least) CPU time (user + sys) and the largest peak RSS of each,
#     and the ratios ttymix/sox.
# Without DIR the work goes into a temporary folder that is removed at the end (it
# needs about 1.2 GB for the default sizes).
#
# Needs: sox, python3, GNU time as /usr/bin/time (Debian package `time`:
# apt-get install --no-install-recommends time sox python3).
#
# Environment: TTYMIX, GEN_TRACKS (programs; default: this tree's), TRACKS (16),
# LENGTH_SEC (180; not SECONDS, which bash owns), RUNS (3).
#
# The mix: track i gets the fader gain and pan in the table below. ttymix pans a stereo
# track with the balance law (pan p > 0 scales L by 1 - p, p < 0 scales R by 1 + p) times
# the fader's 10^(dB/20); the sox command gets exactly those per-channel factors as
# `remix -m` volumes, so both compute the same sum (ttymix in float, sox in double).
set -eu

here=$(cd "$(dirname "$0")" && pwd)
top=$(cd "$here/.." && pwd)
TTYMIX=${TTYMIX:-$top/src/ttymix}
GEN_TRACKS=${GEN_TRACKS:-$top/bench/gen_tracks}
TRACKS=${TRACKS:-16}
LENGTH_SEC=${LENGTH_SEC:-180}
RUNS=${RUNS:-3}
RATE=48000

die() { echo "mix.sh: $*" >&2; exit 1; }

for prog in "$TTYMIX" "$GEN_TRACKS"; do
	[ -x "$prog" ] || die "$prog is missing: build the tree first (./configure && make)"
done
command -v sox >/dev/null || die "sox is missing: apt-get install --no-install-recommends sox"
command -v python3 >/dev/null || die "python3 is missing: apt-get install python3"
[ -x /usr/bin/time ] && /usr/bin/time -f %M true >/dev/null 2>&1 \
	|| die "GNU time is missing: apt-get install --no-install-recommends time"

setup_only=no
if [ "${1:-}" = --setup-only ]; then
	setup_only=yes
	shift
	[ $# -ge 1 ] || die "--setup-only needs a folder to keep the project in"
fi
if [ $# -ge 1 ]; then
	work=$1
	mkdir -p "$work"
	work=$(cd "$work" && pwd)
else
	work=$(mktemp -d "${TMPDIR:-/tmp}/ttymix-bench.XXXXXX")
	trap 'rm -rf "$work"' EXIT
fi

# 1. material
want_frames=$(python3 -c "print(round($LENGTH_SEC * $RATE))")
have=yes
for i in $(seq -f %02g 1 "$TRACKS"); do
	f=$work/tracks/track$i.wav
	if [ ! -f "$f" ] || [ "$(soxi -s "$f" 2>/dev/null)" != "$want_frames" ]; then
		have=no
		break
	fi
done
if [ $have = no ]; then
	echo "generating $TRACKS stereo tracks x $LENGTH_SEC s (48 kHz, 24-bit) in $work/tracks"
	rm -rf "$work/tracks"
	"$GEN_TRACKS" -n "$TRACKS" -s "$LENGTH_SEC" -r $RATE "$work/tracks"
else
	echo "reusing $TRACKS tracks in $work/tracks"
fi

# 2. the project, made afresh every time so that no earlier edit survives
rm -rf "$work/proj"
files=()
for i in $(seq -f %02g 1 "$TRACKS"); do
	files+=("$work/tracks/track$i.wav")
done
"$TTYMIX" new "$work/proj" "${files[@]}" >/dev/null

# Set gains and pans, and print the sox command's inputs and remix spec (one per line:
# the input files in channel order, then "--", then the L and R out-specs), all from
# one table so the two mixes cannot drift apart.
python3 - "$work/proj/project.json" >"$work/sox_args" <<'EOF'
import json, os, sys
path = sys.argv[1]
with open(path) as f:
    proj = json.load(f)
inputs, left, right = [], [], []
for i, track in enumerate(proj["tracks"]):
    n = i + 1
    gain_db = -2.0 - 0.5 * ((n * 7) % 13)          # -2 .. -8 dB
    pan = round(((n * 5) % 11 - 5) * 0.18, 2)       # -0.9 .. 0.9, 0 included
    track["gain_db"] = gain_db
    track["pan"] = pan
    fader = 10.0 ** (gain_db / 20.0)
    # the balance law, as audio/dsp/pan.c applies it to a stereo track
    gain_l = fader * (1.0 - pan if pan > 0 else 1.0)
    gain_r = fader * (1.0 + pan if pan < 0 else 1.0)
    (clip,) = track["clips"]
    inputs.append(os.path.join(os.path.dirname(path), clip["file"]))
    left.append("%dv%.17g" % (2 * i + 1, gain_l))
    right.append("%dv%.17g" % (2 * i + 2, gain_r))
if proj.get("master", {}).get("gain_db", 0) != 0:
    sys.exit("mix.sh: the master fader is not at 0 dB")
with open(path + ".tmp", "w") as f:
    json.dump(proj, f, indent="\t")
os.replace(path + ".tmp", path)
print("\n".join(inputs))
print("--")
print(",".join(left))
print(",".join(right))
EOF
sox_inputs=()
while IFS= read -r line; do
	[ "$line" = "--" ] && break
	sox_inputs+=("$line")
done <"$work/sox_args"
remix_l=$(tail -n 2 "$work/sox_args" | head -n 1)
remix_r=$(tail -n 1 "$work/sox_args")
"$TTYMIX" check "$work/proj" >/dev/null || die "ttymix check rejects the edited project"
if [ $setup_only = yes ]; then
	echo "project: $work/proj"
	exit 0
fi

out_ttymix=$work/out_ttymix.wav
out_sox=$work/out_sox.wav

# Read every input once so that neither renderer pays for the first trip to disk.
cat "${sox_inputs[@]}" >/dev/null

# 3. time them, alternating so that drift in the machine's speed hits both alike.
# One line per run: user_s sys_s peak_rss_kb elapsed_s.
timed() {
	local name=$1
	shift
	/usr/bin/time -f "%U %S %M %e" -o "$work/time_$name.one" "$@" 2>"$work/stderr_$name" \
		|| { cat "$work/stderr_$name" >&2; die "$name failed"; }
	cat "$work/time_$name.one" >>"$work/time_$name"
}
rm -f "$work/time_ttymix" "$work/time_sox"
echo "rendering $RUNS times each ($TRACKS tracks x $LENGTH_SEC s) ..."
for _ in $(seq "$RUNS"); do
	timed ttymix "$TTYMIX" render "$work/proj" -o "$out_ttymix" --bits 24 --dither none
	# -D: no dither (sox adds none at 24 bits anyway; this says so)
	timed sox sox -D -M "${sox_inputs[@]}" -b 24 "$out_sox" remix -m "$remix_l" "$remix_r"
done

# 4. the two results must be the same mix: same length, no clipping, and a difference
# within 2 LSB at 24 bits (ttymix mixes in float and its writer truncates to 24 bits;
# sox mixes in double and rounds)
stat_of() { # FILE... -> "peak_dbfs rms_dbfs" of the whole (both channels)
	sox "$@" -n stats 2>&1 | awk '
		/^Pk lev dB/ { pk = $4 } /^RMS lev dB/ { rms = $4 } END { print pk, rms }'
}
frames_t=$(soxi -s "$out_ttymix")
frames_s=$(soxi -s "$out_sox")
read -r peak_t rms_t < <(stat_of "$out_ttymix")
read -r peak_s rms_s < <(stat_of "$out_sox")
read -r peak_d rms_d < <(stat_of -m -v 1 "$out_ttymix" -v -1 "$out_sox")
clipped=no
grep -qi clip "$work/stderr_ttymix" "$work/stderr_sox" && clipped=yes
awk -v pt="$peak_t" -v ps="$peak_s" 'BEGIN { exit !(pt + 0 >= -0.01 || ps + 0 >= -0.01) }' \
	&& clipped=yes

# 5. report
echo
echo "machine: $(nproc) CPUs, $(awk -F': ' '/model name/ { print $2; exit }' /proc/cpuinfo)"
echo "sox: $(sox --version 2>&1 | awk '{ print $NF }'), ttymix: $("$TTYMIX" --version 2>&1 | head -n 1)"
awk -v runs="$RUNS" '
	function load(file, who,   line, f, n, cpu) {
		n = 0
		while ((getline line < file) > 0) {
			split(line, f, " ")
			cpu = f[1] + f[2]
			if (!n || cpu < best_cpu[who]) {
				best_cpu[who] = cpu; best_user[who] = f[1]; best_sys[who] = f[2]
				best_wall[who] = f[4]
			}
			if (f[3] > rss[who])
				rss[who] = f[3]
			n++
		}
	}
	BEGIN {
		load(ARGV[1], "ttymix")
		load(ARGV[2], "sox")
		printf "\n%-8s %12s %8s %8s %9s %14s\n", "", "cpu s (best", "user s", "sys s",
			"wall s", "peak RSS MB"
		printf "%-8s %12s %8s %8s %9s %14s\n", "", "of " runs ")", "", "", "", "(most)"
		split("ttymix sox", who, " ")
		for (i = 1; i <= 2; i++) {
			w = who[i]
			printf "%-8s %12.2f %8.2f %8.2f %9.2f %14.1f\n", w, best_cpu[w], best_user[w],
				best_sys[w], best_wall[w], rss[w] / 1024
		}
		printf "\ncpu ttymix/sox = %.2f\n", best_cpu["ttymix"] / best_cpu["sox"]
		printf "rss ttymix/sox = %.2f\n", rss["ttymix"] / rss["sox"]
		ARGV[1] = ARGV[2] = ""
	}' "$work/time_ttymix" "$work/time_sox"

echo
echo "mix peak: ttymix $peak_t dBFS, sox $peak_s dBFS; RMS: ttymix $rms_t, sox $rms_s dBFS"
ok=yes
[ "$frames_t" = "$frames_s" ] && [ "$frames_t" = "$want_frames" ] \
	|| { ok=no; echo "length differs: ttymix $frames_t, sox $frames_s, expected $want_frames frames"; }
[ $clipped = no ] || { ok=no; echo "a mix clipped: the comparison is not fair"; }
lsb=$(awk -v d="$peak_d" 'BEGIN { if (d == "-inf") print 0; else printf "%.2f", 10 ^ (d / 20) * 8388608 }')
awk -v l="$lsb" 'BEGIN { exit !(l <= 2.01) }' || ok=no
echo "difference ttymix - sox: peak $peak_d dBFS ($lsb LSB at 24 bits), RMS $rms_d dBFS"
if [ $ok = yes ]; then
	echo "equivalence: OK (same length, no clipping, within 2 LSB)"
else
	echo "equivalence: FAILED"
	exit 1
fi
