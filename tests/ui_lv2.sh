#!/bin/sh
# LV2 plug-ins in the studio, in tmux: :insert STRIP add lv2 NAME (Tab completes a
# plug-in's name and URI), :fx by port symbol, the strip detail listing the ports with their
# hints (LSP's EQ: a choice by its label, a switch as on/off), i showing the plug-in's
# own description, :w keeping the URI; a project whose plug-in is not installed opens
# with a line saying so and keeps the insert when saved.
#
# Needs tmux, sox, swh-lv2 and lsp-plugins-lv2. Without them the test skips, except
# under TTYMIX_REQUIRE_ALL=1 (CI), where a missing part is a failure.
set -u

: "${top_srcdir:?run me through make check}"
: "${TTYMIX:?run me through make check}"
WAIT_SEC=30

TEST=ui_lv2
PACKAGES="tmux, sox, swh-lv2 and lsp-plugins-lv2"
. "$top_srcdir/tests/tmux_lib.sh"
require_tools tmux sox
[ -d /usr/lib/lv2/amp-swh.lv2 ] || missing "swh-lv2 is not installed"
[ -d /usr/lib/lv2/lsp-plugins.lv2 ] || ls -d /usr/lib/lv2/lsp-plugins* >/dev/null 2>&1 ||
	missing "lsp-plugins-lv2 is not installed"
tmux_setup lv2

line() {
	keys "$1" -l "$2"
	keys "$1" Enter
}

cd "$WORK" || exit 99
sox -n -r 48000 -c 2 vox.wav synth 2 sine 440 vol 0.3 || fail "sox could not make vox.wav"
"$TTYMIX" new "$WORK/song" vox.wav >/dev/null || fail "ttymix new failed"
JSON=$WORK/song/project.json

tmux_start s 110 32 TERM=screen LANG=C.UTF-8 LC_ALL=C.UTF-8 XDG_DATA_HOME="$WORK/xdg" \
	-- --output null "$WORK/song"
wait_for s 'vox'

# ---- Tab completes a plug-in's name after lv2; the insert goes on ----
keys s -l ':insert vox add lv2 Decim'
keys s Tab
wait_for s '^:insert vox add lv2 Decimator'
keys s Escape
line s ':insert vox add lv2 "simple amplifier"'
wait_for s 'vox: Simple amplifier added as insert 1'
keys s -l ':insert vox add lv2 http://lsp-plug.in/plugins/lv2/para_equalizer_x16_st'
keys s Tab
wait_for s '^:insert vox add lv2 http://lsp-plug\.in/plugins/lv2/para_equalizer_x16_stereo'
keys s Enter
wait_for s 'LSP Parametric Equalizer x16 Stereo added as insert 2'
line s ':fx vox 1 gain -6'
wait_for s 'gain'
line s ':fx vox 1 gian 1'
wait_for s 'Simple amplifier has no "gian" \(gain\)'
line s ':fx vox 2 ft_0 1'
line s ':fx vox 2 xm_0 1'

# ---- the strip detail: ports with their hints; i: the plug-in's description ----
line s ':mixer'
wait_for s 'MIXER'
keys s Enter
wait_for s 'STRIP +Esc back'
wait_for s ' 1 Simple amplifier'
wait_for s '^ +gain +-6 +'
wait_for s ' 2 LSP Parametric Equalizer x16 Stereo'
wait_for s '^ +mode +IIR +'
wait_for s '^ +ft_0 +Bell +'
wait_for s '^ +xm_0 +on +'
wait_for s '^ +xs_0 +off +'
keys s Home
keys s i
wait_for s 'Simple amplifier \(LV2, Amplifier Plugin\)'
wait_for s 'http://plugin\.org\.uk/swh-plugins/amp'
wait_for s 'gain +Amps gain \(dB\): -70 to 70, default 0'
keys s Escape
keys s Escape
wait_for s 'MIXER'

# ---- :w keeps the URI and the values ----
line s ':w'
wait_for s 'saved'
grep -q '"uri":	"http://plugin.org.uk/swh-plugins/amp"' "$JSON" || fail "no amp URI in project.json"
grep -q '"gain":	-6' "$JSON" || fail "no gain -6 in project.json"
line s ':q'
wait_exit s

# ---- a plug-in that is not installed: said on open, kept on save, its lane too ----
python3 - "$JSON" <<'PY' || fail "could not add a lane to project.json"
import json, sys
p = sys.argv[1]
j = json.load(open(p))
t = [t for t in j["tracks"] if t["name"] == "vox"][0]
t.setdefault("automation", {})["insert.1.gain"] = [[0, -6], [1, -3]]
json.dump(j, open(p, "w"), indent="\t")
PY
sed 's|http://plugin.org.uk/swh-plugins/amp|http://example.org/gone|' "$JSON" >"$WORK/j" &&
	mv "$WORK/j" "$JSON"
tmux_start m 110 32 TERM=screen LANG=C.UTF-8 LC_ALL=C.UTF-8 XDG_DATA_HOME="$WORK/xdg" \
	-- --output null "$WORK/song"
wait_for m 'insert 1: the LV2 plug-in http://example\.org/gone is not installed'
line m ':gain vox -3'
line m ':w'
wait_for m 'saved'
grep -q '"uri":	"http://example.org/gone"' "$JSON" || fail "the missing plug-in's insert was dropped"
grep -q '"gain":	-6' "$JSON" || fail "the missing plug-in's params were dropped"
python3 -c 'import json, sys; j = json.load(open(sys.argv[1])); t = [t for t in j["tracks"] if t["name"] == "vox"][0]; sys.exit(t["automation"]["insert.1.gain"] != [[0, -6], [1, -3]])' "$JSON" ||
	fail "the missing plug-in's automation lane was dropped"
line m ':q'
wait_exit m
# ---- a control that moves the plug-in's latency re-aligns the mix at once ----
"$TTYMIX" new "$WORK/shift" vox.wav >/dev/null || fail "ttymix new (shift) failed"
tmux_start p 110 32 TERM=screen LANG=C.UTF-8 LC_ALL=C.UTF-8 XDG_DATA_HOME="$WORK/xdg" \
	-- --output null "$WORK/shift"
wait_for p 'vox'
line p ':insert vox add lv2 http://plugin.org.uk/swh-plugins/amPitchshift'
wait_for p 'added as insert 1'
line p ':dsp latency'
wait_for p 'latency 256 frames'
keys p Escape
line p ':fx vox 1 size 7'
line p ':dsp latency'
wait_for p 'latency 2048 frames'
keys p Escape
line p ':q!'
wait_exit p
echo "ui_lv2: PASS"
