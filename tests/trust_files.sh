#!/bin/sh
# Files on shared and broken machines (issue 15, faults 2, 6, 15 and 16), on the real
# binary in tmux:
#  1. save-as from a read-only project folder (a tmpfs remounted read-only): Ctrl-S
#     says why it cannot save; `:w DIR` saves the whole project there, the studio
#     works on the copy (its Ctrl-S saves there) and `ttymix check` accepts it.
#  2. two studios on one project: the second is read-only and says who holds the
#     project; its Ctrl-S refuses and writes nothing; its `:w DIR` saves elsewhere
#     and makes it writable there. The first is killed with -9: the next studio
#     takes the stale lock over and says so. A read-only studio that outlives a
#     holder which saved does not save over that save unless told (:w!).
#  3. a symlink planted at every temporary name ttymix used to use (project.json.tmp.PID,
#     project.json.bak.tmp.PID, .ttymix/autosave.json.tmp.PID, the history's
#     history.new) and at the peak cache's name, each pointing to a 0600 file: after
#     saves, an autosave, history and the peak cache, its content and mode are as
#     they were.
#  4. permissions under umask 022: the per-user data folder is 0700, the history 0600.
#  5. a group-writable setgid project folder: what `new` and the studio make in it
#     (project.json, its .bak, audio/, .ttymix/, the peak cache, the lock) is
#     group-writable and in the folder's group.
#
# Needs root (mounts, another group), tmux and sox; skips without them, except under
# TTYMIX_REQUIRE_ALL=1, where a missing part is a failure.
set -u

: "${top_srcdir:?run me through make check}"
: "${TTYMIX:?run me through make check}"
WAIT_SEC=20

TEST=trust_files
. "$top_srcdir/tests/tmux_lib.sh"
require_tools tmux sox
[ "$(id -u)" = 0 ] || missing "needs root: a read-only tmpfs and a group to share with"
tmux_setup trustfiles
mounts=
unmount_all() {
	for m in $mounts; do
		umount "$m" 2>/dev/null || umount -l "$m" 2>/dev/null
	done
}
CLEANUP_HOOK=unmount_all
ulimit -c 0 2>/dev/null
umask 022 # the usual one: what is private or shared must not depend on it

cd "$WORK" || exit 99
sox -n -r 48000 -c 1 -b 16 tone.wav synth 0.2 sine 440 vol 0.5 ||
	fail "sox could not make tone.wav"
host=$(uname -n)
user=$(id -un)

# start SESSION PROJECT VAR=VALUE...: ttymix on the null output in a 100x30 session,
# with its own data and state folders and no periodic autosave unless asked
start() {
	session=$1 project=$2
	shift 2
	tmux_start "$session" 100 30 TERM=screen LANG=C.UTF-8 LC_ALL=C.UTF-8 \
		XDG_DATA_HOME="$WORK/xdg/data" XDG_STATE_HOME="$WORK/xdg/state" \
		TTYMIX_AUTOSAVE_SEC=3600 "$@" -- --output null "$project"
}

# type SESSION TEXT: TEXT typed as is, then Enter
type_line() {
	tm send-keys -t "$1" -l "$2" || fail "tmux refused keys"
	keys "$1" Enter
}

# clear_status SESSION: another message on the status line, so that the next is new
clear_status() {
	type_line "$1" ":echo-nothing"
	wait_for "$1" 'echo-nothing'
}

# quit SESSION: q, and it ends with status 0
quit() {
	keys "$1" q
	status=$(wait_exit "$1")
	[ "$status" = 0 ] || fail "$1: q exited with status $status"
}

# ---- 1. save-as from a read-only folder ----
ro=$WORK/ro
mkdir "$ro" || exit 99
mount -t tmpfs -o size=4m tmpfs "$ro" 2>"$WORK/mount.err" ||
	missing "root, but no tmpfs mount allowed here: $(cat "$WORK/mount.err")"
mounts="$ro"
"$TTYMIX" new "$ro/song" tone.wav >/dev/null || fail "ttymix new failed"
mount -o remount,ro "$ro" 2>"$WORK/mount.err" ||
	missing "root, but no read-only remount allowed here: $(cat "$WORK/mount.err")"
cp "$ro/song/project.json" ro.json
start ro "$ro/song"
wait_for ro 'Master'
keys ro Up
wait_for ro '^ dB +\+0\.5 '
keys ro C-s
wait_for ro 'not saved: .*project\.json: cannot save: Read-only file system'
echo "$TEST: 1: $(grep -Eo 'not saved: .*' "$WORK/screen" | sed 's/ *$//')"
copy=$WORK/x/copy
type_line ro ":w $copy"
wait_for ro "saved as $copy; now working on the copy"
echo "$TEST: 1: $(grep -Eo 'saved as .*' "$WORK/screen" | sed 's/ *$//')"
wait_gone ro '\[\+\]'
cmp -s "$ro/song/project.json" ro.json || fail "1: the read-only project.json changed"
[ -f "$copy/audio/tone.wav" ] || fail "1: the copy has no audio/tone.wav"
"$TTYMIX" check "$copy" >check.out 2>&1 || fail "1: ttymix check refuses the copy: $(cat check.out)"
grep -Eq '"gain_db":[[:space:]]*0\.5' "$copy/project.json" ||
	fail "1: the copy does not hold the edit"
keys ro Up
wait_for ro '^ dB +\+1\.0 '
keys ro C-s
wait_for ro "^saved $copy/project\.json"
grep -Eq '"gain_db":[[:space:]]*1,?$' "$copy/project.json" ||
	fail "1: Ctrl-S after :w did not save into the copy"
# a folder that holds something else is refused in one line
mkdir notes && echo mine >notes/todo.txt
type_line ro ":w $WORK/notes"
wait_for ro "not saved: $WORK/notes: folder is not empty and not a ttymix project"
[ -e notes/project.json ] && fail "1: :w wrote into a folder that is not a project"
quit ro
umount "$ro" || fail "could not unmount $ro"
mounts=

# ---- 2. two studios on one project ----
"$TTYMIX" new two tone.wav >/dev/null || fail "ttymix new failed"
start a "$WORK/two"
wait_for a 'Master'
pid_a=$(cat "$WORK/a.pid")
[ -f two/.ttymix/lock ] || fail "2: the first studio made no lock file"
start b "$WORK/two"
holder="ttymix $pid_a on $host \\($user\\)"
wait_for b "read-only: project is open in $holder"
echo "$TEST: 2: $(grep -Eo 'read-only: .*' "$WORK/screen" | sed 's/ *$//')"
cp two/project.json two.json
keys b Up
wait_for b '^ dB +\+0\.5 '
wait_for b 'RO \[\+\]'
clear_status b
keys b C-s
wait_for b "read-only: project is open in $holder; save a copy with :w PATH"
cmp -s two/project.json two.json || fail "2: the read-only studio's Ctrl-S wrote project.json"
clear_status b
type_line b ":w"
wait_for b "read-only: project is open in $holder"
cmp -s two/project.json two.json || fail "2: the read-only studio's :w wrote project.json"
# the holder saves as usual
keys a Up Up
wait_for a '^ dB +\+1\.0 '
keys a C-s
wait_for a '^saved '
grep -Eq '"gain_db":[[:space:]]*1,?$' two/project.json || fail "2: the holder's save is lost"
# the read-only one keeps its work elsewhere, and is no longer read-only there
type_line b ":w $WORK/b-copy"
wait_for b "saved as $WORK/b-copy; now working on the copy"
wait_gone b 'RO '
grep -Eq '"gain_db":[[:space:]]*0\.5' b-copy/project.json || fail "2: b's copy lacks its edit"
grep -Eq '"gain_db":[[:space:]]*1,?$' two/project.json || fail "2: b's :w changed the project"
quit b
# the holder dies without a word: the next studio takes the lock over and says so
kill -9 "$pid_a"
wait_exit a >/dev/null
start c "$WORK/two"
wait_for c "took over the lock of $holder, which is no longer running"
echo "$TEST: 2: $(grep -Eo 'took over .*' "$WORK/screen" | sed 's/ *$//')"
keys c Up
wait_for c '^ dB +\+1\.5 '
keys c C-s
wait_for c '^saved '
quit c
[ -s two/.ttymix/lock ] && fail "2: a clean quit left a name in the lock file"
# the read-only studio outlives the holder, which saved before it quit: the second's
# Ctrl-S would undo that save unseen, so it refuses until :w! says so
start d "$WORK/two"
wait_for d 'Master'
start e "$WORK/two"
wait_for e 'read-only: project is open in'
keys e Down
wait_for e '^ dB +\+1\.0 '
keys d Up
wait_for d '^ dB +\+2\.0 '
keys d C-s
wait_for d '^saved '
quit d
cp two/project.json two-d.json
clear_status e
keys e C-s
wait_for e '^not saved: project\.json changed on disk; :w! overwrites, :w DIR saves a copy'
cmp -s two/project.json two-d.json || fail "2: the second studio's Ctrl-S undid the first's save"
echo "$TEST: 2: $(grep -Eo 'not saved: .*' "$WORK/screen" | sed 's/ *$//')"
type_line e ":w!"
wait_for e '^saved '
grep -Eq '"gain_db":[[:space:]]*1,?$' two/project.json || fail "2: :w! did not save over it"
clear_status e
keys e C-s
wait_for e '^saved ' # its own save is the file on disk now: no question again
quit e

# ---- 3. symlinks planted at temporary names ----
"$TTYMIX" new sym tone.wav >/dev/null || fail "ttymix new failed"
printf 'private\n' >victim
chmod 600 victim
# the peak cache's name (audio/tone.wav's size and mtime in ns) and the history's
# old temporary name exist before the studio starts
size=$(stat -c %s sym/audio/tone.wav)
mtime=$(stat -c %.9Y sym/audio/tone.wav | tr -d .)
mkdir -p sym/.ttymix/peaks xdg/data/ttymix
chmod 700 xdg/data/ttymix
peaks="sym/.ttymix/peaks/audio_tone.wav.$size-$mtime.peaks"
ln -s "$WORK/victim" "$peaks"
ln -s "$WORK/victim" xdg/data/ttymix/history.new
start s "$WORK/sym" TTYMIX_AUTOSAVE_SEC=1
wait_for s 'Master'
pid=$(cat "$WORK/s.pid")
planted="sym/project.json.tmp.$pid sym/project.json.bak.tmp.$pid
	sym/.ttymix/autosave.json.tmp.$pid sym/.ttymix/autosave.$(hostname).$pid.json.tmp.$pid"
for p in $planted; do
	ln -s "$WORK/victim" "$p" || fail "3: could not plant $p"
done
keys s Up
wait_for s '^ dB +\+0\.5 '
tries=0
# each studio autosaves to .ttymix/autosave.HOST.PID.json (through a fresh temporary)
until [ -n "$(find sym/.ttymix -maxdepth 1 -type f -name "autosave.*.$pid.json")" ]; do
	tries=$((tries + 1))
	[ "$tries" -gt $((WAIT_SEC * 10)) ] && fail "3: no autosave after ${WAIT_SEC}s"
	sleep 0.1
done
keys s C-s
wait_for s '^saved '
keys s Up
wait_for s '^ dB +\+1\.0 '
keys s C-s
wait_for s '^saved '
clear_status s # the history file
tries=0
until [ -f "$peaks" ] && [ ! -L "$peaks" ]; do
	tries=$((tries + 1))
	[ "$tries" -gt $((WAIT_SEC * 10)) ] && fail "3: the peak cache was not written"
	sleep 0.1
done
quit s
[ "$(cat victim)" = private ] || fail "3: the planted symlink's target was written"
[ "$(stat -c %a victim)" = 600 ] || fail "3: the target's mode is now $(stat -c %a victim)"
for p in $planted xdg/data/ttymix/history.new; do
	[ -L "$p" ] || fail "3: $p was replaced or removed: ttymix used that name"
done
[ -f sym/project.json.bak ] && [ ! -L sym/project.json.bak ] || fail "3: no .bak"
grep -q echo-nothing xdg/data/ttymix/history || fail "3: the history was not written"
echo "$TEST: 3: $(echo $planted | wc -w) planted names plus the peak cache and" \
	"history.new: the target is untouched"

# ---- 4. private data ----
rm -rf xdg
start p "$WORK/two"
wait_for p 'Master'
clear_status p
quit p
[ "$(stat -c %a xdg/data/ttymix)" = 700 ] ||
	fail "4: the data folder is $(stat -c %a xdg/data/ttymix), not 700"
[ "$(stat -c %a xdg/data/ttymix/history)" = 600 ] ||
	fail "4: the history is $(stat -c %a xdg/data/ttymix/history), not 600"

# ---- 5. a shared project folder ----
group=$(getent group users | cut -d: -f1)
[ -n "$group" ] || group=$(getent group 100 | cut -d: -f1)
[ -n "$group" ] || missing "no group 'users' (gid 100) to share a folder with"
mkdir shared && chgrp "$group" shared && chmod 2775 shared || fail "5: chgrp/chmod failed"
"$TTYMIX" new shared tone.wav >/dev/null || fail "ttymix new failed"
start g "$WORK/shared"
wait_for g 'Master'
keys g Up
wait_for g '^ dB +\+0\.5 '
keys g C-s
wait_for g '^saved '
tries=0
until ls shared/.ttymix/peaks/*.peaks >/dev/null 2>&1; do
	tries=$((tries + 1))
	[ "$tries" -gt $((WAIT_SEC * 10)) ] && fail "5: the peak cache was not written"
	sleep 0.1
done
for f in shared/project.json shared/project.json.bak shared/audio shared/audio/tone.wav \
	shared/.ttymix shared/.ttymix/peaks shared/.ttymix/peaks/*.peaks shared/.ttymix/lock; do
	[ "$(stat -c %G "$f")" = "$group" ] || fail "5: $f is in group $(stat -c %G "$f")"
	mode=$(stat -c %A "$f")
	case $mode in
	?????w????) ;;
	*) fail "5: $f is $mode: not group-writable" ;;
	esac
done
quit g
echo "$TEST: 5: project.json, .bak, audio/, .ttymix/, peaks and lock: group $group, g+w"

echo "$TEST: PASS"
exit 0
