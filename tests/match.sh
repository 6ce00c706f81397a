#!/bin/sh
# `ttymix master IN -o OUT --match REF` (issue 21): a target made from a reference by a
# known EQ tilt (bass -4 dB at 150 Hz, treble +4 dB at 4 kHz), a 4 dB level drop and a
# narrower image (side x0.6), on two kinds of material: pink noise with tones and a
# wide brown-noise side, and 8 s of the demo song's stems mixed with sox. After the
# match, as tests/match_measure reads the written file: the third-octave spectrum within
# 1 dB RMS of the reference's over 40 Hz-16 kHz, integrated loudness within 0.5 LU,
# true peak at or under -1 dBTP, width (side over mid) within 10 %. A reference in
# another genre (+-20 dB) never gets more than the cap (9 dB, or --cap); usage errors.
set -u
fail=0
t=$(mktemp -d)
trap 'rm -rf "$t"' EXIT
need() {
	command -v "$1" >/dev/null 2>&1 && return 0
	if [ "${TTYMIX_REQUIRE_ALL:-0}" = 1 ]; then echo "match: $1 is required"; exit 99; fi
	echo "match: $1 missing: skipped"; exit 77
}
need sox
need jq
bad() { echo "FAIL: $*"; fail=1; }
measure="${top_builddir:-.}/tests/match_measure"
demo="${top_builddir:-.}/projects/demo/audio"

# the reference: pink noise in the middle with two tones, brown noise on the side,
# brought up to a sample peak of -0.5 dBFS (its true peak is over the -1 ceiling)
sox -R -n -r 48000 -c 1 "$t/mid.wav" synth 8 pinknoise vol 0.3
sox -R -n -r 48000 -c 1 "$t/tones.wav" synth 8 sine 110 sine 660 vol 0.15 tremolo 2 60
sox -R -n -r 48000 -c 1 "$t/side.wav" synth 8 brownnoise vol 0.12
sox -m "$t/mid.wav" "$t/tones.wav" "$t/m.wav"
sox -M "$t/m.wav" "$t/side.wav" "$t/ms.wav"
sox "$t/ms.wav" "$t/noise_ref.wav" remix 1,2 1,2i gain -n -0.5
# the demo song's stems, panned, 8 s from 0:20
if [ -f "$demo/kick.flac" ]; then
	s() { echo "|sox $demo/$1.flac -p $2 trim 20 8"; }
	sox -m -v 1 "$(s kick 'remix 1 1')" -v 1 "$(s bass 'remix 1 1')" \
		-v 0.8 "$(s snare 'remix 1v0.8 1v0.6')" -v 0.7 "$(s hats 'remix 1v0.9 1v0.3')" \
		-v 0.8 "$(s lead 'remix 1v0.4 1v0.9')" -v 0.8 "$(s pad '')" "$t/demo_raw.wav"
	sox "$t/demo_raw.wav" "$t/demo_ref.wav" gain -n -0.5
else
	bad "no demo stems in $demo (the build makes them)"
fi

for kind in noise demo; do
	[ -f "$t/${kind}_ref.wav" ] || continue
	ref="$t/${kind}_ref.wav" target="$t/${kind}_target.wav" out="$t/${kind}_out.wav"
	sox "$ref" "$target" bass -4 150 treble +4 4000 vol -4dB \
		remix 1v0.8,2v0.2 1v0.2,2v0.8
	"$measure" "$target" "$ref" >"$t/before.json" || bad "$kind: measure the target"
	"$TTYMIX" master "$target" -o "$out" --match "$ref" --json >"$t/m.json" \
		2>"$t/err" || { bad "$kind: master --match failed"; cat "$t/err"; continue; }
	"$measure" "$out" "$ref" >"$t/after.json" || { bad "$kind: measure"; continue; }
	echo "$kind: before $(cat "$t/before.json")"
	echo "$kind: after  $(cat "$t/after.json")"
	jq -e '.distance_db > 3' "$t/before.json" >/dev/null ||
		bad "$kind: the target should start far from the reference"
	jq -e '.distance_db <= 1.0' "$t/after.json" >/dev/null || bad "$kind: spectrum"
	jq -e '(.lu_diff | fabs) <= 0.5' "$t/after.json" >/dev/null || bad "$kind: loudness"
	jq -e '.tp_dbtp <= -1.0' "$t/after.json" >/dev/null || bad "$kind: true peak"
	jq -e '.width_ratio >= 0.9 and .width_ratio <= 1.1' "$t/after.json" >/dev/null ||
		bad "$kind: width"
	# the report agrees with the file, and says what it did
	jq -e '.reached and .match.distance_after_db <= 1.0 and .match.cap_db == 9
		and .match.width_param > 1.2' "$t/m.json" >/dev/null ||
		{ bad "$kind: the report"; cat "$t/m.json"; }
done

# a reference in another genre: 20 dB more bass and 20 dB less top than the mix
ref="$t/noise_ref.wav"
sox "$ref" "$t/genre.wav" gain -24 bass +20 100 treble -20 6000 gain -n -1
for cap in 9 4; do
	"$TTYMIX" master "$ref" -o "$t/g$cap.wav" --match "$t/genre.wav" --cap "$cap" \
		--smooth 1/6 --json >"$t/g.json" 2>"$t/err"
	jq -e --argjson cap "$cap" '.match.asked_max_db <= $cap + 1e-9 and
		.match.correction_max_db <= $cap + 1e-6 and .match.asked_max_db >= $cap - 0.01
		and .match.smooth_octaves > 0.16 and .match.smooth_octaves < 0.17' \
		"$t/g.json" >/dev/null || { bad "another genre, cap $cap"; cat "$t/g.json" "$t/err"; }
done

# usage errors exit 2 with one line; a missing reference exits 1
for args in "--match $ref --target spotify" "--smooth 1/3" "--match $ref --smooth 1/48" \
	"--match $ref --cap 40" "--match"; do
	# shellcheck disable=SC2086
	"$TTYMIX" master "$ref" -o "$t/u.wav" $args >/dev/null 2>"$t/err"
	rc=$?
	[ "$rc" -eq 2 ] || bad "master $args: exit $rc, want 2"
	[ "$(wc -l <"$t/err")" -eq 1 ] || { bad "master $args: one line"; cat "$t/err"; }
done
"$TTYMIX" master "$ref" -o "$t/u.wav" --match "$t/none.wav" >/dev/null 2>"$t/err"
rc=$?
[ "$rc" -eq 1 ] || bad "a missing reference: exit $rc, want 1"
[ ! -e "$t/u.wav" ] || bad "a failed match leaves no output"
exit $fail
