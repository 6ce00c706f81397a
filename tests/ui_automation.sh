#!/bin/sh
# Writing automation with the fader keys in a real terminal (tmux, private server, the
# null driver playing in real time):
#  - write: a pass records the fader over the lane; saved, rendered, the render is 6 dB
#    lower after the move than before it;
#  - touch: a key press records from the lane's value at that moment, and after the
#    touch ends (0.5 s without a press) the lane's older points are still there;
#  - latch: records from the first press to the stop, holding the last value;
#  - :auto lists, adds and deletes points; one undo takes a whole pass back.
#
# Needs tmux, sox and python3. Without them the test skips, except under
# TTYMIX_REQUIRE_ALL=1 (CI), where a missing part is a failure.
set -u

: "${top_srcdir:?run me through make check}"
: "${TTYMIX:?run me through make check}"
WAIT_SEC=20

TEST=ui_automation
PACKAGES="tmux, sox and python3"
. "$top_srcdir/tests/tmux_lib.sh"
require_tools tmux sox python3
tmux_setup automation
XDG=$WORK/xdg

line() {
	keys "$1" -l "$2"
	keys "$1" Enter
}

cd "$WORK" || exit 99
sox -n -r 48000 -c 2 tone.wav synth 12 sine 1000 vol 0.25 || fail "sox could not make tone.wav"
"$TTYMIX" new "$WORK/song" tone.wav >/dev/null || fail "ttymix new failed"
PROJECT=$WORK/song
JSON=$PROJECT/project.json

# lane KEY: the tone track's lane as "mode t:v t:v ..." (from the saved project.json)
lane() {
	python3 - "$JSON" "$1" <<'EOF'
import json, sys
t = json.load(open(sys.argv[1]))["tracks"][0]
lane = t.get("automation", {}).get(sys.argv[2])
if lane is None:
    print("none"); sys.exit()
mode, pts = ("read", lane) if isinstance(lane, list) else (lane["mode"], lane["points"])
print(mode, " ".join("%.3f:%g" % (p[0], p[1]) for p in pts))
EOF
}

tmux_start s 100 30 TERM=screen LANG=C.UTF-8 LC_ALL=C.UTF-8 XDG_DATA_HOME="$XDG" \
	-- --output null "$PROJECT"
wait_for s 'tone'

# ---- write: a pass over an empty lane ----
line s ':auto tone gain_db mode write'
wait_for s '^tone gain_db: write'
keys s Space
wait_for s 'PLAY +0:01'
keys s J J
wait_for s '^ dB +-6\.0 '
wait_for s 'PLAY +0:03'
keys s Space
wait_for s '^automation written'
keys s C-s
wait_for s '^saved '
w=$(lane gain_db)
echo "$TEST: after the write pass: $w"
python3 - "$w" <<'EOF' || fail "the write pass did not record 0 dB, then -6 dB to the stop: $w"
import sys
f = sys.argv[1].split()
assert f[0] == "write", f
pts = [tuple(map(float, p.split(":"))) for p in f[1:]]
assert pts[0][1] == 0 and pts[0][0] < 0.5, pts          # from the start of the pass
assert any(v == -6 for t, v in pts) and pts[-1][1] == -6, pts
assert 2.9 < pts[-1][0] < 4.5, pts                       # to the stop
assert all(a[0] <= b[0] for a, b in zip(pts, pts[1:])), pts
EOF
"$TTYMIX" render "$PROJECT" -o "$WORK/w.wav" --bits 32f 2>"$WORK/render.err" ||
	fail "render failed: $(cat "$WORK/render.err")"
python3 - "$WORK/w.wav" "$w" <<'EOF' || fail "the render does not follow the written lane"
import math, struct, sys, wave
# 32-bit float WAV: read the data chunk by hand (the wave module wants PCM)
b = open(sys.argv[1], "rb").read()
i = b.find(b"data"); n = struct.unpack("<I", b[i + 4:i + 8])[0]
x = struct.unpack("<%df" % (n // 4), b[i + 8:i + 8 + n])
pts = [tuple(map(float, p.split(":"))) for p in sys.argv[2].split()[1:]]
def rms(t0, t1):
    s = x[int(t0 * 48000) * 2:int(t1 * 48000) * 2:2]
    return math.sqrt(sum(v * v for v in s) / len(s))
before = rms(0.05, pts[0][0] + 0.3 if pts[0][0] + 0.3 < 0.9 else 0.9)
after = rms(pts[-1][0] - 0.5, pts[-1][0] - 0.05)
d = 20 * math.log10(after / before)
print("ui_automation: render before the move %.4f, after %.4f: %.2f dB" % (before, after, d))
assert abs(d + 6) < 0.05, d
EOF

# ---- touch: from the lane's value, and the older points survive ----
keys s Home
line s ':auto tone gain_db mode touch'
wait_for s '^tone gain_db: touch'
wait_for s '^ dB +0\.0a? '
keys s Space
wait_for s 'PLAY +0:00\.[3-9]'
keys s K
wait_for s '^writing automation \(touch\)'
wait_for s 'PLAY +0:02'
keys s Space
wait_for s '^automation written'
keys s C-s
wait_for s '^saved '
t=$(lane gain_db)
echo "$TEST: after the touch pass: $t"
python3 - "$t" <<'EOF' || fail "the touch pass is wrong: $t"
import sys
f = sys.argv[1].split()
assert f[0] == "touch", f
pts = [tuple(map(float, p.split(":"))) for p in f[1:]]
touch = [p for p in pts if p[1] == 3]
assert touch and touch[0][0] < 1.0, pts                  # +3 dB from the lane's 0 dB
assert any(v == -6 and t > 2.5 for t, v in pts), pts     # the write pass's end is kept
EOF

# ---- latch: holds the last value to the stop ----
keys s Home
line s ':auto tone pan mode latch'
keys s Space
wait_for s 'PLAY +0:00\.[3-9]'
keys s .
wait_for s '^writing automation \(latch\)'
wait_for s 'PLAY +0:02'
keys s Space
wait_for s '^automation written'
keys s C-s
wait_for s '^saved '
l=$(lane pan)
echo "$TEST: after the latch pass: $l"
python3 - "$l" <<'EOF' || fail "the latch pass is wrong: $l"
import sys
f = sys.argv[1].split()
assert f[0] == "latch", f
pts = [tuple(map(float, p.split(":"))) for p in f[1:]]
assert pts[0][1] == 0 and pts[-1][1] == 0.05 and pts[-1][0] > 1.9, pts
EOF

# ---- one undo takes the pass back; :auto edits points ----
keys s u
wait_for s '^undid: automation pass'
line s ':auto tone pan'
wait_for s '^tone has no pan lane|^tone pan \(latch, 0 points\)'
line s ':auto tone gain_db add 5 -12'
wait_for s '^tone gain_db \(touch, [0-9]+ points\):'
keys s C-s
wait_for s '^saved '
lane gain_db | grep -q ' 5\.000:-12' || fail ":auto add did not add 5 s -12 dB: $(lane gain_db)"
line s ':auto tone gain_db del 5'
wait_for s '^tone gain_db \(touch, [0-9]+ points\):'
keys s C-s
wait_for s '^saved '
lane gain_db | grep -q ' 5\.000:' && fail ":auto del left the point at 5 s: $(lane gain_db)"
line s ':auto tone gain_db add 5 99'
wait_for s '^gain_db takes -144 to 24, not "99"'
line s ':auto tone volume'
wait_for s '^volume: not an automatable control'

# ---- the arranger's lane view: a point's value and time by keys, undone ----
keys s 1
wait_for s 'ARRANGER'
keys s A
wait_for s '^ tone: gain_db \(touch\), point 1 of [0-9]+ at 0\.000 s = 0$'
keys s K
wait_for s '^ tone: gain_db \(touch\), point 1 of [0-9]+ at 0\.000 s = 0\.5$'
keys s .
wait_for s 'point 1 of [0-9]+ at 0\.[0-9]+ s = 0\.5$'
wait_gone s 'at 0\.000 s = 0\.5$'
keys s u u
wait_for s '^ tone: gain_db \(touch\), point 1 of [0-9]+ at 0\.000 s = 0$'
keys s Escape
wait_gone s '^ tone: gain_db'
keys s 2
wait_for s 'MIXER'

# ---- insert lanes follow their insert when the chain changes ----
line s ':insert tone add eq'
line s ':auto tone insert.1.hpf_hz add 1 80'
wait_for s '^tone insert\.1\.hpf_hz \(read, 1 point\)'
line s ':insert tone add compressor 1'
wait_for s '^tone: compressor added as insert 1'
line s ':send tone fx 0'
wait_for s '^no bus "fx"'
line s ':bus add fx'
line s ':send tone fx -10'
line s ':auto tone send.fx.level_db add 0 -20'
wait_for s '^tone send\.fx\.level_db \(read, 1 point\)'
line s ':bus del fx'
wait_for s '^bus "fx" deleted'
keys s C-s
wait_for s '^saved '
lane insert.2.hpf_hz | grep -q '^read 1\.000:80$' ||
	fail "the eq's lane did not move with the eq: $(lane insert.2.hpf_hz)"
[ "$(lane send.fx.level_db)" = none ] || fail "a lane of a deleted bus's send is left"
"$TTYMIX" check "$PROJECT" >"$WORK/check.out" 2>&1 ||
	fail "the saved project does not check: $(cat "$WORK/check.out")"
keys s q
wait_exit s >/dev/null
echo "$TEST: PASS"
