# tests/: the audio-thread safety check (an LD_PRELOAD library plus a program that
# works the engine hard) and real playback through a JACK server, compared sample for
# sample with an offline render.

# rtcheck.so is a preload, not a program: a shared object built without libtool. It
# links nothing of ours, and no sanitizer (its malloc would fight the sanitizer's; the
# test scripts skip it in sanitizer builds).
check_PROGRAMS += tests/rtcheck.so tests/rt_safety tests/align_compare
tests_rtcheck_so_SOURCES = tests/rtcheck.c
tests_rtcheck_so_CFLAGS = -std=c11 -g -O2 $(WARN_CFLAGS) -fPIC
tests_rtcheck_so_LDFLAGS = -shared -fPIC
tests_rtcheck_so_LDADD = -ldl

tests_rt_safety_SOURCES = tests/rt_safety.c
tests_rt_safety_LDADD = $(TTYMIX_TEST_LIBS)

tests_align_compare_SOURCES = tests/align_compare.c
tests_align_compare_LDADD = $(TTYMIX_TEST_LIBS)

TESTS += tests/rt_safety.sh tests/jack_playback.sh
EXTRA_DIST += tests/rt_safety.sh tests/jack_playback.sh
