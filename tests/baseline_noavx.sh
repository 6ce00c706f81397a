#!/bin/sh
# The *_baseline_test programs (tests/baseline.mk) must run the DSP loops' baseline
# copies, or they test nothing new: their DSP objects, compiled with TTYMIX_NO_CLONES,
# must be the ones linked, not libttymix.a's. Disassembled, such a program has no
# x86-64-v3 clone (nm) and no instruction on a ymm register anywhere (objdump -d; the
# rest of libttymix.a is built for the baseline too). To show the check sees AVX code
# when it is there, the ordinary tests/fx_block_test must carry the clones and ymm
# instructions (except under ThreadSanitizer, whose build has no clones). And every
# source that uses DSP_HOT must be in the baseline library's list.
set -u
TEST=baseline_noavx
bld=${top_builddir:-.}
skip() {
	if [ "${TTYMIX_REQUIRE_ALL:-0}" = 1 ]; then
		echo "$TEST: FAIL: $1 (TTYMIX_REQUIRE_ALL=1)"
		exit 99
	fi
	echo "$TEST: SKIP: $1"
	exit 77
}
command -v objdump >/dev/null && command -v nm >/dev/null || skip "objdump or nm missing (binutils)"
case $(objdump -f "$bld/tests/fx_block_test" 2>/dev/null) in
*elf64-x86-64*) ;;
*) skip "not an x86-64 build: no clones to check" ;;
esac

# ymm FILE: "function: instruction" for each instruction on a ymm register
ymm() {
	objdump -d --no-show-raw-insn "$1" |
		awk '/^[0-9a-f]+ <.*>:$/ { fn = $2 } /%ymm/ { print fn " " $0 }'
}

bad=0
# every source with a DSP_HOT loop is in the baseline library (a new one would run its
# AVX2 copy there, and the check below sees it only if these tests happen to link it)
src=${top_srcdir:-.}
for f in $(cd "$src" && grep -l 'DSP_HOT' audio/*.c audio/*/*.c src/*.c src/*/*.c 2>/dev/null); do
	grep -qF "$f" "$src/tests/baseline.mk" || {
		echo "$TEST: FAIL: $f uses DSP_HOT but is not in tests_libdsp_baseline_a_SOURCES"
		bad=1
	}
done
for t in fx_block fx fx_guard limiter_guard truepeak pcm; do
	p=$bld/tests/${t}_baseline_test
	[ -x "$p" ] || { echo "$TEST: FAIL: $p is missing (make check builds it)"; exit 99; }
	clones=$(nm "$p" | grep -c 'arch_x86_64_v3')
	wide=$(ymm "$p")
	if [ "$clones" -ne 0 ] || [ -n "$wide" ]; then
		echo "$TEST: FAIL: $p links AVX code ($clones x86-64-v3 symbols):"
		nm "$p" | grep 'arch_x86_64_v3' | head -5
		printf '%s\n' "$wide" | head -5
		bad=1
	fi
done

case ${TTYMIX_SANITIZED:-} in
*thread*) echo "$TEST: ThreadSanitizer build: no clones in the ordinary tests to compare" ;;
*)
	p=$bld/tests/fx_block_test
	clones=$(nm "$p" | grep -c 'arch_x86_64_v3')
	wide=$(ymm "$p" | wc -l)
	echo "$TEST: $p: $clones x86-64-v3 symbols, $wide ymm instructions"
	if [ "$clones" -eq 0 ] || [ "$wide" -eq 0 ]; then
		echo "$TEST: FAIL: the ordinary build shows no AVX2 copy: the check above proves nothing"
		bad=1
	fi
	;;
esac
[ $bad -eq 0 ] && echo "$TEST: PASS: the baseline tests carry no AVX code"
exit $bad
