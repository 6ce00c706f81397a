#!/bin/sh
# Markers and the delivery target in a real terminal (tmux on a private server, issue
# 18): M adds a marker at the playhead on the mixer, the strip detail, mastering and
# the arranger; `:marker add Chorus 0:12` puts one at a time in one command; t on page 3
# chooses a delivery target, which :w writes to project.json (with the markers) and
# which the page shows again when the project is opened anew.
#
# Needs tmux and sox. Without them the test skips, except under TTYMIX_REQUIRE_ALL=1
# (CI), where a missing part is a failure.
set -u

: "${top_srcdir:?run me through make check}"
: "${TTYMIX:?run me through make check}"
WAIT_SEC=20 # every wait is bounded by this

TEST=ui_proj
. "$top_srcdir/tests/tmux_lib.sh"
require_tools tmux sox
tmux_setup proj

cd "$WORK" || exit 99
sox -n -r 48000 -c 1 tone.wav synth 30 sine 220 vol 0.5 || fail "sox: tone.wav"
"$TTYMIX" new "$WORK/song" tone.wav >/dev/null || fail "ttymix new failed"
PROJECT=$WORK/song

start() {
	tmux_start "$1" 100 30 TERM=screen LANG=C LC_ALL=C XDG_DATA_HOME="$WORK/xdg" \
		XDG_STATE_HOME="$WORK/state" TTYMIX_AUTOSAVE_SEC=3600 -- --output null "$PROJECT"
}

start pj
wait_for pj 'MIXER'

# ---- M on every page ----
keys pj : 'locate 2' Enter
wait_for pj '^at 2'
keys pj M
wait_for pj '^marker "M1" at 2\.000 s'
keys pj Enter
wait_for pj 'STRIP'
keys pj : 'locate 3' Enter
wait_for pj '^at 3'
keys pj M
wait_for pj '^marker "M2" at 3\.000 s'
keys pj Escape
wait_for pj 'MIXER'
keys pj 3
wait_for pj 'MASTERING'
keys pj : 'locate 4' Enter
wait_for pj '^at 4'
keys pj M
wait_for pj '^marker "M3" at 4\.000 s'
keys pj 1
wait_for pj 'ARRANGER'
keys pj : 'locate 5' Enter
wait_for pj '^at 5'
keys pj M
wait_for pj '^marker "M4" at 5\.000 s'
# ---- a name and a time in one command ----
keys pj : 'marker add Chorus 0:12' Enter
wait_for pj '^marker "Chorus" at 12\.000 s'
wait_for pj 'vChorus'

# ---- the delivery target, saved ----
keys pj 3
wait_for pj 'MASTERING'
wait_for pj 'Spotify: -14 LUFS integrated'
keys pj t
wait_for pj '^target: Apple Music -16 LUFS'
wait_for pj 'Apple Music: -16 LUFS integrated'
keys pj : 'w' Enter
wait_for pj '^saved '
keys pj : 'q' Enter
[ "$(wait_exit pj)" = 0 ] || fail ":q did not exit cleanly after a save"

flat=$(tr -d ' \t\n' <"$PROJECT/project.json")
for want in '"delivery":{"target":"apple_music","lufs":-16}' \
	'{"name":"M1","time":2}' '{"name":"M2","time":3}' '{"name":"M3","time":4}' \
	'{"name":"M4","time":5}' '{"name":"Chorus","time":12}'; do
	case $flat in
	*"$want"*) ;;
	*) fail "project.json lacks $want: $flat" ;;
	esac
done

# opened anew, page 3 measures against the saved target
start pj2
wait_for pj2 'MIXER'
keys pj2 3
wait_for pj2 'Apple Music: -16 LUFS integrated'
keys pj2 q
[ "$(wait_exit pj2)" = 0 ] || fail "q did not exit cleanly"
echo "$TEST: ok"
