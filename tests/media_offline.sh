#!/bin/sh
# A media file that goes bad while it plays: `ttymix play` on the null driver plays a
# two-track project; a second in, one track's file is truncated to a few hundred bytes.
# Once the disk thread reads past what is left (it reads about 2.7 s ahead, so the
# files are long and the cut is early), that track's clip goes offline with a message
# naming the track, the other track plays on, and play reaches the end with status 0:
# no crash, no hang, no sanitizer report.
#
# Needs sox. Without it the test skips, except under TTYMIX_REQUIRE_ALL=1 (CI), where
# a missing part is a failure.
set -u

: "${TTYMIX:?run me through make check}"
SECONDS_LONG=10
TRUNCATE_BYTES=300

missing() {
	if [ "${TTYMIX_REQUIRE_ALL:-0}" = 1 ]; then
		echo "media_offline: FAIL: $1 (TTYMIX_REQUIRE_ALL=1 forbids skipping)"
		exit 99
	fi
	echo "media_offline: SKIP: $1"
	exit 77
}

for tool in sox timeout truncate; do
	command -v "$tool" >/dev/null 2>&1 || missing "$tool is not installed"
done

work=$(mktemp -d "${TMPDIR:-/tmp}/ttymix-offline.XXXXXX") || exit 99
work=$(cd "$work" && pwd -P) || exit 99
play_pid=
cleanup() {
	[ -n "$play_pid" ] && kill "$play_pid" 2>/dev/null && wait "$play_pid" 2>/dev/null
	rm -rf "$work"
}
trap cleanup EXIT
trap 'exit 1' INT TERM HUP
ulimit -c 0 2>/dev/null

fail() {
	echo "media_offline: FAIL: $*"
	if [ -s "$work/play.err" ]; then
		echo "--- ttymix play's stderr:"
		tail -n 20 "$work/play.err"
	fi
	exit 1
}

sox -R -n -r 48000 -c 2 -b 16 "$work/keys.wav" synth $SECONDS_LONG sine 440 gain -12 &&
sox -R -n -r 44100 -c 1 -b 16 "$work/bass.wav" synth $SECONDS_LONG sine 55 gain -12 ||
	missing "sox could not make the test material"
"$TTYMIX" new "$work/proj" "$work/keys.wav" "$work/bass.wav" >/dev/null 2>"$work/new.err" ||
	fail "ttymix new failed: $(cat "$work/new.err")"
bass=$(ls "$work"/proj/audio/bass*.wav 2>/dev/null | head -n 1)
[ -n "$bass" ] && [ -f "$bass" ] || bass=$work/bass.wav

# stderr is a file, not a terminal: one progress line every quarter second
"$TTYMIX" play "$work/proj" --output null >"$work/play.out" 2>"$work/play.err" &
play_pid=$!
sleep 1
kill -0 "$play_pid" 2>/dev/null || fail "ttymix play ended within a second"
truncate -s "$TRUNCATE_BYTES" "$bass" || fail "could not truncate $bass"

# the project is $SECONDS_LONG s long: allow for a slow (sanitized) machine
waited=0
while kill -0 "$play_pid" 2>/dev/null; do
	[ "$waited" -lt $(((SECONDS_LONG + 30) * 10)) ] ||
		fail "ttymix play did not finish within $((SECONDS_LONG + 30)) s"
	sleep 0.1
	waited=$((waited + 1))
done
wait "$play_pid"
status=$?
play_pid=
[ "$status" -eq 0 ] || fail "ttymix play exited with status $status, expected 0"

if grep -q -e 'ERROR: AddressSanitizer' -e 'ERROR: LeakSanitizer' -e 'runtime error:' \
	"$work/play.err"; then
	fail "a sanitizer report"
fi
offline=$(grep -i 'offline' "$work/play.err")
[ -n "$offline" ] || fail "no message that a clip went offline"
{ echo "$offline" | grep -q 'track 2' && echo "$offline" | grep -q 'bass\.wav'; } ||
	fail "the offline message does not name both the track and the file: $offline"
if echo "$offline" | grep -q -e 'track 1[^0-9]'; then
	fail "track 1 went offline too; only the truncated file should: $offline"
fi
# play reached the end: the last progress line shows the whole length
last=$(grep ' / ' "$work/play.err" | tail -n 1)
total=$(echo "$last" | sed -n 's/^.* \/ \([0-9:.]*\) .*$/\1/p')
pos=$(echo "$last" | sed -n 's/^\([0-9:.]*\) \/ .*$/\1/p')
[ -n "$total" ] && [ "$pos" = "$total" ] ||
	fail "play stopped at \"$pos\" of \"$total\", not at the end ($last)"
# ... with the other track still sounding after the cut
peak=$(echo "$last" | sed -n 's/^.*peak L *\([-0-9.]*\) .*$/\1/p')
[ -n "$peak" ] && [ "$peak" != "-99.9" ] ||
	fail "silence at the end: the track whose file is intact stopped too ($last)"
echo "media_offline: $offline"
echo "media_offline: $last"
echo "media_offline: PASS"
exit 0
