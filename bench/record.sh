#!/bin/sh
# bench/record.sh [SECONDS]: recording under load. On a private jackd dummy server at
# 64-frame periods, the studio (in tmux) arms 16 tracks (:arm 1-16, stereo inputs,
# fed by jack_metro) and records SECONDS (default 20) while the 16-track bench song
# plays; prints the take's message: frames lost to full rings (overflows) and how long
# after R the first samples were written. Needs tmux, jackd, jack_metro.
set -u
top=$(cd "$(dirname "$0")/.." && pwd)
TTYMIX=${TTYMIX:-$top/src/ttymix}
secs=${1:-20}
work=$(mktemp -d "${TMPDIR:-/tmp}/ttymix-benchrec.XXXXXX") || exit 1
export JACK_DEFAULT_SERVER=ttymix-benchrec-$$ JACK_NO_START_SERVER=1
sock=benchrec-$$
cleanup() {
	tmux -L "$sock" kill-server 2>/dev/null
	[ -z "${metro:-}" ] || kill "$metro" 2>/dev/null
	[ -z "${jackd:-}" ] || kill "$jackd" 2>/dev/null
	wait 2>/dev/null
	rm -rf "$work"
}
trap cleanup EXIT
"$top/bench/gen_tracks" -n 16 -s "$((secs + 5))" "$work/tracks" >/dev/null || exit 1
"$TTYMIX" new "$work/p" "$work"/tracks/*.wav >/dev/null || exit 1
jackd -n "$JACK_DEFAULT_SERVER" -r -S -d dummy -r 48000 -p 64 >"$work/jackd.log" 2>&1 &
jackd=$!
until timeout 5 jack_lsp >/dev/null 2>&1; do sleep 0.1; done
jack_metro -n metro -b 300 -f 1000 -a 0.5 >/dev/null 2>&1 &
metro=$!
tmux -L "$sock" -f /dev/null new-session -d -x 160 -y 40 \
	"env TERM=screen XDG_DATA_HOME=$work/xdg $TTYMIX --output jack $work/p"
screen() { tmux -L "$sock" capture-pane -p; }
wait_for() {
	i=0
	until screen | grep -Eq "$1"; do
		i=$((i + 1))
		[ "$i" -lt 600 ] || { echo "timed out waiting for $1"; screen; exit 1; }
		sleep 0.1
	done
}
line() { tmux -L "$sock" send-keys ":$1" Enter; }
wait_for 'JACK: ttymix, 48000 Hz, 64 frames'
line 'input 1-16 1-2'
line 'arm 1-16 on'
wait_for 'armed'
until timeout 5 jack_connect metro:300_bpm ttymix:in_1 2>/dev/null; do sleep 0.1; done
timeout 5 jack_connect metro:300_bpm ttymix:in_2
tmux -L "$sock" send-keys R
wait_for 'recording track01 and 15 more'
sleep "$secs"
tmux -L "$sock" send-keys R
wait_for 'recorded track01 take 1 and 15 more'
screen | grep -o 'recorded track01.*' | sed 's/ *$//'
echo "xruns: $(screen | grep -o 'xruns [0-9]*')"
ls "$work/p/audio" | grep -c -- '-take1.wav' | sed 's/^/take files: /'
