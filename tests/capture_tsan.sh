#!/bin/sh
# tests/capture_test built with -fsanitize=thread: any ThreadSanitizer report fails it
# (TSan stops at the first and exits with 66).
TSAN_OPTIONS="${TSAN_OPTIONS:+$TSAN_OPTIONS:}halt_on_error=1:exitcode=66"
export TSAN_OPTIONS
exec "${top_builddir:-.}/tests/capture_tsan" "$@"
