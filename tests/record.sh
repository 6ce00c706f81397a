#!/bin/sh
# Recording (src/studio/record.c, audio/capture.c) on a private jackd dummy server,
# started here and stopped by PID:
#  1. a known signal: a second ttymix plays a project on its own JACK ports, wired to
#     the studio's in_1/in_2; :arm, :input 1-2, R and R again record it on a track as
#     take 1, one undoable step; the take matches the source's render within -90 dBFS
#     after alignment (tests/align_compare), and is a clip in the saved project.
#  2. loopback: the studio's out_L/out_R wired to its own in_1/in_2 while the song
#     plays; the take lands on the timeline within 1 ms of where the song played it,
#     after JACK's latencies and :latency are compensated.
#     :take, :latency, :punch between two markers (exactly that second written) and
#     loop recording (a take per pass) on the same loopback; q during a take asks to
#     save it.
#  3. kill -9 while recording leaves a WAV that plays all but the last few seconds.
#  4. a full disk (a small tmpfs as root, else tests/enospc.so) and 5. a lost input
#     (jackd stopped) end the take with one line, keeping a valid file; before it,
#     renaming the armed track during a take keeps the take's file, and two tracks
#     whose names make one file name ("a b", "a_b") get a file each.
#
# Needs tmux, sox, python3, jackd, jack_lsp, jack_connect (Debian jackd2).
set -u

: "${top_srcdir:?run me through make check}"
: "${top_builddir:?run me through make check}"
: "${TTYMIX:?run me through make check}"
ALIGN=$top_builddir/tests/align_compare
WAIT_SEC=30

PACKAGES="tmux, sox, python3 and jackd2"
TEST=record
. "$top_srcdir/tests/tmux_lib.sh"
require_tools tmux sox python3 jackd jack_lsp jack_connect timeout
tmux_setup record

jack_private record
mounted=
on_exit() {
	[ -z "${play_pid:-}" ] || kill -KILL "$play_pid" 2>/dev/null
	[ -z "$mounted" ] || umount "$mounted" 2>/dev/null || umount -l "$mounted" 2>/dev/null
}
CLEANUP_HOOK=on_exit
play_pid=

# frames FILE: the frames a WAV's header counts
frames() {
	sox --i -s "$1" 2>/dev/null
}
# clip PROJECT FILE: "start offset" of the clip that plays FILE
clip() {
	python3 -c '
import json, sys
p = json.load(open(sys.argv[1] + "/project.json"))
for t in p["tracks"]:
    for c in t.get("clips", []):
        if c["file"] == sys.argv[2]:
            print(c.get("start", 0), c.get("offset", 0))
' "$1" "$2"
}

. "$top_srcdir/tests/record_lib.sh"
record_material
start_jackd 100 || fail "jackd did not answer within 10 s: ${jackd_why:-no message}"

tmux_start live 120 30 TERM=screen LANG=C.UTF-8 LC_ALL=C.UTF-8 \
	XDG_DATA_HOME="$WORK/xdg" -- --output jack --no-connect "$WORK/proj"
wait_for live 'JACK: ttymix, 48000 Hz'
wait_until 'has_port ttymix:in_1'
keys live : t r a c k Space a d d Space v o x Enter
wait_for live 'vox'
keys live : a r m Space v o x Enter
wait_for live '"vox" armed: input 1'
keys live : i n p u t Space v o x Space 1 - 2 Enter
wait_for live 'records input 1-2 \(stereo\)'

# 1. a known signal from a second JACK client
"$TTYMIX" play "$WORK/src" --output jack --jack-name src --no-connect >play.log 2>&1 &
play_pid=$!
wait_until 'has_port src:out_R'
jack_connect src:out_L ttymix:in_1 && jack_connect src:out_R ttymix:in_2 ||
	fail "jack_connect src -> ttymix failed"
keys live R
wait_for live 'recording vox \(take 1\)'
wait_until '! kill -0 $play_pid 2>/dev/null'
wait "$play_pid" || fail "the source's play failed: $(cat play.log)"
play_pid=
keys live R
wait_for live 'recorded vox take 1'
take=proj/audio/vox-take1.wav
[ -f "$take" ] || fail "no $take"
sox --i "$take" | grep -q '24-bit' || fail "$take is not 24-bit: $(sox --i "$take")"
"$ALIGN" ref.wav "$take" --min-overlap 2 --max-peak -90 >align1.log 2>&1 ||
	fail "the take does not match the source: $(cat align1.log)"
echo "$TEST: known signal: $(tail -n 1 align1.log)"
keys live u
wait_for live 'undid: record'
keys live : w Enter
wait_for live 'saved'
[ -z "$(clip proj audio/vox-take1.wav)" ] || fail "undo left the take's clip"
keys live C-r
wait_for live 'redid: record'
keys live : w Enter
wait_for live 'saved'
[ -n "$(clip proj audio/vox-take1.wav)" ] || fail "the take is no clip in project.json"

# 2. loopback: the studio's own outputs into its inputs while the song plays
keys live : m u t e Space v o x Space o n Enter
keys live : a r m Space v o x Space o f f Enter
wait_for live '"vox" disarmed'
keys live : t r a c k Space a d d Space l o o p Enter
keys live : i n p u t Space l o o p Space 1 - 2 Enter
keys live : a r m Space l o o p Enter
wait_for live '"loop" armed: inputs 1-2'
jack_connect ttymix:out_L ttymix:in_1 && jack_connect ttymix:out_R ttymix:in_2 ||
	fail "jack_connect out -> in failed"
keys live : l a t e n c y Enter
wait_for live 'recording latency: capture'
capture live
grep -o 'recording latency: .*)' "$WORK/screen" | head -n 1
keys live : l o c a t e Space 0 Enter
keys live R
wait_for live 'recording loop \(take 1\)'
wait_clock live REC 4.2
keys live R
wait_for live 'recorded loop take 1'
keys live : w Enter
wait_for live 'saved'
take=proj/audio/loop-take1.wav
"$ALIGN" ref.wav "$take" --min-overlap 2 --max-peak -90 >align2.log 2>&1 ||
	fail "the loopback take does not match the song: $(cat align2.log)"
lag=$(sed -n 's/^align_compare: lag \(-*[0-9]*\) frames.*/\1/p' align2.log)
set -- $(clip proj audio/loop-take1.wav)
[ $# -eq 2 ] || fail "no clip for $take in project.json"
err=$(python3 -c 'import sys; print(round(int(sys.argv[1]) - (float(sys.argv[2]) - float(sys.argv[3])) * 48000))' "$lag" "$1" "$2")
echo "$TEST: loopback: take at $1 s (offset $2 s), heard at lag $lag frames: error $err frames"
[ "${err#-}" -le 48 ] || fail "the loopback take is $err frames off (more than 1 ms)"

# takes are kept: a second pass is take 2 in take 1's place; :take brings 1 back
keys live : l o c a t e Space 0 Enter
keys live R
wait_for live 'recording loop \(take 2\)'
wait_for live 'REC +0:01'
keys live Space
wait_for live 'recorded loop take 2'
keys live : t a k e Space l o o p Space 1 Enter
wait_for live '"loop": take 1 at'
# the mixer: an armed strip says REC; r arms and disarms the selected one
keys live 2
wait_for live 'REC'
keys live r
wait_for live '"loop" disarmed|"[^"]*" armed'
keys live 1
# :latency is kept in the project
keys live : l a t e n c y Space 2 m s Enter
wait_for live 'offset 96 ='
keys live : w Enter
wait_for live 'saved'
[ -n "$(clip proj audio/loop-take1.wav)" ] && [ -z "$(clip proj audio/loop-take2.wav)" ] ||
	fail ":take loop 1 did not put take 1 in take 2's place"
[ -f proj/audio/loop-take2.wav ] || fail "take 2's file went"
python3 -c 'import json, sys; sys.exit(json.load(open("proj/project.json")).get("record_latency_frames") != 96)' ||
	fail "no record_latency_frames 96 in project.json"

# punch in and out between two markers: the take holds exactly that second, where
# the song played it (the loopback, compensated), and ends there by itself
keys live : m a r k e r Space a d d Space p i n Space 1 Enter
keys live : m a r k e r Space a d d Space p o u t Space 2 Enter
keys live : l a t e n c y Space 0 Enter
keys live : a r m Space l o o p Space o n Enter
keys live : m u t e Space l o o p Space o n Enter
keys live : p u n c h Space p i n Space p o u t Enter
wait_for live 'punch in at 1.000 s, out at 2.000 s'
keys live : l o c a t e Space 0 Enter
keys live R
wait_for live 'recorded loop take 3'
take=proj/audio/loop-take3.wav
[ "$(frames "$take")" = 48000 ] || fail "the punched take holds $(frames "$take") frames, not 48000"
"$ALIGN" ref.wav "$take" --min-overlap 0.4 --max-peak -90 >align3.log 2>&1 ||
	fail "the punched take is not the song's second 1 to 2: $(cat align3.log)"
grep -q '^align_compare: lag 48000 frames' align3.log ||
	fail "the punched take is not from 1.000 s: $(cat align3.log)"
keys live : w Enter
wait_for live 'saved'
[ "$(clip proj audio/loop-take3.wav)" = "1 0" ] ||
	fail "the punched take's clip is at $(clip proj audio/loop-take3.wav), not 1.0 0.0"
# its tag says where its sample 0 was heard (what :take places it by)
tag=$(python3 -c 'import re, sys
m = re.search(rb"ttymix take start_frame=(-?[0-9]+)", open(sys.argv[1], "rb").read())
print(m.group(1).decode() if m else "none")' "$take")
[ "$tag" = 48000 ] || fail "the punched take is tagged start_frame=$tag, not 48000"
echo "$TEST: punch 1 s to 2 s: 48000 frames, at 1.000 s"
keys live : p u n c h Space o f f Enter
wait_for live 'punch off'

# loop recording: the transport loops over 1 s to 2 s; each pass is a take of its own,
# the last one on the timeline, each a whole second of the song from 1.000 s
keys live : l o o p Space 1 Space 2 Enter
keys live : l o c a t e Space 0 . 5 Enter
keys live R
wait_for live 'recording loop \(take 4\)'
sleep 3.5
keys live R
wait_for live 'recorded loop take 4 \(a take per loop pass\)'
[ -f proj/audio/loop-take6.wav ] || fail "no second pass: $(ls proj/audio)"
[ "$(frames proj/audio/loop-take5.wav)" = 48000 ] ||
	fail "the first whole pass holds $(frames proj/audio/loop-take5.wav) frames, not 48000"
"$ALIGN" ref.wav proj/audio/loop-take5.wav --min-overlap 0.4 --max-peak -90 >align4.log 2>&1 &&
	grep -q '^align_compare: lag 48000 frames' align4.log ||
	fail "the loop's pass is not the song's second 1 to 2: $(cat align4.log)"
echo "$TEST: loop recording: $(ls proj/audio | grep -c 'loop-take') loop takes, a pass = 48000 frames at 1.000 s"
keys live : l o o p Space o f f Enter

# q during a take, all else saved: the take ends and is placed first, so quitting
# asks to save it (not a silent quit leaving its WAV out of the project)
keys live : w Enter
wait_for live 'saved'
keys live : l o c a t e Space 0 Enter
keys live R
wait_for live 'recording loop \(take [0-9]+\)'
capture live
qno=$(sed -n 's/.*recording loop (take \([0-9]*\)).*/\1/p' "$WORK/screen" | head -n 1)
wait_for live 'REC +0:01'
keys live q
wait_for live 'unsaved changes: quit without saving'
keys live n
wait_for live 'not quitting'
keys live : w Enter
wait_for live 'saved'
[ -n "$(clip proj "audio/loop-take$qno.wav")" ] || fail "q during take $qno left it off the project"
echo "$TEST: q during take $qno: asked to save, the take placed"

# 3. kill -9 mid-take: the WAV plays up to the last header update (every 2 s)
keys live : l o c a t e Space 0 Enter
keys live R
wait_for live 'recording loop \(take [0-9]+\)'
capture live
no=$(sed -n 's/.*recording loop (take \([0-9]*\)).*/\1/p' "$WORK/screen" | head -n 1)
wait_for live 'REC +0:0[4-9]'
kill -KILL "$(cat "$WORK/live.pid")"
take=proj/audio/loop-take$no.wav
n=$(frames "$take")
sox "$take" -n stat >stat.log 2>&1 || fail "sox cannot read $take after kill -9: $(cat stat.log)"
echo "$TEST: kill -9 after 4 s: $take holds $n frames"
[ "${n:-0}" -ge $((3 * 48000 / 2)) ] || fail "$take holds ${n:-no} frames after 4 s and kill -9"

# 4. a full disk mid-take: the project on a small tmpfs (as root), or, where none can
#    be mounted, tests/enospc.so failing the take's writes; the take stops with one
#    line, keeps a valid file, and playback goes on
mkdir -p full
full_env=
if [ "${TTYMIX_DISK_FULL_SHIM:-0}" != 1 ] &&
	mount -t tmpfs -o size=1200k tmpfs "$WORK/full" 2>/dev/null; then
	mounted=$WORK/full
	how="a 1200 KB tmpfs"
else
	full_env="LD_PRELOAD=$top_builddir/tests/enospc.so ENOSPC_MATCH=-take ENOSPC_AFTER=1000000"
	how="tests/enospc.so after 1 MB"
fi
"$TTYMIX" new "$WORK/full/p" l.wav >new3.log 2>&1 || fail "ttymix new on the small disk failed"
# its clip at 8 s: the song plays on long after the disk is full
python3 -c '
import json
p = json.load(open("full/p/project.json"))
p["tracks"][0]["clips"][0]["start"] = 8
json.dump(p, open("full/p/project.json", "w"))' || fail "could not move the clip"
# shellcheck disable=SC2086
tmux_start full 120 30 TERM=screen LANG=C.UTF-8 LC_ALL=C.UTF-8 $full_env \
	XDG_DATA_HOME="$WORK/xdg" -- --output jack --no-connect --jack-name full "$WORK/full/p"
wait_for full 'JACK: full, 48000 Hz'
keys full : a r m Space 1 Enter
keys full : i n p u t Space 1 Space 1 - 2 Enter
wait_for full 'records input 1-2'
keys full R
wait_for full 'recording l \(take 1\)'
wait_for full 'recording stopped: .*(no space|No space)'
capture full
grep -o 'recording stopped: [^│]*' "$WORK/screen" | head -n 1
wait_for full 'PLAY +0:0[3-9]'
take=full/p/audio/l-take1.wav
n=$(frames "$take")
sox "$take" -n stat >stat.log 2>&1 || fail "sox cannot read $take after the disk filled: $(cat stat.log)"
echo "$TEST: disk full ($how): $take keeps $n frames, playback goes on"
[ "${n:-0}" -gt 0 ] || fail "$take keeps nothing"
kill -TERM "$(cat "$WORK/full.pid")"
wait_exit full >/dev/null
if [ -n "${mounted:-}" ]; then
	umount "$mounted" && mounted=
fi

# 5. the input lost (jackd stopped) mid-take: the take stops the same way
tmux_start lost 120 30 TERM=screen LANG=C.UTF-8 LC_ALL=C.UTF-8 \
	XDG_DATA_HOME="$WORK/xdg" -- --output jack --no-connect --jack-name lost "$WORK/src"
wait_for lost 'JACK: lost, 48000 Hz'
keys lost : a r m Space 1 Enter
wait_for lost 'armed: input 1'
# the armed track renamed during a take: what came stays in its file, said
keys lost R
wait_for lost 'REC +0:0[1-9]'
keys lost : t r a c k Space n a m e Space o t h e r Enter
keys lost R
wait_for lost 'track "stereo" is gone; its take stays in audio/stereo-take1.wav'
[ "$(frames src/audio/stereo-take1.wav)" -gt 0 ] || fail "the renamed track's take lost its file"
keys lost : t r a c k Space n a m e Space s t e r e o Enter
# two names one file name would have ("a b", "a_b"): a file each
keys lost : t r a c k Space a d d Space '"' a Space b '"' Enter
keys lost : a r m Space '"' a Space b '"' Enter
wait_for lost '"a b" armed'
keys lost : t r a c k Space a d d Space a _ b Enter
keys lost : a r m Space a _ b Enter
wait_for lost '"a_b" armed'
keys lost R
wait_for lost 'REC +0:0[1-9]'
keys lost R
wait_for lost 'recorded .* and 2 more'
for f in a_b-take1 a_b-take2; do
	[ "$(frames "src/audio/$f.wav")" -gt 0 ] || fail "no $f.wav: $(ls src/audio)"
done
keys lost : a r m Space '"' a Space b '"' Space o f f Enter
wait_for lost '"a b" disarmed'
keys lost : a r m Space a _ b Space o f f Enter
wait_for lost '"a_b" disarmed'
keys lost R
wait_for lost 'REC +0:0[1-9]'
kill -TERM "$jackd_pid"
wait "$jackd_pid" 2>/dev/null
jackd_pid=
wait_for lost 'recording stopped: the input was lost; kept [0-9.]+ s'
take=src/audio/stereo-take3.wav
sox "$take" -n stat >stat.log 2>&1 || fail "sox cannot read $take after the input was lost"
echo "$TEST: input lost: $take keeps $(frames "$take") frames"
keys lost : q ! Enter
wait_exit lost >/dev/null
exit 0
