#!/bin/bash
# bench/dsp_load.sh: the engine's DSP load at small buffers, as a figure users can set
# beside other DAWs' DSP meters.
#
#   bench/dsp_load.sh [DIR]
#
# Expects a built tree. Uses the project of bench/mix.sh (16 stereo tracks with gain
# and pan) from DIR/proj, making it there first when it is missing (`mix.sh
# --setup-only`); without DIR, in a temporary folder removed at the end. Then it starts
# a private JACK server on the dummy backend (no sound card needed; not real-time
# scheduled unless REALTIME=1), plays DURATION seconds of the project through
# PortAudio's JACK host API at BUFFER frames per period, and prints ttymix's own account
# of its callback: the mean and the worst time spent in engine_process_rt as a fraction
# of the period.
#
# Needs: jackd and jack_wait (Debian package jackd2: apt-get install
# --no-install-recommends jackd2), plus what mix.sh needs to make the project.
#
# Environment: TTYMIX (default: this tree's), DURATION (20 s), BUFFER (64 frames),
# RATE (48000 Hz), REALTIME (0: jackd -r; 1: jackd -R, SCHED_FIFO threads, which needs
# root or an rtprio limit; without it a busy machine shows xruns that are scheduling
# delays, not DSP load), GEN_TRACKS.
#
# CASE=fx128 (issue 23, goal 6) plays instead DIR/fx128: 128 stereo tracks, each with
# the full strip of bench/fx_chain.sh (EQ with a high-pass and four bands, compressor,
# fader at -6 dB, a post-fader send at -12 dB) and a reverb bus, made from 16 tracks of
# 30 s by gen_tracks (each file serves 8 tracks, each track with its own settings),
# played with --loop and stopped after DURATION seconds (600 by default: the goal is a
# mean under 30 % of one core and no xrun in 10 minutes).
#
# Then, on the same server, bench/jack_probe plays PROBE_SECONDS (DURATION; 0: none)
# as a client whose callback does fixed work as long as ttymix's mean callback: its
# late callbacks are what the machine does to any client of that weight (a hypervisor
# taking the CPU, interrupts, other real-time threads), and the script prints both
# counts per minute side by side. What ttymix counts beyond the probe is ttymix's.
set -eu

here=$(cd "$(dirname "$0")" && pwd)
top=$(cd "$here/.." && pwd)
TTYMIX=${TTYMIX:-$top/src/ttymix}
CASE=${CASE:-mix}
GEN_TRACKS=${GEN_TRACKS:-$top/bench/gen_tracks}
if [ "$CASE" = fx128 ]; then
	DURATION=${DURATION:-600}
else
	DURATION=${DURATION:-20}
fi
BUFFER=${BUFFER:-64}
RATE=${RATE:-48000}
REALTIME=${REALTIME:-0}
PROBE_SECONDS=${PROBE_SECONDS:-$DURATION}
JACK_PROBE=${JACK_PROBE:-$top/bench/jack_probe}

die() { echo "dsp_load.sh: $*" >&2; exit 1; }

[ -x "$TTYMIX" ] || die "$TTYMIX is missing: build the tree first (./configure && make)"
command -v jackd >/dev/null || die "jackd is missing: apt-get install --no-install-recommends jackd2"
command -v jack_wait >/dev/null \
	|| die "jack_wait is missing: apt-get install --no-install-recommends jackd2"

jackd_pid=
work_tmp=
cleanup() {
	if [ -n "$jackd_pid" ]; then
		kill "$jackd_pid" 2>/dev/null || true
		wait "$jackd_pid" 2>/dev/null || true
	fi
	[ -z "$work_tmp" ] || rm -rf "$work_tmp"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

if [ $# -ge 1 ]; then
	work=$1
	mkdir -p "$work"
	work=$(cd "$work" && pwd)
else
	work=$(mktemp -d "${TMPDIR:-/tmp}/ttymix-bench.XXXXXX")
	work_tmp=$work
fi
loop=
if [ "$CASE" = fx128 ]; then
	proj=$work/fx128
	loop=--loop
	if [ ! -f "$proj/project.json" ]; then
		[ -x "$GEN_TRACKS" ] || die "$GEN_TRACKS is missing: build the tree first"
		if [ "$(soxi -s "$work/tracks30/track16.wav" 2>/dev/null)" != $((30 * RATE)) ]; then
			rm -rf "$work/tracks30"
			"$GEN_TRACKS" -n 16 -s 30 -r "$RATE" "$work/tracks30" >&2
		fi
		"$TTYMIX" new "$proj" "$work"/tracks30/track*.wav >/dev/null
		python3 - "$proj/project.json" <<'EOF'
import copy, json, os, sys
path = sys.argv[1]
with open(path) as f:
    proj = json.load(f)
base = proj["tracks"]
tracks = []
for n in range(1, 129):
    # the settings of bench/fx_chain.sh's table, by the track's number
    t = copy.deepcopy(base[(n - 1) % len(base)])
    t["name"] = "t%03d" % n
    t["gain_db"] = -6.0
    t["pan"] = round((n % 9 - 4) / 5, 2)
    t["inserts"] = [
        {"type": "eq", "params": {
            "hpf_hz": 50 + 10 * (n % 6),
            "band1_hz": 180 + 20 * (n % 4), "band1_db": -3 + 0.5 * (n % 3), "band1_q": 1.0,
            "band2_hz": 700 + 100 * (n % 5), "band2_db": 2 + 0.5 * (n % 3), "band2_q": 1.4,
            "band3_hz": 3000 + 250 * (n % 4), "band3_db": -2 - 0.5 * (n % 2), "band3_q": 2.0,
            "band4_hz": 10000, "band4_db": 1.5 + 0.5 * (n % 2), "band4_q": 0.7}},
        {"type": "compressor", "params": {
            "threshold_db": -24 - 2 * (n % 3), "ratio": 3 + (n % 3),
            "attack_ms": 5 + 5 * (n % 3), "release_ms": 80 + 40 * (n % 3), "knee_db": 6}}]
    t["sends"] = [{"bus": "verb", "level_db": -12.0}]
    tracks.append(t)
proj["tracks"] = tracks
proj["buses"] = [{"name": "verb", "inserts": [{"type": "reverb",
                                               "params": {"mix": 1, "decay_s": 2}}]}]
# 128 tracks of -30 dBFS material at -6 dB: the master comes down to stay clear of 0 dBFS
proj.setdefault("master", {})["gain_db"] = -18.0
with open(path + ".tmp", "w") as f:
    json.dump(proj, f, indent="\t")
os.replace(path + ".tmp", path)
EOF
		"$TTYMIX" check "$proj" >/dev/null || die "ttymix check rejects $proj"
	fi
else
	if [ ! -f "$work/proj/project.json" ]; then
		"$here/mix.sh" --setup-only "$work" >&2
	fi
	proj=$work/proj
fi

# A server of our own, so that nothing else's clients share (or disturb) the graph.
export JACK_DEFAULT_SERVER=ttymix-bench-$$
export JACK_NO_START_SERVER=1
rt_flag=-r
[ "$REALTIME" = 1 ] && rt_flag=-R
jackd -n "$JACK_DEFAULT_SERVER" $rt_flag -d dummy -r "$RATE" -p "$BUFFER" \
	>"$work/jackd.log" 2>&1 &
jackd_pid=$!
if ! jack_wait -w -t 10 >/dev/null 2>&1 || ! kill -0 "$jackd_pid" 2>/dev/null; then
	cat "$work/jackd.log" >&2
	die "jackd did not start"
fi

echo "playing $DURATION s of $proj on jackd dummy, $BUFFER frames at $RATE Hz ..."
# stderr is a file, not a terminal: ttymix prints one status line per quarter second
if [ -n "$loop" ]; then
	# the 30 s song looped (--duration would loop a window of that length for ever):
	# stopped by SIGTERM after DURATION seconds of wall time, when it prints its report
	"$TTYMIX" play "$proj" --output pa --device "JACK Audio Connection Kit" \
		--buffer "$BUFFER" --loop 2>"$work/play.log" &
	play_pid=$!
	sleep "$DURATION"
	kill -TERM "$play_pid" 2>/dev/null || true
	wait "$play_pid" || true
elif ! "$TTYMIX" play "$proj" --output pa --device "JACK Audio Connection Kit" \
	--buffer "$BUFFER" --duration "$DURATION" 2>"$work/play.log"; then
	cat "$work/play.log" >&2
	die "ttymix play failed"
fi

jack_xruns=$(grep -c 'XRun' "$work/jackd.log" || true)

load_line=$(grep 'DSP load:' "$work/play.log" | tail -n 1 || true)
[ -n "$load_line" ] || {
	tail -n 5 "$work/play.log" >&2
	die "ttymix play printed no \"DSP load:\" line (is this build older than that report?)"
}
read -r mean worst < <(printf '%s\n' "$load_line" \
	| sed -n 's/.*DSP load: mean \([0-9.]*\)%, worst \([0-9.]*\)%.*/\1 \2/p')
[ -n "${mean:-}" ] && [ -n "${worst:-}" ] || die "cannot read \"$load_line\""
status=$(grep -v 'DSP load:' "$work/play.log" | grep 'xruns' | tail -n 1 || true)

period_ms=$(awk -v b="$BUFFER" -v r="$RATE" 'BEGIN { printf "%.3f", b * 1000 / r }')

# The yardstick: the same server, a client whose callback does fixed work as long as
# ttymix's mean callback, for PROBE_SECONDS. Its late callbacks are the machine's own.
probe_line=
if [ "$PROBE_SECONDS" != 0 ]; then
	[ -x "$JACK_PROBE" ] || die "$JACK_PROBE is missing: build the tree first (make)"
	work_us=$(awk -v m="$mean" -v p="$period_ms" 'BEGIN { printf "%.0f", m * p * 10 }')
	echo "the machine alone: a client of fixed work ($work_us us a callback) for" \
		"$PROBE_SECONDS s on the same server ..."
	before=$(grep -c 'XRun' "$work/jackd.log" || true)
	probe_line=$("$JACK_PROBE" "$work_us" "$PROBE_SECONDS") || die "jack_probe failed"
	probe_jack_xruns=$(( $(grep -c 'XRun' "$work/jackd.log" || true) - before ))
fi
echo
echo "machine: $(nproc) CPUs, $(awk -F': ' '/model name/ { print $2; exit }' /proc/cpuinfo)"
echo "ttymix says: ${load_line#ttymix: }"
echo "last status: $status"
echo "jackd (dummy, $([ "$REALTIME" = 1 ] && echo real-time || echo not real-time)) logged $jack_xruns xrun lines"
echo
printf 'period          %s ms (%s frames at %s Hz)\n' "$period_ms" "$BUFFER" "$RATE"
printf 'DSP load mean   %s %%  (%s ms per callback)\n' "$mean" \
	"$(awk -v m="$mean" -v p="$period_ms" 'BEGIN { printf "%.4f", m * p / 100 }')"
printf 'DSP load worst  %s %%  (%s ms)\n' "$worst" \
	"$(awk -v w="$worst" -v p="$period_ms" 'BEGIN { printf "%.4f", w * p / 100 }')"
if [ -n "$probe_line" ]; then
	echo "the machine alone: $probe_line over $PROBE_SECONDS s; jackd logged" \
		"$probe_jack_xruns xrun lines meanwhile"
	# ttymix's report: "(N callbacks, O overruns, S stalls, X xruns)"
	read -r t_over t_stall t_xrun < <(printf '%s\n' "$load_line" | sed -n \
		's/.* \([0-9]*\) overruns, \([0-9]*\) stalls, \([0-9]*\) xruns.*/\1 \2 \3/p')
	read -r p_over p_stall p_xrun < <(printf '%s\n' "$probe_line" | sed -n \
		's/.* \([0-9]*\) overruns, \([0-9]*\) stalls, \([0-9]*\) xruns.*/\1 \2 \3/p')
	awk -v to="${t_over:-0}" -v ts="${t_stall:-0}" -v d="$DURATION" -v po="${p_over:-0}" \
		-v ps="${p_stall:-0}" -v pd="$PROBE_SECONDS" -v tx="${t_xrun:-0}" \
		-v px="${p_xrun:-0}" 'BEGIN {
		printf "late callbacks per minute     ttymix   machine alone\n"
		printf "  by their own work (CPU)   %8.2f   %8.2f\n", to * 60 / d, po * 60 / pd
		printf "  could not run             %8.2f   %8.2f\n", ts * 60 / d, ps * 60 / pd
		printf "xruns the server reported   %8.2f   %8.2f\n", tx * 60 / d, px * 60 / pd }'
fi
if [ "$CASE" = fx128 ]; then
	awk -v m="$mean" -v d="$DURATION" 'BEGIN {
		printf "goal 6 of issue 23 (128 full strips and a reverb bus, %s s): mean <= 30 %%: %s\n",
			d, (m + 0 <= 30 ? "met" : "NOT met") }'
	echo "(xruns: ttymix's own count is in the last status above; jackd's lines above)"
fi
# issue 23 goal 8: the start of play apart (ttymix play says so when it played longer)
start_line=$(grep 'DSP load at the start:' "$work/play.log" | tail -n 1 || true)
read -r first after < <(printf '%s\n' "$start_line" \
	| sed -n 's/.*worst \([0-9.]*\)% in the first .* of play, \([0-9.]*\)% after.*/\1 \2/p')
if [ -n "${first:-}" ] && [ -n "${after:-}" ]; then
	printf 'worst at start  %s %% in the first 2 s of play, %s %% after: ratio %s\n' \
		"$first" "$after" "$(awk -v f="$first" -v a="$after" \
		'BEGIN { if (a > 0) printf "%.2f", f / a; else print "-" }')"
	echo "                (issue 23 goal 8: <= 2)"
fi
# the same by the audio thread's own CPU time (a build since issue 23's prefetch): the
# wall clock's worst on a busy machine is mostly time the thread waited for a core
cpu_line=$(grep 'DSP load at the start by CPU time:' "$work/play.log" | tail -n 1 || true)
read -r cfirst cafter < <(printf '%s\n' "$cpu_line" \
	| sed -n 's/.*worst \([0-9.]*\)% in the first .* of play, \([0-9.]*\)% after.*/\1 \2/p') \
	|| true
if [ -n "${cfirst:-}" ] && [ -n "${cafter:-}" ]; then
	printf 'by CPU time     %s %% in the first 2 s of play, %s %% after: ratio %s\n' \
		"$cfirst" "$cafter" "$(awk -v f="$cfirst" -v a="$cafter" \
		'BEGIN { if (a > 0) printf "%.2f", f / a; else print "-" }')"
fi
