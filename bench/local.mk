# bench/: benchmarks against peers; not part of make check. Run them by hand on a built
# tree (bench/README): they print figures, they do not pass or fail.
noinst_PROGRAMS += bench/gen_tracks
bench_gen_tracks_SOURCES = bench/gen_tracks.c
bench_gen_tracks_LDADD = $(TTYMIX_LIBS)
# the UI thread's share of an autosave on a big project (issue 15, fault 14)
noinst_PROGRAMS += bench/autosave_tick
bench_autosave_tick_SOURCES = bench/autosave_tick.c
bench_autosave_tick_LDADD = $(TTYMIX_LIBS)
EXTRA_DIST += bench/mix.sh bench/dsp_load.sh bench/README bench/soak.sh bench/ui_figures.sh \
	bench/fx_chain.sh bench/stream.sh bench/keys.sh bench/classroom.sh bench/lv2.sh \
	bench/match.sh
# issue 23: the realistic session (MIDI parts through fluidsynth) and RSS against length
EXTRA_DIST += bench/session.sh bench/session_song.py bench/rss_length.sh bench/rss_where.py
# what the machine does to a JACK client of fixed work: bench/dsp_load.sh's yardstick
noinst_PROGRAMS += bench/jack_probe
bench_jack_probe_SOURCES = bench/jack_probe.c
bench_jack_probe_LDADD = $(JACK_LIBS)
