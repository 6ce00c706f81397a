#!/bin/sh
# Names and file names never drive the terminal (issue 15, fault 10), on the real
# binary:
#  1. command line: `new` names a project and its track after a folder and a file
#     with control characters and a Latin-1 byte in their names as clean text (\x1b,
#     \xe9), which check accepts; `loudness` (and `loudness --json`, as \u001b and
#     \u009b) of a file whose name holds an OSC title sequence and a
#     screen clear prints it as \x1b...; a missing one gives one clean line, exit 1;
#     `render` of a project whose track is named so exits 1 with one clean line and
#     leaves project.json alone; `album` with songs from files named with control
#     characters and with a Latin-1 byte writes a clean CUE sheet (TITLE "D\x1b]0;...")
#     and a clean report;
#  2. the studio in tmux (80x24): a clip whose file name holds the sequences is shown
#     without running them (the pane's title stays ours, the screen is not cleared);
#     a rename recalled from a planted command history with ESC in it, and names
#     typed with a C1 control (U+009B, CSI) for :track name, :track add, :bus add,
#     :marker add and :group are refused with a status line naming the character;
#     project.json is unchanged after q.
# "Clean" means no C0 control but tab and newline, no DEL, no C1 control and nothing
# that is not UTF-8 (the corpus test's rule).
#
# Needs tmux and sox. Without them the test skips, except under TTYMIX_REQUIRE_ALL=1
# (CI), where a missing part is a failure.
set -u

: "${top_srcdir:?run me through make check}"
: "${TTYMIX:?run me through make check}"
WAIT_SEC=20

TEST=trust_text
. "$top_srcdir/tests/tmux_lib.sh"
require_tools tmux sox od grep
tmux_setup text

ESC=$(printf '\033')
BEL=$(printf '\007')
C1=$(printf '\302\233')   # U+009B, CSI in UTF-8
BAD="D$ESC]0;pwned$BEL$ESC[2J"

# terminal_unsafe FILE: what a terminal would act on is in FILE
terminal_unsafe() {
	LC_ALL=C grep -q -a -P '[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]|\xc2[\x80-\x9f]' "$1" && return 0
	LC_ALL=C.UTF-8 grep -q -a -x -v '.*' "$1"
}
# clean_out WHAT FILE...: fail when a file holds a byte a terminal acts on
clean_out() {
	what=$1
	shift
	for f in "$@"; do
		if terminal_unsafe "$f"; then
			od -c "$f" | head -n 12
			fail "$what: $(basename "$f") holds a control byte or a byte that is not UTF-8"
		fi
	done
}

cd "$WORK" || exit 99
sox -n -r 48000 -c 1 -b 16 tone.wav synth 1 sine 440 vol 0.5 || fail "sox could not make tone.wav"

# ---- 1. the command line ----
cp tone.wav "$WORK/$BAD.wav"
"$TTYMIX" loudness "$WORK/$BAD.wav" >out.txt 2>err.txt || fail "loudness of $BAD.wav failed"
clean_out "loudness" out.txt err.txt
grep -q -F 'D\x1b]0;pwned\x07\x1b[2J.wav: I ' out.txt || fail "loudness does not show the name as \\x1b: $(cat out.txt)"
# JSON escapes them (a C1 control too: terminals act on it even as UTF-8)
cp tone.wav "$WORK/x${C1}2J.wav"
"$TTYMIX" loudness --json "$WORK/$BAD.wav" "$WORK/x${C1}2J.wav" >out.txt 2>err.txt ||
	fail "loudness --json failed: $(cat err.txt)"
clean_out "loudness --json" out.txt err.txt
grep -q -F 'D\u001b]0;pwned\u0007\u001b[2J.wav"' out.txt && grep -q -F 'x\u009b2J.wav"' out.txt ||
	fail "loudness --json does not escape the names: $(cat out.txt)"
rc=0
"$TTYMIX" loudness "$WORK/gone-$BAD.wav" >out.txt 2>err.txt || rc=$?
[ "$rc" = 1 ] || fail "loudness of a missing file exited $rc, not 1"
[ "$(wc -l <err.txt)" = 1 ] || fail "loudness of a missing file: not one line: $(cat err.txt)"
clean_out "loudness (missing)" out.txt err.txt
echo "$TEST: loudness: $(cat err.txt)"
# the once-per-file warning about bad samples names the file too
"$top_builddir/tests/badwav" nan "$WORK/nan-$BAD.wav" || fail "badwav could not write a NaN WAV"
"$TTYMIX" loudness "$WORK/nan-$BAD.wav" >out.txt 2>err.txt || fail "loudness of nan-$BAD.wav failed"
grep -q 'samples not finite' err.txt || fail "loudness did not warn about the NaN samples: $(cat err.txt)"
clean_out "loudness (bad samples)" out.txt err.txt

# `new` from a folder and a file named with control characters and a Latin-1 byte:
# the project and track names are clean text, and check accepts what new made
cp tone.wav "$WORK/caf$(printf '\351')$BAD.wav"
"$TTYMIX" new "$WORK/n$ESC[2J" "$WORK/caf$(printf '\351')$BAD.wav" >out.txt 2>err.txt ||
	fail "new with control characters in names failed: $(cat err.txt)"
clean_out "new" out.txt err.txt
"$TTYMIX" check "$WORK/n$ESC[2J" >out.txt 2>err.txt || fail "check refuses what new made: $(cat err.txt)"
clean_out "check after new" out.txt err.txt
grep -q -F '"caf\\xe9D\\x1b]0;pwned\\x07\\x1b[2J"' "$WORK/n$ESC[2J/project.json" ||
	fail "new did not name the track as clean text: $(grep '"name"' "$WORK/n$ESC[2J/project.json")"

"$TTYMIX" new "$WORK/p" tone.wav >/dev/null || fail "ttymix new failed"
JSON=$WORK/p/project.json
sed 's/"name":[[:space:]]*"tone"/"name": "D\\u001b]0;pwned\\u0007\\u001b[2J"/' "$JSON" >bad.json
grep -q 'u001b' bad.json || fail "could not name the track (sed)"
cp bad.json "$JSON"
rc=0
"$TTYMIX" render "$WORK/p" -o "$WORK/out.wav" >out.txt 2>err.txt || rc=$?
[ "$rc" = 1 ] || fail "render of a project with an escape in a name exited $rc, not 1"
[ "$(wc -l <err.txt)" = 1 ] || fail "render: not one line: $(cat err.txt)"
clean_out "render" out.txt err.txt
grep -q 'tracks\[0\]\.name: control character U+001B' err.txt || fail "render: $(cat err.txt)"
cmp -s bad.json "$JSON" || fail "render changed project.json"
[ ! -e "$WORK/out.wav" ] || fail "render refused but wrote out.wav"
echo "$TEST: render: $(cat err.txt)"

# an album whose songs take their titles from files named with control characters
"$TTYMIX" new "$WORK/a" tone.wav >/dev/null || fail "ttymix new (album) failed"
cp tone.wav "$WORK/a/audio/$BAD.wav"
cp tone.wav "$WORK/a/audio/caf$(printf '\351').wav"
{
	sed '$d' "$WORK/a/project.json" | sed '$s/$/,/'
	printf '"album": {"title": "Night", "songs": [{"source": "self"}, '
	printf '{"source": "audio/D\\u001b]0;pwned\\u0007\\u001b[2J.wav"}, '
	printf '{"source": "audio/caf\351.wav"}]}}\n'
} >album.json
cp album.json "$WORK/a/project.json"
"$TTYMIX" album "$WORK/a" >out.txt 2>err.txt || fail "album failed: $(cat err.txt)"
CUE=$WORK/a/renders/album/album.cue
[ -s "$CUE" ] || fail "album wrote no CUE sheet"
clean_out "album" out.txt err.txt "$CUE"
grep -q -F 'TITLE "D\x1b]0;pwned\x07\x1b[2J"' "$CUE" || fail "the CUE sheet lacks the cleaned title: $(cat "$CUE")"
grep -q -F 'TITLE "caf\xe9"' "$CUE" || fail "the CUE sheet lacks the Latin-1 title shown as \\xe9"
ls "$WORK/a/renders/album" >names.txt
clean_out "album file names" names.txt
echo "$TEST: CUE: $(grep -F 'pwned' "$CUE" | sed 's/^ *//')"

# ---- 2. the studio ----
# a clip whose file name holds the sequences (file names may be any bytes)
"$TTYMIX" new "$WORK/s" tone.wav >/dev/null || fail "ttymix new (studio) failed"
cp tone.wav "$WORK/s/audio/$BAD.wav"
sed 's|"audio/tone.wav"|"audio/D\\u001b]0;pwned\\u0007\\u001b[2J.wav"|' "$WORK/s/project.json" >s.json
cp s.json "$WORK/s/project.json"
"$TTYMIX" check "$WORK/s" >out.txt 2>err.txt || fail "check of the studio project: $(cat err.txt)"
clean_out "check" out.txt err.txt
SJSON=$WORK/s/project.json
# a command history with a rename that holds ESC, BEL and a screen clear
mkdir -p "$WORK/xdg/ttymix"
printf 'track name %s\n' "$BAD" >"$WORK/xdg/ttymix/history"

tm set-option -g set-titles off >/dev/null 2>&1
tmux_start s 80 24 TERM=screen LANG=C.UTF-8 LC_ALL=C.UTF-8 XDG_DATA_HOME="$WORK/xdg" \
	TTYMIX_AUTOSAVE_SEC=3600 -- --output null "$WORK/s"
wait_for s 'Master'
keys s 1
wait_for s 'ARRANGER|Arranger'
title_ok() {
	title=$(tm display-message -p -t s '#{pane_title}')
	case $title in
	*pwned*) fail "$1: the pane's title became \"$title\": an OSC sequence ran" ;;
	esac
}
# the clip's file name is drawn with a ? for each control character (ui_text)
wait_for s 'D\?\]0;pwned\?\?\[2J\.wav'
title_ok "the arranger"

# refused: SESSION-less helper, WHAT typed after ':' (tmux -l: literally), ERE expected
refused() {
	keys s :
	tm send-keys -t s -l "$1" || fail "send-keys $1"
	keys s Enter
	wait_for s "$2"
	title_ok "$1"
}
# the planted history line: ':' then Up recalls it, Enter runs it
keys s : Up
sleep 0.3
capture s
title_ok "the recalled history line"
keys s Enter
wait_for s 'track name: control character U\+001B; not changed'
title_ok "the refused rename"
refused "track name x${C1}2J" 'track name: control character U\+009B; not changed'
refused "track add y${C1}" 'track name: control character U\+009B; not changed'
refused "bus add Verb${C1}" 'bus name: control character U\+009B; not changed'
refused "marker add m${C1}" 'marker name: control character U\+009B; not changed'
refused "group g${C1} 1" 'group name: control character U\+009B; not changed'
wait_gone s '\[\+\]'
keys s q
status=$(wait_exit s)
[ "$status" = 0 ] || fail "q exited with $status"
cmp -s s.json "$SJSON" || fail "project.json changed"
echo "$TEST: PASS"
