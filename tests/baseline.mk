# tests/: the DSP loops' baseline copies (issue 23, goal 4). A DSP_HOT loop
# (audio/dsp/hot.h) is compiled twice and the copy picked when the program loads; a
# machine with AVX2 (CI's, the developers') only ever runs the x86-64-v3 copy, so the
# baseline one (plain x86-64, SSE2) went untested. The DSP sources that use DSP_HOT are
# compiled again with TTYMIX_NO_CLONES (DSP_HOT empty: only the baseline code) into a
# library of their own, linked whole ahead of libttymix.a: its objects define every
# symbol of those files, so the linker never takes libttymix.a's copies. The DSP tests
# are linked a second time against it. tests/baseline_noavx.sh proves the programs carry
# no AVX code (no ymm register, no x86-64-v3 clone).
check_LIBRARIES = tests/libdsp_baseline.a
tests_libdsp_baseline_a_SOURCES = audio/fx/eq.c audio/fx/dynamics.c audio/fx/reverb.c \
	audio/fx/limiter.c audio/truepeak.c audio/pcm.c
tests_libdsp_baseline_a_CPPFLAGS = $(AM_CPPFLAGS) -DTTYMIX_NO_CLONES
# --whole-archive: a plain archive would give only the members asked for at its place
# on the line, and the test's own objects ask for none of them (fx.c, in libttymix.a,
# does). Linker flags, so in LDFLAGS (automake refuses them in LDADD), which come
# before the objects and LDADD: all the library's symbols are defined before
# libttymix.a is searched.
TTYMIX_BASELINE_LINK = $(AM_LDFLAGS) \
	-Wl,--whole-archive tests/libdsp_baseline.a -Wl,--no-whole-archive
TTYMIX_BASELINE_DEPS = tests/libdsp_baseline.a libttymix_ui.a libttymix.a

TTYMIX_BASELINE_TESTS = tests/fx_block_baseline_test tests/fx_baseline_test \
	tests/fx_guard_baseline_test tests/limiter_guard_baseline_test \
	tests/truepeak_baseline_test tests/pcm_baseline_test
check_PROGRAMS += $(TTYMIX_BASELINE_TESTS)
TESTS += $(TTYMIX_BASELINE_TESTS)

tests_fx_block_baseline_test_SOURCES = tests/fx_block_test.c
tests_fx_block_baseline_test_CFLAGS = $(AM_CFLAGS) $(CMOCKA_CFLAGS)
tests_fx_block_baseline_test_LDFLAGS = $(TTYMIX_BASELINE_LINK)
tests_fx_block_baseline_test_LDADD = $(TTYMIX_TEST_LIBS)
tests_fx_block_baseline_test_DEPENDENCIES = $(TTYMIX_BASELINE_DEPS)

tests_fx_baseline_test_SOURCES = tests/fx_test.c tests/test_util.c tests/test_util.h
tests_fx_baseline_test_CFLAGS = $(AM_CFLAGS) $(CMOCKA_CFLAGS)
tests_fx_baseline_test_LDFLAGS = $(TTYMIX_BASELINE_LINK)
tests_fx_baseline_test_LDADD = $(TTYMIX_TEST_LIBS)
tests_fx_baseline_test_DEPENDENCIES = $(TTYMIX_BASELINE_DEPS)

# within -150.5 dBFS of tests/golden/fx_guard.f32 (made with the AVX2 copies); the
# limit stays -120
tests_fx_guard_baseline_test_SOURCES = tests/fx_guard_test.c tests/test_util.c \
	tests/test_util.h
tests_fx_guard_baseline_test_CFLAGS = $(AM_CFLAGS) $(CMOCKA_CFLAGS)
tests_fx_guard_baseline_test_LDFLAGS = $(TTYMIX_BASELINE_LINK)
tests_fx_guard_baseline_test_LDADD = $(TTYMIX_TEST_LIBS)
tests_fx_guard_baseline_test_DEPENDENCIES = $(TTYMIX_BASELINE_DEPS)

# the same fingerprint as the AVX2 copy: the detector has no fused multiply-add
tests_limiter_guard_baseline_test_SOURCES = tests/limiter_guard_test.c
tests_limiter_guard_baseline_test_CFLAGS = $(AM_CFLAGS) $(CMOCKA_CFLAGS)
tests_limiter_guard_baseline_test_LDFLAGS = $(TTYMIX_BASELINE_LINK)
tests_limiter_guard_baseline_test_LDADD = $(TTYMIX_TEST_LIBS)
tests_limiter_guard_baseline_test_DEPENDENCIES = $(TTYMIX_BASELINE_DEPS)

# bit for bit with libebur128, as the AVX2 copy
tests_truepeak_baseline_test_SOURCES = tests/truepeak_test.c
tests_truepeak_baseline_test_CFLAGS = $(AM_CFLAGS) $(CMOCKA_CFLAGS)
tests_truepeak_baseline_test_LDFLAGS = $(TTYMIX_BASELINE_LINK)
tests_truepeak_baseline_test_LDADD = $(TTYMIX_TEST_LIBS)
tests_truepeak_baseline_test_DEPENDENCIES = $(TTYMIX_BASELINE_DEPS)

# the raw path's baseline copies: the same bytes and floats as libsndfile's
tests_pcm_baseline_test_SOURCES = tests/pcm_test.c tests/test_util.c tests/test_util.h
tests_pcm_baseline_test_CFLAGS = $(AM_CFLAGS) $(CMOCKA_CFLAGS)
tests_pcm_baseline_test_LDFLAGS = $(TTYMIX_BASELINE_LINK)
tests_pcm_baseline_test_LDADD = $(TTYMIX_TEST_LIBS)
tests_pcm_baseline_test_DEPENDENCIES = $(TTYMIX_BASELINE_DEPS)

TESTS += tests/baseline_noavx.sh
EXTRA_DIST += tests/baseline_noavx.sh
