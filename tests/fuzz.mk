# tests/: fuzzing the project loader and media opening (tests/fuzz/).
#
# `make check` replays the saved corpus (tests/fuzz/corpus/{project,media}) through the
# same LLVMFuzzerTestOneInput functions, built with the normal compiler and linked with
# libttymix.a (so distcheck's ASan+UBSan build replays it under the sanitizers too).
#
# `make fuzz` (not part of check) builds the libFuzzer targets with clang straight from
# the sources (libttymix.a is built without coverage instrumentation) and runs each for
# FUZZ_SECONDS. New inputs go to tests/fuzz/run/<target>/, crashes to
# tests/fuzz/run/<target>-crash-*; `make fuzz-merge` then adds the new inputs that
# reach new code to the saved corpus (minimised by coverage; keep it small). Needs clang
# and its runtime (Debian: clang-14 libclang-rt-14-dev); override with FUZZ_CC=...
check_PROGRAMS += tests/fuzz/project_replay tests/fuzz/media_replay
FUZZ_REPLAY_SRC = tests/fuzz/replay.c tests/fuzz/fuzz_util.c tests/fuzz/fuzz_util.h
tests_fuzz_project_replay_SOURCES = $(FUZZ_REPLAY_SRC) tests/fuzz/project_fuzzer.c
tests_fuzz_project_replay_LDADD = $(TTYMIX_LIBS)
tests_fuzz_media_replay_SOURCES = $(FUZZ_REPLAY_SRC) tests/fuzz/media_fuzzer.c
tests_fuzz_media_replay_LDADD = $(TTYMIX_LIBS)
TESTS += tests/fuzz/replay.sh
EXTRA_DIST += tests/fuzz/replay.sh tests/fuzz/lsan.supp

# The corpus is many small files with hash names: copied as a folder, not listed.
dist-hook: fuzz-dist-corpus
fuzz-dist-corpus:
	$(MKDIR_P) $(distdir)/tests/fuzz/corpus
	cp -pR $(srcdir)/tests/fuzz/corpus/project $(srcdir)/tests/fuzz/corpus/media \
		$(distdir)/tests/fuzz/corpus/

FUZZ_CC = clang
FUZZ_SECONDS = 120
FUZZ_CFLAGS = -std=c11 -g -O1 -fno-omit-frame-pointer \
	-fsanitize=fuzzer,address,undefined -fno-sanitize-recover=undefined \
	-I$(top_srcdir) -I$(top_builddir) -D_GNU_SOURCE \
	$(WARN_CFLAGS) $(SNDFILE_CFLAGS) $(CJSON_CFLAGS) $(SOXR_CFLAGS) $(LILV_CFLAGS) $(LV2_CFLAGS)
FUZZ_COMMON = $(srcdir)/tests/fuzz/fuzz_util.c $(srcdir)/src/base/err.c
# the loader checks inserts against the effect table: every effect comes along (a shell
# glob in the recipe, so that a new effect needs no edit here)
FUZZ_PROJECT_SRC = $(srcdir)/tests/fuzz/project_fuzzer.c $(FUZZ_COMMON) \
	$(srcdir)/src/project_json.c $(srcdir)/src/project_save.c $(srcdir)/src/project.c \
	$(srcdir)/src/project_keep.c \
	$(srcdir)/src/project_route.c $(srcdir)/src/project_auto.c $(srcdir)/src/project_limits.c \
	$(srcdir)/src/control.c $(srcdir)/src/base/diag.c $(srcdir)/src/base/text.c \
	$(srcdir)/src/base/safefile.c $(srcdir)/src/jtree.c $(srcdir)/src/base/xalloc.c
# and "lv2" inserts look their plug-in up through audio/lv2/ (lilv)
FUZZ_FX_GLOB = $(srcdir)/audio/fx/*.c $(srcdir)/audio/lv2/*.c $(srcdir)/src/base/dl.c \
	$(srcdir)/audio/ring.c \
	$(srcdir)/audio/rtguard.c
FUZZ_MEDIA_SRC = $(srcdir)/tests/fuzz/media_fuzzer.c $(FUZZ_COMMON) \
	$(srcdir)/audio/media.c $(srcdir)/audio/pcm.c $(srcdir)/audio/soxr_dl.c \
	$(srcdir)/src/base/dl.c
# project.json files are small; audio needs room for a few codec frames
FUZZ_PROJECT_MAX_LEN = 16384
FUZZ_MEDIA_MAX_LEN = 32768
FUZZ_RUN = tests/fuzz/run
FUZZ_ENV = LSAN_OPTIONS=suppressions=$(abs_top_srcdir)/tests/fuzz/lsan.supp:print_suppressions=0 \
	UBSAN_OPTIONS=print_stacktrace=1

# rebuilt on every `make fuzz` (a few seconds): the glob above is not a prerequisite
$(FUZZ_RUN)/project_fuzzer: $(FUZZ_PROJECT_SRC) config.h fuzz-force
	$(MKDIR_P) $(FUZZ_RUN)
	$(FUZZ_CC) $(FUZZ_CFLAGS) -o $@ $(FUZZ_PROJECT_SRC) $(FUZZ_FX_GLOB) $(CJSON_LIBS) $(LILV_LIBS) -lm
$(FUZZ_RUN)/media_fuzzer: $(FUZZ_MEDIA_SRC) config.h fuzz-force
	$(MKDIR_P) $(FUZZ_RUN)
	$(FUZZ_CC) $(FUZZ_CFLAGS) -o $@ $(FUZZ_MEDIA_SRC) $(SNDFILE_LIBS) $(SOXR_LIBS) -lm

fuzz-force:
fuzz-build: $(FUZZ_RUN)/project_fuzzer $(FUZZ_RUN)/media_fuzzer

# each target: its own new-input folder first (libFuzzer writes there), the saved corpus
# second (only read)
fuzz: fuzz-build
	$(MKDIR_P) $(FUZZ_RUN)/project $(FUZZ_RUN)/media
	$(FUZZ_ENV) $(FUZZ_RUN)/project_fuzzer -max_total_time=$(FUZZ_SECONDS) \
		-max_len=$(FUZZ_PROJECT_MAX_LEN) -timeout=10 -rss_limit_mb=2048 \
		-print_final_stats=1 \
		-artifact_prefix=$(FUZZ_RUN)/project- $(FUZZ_RUN)/project \
		$(srcdir)/tests/fuzz/corpus/project
	$(FUZZ_ENV) $(FUZZ_RUN)/media_fuzzer -max_total_time=$(FUZZ_SECONDS) \
		-max_len=$(FUZZ_MEDIA_MAX_LEN) -timeout=10 -rss_limit_mb=2048 \
		-print_final_stats=1 \
		-artifact_prefix=$(FUZZ_RUN)/media- $(FUZZ_RUN)/media \
		$(srcdir)/tests/fuzz/corpus/media

# Add to the saved corpus only what reaches code it does not already reach.
fuzz-merge: fuzz-build
	$(FUZZ_ENV) $(FUZZ_RUN)/project_fuzzer -merge=1 -max_len=$(FUZZ_PROJECT_MAX_LEN) \
		$(srcdir)/tests/fuzz/corpus/project $(FUZZ_RUN)/project
	$(FUZZ_ENV) $(FUZZ_RUN)/media_fuzzer -merge=1 -max_len=$(FUZZ_MEDIA_MAX_LEN) \
		$(srcdir)/tests/fuzz/corpus/media $(FUZZ_RUN)/media

fuzz-clean:
	rm -rf $(FUZZ_RUN)
clean-local: fuzz-clean

.PHONY: fuzz fuzz-force fuzz-build fuzz-merge fuzz-clean fuzz-dist-corpus
