#!/bin/bash
# bench/classroom.sh [N] [SECONDS]: a class on one server. Starts N studios (default 8)
# on copies of the demo song, each in its own tmux window at 80x24 on the null output,
# as N students over SSH would be, and prints per student: CPU while stopped, CPU
# while playing (each over SECONDS, default 10), resident memory, and the bytes per
# second the terminal is sent (what SSH carries). Run it on a built tree:
#   bench/classroom.sh 20 10
# Figures, not a pass or fail; the machine's other load shows in them.
set -u
N=${1:-8}
S=${2:-10}
top=$(cd "$(dirname "$0")/.." && pwd)
TTYMIX=${TTYMIX:-$top/src/ttymix}
[ -x "$TTYMIX" ] || { echo "build first: $TTYMIX is missing"; exit 1; }
command -v tmux >/dev/null || { echo "needs tmux"; exit 1; }
work=$(mktemp -d)
sock=classroom$$
cleanup() {
	tmux -L "$sock" kill-server 2>/dev/null
	rm -rf "$work"
}
trap cleanup EXIT
hz=$(getconf CLK_TCK)

pids=()
for i in $(seq 1 "$N"); do
	cp -r "$top/projects/demo" "$work/s$i"
	: >"$work/bytes$i"
	if [ "$i" -eq 1 ]; then
		tmux -L "$sock" new-session -d -s class -x 80 -y 24 -n s1 \
			"XDG_DATA_HOME=$work/xdg$i exec $TTYMIX --output null $work/s$i"
	else
		tmux -L "$sock" new-window -t class -n "s$i" \
			"XDG_DATA_HOME=$work/xdg$i exec $TTYMIX --output null $work/s$i"
	fi
	tmux -L "$sock" pipe-pane -o -t "class:s$i" "cat >>$work/bytes$i"
done
sleep 3
for i in $(seq 1 "$N"); do
	pids+=("$(tmux -L "$sock" display -p -t "class:s$i" '#{pane_pid}')")
done

ticks() { # total CPU ticks of every student
	local sum=0
	for p in "${pids[@]}"; do
		sum=$((sum + $(awk '{print $14 + $15}' "/proc/$p/stat")))
	done
	echo "$sum"
}
bytes() {
	cat "$work"/bytes* | wc -c
}
rss_kb() {
	local sum=0
	for p in "${pids[@]}"; do
		sum=$((sum + $(awk '/^VmRSS/ {print $2}' "/proc/$p/status")))
	done
	echo "$sum"
}
measure() { # label: per-student CPU % and bytes/s over S seconds
	local t0 b0 t1 b1
	t0=$(ticks); b0=$(bytes)
	sleep "$S"
	t1=$(ticks); b1=$(bytes)
	awk -v l="$1" -v t=$((t1 - t0)) -v b=$((b1 - b0)) -v n="$N" -v s="$S" -v hz="$hz" \
		'BEGIN { printf "%-9s %6.2f %% of a core per student, %7.0f bytes/s to each terminal\n",
			l, t / hz / s / n * 100, b / s / n }'
}

sleep 2 # every studio past its first second: at rest
echo "classroom: $N studios, 80x24, null output, demo song, $(nproc) cores"
measure stopped
for i in $(seq 1 "$N"); do tmux -L "$sock" send-keys -t "class:s$i" Space; done
sleep 1
measure playing
echo "memory    $(( $(rss_kb) / N / 1024 )) MB resident per student"
