# audio/fx/: inserts (the effect table, eq, dynamics, delay, reverb, chorus, multiband,
# width, limiter).
libttymix_a_SOURCES += \
	audio/fx/fx.c audio/fx/fx.h \
	audio/fx/eq.c \
	audio/fx/dynamics.c audio/fx/comp_lanes.h \
	audio/fx/delay.c \
	audio/fx/reverb.c \
	audio/fx/chorus.c \
	audio/fx/xover.c audio/fx/xover.h \
	audio/fx/multiband.c \
	audio/fx/width.c \
	audio/fx/limiter.c
