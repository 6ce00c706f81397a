#!/bin/sh
# ttymix import PROJECT FILE... [--track NAME] [--at TIME] (issue 20):
#  - 44.1 and 48 kHz files, mono and stereo, into a 48 kHz project: copies in audio/
#    at 48 kHz (the 44.1 kHz ones resampled, and said so), a track each named after
#    its file, and `ttymix check` passes;
#  - --track and --at: a named track made, the files one after the other from a bar;
#  - a name already in audio/ is never overwritten: the copy gets a name of its own;
#  - a broken or missing file, alone or among good ones: exit 1, one line on stderr,
#    project.json unchanged byte for byte, nothing added to audio/;
#  - a project a studio holds (its lock) is refused, and left as it was.
set -u
fail=0
t=$(mktemp -d)
trap 'rm -rf "$t"' EXIT
need() {
	command -v "$1" >/dev/null 2>&1 && return 0
	if [ "${TTYMIX_REQUIRE_ALL:-0}" = 1 ]; then echo "import: $1 is required"; exit 99; fi
	echo "import: $1 missing: skipped"; exit 77
}
need sox
need flock
bad() { echo "FAIL: $*"; fail=1; }
expect_rc() { # expected-rc description command...
	want=$1; what=$2; shift 2
	"$@" >"$t/out" 2>"$t/err"; rc=$?
	[ "$rc" -eq "$want" ] || { bad "$what: exit $rc, want $want"; cat "$t/err"; }
}
rate_of() { soxi -r "$1" 2>/dev/null; }

sox -n -r 44100 -c 1 "$t/m44.wav" synth 1 sine 440 vol 0.5
sox -n -r 44100 -c 2 "$t/s44.flac" synth 1 sine 550 vol 0.5
sox -n -r 48000 -c 1 "$t/m48.wav" synth 1 sine 660 vol 0.5
sox -n -r 48000 -c 2 "$t/s48.wav" synth 1 sine 770 vol 0.5
printf 'RIFF....WAVEjunk' >"$t/broken.wav"
"$TTYMIX" new "$t/p" "$t/m48.wav" >/dev/null || bad "new"
p=$t/p

expect_rc 0 "import four files" "$TTYMIX" import "$p" "$t/m44.wav" "$t/s44.flac" \
	"$t/m48.wav" "$t/s48.wav"
grep -q "m44.wav: 44100 Hz, resampled to 48000 Hz" "$t/out" || bad "the resample is said"
grep -q 'm48.wav: imported as audio/2-m48.wav on track "m48"' "$t/out" ||
	bad "a name already in audio/ gets its own: $(cat "$t/out")"
for f in m44.wav s44.wav m48.wav 2-m48.wav s48.wav; do
	[ -f "$p/audio/$f" ] || bad "no audio/$f"
	[ "$(rate_of "$p/audio/$f")" = 48000 ] || bad "audio/$f is not at 48 kHz"
done
[ "$(soxi -c "$p/audio/s44.wav" 2>/dev/null)" = 2 ] || bad "the stereo file stayed stereo"
cmp -s "$t/s48.wav" "$p/audio/s48.wav" || bad "a file at the project's rate is copied as it is"
expect_rc 0 "check after import" "$TTYMIX" check "$p"
grep -q "5 tracks, 5 clips" "$t/out" || bad "check: $(cat "$t/out")"

# the resampled clip against sox's own resample (its `rate -h`, a filter of the same
# family as soxr's HQ but not the same code): within -100 dBFS away from the file's
# first and last 50 ms, where the two filters start and stop differently (measured:
# -129 dBFS inside, -87 dBFS at the edges). tests/import_test holds the whole clip,
# edges and all, to soxr's one-shot resample.
sox -n -r 44100 -c 2 -b 32 -e float "$t/f44.wav" synth 3 sine 440 sine 3100 vol 0.4
"$TTYMIX" new "$t/q" >/dev/null || bad "new q"
expect_rc 0 "import f44" "$TTYMIX" import "$t/q" "$t/f44.wav"
expect_rc 0 "render q" "$TTYMIX" render "$t/q" -o "$t/q.wav" --bits 32f
sox "$t/f44.wav" -b 32 -e float "$t/sox48.wav" rate -h 48000
peak=$(sox -m -v 1 "$t/q.wav" -v -1 "$t/sox48.wav" -n trim 0.05 2.9 stats 2>&1 |
	awk '/^Pk lev dB/ { print $4 }')
echo "import: render of a 44.1 kHz import against sox's resample: $peak dBFS"
awk -v p="$peak" 'BEGIN { exit !(p != "" && p <= -100) }' ||
	bad "the resampled import is $peak dBFS from sox's resample (want <= -100)"

expect_rc 0 "--track --at" "$TTYMIX" import "$p" "$t/m48.wav" "$t/s48.wav" --track lead --at b3
grep -q 'on track "lead" at 4.000 s' "$t/out" || bad "--at b3: $(cat "$t/out")"
grep -Eq '"start":[[:space:]]*5([^0-9.]|$)' "$p/project.json" ||
	bad "the second file on the track starts after the first"
expect_rc 2 "no file" "$TTYMIX" import "$p"
expect_rc 1 "--at not a time" "$TTYMIX" import "$p" "$t/m48.wav" --at soon
[ "$(wc -l <"$t/err")" -eq 1 ] || bad "--at: one line"

cp "$p/project.json" "$t/before.json"
ls "$p/audio" >"$t/before.ls"
for what in broken missing; do
	case $what in
	broken) set -- "$t/m44.wav" "$t/broken.wav" ;;
	missing) set -- "$t/s48.wav" "$t/none.wav" ;;
	esac
	expect_rc 1 "$what file" "$TTYMIX" import "$p" "$@"
	[ "$(wc -l <"$t/err")" -eq 1 ] || bad "$what: one line, got: $(cat "$t/err")"
	grep -q "${2##*/}" "$t/err" || bad "$what: the line names the file"
	cmp -s "$t/before.json" "$p/project.json" || bad "$what: project.json changed"
	ls "$p/audio" | cmp -s "$t/before.ls" - || bad "$what: audio/ changed"
done

# a studio holds the project: refused (flock holds the lock as a studio does)
flock "$p/.ttymix/lock" sleep 30 &
holder=$!
i=0
until ! flock -n "$p/.ttymix/lock" true 2>/dev/null || [ $i -ge 100 ]; do
	sleep 0.1; i=$((i + 1))
done
expect_rc 1 "a held project" "$TTYMIX" import "$p" "$t/m48.wav"
grep -q "import there" "$t/err" || bad "held: $(cat "$t/err")"
kill "$holder" 2>/dev/null
wait "$holder" 2>/dev/null
cmp -s "$t/before.json" "$p/project.json" || bad "held: project.json changed"

[ $fail = 0 ] && echo "import: ok"
exit $fail
