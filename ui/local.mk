# ui/: the terminal front end (ncurses), in its own library (libttymix_ui.a). ui.h is the
# entry; app.h is shared by the pages.
libttymix_ui_a_SOURCES += \
	ui/ui.h ui/app.h ui/app.c ui/status.c ui/status.h \
	ui/keys.c ui/keys.h ui/input.c ui/input.h \
	ui/theme.c ui/theme.h ui/draw.c ui/draw.h \
	ui/mixer.c ui/mixer.h ui/help.c ui/help.h ui/messages.c ui/messages.h \
	ui/strip_page.c ui/strip_page.h
# the mouse: a map of what was drawn where, and events into command lines
libttymix_ui_a_SOURCES += ui/hit.c ui/hit.h ui/mouse.c ui/mouse.h
# the mastering page (key 3)
libttymix_ui_a_SOURCES += ui/mastering.c ui/mastering.h ui/mastering_match.c
# the ':' command line: editor, history, completion, and its commands
libttymix_ui_a_SOURCES += ui/cmdline.c ui/cmdline.h ui/commands.h \
	ui/command_table.c ui/commands_studio.c ui/commands_studio.h \
	ui/lanes.c ui/lanes.h
# the arranger page (key 1): tracks, clips and waveforms from the peak cache
libttymix_ui_a_SOURCES += ui/arranger.c ui/arranger.h ui/waveform.c
# the autosave restore offer (never lose work)
libttymix_ui_a_SOURCES += ui/autosave.c ui/autosave.h
# another project in the running studio: :e, :new
libttymix_ui_a_SOURCES += ui/projects.c ui/projects.h
# teaching: the info and signal-flow panels, level-matched A/B, :lesson and :check
libttymix_ui_a_SOURCES += ui/teach.c ui/teach.h ui/ear.c ui/ear.h
libttymix_ui_a_SOURCES += ui/review.c ui/review.h
# key bindings: the default table, the studio's bindings, the ttymixrc
libttymix_ui_a_SOURCES += ui/bind.c ui/bind.h ui/rc.c ui/rc.h
