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
# delays, not DSP load).
set -eu

here=$(cd "$(dirname "$0")" && pwd)
top=$(cd "$here/.." && pwd)
TTYMIX=${TTYMIX:-$top/src/ttymix}
DURATION=${DURATION:-20}
BUFFER=${BUFFER:-64}
RATE=${RATE:-48000}
REALTIME=${REALTIME:-0}

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
if [ ! -f "$work/proj/project.json" ]; then
	"$here/mix.sh" --setup-only "$work" >&2
fi
proj=$work/proj

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
if ! "$TTYMIX" play "$proj" --output pa --device "JACK Audio Connection Kit" \
	--buffer "$BUFFER" --duration "$DURATION" 2>"$work/play.log"; then
	cat "$work/play.log" >&2
	die "ttymix play failed"
fi

load_line=$(grep 'DSP load:' "$work/play.log" | tail -n 1 || true)
[ -n "$load_line" ] || {
	tail -n 5 "$work/play.log" >&2
	die "ttymix play printed no \"DSP load:\" line (is this build older than that report?)"
}
read -r mean worst < <(printf '%s\n' "$load_line" \
	| sed -n 's/.*DSP load: mean \([0-9.]*\)%, worst \([0-9.]*\)%.*/\1 \2/p')
[ -n "${mean:-}" ] && [ -n "${worst:-}" ] || die "cannot read \"$load_line\""
status=$(grep -v 'DSP load:' "$work/play.log" | grep 'xruns' | tail -n 1 || true)
jack_xruns=$(grep -c 'XRun' "$work/jackd.log" || true)

period_ms=$(awk -v b="$BUFFER" -v r="$RATE" 'BEGIN { printf "%.3f", b * 1000 / r }')
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
