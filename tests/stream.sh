#!/bin/sh
# The stream output with real clients: Debian's ffmpeg decodes /listen.flac while
# `ttymix play --output stream` plays, and the decoded audio nulls against `ttymix
# render` of the same project (tests/align_compare); /listen.opus decoded by ffmpeg
# reads within 0.5 LU of the render; curl gets 403 without the key (loopback and the
# wildcard bind) and 404 for anything but the four endpoints; the UNIX socket is 0600
# in a 0700 folder and answers curl --unix-socket without a key; two streams on the
# default address take two ports, and an explicit port that is taken is one line and
# exit 1. A listener that never reads (tests/stream_stall) and one killed mid-stream
# cost no xrun, the stalled one is dropped, and a third keeps its stream whole. The
# audio thread is checked under tests/rtcheck.so while it feeds the stream. Last, the
# studio in tmux: a taken --listen port leaves it running silently with the reason on
# its status line, and :device stream starts the stream live.
set -u
TEST=stream
PACKAGES="ffmpeg curl tmux sox jackd2"
. "$top_srcdir/tests/tmux_lib.sh"
require_tools ffmpeg curl sox tmux timeout
ALIGN=$top_builddir/tests/align_compare
STALL=$top_builddir/tests/stream_stall
RTCHECK=$top_builddir/tests/rtcheck.so
for f in "$ALIGN" "$STALL"; do
	[ -x "$f" ] || { echo "$TEST: FAIL: $f is missing (make check builds it)"; exit 99; }
done

bg_pids=
stop_bg() {
	for pid in $bg_pids; do
		kill "$pid" 2>/dev/null && wait "$pid" 2>/dev/null
	done
	bg_pids=
}
CLEANUP_HOOK=stop_bg
tmux_setup stream

# Start `ttymix play ARGS...` in the background with stderr in WORK/$1.err; its pid in
# play_pid and, once it has said where it streams, its address in url (with the key),
# base (without it), key and port. Fails when it says nothing of the kind in time.
start_play() {
	launch_play "$@"
	await_play "$1"
}
launch_play() {
	name=$1
	shift
	# the background job opens (and empties) its file when it gets to run: a file
	# left by an earlier play of the same name would answer await_play before that
	# (it did on a loaded machine: the old line found, the new empty file read)
	rm -f "$WORK/$name.err"
	"$TTYMIX" play "$@" 2>"$WORK/$name.err" &
	play_pid=$!
	bg_pids="$bg_pids $play_pid"
}
await_play() {
	name=$1
	tries=200
	while ! grep -qs 'streaming at http' "$WORK/$name.err"; do
		kill -0 "$play_pid" 2>/dev/null || fail "$name: play ended: $(cat "$WORK/$name.err")"
		tries=$((tries - 1))
		[ "$tries" -gt 0 ] || fail "$name: play never said where it streams"
		sleep 0.1
	done
	url=$(sed -n 's/^ttymix: streaming at \(http[^ ]*\)$/\1/p' "$WORK/$name.err")
	base=${url%%\?*}
	key=${url#*key=}
	port=$(echo "$base" | sed 's#^http://[^:]*:\([0-9]*\)/$#\1#')
	[ -n "$key" ] && [ -n "$port" ] || fail "$name: no key or port in \"$url\""
}

# Wait up to $2 tenths of a second for process $1 to end; its status in waited_status.
wait_pid() {
	tries=$2
	while kill -0 "$1" 2>/dev/null; do
		tries=$((tries - 1))
		[ "$tries" -gt 0 ] || return 1
		sleep 0.1
	done
	wait "$1"
	waited_status=$?
	return 0
}

code() { # the HTTP status curl gets for $1 (000: no answer)
	curl -s -o /dev/null -w '%{http_code}' --path-as-is --max-time 10 "$@"
}

# 1. Material that cannot line up at a wrong lag: noise and tones, different on each
#    side, louder and softer, with silence at the start.
sox -R -D -n -r 48000 -c 1 -b 24 "$WORK/l.wav" synth 8 pinknoise synth 8 sine mix 220:4000 \
	gain -12 fade t 0.3 8 0.5 &&
sox -R -D -n -r 48000 -c 1 -b 24 "$WORK/r.wav" synth 8 whitenoise synth 8 sine mix 6000:90 \
	gain -16 tremolo 3 60 &&
sox -R -D -M "$WORK/l.wav" "$WORK/r.wav" "$WORK/stereo.wav" pad 0.5 0 ||
	fail "sox could not make the test material"
"$TTYMIX" new "$WORK/proj" "$WORK/stereo.wav" >"$WORK/new.log" 2>&1 || fail "ttymix new failed"
"$TTYMIX" render "$WORK/proj" -o "$WORK/ref.wav" --bits 32f >"$WORK/render.log" 2>&1 ||
	fail "ttymix render failed"

# The parts below play in real time and mostly wait (for a song to end, a listener to
# fall behind): they run at once, each in a subshell of its own (its own plays, pids
# and port; the studio its own screen file), so the test takes as long as its longest
# part, not their sum. Each writes to WORK/NAME.out, shown in order once all have
# ended; each stops its own plays when it ends, and the EXIT trap stops the parts.
# Their files in WORK have names of their own. The private JACK server starts before
# them, for the card part (2b); the others do not use it.

# 2. FLAC and Opus at once, each decoded by ffmpeg; play waits for the first.
part_flac() {
	start_play flac "$WORK/proj" --output stream --listen 127.0.0.1:0
	grep -q 'waiting for the first listener' "$WORK/flac.err" ||
		{ sleep 0.5; grep -q 'waiting for the first listener' "$WORK/flac.err"; } ||
		fail "play did not wait for a listener: $(cat "$WORK/flac.err")"
	timeout 60 ffmpeg -nostdin -hide_banner -loglevel error -i "${base}listen.flac?key=$key" \
		-c:a pcm_s32le -y "$WORK/flac.wav" >"$WORK/ffmpeg_flac.log" 2>&1 &
	ff1=$!
	# The FLAC listener is the first: play starts when it joins, so it hears the song from
	# its first sample however slowly the machine starts ffmpeg; the others join later and
	# hear most of an 8.5 s song whose level is steady after its first second.
	tries=300
	until grep -q 'listener [0-9] joined (flac' "$WORK/flac.err"; do
		tries=$((tries - 1))
		[ "$tries" -gt 0 ] || fail "the FLAC listener never joined: $(cat "$WORK/flac.err")"
		sleep 0.1
	done
	timeout 60 ffmpeg -nostdin -hide_banner -loglevel error -i "${base}listen.opus?key=$key" \
		-c:a pcm_f32le -y "$WORK/opus.wav" >"$WORK/ffmpeg_opus.log" 2>&1 &
	ff2=$!
	curl -s --max-time 60 "${base}listen.opus?key=$key" -o "$WORK/whole.opus" &
	cu=$!
	bg_pids="$bg_pids $ff1 $ff2 $cu"
	wait_pid "$play_pid" 300 || fail "play did not end within 30 s of an 8.5 s song"
	[ "$waited_status" -eq 0 ] || fail "play exited with $waited_status: $(cat "$WORK/flac.err")"
	wait_pid "$ff1" 100 || fail "ffmpeg (flac) did not end after the stream closed"
	[ "$waited_status" -eq 0 ] || fail "ffmpeg (flac) failed: $(cat "$WORK/ffmpeg_flac.log")"
	wait_pid "$ff2" 100 || fail "ffmpeg (opus) did not end after the stream closed"
	# the stream ends properly at the song's end: the whole reply, the last Ogg page
	wait_pid "$cu" 100 || fail "curl did not end after the stream closed"
	[ "$waited_status" -eq 0 ] || fail "curl got a broken end of stream (exit $waited_status)"
	grep -q 'listener [0-9] joined (flac' "$WORK/flac.err" ||
		fail "play never said the FLAC listener joined"
	"$ALIGN" "$WORK/ref.wav" "$WORK/flac.wav" --min-overlap 8 --max-peak -90 ||
		fail "the FLAC stream does not null against the render"
	ref_i=$("$TTYMIX" loudness "$WORK/ref.wav" | sed -n 's/.*: I \([-0-9.]*\) LUFS.*/\1/p')
	opus_i=$("$TTYMIX" loudness "$WORK/opus.wav" | sed -n 's/.*: I \([-0-9.]*\) LUFS.*/\1/p')
	[ -n "$ref_i" ] && [ -n "$opus_i" ] || fail "no integrated loudness (ref \"$ref_i\", opus \"$opus_i\")"
	echo "$TEST: render $ref_i LUFS, Opus stream $opus_i LUFS"
	awk -v a="$ref_i" -v b="$opus_i" 'BEGIN { d = a - b; if (d < 0) d = -d; exit !(d <= 0.5) }' ||
		fail "the Opus stream reads $opus_i LUFS, the render $ref_i LUFS: more than 0.5 LU apart"
}

# 2b. pa+stream: the sound card (a private JACK server on its dummy backend, recorded
#     with jack_rec) and the stream at once, each the render sample for sample; then
#     jack+stream, ttymix's own JACK ports and the stream, the same way.
part_card() {
	jack_xruns() { grep -c 'XRun' "$WORK/jackd.log" 2>/dev/null || true; }
	# One pass: 0 when both null; 1 when the card's capture did not while jackd counted
	# xruns (a loaded machine made the server skip cycles, which jack_rec records as
	# gaps; the stream, fed by the engine's own callbacks, has none); otherwise it fails.
	# $1: the output (pa+stream, jack+stream).
	card_stream_pass() {
		xruns_before=$(jack_xruns)
		start_play both "$WORK/proj" --output "$1" --listen 127.0.0.1:0 --loop
		timeout 60 ffmpeg -nostdin -hide_banner -loglevel error -i "${base}listen.flac?key=$key" \
			-t 6 -c:a pcm_s32le -y "$WORK/both.wav" >"$WORK/ffmpeg_both.log" 2>&1 &
		ff3=$!
		bg_pids="$bg_pids $ff3"
		tries=100
		while [ "$(timeout 5 jack_lsp 2>/dev/null | grep '^ttymix[^:]*:' | grep -vc ':in_')" -lt 2 ]
		do
			tries=$((tries - 1))
			[ "$tries" -gt 0 ] || fail "ttymix's JACK ports did not appear"
			sleep 0.1
		done
		ports=$(timeout 5 jack_lsp 2>/dev/null | grep '^ttymix[^:]*:' | grep -v ':in_' | sort |
			head -n 2)
		# shellcheck disable=SC2086 # two port names, no spaces in them
		timeout 30 jack_rec -f "$WORK/card.wav" -d 6 -b 32 $ports >"$WORK/jack_rec.log" 2>&1 ||
			fail "jack_rec failed: $(cat "$WORK/jack_rec.log")"
		wait_pid "$ff3" 300 || fail "ffmpeg (pa+stream) did not end"
		stop_bg
		"$ALIGN" "$WORK/ref.wav" "$WORK/both.wav" --min-overlap 2 --max-peak -90 ||
			fail "with $1, the stream does not null against the render"
		"$ALIGN" "$WORK/ref.wav" "$WORK/card.wav" --min-overlap 2 --max-peak -90 && return 0
		[ "$(jack_xruns)" -gt "$xruns_before" ] && return 1
		fail "with $1, the sound card does not null against the render (no jackd xrun)"
	}
	for output in pa+stream jack+stream; do
		passes=0
		until card_stream_pass "$output"; do
			passes=$((passes + 1))
			[ "$passes" -lt 4 ] || fail "$output: the card's capture had jackd xruns in each" \
				"of 4 passes: the machine is too loaded to compare it"
			echo "$TEST: $output: the card's capture came with jackd xruns (a loaded machine): once more"
		done
	done
	echo "$TEST: pa+stream, jack+stream: the card and the stream both null against the render"
}

# 3.-5. the HTTP side: keys and paths, --stream-max, the UNIX socket, default ports
part_http() {
	# 3. Keys and paths, on loopback and on the wildcard address.
	for bind in 127.0.0.1:0 0.0.0.0:0; do
		start_play sec "$WORK/proj" --output stream --listen "$bind" --loop
		for path in / /status.json /listen.flac /listen.opus /nothing; do
			got=$(code "http://127.0.0.1:$port$path")
			[ "$got" = 403 ] || fail "$bind: $path without the key got $got, not 403"
			got=$(code "http://127.0.0.1:$port$path?key=${key}x")
			[ "$got" = 403 ] || fail "$bind: $path with a wrong key got $got, not 403"
		done
		for path in '/../project.json' '/etc/passwd' '/%2e%2e/' '/%2e%2e/project.json' \
			'/listen.wav' '/index.html' '/status.json/'; do
			got=$(code "http://127.0.0.1:$port$path?key=$key")
			[ "$got" = 404 ] || fail "$bind: $path got $got, not 404"
		done
		got=$(code "http://127.0.0.1:$port/status.json?key=$key")
		[ "$got" = 200 ] || fail "$bind: /status.json with the key got $got"
		curl -s --max-time 10 "http://127.0.0.1:$port/status.json?key=$key" >"$WORK/status.json"
		for field in '"playing":' '"position_s":' '"project":"proj"' '"listeners":' \
			'"momentary_lufs":' '"peak_dbfs":'; do
			grep -q "$field" "$WORK/status.json" || fail "/status.json lacks $field: $(cat "$WORK/status.json")"
		done
		got=$(code "http://127.0.0.1:$port/?key=$key")
		[ "$got" = 200 ] || fail "$bind: the page with the key got $got"
		# request headers are capped: 64 kB of them get no page
		big=$(head -c 65536 /dev/zero | tr '\0' a)
		got=$(code -H "X-Big: $big" "http://127.0.0.1:$port/?key=$key")
		[ "$got" != 200 ] || fail "$bind: 64 kB of request headers were served"
		stop_bg
	done
	echo "$TEST: 403 without the key, 404 off the four endpoints, on loopback and 0.0.0.0"

	# --stream-max: one listener more gets 503, and the first keeps its stream
	start_play max "$WORK/proj" --output stream --listen 127.0.0.1:0 --stream-max 1 --loop
	curl -s --max-time 4 "${base}listen.opus?key=$key" -o "$WORK/first.opus" &
	first=$!
	bg_pids="$bg_pids $first"
	tries=100
	while ! grep -q 'listener 1 joined' "$WORK/max.err"; do
		tries=$((tries - 1))
		[ "$tries" -gt 0 ] || fail "the first listener never joined"
		sleep 0.1
	done
	got=$(code "${base}listen.flac?key=$key")
	[ "$got" = 503 ] || fail "a listener over --stream-max 1 got $got, not 503"
	wait "$first"
	[ "$(wc -c <"$WORK/first.opus")" -gt 20000 ] || fail "the first listener's stream stopped short"
	stop_bg

	# 4. The UNIX socket: private, and no key needed through it.
	mkdir -p "$WORK/xdgrun" && chmod 0755 "$WORK/xdgrun"
	XDG_RUNTIME_DIR=$WORK/xdgrun "$TTYMIX" play "$WORK/proj" --output stream --listen unix: --loop \
		2>"$WORK/unix.err" &
	play_pid=$!
	bg_pids="$bg_pids $play_pid"
	sock=$WORK/xdgrun/ttymix/stream.sock
	tries=100
	while [ ! -S "$sock" ]; do
		tries=$((tries - 1))
		[ "$tries" -gt 0 ] || fail "no socket at $sock: $(cat "$WORK/unix.err")"
		sleep 0.1
	done
	[ "$(stat -c %a "$WORK/xdgrun/ttymix")" = 700 ] || fail "the socket's folder is not 0700"
	[ "$(stat -c %a "$sock")" = 600 ] || fail "the socket is not 0600"
	got=$(curl -s -o /dev/null -w '%{http_code}' --max-time 10 --unix-socket "$sock" http://x/status.json)
	[ "$got" = 200 ] || fail "curl --unix-socket got $got"
	curl -s --max-time 3 --unix-socket "$sock" http://x/listen.opus >"$WORK/unix.opus"
	[ "$(head -c 4 "$WORK/unix.opus")" = OggS ] || fail "no Ogg stream through the socket"
	grep -q "ssh -N -L 8757:$sock $(id -un)@" "$WORK/unix.err" ||
		fail "no ssh forwarding line for $sock: $(cat "$WORK/unix.err")"
	stop_bg
	[ ! -e "$sock" ] || fail "the socket stayed after the stream ended"
	echo "$TEST: the UNIX socket is 0600 in a 0700 folder and answers curl"

	# 5. Two streams on the default address take two ports; an explicit taken one fails.
	launch_play d1 "$WORK/proj" --output stream --loop
	d1_pid=$play_pid
	launch_play d2 "$WORK/proj" --output stream --loop
	await_play d1
	p1=$port
	play_pid=$d1_pid
	await_play d2
	p2=$port
	[ "$p1" != "$p2" ] || fail "two streams took the same port $p1"
	[ "$p1" -ge 8757 ] && [ "$p1" -le 8799 ] && [ "$p2" -ge 8757 ] && [ "$p2" -le 8799 ] ||
		fail "default ports $p1 and $p2 are outside 8757-8799"
	"$TTYMIX" play "$WORK/proj" --output stream --listen "127.0.0.1:$p1" >"$WORK/taken.out" \
		2>"$WORK/taken.err"
	status=$?
	[ "$status" -eq 1 ] || fail "a taken explicit port exited $status, not 1"
	[ "$(wc -l <"$WORK/taken.err")" -eq 1 ] || fail "a taken port said more than one line: $(cat "$WORK/taken.err")"
	grep -q "cannot listen on 127.0.0.1:$p1" "$WORK/taken.err" || fail "unclear: $(cat "$WORK/taken.err")"
	stop_bg
	echo "$TEST: two streams took ports $p1 and $p2; a taken port: $(cat "$WORK/taken.err")"
}

# 6. A stalled listener and a killed one hurt no one; the audio thread stays clean.
part_stall() {
	if [ -n "${TTYMIX_SANITIZED:-}" ]; then
		start_play slow "$WORK/proj" --output stream --listen 127.0.0.1:0 --loop
	else
		[ -f "$RTCHECK" ] || fail "$RTCHECK is missing (make check builds it)"
		LD_PRELOAD=$RTCHECK start_play slow "$WORK/proj" --output stream --listen 127.0.0.1:0 --loop
	fi
	slow_pid=$play_pid
	"$STALL" "$port" "/listen.flac?key=$key" >"$WORK/stall.out" 2>&1 &
	bg_pids="$bg_pids $!"
	curl -s "${base}listen.opus?key=$key" -o /dev/null &
	killed=$!
	bg_pids="$bg_pids $killed"
	sleep 1
	timeout 60 ffmpeg -nostdin -hide_banner -loglevel error -i "${base}listen.flac?key=$key" \
		-t 14 -c:a pcm_s32le -y "$WORK/steady.wav" >"$WORK/ffmpeg_steady.log" 2>&1 &
	steady=$!
	bg_pids="$bg_pids $steady"
	sleep 1
	kill -9 "$killed"
	tries=400
	while ! grep -q 'dropped: more than 5 s behind' "$WORK/slow.err"; do
		tries=$((tries - 1))
		[ "$tries" -gt 0 ] || fail "the stalled listener was never dropped: $(tr '\r' '\n' <"$WORK/slow.err" | grep -v '^[0-9]')"
		sleep 0.1
	done
	wait_pid "$steady" 400 || fail "the steady listener's ffmpeg did not end"
	[ "$waited_status" -eq 0 ] || fail "the steady listener's ffmpeg failed: $(cat "$WORK/ffmpeg_steady.log")"
	frames=$(soxi -s "$WORK/steady.wav")
	[ "$frames" -ge $((48000 * 14 - 480)) ] || fail "the steady listener got $frames frames, not 14 s"
	kill -TERM "$slow_pid"
	wait_pid "$slow_pid" 100 || fail "play did not stop on SIGTERM"
	load=$(grep 'DSP load' "$WORK/slow.err")
	echo "$TEST: $load"
	echo "$load" | grep -q ' 0 overruns' || fail "the audio thread overran: $load"
	echo "$load" | grep -q ' 0 xruns)' || fail "xruns while a listener stalled: $load"
	if [ -z "${TTYMIX_SANITIZED:-}" ]; then
		grep '^rtcheck: violation' "$WORK/slow.err" && fail "the audio thread broke the real-time contract"
		grep -q '^rtcheck: [0-9]* audio callbacks checked, 0 violations$' "$WORK/slow.err" ||
			fail "no clean rtcheck summary: $(grep rtcheck "$WORK/slow.err")"
	fi
	stop_bg # the stalled client too: it waits to be killed
	echo "$TEST: a stalled and a killed listener: dropped, no xrun; the steady one got 14 s"
}

# 7. The studio: a taken port leaves it running silently and says why; :device stream
#    starts the stream live and the status bar shows it.
part_studio() {
	start_play hold "$WORK/proj" --output stream --loop --listen 127.0.0.1:0
	taken=$port
	tmux_start studio 100 30 -- "$WORK/proj" --output stream --listen "127.0.0.1:$taken"
	wait_for studio "cannot listen on 127.0.0.1:$taken"
	wait_for studio "no audio device: silent"
	# the port is freed; the stream starts on it
	stop_bg
	keys studio : d e v i c e Space s t r e a m Enter
	wait_for studio "output: the stream: http://127\.0\.0\.1:$taken/\?key="
	wait_for studio "STREAM http://127\.0\.0\.1:$taken/ \(0\)"
	listen=$(sed -n 's#.*\(http://127\.0\.0\.1:[0-9]*/\)?key=\([A-Za-z0-9_-]*\).*#\1listen.opus?key=\2#p' \
		"$SCREEN" | head -n 1)
	curl -s --max-time 3 "$listen" >"$WORK/studio.opus"
	[ "$(head -c 4 "$WORK/studio.opus")" = OggS ] || fail "no Ogg stream from :device stream ($listen)"
	wait_for studio "stream: listener 1 \(opus\) left"
	keys studio : s t r e a m Enter
	wait_for studio "http://127\.0\.0\.1:$taken/\?key=[A-Za-z0-9_-]+ \(0 listening\)"
	# the monitor section is heard on the stream: mono makes left and right one
	keys studio : m o n i t o r Space m o n o Enter
	wait_for studio "MON mono"
	timeout 30 ffmpeg -nostdin -hide_banner -loglevel error -i "$(echo "$listen" |
		sed 's#listen\.opus#listen.flac#')" -t 2 -c:a pcm_s32le -y "$WORK/mono.wav" \
		>"$WORK/ffmpeg_mono.log" 2>&1 &
	ffm=$!
	bg_pids="$bg_pids $ffm"
	sleep 0.3
	keys studio Space
	wait_pid "$ffm" 300 || fail "ffmpeg did not end while recording the mono stream"
	[ "$waited_status" -eq 0 ] || fail "ffmpeg failed on the mono stream: $(cat "$WORK/ffmpeg_mono.log")"
	keys studio Space
	rms=$(sox "$WORK/mono.wav" -n remix 1 stat 2>&1 | sed -n 's/^RMS *amplitude: *//p')
	diff=$(sox "$WORK/mono.wav" -n remix 1,2v-1 stat 2>&1 | sed -n 's/^Maximum amplitude: *//p')
	echo "$TEST: monitor mono on the stream: RMS $rms, left minus right peaks at $diff"
	awk -v r="$rms" -v d="$diff" 'BEGIN { exit !(r > 0.01 && d == 0) }' ||
		fail "the stream is not the monitor's mono (RMS $rms, L-R peak $diff)"
	keys studio : m o n i t o r Space o f f Enter
	keys studio : d e v i c e Space n u l l Enter
	wait_gone studio "STREAM http"
	got=$(code "http://127.0.0.1:$taken/status.json")
	[ "$got" = 000 ] || fail ":device null left the stream answering ($got)"
}

jack_private stream
require_tools jackd jack_lsp jack_rec
start_jackd 100 || fail "jackd did not start: $jackd_why"

# part NAME: part_NAME in the background (its pid joins bg_pids: the EXIT trap stops it,
# and it stops its own plays then)
parts=
part() {
	(
		bg_pids=
		trap stop_bg EXIT
		trap 'exit 1' INT TERM HUP PIPE
		SCREEN=$WORK/screen.$1
		"part_$1"
	) >"$WORK/$1.out" 2>&1 &
	eval "pid_$1=\$!"
	bg_pids="$bg_pids $!"
	parts="$parts $1"
}
# the longest first
for name in stall card flac http studio; do
	part "$name"
done
parts_join
joined=$?
bg_pids=
[ "$joined" = 0 ] || { echo "$TEST: FAIL in$failed"; exit 1; }
kill "$jackd_pid" 2>/dev/null && wait "$jackd_pid" 2>/dev/null
jackd_pid=

# a sanitizer build's reports go to the plays' stderr: any is a failure
if grep -l -E 'ThreadSanitizer|AddressSanitizer|LeakSanitizer|runtime error:' "$WORK"/*.err \
	2>/dev/null; then
	fail "a sanitizer reported on a play's stderr"
fi
echo "$TEST: PASS"
exit 0
