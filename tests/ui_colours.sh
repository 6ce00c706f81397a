#!/bin/sh
# Colours on the terminal's own background (issue 18): in an 8-colour and a
# 256-colour terminal, the mixer, the arranger, the mastering page and the message log
# never paint a black background (what the pages would fall back to without the
# terminal's default colours), and no text is drawn white on it (unreadable on a light
# terminal). The bars (title, status, selection) keep their own colours.
#
# Needs tmux and sox. Without them the test skips, except under TTYMIX_REQUIRE_ALL=1
# (CI), where a missing part is a failure.
set -u

: "${top_srcdir:?run me through make check}"
: "${TTYMIX:?run me through make check}"
WAIT_SEC=20

TEST=ui_colours
. "$top_srcdir/tests/tmux_lib.sh"
require_tools tmux sox awk
tmux_setup colours

cd "$WORK" || exit 99
sox -n -r 48000 -c 1 drums.wav synth 2 sine 220 vol 0.5 || fail "sox could not make drums.wav"
"$TTYMIX" new "$WORK/song" drums.wav >/dev/null || fail "ttymix new failed"

# check_sgr SESSION PAGE: the pane with its escapes; fail on a black background or a
# white foreground on the default background
check_sgr() {
	tm capture-pane -p -e -t "$1" >"$WORK/sgr" 2>/dev/null || fail "capture-pane -e failed"
	why=$(awk '
	{
		line = $0
		while (match(line, /\033\[[0-9;]*m/)) {
			n = split(substr(line, RSTART + 2, RLENGTH - 3), p, ";")
			if (n == 0) { fg = ""; bg = "" }
			for (i = 1; i <= n; i++) {
				if (p[i] == "" || p[i] == 0) { fg = ""; bg = "" }
				else if ((p[i] == 38 || p[i] == 48) && p[i + 1] == 5) {
					if (p[i] == 38) fg = p[i + 2]; else bg = p[i + 2]
					i += 2
				} else if (p[i] >= 30 && p[i] <= 37) fg = p[i] - 30
				else if (p[i] == 39) fg = ""
				else if (p[i] >= 40 && p[i] <= 47) bg = p[i] - 40
				else if (p[i] == 49) bg = ""
			}
			line = substr(line, RSTART + RLENGTH)
			# what is drawn in these colours: up to the next escape
			text = line
			if (match(text, /\033/))
				text = substr(text, 1, RSTART - 1)
			if (text == "")
				continue
			if (bg == "0" || bg == "16") { print "a black background on line " NR; exit }
			if (bg == "" && text ~ /[^ ]/ && (fg == "7" || fg == "15" || fg == "231")) {
				print "white text on the default background on line " NR; exit
			}
		}
	}' "$WORK/sgr")
	[ -z "$why" ] || fail "$2 ($TERM_NAME): $why"
	grep -q "$(printf '\033')\[" "$WORK/sgr" || fail "$2 ($TERM_NAME): no colour at all"
}

for TERM_NAME in screen xterm-256color; do
	tmux_start s 100 30 TERM=$TERM_NAME LANG=C.UTF-8 LC_ALL=C.UTF-8 \
		XDG_DATA_HOME="$WORK/xdg" -- --output null "$WORK/song"
	wait_for s 'Master'
	keys s Space # play: the meters draw
	sleep 1
	check_sgr s mixer
	keys s 1
	wait_for s 'ARRANGER'
	check_sgr s arranger
	keys s 3
	wait_for s 'MASTERING'
	check_sgr s mastering
	keys s Space E
	wait_for s 'ttymix messages'
	check_sgr s "message log"
	keys s q q
	status=$(wait_exit s)
	[ "$status" = 0 ] || fail "ttymix exited with $status"
	tm kill-session -t s
done
echo "$TEST: PASS"
