# src/: the program's entry, the project model, the command-line front ends.
src_ttymix_SOURCES = src/main.c
src_ttymix_LDADD = $(TTYMIX_LIBS)

# src/base/: the ground floor every layer may include (audio/ included): error codes,
# allocation, diagnostics lists, hashing, clean text for terminals, safe file writes,
# worker threads. It includes nothing but itself.
libttymix_a_SOURCES += \
	src/base/err.c src/base/err.h src/base/xalloc.c src/base/xalloc.h \
	src/base/diag.c src/base/diag.h src/base/fnv.h src/base/text.c src/base/text.h \
	src/base/readfile.c src/base/readfile.h \
	src/base/clock.h \
	src/base/safefile.c src/base/safefile.h src/base/dl.c src/base/dl.h
libttymix_a_SOURCES += src/base/worker.c src/base/worker.h
libttymix_a_SOURCES += \
	src/project.c src/project_json.c src/project_route.c src/project_sidechain.c src/project_auto.c src/project.h \
	src/project_keep.c src/project_keep.h src/control.c src/control.h src/project_save.c \
	src/project_limits.c src/project_limits.h src/tempo.c src/tempo.h \
	src/project_diff.c src/project_diff.h \
	src/graph_build.c src/graph_build.h \
	src/cli.h src/cli_util.c \
	src/render_file.c src/render_file.h \
	src/cli_render.c src/cli_check.c src/cli_new.c src/cli_devices.c src/cli_plugins.c \
	src/lv2_project.c src/lv2_project.h \
	src/cli_master.c src/cli_master.h src/cli_master_match.c src/cli_master_report.c src/cli_lesson.c src/cli_help.c \
	src/album.c src/album.h src/cli_album.c \
	src/lesson.h src/lesson_priv.h src/lesson_file.c src/lesson_check.c src/lesson_kinds.c \
	src/lesson_measure.c \
	src/lesson_grade.c \
	src/lesson_masking.c src/lesson_album.c \
	src/explain.c src/explain.h src/glossary.c src/glossary.h src/tap.c src/tap.h src/flow.c src/flow.h \
	src/paths.c src/paths.h \
	src/project_lock.c src/project_lock.h src/project_saveas.c src/project_saveas.h \
	src/project_make.c src/project_make.h src/typed_path.c src/typed_path.h \
	src/import.c src/import.h src/cli_import.c \
	src/host.c src/host.h \
	src/peaks.c src/peaks.h \
	src/pitch.c src/pitch_worker.c src/pitch.h src/pitch_dl.c src/pitch_dl.h
# mastering matched to a reference (issue 21)
libttymix_a_SOURCES += src/match.c src/match.h src/match_chain.c src/match_chain.h
# clip edits on the model (split, trim, join, ...), exact to the frame
libttymix_a_SOURCES += src/clip_edit.c src/clip_edit.h
# mix review (issue 21): one measured render of every strip, then the judges
libttymix_a_SOURCES += src/review.c src/review.h src/review_finding.c src/review_finding.h \
	src/review_grid.c src/review_grid.h src/review_judge.c src/review_judge.h \
	src/review_mask.c src/review_curve.c src/review_curve.h src/cli_review.c
# restore offer (issue 15): every field compared through the saved document's tree, and
# a deep copy of the model for the autosave worker
libttymix_a_SOURCES += src/jtree.c src/jtree.h src/project_copy.c
# src/studio/: the headless studio session (issue 16): the project being edited, the
# engine, undo, automation writing, transport, jobs, autosave, monitor, the lock. It
# includes nothing from ui/ and no curses; ui/ and `ttymix play` drive it.
libttymix_a_SOURCES += src/studio/studio.c src/studio/studio.h src/studio/session.c \
	src/studio/undo.c src/studio/undo.h src/studio/snapshot.c src/studio/snapshot.h \
	src/studio/transport.c src/studio/strip.c src/studio/strip.h \
	src/studio/edit.c src/studio/edit.h src/studio/automation.c src/studio/automation.h \
	src/studio/clipedit.c src/studio/clipedit.h src/studio/trackedit.c \
	src/studio/trackedit.h src/studio/pitch.c src/studio/saving.c src/studio/saving.h \
	src/studio/autosave.c src/studio/album.c src/studio/album.h \
	src/studio/monitor.c src/studio/monitor.h src/studio/stream.c src/studio/jack.c \
	src/studio/play.c src/studio/plugins.c src/studio/sidechain.c src/studio/import.c \
	src/studio/record.c src/studio/record.h src/studio/record_cli.c \
	src/studio/nsm.c src/studio/nsm.h src/studio/lo_dl.c src/studio/lo_dl.h
# :match (issue 21)
libttymix_a_SOURCES += src/studio/match.c src/studio/match.h
libttymix_a_SOURCES += src/studio/match_ab.c src/studio/match_ab.h
# the session's commands (':' lines, key bindings, the ttymixrc): one table, its
# execs and the words a line splits into
libttymix_a_SOURCES += src/studio/commands.h src/studio/command_table.c \
	src/studio/commands.c src/studio/commands_mix.c src/studio/commands_auto.c \
	src/studio/commands_review.c \
	src/studio/commands_tempo.c src/studio/times.c src/studio/times.h \
	src/studio/commands_chain.c \
	src/studio/words.c src/studio/words.h \
	src/studio/find.c src/studio/find.h
# the stream output: HTTP server (libmicrohttpd), FLAC and Opus encoders, and the
# listening page served at GET / (page.c, constant data)
libttymix_a_SOURCES += src/stream/stream.c src/stream/stream.h src/stream/stream_priv.h \
	src/stream/listen.c src/stream/pump.c src/stream/server.c src/stream/status.c \
	src/stream/encode.c src/stream/encode.h src/stream/bytes.c src/stream/bytes.h \
	src/stream/flac.h src/stream/opus.h \
	src/stream/flac.c src/stream/opus.c src/stream/page.c src/stream/page.h \
	src/stream/mhd.c src/stream/mhd.h
# ear training (issue 22): the exercises and scores (src/ear*.c), the quiz on the
# studio's session and `ttymix ear` (src/studio/ear*.c)
libttymix_a_SOURCES += src/ear.c src/ear.h src/ear_audio.c src/ear_audio.h \
	src/ear_scores.c src/studio/ear.c src/studio/ear.h src/studio/ear_cli.c
