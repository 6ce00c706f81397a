# ui/: the terminal front end (ncurses). ui.h is the entry; app.h is shared by the pages.
libttymix_a_SOURCES += \
	ui/ui.h ui/app.h ui/app.c ui/transport.c ui/status.c \
	ui/keys.c ui/keys.h ui/input.c ui/input.h ui/edit.c ui/edit.h ui/undo.c ui/undo.h \
	ui/snapshot.c ui/snapshot.h ui/theme.c ui/theme.h ui/draw.c ui/draw.h \
	ui/mixer.c ui/help.c ui/strip.c ui/strip.h \
	ui/strip_page.c ui/strip_page.h
# the mastering page (key 3)
libttymix_a_SOURCES += ui/mastering.c ui/mastering.h
# the monitor section's controls: modes, dim, crossfeed, speakers, A/B, reference
libttymix_a_SOURCES += ui/monitor.c ui/monitor.h
# the ':' command line: editor, history, completion, and its commands
libttymix_a_SOURCES += ui/cmdline.c ui/cmdline.h ui/commands.c ui/commands.h ui/command_table.c \
	ui/commands_mix.c ui/automation.c ui/automation.h ui/lanes.c ui/lanes.h \
	ui/album.c ui/album.h
# the arranger page (key 1): tracks, clips and waveforms from the peak cache
libttymix_a_SOURCES += ui/arranger.c ui/arranger.h ui/waveform.c
# autosave and the restore offer (never lose work)
libttymix_a_SOURCES += ui/autosave.c ui/autosave.h
# one writer per project (the lock) and Save As
libttymix_a_SOURCES += ui/saving.c ui/saving.h
# clip, track, marker and loop editing on the arranger
libttymix_a_SOURCES += ui/clipedit.c ui/clipedit.h ui/trackedit.c ui/trackedit.h
# clip pitch: caches built on a worker, swapped in when ready
libttymix_a_SOURCES += ui/pitch.c
# teaching: the info and signal-flow panels, level-matched A/B, :lesson and :check
libttymix_a_SOURCES += ui/teach.c ui/teach.h
# key bindings: the default table, the studio's bindings, the ttymixrc
libttymix_a_SOURCES += ui/bind.c ui/bind.h ui/rc.c ui/rc.h ui/words.c ui/words.h
