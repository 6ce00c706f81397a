#!/bin/sh
# LV2 inserts with real plug-ins from Debian (swh-lv2, lsp-plugins-lv2):
#  - `ttymix plugins` lists swh's amp with its gain port, and --json parses;
#  - swh amp (mono: two instances on a stereo track) at gain -6 renders within
#    -100 dBFS of the same track with its fader at -6 dB and no insert;
#  - LSP's stereo parametric EQ, one bell band at 1 kHz +6 dB: +6 dB at 1 kHz, 0 dB at
#    100 Hz, as the band is set;
#  - a missing plug-in, a wrong symbol, an out-of-range value and a layout no strip can
#    take: check and render exit 1 with one line each;
#  - a playback with LV2 inserts under the rtcheck preload (tests/rtcheck.c).
# (tests/lv2_test: the insert itself, NaN muting, latency, saving a missing plug-in.)
set -u
: "${top_builddir:?run me through make check}"
fail=0
t=$(mktemp -d)
trap 'rm -rf "$t"' EXIT
need() { # what test-command
	what=$1; shift
	"$@" >/dev/null 2>&1 && return 0
	if [ "${TTYMIX_REQUIRE_ALL:-0}" = 1 ]; then echo "lv2: $what is required"; exit 99; fi
	echo "lv2: $what missing: skipped"; exit 77
}
need sox command -v sox
need python3 command -v python3
need swh-lv2 test -d /usr/lib/lv2/amp-swh.lv2
need lsp-plugins-lv2 "$TTYMIX" plugins para_equalizer_x16_stereo
bad() { echo "FAIL: $*"; fail=1; }
AMP=http://plugin.org.uk/swh-plugins/amp
PEQ=http://lsp-plug.in/plugins/lv2/para_equalizer_x16_stereo
SCCOMP=http://lsp-plug.in/plugins/lv2/sc_compressor_stereo

# ---- the listing ----
"$TTYMIX" plugins swh amp >"$t/list" || bad "plugins exits $?"
grep -q "^Simple amplifier$" "$t/list" || bad "plugins: no Simple amplifier"
grep -q "^  $AMP$" "$t/list" || bad "plugins: no amp URI"
grep -Eq "^ +gain +-70 to 70, default 0" "$t/list" || bad "plugins: no gain port"
"$TTYMIX" plugins --json SIMPLE AMPLIFIER >"$t/list.json" || bad "plugins --json exits $?"
python3 - "$t/list.json" "$AMP" <<'PY' || bad "plugins --json: not as expected"
import json, sys
d = json.load(open(sys.argv[1]))
p = [x for x in d if x["uri"] == sys.argv[2]]
assert len(p) == 1, d
p = p[0]
assert (p["audio_in"], p["audio_out"], p["latency"]) == (1, 1, False), p
g = p["controls"][0]
assert (g["symbol"], g["min"], g["max"], g["default"]) == ("gain", -70, 70, 0), g
PY

# ---- a project with one stereo track: $1 folder, $2 the track's fields ----
project() {
	mkdir -p "$t/$1/audio"
	cp "$t/src.wav" "$t/$1/audio/in.wav"
	cat >"$t/$1/project.json" <<JSON
{"format": "ttymix-project", "version": 1, "name": "$1", "sample_rate": 48000,
 "tracks": [{"name": "vox", $2 "clips": [{"file": "audio/in.wav", "start": 0}]}],
 "master": {"gain_db": 0}}
JSON
}
peak() { sox "$1" -n stat 2>&1 | awk '/^Maximum amplitude/ {print $3}'; }
rms() { sox "$1" -n trim 0.5 1 stat 2>&1 | awk '/^RMS +amplitude/ {print $3}'; }

# ---- swh amp -6 against the fader at -6 ----
sox -n -r 48000 -c 2 -b 24 "$t/src.wav" synth 2 pinknoise vol 0.5
project amp "\"inserts\": [{\"type\": \"lv2\", \"uri\": \"$AMP\", \"params\": {\"gain\": -6}}],"
project fader '"gain_db": -6,'
"$TTYMIX" render "$t/amp" -o "$t/amp.wav" --bits 32f >/dev/null || bad "render amp"
"$TTYMIX" render "$t/fader" -o "$t/fader.wav" --bits 32f >/dev/null || bad "render fader"
sox -m -v 1 "$t/amp.wav" -v -1 "$t/fader.wav" -b 32 -e float "$t/diff.wav"
d=$(peak "$t/diff.wav"); ref=$(peak "$t/fader.wav")
echo "swh amp -6 vs fader -6: difference peak $d (signal peak $ref)"
awk -v d="$d" -v r="$ref" 'BEGIN { exit !(d < 1e-5 && r > 0.1) }' ||
	bad "amp -6 differs from the fader at -6 by $d (more than -100 dBFS)"

# ---- LSP para EQ: a +6 dB bell at 1 kHz ----
for hz in 1000 100; do
	sox -n -r 48000 -c 2 -b 24 "$t/src.wav" synth 2 sine $hz vol 0.25
	project "eq$hz" "\"inserts\": [{\"type\": \"lv2\", \"uri\": \"$PEQ\",
		\"params\": {\"ft_0\": 1, \"f_0\": 1000, \"g_0\": 2, \"q_0\": 2}}],"
	"$TTYMIX" render "$t/eq$hz" -o "$t/eq$hz.wav" --bits 32f >/dev/null || bad "render eq $hz"
	db=$(awk -v o="$(rms "$t/eq$hz.wav")" -v i="$(rms "$t/src.wav")" \
		'BEGIN { printf "%.2f", 20 * log(o / i) / log(10) }')
	echo "LSP para EQ, bell 1 kHz +6.02 dB: $db dB at $hz Hz"
	want=0; [ $hz = 1000 ] && want=6.02
	awk -v d="$db" -v w="$want" 'BEGIN { exit !(d - w < 0.3 && w - d < 0.3) }' ||
		bad "EQ at $hz Hz: $db dB, want $want"
done

# ---- refusals: exit 1, one line naming the field or the plug-in ----
refuse() { # name expected-text track-fields
	project "$1" "$3"
	for cmd in check render; do
		if [ $cmd = check ]; then "$TTYMIX" check "$t/$1" >/dev/null 2>"$t/err"
		else "$TTYMIX" render "$t/$1" -o "$t/$1.wav" >/dev/null 2>"$t/err"; fi
		rc=$?
		[ $rc -eq 1 ] || bad "$1: $cmd exits $rc, want 1"
		[ "$(wc -l <"$t/err")" -eq 1 ] || { bad "$1: $cmd says more than one line"; cat "$t/err"; }
		grep -q -- "$2" "$t/err" || { bad "$1: $cmd does not say \"$2\""; cat "$t/err"; }
	done
	echo "$1: $(cat "$t/err")"
}
refuse missing 'track "vox" insert 1: the LV2 plug-in http://example.org/nope is not installed (ttymix plugins' \
	'"inserts": [{"type": "lv2", "uri": "http://example.org/nope", "params": {"x": 1}}],'
refuse symbol 'inserts\[0\].params.gian: not a parameter of Simple amplifier (gain)' \
	"\"inserts\": [{\"type\": \"lv2\", \"uri\": \"$AMP\", \"params\": {\"gian\": -6}}],"
refuse range 'inserts\[0\].params.gain: 99 is out of range (-70 to 70)' \
	"\"inserts\": [{\"type\": \"lv2\", \"uri\": \"$AMP\", \"params\": {\"gain\": 99}}],"
refuse layout 'has 0 audio inputs and 1 output; a strip takes' \
	'"inserts": [{"type": "lv2", "uri": "http://plugin.org.uk/swh-plugins/analogueOsc"}],'

# ---- the audio thread with LV2 inserts, under the rtcheck preload ----
# A playback on the null driver of a track with swh amp (two instances), LSP's EQ and
# LSP's sidechain compressor keyed by its sidechain inputs (fed the strip's input):
# ttymix's own code in every callback is policed (no allocation, lock or I/O); what the
# plug-ins do inside run() is theirs, and rtcheck counts those runs apart.
if [ -z "${TTYMIX_SANITIZED:-}" ]; then
	project rt "\"inserts\": [{\"type\": \"lv2\", \"uri\": \"$AMP\", \"params\": {\"gain\": -6}},
		{\"type\": \"lv2\", \"uri\": \"$PEQ\", \"params\": {\"ft_0\": 1, \"g_0\": 2}},
		{\"type\": \"lv2\", \"uri\": \"$SCCOMP\", \"params\": {\"sct\": 2}}],"
	LD_PRELOAD=$top_builddir/tests/rtcheck.so "$TTYMIX" play "$t/rt" --output null \
		--duration 1 >"$t/rt.out" 2>"$t/rt.err"
	rc=$?
	grep '^rtcheck' "$t/rt.err"
	[ $rc -eq 0 ] || { bad "play under rtcheck exits $rc"; cat "$t/rt.err"; }
	grep -q '^rtcheck: violation' "$t/rt.err" && bad "the audio thread broke the contract"
	grep -q '^rtcheck: [1-9][0-9]* audio callbacks checked, 0 violations$' "$t/rt.err" ||
		bad "rtcheck checked no callback"
	grep -q '^rtcheck: [1-9][0-9]* plug-in runs not policed' "$t/rt.err" ||
		bad "no plug-in ran inside the checked callbacks"
else
	echo "lv2: the rtcheck pass runs in the plain build ($TTYMIX_SANITIZED here)"
fi

[ $fail -eq 0 ] && echo "lv2: PASS"
exit $fail
