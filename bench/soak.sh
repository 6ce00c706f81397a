#!/bin/bash
# bench/soak.sh: a long run of the studio under edits, for "never lose work" (issue 8).
#
#   bench/soak.sh [PROJECT]
#
# Plays PROJECT (default: the demo song, projects/demo, with its loop set over the whole
# song so that it plays for as long as the soak lasts) in the real studio UI, inside a
# private tmux server, through PortAudio's JACK host API into a private JACK server on
# the dummy backend at BUFFER (64) frames per period, for SOAK_SECONDS (600). Meanwhile
# it drives edits through the ':' command line and the keys at about RATE_PER_SEC (20)
# per second: fader moves, pans, mutes, solos, undo and redo, insert parameters and
# bypasses, send levels, clip moves, and now and then an insert added and taken away
# again (each a new graph swapped in under playback). At the end it prints:
#   - the xrun count from the studio's status line (and jackd's own xrun lines, by
#     kind), and the callbacks that took longer than their period (`:dsp`): the xruns
#     ttymix caused itself, where the others are the server's timer or the scheduler,
#   - the audio-thread check: the studio runs under LD_PRELOAD=tests/rtcheck.so, which
#     aborts on any malloc/free/lock/I/O inside engine_process_rt and prints a summary,
#   - VmRSS after the first minute (half the run, if it is shorter than two) and at the end,
#     with the change in %.
# Not a test (make check does not run it); it prints figures. The target from issue 8:
# 0 xruns caused by us, 0 violations, RSS at the end within 5 % of the first minute.
#
# Needs: a built tree (with tests/rtcheck.so: `make check` or `make tests/rtcheck.so`),
# jackd and jack_wait (jackd2), tmux, python3 (to set the loop), soxi (sox) for the
# song's length.
#
# Environment: TTYMIX (this tree's), SOAK_SECONDS (600), BUFFER (64), RATE (48000),
# RATE_PER_SEC (20 edits per second), REALTIME (0: jackd -r; 1: -R), RTCHECK (this
# tree's tests/rtcheck.so; empty: run without it), KEEP (1: keep the work folder).
set -u

here=$(cd "$(dirname "$0")" && pwd)
top=$(cd "$here/.." && pwd)
TTYMIX=${TTYMIX:-$top/src/ttymix}
SOAK_SECONDS=${SOAK_SECONDS:-600}
BUFFER=${BUFFER:-64}
RATE=${RATE:-48000}
RATE_PER_SEC=${RATE_PER_SEC:-20}
REALTIME=${REALTIME:-0}
RTCHECK=${RTCHECK-$top/tests/rtcheck.so}
KEEP=${KEEP:-0}

die() { echo "soak.sh: $*" >&2; exit 1; }

[ -x "$TTYMIX" ] || die "$TTYMIX is missing: build the tree first"
for tool in jackd jack_wait tmux python3 soxi; do
	command -v "$tool" >/dev/null || die "$tool is missing"
done
if [ -n "$RTCHECK" ] && [ ! -f "$RTCHECK" ]; then
	die "$RTCHECK is missing: make tests/rtcheck.so (or RTCHECK= to run without it)"
fi

work=$(mktemp -d "${TMPDIR:-/tmp}/ttymix-soak.XXXXXX") || die "no temporary folder"
SOCKET=ttymix-soak-$$
unset TMUX
export TMUX_TMPDIR=$work
jackd_pid=
tm() { tmux -L "$SOCKET" -f /dev/null "$@"; }
cleanup() {
	tm kill-server >/dev/null 2>&1
	if [ -n "$jackd_pid" ]; then
		kill "$jackd_pid" 2>/dev/null
		wait "$jackd_pid" 2>/dev/null
	fi
	if [ "$KEEP" = 1 ]; then
		echo "soak.sh: kept $work"
	else
		rm -rf "$work"
	fi
}
trap cleanup EXIT
trap 'exit 130' INT TERM

# ---- the project: a copy, looped over its whole length ----
src=${1:-$top/projects/demo}
[ -f "$src/project.json" ] || die "$src/project.json is missing (the demo is built by make)"
cp -r "$src" "$work/proj" || die "cannot copy $src"
python3 - "$work/proj" <<'PY' || die "cannot set the loop"
import json, subprocess, sys, os
d = sys.argv[1]
p = json.load(open(os.path.join(d, "project.json")))
end = 0.0
for t in p.get("tracks", []):
    for c in t.get("clips", []):
        length = c.get("length")
        if length is None or length < 0:
            f = c["file"] if os.path.isabs(c["file"]) else os.path.join(d, c["file"])
            length = float(subprocess.check_output(["soxi", "-D", f])) - c.get("offset", 0)
        end = max(end, c.get("start", 0) + length)
p["loop"] = {"start": 0, "end": round(end, 3), "enabled": True}
json.dump(p, open(os.path.join(d, "project.json"), "w"), indent=1)
print("soak.sh: looping %.1f s of %s" % (end, d))
PY
n_tracks=$(python3 -c 'import json,sys; print(len(json.load(open(sys.argv[1]))["tracks"]))' \
	"$work/proj/project.json")
[ "$n_tracks" -ge 1 ] || die "the project has no tracks"

# ---- a private JACK server ----
export JACK_DEFAULT_SERVER=ttymix-soak-$$
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

# ---- the studio, in tmux, under rtcheck.so; its pid and stderr go to files ----
cat >"$work/run" <<'EOF2'
#!/bin/sh
# $1: pid file, $2: stderr file, $3: status file; the rest: the command
pidf=$1 errf=$2 statf=$3
shift 3
echo $$ >"$pidf"
"$@" 2>"$errf"
echo $? >"$statf"
exec sleep 600
EOF2
q() { printf "'%s'" "$(printf '%s' "$1" | sed "s/'/'\\\\''/g")"; }
# the run script's shell becomes ttymix's parent: ttymix is the child that has our
# command line (found below through /proc, by the pid the script wrote)
cmd="sh $(q "$work/run") $(q "$work/sh.pid") $(q "$work/ttymix.err") $(q "$work/status")"
cmd="$cmd env TERM=screen LANG=C.UTF-8 LC_ALL=C.UTF-8 XDG_DATA_HOME=$(q "$work/xdg")"
[ -n "$RTCHECK" ] && cmd="$cmd LD_PRELOAD=$(q "$RTCHECK")"
cmd="$cmd $(q "$TTYMIX") --output pa --device 'JACK Audio Connection Kit'"
cmd="$cmd --buffer $BUFFER $(q "$work/proj")"
tm new-session -d -s soak -x 100 -y 30 "$cmd" || die "tmux could not start"

screen() { tm capture-pane -p -t soak 2>/dev/null; }
tries=0
until screen | grep -q 'xruns'; do
	tries=$((tries + 1))
	[ "$tries" -lt 200 ] || { screen; cat "$work/ttymix.err"; die "the studio did not start"; }
	sleep 0.1
done
shpid=$(cat "$work/sh.pid")
pid=
for child in $(cat /proc/"$shpid"/task/*/children 2>/dev/null); do
	pid=$child
done
[ -n "$pid" ] && [ -r "/proc/$pid/status" ] || die "cannot find the studio's process"
rss_kb() { awk '/^VmRSS:/ { print $2 }' "/proc/$pid/status" 2>/dev/null; }

tm send-keys -t soak Space
sleep 1
screen | grep -q 'PLAY' || { screen; die "the studio does not say PLAY after Space"; }
echo "soak.sh: playing on jackd dummy, $BUFFER frames at $RATE Hz, for $SOAK_SECONDS s;" \
	"$RATE_PER_SEC edits per second; pid $pid"

# ---- the edits ----
line() { tm send-keys -t soak -l ":$1" && tm send-keys -t soak Enter; }
edit() {
	local i=$1 t=$(( ($1 / 7) % n_tracks + 1 ))
	case $(( i % 18 )) in
	0) line "gain $t -$(( i % 24 )).5" ;;
	1) line "pan $t 0.$(( i % 10 ))" ;;
	2) line "mute $t" ;;
	3) tm send-keys -t soak u ;;
	4) tm send-keys -t soak C-r ;;
	5) line "pan $t -0.$(( (i / 3) % 10 ))" ;;
	6) line "solo $t" ;;
	7) line "solo $t off" ;;
	8) tm send-keys -t soak u ;;
	9) line "gain $t $(( i % 6 ))" ;;
	10) line "fx 1 1 band2_db $(( i % 13 - 6 ))" ;;
	11) line "fx 1 2 threshold_db -$(( 10 + i % 30 ))" ;;
	12) line "insert 1 bypass 1" ;;
	13) [ -n "$send_bus" ] && line "send $t $send_bus -$(( 10 + i % 40 ))" ;;
	14) # a shape change now and then: an insert added, and later taken away
		if [ $(( (i / 16) % 8 )) -eq 0 ]; then line "insert 2 add chorus"
		elif [ $(( (i / 16) % 8 )) -eq 4 ]; then line "insert 2 del 1"; fi ;;
	15) line "fx 1 1 hpf_hz $(( 20 + i % 200 ))" ;;
	16) # a clip move (the arranger's selected clip: the first one of track 1)
		line "move 0.$(( i % 10 ))" ;;
	17) tm send-keys -t soak u ;;
	esac
}
# inserts for the edits to move: an eq and a compressor on track 1; a bus to send to
# (the demo's Reverb, else none)
line "insert 1 add eq"
line "insert 1 add compressor"
# the arranger with the first clip of track 1 selected, for :move
tm send-keys -t soak 1 Home
tm send-keys -t soak Tab
send_bus=$(python3 -c 'import json,sys; b=json.load(open(sys.argv[1])).get("buses",[]);
print(b[0]["name"] if b else "")' "$work/proj/project.json" 2>/dev/null)
sleep 0.5
start=$(date +%s)
start_ns=$(date +%s%N)
step_ns=$(( 1000000000 / RATE_PER_SEC ))
# the first minute: past start-up and the first pass over the song (shorter soaks: half)
first_minute=$(( SOAK_SECONDS >= 120 ? 60 : SOAK_SECONDS / 2 ))
rss_first=
edits=0
while :; do
	now=$(date +%s)
	elapsed=$(( now - start ))
	[ "$elapsed" -lt "$SOAK_SECONDS" ] || break
	if [ -z "$rss_first" ] && [ "$elapsed" -ge "$first_minute" ]; then
		rss_first=$(rss_kb)
		echo "soak.sh: after ${elapsed} s: VmRSS $rss_first kB, $edits edits"
	fi
	kill -0 "$pid" 2>/dev/null || { screen; cat "$work/ttymix.err"; die "the studio died"; }
	edit "$edits"
	edits=$(( edits + 1 ))
	# keep to the rate on average: sleep only as long as we are ahead of it
	ahead_ms=$(( (start_ns + edits * step_ns - $(date +%s%N)) / 1000000 ))
	[ "$ahead_ms" -le 0 ] || sleep "$(printf '%d.%03d' $(( ahead_ms / 1000 )) $(( ahead_ms % 1000 )))"
done
rss_end=$(rss_kb)
screen >"$work/screen.txt"
status_line=$(grep 'xruns' "$work/screen.txt" | tail -n 1)
xruns=$(echo "$status_line" | sed -n 's/.*xruns \([0-9]*\).*/\1/p')
playing=$(grep -c 'PLAY' "$work/screen.txt")
# the studio's own account of its DSP load: callbacks over their period are the xruns
# ttymix caused; the status line's count also holds the server's and the scheduler's
tm send-keys -t soak Escape
line "dsp"
sleep 0.5
dsp_line=$(screen | grep -o 'DSP [0-9].*' | tail -n 1 | sed 's/  *$//')

# ---- leave, and read rtcheck's summary ----
tm send-keys -t soak Escape
line "q!"
tries=0
while [ ! -s "$work/status" ] && [ "$tries" -lt 100 ]; do
	sleep 0.1
	tries=$((tries + 1))
done
exit_status=$(cat "$work/status" 2>/dev/null || echo "none (did not exit)")
jack_xruns=$(grep -c -i 'xrun' "$work/jackd.log")

echo
echo "machine: $(nproc) CPUs, $(awk -F': ' '/model name/ { print $2; exit }' /proc/cpuinfo)"
echo "soak: $SOAK_SECONDS s, $edits edits ($(awk -v e="$edits" -v s="$SOAK_SECONDS" \
	'BEGIN { printf "%.1f", e / s }') per second), $BUFFER-frame buffers at $RATE Hz"
echo "still playing at the end: $([ "$playing" -gt 0 ] && echo yes || echo NO)"
echo "xruns (status line): ${xruns:-?}    jackd xrun lines: $jack_xruns"
if [ "$REALTIME" != 1 ] && [ "${xruns:-0}" != 0 ]; then
	echo "  (jackd ran without real-time scheduling: its periods wait for the CPU like any"
	echo "   process; REALTIME=1 tells scheduling delays from xruns caused by ttymix)"
fi
echo "last status line: $(echo "$status_line" | sed 's/  */ /g')"
echo "${dsp_line:-DSP load: not read (the :dsp line did not show)}"
over=$(echo "$dsp_line" | sed -n 's/.*; \([0-9]*\) overruns.*/\1/p')
kept=$(echo "$dsp_line" | sed -n 's/.* \([0-9]*\) stalls.*/\1/p')
echo "xruns caused by ttymix (callbacks whose own CPU time passed their period): ${over:-?}"
echo "late callbacks whose thread was kept from running: ${kept:-?}"
# jackd's own account: its timer woke late; our client had been signalled but was not
# running yet when the period ended (the scheduler); or it was running
echo "jackd: timer late $(grep -c 'TimedDriver::Process XRun' "$work/jackd.log")," \
	"ttymix signalled but not yet running $(grep -c 'not finished, state = Triggered' \
	"$work/jackd.log"), ttymix running $(grep -c 'not finished, state = Running' \
	"$work/jackd.log")"
if [ -n "$RTCHECK" ]; then
	rt=$(grep '^rtcheck:' "$work/ttymix.err" | tail -n 3)
	echo "${rt:-rtcheck: no summary (the studio did not exit cleanly?)}"
else
	echo "rtcheck: not run (RTCHECK is empty)"
fi
echo "exit status: $exit_status"
if [ -n "$rss_first" ] && [ -n "$rss_end" ]; then
	echo "VmRSS after ${first_minute} s: $rss_first kB; at the end: $rss_end kB;" \
		"change $(awk -v a="$rss_first" -v b="$rss_end" 'BEGIN { printf "%+.1f", (b - a) * 100 / a }') %"
else
	echo "VmRSS: not measured (first: ${rss_first:-?}, end: ${rss_end:-?})"
fi
other=$(grep -v '^rtcheck:' "$work/ttymix.err" | head -n 5)
[ -z "$other" ] || { echo "the studio's stderr:"; echo "$other"; }
