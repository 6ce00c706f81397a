#!/bin/bash
# bench/ui_figures.sh: the terminal studio's own figures (issue 3's closing note).
#
#   bench/ui_figures.sh
#
# Expects a built tree (./configure && make, which also generates the demo song in
# projects/demo); it runs src/ttymix from the tree this script sits in, in tmux on a
# private server whose socket lives in a temporary folder, and prints
#  1. start to first frame with the demo: from the moment the pane execs `ttymix` (no
#     argument: the demo) to the moment the mixer's title is on the screen; the first
#     run copies the demo into a fresh $XDG_DATA_HOME, the others open that copy;
#  2. ready to play for a quick audition of three 3-minute stereo stems
#     (`ttymix a.wav b.wav c.flac`, which starts playing by itself): from exec to the
#     status bar showing PLAY (the engine reports playing, not WAIT for the disk
#     thread's first blocks), and to the position moving past 0:00.0 (the status bar
#     rounds to tenths: from 0.05 s of playback);
#  3. bytes per second written to the terminal while the demo plays, at 80x24 and
#     160x48 (tmux pipe-pane), and the bytes over the same time idle; in UTF-8 with
#     256 colours and in ASCII with 8 colours (block characters take 3 bytes each).
# The screen is polled with tmux capture-pane every POLL_SEC, which bounds the
# resolution of 1 and 2. Everything runs on the null driver (--output null): the
# figures are about the studio, not about a sound card.
#
# Needs: tmux, sox. Environment: TTYMIX (default: this tree's), RUNS (5),
# MEASURE_SEC (5), POLL_SEC (0.005).
set -eu

here=$(cd "$(dirname "$0")" && pwd)
top=$(cd "$here/.." && pwd)
TTYMIX=${TTYMIX:-$top/src/ttymix}
RUNS=${RUNS:-5}
MEASURE_SEC=${MEASURE_SEC:-5}
POLL_SEC=${POLL_SEC:-0.005}
WAIT_SEC=30

die() { echo "ui_figures.sh: $*" >&2; exit 1; }

[ -x "$TTYMIX" ] || die "$TTYMIX is missing: build the tree first (./configure && make)"
[ -s "$top/projects/demo/project.json" ] || die "no demo in $top/projects/demo: run make"
for tool in tmux sox; do
	command -v "$tool" >/dev/null || die "$tool is missing: apt-get install $tool"
done

work=$(mktemp -d "${TMPDIR:-/tmp}/ttymix-ui-figures.XXXXXX")
socket=ttymix-figures-$$
unset TMUX
export TMUX_TMPDIR=$work
tm() { tmux -u -L "$socket" -f /dev/null "$@"; }
trap 'tm kill-server >/dev/null 2>&1; rm -rf "$work"' EXIT

q() { printf "'%s'" "$(printf '%s' "$1" | sed "s/'/'\\\\''/g")"; }
now_ns() { date +%s%N; }

# The pane waits for $work/go, writes the time it execs ttymix to $work/t0, then runs
# it; so tmux's own start-up is not counted.
cat >"$work/run" <<'EOF'
#!/bin/sh
go=$1 t0=$2
shift 2
while [ ! -e "$go" ]; do sleep 0.01; done
date +%s%N >"$t0"
exec "$@"
EOF

# launch SESSION WIDTH HEIGHT XDG ARG...: a pane ready to exec ttymix ARG... with
# $LOOK_TERM and $LOOK_LANG
LOOK_TERM=xterm-256color
LOOK_LANG=C.UTF-8
launch() {
	local session=$1 width=$2 height=$3 xdg=$4
	shift 4
	rm -f "$work/go" "$work/t0"
	local cmd="sh $(q "$work/run") $(q "$work/go") $(q "$work/t0") env TERM=$LOOK_TERM"
	cmd="$cmd LANG=$LOOK_LANG LC_ALL=$LOOK_LANG XDG_DATA_HOME=$(q "$xdg") $(q "$TTYMIX")"
	cmd="$cmd --output null"
	local arg
	for arg in "$@"; do cmd="$cmd $(q "$arg")"; done
	tm new-session -d -s "$session" -x "$width" -y "$height" -c "$work" "$cmd; sleep 600"
	sleep 0.3 # the pane's shell is waiting for go
}

# until_screen SESSION ERE: poll until the screen matches; prints ms since t0
until_screen() {
	local session=$1 ere=$2 deadline=$(( $(now_ns) + WAIT_SEC * 1000000000 ))
	touch "$work/go"
	while :; do
		if tm capture-pane -p -t "$session" 2>/dev/null | grep -Eq -- "$ere"; then
			local t1
			t1=$(now_ns)
			while [ ! -s "$work/t0" ]; do sleep 0.001; done
			echo $(( (t1 - $(cat "$work/t0")) / 1000000 ))
			return 0
		fi
		[ "$(now_ns)" -lt "$deadline" ] || die "$session: waited ${WAIT_SEC}s for /$ere/"
		sleep "$POLL_SEC"
	done
}

stop_session() {
	tm send-keys -t "$1" q
	sleep 0.2
	tm kill-session -t "$1" 2>/dev/null || true
}

# median of the arguments
median() { printf '%s\n' "$@" | sort -n | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }'; }

echo "ttymix UI figures ($(uname -m), $(nproc) CPUs, tmux $(tmux -V | cut -d' ' -f2))"
echo

# ---- 1. the demo's first frame ----
times=()
for run in $(seq 1 "$RUNS"); do
	xdg=$work/xdg
	[ "$run" -gt 1 ] || rm -rf "$xdg"
	launch demo 80 24 "$xdg"
	ms=$(until_screen demo 'MIXER +\? help')
	[ "$run" -eq 1 ] && first_copy=$ms || times+=("$ms")
	stop_session demo
done
echo "start to first frame, the demo (80x24, $LOOK_TERM, $LOOK_LANG):"
echo "  first open (copies the demo into XDG_DATA_HOME): $first_copy ms"
if [ "${#times[@]}" -gt 0 ]; then
	echo "  opening the copy: median $(median "${times[@]}") ms of ${#times[@]} runs" \
		"(${times[*]})"
fi
echo

# ---- 2. quick audition of three 3-minute stems ----
sox -n -r 48000 -c 2 -b 16 "$work/a.wav" synth 180 pinknoise vol 0.2
sox -n -r 48000 -c 2 -b 24 "$work/b.wav" synth 180 sine 110 vol 0.3
sox -n -r 44100 -c 2 -b 16 "$work/c.flac" synth 180 brownnoise vol 0.2 # resampled
play_times=()
moving_times=()
for run in $(seq 1 "$RUNS"); do
	launch audition 80 24 "$work/xdg" a.wav b.wav c.flac
	play_times+=("$(until_screen audition '^ PLAY ')")
	moving_times+=("$(until_screen audition '^ PLAY +0:00\.[1-9] |^ PLAY +0:0[1-9]\.')")
	stop_session audition
done
echo "ready to play, 3 x 180 s stereo (WAV 16 and 24-bit at 48 kHz, FLAC at 44.1 kHz):"
echo "  PLAY on the status bar: median $(median "${play_times[@]}") ms of $RUNS runs" \
	"(${play_times[*]})"
echo "  the position moving:    median $(median "${moving_times[@]}") ms of $RUNS runs" \
	"(${moving_times[*]})"
echo

# ---- 3. bytes on the terminal ----
# bytes SESSION SECONDS: what the program writes to its terminal meanwhile
bytes() {
	local log=$work/$1.bytes before after
	: >"$log"
	tm pipe-pane -o -t "$1" "cat >> $(q "$log")"
	sleep 0.3
	before=$(wc -c <"$log")
	sleep "$2"
	after=$(wc -c <"$log")
	tm pipe-pane -t "$1"
	echo $((after - before))
}

echo "bytes written to the terminal, the demo on the mixer page, over $MEASURE_SEC s:"
for look in "xterm-256color C.UTF-8" "screen C"; do
	LOOK_TERM=${look% *}
	LOOK_LANG=${look#* }
	for size in 80x24 160x48; do
		launch "s$size" "${size%x*}" "${size#*x}" "$work/xdg"
		until_screen "s$size" 'MIXER +\? help' >/dev/null
		sleep 1
		idle=$(bytes "s$size" "$MEASURE_SEC")
		tm send-keys -t "s$size" Space
		sleep 0.5
		busy=$(bytes "s$size" "$MEASURE_SEC")
		stop_session "s$size"
		printf '  %-7s %-15s %-8s idle %d bytes; playing %d bytes/s (%d bytes)\n' "$size" \
			"$LOOK_TERM" "$LOOK_LANG" "$idle" $((busy / MEASURE_SEC)) "$busy"
	done
done
