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
# Needs sox (to make the input). Without it the test skips, except under
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

if [ "$failures" -ne 0 ]; then
	echo "disk_full: $failures failures"
	exit 1
fi
echo "disk_full: PASS ($method)"
exit 0
