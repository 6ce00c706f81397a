#!/bin/sh
# What the studio saves, it opens (issue 15, fault 5), in a real terminal (tmux): a
# project one marker short of the limit takes one more (M), then refuses the next with
# "markers: the limit is 100000"; Ctrl-S saves, q quits, and the saved project opens
# again (`ttymix check`) holding exactly 100,000 markers. On the way, `:render` onto
# the project's own clip is refused on the status line and leaves the clip as it was,
# and a 300-byte track or marker name is refused (not cut to the 256-byte limit).
#
# Needs tmux and sox. Without them the test skips, except under TTYMIX_REQUIRE_ALL=1.
set -u

: "${top_srcdir:?run me through make check}"
: "${TTYMIX:?run me through make check}"
WAIT_SEC=60

TEST=ui_marker_limit
. "$top_srcdir/tests/tmux_lib.sh"
require_tools tmux sox awk
tmux_setup markerlimit

cd "$WORK" || exit 99
sox -n -r 48000 -c 1 tone.wav synth 2 sine 220 vol 0.5 || fail "sox: tone.wav"
"$TTYMIX" new "$WORK/song" tone.wav >/dev/null || fail "ttymix new failed"
PROJECT=$WORK/song
# the same project with 99,999 markers, 10 ms apart
awk 'BEGIN {
	printf "{\"format\": \"ttymix-project\", \"version\": 1, \"name\": \"song\", "
	printf "\"sample_rate\": 48000, \"tracks\": [{\"name\": \"tone\", \"clips\": "
	printf "[{\"file\": \"audio/tone.wav\", \"start\": 0}]}], \"markers\": ["
	for (i = 0; i < 99999; i++)
		printf "%s{\"name\": \"m%d\", \"time\": %.2f}", i ? ", " : "", i, 1000 + i * 0.01
	printf "]}\n"
}' >"$PROJECT/project.json" || fail "awk could not write the project"
"$TTYMIX" check "$PROJECT" >/dev/null 2>"$WORK/check.err" ||
	fail "the 99,999-marker project does not load: $(head -n 1 "$WORK/check.err")"

tmux_start mk 100 30 TERM=screen LANG=C.UTF-8 LC_ALL=C.UTF-8 XDG_DATA_HOME="$WORK/xdg" \
	TTYMIX_AUTOSAVE_SEC=3600 -- --output null "$PROJECT"
wait_for mk 'MIXER'
keys mk 1
wait_for mk 'ARRANGER'
keys mk M
wait_for mk '^marker "M100000" at 0\.000 s'
keys mk M
wait_for mk '^markers: the limit is 100000'
clip_sum=$(cksum <"$PROJECT/audio/tone.wav")
keys mk : "render $PROJECT/audio/tone.wav" Enter
wait_for mk "^not rendered: .*song/audio/tone\.wav is a clip's audio file"
[ "$(cksum <"$PROJECT/audio/tone.wav")" = "$clip_sum" ] || fail ":render changed the clip"
# a name longer than the limit is refused whole, never cut to fit (a cut could also
# split a UTF-8 character)
long=$(awk 'BEGIN { for (i = 0; i < 300; i++) printf "x" }')
keys mk : "track name $long" Enter
wait_for mk '^track name: 300 bytes long, the limit is 256'
keys mk : "marker name $long" Enter
wait_for mk '^marker name: 300 bytes long, the limit is 256'
keys mk C-s
wait_for mk '^saved '
keys mk q
[ "$(wait_exit mk)" = 0 ] || fail "q did not exit cleanly after a save"

"$TTYMIX" check "$PROJECT" >"$WORK/check.out" 2>"$WORK/check.err" ||
	fail "the saved project does not open again: $(head -n 1 "$WORK/check.err")"
n=$(tr ',' '\n' <"$PROJECT/project.json" | grep -c '"time"')
[ "$n" = 100000 ] || fail "project.json holds $n markers, expected 100000"
grep -q 'xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx' "$PROJECT/project.json" &&
	fail "a name over the limit went into project.json (cut to fit?)"
echo "$TEST: PASS (100,000 markers saved and opened again; the 100,001st refused)"
exit 0
