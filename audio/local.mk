# audio/: the engine, rings, drivers, media, DSP.
libttymix_a_SOURCES += \
	audio/ring.c audio/ring.h audio/cmd.h \
	audio/engine.c audio/engine.h audio/engine_priv.h audio/idle.c audio/disk.c \
	audio/strip_tap.c audio/strip_tap.h \
	audio/graph.c audio/graph.h audio/graph_key.c audio/graph_key.h audio/pdc.c audio/pdc.h \
	audio/rtguard.c audio/rtguard.h \
	audio/media.c audio/media.h audio/pcm.c audio/pcm.h audio/soxr_dl.c audio/soxr_dl.h \
	audio/capture.c audio/capture.h \
	audio/driver.c audio/driver.h audio/driver_pa.c audio/driver_null.c \
	audio/driver_jack.c audio/driver_jack.h audio/jack_dl.c audio/jack_dl.h \
	audio/outtap.c audio/outtap.h \
	audio/render.c audio/render.h \
	audio/monitor.c audio/monitor.h audio/bs2b_dl.c audio/bs2b_dl.h \
	audio/reference.c audio/reference.h \
	audio/spectrum.c audio/spectrum.h audio/fftw_dl.c audio/fftw_dl.h \
	audio/dsp/pan.c audio/dsp/pan.h audio/dsp/pink.c audio/dsp/pink.h \
	audio/dsp/dither.c audio/dsp/dither.h audio/dsp/fastmath.h audio/dsp/hot.h \
	audio/dsp/silence.h
# the master analysis thread (loudness of the engine tap), for the mastering page
libttymix_a_SOURCES += audio/analysis.c audio/analysis.h
# one strip's spectrum from the strip tap, for the strip detail (UI thread)
libttymix_a_SOURCES += audio/strip_spectrum.c audio/strip_spectrum.h
include audio/fx/local.mk
# audio/lv2/: LV2 plug-ins as inserts (lilv's one door)
libttymix_a_SOURCES += \
	audio/lv2/lv2.h audio/lv2/lv2_priv.h audio/lv2/host.c audio/lv2/world.c \
	audio/lv2/lilv_dl.c audio/lv2/lilv_dl.h \
	audio/lv2/instance.c audio/lv2/state_paths.c
# the true peak of the loudness analyser (issue 23: libebur128's, five times cheaper)
libttymix_a_SOURCES += audio/truepeak.c audio/truepeak.h
# a stem's closing line: its sample peak and RMS level
libttymix_a_SOURCES += audio/levels.c audio/levels.h
