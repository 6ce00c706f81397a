#!/bin/sh
# `ttymix master`: every named target and a number, on a quiet file and a hot file,
# lands within 0.5 LU of the target with its true peak at or under the ceiling, as
# `ttymix loudness` (libebur128) measures the written file; the report and its --json;
# usage errors exit 2 and runtime failures 1, each with one line.
set -u
fail=0
t=$(mktemp -d)
trap 'rm -rf "$t"' EXIT
need() {
	command -v "$1" >/dev/null 2>&1 && return 0
	if [ "${TTYMIX_REQUIRE_ALL:-0}" = 1 ]; then echo "cli_master: $1 is required"; exit 99; fi
	echo "cli_master: $1 missing: skipped"; exit 77
}
need sox
need jq
bad() { echo "FAIL: $*"; fail=1; }
expect_rc() { # expected-rc description command...
	want=$1; what=$2; shift 2
	"$@" >"$t/out" 2>"$t/err"; rc=$?
	[ "$rc" -eq "$want" ] || { bad "$what: exit $rc, want $want"; cat "$t/err"; }
}
one_line() { [ "$(wc -l <"$t/err")" -eq 1 ] || { bad "$1: one line on stderr"; cat "$t/err"; }; }

# quiet: pink noise about -37 LUFS with a few louder bars (a little loudness range);
# hot: a dense, clipped mix about +0 LUFS with inter-sample peaks over 0 dBTP
sox -n -r 48000 -c 2 -b 24 "$t/a.wav" synth 6 pinknoise gain -32
sox -n -r 48000 -c 2 -b 24 "$t/b.wav" synth 4 pinknoise gain -24
sox "$t/a.wav" "$t/b.wav" "$t/quiet.wav"
sox -n -r 44100 -c 2 -b 16 "$t/hot.flac" synth 8 pinknoise synth sine amod 2 gain 18 \
	2>/dev/null
# middle: gated noise bursts near -30 LUFS with sharp onsets (a crest factor that the
# limiter has to work on at loud targets), mono, 44.1 kHz
sox -n -r 44100 -c 1 -b 16 "$t/bursts.wav" synth 8 whitenoise synth square amod 3 gain -24 \
	2>/dev/null
for f in quiet.wav hot.flac bursts.wav; do
	"$TTYMIX" loudness --json "$t/$f" >"$t/in.json" || bad "loudness $f"
	echo "input $f: $(jq -r '"\(.integrated_lufs) LUFS, \(.true_peak_dbtp) dBTP"' "$t/in.json")"
done

# target name, LUFS, ceiling
check_target() { # file target lufs ceiling [extra args]
	f=$1 target=$2 lufs=$3 ceiling=$4; shift 4
	out="$t/m-$target-$f.wav"
	expect_rc 0 "master $f --target $target" "$TTYMIX" master "$t/$f" -o "$out" \
		--target "$target" "$@" --json
	jq -e . "$t/out" >/dev/null || { bad "master --json parses ($f, $target)"; return; }
	"$TTYMIX" loudness --json "$out" >"$t/l.json" || { bad "loudness of $out"; return; }
	i=$(jq .integrated_lufs "$t/l.json")
	tp=$(jq .true_peak_dbtp "$t/l.json")
	gain=$(jq .gain_db "$t/out")
	gr=$(jq .limiter_max_gr_db "$t/out")
	printf '%-9s %-10s target %6.1f LUFS / %5.1f dBTP: got %7.2f LUFS, %6.2f dBTP ' \
		"$f" "$target" "$lufs" "$ceiling" "$i" "$tp"
	printf '(gain %+6.1f dB, limiter GR %4.1f dB)\n' "$gain" "$gr"
	awk -v i="$i" -v l="$lufs" 'BEGIN { d = i - l; exit !(d <= 0.5 && d >= -0.5) }' ||
		bad "$f --target $target: $i LUFS, want $lufs +- 0.5"
	awk -v tp="$tp" -v c="$ceiling" 'BEGIN { exit !(tp <= c) }' ||
		bad "$f --target $target: true peak $tp over the ceiling $ceiling"
	# the report agrees with the measurement of the written file
	ri=$(jq .after.integrated_lufs "$t/out")
	awk -v a="$ri" -v b="$i" 'BEGIN { d = a - b; exit !(d < 0.01 && d > -0.01) }' ||
		bad "$f --target $target: report says $ri LUFS, file measures $i"
	[ "$(jq -r .reached "$t/out")" = true ] || bad "$f --target $target: reached"
}
for f in quiet.wav hot.flac bursts.wav; do
	check_target "$f" spotify -14 -1
	check_target "$f" apple -16 -1
	check_target "$f" youtube -14 -1
	check_target "$f" ebu -23 -1
	check_target "$f" -9 -9 -1
	check_target "$f" -12 -12 -2.5 --ceiling -2.5
done

# the text report: before and after columns
expect_rc 0 "master text report" "$TTYMIX" master "$t/quiet.wav" -o "$t/r.flac" --target ebu
grep -q "integrated LUFS" "$t/out" && grep -q "limiter max GR" "$t/out" &&
	grep -q "true peak dBTP" "$t/out" || { bad "text report"; cat "$t/out"; }
[ "$(sox --i -r "$t/r.flac")" -eq 48000 ] || bad "master keeps the input's rate"
[ "$(sox --i -s "$t/r.flac")" -eq "$(sox --i -s "$t/quiet.wav")" ] ||
	bad "master keeps the input's length (latency compensated)"

# cannot be reached: says so, exit 1, one line
expect_rc 1 "unreachable target" "$TTYMIX" master "$t/quiet.wav" -o "$t/u.wav" --target -2 \
	--ceiling -8
one_line "unreachable target"
grep -q "cannot reach" "$t/err" || bad "unreachable target says so"

# usage errors: exit 2, one line
expect_rc 2 "no input" "$TTYMIX" master -o "$t/x.wav"
one_line "no input"
expect_rc 2 "no output" "$TTYMIX" master "$t/quiet.wav"
one_line "no output"
expect_rc 2 "bad target" "$TTYMIX" master "$t/quiet.wav" -o "$t/x.wav" --target loud
one_line "bad target"
expect_rc 2 "target out of range" "$TTYMIX" master "$t/quiet.wav" -o "$t/x.wav" --target 3
expect_rc 2 "bad ceiling" "$TTYMIX" master "$t/quiet.wav" -o "$t/x.wav" --ceiling 1
one_line "bad ceiling"
expect_rc 2 "unknown option" "$TTYMIX" master "$t/quiet.wav" -o "$t/x.wav" --frob
one_line "unknown option"
expect_rc 2 "unknown extension" "$TTYMIX" master "$t/quiet.wav" -o "$t/x.mp9"
one_line "unknown extension"
expect_rc 1 "overwrite the input" "$TTYMIX" master "$t/quiet.wav" -o "$t/quiet.wav"
one_line "overwrite the input"
[ ! -e "$t/x.wav" ] || bad "a refused master leaves no file"

# runtime failures: exit 1, one line
expect_rc 1 "missing input" "$TTYMIX" master "$t/nope.wav" -o "$t/x.wav"
one_line "missing input"
printf 'not audio' >"$t/junk.wav"
expect_rc 1 "unreadable input" "$TTYMIX" master "$t/junk.wav" -o "$t/x.wav"
one_line "unreadable input"
sox -n -r 48000 -c 2 "$t/silence.wav" trim 0 2
expect_rc 1 "silent input" "$TTYMIX" master "$t/silence.wav" -o "$t/x.wav"
one_line "silent input"
expect_rc 1 "unwritable output" "$TTYMIX" master "$t/quiet.wav" -o "$t/no/such/dir/x.wav"
one_line "unwritable output"

# --help lists it
"$TTYMIX" --help | grep -q "ttymix master IN -o OUT" || bad "--help lists master"

exit $fail
