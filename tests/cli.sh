#!/bin/sh
# The command-line contract of design.md: exit codes, --help/--version, new, check,
# render options (formats, bits, dither, rate, start/end, stems), play on the null
# driver with its progress line, and Ctrl-C (SIGINT) stopping play cleanly.
set -u
fail=0
t=$(mktemp -d)
trap 'rm -rf "$t"' EXIT
need() {
	command -v "$1" >/dev/null 2>&1 && return 0
	if [ "${TTYMIX_REQUIRE_ALL:-0}" = 1 ]; then echo "cli: $1 is required"; exit 99; fi
	echo "cli: $1 missing: skipped"; exit 77
}
need sox
bad() { echo "FAIL: $*"; fail=1; }
expect_rc() { # expected-rc description command...
	want=$1; what=$2; shift 2
	"$@" >"$t/out" 2>"$t/err"; rc=$?
	[ "$rc" -eq "$want" ] || { bad "$what: exit $rc, want $want"; cat "$t/err"; }
}

expect_rc 0 "--help" "$TTYMIX" --help
grep -q "ttymix render PROJECT" "$t/out" || bad "--help lists render"
expect_rc 0 "--version" "$TTYMIX" --version
grep -q "^ttymix [0-9]" "$t/out" || bad "--version prints the version"
expect_rc 2 "unknown option" "$TTYMIX" render --frobnicate
expect_rc 2 "render without project" "$TTYMIX" render
expect_rc 2 "bad --bits" "$TTYMIX" render x -o y.wav --bits 12
expect_rc 2 "unknown output extension" "$TTYMIX" render x -o y.xyz
expect_rc 2 "check without project" "$TTYMIX" check
expect_rc 1 "missing project" "$TTYMIX" check "$t/nope"
[ "$(wc -l <"$t/err")" -eq 1 ] || bad "missing project: one line"

sox -n -r 44100 -c 1 -b 16 "$t/tone.wav" synth 3 sine 1000 gain -20
sox -n -r 48000 -c 2 -b 24 "$t/noise.flac" synth 2 pinknoise gain -30
expect_rc 0 "new" "$TTYMIX" new "$t/p" "$t/tone.wav" "$t/noise.flac"
[ -f "$t/p/project.json" ] && [ -f "$t/p/audio/tone.wav" ] || bad "new made the folder"
expect_rc 1 "new into a non-empty folder" "$TTYMIX" new "$t/p"
expect_rc 0 "check" "$TTYMIX" check "$t/p"
grep -q "ok: 2 tracks, 2 clips" "$t/out" || bad "check reports the project"

# the project follows the first file's rate: 44.1 kHz, 3 s
expect_rc 0 "render flac" "$TTYMIX" render "$t/p" -o "$t/mix.flac" --bits 16
sox --i -r "$t/mix.flac" | grep -q 44100 || bad "render keeps the project rate"
[ "$(sox --i -s "$t/mix.flac")" -eq 132300 ] || bad "render length is 3 s"
expect_rc 0 "render --rate" "$TTYMIX" render "$t/p" -o "$t/mix48.wav" --rate 48000 --bits 32f
[ "$(sox --i -s "$t/mix48.wav")" -eq 144000 ] || bad "--rate 48000 gives 3 s at 48 kHz"
expect_rc 0 "render --start/--end" "$TTYMIX" render "$t/p" -o "$t/part.wav" --start 0.5 \
	--end 1.5 --format wav
[ "$(sox --i -s "$t/part.wav")" -eq 44100 ] || bad "--start 0.5 --end 1.5 gives 1 s"
expect_rc 2 "--end before --start" "$TTYMIX" render "$t/p" -o "$t/x.wav" --start 2 --end 1
[ ! -e "$t/x.wav" ] || bad "a refused render leaves no file"
# 16-bit: dither by default, none when asked; the two differ but only by noise
expect_rc 0 "render 16 tpdf" "$TTYMIX" render "$t/p" -o "$t/d.wav" --bits 16
expect_rc 0 "render 16 none" "$TTYMIX" render "$t/p" -o "$t/n.wav" --bits 16 --dither none
cmp -s "$t/d.wav" "$t/n.wav" && bad "dither changes a 16-bit render"
expect_rc 0 "render ogg" "$TTYMIX" render "$t/p" -o "$t/m.ogg"
expect_rc 0 "render stems" "$TTYMIX" render "$t/p" --stems "$t/stems" --bits 32f
[ -f "$t/stems/01-tone.wav" ] && [ -f "$t/stems/02-noise.wav" ] || bad "stems written"
# stems add up to the mix (float, no dither)
expect_rc 0 "render float mix" "$TTYMIX" render "$t/p" -o "$t/mixf.wav" --bits 32f
sox -m "$t/stems/01-tone.wav" "$t/stems/02-noise.wav" -v -1 "$t/mixf.wav" "$t/resid.wav" 2>/dev/null
max=$(sox "$t/resid.wav" -n stat 2>&1 | awk '/Maximum amplitude/ { print $3 }')
awk -v m="$max" 'BEGIN { exit !(m < 1e-6) }' || bad "stems sum to the mix (residual $max)"
# a render is the same bytes every time (ttymix.1), also in another second: a float WAV
# or AIFF must carry no wall-clock time (libsndfile's PEAK chunk would), and the dither
# of a 16-bit render is seeded
expect_rc 0 "render float aiff" "$TTYMIX" render "$t/p" -o "$t/mixf.aiff" --bits 32f
sleep 1 # at least a second: the next renders happen in another second than the first
expect_rc 0 "render float mix again" "$TTYMIX" render "$t/p" -o "$t/mixf2.wav" --bits 32f
expect_rc 0 "render float aiff again" "$TTYMIX" render "$t/p" -o "$t/mixf2.aiff" --bits 32f
expect_rc 0 "render 16 tpdf again" "$TTYMIX" render "$t/p" -o "$t/d2.wav" --bits 16
for pair in mixf.wav:mixf2.wav mixf.aiff:mixf2.aiff d.wav:d2.wav; do
	cmp "$t/${pair%%:*}" "$t/${pair#*:}" || bad "two renders differ: ${pair%%:*} ${pair#*:}"
done

expect_rc 0 "loudness" "$TTYMIX" loudness --json "$t/mixf.wav"
grep -q '"integrated_lufs"' "$t/out" || bad "loudness --json keys"

# play on the null driver: a progress line at most 4 times a second, then exit 0
expect_rc 0 "play --duration" "$TTYMIX" play "$t/p" --output null --duration 1.2
lines=$(grep -c "peak L" "$t/err")
[ "$lines" -ge 2 ] && [ "$lines" -le 7 ] || bad "play prints progress ($lines lines for 1.2 s)"
grep -q "DSP load" "$t/err" || bad "play reports the DSP load"
# Ctrl-C stops it cleanly
"$TTYMIX" play "$t/p" --output null >"$t/out" 2>"$t/err" &
pid=$!
sleep 1
kill -INT "$pid"
wait "$pid"; rc=$?
[ "$rc" -eq 0 ] || bad "play after SIGINT: exit $rc, want 0"
# play of a missing file: one line, exit 1
expect_rc 1 "play missing" "$TTYMIX" play "$t/missing.wav" --output null
[ "$(wc -l <"$t/err")" -eq 1 ] || bad "play missing file: one line"

[ $fail -eq 0 ] && echo "cli: all checks passed"
exit $fail
