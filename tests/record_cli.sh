#!/bin/sh
# ttymix record PROJECT --track NAME --duration S (src/studio/record_cli.c) on a
# private jackd dummy server at 64 frames, started here and stopped by PID: jack_metro
# wired to in_1 is recorded as take 1 on a new track, a clip in the saved project,
# placed back by JACK's latencies, with JACK's callback under tests/rtcheck.so; a
# usage error says its line and exits 2.
#
# Needs tmux (for tmux_lib.sh), sox, python3, jackd, jack_lsp, jack_connect, jack_metro
# (Debian jackd2).
set -u

: "${top_srcdir:?run me through make check}"
: "${top_builddir:?run me through make check}"
: "${TTYMIX:?run me through make check}"
WAIT_SEC=20
PACKAGES="tmux, sox, python3 and jackd2"
TEST=record_cli
. "$top_srcdir/tests/tmux_lib.sh"
require_tools tmux sox python3 jackd jack_lsp jack_connect jack_metro timeout
tmux_setup recordcli

jack_private reccli
on_exit() {
	[ -z "${metro_pid:-}" ] || kill -TERM "$metro_pid" 2>/dev/null
	[ -z "${rec_pid:-}" ] || kill -KILL "$rec_pid" 2>/dev/null
}
CLEANUP_HOOK=on_exit
metro_pid=
rec_pid=

cd "$WORK" || exit 99
sox -n -r 48000 -c 1 -b 24 s.wav synth 1 sine 440 gain -10 || fail "sox failed"
"$TTYMIX" new "$WORK/p" s.wav >new.log 2>&1 || fail "ttymix new failed"
"$TTYMIX" record "$WORK/p" --track vox >usage.log 2>&1
[ $? -eq 2 ] && grep -q 'usage: ttymix record PROJECT --track NAME' usage.log ||
	fail "no usage line for a record without --duration: $(cat usage.log)"

# jackd at 64 frames (tmux_lib.sh's start_jackd runs 256)
jackd -n "$JACK_DEFAULT_SERVER" -r -S -d dummy -r 48000 -p 64 >jackd.log 2>&1 &
jackd_pid=$!
tries=0
until timeout 5 jack_lsp >/dev/null 2>&1; do
	[ "$tries" -lt 100 ] || fail "jackd did not answer: $(head -n 3 jackd.log)"
	sleep 0.1
	tries=$((tries + 1))
done
jack_metro -n metro -b 240 -f 1000 -a 0.5 >metro.log 2>&1 &
metro_pid=$!
# under the rtcheck preload: the capture in JACK's callback keeps the audio-thread
# contract (no allocation, lock, or system call)
rtcheck=
[ -n "${TTYMIX_SANITIZED:-}" ] || rtcheck=$top_builddir/tests/rtcheck.so
LD_PRELOAD=$rtcheck "$TTYMIX" record "$WORK/p" --track vox --duration 2 >rec.log 2>&1 &
rec_pid=$!
tries=0
until timeout 5 jack_connect metro:240_bpm ttymix:in_1 2>/dev/null; do
	[ "$tries" -lt 100 ] || fail "could not wire jack_metro to ttymix:in_1"
	sleep 0.05
	tries=$((tries + 1))
done
wait "$rec_pid"
status=$?
rec_pid=
[ "$status" -eq 0 ] || fail "ttymix record exited with $status: $(cat rec.log)"
cat rec.log
if [ -n "$rtcheck" ]; then
	grep '^rtcheck: violation' rec.log && fail "the capture broke the audio-thread contract"
	grep -q '^rtcheck: [1-9][0-9]* audio callbacks checked, 0 violations$' rec.log ||
		fail "rtcheck saw no JACK callback: $(cat rec.log)"
fi
grep -q 'recorded vox take 1: 2\.0 s' rec.log || fail "no take said: $(cat rec.log)"
peak=$(sox p/audio/vox-take1.wav -n stat 2>&1 | sed -n 's/^Maximum amplitude: *//p')
python3 -c 'import sys; sys.exit(float(sys.argv[1]) < 0.1)' "${peak:-0}" ||
	fail "the take is silent (peak ${peak:-none}): the metronome was not recorded"
python3 -c '
import json, sys
p = json.load(open("p/project.json"))
c = [c for t in p["tracks"] if t["name"] == "vox" for c in t.get("clips", [])]
# placed back by the system ports latencies JACK reports (64 + 64 frames here)
sys.exit(not (len(c) == 1 and c[0]["file"] == "audio/vox-take1.wav"
	and abs(c[0]["offset"] * 48000 - 128) < 0.5))
' || fail "no vox clip of the take, 128 frames early, in project.json: $(grep -A12 '"vox"' p/project.json)"
# the arming was for the take alone: the project keeps none (record_armed)
! grep -q record_ p/project.json || fail "ttymix record left its arming in project.json"
exit 0
