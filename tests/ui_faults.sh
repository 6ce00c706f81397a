#!/bin/sh
# Faults that must not lose work (issue 8), on the real binary in tmux:
#  1. SIGHUP (the SSH link dropped) after two edits: ttymix exits, and
#     .ttymix/autosave.HOST.PID.json holds the edits while project.json does not. Reopened, the
#     project offers the autosave and lists the differing fields; y restores it
#     (unsaved, [+]) and both files are kept (the autosave moves to autosave-*.json).
#     Ctrl-S saves it and removes nothing but the live autosave.
#  2. SIGTERM after an edit, then n at the offer: project.json stays, the autosave is
#     kept aside all the same.
#  3. The periodic autosave (TTYMIX_AUTOSAVE_SEC=1) appears while unsaved; Ctrl-S
#     removes it; :q! (a clean quit) removes a newer one.
#  4. A crash (SIGSEGV): the terminal modes are given back (echo, canonical input)
#     and the alternate screen is left before ttymix dies of the signal; SIGQUIT
#     (Ctrl-backslash) leaves with 131 and an autosave, without a core.
#  5. The JACK server dies mid-playback (a private jackd dummy, killed -9 by PID):
#     the status line says the output was lost, the transport stops, keys still work
#     (a fader move shows), :device null gives a working silent output, and quitting
#     does not hang.
#
# Needs tmux and sox; part 5 also jackd and jack_lsp (Debian jackd2). Without them the
# test skips (part 4 alone, after the others pass), except under TTYMIX_REQUIRE_ALL=1
# (CI), where a missing part is a failure.
set -u

: "${top_srcdir:?run me through make check}"
: "${TTYMIX:?run me through make check}"
WAIT_SEC=20

PACKAGES="tmux, sox and jackd2"
TEST=ui_faults
. "$top_srcdir/tests/tmux_lib.sh"
require_tools tmux sox
tmux_setup faults

ulimit -c 0 2>/dev/null

# start SESSION PROJECT OUTPUT VAR=VALUE...: ttymix in a new 100x30 session. The pane
# runs it under tmux_lib.sh's wrapper: its pid, the terminal's modes after it
# (SESSION.status.stty) and its exit status are written down.
start() {
	session=$1 project=$2 output=$3
	shift 3
	tmux_start "$session" 100 30 TERM=screen LANG=C.UTF-8 LC_ALL=C.UTF-8 \
		XDG_DATA_HOME="$WORK/xdg" "$@" -- --output "$output" "$project"
}

# start_direct SESSION PROJECT VAR=VALUE...: the pane runs ttymix itself (exec), so
# that #{pane_pid} is ttymix's pid; the pane stays after it ends (remain-on-exit).
start_direct() {
	session=$1 project=$2
	shift 2
	cmd="exec env"
	for assignment in TERM=screen LANG=C.UTF-8 LC_ALL=C.UTF-8 \
		XDG_DATA_HOME="$WORK/xdg" "$@"; do
		cmd="$cmd $(q "$assignment")"
	done
	cmd="$cmd $(q "$TTYMIX") --output null $(q "$project")"
	tm new-session -d -s "$session" -x 100 -y 30 "$cmd" \; \
		set-option -w -t "$session" remain-on-exit on \
		|| fail "tmux could not start a session"
}

# wait_pid_gone SESSION PID: the process has ended (a zombie counts: it has exited,
# and tmux reaps it in its own time)
wait_pid_gone() {
	tries=0
	while kill -0 "$2" 2>/dev/null; do
		case $(ps -o stat= -p "$2" 2>/dev/null) in
		Z*) return 0 ;;
		esac
		[ "$tries" -lt $((WAIT_SEC * 10)) ] ||
			fail "$1: pid $2 did not exit ($(ps -o stat=,wchan= -p "$2"))"
		sleep 0.1
		tries=$((tries + 1))
	done
}

pane_pid() {
	tm display-message -p -t "$1" '#{pane_pid}'
}

count_archives() {
	find "$1/.ttymix" -maxdepth 1 -name 'autosave-*.json' 2>/dev/null | wc -l
}

cd "$WORK" || exit 99
sox -n -r 48000 -c 1 drums.wav synth 30 sine 220 vol 0.5 || fail "sox could not make drums.wav"
sox -n -r 48000 -c 2 bass.wav synth 30 sine 55 vol 0.5 || fail "sox could not make bass.wav"
"$TTYMIX" new "$WORK/song" drums.wav bass.wav >/dev/null || fail "ttymix new failed"
PROJECT=$WORK/song
JSON=$PROJECT/project.json
# live_autosave: a studio's own autosave (.ttymix/autosave.HOST.PID.json), if any
live_autosave() {
	find "$PROJECT/.ttymix" -maxdepth 1 -name 'autosave.*.json' 2>/dev/null | head -n 1
}
# wait_live: poll until there is one; AUTOSAVE names it
wait_live() {
	tries=0
	while AUTOSAVE=$(live_autosave) && [ -z "$AUTOSAVE" ]; do
		[ "$tries" -lt $((WAIT_SEC * 10)) ] || fail "waited ${WAIT_SEC}s for an autosave"
		sleep 0.1
		tries=$((tries + 1))
	done
}

# ---- 1. SIGHUP keeps the work; the next open offers it back ----
start_direct hup "$PROJECT"
wait_for hup 'Master'
keys hup Up Up m # drums: +1.0 dB (one undo step: nudges merge), muted
wait_for hup '^ dB +\+1\.0 '
wait_for hup '\[\+\]'
pid=$(pane_pid hup)
[ -n "$pid" ] || fail "hup: no pane pid"
kill -HUP "$pid"
wait_pid_gone hup "$pid"
AUTOSAVE=$(live_autosave)
[ -f "$AUTOSAVE" ] || fail "hup: no autosave after SIGHUP"
grep -Eq '"gain_db":[[:space:]]*1,?$' "$AUTOSAVE" || fail "hup: the autosave lacks gain_db 1"
grep -Eq '"mute":[[:space:]]*true' "$AUTOSAVE" || fail "hup: the autosave lacks mute true"
grep -Eq '"edits_since_save":[[:space:]]*2' "$AUTOSAVE" ||
	fail "hup: the autosave does not say 2 edits since the save"
grep -Eq '"mute":[[:space:]]*true' "$JSON" && fail "hup: project.json changed without a save"
tm kill-session -t hup

start restore "$PROJECT" null
wait_for restore 'Restore the autosave\? \(y/n\)'
wait_for restore 'drums: gain \+0\.0 -> \+1\.0 dB'
wait_for restore 'drums: mute false -> true'
wait_for restore '2 edits after the last save'
keys restore y
wait_for restore 'restored the autosave'
wait_for restore '^ dB +\+1\.0 '
wait_for restore '\[\+\]'
[ -n "$(live_autosave)" ] && fail "restore: the autosave was not moved aside"
[ "$(count_archives "$PROJECT")" = 1 ] || fail "restore: no .ttymix/autosave-*.json kept"
grep -Eq '"mute":[[:space:]]*true' "$JSON" && fail "restore: project.json changed before a save"
keys restore C-s
wait_for restore '^saved '
grep -Eq '"gain_db":[[:space:]]*1,?$' "$JSON" || fail "restore: Ctrl-S did not save the edit"
grep -q '"autosave"' "$JSON" && fail "restore: the autosave note leaked into project.json"
[ "$(count_archives "$PROJECT")" = 1 ] || fail "restore: saving removed the kept autosave"
keys restore q
status=$(wait_exit restore)
[ "$status" = 0 ] || fail "restore: q exited with status $status"

# ---- 2. SIGTERM, then n: project.json stays, the autosave is kept aside ----
start_direct term "$PROJECT"
wait_for term 'Master'
keys term Down # drums +0.5
wait_for term '^ dB +\+0\.5 '
pid=$(pane_pid term)
kill -TERM "$pid"
wait_pid_gone term "$pid"
[ -n "$(live_autosave)" ] || fail "term: no autosave after SIGTERM"
tm kill-session -t term
start decline "$PROJECT" null
wait_for decline 'drums: gain \+1\.0 -> \+0\.5 dB'
keys decline n
wait_for decline 'autosave moved to \.ttymix/autosave-'
wait_for decline '^ dB +\+1\.0 '
[ "$(count_archives "$PROJECT")" = 2 ] || fail "decline: the autosave was not kept aside"
[ -n "$(live_autosave)" ] && fail "decline: the autosave stayed in place"
keys decline q
status=$(wait_exit decline)
[ "$status" = 0 ] || fail "decline: q exited with status $status"

# ---- 3. the periodic autosave, removed by a save and by a clean quit ----
start periodic "$PROJECT" null TTYMIX_AUTOSAVE_SEC=1
wait_for periodic 'Master'
keys periodic Down # +0.5
wait_for periodic '\[\+\]'
wait_live # renamed into place: complete once it exists
grep -Eq '"gain_db":[[:space:]]*0\.5,?$' "$AUTOSAVE" ||
	fail "periodic: the autosave does not hold gain_db 0.5"
keys periodic C-s
wait_for periodic '^saved '
[ -n "$(live_autosave)" ] && fail "periodic: Ctrl-S left the autosave"
keys periodic Down # +0.0
wait_live
keys periodic : q ! Enter
status=$(wait_exit periodic)
[ "$status" = 0 ] || fail "periodic: :q! exited with status $status"
[ -n "$(live_autosave)" ] && fail "periodic: a clean quit left the autosave"

# ---- 4. a crash gives the terminal back; SIGQUIT keeps the work ----
start crash "$PROJECT" null
wait_for crash 'Master'
[ -s "$WORK/crash.pid" ] || fail "crash: no pid written"
kill -SEGV "$(cat "$WORK/crash.pid")"
status=$(wait_exit crash)
[ "$status" = 139 ] || fail "crash: after SIGSEGV the status was $status, not 139"
grep -Eq '(^|[[:space:]])icanon([[:space:]]|$)' "$WORK/crash.status.stty" ||
	fail "crash: the terminal was left without canonical input: $(cat "$WORK/crash.status.stty")"
grep -Eq '(^|[[:space:]])echo([[:space:]]|$)' "$WORK/crash.status.stty" ||
	fail "crash: the terminal was left without echo"
capture crash
grep -q 'Master' "$WORK/screen" && fail "crash: the studio's screen stayed up"

start quit "$PROJECT" null
wait_for quit 'Master'
keys quit Up
wait_for quit '\[\+\]'
kill -QUIT "$(cat "$WORK/quit.pid")"
status=$(wait_exit quit)
[ "$status" = 131 ] || fail "quit: after SIGQUIT the status was $status, not 131"
AUTOSAVE=$(live_autosave)
[ -f "$AUTOSAVE" ] || fail "quit: no autosave after SIGQUIT"
rm -f "$AUTOSAVE"

# ---- 5. the JACK server dies mid-playback ----
for tool in jackd jack_lsp; do
	command -v "$tool" >/dev/null 2>&1 || missing "$tool is not installed (parts 1-4 passed)"
done
jack_private faults
# up to 10 s; a server that exits at once (too many servers) is started again
if ! start_jackd 100; then
	[ "${TTYMIX_REQUIRE_ALL:-0}" = 1 ] && fail "jackd did not answer within 10 s"
	echo "ui_faults: SKIP: jackd is installed but did not start here (parts 1-4 passed)"
	exit 77
fi
"$TTYMIX" new "$WORK/live" drums.wav bass.wav >/dev/null || fail "ttymix new failed"
start device "$WORK/live" pa JACK_DEFAULT_SERVER="$JACK_DEFAULT_SERVER"
wait_for device 'JACK'
keys device Space
wait_for device 'PLAY +0:0[1-9]'
jack_killed=1
kill -9 "$jackd_pid"
wait "$jackd_pid" 2>/dev/null
jackd_pid=
wait_for device 'audio output lost'
wait_for device 'STOP'
keys device Up
wait_for device '^ dB +\+0\.5 '
keys device : d e v i c e Space n u l l Enter
wait_for device 'output: no audio device: silent'
keys device Space
wait_for device 'PLAY'
keys device Space
wait_for device 'STOP'
keys device q
wait_for device 'quit without saving\? \(y/n'
keys device y
status=$(wait_exit device)
[ "$status" = 0 ] || fail "device: quitting after the lost device exited with status $status"
jack_reclaim

echo "ui_faults: PASS"
exit 0
