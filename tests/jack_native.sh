#!/bin/sh
# The native JACK output (--output jack, audio/driver_jack.c) on a private jackd dummy
# server, started here and stopped by PID:
#  1. `ttymix play --output jack`: the ports appear by name (ttymix:out_L, out_R,
#     in_1, in_2), auto-connected to system:playback_1/2; jack_connect to them works;
#     jack_rec records out_L/out_R and the recording is found sample for sample in an
#     offline render (tests/align_compare, as tests/jack_playback.sh does for
#     PortAudio); --jack-name and --no-connect name and leave the ports alone.
#  2. A play with ports per strip under tests/rtcheck.so: JACK's process callback keeps the
#     audio-thread contract.
#  1b. --jack-ports strips: a pair of ports per strip, each recorded equal to that
#     strip's stem (render --stems).
#  3. The studio in tmux on --output jack: ports per strip follow :track add and
#     del; :ports lists the ports with their
#     connections, :connect and :disconnect change them (seen with jack_lsp -c),
#     :transport jack follows jack_transport's locate, play and stop and drives JACK's
#     (ttymix's play and stop seen with jack_showtime), and killing jackd leaves the
#     studio running, silent, with one line; :device jack joins a new server, whose
#     buffer size then changes under it (jack_bufsize) while it plays on.
#
# Needs tmux, sox, jackd, jack_lsp, jack_rec, jack_connect (Debian jackd2). Without them
# the test skips, except under TTYMIX_REQUIRE_ALL=1 (CI), where that is a failure.
set -u

: "${top_srcdir:?run me through make check}"
: "${top_builddir:?run me through make check}"
: "${TTYMIX:?run me through make check}"
ALIGN=$top_builddir/tests/align_compare
RTCHECK=$top_builddir/tests/rtcheck.so
WAIT_SEC=20

PACKAGES="tmux, sox and jackd2"
TEST=jack_native
. "$top_srcdir/tests/tmux_lib.sh"
require_tools tmux sox jackd jack_lsp jack_rec jack_connect jack_transport jack_showtime \
	jack_bufsize \
	timeout
tmux_setup jacknative

jack_private native
# A server killed with -9 keeps its slot in JACK's registry of eight; only a server of
# the same name takes it back. If the test ends between the kill and the restart, one
# more of that name is started and stopped cleanly (jack_killed, tests/tmux_lib.sh).
on_exit() {
	[ -z "${play_pid:-}" ] || kill -KILL "$play_pid" 2>/dev/null
	[ -z "${rec_pid:-}" ] || kill -KILL "$rec_pid" 2>/dev/null
}
CLEANUP_HOOK=on_exit
play_pid=
rec_pid=

# ports CLIENT: CLIENT's ports, sorted, into WORK/ports.txt; true when there are four
ports() {
	# bounded: a query made while a client joins the server can hang in libjack;
	# wait_until asks again
	timeout 2 jack_lsp 2>/dev/null | grep "^$1:" | sort >"$WORK/ports.txt"
	[ "$(wc -l <"$WORK/ports.txt")" -ge 4 ]
}
# linked PORT OTHER: jack_lsp -c lists OTHER under PORT
linked() {
	timeout 5 jack_lsp -c 2>/dev/null | awk -v port="$1" -v other="$2" '
		/^[^ \t]/ { inside = ($0 == port); next }
		inside { sub(/^[ \t]+/, ""); if ($0 == other) found = 1 }
		END { exit !found }'
}

# trim_start FILE: drop jack_rec's first 50 ms. Seen once in three runs on a loaded
# machine: the recording's first 1024 frames differed and everything after matched to
# the sample, as when the recorder's first cycles run before its new connection is in
# the server's order. The rest must still match exactly; sox copies 32-bit PCM as is.
trim_start() {
	sox "$1" "trimmed-$1" trim 0.05 && mv "trimmed-$1" "$1" || fail "sox could not trim $1"
}

cd "$WORK" || exit 99
sox -R -D -n -r 48000 -c 1 -b 24 l.wav synth 5 whitenoise synth 5 sine mix 100:8000 \
	gain -15 && \
sox -R -D -n -r 48000 -c 1 -b 24 r.wav synth 5 pinknoise synth 5 sine mix 6000:150 \
	gain -15 && \
sox -R -D -M l.wav r.wav stereo.wav pad 0.5 0 || fail "sox could not make the material"
"$TTYMIX" new "$WORK/proj" stereo.wav >new.log 2>&1 || fail "ttymix new failed"
"$TTYMIX" render "$WORK/proj" -o ref.wav --bits 32f >render.log 2>&1 ||
	fail "ttymix render failed"
start_jackd 100 || fail "jackd did not answer within 10 s: ${jackd_why:-no message}"

# 1. play through the native driver
"$TTYMIX" play "$WORK/proj" --output jack >play.log 2>&1 &
play_pid=$!
wait_until 'ports ttymix'
printf 'ttymix:in_1\nttymix:in_2\nttymix:out_L\nttymix:out_R\n' >want.txt
cmp -s want.txt ports.txt || fail "ttymix's ports are: $(cat ports.txt)"
# ttymix connects its outputs after its ports appear, and a query made while a client
# joins can fail (CI: "Cannot create new client"): ask again, up to WAIT_SEC
tries=0
until linked ttymix:out_L system:playback_1 && linked ttymix:out_R system:playback_2; do
	[ "$tries" -lt $((WAIT_SEC * 10)) ] ||
		fail "out_L/out_R are not connected to the system's playback ports"
	sleep 0.1
	tries=$((tries + 1))
done
jack_connect ttymix:out_L system:playback_2 || fail "jack_connect to ttymix:out_L failed"
# (a query can fail while a client joins: asked again, as above)
wait_until 'linked ttymix:out_L system:playback_2'   # jack_connect's connection is listed
timeout 20 jack_rec -f rec.wav -d 3 -b 32 ttymix:out_L ttymix:out_R >jack_rec.log 2>&1 ||
	fail "jack_rec failed: $(cat jack_rec.log)"
wait_until '! kill -0 $play_pid 2>/dev/null'
trim_start rec.wav
wait "$play_pid"
status=$?
play_pid=
[ "$status" -eq 0 ] || fail "ttymix play --output jack exited with $status: $(cat play.log)"
"$ALIGN" ref.wav rec.wav --min-overlap 2 --max-peak -120 ||
	fail "the recording through the native JACK output does not match the render"

"$TTYMIX" play "$WORK/proj" --output jack --jack-name deck --no-connect >named.log 2>&1 &
play_pid=$!
wait_until 'ports deck'
linked deck:out_L system:playback_1 && fail "--no-connect connected deck:out_L"
kill "$play_pid"
wait "$play_pid" 2>/dev/null
play_pid=

# 1b. --jack-ports strips: a pair of ports per strip, after its fader; recorded, each
#     is that strip's stem in an offline render (the strip's part of the mix through
#     the master chain; none here, so that is the strip after its fader)
"$TTYMIX" new "$WORK/two" l.wav r.wav >new2.log 2>&1 || fail "ttymix new (two tracks) failed"
"$TTYMIX" render "$WORK/two" --stems stems --bits 32f >stems.log 2>&1 ||
	fail "ttymix render --stems failed: $(cat stems.log)"
ls stems >stems.txt
stem_l=stems/$(grep -- '-l\.' stems.txt)
stem_r=stems/$(grep -- '-r\.' stems.txt)
[ -f "$stem_l" ] && [ -f "$stem_r" ] || fail "no stems for l and r: $(cat stems.txt)"
"$TTYMIX" play "$WORK/two" --output jack --jack-ports strips >strips.log 2>&1 &
play_pid=$!
strip_ports() {
	timeout 5 jack_lsp 2>/dev/null | grep '^ttymix:' | sort >"$WORK/ports.txt"
	[ "$(wc -l <"$WORK/ports.txt")" -ge 8 ]
}
wait_until strip_ports
printf 'ttymix:in_1\nttymix:in_2\nttymix:l_L\nttymix:l_R\nttymix:out_L\nttymix:out_R\nttymix:r_L\nttymix:r_R\n' \
	>want.txt
cmp -s want.txt ports.txt || fail "the ports with --jack-ports strips are: $(cat ports.txt)"
timeout 20 jack_rec -f rec_l.wav -d 2 -b 32 ttymix:l_L ttymix:l_R >jack_rec.log 2>&1 &
rec_pid=$!
timeout 20 jack_rec -f rec_r.wav -d 2 -b 32 ttymix:r_L ttymix:r_R >jack_rec_r.log 2>&1 ||
	fail "jack_rec of r failed: $(cat jack_rec_r.log)"
wait "$rec_pid" || fail "jack_rec of l failed: $(cat jack_rec.log)"
rec_pid=
wait "$play_pid" || fail "play --jack-ports strips failed: $(cat strips.log)"
trim_start rec_l.wav
trim_start rec_r.wav
play_pid=
"$ALIGN" "$stem_l" rec_l.wav --min-overlap 1 --max-peak -120 ||
	fail "ttymix:l_L/l_R do not carry the strip l alone"
"$ALIGN" "$stem_r" rec_r.wav --min-overlap 1 --max-peak -120 ||
	fail "ttymix:r_L/r_R do not carry the strip r alone"

# 2. JACK's process callback under the rtcheck preload
if [ -n "${TTYMIX_SANITIZED:-}" ]; then
	echo "$TEST: no rtcheck.so in this sanitizer build ($TTYMIX_SANITIZED)"
else
	LD_PRELOAD=$RTCHECK timeout 20 "$TTYMIX" play "$WORK/two" --output jack \
		--jack-ports strips --duration 1.5 >rtcheck.log 2>&1
	status=$?
	grep '^rtcheck: violation' rtcheck.log && fail "JACK's callback broke the RT contract"
	[ "$status" -eq 0 ] || fail "play under rtcheck.so exited with $status"
	summary=$(grep '^rtcheck: [0-9]* audio callbacks checked, 0 violations$' rtcheck.log)
	callbacks=$(echo "$summary" | sed -n 's/^rtcheck: \([0-9]*\) .*/\1/p')
	[ "${callbacks:-0}" -gt 0 ] || fail "rtcheck saw no JACK callback: $(cat rtcheck.log)"
	echo "$TEST: $summary (the native JACK output)"
fi

# 3. the studio: :ports, :connect, :disconnect, and the server's death
tmux_start live 120 30 TERM=screen LANG=C.UTF-8 LC_ALL=C.UTF-8 \
	XDG_DATA_HOME="$WORK/xdg" -- --output jack --jack-ports strips "$WORK/proj"
wait_for live 'JACK: ttymix, 48000 Hz, 256 frames, output latency'
wait_until 'ports ttymix'
grep -q '^ttymix:stereo_L$' ports.txt || fail "no port for the strip stereo: $(cat ports.txt)"
# the ports per strip follow the strips: a new track gets its pair, a renamed one
# its pair renamed
keys live : t r a c k Space a d d Space v o x Enter
wait_until "has_port ttymix:vox_R"
keys live : t r a c k Space d e l Enter
wait_until "! has_port ttymix:vox_R"
timeout 5 jack_lsp 2>/dev/null | grep -q '^ttymix:stereo_R$' || fail "the pair of stereo went with vox"
keys live : p o r t s Enter
wait_for live 'ttymix:out_L -> system:playback_1'
wait_for live 'ttymix:in_1 <- system:capture_1'
keys live Escape
keys live : c o n n e c t Space o u t _ R Space s y s t e m : p l a y b a c k _ 1 Enter
wait_until 'linked ttymix:out_R system:playback_1'
wait_for live 'out_R connected to system:playback_1'
keys live : d i s c o n n e c t Space s y s t e m : p l a y b a c k _ 1 Space o u t _ R Enter
wait_until '! linked ttymix:out_R system:playback_1'
keys live : c o n n e c t Space o u t _ L Space o u t _ R Enter
wait_for live 'both outputs'
# :transport jack: jack_transport's locate and play start ttymix there, and ttymix's
# stop stops JACK's transport
jt() {
	(printf '%s\n' "$@"; sleep 0.5) | timeout 10 jack_transport >/dev/null 2>&1 ||
		fail "jack_transport $* failed"
}
# jack_showtime hangs on SIGTERM: killed, its output line-buffered so none is lost
jack_state() {
	timeout -s KILL 1 stdbuf -oL jack_showtime 2>/dev/null | tail -n 1 | grep -q "state: $1"
}
keys live : t r a n s p o r t Space j a c k Enter
wait_for live 'transport: JACK'
jt 'locate 96000' play
wait_for live 'PLAY +0:0[234]'
keys live Space
wait_for live 'STOP'
wait_until 'jack_state Stopped'
keys live : l o c a t e Space 1 Enter
keys live Space
wait_until 'jack_state Rolling'
jt stop
wait_for live 'STOP'
keys live Up # an unsaved edit, to be kept across the loss
wait_for live '\[\+\]'
keys live Space
wait_for live 'PLAY'
jack_killed=1
kill -KILL "$jackd_pid"
wait "$jackd_pid" 2>/dev/null
jackd_pid=
wait_for live 'audio output lost'
wait_for live 'STOP'
wait_for live '\[\+\]'
keys live : p o r t s Enter
wait_for live 'not JACK'
# a new server: :device jack joins it, and it plays (the playhead moves)
start_jackd 100 || fail "jackd did not start again: ${jackd_why:-}"
jack_killed=
keys live : d e v i c e Space j a c k Enter
wait_until 'ports ttymix'
wait_for live 'JACK: ttymix, 48000 Hz'
# the server's buffer size changes under it: said, and playback goes on
jack_bufsize 1024 >/dev/null 2>&1 || fail "jack_bufsize 1024 failed"
wait_for live '1024 frames'
keys live : l o c a t e Space 0 Enter
keys live Space
wait_for live 'PLAY +0:0[2-5]'
keys live : q ! Enter
status=$(wait_exit live)
[ "$status" = 0 ] || fail "quitting after the server died exited with $status"
echo "$TEST: PASS"
exit 0
