#!/bin/sh
# Run the ring stress test (built with -fsanitize=thread) so that any ThreadSanitizer
# report fails it: TSan stops at the first report and exits with 66 (ours come last,
# so they win over any options already in the environment).
TSAN_OPTIONS="${TSAN_OPTIONS:+$TSAN_OPTIONS:}halt_on_error=1:exitcode=66"
export TSAN_OPTIONS
exec "${top_builddir:-.}/tests/ring_stress" "$@"
