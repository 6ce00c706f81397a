#!/bin/sh
# Ear training driven in tmux (80x24): `ttymix ear band-boost --seed 5 --practice`
# shows each answer and keeps no score; the same seed, scored, asks the same two
# questions: the first answered right (the practice run's answer), the second wrong;
# q stops. The scores file lands in $XDG_STATE_HOME/ttymix/ear.json and
# `ttymix ear --scores --json` reads it back: 2 attempts, 1 right, both on a chosen
# seed. Then :ear pan in the studio on the demo song: the quiz has the terminal, on
# the selected track (Kick), one answer, q, and the studio comes back saying the score,
# which joins the file. Last, `--output stream` over a UNIX socket: the quiz waits for
# its listener, who hears A and B (curl's FLAC is not silent), then one answer ends it.
#
# Needs tmux, curl and sox. Without them the test skips, except under TTYMIX_REQUIRE_ALL=1 (CI).
set -u

: "${top_srcdir:?run me through make check}"
: "${top_builddir:?run me through make check}"
: "${TTYMIX:?run me through make check}"
WAIT_SEC=30

TEST=ui_ear
PACKAGES="tmux curl sox"
. "$top_srcdir/tests/tmux_lib.sh"
require_tools tmux curl sox timeout
tmux_setup ear
STATE=$WORK/state
SCORES=$STATE/ttymix/ear.json

# the answer the screen shows for question N (practice), e.g. 3
answer_of() {
	capture "$1"
	sed -n "/^Question $2:/,\$p" "$WORK/screen" | sed -n 's/.*practice: the answer is \([0-9]\).*/\1/p' \
		| head -1
}
# a key that is not that answer among the first four (every band question offers 4+)
wrong_of() {
	[ "$1" = 1 ] && echo 2 || echo 1
}

cd "$WORK" || exit 99
tmux_start p 80 24 TERM=screen LANG=C.UTF-8 LC_ALL=C.UTF-8 XDG_STATE_HOME="$STATE" \
	-- --output null ear band-boost --seed 5 --practice
wait_for p '^Question 1: band-boost, level 1 of 9 \(4 bands, 12 dB\)'
wait_for p 'practice: the answer is [1-4] '
a1=$(answer_of p 1)
[ -n "$a1" ] || fail "no answer shown for question 1"
keys p "$a1"
wait_for p '^right: .* boosted 12 dB'
right1=$(grep '^right: ' "$WORK/screen" | head -1)
wait_for p 'Question 2:'
wait_for p 'practice: the answer is [1-4] \(.*\)$'
a2=$(answer_of p 2)
w2=$(wrong_of "$a2")
keys p "$w2"
wait_for p '^wrong \(you said .*\): .* boosted 12 dB'
wrong2=$(grep '^wrong ' "$WORK/screen" | head -1)
wait_for p 'Question 3:'
keys p q
wait_for p '^1 of 2 right \(practice: no scores kept\)'
[ "$(wait_exit p)" = 0 ] || fail "practice did not exit 0"
[ -e "$SCORES" ] && fail "practice wrote scores"

# the same seed, scored: the same questions (the levels start where practice did)
tmux_start s 80 24 TERM=screen LANG=C.UTF-8 LC_ALL=C.UTF-8 XDG_STATE_HOME="$STATE" \
	-- --output null ear band-boost --seed 5
wait_for s '^Question 1: band-boost, level 1 of 9'
grep -q 'practice:' "$WORK/screen" && fail "a scored quiz shows the answer"
keys s r
keys s "$a1"
wait_for s '^right: '
[ "$(grep '^right: ' "$WORK/screen" | head -1)" = "$right1" ] \
	|| fail "seed 5 asked another first question ($right1 in practice)"
wait_for s 'Question 2:'
keys s "$w2"
wait_for s '^wrong '
[ "$(grep '^wrong ' "$WORK/screen" | head -1)" = "$wrong2" ] \
	|| fail "seed 5 asked another second question ($wrong2 in practice)"
wait_for s 'Question 3:'
keys s q
wait_for s '^1 of 2 right; scores kept'
[ "$(wait_exit s)" = 0 ] || fail "the quiz did not exit 0"
[ -f "$SCORES" ] || fail "no scores at $SCORES"

XDG_STATE_HOME=$STATE "$TTYMIX" ear --scores --json >"$WORK/scores.json" \
	|| fail "ear --scores --json failed"
tr -d ' \t\n' <"$WORK/scores.json" >"$WORK/flat.json"
grep -q '"band-boost":{"attempts":2,"right":1,"level":1,"levels":9,"streak":-1,"seeded":2}' \
	"$WORK/flat.json" || fail "scores read back: $(cat "$WORK/flat.json")"
grep -q '"user":' "$WORK/flat.json" || fail "the scores do not name the user"
XDG_STATE_HOME=$STATE "$TTYMIX" ear --scores >"$WORK/scores.txt" || fail "ear --scores failed"
grep -Eq '^  band-boost +2 +1 +50%  1 of 9  \(2 on a chosen --seed\)' "$WORK/scores.txt" \
	|| fail "ear --scores: $(cat "$WORK/scores.txt")"

# :ear in the studio, on the selected track of the demo song
cp -r "$top_builddir/projects/demo" "$WORK/demo" || exit 99
tmux_start d 80 24 TERM=screen LANG=C.UTF-8 LC_ALL=C.UTF-8 XDG_STATE_HOME="$STATE" \
	-- --output null "$WORK/demo"
wait_for d 'Kick +Snare'
keys d -l ':ear pan'
keys d Enter
wait_for d '^Ear training on Kick \(q: back to the studio\)'
wait_for d '^Question 1: pan, level 1 of 4'
wait_for d '1\) L100  2\) C  3\) R100'
keys d 1
wait_for d '^(right|wrong)'
wait_for d '^Question 2: pan'
keys d q
wait_for d 'ear: [01] of 1 right; scores kept'
wait_for d 'Kick +Snare'
keys d -l ':q'
keys d Enter
[ "$(wait_exit d)" = 0 ] || fail "the studio did not exit 0 after :ear"
XDG_STATE_HOME=$STATE "$TTYMIX" ear --scores --json | tr -d ' \t\n' >"$WORK/flat.json"
grep -Eq '"pan":\{"attempts":1,"right":[01],"level":1,"levels":4,"streak":-?1,"seeded":0\}' \
	"$WORK/flat.json" || fail ":ear's answer not in the scores: $(cat "$WORK/flat.json")"
grep -q '"band-boost":{"attempts":2,' "$WORK/flat.json" || fail ":ear lost the quiz's scores"

# the quiz on the stream: the listener hears it
mkfifo "$WORK/in" || exit 99
XDG_STATE_HOME=$STATE timeout 120 "$TTYMIX" --output stream --listen "unix:$WORK/s.sock" \
	ear louder --practice --count 1 <"$WORK/in" >"$WORK/stream.out" 2>"$WORK/stream.err" &
quiz=$!
exec 3>"$WORK/in"
tries=0
until [ -S "$WORK/s.sock" ] || [ "$tries" -ge 300 ]; do
	sleep 0.1
	tries=$((tries + 1))
done
[ -S "$WORK/s.sock" ] || fail "no stream socket: $(cat "$WORK/stream.err")"
# the socket is made before the line is written: under a sanitizer the line comes later
tries=0
until grep -q 'waiting for the first listener' "$WORK/stream.err" || [ "$tries" -ge 300 ]; do
	sleep 0.1
	tries=$((tries + 1))
done
grep -q 'waiting for the first listener' "$WORK/stream.err" \
	|| fail "the quiz did not wait for its listener: $(cat "$WORK/stream.err")"
timeout 60 curl -s --unix-socket "$WORK/s.sock" http://localhost/listen.flac \
	-o "$WORK/quiz.flac" &
listener=$!
tries=0
until grep -q ' A B' "$WORK/stream.out" || [ "$tries" -ge 300 ]; do
	sleep 0.1
	tries=$((tries + 1))
done
grep -q ' A B' "$WORK/stream.out" || fail "B never played on the stream: $(cat "$WORK/stream.out")"
sleep 1
echo a >&3
exec 3>&-
wait "$quiz" || fail "the streamed quiz failed: $(cat "$WORK/stream.err")"
wait "$listener"
grep -Eq '^[01] of 1 right \(practice' "$WORK/stream.out" \
	|| fail "the streamed quiz: $(cat "$WORK/stream.out")"
peak=$(sox "$WORK/quiz.flac" -n stat 2>&1 | sed -n 's/^Maximum amplitude: *//p')
[ -n "$peak" ] || fail "the listener's FLAC does not decode"
awk -v p="$peak" 'BEGIN { exit !(p > 0.05) }' || fail "the listener heard silence (peak $peak)"
echo "$TEST: ok"
