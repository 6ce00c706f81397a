#!/bin/sh
# A save from the studio that cannot be written (issue 8), on the real binary in tmux:
#  1. a full disk: Ctrl-S, :w and :wq each give one line on the status line
#     ("not saved: ...project.json: cannot save: No space left on device"), and
#     project.json and project.json.bak stay byte for byte what they were, no
#     temporary file is left, the edit stays on screen and unsaved ([+]), and :wq does
#     not quit. Once the space is back, Ctrl-S saves the edit and the old project.json
#     becomes the .bak.
#  2. a read-only project folder: the same, with the reason the system gives, and a
#     save once the folder is writable again.
#
# The full disk is real where it can be: as root, a 1 MB tmpfs holds the project and
# a filler file takes the rest of it. Elsewhere (not root, no mount allowed)
# tests/enospc.so (LD_PRELOAD) fails the writes of the new project.json while a flag
# file exists; TTYMIX_SAVE_FAIL_SHIM=1 forces that. The read-only folder is a
# read-only bind mount as root, and chmod a-w otherwise (root ignores file modes).
# The test says which ran.
#
# Needs tmux and sox. Without them the test skips, except under TTYMIX_REQUIRE_ALL=1
# (CI), where a missing part is a failure.
set -u

: "${top_srcdir:?run me through make check}"
: "${top_builddir:?run me through make check}"
: "${TTYMIX:?run me through make check}"
WAIT_SEC=20
SHIM=$top_builddir/tests/enospc.so

TEST=ui_save_fail
. "$top_srcdir/tests/tmux_lib.sh"
require_tools tmux sox
tmux_setup savefail
mounts=
unmount_all() {
	for m in $mounts; do
		umount "$m" 2>/dev/null || umount -l "$m" 2>/dev/null
	done
}
CLEANUP_HOOK=unmount_all
ulimit -c 0 2>/dev/null

cd "$WORK" || exit 99
sox -n -r 48000 -c 1 -b 16 tone.wav synth 0.2 sine 440 vol 0.5 ||
	fail "sox could not make tone.wav"

# start SESSION PROJECT VAR=VALUE...: ttymix on the null output in a 100x30 session;
# no periodic autosave during the test (its own failures would share the status line)
start() {
	session=$1 project=$2
	shift 2
	tmux_start "$session" 100 30 TERM=screen LANG=C.UTF-8 LC_ALL=C.UTF-8 \
		XDG_DATA_HOME="$WORK/xdg" TTYMIX_AUTOSAVE_SEC=3600 "$@" -- \
		--output null "$project"
}

# clear SESSION: put another message on the status line, so that the next one is new
clear_status() {
	keys "$1" : n o s u c h Enter
	wait_gone "$1" 'not saved'
}

# unchanged PART DIR: project.json and its .bak are byte for byte as kept in
# WORK/PART.json and WORK/PART.bak, and no temporary file is left in DIR
unchanged() {
	cmp -s "$2/project.json" "$WORK/$1.json" || fail "$1: project.json changed on disk"
	cmp -s "$2/project.json.bak" "$WORK/$1.bak" || fail "$1: project.json.bak changed"
	left=$(find "$2" -maxdepth 1 -name 'project.json*.tmp*')
	[ -z "$left" ] || fail "$1: temporary files left: $left"
}

# one_message SESSION ERE: exactly one line of the screen matches (the status line)
one_message() {
	capture "$1"
	n=$(grep -Ec -- "$2" "$WORK/screen")
	[ "$n" = 1 ] || fail "$1: $n lines match /$2/, expected the status line alone"
}

# failing_saves PART SESSION DIR REASON: Ctrl-S, :w and :wq all fail with REASON and
# keep everything; the edit on screen is +1.0 dB
failing_saves() {
	part=$1 session=$2 dir=$3 reason=$4
	msg="not saved: .*project\.json: cannot save: $reason"
	keys "$session" C-s
	wait_for "$session" "$msg"
	one_message "$session" "$msg"
	echo "$TEST: $part: $(grep -Eo 'not saved: .*' "$WORK/screen" | sed 's/ *$//')"
	wait_for "$session" '\[\+\]'
	wait_for "$session" '^ dB +\+1\.0 '
	unchanged "$part" "$dir"
	clear_status "$session"
	keys "$session" : w Enter
	wait_for "$session" "$msg"
	unchanged "$part" "$dir"
	clear_status "$session"
	keys "$session" : w q Enter
	wait_for "$session" "$msg"
	sleep 0.3 # a quit would have ended the program by now
	[ -e "$WORK/$session.status" ] && fail "$part: :wq quit although the save failed"
	wait_for "$session" '\[\+\]'
	unchanged "$part" "$dir"
}

# saved_again PART SESSION DIR: Ctrl-S now saves +1.0 dB; the .bak is the previous file
saved_again() {
	part=$1 session=$2 dir=$3
	keys "$session" C-s
	wait_for "$session" '^saved '
	wait_gone "$session" '\[\+\]'
	grep -Eq '"gain_db":[[:space:]]*1,?$' "$dir/project.json" ||
		fail "$part: the second save did not write the edit"
	cmp -s "$dir/project.json.bak" "$WORK/$part.json" ||
		fail "$part: the .bak is not the previous project.json"
	left=$(find "$dir" -maxdepth 1 -name 'project.json*.tmp*')
	[ -z "$left" ] || fail "$part: temporary files left: $left"
	keys "$session" q
	status=$(wait_exit "$session")
	[ "$status" = 0 ] || fail "$part: q after the save exited with status $status"
}

# edit_and_save SESSION DIR PART: +0.5 dB saved (so that a .bak exists), then +1.0 dB
# unsaved; project.json and the .bak are kept aside for comparison
edit_and_save() {
	keys "$1" Up
	wait_for "$1" '^ dB +\+0\.5 '
	keys "$1" C-s
	wait_for "$1" '^saved '
	[ -f "$2/project.json.bak" ] || fail "$3: the first save kept no .bak"
	cp "$2/project.json" "$WORK/$3.json" && cp "$2/project.json.bak" "$WORK/$3.bak" ||
		fail "$3: could not keep copies"
	keys "$1" Up
	wait_for "$1" '^ dB +\+1\.0 '
	wait_for "$1" '\[\+\]'
}

# ---- 1. a full disk ----
full=$WORK/full
mkdir "$full" || exit 99
method=shim
if [ "${TTYMIX_SAVE_FAIL_SHIM:-0}" != 1 ] && [ "$(id -u)" = 0 ] &&
	mount -t tmpfs -o size=1m tmpfs "$full" 2>"$WORK/mount.err"; then
	mounts="$full"
	method=tmpfs
fi
"$TTYMIX" new "$full/song" tone.wav >/dev/null || fail "ttymix new failed"
if [ "$method" = tmpfs ]; then
	echo "$TEST: a real full disk: a 1 MB tmpfs"
	start full "$full/song"
else
	[ -f "$SHIM" ] || fail "$SHIM is missing (make check builds it)"
	echo "$TEST: no tmpfs here; a full disk played by $SHIM"
	start full "$full/song" LD_PRELOAD="$SHIM" ENOSPC_MATCH="$full/song/project.json" \
		ENOSPC_AFTER=0 ENOSPC_WHILE="$WORK/disk-is-full" \
		ASAN_OPTIONS="${ASAN_OPTIONS:+$ASAN_OPTIONS:}verify_asan_link_order=0"
fi
wait_for full 'Master'
edit_and_save full "$full/song" full
if [ "$method" = tmpfs ]; then
	dd if=/dev/zero of="$full/filler" bs=4096 >/dev/null 2>&1 # until the disk is full
	[ -s "$full/filler" ] || fail "full: could not fill the tmpfs"
	printf x >>"$full/filler" 2>/dev/null && fail "full: the tmpfs still takes writes"
else
	: >"$WORK/disk-is-full"
fi
failing_saves full full "$full/song" 'No space left on device'
if [ "$method" = tmpfs ]; then
	rm -f "$full/filler"
else
	rm -f "$WORK/disk-is-full"
fi
saved_again full full "$full/song"

# ---- 2. a read-only project folder ----
"$TTYMIX" new "$WORK/ro" tone.wav >/dev/null || fail "ttymix new failed"
start ro "$WORK/ro"
wait_for ro 'Master'
edit_and_save ro "$WORK/ro" ro
if [ "$(id -u)" = 0 ]; then
	mount --bind "$WORK/ro" "$WORK/ro" 2>"$WORK/mount.err" ||
		missing "root, but no bind mount allowed here: $(cat "$WORK/mount.err")"
	mounts="$WORK/ro $mounts"
	mount -o remount,ro,bind "$WORK/ro" 2>"$WORK/mount.err" ||
		missing "root, but no read-only remount allowed here: $(cat "$WORK/mount.err")"
	reason='Read-only file system'
	echo "$TEST: a read-only bind mount of the project folder"
else
	chmod a-w "$WORK/ro" || fail "chmod a-w failed"
	reason='Permission denied'
	echo "$TEST: a project folder without write permission"
fi
failing_saves ro ro "$WORK/ro" "$reason"
if [ "$(id -u)" = 0 ]; then
	umount "$WORK/ro" || fail "could not unmount $WORK/ro"
	mounts=${mounts#"$WORK/ro "}
else
	chmod u+w "$WORK/ro"
fi
saved_again ro ro "$WORK/ro"

echo "$TEST: PASS ($method)"
exit 0
