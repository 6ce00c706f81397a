#!/bin/sh
# Exporting to a full disk or to a path that cannot be written: `ttymix render` exits
# 1 with one line saying what happened and where, and leaves no partial file.
#
# The full disk is real where it can be: as root, a 200 KB tmpfs is mounted (and
# unmounted on every exit path) and a render of about 1.4 MB goes into it. Where no
# tmpfs can be mounted (not root, a container without the capability), tests/enospc.so
# (LD_PRELOAD) makes writes to the output file fail with ENOSPC after 200 KB instead.
# TTYMIX_DISK_FULL_SHIM=1 forces the preload even where the tmpfs works. The test says
# which one ran.
#
# Needs sox (to make the input) and python3. Without them the test skips, except under
# TTYMIX_REQUIRE_ALL=1 (CI), where a missing part is a failure.
set -u

: "${top_builddir:?run me through make check}"
: "${TTYMIX:?run me through make check}"
SHIM=$top_builddir/tests/enospc.so
LIMIT_BYTES=204800

missing() {
	if [ "${TTYMIX_REQUIRE_ALL:-0}" = 1 ]; then
		echo "disk_full: FAIL: $1 (TTYMIX_REQUIRE_ALL=1 forbids skipping)"
		exit 99
	fi
	echo "disk_full: SKIP: $1"
	exit 77
}

command -v sox >/dev/null 2>&1 || missing "sox is not installed"
command -v python3 >/dev/null 2>&1 || missing "python3 is not installed"

work=$(mktemp -d "${TMPDIR:-/tmp}/ttymix-diskfull.XXXXXX") || exit 99
work=$(cd "$work" && pwd -P) || exit 99
mounted=
cleanup() {
	if [ -n "$mounted" ]; then
		umount "$mounted" 2>/dev/null || umount -l "$mounted" 2>/dev/null
	fi
	rm -rf "$work"
}
trap cleanup EXIT
trap 'exit 1' INT TERM HUP

failures=0
fail() {
	echo "disk_full: FAIL: $*"
	failures=$((failures + 1))
}
show() { sed 's/^/    | /' "$1" | head -n 10; }

# 5 s of stereo noise at 48 kHz: a 24-bit WAV render is about 1.4 MB
sox -R -n -r 48000 -c 2 -b 16 "$work/noise.wav" synth 5 whitenoise gain -20 ||
	missing "sox could not make the input"
"$TTYMIX" new "$work/proj" "$work/noise.wav" >/dev/null 2>"$work/new.err" || {
	show "$work/new.err"
	echo "disk_full: FAIL: ttymix new failed"
	exit 1
}

# expect_fail NAME OUT SUBSTRING [ENV...]: render to OUT must exit 1 with exactly one
# line on stderr naming OUT and saying SUBSTRING, and leave no OUT behind.
expect_fail() {
	name=$1 out=$2 sub=$3
	shift 3
	env "$@" timeout 120 "$TTYMIX" render "$work/proj" -o "$out" >"$work/out" 2>"$work/err"
	rc=$?
	lines=$(wc -l <"$work/err" | tr -d ' ')
	if [ "$rc" -ne 1 ]; then
		fail "$name: exit status $rc, expected 1"
		show "$work/err"
	elif [ "$lines" -ne 1 ]; then
		fail "$name: $lines lines on stderr, expected exactly one"
		show "$work/err"
	elif ! grep -q -F -e "$out" "$work/err"; then
		fail "$name: the line does not name $out"
		show "$work/err"
	elif ! grep -q -i -F -e "$sub" "$work/err"; then
		fail "$name: the line does not say \"$sub\""
		show "$work/err"
	else
		echo "disk_full: $name: $(cat "$work/err")"
	fi
	if [ -e "$out" ]; then
		fail "$name: a partial file was left behind: $(ls -l "$out")"
	fi
}

# ---- a full disk ----
full=$work/full
mkdir "$full" || exit 99
method=shim
if [ "${TTYMIX_DISK_FULL_SHIM:-0}" != 1 ] && [ "$(id -u)" = 0 ] &&
	mount -t tmpfs -o size=200k tmpfs "$full" 2>"$work/mount.err"; then
	mounted=$full
	method=tmpfs
fi
if [ "$method" = tmpfs ]; then
	echo "disk_full: a real full disk: a 200 KB tmpfs at $full"
	for fmt in wav flac; do
		expect_fail "tmpfs $fmt" "$full/mix.$fmt" "no space left on device"
		left=$(ls -A "$full")
		[ -z "$left" ] || fail "tmpfs $fmt: files left on the full disk: $left"
	done
	umount "$full" || fail "could not unmount $full"
	mounted=
else
	[ -f "$SHIM" ] || { echo "disk_full: FAIL: $SHIM is missing (make check builds it)"; exit 99; }
	echo "disk_full: no tmpfs here; a full disk played by $SHIM after $LIMIT_BYTES bytes"
	# the shim is not built with the sanitizers; in a sanitizer build it must still be
	# allowed in front of the runtime
	for fmt in wav flac; do
		expect_fail "enospc.so $fmt" "$full/mix.$fmt" "no space left on device" \
			LD_PRELOAD="$SHIM" ENOSPC_MATCH="$full/" ENOSPC_AFTER=$LIMIT_BYTES \
			ASAN_OPTIONS="${ASAN_OPTIONS:+$ASAN_OPTIONS:}verify_asan_link_order=0"
	done
fi

# ---- paths that cannot be written ----
expect_fail "a folder that cannot exist" /proc/nope/x.wav "/proc/nope/x.wav"
printf 'not a folder\n' >"$work/plain"
expect_fail "a path under a regular file" "$work/plain/x.wav" "not a directory"
expect_fail "a missing folder" "$work/no/such/dir/x.wav" "no such file or directory"

# ---- and the same render where there is room works ----
timeout 120 "$TTYMIX" render "$work/proj" -o "$work/ok.wav" >/dev/null 2>"$work/err" ||
	fail "a render with room to spare failed: $(cat "$work/err")"
[ -s "$work/ok.wav" ] || fail "a render with room to spare wrote nothing"
size=$(wc -c <"$work/ok.wav" | tr -d ' ')
[ "$size" -gt $((LIMIT_BYTES * 2)) ] ||
	fail "the render is only $size bytes: too small to fill the $LIMIT_BYTES-byte disk"

# ---- the disk fills in the last frames, which wait in the writer's buffer until the
# file is closed (libsndfile's own seeks at close write them out, and it checks no
# result there): the render must fail with one line and leave no short file ----
# (ulimit -f counts KB; SIGXFSZ ignored, a write past the limit fails with EFBIG)
# expect_cut PROJ NAME SIZE WHAT: PROJ rendered to NAME under a limit 4 KB short of
# SIZE fails with one line naming NAME, and leaves no NAME
expect_cut() {
	limit_kb=$(( ($3 - 4096) / 1024 ))
	if (trap '' XFSZ; ulimit -f "$limit_kb" &&
		exec timeout 120 "$TTYMIX" render "$1" -o "$work/$2" >/dev/null \
			2>"$work/err"); then
		fail "$4, cut 4 KB short of its $3 bytes, said it was done"
	fi
	grep -q "$2: .*[Ff]ile too large" "$work/err" ||
		fail "$4: no line naming the file cut short: $(cat "$work/err")"
	[ "$(grep -c . "$work/err")" -eq 1 ] || fail "$4: more than one line: $(cat "$work/err")"
	[ ! -e "$work/$2" ] || fail "$4: a short $2 was left in place"
}
expect_cut "$work/proj" cut.wav "$size" "a render"

# ---- the same where the render ends in digital silence: the writer leaves whole
# blocks of zeros as holes and stretches the file over them at the end (audio/media.c),
# and that stretch is what goes past the limit: one line, no file. The render is made
# to end on a whole 64 KB block of zeros (its header measured on a first render), so
# no last partial block is written out to lengthen the file first ----
quiet_render() { # quiet_render FRAMES NAME: 1 s of noise, then silence, FRAMES in all
	sox -D -R -n -r 48000 -c 2 -b 16 "$work/$2.wav" synth 1 whitenoise gain -20 pad 0 10 \
		trim 0 "$1"s || missing "sox could not make the input"
	"$TTYMIX" new "$work/$2" "$work/$2.wav" >/dev/null 2>&1 || fail "ttymix new ($2) failed"
	timeout 120 "$TTYMIX" render "$work/$2" -o "$work/$2-out.wav" >/dev/null 2>"$work/err" ||
		fail "the render ending in silence failed: $(cat "$work/err")"
}
quiet_render 288000 q1
header=$(( $(wc -c <"$work/q1-out.wav" | tr -d ' ') - 288000 * 6 ))
# the fewest frames from 6 s on that end the file on a multiple of 64 KB
frames=$(python3 -c 'import sys
h = int(sys.argv[1])
print(next(f for f in range(288000, 288000 + 65536) if (h + 6 * f) % 65536 == 0))' "$header") ||
	fail "no length ends a render with a $header-byte header on 64 KB"
quiet_render "$frames" q2 # a name as long as q1: the header holds it
qsize=$(wc -c <"$work/q2-out.wav" | tr -d ' ')
[ $((qsize % 65536)) -eq 0 ] || fail "the render is $qsize bytes, not whole 64 KB blocks"
# shellcheck disable=SC2012
qdisk=$(( $(ls -s "$work/q2-out.wav" | awk '{ print $1 }') * 1024 ))
[ "$qdisk" -lt $((qsize / 2)) ] ||
	fail "a render of 1 s of sound and 5 s of silence takes $qdisk of its $qsize bytes on the disk (no holes)"
expect_cut "$work/q2" qcut.wav "$qsize" "a render ending in a hole"

if [ "$failures" -ne 0 ]; then
	echo "disk_full: $failures failures"
	exit 1
fi
echo "disk_full: PASS ($method)"
exit 0
