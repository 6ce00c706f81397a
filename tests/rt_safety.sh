#!/bin/sh
# The audio-thread contract, checked: tests/rt_safety works the engine hard on the null
# driver's real-time thread while tests/rtcheck.so (preloaded) aborts on any malloc,
# free, lock, file I/O, printing or sleep made inside engine_process_rt. First prove
# that the check can fail at all, then run the workout and insist that the check saw
# audio callbacks.
set -u

: "${top_builddir:?run me through make check}"
RTCHECK=$top_builddir/tests/rtcheck.so
PROG=$top_builddir/tests/rt_safety

if [ -n "${TTYMIX_SANITIZED:-}" ]; then
	# A second pass of the whole suite under ASan/TSan: their allocators and an
	# LD_PRELOADed malloc cannot share a process, so the plain build runs the check.
	# Here the same workout (graph swaps, locates, loops, edits on a real audio thread)
	# runs under the sanitizer alone, which finds memory and threading errors instead.
	"$PROG" >"${TMPDIR:-/tmp}/rt_safety.$$.out" 2>&1
	status=$?
	cat "${TMPDIR:-/tmp}/rt_safety.$$.out"
	rm -f "${TMPDIR:-/tmp}/rt_safety.$$.out"
	if [ "$status" -ne 0 ]; then
		echo "rt_safety: FAIL: the workout under $TTYMIX_SANITIZED exited with $status"
		exit 1
	fi
	echo "rt_safety: PASS: workout clean under $TTYMIX_SANITIZED (the rtcheck preload runs" \
		"in the plain build)"
	exit 0
fi
for f in "$RTCHECK" "$PROG"; do
	if [ ! -f "$f" ]; then
		echo "rt_safety: FAIL: $f is missing (make check builds it)"
		exit 99
	fi
done

work=$(mktemp -d "${TMPDIR:-/tmp}/rt_safety.XXXXXX") || exit 99
trap 'rm -rf "$work"' EXIT
# no core files from the deliberate abort below
ulimit -c 0 2>/dev/null

# 1. A check that cannot fail proves nothing: a malloc inside a marked region must abort
#    with the violation line.
LD_PRELOAD=$RTCHECK "$PROG" --selftest-violation >"$work/self.out" 2>"$work/self.err"
status=$?
cat "$work/self.err"
if [ "$status" -lt 128 ]; then
	echo "rt_safety: FAIL: the self-test exited with $status; rtcheck.so did not abort on" \
		"malloc inside the audio callback"
	exit 1
fi
if ! grep -q '^rtcheck: violation: malloc()' "$work/self.err"; then
	echo "rt_safety: FAIL: the self-test died (status $status) without the violation line"
	exit 1
fi
echo "rt_safety: self-test: malloc inside the marked region aborted as it must"

# 2. The workout, under the check.
LD_PRELOAD=$RTCHECK "$PROG" >"$work/run.out" 2>"$work/run.err"
status=$?
cat "$work/run.out" "$work/run.err"
if grep -q '^rtcheck: violation' "$work/run.err"; then
	echo "rt_safety: FAIL: the audio thread broke the real-time contract (line above)"
	exit 1
fi
if [ "$status" -ne 0 ]; then
	echo "rt_safety: FAIL: rt_safety exited with status $status"
	exit 1
fi
summary=$(grep '^rtcheck: [0-9]* audio callbacks checked, 0 violations$' "$work/run.err")
if [ -z "$summary" ]; then
	echo "rt_safety: FAIL: no rtcheck summary line: was rtcheck.so loaded at all?"
	exit 1
fi
callbacks=$(echo "$summary" | sed 's/^rtcheck: \([0-9]*\) .*/\1/')
if [ "$callbacks" -eq 0 ]; then
	echo "rt_safety: FAIL: rtcheck saw no audio callback: the check never ran" \
		"(is audio/rtguard.c calling ttymix_rtcheck_mark?)"
	exit 1
fi
echo "rt_safety: PASS: $callbacks audio callbacks checked, no violation"
exit 0
