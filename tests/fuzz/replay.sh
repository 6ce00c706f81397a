#!/bin/sh
# The saved fuzz corpus (tests/fuzz/corpus/), replayed through the fuzz targets' own
# LLVMFuzzerTestOneInput, built with the normal compiler (tests/fuzz.mk): every input
# that once found something, or reaches code the others do not, must still run clean
# (no crash, no sanitizer report; the project round trip still loads).
set -u

: "${top_srcdir:?run me through make check}"
: "${top_builddir:?run me through make check}"
corpus=$top_srcdir/tests/fuzz/corpus

# libsndfile leaks libvorbis's vorbis_info when it gives up on a malformed Ogg file
# (third-party, no handle to free): suppressed exactly, as in tests/corpus.sh.
LSAN_OPTIONS="${LSAN_OPTIONS:+$LSAN_OPTIONS:}suppressions=$top_srcdir/tests/fuzz/lsan.supp:print_suppressions=0"
export LSAN_OPTIONS
ulimit -c 0 2>/dev/null

status=0
for target in project media; do
	prog=$top_builddir/tests/fuzz/${target}_replay
	if [ ! -x "$prog" ]; then
		echo "fuzz_replay: FAIL: $prog is missing (make check builds it)"
		exit 99
	fi
	n=$(find "$corpus/$target" -type f | wc -l)
	if [ "$n" -eq 0 ]; then
		echo "fuzz_replay: FAIL: no inputs in $corpus/$target"
		status=1
		continue
	fi
	if ! timeout 600 "$prog" "$corpus/$target" >"${TMPDIR:-/tmp}/fuzz_replay.$$" 2>&1; then
		echo "fuzz_replay: FAIL: $target corpus:"
		tail -n 40 "${TMPDIR:-/tmp}/fuzz_replay.$$"
		status=1
	elif grep -q -e 'runtime error:' -e 'Sanitizer' "${TMPDIR:-/tmp}/fuzz_replay.$$"; then
		echo "fuzz_replay: FAIL: a sanitizer report on the $target corpus:"
		grep -B2 -A20 -e 'runtime error:' -e 'Sanitizer' "${TMPDIR:-/tmp}/fuzz_replay.$$" | head -n 60
		status=1
	else
		echo "fuzz_replay: $target: $(tail -n 1 "${TMPDIR:-/tmp}/fuzz_replay.$$")"
	fi
	rm -f "${TMPDIR:-/tmp}/fuzz_replay.$$"
done
[ "$status" -eq 0 ] && echo "fuzz_replay: PASS"
exit "$status"
