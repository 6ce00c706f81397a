# audio/fx/: inserts (the effect table, eq, dynamics).
libttymix_a_SOURCES += \
	audio/fx/fx.c audio/fx/fx.h \
	audio/fx/eq.c \
	audio/fx/dynamics.c
