# tests/: each topic keeps its part in its own fragment.
# (import_test calls libsoxr itself, which the program only opens at run time)
TTYMIX_TEST_LIBS = $(TTYMIX_LIBS) $(CMOCKA_LIBS) $(SOXR_LIBS)
# for tests that must link without ui/ and ncurses (the headless studio)
TTYMIX_CORE_TEST_LIBS = $(TTYMIX_CORE_LIBS) $(CMOCKA_LIBS) $(SOXR_LIBS)
# the one thread a lost JACK server leaves behind (AM_TESTS_ENVIRONMENT, TSan builds)
EXTRA_DIST += tests/tsan.supp
# first: the longest tests start first
include tests/order.mk
include tests/golden.mk
include tests/loudness.mk
include tests/ebu.mk
include tests/ring.mk
include tests/rt.mk
include tests/corpus.mk
include tests/ui.mk
include tests/peaks.mk
include tests/mastering.mk
include tests/cmdline.mk
include tests/fuzz.mk
include tests/faultio.mk
include tests/studio.mk
include tests/fx.mk
include tests/fx_block.mk
include tests/faults.mk
include tests/routing.mk
include tests/master.mk
include tests/reliability.mk
include tests/auto.mk
include tests/edit.mk
include tests/pitch.mk
include tests/album.mk
include tests/teach.mk
include tests/monitor.mk
include tests/swap.mk
include tests/trust.mk
include tests/trust_render.mk
include tests/trust_text.mk
include tests/trust_keys.mk
include tests/trust_autosave.mk
include tests/trust_files.mk
include tests/trust_media.mk
include tests/layers.mk
include tests/clean.mk
include tests/model.mk
include tests/keys.mk
include tests/jobs.mk
include tests/stream.mk
include tests/stream_page.mk
include tests/master_page.mk
include tests/tempo.mk
include tests/many.mk
include tests/text.mk
include tests/dense.mk
include tests/chain.mk
include tests/proj.mk
include tests/help.mk
include tests/gloss.mk
include tests/rest.mk
include tests/pdc.mk
include tests/projects.mk
include tests/mouse.mk

# The tests' own XDG homes (command history, rc files) are made by the
# tests, so clean removes them: distcheck finds nothing left behind.
clean-local: clean-local-xdg
clean-local-xdg:
	rm -rf tests/tmp-xdg tests/tmp-xdg-config
.PHONY: clean-local-xdg
include tests/spec.mk
include tests/lv2.mk
include tests/import.mk
include tests/lessons.mk
include tests/jack.mk
include tests/carry.mk
include tests/ear.mk
include tests/lessons2.mk
include tests/lv2fin.mk
include tests/perfdsp.mk
include tests/match.mk
include tests/record.mk
include tests/review.mk
include tests/sidechain.mk
include tests/perfio.mk
include tests/recfin.mk
include tests/matchab.mk
include tests/lazylib.mk
include tests/prefetch.mk
include tests/baseline.mk
