/* DSP_HOT: a hot DSP loop compiled twice, for the plain x86-64 baseline and for
 * x86-64-v3 (AVX2 and FMA), the copy to run picked once when the program loads (GNU
 * ifunc, through the compiler's target_clones). Debian builds for the baseline, and the
 * loops that carry a mix (EQ cascades, dynamics, reverb) run about twice as fast with
 * fused multiply-adds and wide vectors on the machines that have them.
 *
 * Put it on the few functions that run per frame (not on small helpers: a cloned
 * function is called through a pointer and is never inlined). The helpers they call
 * must be always_inline: GCC 12 may otherwise call a baseline copy of a helper out of
 * line, and may leave out the vzeroupper on the way back, which slows every SSE
 * instruction after it. Fused multiply-adds need DSP_FUSED as well (below). The two
 * copies may round differently, never by more than the last bit of a float; one
 * machine always runs the same copy, so renders and playback stay sample-identical
 * there.
 *
 * A machine with AVX2 never runs the baseline copy: make check runs the DSP tests a
 * second time against it (tests/baseline.mk, built with TTYMIX_NO_CLONES); a new file
 * with a DSP_HOT loop goes in its list (tests/baseline_noavx.sh checks).
 *
 * Thread: any; no state. */
#ifndef TTYMIX_DSP_HOT_H
#define TTYMIX_DSP_HOT_H

/* ThreadSanitizer instruments the resolver that picks the copy, and the resolver runs
 * while the program is still being relocated, before that runtime is up: a TSan build
 * gets one copy (crashed at start before) */
#if defined(__has_feature)
#if __has_feature(thread_sanitizer)
#define TTYMIX_TSAN 1
#endif
#endif
#if defined(__SANITIZE_THREAD__)
#define TTYMIX_TSAN 1
#endif

#if defined(__x86_64__) && defined(__ELF__) && defined(__GNUC__) && \
	!defined(TTYMIX_NO_CLONES) && !defined(TTYMIX_TSAN)
#define DSP_HOT __attribute__((target_clones("arch=x86-64-v3", "default")))
#define DSP_CLONES 1   /* code may ask which copy runs (__builtin_cpu_supports) */
#else
#define DSP_HOT
#endif

/* Whether the x86-64-v3 copy runs (in a DSP_HOT function: which copy this is), for
 * loops that want vectors of four doubles there and of two in the baseline copy, which
 * has no register for four and keeps them in memory. One machine always gets the same
 * answer. */
static inline int dsp_wide(void)
{
#if defined(__AVX__)
	return 1;
#elif defined(DSP_CLONES) && !defined(__clang__)
	return __builtin_cpu_supports("x86-64-v3");
#else
	return 0;
#endif
}

/* DSP_FUSED: let GCC fuse a * b + c into one multiply-add in this function (with
 * DSP_HOT: in the x86-64-v3 copy, which has FMA). The build's -std=c11 turns GCC's
 * contraction off everywhere, so DSP_HOT alone gives AVX2 but no FMA. A fused result is
 * rounded once instead of twice; the baseline copy has no FMA and stays as it was. Clang
 * contracts within an expression by default, and has no such attribute.
 *
 * GCC 12 also leaves out the vzeroupper of a static DSP_HOT function that calls another
 * function of its file which is not inlined (its registers being known, ipa-ra): the
 * baseline code that runs after it then pays for the dirty upper halves of the AVX
 * registers (a render took twice as long). Make what a DSP_HOT function calls
 * always_inline, or check the copy for vzeroupper (objdump -d). */
#if defined(__GNUC__) && !defined(__clang__)
#define DSP_FUSED __attribute__((optimize("fp-contract=fast")))
#else
#define DSP_FUSED
#endif

#endif
