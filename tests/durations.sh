#!/bin/sh
# After `make check`: how long each test ran, the slowest first, and the span from the
# first test's start to the last one's end. A test's .log is made when it starts and
# last written when it ends, so its birth and modification times bound its run (on a
# file system without birth times it says so and prints nothing). What it shows decides
# the order of tests/order.mk: under make -j, a long test started late is the run's tail.
#
#   tests/durations.sh [BUILDDIR [COUNT]]   (default: ., 20)
set -u
dir=${1:-.}
count=${2:-20}
logs=$(ls "$dir"/tests/*.log "$dir"/tests/*/*.log 2>/dev/null | grep -v '/test-suite\.log$')
[ -n "$logs" ] || { echo "durations: no test logs under $dir/tests (run make check first)"; exit 1; }
# shellcheck disable=SC2086 # the file names have no spaces
times=$(stat -c '%.3W %.3Y %n' $logs | awk '$1 > 0')
[ -n "$times" ] || { echo "durations: this file system keeps no birth times"; exit 1; }
echo "$times" | awk '{ printf "%8.1f s  %s\n", $2 - $1, $3 }' | sort -rn | head -n "$count"
echo "$times" | awk '
	{ if (NR == 1 || $1 < first) first = $1; if ($2 > last) last = $2; sum += $2 - $1 }
	END { printf "%d tests, %.0f s of test time, %.0f s from the first start to the last end\n",
		NR, sum, last - first }'
