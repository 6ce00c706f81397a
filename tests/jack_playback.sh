#!/bin/sh
# Real playback, checked sample for sample: start a private JACK server on its dummy
# backend, play a project with `ttymix play --output pa` (PortAudio's JACK host API),
# record what reached the server with jack_rec, and find the recording inside an
# offline `ttymix render` of the same project (tests/align_compare). The residual must
# be at the noise floor of the recording. Then play once more under tests/rtcheck.so to
# check the audio-thread contract on PortAudio's real callback thread.
#
# Needs jackd, jack_lsp, jack_rec (Debian jackd2) and sox. Without them the test
# skips, except under TTYMIX_REQUIRE_ALL=1 (CI), where a missing part is a failure.
set -u

: "${top_builddir:?run me through make check}"
: "${TTYMIX:?run me through make check}"
ALIGN=$top_builddir/tests/align_compare
RTCHECK=$top_builddir/tests/rtcheck.so
RATE=48000
# jack_rec writes 32-bit PCM (-b 32): its rounding and libsndfile's asymmetric integer
# scaling stay below -180 dBFS (a 16-bit capture would sit near -90 dBFS). Playback and
# render run the same engine on the same samples, so the limit is far below anything a
# listener or a 16-bit file could show: a 0.0001 dB gain error lands near -100 dBFS.
MAX_PEAK_DBFS=-120
MIN_OVERLAP_SEC=2
REC_SEC=4

missing() {
	if [ "${TTYMIX_REQUIRE_ALL:-0}" = 1 ]; then
		echo "jack_playback: FAIL: $1 (TTYMIX_REQUIRE_ALL=1 forbids skipping;" \
			"install the Debian packages jackd2 and sox)"
		exit 99
	fi
	echo "jack_playback: SKIP: $1"
	exit 77
}

for tool in jackd jack_lsp jack_rec sox timeout; do
	command -v "$tool" >/dev/null 2>&1 || missing "$tool is not installed"
done
for f in "$TTYMIX" "$ALIGN"; do
	if [ ! -x "$f" ]; then
		echo "jack_playback: FAIL: $f is missing (make check builds it)"
		exit 99
	fi
done

work=$(mktemp -d "${TMPDIR:-/tmp}/jack_playback.XXXXXX") || exit 99
jackd_pid=
play_pid=
rec_pid=
cleanup() {
	for pid in $rec_pid $play_pid $jackd_pid; do
		kill "$pid" 2>/dev/null && wait "$pid" 2>/dev/null
	done
	rm -rf "$work"
}
trap cleanup EXIT
trap 'exit 1' INT TERM HUP
ulimit -c 0 2>/dev/null

fail() {
	echo "jack_playback: FAIL: $*"
	for log in "$work"/*.log; do
		[ -s "$log" ] || continue
		echo "--- ${log##*/}"
		tail -n 20 "$log"
	done
	exit 1
}

# Wait up to $2 tenths of a second for the command in $1 to succeed.
wait_for() {
	tries=$2
	while [ "$tries" -gt 0 ]; do
		eval "$1" && return 0
		sleep 0.1
		tries=$((tries - 1))
	done
	return 1
}

# 1. A private server: its own name, so it never meets a user's or another test's.
JACK_DEFAULT_SERVER=ttymix-test-$$
JACK_NO_START_SERVER=1
export JACK_DEFAULT_SERVER JACK_NO_START_SERVER
# -r before -d: no real-time scheduling (a test box rarely grants it). -S: synchronous
# mode, the server waits for every client to finish a cycle (up to -t ms) rather than
# dropping the cycle; on a busy machine without real-time priority the asynchronous
# default loses periods (seen: "client = jackrec was not finished"), and a lost period
# makes a sample-exact comparison meaningless.
jackd -n "$JACK_DEFAULT_SERVER" -r -S -t 5000 -d dummy -r "$RATE" -p 256 >"$work/jackd.log" 2>&1 &
jackd_pid=$!
if ! wait_for 'timeout 5 jack_lsp >"$work/ports.txt" 2>/dev/null' 100; then
	if [ "${TTYMIX_REQUIRE_ALL:-0}" = 1 ]; then
		fail "jackd did not answer within 10 s"
	fi
	echo "jack_playback: SKIP: jackd is installed but did not start here:"
	cat "$work/jackd.log"
	exit 77
fi

# 2. Material that cannot line up at a wrong lag: noise plus chirps, different on each
#    side, and a mono track at 44.1 kHz (resampled on the disk thread, through the pan
#    law); silence at the start. The first file sets the project's rate: 48 kHz.
sox -R -D -n -r $RATE -c 1 -b 24 "$work/l.wav" synth 5 whitenoise synth 5 sine mix 100:8000 \
	gain -15 && \
sox -R -D -n -r $RATE -c 1 -b 24 "$work/r.wav" synth 5 pinknoise synth 5 sine mix 6000:150 \
	gain -15 && \
sox -R -D -M "$work/l.wav" "$work/r.wav" "$work/stereo.wav" pad 0.5 0 && \
sox -R -D -n -r 44100 -c 1 -b 24 "$work/mono.wav" synth 4 brownnoise synth 4 sine mix 3000:200 \
	gain -18 pad 1 0 || fail "sox could not make the test material"
"$TTYMIX" new "$work/proj" "$work/stereo.wav" "$work/mono.wav" >"$work/new.log" 2>&1 ||
	fail "ttymix new failed"
# tests/pdc_jack.sh plays its own mix of the same files (audio/stereo.wav, audio/mono.wav)
if [ -n "${JACK_PLAYBACK_PROJECT:-}" ]; then
	cp "$JACK_PLAYBACK_PROJECT" "$work/proj/project.json" ||
		fail "could not copy $JACK_PLAYBACK_PROJECT into the project"
fi
"$TTYMIX" render "$work/proj" -o "$work/ref.wav" --bits 32f >"$work/render.log" 2>&1 ||
	fail "ttymix render failed"

# 3. Play through JACK and record what the server got.
"$TTYMIX" play "$work/proj" --output pa >"$work/play.log" 2>&1 &
play_pid=$!
ttymix_ports() {
	timeout 5 jack_lsp 2>/dev/null | grep '^ttymix[^:]*:' | sort >"$work/ttymix_ports.txt"
	[ "$(wc -l <"$work/ttymix_ports.txt")" -ge 2 ]
}
wait_for ttymix_ports 100 || fail "ttymix's JACK ports did not appear within 10 s"
port_l=$(sed -n 1p "$work/ttymix_ports.txt")
port_r=$(sed -n 2p "$work/ttymix_ports.txt")
echo "jack_playback: recording $port_l and $port_r for $REC_SEC s"
timeout 20 jack_rec -f "$work/rec.wav" -d "$REC_SEC" -b 32 "$port_l" "$port_r" \
	>"$work/jack_rec.log" 2>&1 &
rec_pid=$!
wait "$rec_pid"
status=$?
rec_pid=
[ "$status" -eq 0 ] || fail "jack_rec exited with status $status"
# the project is 5.5 s long; allow for a slow start
waited=0
while kill -0 "$play_pid" 2>/dev/null; do
	[ "$waited" -lt 150 ] || fail "ttymix play did not finish within 15 s"
	sleep 0.1
	waited=$((waited + 1))
done
wait "$play_pid"
status=$?
play_pid=
[ "$status" -eq 0 ] || fail "ttymix play exited with status $status"
tail -n 1 "$work/play.log"

"$ALIGN" "$work/ref.wav" "$work/rec.wav" --min-overlap "$MIN_OVERLAP_SEC" \
	--max-peak "$MAX_PEAK_DBFS" || fail "the recording does not match the render"

# 4. The audio-thread contract on PortAudio's JACK callback thread.
if [ -n "${TTYMIX_SANITIZED:-}" ]; then
	echo "jack_playback: not running ttymix under rtcheck.so in this sanitizer build" \
		"($TTYMIX_SANITIZED): its malloc interposer cannot share a process with the" \
		"sanitizer's allocator; the plain build runs it"
else
	[ -f "$RTCHECK" ] || fail "$RTCHECK is missing (make check builds it)"
	LD_PRELOAD=$RTCHECK timeout 20 "$TTYMIX" play "$work/proj" --output pa --duration 1.5 \
		>"$work/rtcheck.log" 2>&1
	status=$?
	grep '^rtcheck: violation' "$work/rtcheck.log" &&
		fail "the audio thread broke the real-time contract under JACK"
	[ "$status" -eq 0 ] || fail "ttymix play under rtcheck.so exited with status $status"
	summary=$(grep '^rtcheck: [0-9]* audio callbacks checked, 0 violations$' "$work/rtcheck.log")
	[ -n "$summary" ] || fail "no rtcheck summary line from ttymix play"
	callbacks=$(echo "$summary" | sed 's/^rtcheck: \([0-9]*\) .*/\1/')
	[ "$callbacks" -gt 0 ] || fail "rtcheck saw no audio callback from ttymix play"
	echo "jack_playback: $summary (ttymix play on JACK)"
fi
echo "jack_playback: PASS"
exit 0
