# ui/: the terminal front end (ncurses). ui.h is the entry; app.h is shared by the pages.
libttymix_a_SOURCES += \
	ui/ui.h ui/app.h ui/app.c ui/transport.c ui/status.c \
	ui/keys.c ui/keys.h ui/edit.c ui/edit.h ui/undo.c ui/undo.h \
	ui/snapshot.c ui/snapshot.h ui/theme.c ui/theme.h ui/draw.c ui/draw.h \
	ui/mixer.c ui/help.c
