#!/bin/sh
# The mouse (issue 18) on the real binary in tmux at 80x24, with raw SGR 1006 reports
# (what a terminal sends once the studio turned mouse mode on; tmux says it is on):
#  - a click on the status bar's page tabs picks the page;
#  - a click on a strip's name selects it; a drag of its fader 4 rows up, with a rest
#    of 1.5 s in the middle, is +2.0 dB and one undo step (u takes it all back);
#  - the wheel on a strip's pan pans it, a step a notch;
#  - on the arranger a click on the ruler locates there (the status bar's time), a
#    click on a clip selects it;
#  - a double click on a strip opens its detail;
#  - a click on the teaching panel (i) closes it and does nothing else;
#  - clicks find what is drawn now: narrow strips (n), tracks a row high, a mixer
#    scrolled to its 11th strip;
#  - :set mouse off turns the terminal's mouse mode off and clicks are ignored with a
#    message; :set mouse on turns it back; quitting leaves it off;
#  - Ctrl-Z (in bash, with job control) turns the mouse off until fg;
#  - --no-mouse, and a ttymixrc's `set mouse off`, leave the mouse off from the start.
# The drag, the pan and the clip are saved (Ctrl-S) and read back from project.json.
#
# Needs tmux, sox, python3 and bash. Without them the test skips, except under
# TTYMIX_REQUIRE_ALL=1.
set -u

: "${top_srcdir:?run me through make check}"
: "${TTYMIX:?run me through make check}"
WAIT_SEC=30

TEST=ui_mouse
PACKAGES="tmux, sox, python3 and bash"
. "$top_srcdir/tests/tmux_lib.sh"
require_tools tmux sox python3 bash
tmux_setup mouse

cd "$WORK" || exit 99
for name in a b c; do
	sox -n -r 48000 -c 1 "$name.wav" synth 4 sine 220 vol 0.2 || fail "sox: $name.wav"
done
"$TTYMIX" new "$WORK/song" a.wav b.wav c.wav >/dev/null || fail "ttymix new failed"
JSON=$WORK/song/project.json

start() {
	session=$1
	shift
	tmux_start "$session" 80 24 TERM=screen LANG=C.UTF-8 LC_ALL=C.UTF-8 \
		XDG_DATA_HOME="$WORK/xdg" XDG_CONFIG_HOME="$WORK/config" \
		TTYMIX_AUTOSAVE_SEC=3600 -- --output null "$@" "$WORK/song"
}

# click SESSION X Y [BUTTON]: a press and its release at the 1-based cell
click() {
	tm send-keys -t "$1" -l "$(printf '\033[<%d;%d;%dM\033[<%d;%d;%dm' "${4:-0}" "$2" "$3" \
		"${4:-0}" "$2" "$3")" || fail "$1: send-keys (click)"
}

# double_click SESSION X Y: two clicks in one write, so that no load on the machine can
# put the double-click time between them
double_click() {
	one=$(printf '\033[<0;%d;%dM\033[<0;%d;%dm' "$2" "$3" "$2" "$3")
	tm send-keys -t "$1" -l "$one$one" || fail "$1: send-keys (double click)"
}

# report SESSION CODE X Y M|m: one report
report() {
	tm send-keys -t "$1" -l "$(printf '\033[<%d;%d;%d%s' "$2" "$3" "$4" "$5")" ||
		fail "$1: send-keys (report)"
}

# mouse_mode SESSION: what tmux says of the pane's mouse mode (button motion, SGR)
mouse_mode() {
	tm display -p -t "$1" '#{mouse_button_flag}#{mouse_sgr_flag}'
}

wait_mode() {
	tries=0
	while [ "$(mouse_mode "$1")" != "$2" ]; do
		tries=$((tries + 1))
		[ "$tries" -lt $((WAIT_SEC * 10)) ] ||
			fail "$1: mouse mode $(mouse_mode "$1"), not $2 (button motion, SGR)"
		sleep 0.1
	done
}

# tab_x SESSION KEY: the column (1-based) of the page tab KEY on the status bar
tab_x() {
	capture "$1"
	python3 - "$WORK/screen" "$2" <<'PY' || fail "$1: no page tab $2 on the status bar"
import sys
lines = [l for l in open(sys.argv[1], encoding="utf-8").read().split("\n") if l.strip()]
bar, key = lines[-1], sys.argv[2]
i = bar.find(" %s " % key, bar.find("silent") + 1)
if i < 0:
    i = bar.find(" %s  " % key)
if i < 0:
    sys.exit(1)
print(i + 2)
PY
}

# json FIELD TRACK: a track's strip field in project.json
json() {
	python3 -c 'import json,sys
p = json.load(open(sys.argv[1]))
t = [t for t in p["tracks"] if t["name"] == sys.argv[3]][0]
print(t.get(sys.argv[2], t.get("strip", {}).get(sys.argv[2])))' "$JSON" "$1" "$2"
}

# ---- the mouse on: tabs, strips, a fader drag, the pan's wheel ----
start m
wait_for m 'MIXER'
wait_mode m 11
x=$(tab_x m 1)
click m "$x" 24
wait_for m 'ARRANGER'
x=$(tab_x m 2)
click m "$x" 24
wait_for m 'MIXER'
echo "$TEST: the page tabs pick the arranger and the mixer"

# strip 2 (b) is at columns 14-21; its name on row 2, its fader value on row 20
click m 15 2
wait_for m '^strip 2: b'
wait_for m '│ 2 b'
report m 0 15 20 M
report m 32 15 19 M
report m 32 15 18 M
sleep 1.5 # longer than keys' runs merge: the drag is still one step
report m 32 15 17 M
report m 32 15 16 M
report m 0 15 16 m
wait_for m '^b fader \+2\.0 dB'
wait_for m '^ dB +0\.0 +\+2\.0 '
keys m u
wait_for m '^undo: b fader 0\.0 dB'
wait_for m '^ dB +0\.0 +0\.0 '
keys m C-r
wait_for m '^redo: b fader \+2\.0 dB'
echo "$TEST: a drag of 4 rows is +2.0 dB, one undo step"

# the wheel on strip 1's pan (row 21): two notches up, 5% each
report m 64 6 21 M
report m 64 6 21 M
wait_for m '^a pan R10'
keys m C-s
wait_for m '^saved '
[ "$(json gain_db b)" = 2.0 ] || [ "$(json gain_db b)" = 2 ] ||
	fail "project.json: b's gain_db is $(json gain_db b), not 2"
[ "$(json pan a)" = 0.1 ] || fail "project.json: a's pan is $(json pan a), not 0.1"

# ---- the arranger: the ruler locates, a click picks a clip ----
keys m 1
wait_for m 'ARRANGER'
capture m
spc=$(sed -n 1p "$WORK/screen" | grep -oE '[0-9.]+ s/col' | cut -d' ' -f1)
[ -n "$spc" ] || fail "no s/col in the arranger's title"
# column 25 of the timeline (the track column is 14 wide): 25 columns of time
want=$(python3 -c "import sys; t = 25 * float(sys.argv[1]); print('%d:%04.1f' % (t // 60, t % 60))" "$spc")
click m 40 2
wait_for m "^ STOP +$want "
echo "$TEST: a click on the ruler at 25 columns of $spc s locates to $want"
capture m
row=$(grep -n 'c\.wav' "$WORK/screen" | head -n 1 | cut -d: -f1)
[ -n "$row" ] || fail "no clip c.wav on the arranger"
click m 30 "$row"
wait_for m '^clip 1 of 1: audio/c\.wav at 0\.00 s'
wait_for m '│ 3 c'

# ---- a double click on a strip opens its detail ----
keys m 2
wait_for m 'MIXER'
double_click m 24 2
wait_for m 'STRIP'
sed -n 1p "$WORK/screen" | grep -q ' c ' || fail "the detail is not strip c's"
keys m Escape
wait_for m 'MIXER'

# ---- what is on screen now: narrow strips (4 columns each), one row per track ----
keys m n
wait_for m 'narrow strips'
click m 9 2 # the second narrow strip: columns 8-10
wait_for m '^strip 2: b'
keys m n
wait_for m 'normal strips'
keys m 1
wait_for m 'ARRANGER'
keys m : 'set track-height 1' Enter
tries=0
until capture m && sed -n 6p "$WORK/screen" | grep -q '3 c'; do
	tries=$((tries + 1))
	[ "$tries" -lt $((WAIT_SEC * 10)) ] || fail "track 3 is not on row 6 at track-height 1"
	sleep 0.1
done
click m 3 6 # row 6: the third track a row high (at the fitted height, the first)
wait_for m '^strip 3: c'
keys m : 'set track-height 0' Enter
keys m 2
wait_for m 'MIXER'
echo "$TEST: clicks find narrow strips and one-row tracks"

# ---- the teaching panel over the page: a click closes it, and only that ----
keys m i
wait_for m 'i: fader, pan and sends'
click m 15 2
wait_gone m 'i: fader, pan and sends'
capture m
grep -q '│ 3 c' "$WORK/screen" || fail "the click that closed the panel selected a strip"

# ---- :set mouse off and on ----
keys m : 'set mouse off' Enter
wait_mode m 00
x=$(tab_x m 1)
click m "$x" 24
wait_for m '^mouse report ignored'
capture m
grep -q 'MIXER' "$WORK/screen" || fail "a click with the mouse off changed the page"
keys m : 'set mouse on' Enter
wait_mode m 11
click m "$x" 24
wait_for m 'ARRANGER'
keys m q
[ "$(wait_exit m)" = 0 ] || fail "m: q did not exit with 0"
wait_mode m 00
echo "$TEST: set mouse off and on; the mouse is off after quitting"

# ---- Ctrl-Z in a shell with job control: the mouse is off while stopped ----
tm new-session -d -s z -x 80 -y 24 -c "$WORK" "bash --norc --noprofile -i" ||
	fail "tmux could not start bash"
tm send-keys -t z -l "TERM=screen XDG_DATA_HOME=$(q "$WORK/xdg") XDG_CONFIG_HOME=$(q "$WORK/config") TTYMIX_AUTOSAVE_SEC=3600 $(q "$TTYMIX") --output null $(q "$WORK/song")" ||
	fail "z: send-keys"
tm send-keys -t z Enter
wait_for z 'MIXER'
wait_mode z 11
keys z C-z
wait_for z 'Stopped'
wait_mode z 00
tm send-keys -t z -l 'fg' && tm send-keys -t z Enter
wait_for z 'MIXER'
wait_mode z 11
keys z q
wait_mode z 00
echo "$TEST: Ctrl-Z turns the mouse off until fg"

# ---- --no-mouse; set mouse off in the ttymixrc ----
start n --no-mouse
wait_for n 'MIXER'
wait_mode n 00
click n 15 2
wait_for n '^mouse report ignored'
capture n
grep -q '│ 1 a' "$WORK/screen" || fail "--no-mouse: a click selected a strip"
keys n q
[ "$(wait_exit n)" = 0 ] || fail "n: q did not exit with 0"

mkdir -p "$WORK/config/ttymix" || exit 99
echo 'set mouse off' >"$WORK/config/ttymix/ttymixrc"
start r
wait_for r 'MIXER'
wait_mode r 00
keys r : 'set mouse on' Enter
wait_mode r 11
# a scrolled mixer: 11 tracks, 7 in view; with the 11th selected the first in view is
# the 5th, and a click on the leftmost strip picks it
for i in 1 2 3 4 5 6 7 8; do
	keys r : 'track add' Enter
done
wait_for r 'strips [0-9]+-[0-9]+ of 11'
keys r : 'jump 11' Enter
wait_for r 'strips 5-11 of 11'
click r 5 2
wait_for r '^strip 5: '
echo "$TEST: a click on a scrolled mixer picks the strip shown there"
keys r q
wait_for r 'quit without saving'
keys r y
[ "$(wait_exit r)" = 0 ] || fail "r: q did not exit with 0"
echo "$TEST: --no-mouse and a ttymixrc's set mouse off leave the mouse off"
exit 0
