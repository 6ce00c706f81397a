#!/bin/bash
# bench/fx_chain.sh: an offline mix with channel processing and a reverb bus, ttymix
# against ecasound (LADSPA, swh-plugins) and sox, in one run.
#
#   bench/fx_chain.sh [DIR]
#
# Expects a built tree (./configure && make): it runs src/ttymix and bench/gen_tracks
# from the tree this script sits in and builds nothing. It
#  1. writes TRACKS stereo 24-bit 48 kHz files of LENGTH_SEC seconds each with our own
#     generator into DIR/tracks (reused when they are already there with the right
#     length; the same material as bench/mix.sh);
#  2. makes a project of them with `ttymix new` and gives every track, by editing its
#     project.json, an `eq` insert (high-pass and four peaking bands, all in use) and a
#     `compressor` insert, and a post-fader send at -12 dB to a bus "verb" whose only
#     insert is a `reverb` at mix 1 (wet only); from the same table it writes the
#     ecasound and sox command lines that do the same work with their own DSP;
#  3. renders with `ttymix render ... --bits 32f` on one thread (TTYMIX_RENDER_THREADS=1:
#     one core, as ecasound's chain runs), with ecasound and with sox, RUNS times each,
#     alternating, and checks that every result has the right length and
#     is not silent (the three are different DSP, so they are not compared sample by
#     sample);
#  4. prints the best (least) CPU time (user + sys) of each, how many times faster than
#     real time that is, the largest peak RSS, and the CPU ratios to ttymix;
#  5. renders with ttymix RUNS more times each with TTYMIX_RENDER_THREADS=1 and =2 and
#     prints the best wall time of each (a ttymix that does not know the variable
#     renders as usual, and the two times come out alike).
# Without DIR the work goes into a temporary folder that is removed at the end (it
# needs about 1.3 GB for the default sizes).
#
# Needs: ecasound, swh-plugins (LADSPA plugins triplePara, sc4, plate), sox, python3,
# GNU time as /usr/bin/time (Debian: apt-get install --no-install-recommends ecasound
# swh-plugins sox python3 time).
#
# Environment: TTYMIX, GEN_TRACKS (programs; default: this tree's), TRACKS (16),
# LENGTH_SEC (180; not SECONDS, which bash owns), RUNS (3), LADSPA_PATH (where
# ecasound looks for the plugins; default /usr/lib/ladspa), SOX_PEER (1; 0 leaves sox
# out), TTYMIX_BASELINE (a ttymix built with CPPFLAGS=-DTTYMIX_NO_CLONES: only the
# baseline x86-64 copies, what a CPU without AVX2 runs; timed beside this one).
#
# Every track's fader is at -6 dB (the sum of sixteen tracks stays clear of full
# scale) and its send is post-fader. The equivalent chains (bench/README says more,
# and what each difference costs):
#  - ecasound: per track one chain  file -> triplePara -> sc4 -> loop,tN;  from each loop
#    a "direct" chain (-ea: the fader) to the output file and a "send" chain (-ea: fader
#    and send) into loop,verb; a bus chain  loop,verb -> -chmix:1 -> plate (wet only) ->
#    the output file; all summed (-z:mixmode,sum). triplePara has two shelves and three
#    peaking bands: its low shelf at -70 dB, slope 1, is the high-pass (its corner placed
#    so that it is 3 dB down at hpf_hz, as ttymix's 12 dB/oct high-pass is), its three
#    bands are ttymix's bands 1 to 3, and its high shelf at band 4's frequency and gain
#    stands in for band 4. That is five biquads a channel, as ttymix's eq runs here.
#  - sox: per track `sox TRACK -p highpass equalizer x4 compand` as a piped input of one
#    `sox -m` that writes the processed sum to a file; a second sox adds to it the
#    reverb of that sum at -12 dB. Because every send is at -12 dB, that is what a bus
#    fed by the sixteen sends would get.
set -eu

here=$(cd "$(dirname "$0")" && pwd)
top=$(cd "$here/.." && pwd)
TTYMIX=${TTYMIX:-$top/src/ttymix}
GEN_TRACKS=${GEN_TRACKS:-$top/bench/gen_tracks}
TRACKS=${TRACKS:-16}
LENGTH_SEC=${LENGTH_SEC:-180}
RUNS=${RUNS:-3}
TTYMIX_BASELINE=${TTYMIX_BASELINE:-}
SOX_PEER=${SOX_PEER:-1}
export LADSPA_PATH=${LADSPA_PATH:-/usr/lib/ladspa}
RATE=48000
ECA_BUFFER=1024  # ecasound's default; each loop device delays by one buffer

die() { echo "fx_chain.sh: $*" >&2; exit 1; }

for prog in "$TTYMIX" "$GEN_TRACKS"; do
	[ -x "$prog" ] || die "$prog is missing: build the tree first (./configure && make)"
done
command -v ecasound >/dev/null \
	|| die "ecasound is missing: apt-get install --no-install-recommends ecasound"
for so in triple_para_1204.so sc4_1882.so plate_1423.so; do
	[ -f "$LADSPA_PATH/$so" ] || die "LADSPA plugin $LADSPA_PATH/$so is missing:" \
		"apt-get install --no-install-recommends swh-plugins"
done
command -v sox >/dev/null || die "sox is missing: apt-get install --no-install-recommends sox"
command -v python3 >/dev/null || die "python3 is missing: apt-get install python3"
[ -x /usr/bin/time ] && /usr/bin/time -f %M true >/dev/null 2>&1 \
	|| die "GNU time is missing: apt-get install --no-install-recommends time"

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

# 2. the project (made afresh every time so that no earlier edit survives) and the
# peers' command lines, all from one table
rm -rf "$work/fxproj"
files=()
for i in $(seq -f %02g 1 "$TRACKS"); do
	files+=("$work/tracks/track$i.wav")
done
"$TTYMIX" new "$work/fxproj" "${files[@]}" >/dev/null

out_ttymix=$work/fx_ttymix.wav
out_eca=$work/fx_ecasound.wav
out_sox=$work/fx_sox.wav

# Writes DIR/eca_args, DIR/sox_args and DIR/sox2_args (one argument a line) and
# DIR/params (the table as each renderer got it, for the reader).
python3 - "$work/fxproj/project.json" "$work" "$out_eca" "$out_sox" "$RATE" <<'EOF'
import json, math, os, sys
path, work, out_eca, out_sox = sys.argv[1:5]
fs = float(sys.argv[5])
with open(path) as f:
    proj = json.load(f)

SEND_DB = -12.0
FADER_DB = -6.0             # every track's fader: keeps the sum clear of full scale
SHELF_CUT_DB = -70.0        # triplePara's gain floor: the deepest its shelf goes
REVERB = {"mix": 1, "decay_s": 2}

def table(n):
    """Track n's settings (1-based). Every gain is non-zero, so every section runs."""
    return {
        "eq": {
            "hpf_hz": 50 + 10 * (n % 6),                       # 50 .. 100 Hz
            "band1_hz": 180 + 20 * (n % 4), "band1_db": -3 + 0.5 * (n % 3), "band1_q": 1.0,
            "band2_hz": 700 + 100 * (n % 5), "band2_db": 2 + 0.5 * (n % 3), "band2_q": 1.4,
            "band3_hz": 3000 + 250 * (n % 4), "band3_db": -2 - 0.5 * (n % 2), "band3_q": 2.0,
            "band4_hz": 10000, "band4_db": 1.5 + 0.5 * (n % 2), "band4_q": 0.7,
        },
        "compressor": {
            "threshold_db": -24 - 2 * (n % 3), "ratio": 3 + (n % 3),
            "attack_ms": 5 + 5 * (n % 3), "release_ms": 80 + 40 * (n % 3), "knee_db": 6,
        },
    }

def shelf_db(f, f0, gain_db):
    """|H(f)| in dB of the cookbook low shelf at slope 1 (R. Bristow-Johnson, "Cookbook
    formulae for audio EQ biquad filter coefficients"), the form triplePara uses."""
    A = 10 ** (gain_db / 40)
    w0 = 2 * math.pi * f0 / fs
    alpha = math.sin(w0) / 2 * math.sqrt(2)          # S = 1
    c = math.cos(w0)
    sa = 2 * math.sqrt(A) * alpha
    b = [A * ((A + 1) - (A - 1) * c + sa), 2 * A * ((A - 1) - (A + 1) * c),
         A * ((A + 1) - (A - 1) * c - sa)]
    a = [(A + 1) + (A - 1) * c + sa, -2 * ((A - 1) + (A + 1) * c),
         (A + 1) + (A - 1) * c - sa]
    w = 2 * math.pi * f / fs
    z = complex(math.cos(w), -math.sin(w))
    h = (b[0] + b[1] * z + b[2] * z * z) / (a[0] + a[1] * z + a[2] * z * z)
    return 20 * math.log10(abs(h))

def shelf_as_hpf(hpf_hz):
    """The shelf corner that puts the -70 dB shelf 3.01 dB down at hpf_hz."""
    lo, hi = math.log(1.0), math.log(hpf_hz)
    for _ in range(100):                              # |H(hpf_hz)| rises with falling f0
        mid = (lo + hi) / 2
        if shelf_db(hpf_hz, math.exp(mid), SHELF_CUT_DB) < -3.0103:
            hi = mid
        else:
            lo = mid
    return math.exp((lo + hi) / 2)

def bw_octaves(hz, q):
    """triplePara's bandwidth for a cookbook Q: its peaking filter sets
    alpha = sin(w0) sinh(ln2/2 BW w0/sin(w0)) and the cookbook alpha = sin(w0)/(2Q)."""
    w0 = 2 * math.pi * hz / fs
    return 2 * math.asinh(1 / (2 * q)) * math.sin(w0) / (w0 * math.log(2))

def g(x):
    return "%.6g" % x

tracks = proj["tracks"]
fader = 10 ** (FADER_DB / 20)
eca = ["-z:mixmode,sum", "-f:f32_le,2,%d" % fs]
direct, sends = [], []
sox = ["-m"]
lines = []
for i, track in enumerate(tracks):
    n = i + 1
    t = table(n)
    e, c = t["eq"], t["compressor"]
    track["inserts"] = [{"type": "eq", "params": e},
                        {"type": "compressor", "params": c}]
    track["sends"] = [{"bus": "verb", "level_db": SEND_DB}]
    track["gain_db"] = FADER_DB
    (clip,) = track["clips"]
    src = os.path.join(os.path.dirname(path), clip["file"])

    shelf_hz = shelf_as_hpf(e["hpf_hz"])
    para = [SHELF_CUT_DB, shelf_hz, 1]
    for b in (1, 2, 3):
        para += [e["band%d_db" % b], e["band%d_hz" % b],
                 bw_octaves(e["band%d_hz" % b], e["band%d_q" % b])]
    para += [e["band4_db"], e["band4_hz"], 1]
    # sc4: RMS/peak 1 (peak, as ttymix's detector), attack, release, threshold, ratio,
    # knee radius (half ttymix's knee width), makeup
    sc4 = [1, c["attack_ms"], c["release_ms"], c["threshold_db"], c["ratio"],
           c["knee_db"] / 2, 0]
    eca += ["-a:t%d" % n, "-i:" + src,
            "-el:triplePara," + ",".join(g(x) for x in para),
            "-el:sc4," + ",".join(g(x) for x in sc4),
            "-o:loop,t%d" % n,
            "-a:d%d,s%d" % (n, n), "-i:loop,t%d" % n]
    direct.append("d%d" % n)
    sends.append("s%d" % n)
    # sox: highpass -2 is its 2-pole (12 dB/oct) Butterworth-Q high-pass; equalizer
    # takes the width as Q with a "q" suffix; compand's transfer function is given as
    # points, with the knee as its soft-knee radius; attack and decay as seconds.
    soxfx = ["highpass", "-2", g(e["hpf_hz"])]
    for b in (1, 2, 3, 4):
        soxfx += ["equalizer", g(e["band%d_hz" % b]), g(e["band%d_q" % b]) + "q",
                  g(e["band%d_db" % b])]
    thr, ratio = c["threshold_db"], c["ratio"]
    soxfx += ["compand", "%s,%s" % (g(c["attack_ms"] / 1000), g(c["release_ms"] / 1000)),
              "%s:%s,%s,0,%s" % (g(c["knee_db"] / 2), g(thr), g(thr), g(thr - thr / ratio))]
    # -v 1: sox -m would otherwise scale every input by 1/n
    sox += ["-v", g(fader), "|sox %s -p %s" % (src, " ".join(soxfx))]
    lines.append("track %2d  ttymix eq %s\n          ttymix compressor %s\n"
                 "          triplePara %s\n          sc4 %s\n          sox %s"
                 % (n, json.dumps(e), json.dumps(c), ",".join(g(x) for x in para),
                    ",".join(g(x) for x in sc4), " ".join(soxfx)))

# the sends are post-fader: fader and send level in one -ea
send_pct = 100 * 10 ** ((FADER_DB + SEND_DB) / 20)
for d in direct:
    eca += ["-a:" + d, "-ea:" + g(100 * fader)]
for s in sends:
    eca += ["-a:" + s, "-ea:" + g(send_pct)]
eca += ["-a:" + ",".join(sends), "-o:loop,verb"]
# plate takes one input (a mono-in, stereo-out plugin gets the chain's first channel):
# -chmix:1 puts the average of both sides there first. Reverb time 2 (ttymix decay_s),
# damping 0.5, wet only.
eca += ["-a:verb", "-i:loop,verb", "-chmix:1", "-el:plate,%s,0.5,1" % g(REVERB["decay_s"])]
eca += ["-a:" + ",".join(direct + ["verb"]), "-o:" + out_eca]

# sox's first command writes the processed sum; the second adds to it the reverb of the
# sum at the send level (wet only: reverberance 50 %, HF damping 50 %, room scale
# 100 %, stereo depth 100 %, pre-delay 20 ms as ttymix's default). Its wet gain goes
# only to -10 dB, so the send level is a `vol` before it.
sox_dry = out_sox + ".dry.wav"
sox += ["-e", "floating-point", "-b", "32", sox_dry]
sox2 = ["-m", "-v", "1", sox_dry, "-v", "1",
        "|sox %s -p vol %sdB reverb -w 50 50 100 100 20" % (sox_dry, g(SEND_DB)),
        "-e", "floating-point", "-b", "32", out_sox]

proj["buses"] = [{"name": "verb", "inserts": [{"type": "reverb", "params": REVERB}]}]
if proj.get("master", {}).get("gain_db", 0) != 0:
    sys.exit("fx_chain.sh: the master fader is not at 0 dB")
with open(path + ".tmp", "w") as f:
    json.dump(proj, f, indent="\t")
os.replace(path + ".tmp", path)
for name, args in (("eca_args", eca), ("sox_args", sox), ("sox2_args", sox2)):
    with open(os.path.join(work, name), "w") as f:
        f.write("\n".join(args) + "\n")
with open(os.path.join(work, "params"), "w") as f:
    f.write("\n".join(lines) + "\n")
    f.write("faders %g dB (ecasound -ea:%s on the direct chains, sox -v %s)\n"
            % (FADER_DB, g(100 * fader), g(fader)))
    f.write("bus verb  ttymix reverb %s; plate %s,0.5,1 after -chmix:1; post-fader sends"
            " %g dB (ecasound -ea:%s: fader and send)\n"
            % (json.dumps(REVERB), g(REVERB["decay_s"]), SEND_DB, g(send_pct)))
EOF
mapfile -t eca_args <"$work/eca_args"
mapfile -t sox_args <"$work/sox_args"
mapfile -t sox2_args <"$work/sox2_args"
# the peers' commands as a shell would take them, for the reader to rerun or check
{ printf '%q ' ecasound -q "${eca_args[@]}"; echo; } >"$work/ecasound_cmd"
{ printf '%q ' sox "${sox_args[@]}"; echo; printf '%q ' sox "${sox2_args[@]}"; echo; } \
	>"$work/sox_cmd"
"$TTYMIX" check "$work/fxproj" >/dev/null || die "ttymix check rejects the edited project"

# Read every input once so that no renderer pays for the first trip to disk.
cat "${files[@]}" >/dev/null

# 3. time them, alternating so that drift in the machine's speed hits all alike.
# One line per run: user_s sys_s peak_rss_kb elapsed_s.
timed() {
	local name=$1
	shift
	/usr/bin/time -f "%U %S %M %e" -o "$work/time_$name.one" "$@" \
		>"$work/stdout_$name" 2>"$work/stderr_$name" \
		|| { cat "$work/stderr_$name" >&2; die "$name failed"; }
	cat "$work/time_$name.one" >>"$work/time_$name"
}
peers="ttymix ecasound"
[ "$SOX_PEER" = 1 ] && peers="$peers sox"
for p in $peers threads1 threads2 threadsauto baseline; do
	rm -f "$work/time_$p"
done
echo "rendering $RUNS times each ($TRACKS tracks x $LENGTH_SEC s, eq + compressor per track," \
	"a reverb bus on sends) ..."
for _ in $(seq "$RUNS"); do
	# on one core, as the peers run: the ratio the goal speaks of
	TTYMIX_RENDER_THREADS=1 timed ttymix "$TTYMIX" render "$work/fxproj" \
		-o "$out_ttymix" --bits 32f
	# ecasound updates an existing output file in place: start from none
	rm -f "$out_eca"
	timed ecasound ecasound -q "${eca_args[@]}"
	if [ "$SOX_PEER" = 1 ]; then
		# both sox commands in one timing: GNU time counts the children of the shell
		timed sox bash -c 'a=(); while [ "$1" != --then ]; do a+=("$1"); shift; done
			shift; sox "${a[@]}" && sox "$@"' _ "${sox_args[@]}" --then "${sox2_args[@]}"
	fi
done
# 5. ttymix with one and two render threads, if it takes the hint
for _ in $(seq "$RUNS"); do
	TTYMIX_RENDER_THREADS=1 timed threads1 "$TTYMIX" render "$work/fxproj" \
		-o "$out_ttymix" --bits 32f
	TTYMIX_RENDER_THREADS=2 timed threads2 "$TTYMIX" render "$work/fxproj" \
		-o "$out_ttymix" --bits 32f
	# the automatic count (issue 23, goal 3: it must pick the faster)
	(unset TTYMIX_RENDER_THREADS
	 timed threadsauto "$TTYMIX" render "$work/fxproj" -o "$out_ttymix" --bits 32f)
	# a build without the x86-64-v3 copies, as a CPU without AVX2 runs (goal 4)
	if [ -n "$TTYMIX_BASELINE" ]; then
		TTYMIX_RENDER_THREADS=1 timed baseline "$TTYMIX_BASELINE" render "$work/fxproj" \
			-o "$out_ttymix" --bits 32f
	fi
done

# 4. report
stat_of() { # FILE -> "peak_dbfs rms_dbfs" of the whole (both channels)
	sox "$1" -n stats 2>&1 | awk '
		/^Pk lev dB/ { pk = $4 } /^RMS lev dB/ { rms = $4 } END { print pk, rms }'
}
echo
echo "machine: $(nproc) CPUs, $(awk -F': ' '/model name/ { print $2; exit }' /proc/cpuinfo)"
echo "ttymix: $("$TTYMIX" --version 2>&1 | head -n 1), ecasound:" \
	"$(ecasound --version 2>&1 | awk 'NR == 1 { print $2 }'), sox:" \
	"$(sox --version 2>&1 | awk '{ print $NF }')"
awk -v runs="$RUNS" -v length_sec="$LENGTH_SEC" -v peers="$peers" -v dir="$work" \
	-v baseline="$TTYMIX_BASELINE" '
	function load(file, who,   line, f, n, cpu) {
		n = 0
		while ((getline line < file) > 0) {
			split(line, f, " ")
			cpu = f[1] + f[2]
			if (!n || cpu < best_cpu[who]) {
				best_cpu[who] = cpu; best_user[who] = f[1]; best_sys[who] = f[2]
			}
			if (!n || f[4] < best_wall[who])
				best_wall[who] = f[4]
			if (f[3] > rss[who])
				rss[who] = f[3]
			n++
		}
		close(file)
	}
	BEGIN {
		np = split(peers, who, " ")
		for (i = 1; i <= np; i++)
			load(dir "/time_" who[i], who[i])
		load(dir "/time_threads1", "threads1")
		load(dir "/time_threads2", "threads2")
		load(dir "/time_threadsauto", "threadsauto")
		if (baseline != "")
			load(dir "/time_baseline", "baseline")
		printf "\n%-9s %12s %8s %8s %9s %10s %14s\n", "", "cpu s (best", "user s",
			"sys s", "wall s", "x real", "peak RSS MB"
		printf "%-9s %12s %8s %8s %9s %10s %14s\n", "", "of " runs ")", "", "", "(best)",
			"time (cpu)", "(most)"
		for (i = 1; i <= np; i++) {
			w = who[i]
			printf "%-9s %12.2f %8.2f %8.2f %9.2f %10.1f %14.1f\n", w, best_cpu[w],
				best_user[w], best_sys[w], best_wall[w],
				(best_cpu[w] > 0 ? length_sec / best_cpu[w] : 0), rss[w] / 1024
		}
		printf "\n"
		for (i = 2; i <= np; i++)
			printf "cpu %s/ttymix = %.2f\n", who[i], best_cpu[who[i]] / best_cpu["ttymix"]
		for (i = 2; i <= np; i++)
			printf "rss %s/ttymix = %.2f\n", who[i], rss[who[i]] / rss["ttymix"]
		fmt = "\nttymix wall s (best of %d): TTYMIX_RENDER_THREADS=1 %.2f, "
		fmt = fmt "TTYMIX_RENDER_THREADS=2 %.2f (1/2 = %.2f); cpu s %.2f and %.2f\n"
		printf fmt, runs, best_wall["threads1"], best_wall["threads2"],
			best_wall["threads1"] / best_wall["threads2"],
			best_cpu["threads1"], best_cpu["threads2"]
		printf "ttymix automatic thread count: wall s %.2f, cpu s %.2f\n",
			best_wall["threadsauto"], best_cpu["threadsauto"]
		if (baseline != "")
			printf "baseline copies (TTYMIX_BASELINE, no x86-64-v3): cpu s %.2f, %.2f x this" \
				" build; cpu ecasound/baseline = %.2f\n", best_cpu["baseline"],
				best_cpu["baseline"] / best_cpu["ttymix"],
				best_cpu["ecasound"] / best_cpu["baseline"]
	}'

# Every render must be the right length and carry sound. ecasound's loop devices each
# delay by one buffer and it runs until the last delayed buffer is out, so its file is
# longer: the song starts ECA_BUFFER frames late and the bus twice that.
echo
ok=yes
for p in $peers; do
	case $p in
	ttymix) f=$out_ttymix lo=$want_frames hi=$want_frames ;;
	ecasound) f=$out_eca lo=$want_frames hi=$((want_frames + 5 * ECA_BUFFER)) ;;
	sox) f=$out_sox lo=$want_frames hi=$want_frames ;;
	esac
	frames=$(soxi -s "$f" 2>/dev/null)
	read -r peak rms < <(stat_of "$f")
	verdict=ok
	if [ "$frames" -lt "$lo" ] || [ "$frames" -gt "$hi" ]; then
		verdict="WRONG LENGTH (want $lo to $hi)"
		ok=no
	fi
	if ! awk -v r="$rms" 'BEGIN { exit !(r != "-inf" && r + 0 > -60) }'; then
		verdict="SILENT (RMS under -60 dBFS)"
		ok=no
	fi
	printf "%-9s %9d frames (%.3f s), peak %7s dBFS, RMS %7s dBFS: %s\n" "$p" "$frames" \
		"$(awk -v n="$frames" -v r=$RATE 'BEGIN { print n / r }')" "$peak" "$rms" "$verdict"
done
echo "(different DSP: levels and tails differ; ecasound's output starts $ECA_BUFFER frames late)"
echo "chain settings: $work/params; commands: $work/ecasound_cmd, $work/sox_cmd"
[ $ok = yes ] || { echo "renders: FAILED"; exit 1; }
echo "renders: OK (right length, not silent)"
