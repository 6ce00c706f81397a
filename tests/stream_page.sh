#!/bin/sh
# The listening page (GET /) in a real browser: `ttymix play --output stream --loop`
# streams a small project, Debian's headless Chromium opens the URL ttymix printed,
# and the test reads the page's own visible state through the DevTools protocol:
# #audio-state (the <audio> element's last event), #audio-time (its currentTime) and
# #position (the playhead the page took from status.json). Playback is proved by two
# readings: the element says "playing" in both, and between them the time it has
# played and the playhead it shows have each moved on by two seconds or more. Then the
# FLAC choice is clicked and the same proof is made on /listen.flac.
#
# Chromium is driven over --remote-debugging-pipe: it reads JSON commands on fd 3 and
# writes its answers on fd 4, each message ending in a NUL byte. The commands go in
# through a FIFO held open on fd 5; the answers go to a file that is read with the
# NULs turned into newlines (Chromium never writes a raw newline inside a message).
# No websocket client, no npm. --disable-audio-output gives Chromium a fake sound
# sink paced by a clock, so no sound card is needed and none makes a noise.
#
# Needs chromium and sox. Without them the test skips, except under
# TTYMIX_REQUIRE_ALL=1 (CI), where a missing one is a failure.
set -u

: "${TTYMIX:?run me through make check}"
SONG_SEC=60       # the loop seldom wraps between two readings (playhead_moved allows it)
MIN_ADVANCE=2.0   # seconds the audio time and the playhead move between two readings

missing() {
	if [ "${TTYMIX_REQUIRE_ALL:-0}" = 1 ]; then
		echo "stream_page: FAIL: $1 (TTYMIX_REQUIRE_ALL=1 forbids skipping;" \
			"install the Debian packages chromium and sox)"
		exit 99
	fi
	echo "stream_page: SKIP: $1"
	exit 77
}
for tool in chromium sox mkfifo; do
	command -v "$tool" >/dev/null 2>&1 || missing "$tool is not installed"
done

work=$(mktemp -d "${TMPDIR:-/tmp}/stream_page.XXXXXX") || exit 99
play_pid=
chromium_pid=
# Stop a process by its PID: TERM, 5 s to go, then KILL.
stop_pid() {
	kill "$1" 2>/dev/null || return 0
	tries=50
	while [ "$tries" -gt 0 ] && kill -0 "$1" 2>/dev/null; do
		sleep 0.1
		tries=$((tries - 1))
	done
	kill -9 "$1" 2>/dev/null
	wait "$1" 2>/dev/null
}
cleanup() {
	exec 5>&- 2>/dev/null
	for pid in $chromium_pid $play_pid; do
		stop_pid "$pid"
	done
	rm -rf "$work"
}
trap cleanup EXIT
trap 'exit 1' INT TERM HUP
ulimit -c 0 2>/dev/null

fail() {
	echo "stream_page: FAIL: $*"
	if [ -s "$work/play.log" ]; then
		echo "--- play.log"
		tail -n 20 "$work/play.log"
	fi
	# without a D-Bus (a container, CI) Chromium complains of it at length: not the cause
	if [ -s "$work/chromium.log" ]; then
		echo "--- chromium.log (D-Bus lines left out)"
		grep -v 'dbus/' "$work/chromium.log" | tail -n 20
	fi
	exit 1
}

# Wait up to $2 seconds for the command in $1 to succeed (by the clock, not by counting
# tries: a try may itself take a while on a busy machine).
wait_for() {
	wait_end=$(($(date +%s) + $2))
	until eval "$1"; do
		[ "$(date +%s)" -lt "$wait_end" ] || return 1
		sleep 0.1
	done
}

# 1. A project: one minute of a quiet tone.
sox -n -r 48000 -c 1 -b 16 "$work/tone.wav" synth "$SONG_SEC" sine 440 gain -12 ||
	fail "sox could not make the test material"
"$TTYMIX" new "$work/proj" "$work/tone.wav" >"$work/new.log" 2>&1 || fail "ttymix new failed"

# 2. Stream it on any free loopback port; ttymix prints the URL with its key.
"$TTYMIX" play "$work/proj" --output stream --listen 127.0.0.1:0 --loop \
	>"$work/play.out" 2>"$work/play.log" &
play_pid=$!
url_line() {
	url=$(sed -n 's/^ttymix: streaming at \(http:[^ ]*\).*/\1/p' "$work/play.log" | head -n 1)
	[ -n "$url" ] && return 0
	kill -0 "$play_pid" 2>/dev/null || fail "ttymix play exited before streaming"
	return 1
}
wait_for url_line 20 || fail "ttymix play printed no URL within 20 s"
case $url in
*'?key='?*) ;;
*) fail "the URL has no key: $url" ;;
esac
echo "stream_page: ttymix streams at ${url%%\?*}?key=..."

# 3. Chromium, private (its own profile and home in $work), autoplay allowed.
mkfifo "$work/cdp.in" || fail "mkfifo failed"
: >"$work/cdp.out"
# read-write, so opening it never blocks, and Chromium's fd 3 never sees an early EOF
exec 5<>"$work/cdp.in"
mkdir "$work/home"
HOME=$work/home XDG_CONFIG_HOME=$work/home/.config XDG_CACHE_HOME=$work/home/.cache \
	chromium --headless --no-sandbox --no-first-run --disable-audio-output \
	--autoplay-policy=no-user-gesture-required --user-data-dir="$work/profile" \
	--remote-debugging-pipe about:blank \
	3<"$work/cdp.in" 4>"$work/cdp.out" >"$work/chromium.log" 2>&1 &
chromium_pid=$!

next_id=0
# true when Chromium's answer to command $next_id is in; it goes in $answer
cdp_answered() {
	answer=$(tr '\0' '\n' <"$work/cdp.out" | grep "^{\"id\":$next_id,")
	[ -n "$answer" ] && return 0
	kill -0 "$chromium_pid" 2>/dev/null || fail "chromium exited"
	return 1
}
# Send one command (method, params as JSON, optional session) and wait up to 30 s for
# its answer in $answer. The ids count up, so an answer is found by its id alone.
# Its own deadline, not wait_for's: the proofs call it from inside wait_for.
cdp() {
	next_id=$((next_id + 1))
	session=
	[ -n "${3:-}" ] && session=",\"sessionId\":\"$3\""
	printf '{"id":%d%s,"method":"%s","params":%s}\0' "$next_id" "$session" "$1" "$2" >&5 ||
		fail "could not write to Chromium's pipe"
	cdp_end=$(($(date +%s) + 30))
	until cdp_answered; do
		[ "$(date +%s)" -lt "$cdp_end" ] || fail "no answer from Chromium to $1 within 30 s"
		sleep 0.1
	done
	case $answer in
	*'"error":'*) fail "Chromium refused $1: $answer" ;;
	esac
}
field() { # the string value of JSON field $1 in $answer
	printf '%s\n' "$answer" | sed -n "s/.*\"$1\":\"\([^\"]*\)\".*/\1/p"
}

cdp Target.createTarget "{\"url\":\"$url\"}"
target=$(field targetId)
cdp Target.attachToTarget "{\"targetId\":\"$target\",\"flatten\":true}"
page=$(field sessionId)
[ -n "$page" ] || fail "no session on the page: $answer"

# What a person sees, one line: state|audio seconds|playhead|transport|peak|notes.
# The expression is JavaScript in a JSON string: single quotes only.
SHOW="['audio-state','audio-time','position','transport','peak','note','link']"
# Before the page has loaded, the elements are not there yet: empty fields.
SHOW="$SHOW.map((id) => document.getElementById(id)?.textContent).join('|')"
read_page() {
	cdp Runtime.evaluate "{\"expression\":\"$SHOW\",\"returnByValue\":true}" "$page"
	shown=$(field value)
	state=$(echo "$shown" | cut -d'|' -f1)
	audio_sec=$(echo "$shown" | cut -d'|' -f2)
	position=$(echo "$shown" | cut -d'|' -f3)
	# m:ss.s to seconds; anything else (the page's '-:--.-') is empty
	position_sec=$(echo "$position" |
		awk -F: '/^[0-9]+:[0-5][0-9]\.[0-9]$/ { print $1 * 60 + $2 }')
}
# true when the page plays: its element says so and has played some audio
page_plays() {
	read_page
	[ "$state" = playing ] && [ -n "$position_sec" ] &&
		awk -v t="$audio_sec" 'BEGIN { exit !(t + 0 > 0) }'
}
# awk's arithmetic on two readings: true when $1 exceeds $2 by at least $3
moved() { awk -v a="$1" -v b="$2" -v m="$3" 'BEGIN { exit !(a - b >= m) }'; }
# the same for the playhead, which --loop takes back to 0 at the song's end
playhead_moved() {
	awk -v a="$1" -v b="$2" -v m="$3" -v len="$SONG_SEC" \
		'BEGIN { d = a - b; if (d < 0) d += len; exit !(d >= m) }'
}

# true when the reading shows the element playing and both the audio time and the
# playhead at least MIN_ADVANCE past the first reading's ($t1, $p1)
page_moved_on() {
	read_page
	[ "$state" = playing ] && [ -n "$position_sec" ] &&
		moved "$audio_sec" "$t1" "$MIN_ADVANCE" &&
		playhead_moved "$position_sec" "$p1" "$MIN_ADVANCE"
}

# The proof for the codec the page has chosen ($1 names it in the messages): a first
# reading where it plays, then a later one where it still plays and has moved on.
# The later one is awaited, not taken at a fixed time: on a loaded machine the
# element may wait for data a moment ("waiting") and still be playing fine.
prove_playing() {
	wait_for page_plays 30 ||
		fail "$1: the page did not start playing within 30 s (it shows: $shown)"
	first=$shown
	t1=$audio_sec
	p1=$position_sec
	wait_for page_moved_on 30 ||
		fail "$1: in 30 s the page did not show both its audio time and its playhead" \
			"$MIN_ADVANCE s on while playing (first $first, last $shown)"
	echo "stream_page: $1: first reading  $first"
	echo "stream_page: $1: a later one    $shown"
	transport=$(echo "$shown" | cut -d'|' -f4)
	[ "$transport" = playing ] || fail "$1: the page says the studio is $transport"
	peak=$(echo "$shown" | cut -d'|' -f5)
	echo "$peak" | grep -Eq '^-?[0-9]+\.[0-9]$' ||
		fail "$1: the meter shows no peak figure while a tone plays ($peak)"
	# and ttymix saw the page join with this codec
	grep -q "joined ($1," "$work/play.log" || fail "$1: ttymix logged no $1 listener"
}

prove_playing opus
# A person's click on the FLAC choice: the page joins /listen.flac afresh, so the
# element's time starts again from 0. Once it reads less than the Opus stream had
# played, the FLAC stream is the one heard.
opus_sec=$audio_sec
cdp Runtime.evaluate \
	"{\"expression\":\"document.querySelector('input[value=flac]').click()\"}" "$page"
wait_for "read_page; moved $opus_sec \"\$audio_sec\" 0.5" 30 ||
	fail "flac: the audio time did not start again within 30 s (it shows: $shown)"
prove_playing flac

cdp Browser.close '{}'
wait_for "! kill -0 $chromium_pid 2>/dev/null" 10 || fail "chromium did not close within 10 s"
wait "$chromium_pid" 2>/dev/null
chromium_pid=
echo "stream_page: PASS"
exit 0
