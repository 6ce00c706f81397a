#!/bin/sh
# Many strips at once and finding a strip (issue 18), in a real terminal (tmux) at
# 80x24 on a 20-track project with a reverb bus and a drums group: a high-pass on 17
# tracks in one line (its keys counted and printed, against the issue's target of 25),
# a glob, a group with a list, the mixer's picks (v) edited by a key and named by
# @sel, one undo for a whole command, a refusal that names the strip and changes
# nothing, / finding a track by a part of its name on the mixer and the arranger, '
# and a number, Tab offering the candidates of an ambiguous name, and the strip
# detail of an empty strip adding an insert. Then :w, and project.json is read back.
#
# Needs tmux, sox and python3. Without them the test skips, except under
# TTYMIX_REQUIRE_ALL=1.
set -u

: "${top_srcdir:?run me through make check}"
: "${TTYMIX:?run me through make check}"
WAIT_SEC=60

TEST=ui_many
PACKAGES="tmux, sox and python3"
. "$top_srcdir/tests/tmux_lib.sh"
require_tools tmux sox python3
tmux_setup many

cd "$WORK" || exit 99
P=$WORK/song
mkdir -p "$P/audio" || exit 99
sox -n -r 48000 -c 1 "$P/audio/tone.wav" synth 1 sine 220 vol 0.1 || fail "sox: tone.wav"
python3 - "$P/project.json" <<'EOF' || fail "could not write the project"
import json, sys
names = ["01_Kick", "02_Snare", "03_HatC", "04_Tom1", "05_Tom2", "06_Bass", "07_GtrCl",
         "08_GtrDist", "09_Keys", "10_Pad", "11_Vox", "12_VoxDbl", "13_Bvox1", "14_Bvox2",
         "15_Perc", "16_Shaker", "17_Organ", "18_Lead", "19_FX", "20_Room"]
tracks = [{"name": n, "clips": [{"file": "audio/tone.wav", "start": 0}]} for n in names]
for t in tracks[:5]:
    t["group"] = "drums"
json.dump({"format": "ttymix-project", "version": 1, "name": "song", "sample_rate": 48000,
           "tracks": tracks, "buses": [{"name": "verb"}],
           "groups": [{"name": "drums", "gain": False, "mute": False, "solo": False}]},
          open(sys.argv[1], "w"))
EOF
"$TTYMIX" check "$P" >/dev/null 2>"$WORK/check.err" ||
	fail "the project does not load: $(head -n 1 "$WORK/check.err")"

tmux_start mx 80 24 TERM=screen LANG=C.UTF-8 LC_ALL=C.UTF-8 XDG_DATA_HOME="$WORK/xdg" \
	TTYMIX_AUTOSAVE_SEC=3600 -- --output null "$P"
wait_for mx 'MIXER'

# send a line typed on the ':' line, counting its keys (each character one, Enter one)
KEYS=0
line() {
	KEYS=$((KEYS + 1 + ${#1} + 1))
	keys mx : "$1" Enter
}

# a high-pass on tracks 2 to 18: one line, one undo step
line 'fx 2-18 eq hpf_hz 80'
wait_for mx '^eq hpf_hz 80 Hz on 17 strips: 2-18'
HPF_KEYS=$KEYS
echo "$TEST: high-pass on 17 tracks: $HPF_KEYS keys at 80x24 (issue 18's target: 25)"
[ "$HPF_KEYS" -le 25 ] || fail "a high-pass on 17 tracks took $HPF_KEYS keys, over 25"

# 6 tracks sent to a new reverb bus: the bus with its reverb in one line (Tab
# completes the effect), the sends in another
KEYS=0
keys mx : 'bus add hall rev' Tab
KEYS=$((KEYS + 1 + 16 + 1))
wait_for mx ':bus add hall reverb'
keys mx Enter
KEYS=$((KEYS + 1))
wait_for mx '^bus "hall" added with reverb'
line 'send 9-14 hall -12'
wait_for mx '^send to hall -12\.0 dB, post-fader on 6 strips: 9-14'
BUS_KEYS=$KEYS
echo "$TEST: 6 tracks sent to a new reverb bus: $BUS_KEYS keys (issue 18's target: 40)"
[ "$BUS_KEYS" -le 40 ] || fail "6 tracks to a new reverb bus took $BUS_KEYS keys, over 40"

# a glob, and a group with a list, to the reverb bus in one line
line 'mute gtr*'
wait_for mx '^mute on for 2 strips: 7-8'
line 'send drums,gtr* verb -12'
wait_for mx '^send to verb -12\.0 dB, post-fader on 7 strips: 1-5,7-8'
# all or nothing: the master has no pan, so track 1 keeps its own
line 'pan 1,master L20'
wait_for mx '^refused on Master: the master has no pan; nothing changed on 1,master'
# one undo takes a whole command back, one redo brings it again
line 'gain 11-14 -6'
wait_for mx '^fader -6\.0 dB on 4 strips: 11-14'
keys mx u
wait_for mx '^undid: gain on 4 strips'
keys mx C-r
wait_for mx '^redid: gain on 4 strips'

# an ambiguous name is refused with the candidates; Tab lists them
line 'gain gt -3'
wait_for mx '^"gt" matches 07_GtrCl, 08_GtrDist: say which'
keys mx : 'gain gtr' Tab
wait_for mx '07_GtrCl 08_GtrDist'
keys mx C-u Escape
# ...and a unique part of a name, or its letters in order, finds it
line 'gain kck -8'
wait_for mx '^01_Kick fader -8\.0 dB'

# / on the mixer finds a strip by a part of its name; ' and a number by its number
keys mx / 'dist' Enter
JUMP_KEYS=$((1 + 4 + 1))
wait_for mx '^strip 8: 08_GtrDist'
echo "$TEST: jump to a named track: $JUMP_KEYS keys (issue 18's target: 6)"
wait_for mx '8 08_GtrDist'
keys mx "'" '19' Enter
wait_for mx '^strip 19: 19_FX'
keys mx / 'verb' Enter
wait_for mx '^strip 21: verb \(a bus, on the mixer\)'
keys mx "'" 1 Enter
wait_for mx '^strip 1: 01_Kick'

# the picks: v on strips 3, 4 and 6, a key edits all three at once, @sel names them
keys mx "'" 3 Enter
wait_for mx '^strip 3: 03_HatC'
keys mx v
wait_for mx '^03_HatC picked: 1 picked'
keys mx l v l l v
wait_for mx '^06_Bass picked: 3 picked'
wait_for mx '\*04_Tom1'
keys mx k
wait_for mx '^fader \+0\.5 dB on 3 strips: 3-4,6'
keys mx m
wait_for mx '^mute on for 3 strips: 3-4,6'
keys mx u
wait_for mx '^undid: mute on 3 strips'
line 'insert @sel add reverb'
wait_for mx '^reverb added as insert 2 on 3 strips: 3-4,6'
keys mx Escape
wait_for mx '^picks cleared'
wait_gone mx '\*04_Tom1'
line 'gain @sel 1'
wait_for mx '^@sel: no strips are picked'

# the strip detail of a strip with no inserts and no sends offers to add them
keys mx "'" 20 Enter
wait_for mx '^strip 20: 20_Room'
keys mx e
wait_for mx '\+ add insert'
wait_for mx '\+ add send'
keys mx l
wait_for mx ':insert 20_Room add'
keys mx 'comp' Tab Enter
wait_for mx '^20_Room: compressor added as insert 1'
wait_for mx '1 compressor'
keys mx Escape
wait_for mx 'MIXER'

# / on the arranger, with letters in order
keys mx 1
wait_for mx 'ARRANGER'
keys mx / 'bvx2' Enter
wait_for mx '^strip 14: 14_Bvox2'

line 'w'
wait_for mx '^saved '
keys mx : 'q' Enter
[ "$(wait_exit mx)" = 0 ] || fail ":q did not exit cleanly after :w"

python3 - "$P/project.json" <<'EOF' || fail "project.json does not hold the edits"
import json, sys
p = json.load(open(sys.argv[1]))
t = p["tracks"]
def eq(s):
    return [i for i in s.get("inserts", []) if i["type"] == "eq"]
def fail(why):
    print(why)
    sys.exit(1)
for k in range(20):
    s = t[k]
    want = 1 if 1 <= k <= 17 else 0
    if len(eq(s)) != want:  # 20_Room's compressor is no eq
        fail("track %d has %d eq, not %d" % (k + 1, len(eq(s)), want))
    if want and eq(s)[0]["params"].get("hpf_hz") != 80:
        fail("track %d: hpf_hz %r" % (k + 1, eq(s)[0]["params"].get("hpf_hz")))
for k in range(20):
    sends = [x["bus"] for x in t[k].get("sends", [])]
    want = ["verb"] if k in (0, 1, 2, 3, 4, 6, 7) else ["hall"] if 8 <= k <= 13 else []
    if sends != want:
        fail("track %d sends %r, not %r" % (k + 1, sends, want))
    if t[k].get("mute", False) != (k in (6, 7)):
        fail("track %d mute %r" % (k + 1, t[k].get("mute")))
for k in (10, 11, 12, 13):
    if t[k].get("gain_db") != -6:
        fail("track %d gain %r, not -6" % (k + 1, t[k].get("gain_db")))
if t[0].get("gain_db") != -8 or t[0].get("pan", 0) != 0:
    fail("track 1: gain %r pan %r" % (t[0].get("gain_db"), t[0].get("pan")))
for k in (2, 3, 5):
    if t[k].get("gain_db") != 0.5:
        fail("track %d gain %r, not 0.5 (the picks' key edit)" % (k + 1, t[k].get("gain_db")))
    if [i["type"] for i in t[k]["inserts"]] != ["eq", "reverb"]:
        fail("track %d inserts %r" % (k + 1, t[k]["inserts"]))
if [i["type"] for i in t[19].get("inserts", [])] != ["compressor"]:
    fail("track 20 inserts %r (added from the strip detail)" % t[19].get("inserts"))
hall = [b for b in p["buses"] if b["name"] == "hall"]
if len(hall) != 1 or [i["type"] for i in hall[0].get("inserts", [])] != ["reverb"]:
    fail("no bus hall with a reverb: %r" % p["buses"])
if t[4].get("gain_db", 0) != 0 or len(t[4]["inserts"]) != 1:
    fail("track 5 was not picked, yet changed")
EOF
echo "$TEST: PASS (keys: high-pass on 17 tracks $HPF_KEYS, 6 tracks to a new reverb bus" \
	"$BUS_KEYS, jump to a named track $JUMP_KEYS; range, glob, group, @sel, / and ')"
exit 0
