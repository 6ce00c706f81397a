# audio/fx/: inserts (the effect table, eq, dynamics, delay, reverb, chorus).
libttymix_a_SOURCES += \
	audio/fx/fx.c audio/fx/fx.h \
	audio/fx/eq.c \
	audio/fx/dynamics.c \
	audio/fx/delay.c \
	audio/fx/reverb.c \
	audio/fx/chorus.c
