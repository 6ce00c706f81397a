#!/bin/sh
# Messages and files (issue 18): a project path that is not there says how to make
# one; play --start counts from the start it was given; a render or a play of a
# project whose clip file is missing exits 1 naming it, and --allow-missing goes on
# without it, saying so; a FIFO given as audio is "not a regular file" (and nothing
# waits on it).
set -u
: "${TTYMIX:?run me through make check}"
. "$top_srcdir/tests/expect_lib.sh"
command -v sox >/dev/null 2>&1 || { echo "SKIP: sox"; [ "${TTYMIX_REQUIRE_ALL:-0}" = 1 ] && exit 99; exit 77; }
# every run is bounded: a FIFO opened for reading would wait for a writer for ever
T() { timeout 60 "$@"; }

# ---- no project at PATH ----
expect 1 "ttymix: no project at $t/song (ttymix new $t/song FILE... makes one)" \
	T "$TTYMIX" "$t/song"
expect 1 "ttymix: no project at $t/song/ (ttymix new $t/song/ FILE... makes one)" \
	T "$TTYMIX" play "$t/song/" --output null
expect 1 "ttymix: no project at $t/song (ttymix new $t/song FILE... makes one)" \
	T "$TTYMIX" render "$t/song" -o "$t/out.wav"
# a missing name with an extension is still an audio file
expect 1 "ttymix: $t/take.wav: audio file not found" T "$TTYMIX" "$t/take.wav"

# ---- play --start counts from the start ----
sox -n -r 48000 -c 1 "$t/a.wav" synth 3 sine 220 vol 0.5 || exit 99
sox -n -r 48000 -c 1 "$t/b.wav" synth 3 sine 330 vol 0.5 || exit 99
"$TTYMIX" new "$t/p" "$t/a.wav" "$t/b.wav" >/dev/null || { bad "new failed"; exit 1; }
T "$TTYMIX" play "$t/p" --output null --start 1.5 --duration 1 >"$t/out" 2>"$t/err" \
	|| bad "play --start 1.5: exit $?"
first=$(grep "peak L" "$t/err" | head -n 1)
last=$(grep "peak L" "$t/err" | tail -n 1)
case $first in
"0:01."[5-9]" / 0:02.5 "*) ;;
*) bad "play --start 1.5 --duration 1: the first progress line is '$first', not from 0:01.5 to 0:02.5" ;;
esac
case $last in
"0:02.5 / 0:02.5 "*) ;;
*) bad "play --start 1.5 --duration 1: the last progress line is '$last', not 0:02.5 / 0:02.5" ;;
esac

# ---- a missing clip file: exit 1 naming it; --allow-missing goes on without it ----
mv "$t/p/audio/b.wav" "$t/b-away.wav" || exit 99
gone=$t/p/audio/b.wav
expect 1 "ttymix: $gone: audio file not found (track \"b\", clip 1; --allow-missing renders without it)" \
	T "$TTYMIX" render "$t/p" -o "$t/mix.wav"
[ -e "$t/mix.wav" ] && bad "render with a missing clip wrote its output"
expect 0 "ttymix: warning: $gone: audio file not found (track \"b\": clip offline, plays as silence)" \
	T "$TTYMIX" render "$t/p" -o "$t/mix.wav" --allow-missing
[ "$(sox --i -s "$t/mix.wav" 2>/dev/null)" = 144000 ] || bad "render --allow-missing: not the 3 s of track a"
expect 1 "ttymix: $gone: audio file not found (track \"b\", clip 1; --allow-missing plays without it)" \
	T "$TTYMIX" play "$t/p" --output null --duration 0.2
T "$TTYMIX" play "$t/p" --output null --duration 0.2 --allow-missing >"$t/out" 2>"$t/err" \
	|| bad "play --allow-missing: exit $?"
grep -q -F "warning: $gone: audio file not found" "$t/err" || bad "play --allow-missing does not say what it plays without"

# ---- a FIFO given as audio ----
mkfifo "$t/fifo.wav" || exit 99
expect 1 "ttymix: $t/fifo.wav: not a regular file" T "$TTYMIX" loudness "$t/fifo.wav"
expect 1 "ttymix: $t/fifo.wav: not a regular file" T "$TTYMIX" new "$t/q" "$t/fifo.wav"
[ -e "$t/q" ] && bad "new with a FIFO left its folder"
rm -f "$t/p/audio/b.wav"
mkfifo "$t/p/audio/b.wav" || exit 99
expect 1 "ttymix: $gone: not a regular file (track \"b\", clip 1; --allow-missing renders without it)" \
	T "$TTYMIX" render "$t/p" -o "$t/mix2.wav"

[ $fail -eq 0 ] && echo "cli_text: all checks passed"
exit $fail
