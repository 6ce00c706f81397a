/* The studio session without a terminal: the project being worked on, the engine that
 * plays it, the driver, the edit history, automation writing, the transport, the job
 * threads, autosave, the monitor controls and the one-writer lock. ui/ draws it and
 * turns keys into calls on it; `ttymix play` and tests/studio_test.c drive it with no
 * terminal at all. It includes no curses header and links without ncurses.
 *
 * Everything here belongs to the thread that opened the session (the UI thread in the
 * studio); the audio side is reached only through engine_send and friends. What the
 * session has to say (an edit done, an error) goes out through one interface, the
 * voice: the studio puts it on its status line, a test keeps the text. */
#ifndef TTYMIX_STUDIO_STUDIO_H
#define TTYMIX_STUDIO_STUDIO_H

#include <signal.h>
#include <stdbool.h>
#include <stdint.h>

#include "audio/driver.h"
#include "audio/engine.h"
#include "src/cli.h"
#include "src/project.h"
#include "src/project_lock.h"
#include "src/studio/snapshot.h"
#include "src/studio/undo.h"

struct lesson;
struct outtap;
struct stream;

/* Where the session's messages go. say gets the whole cleaned-up line; it may be NULL
 * (the session keeps the last line in studio.said_text either way). list (may be
 * NULL: the one line said is all) gets a list too long for one line, one item a line,
 * for a terminal to show in a scrollable pane; the lines are the caller's. */
struct studio_voice {
	void (*say)(void *ctx, bool is_error, const char *text);
	void *ctx;
	void (*list)(void *ctx, const char *title, const char *const *lines, size_t n);
};

/* Mixer positions: tracks, buses and the master. */
#define STUDIO_POSITIONS_MAX (PROJECT_MAX_TRACKS + PROJECT_MAX_BUSES + 1)

/* The cursor an edit works on, kept by whoever drives the session (the ui's): the
 * selected strip (tracks, then buses, then the master, as the mixer numbers them) and
 * the clip on that track. An edit may move it: a join selects the joined clip, a moved
 * track stays selected. */
struct studio_sel {
	int strip;
	int clip;
	/* the mixer's multi-selection (v picks, Esc clears), by mixer position (the master
	 * at studio_strip_count): what @sel names and what key edits act on */
	unsigned char picked[(STUDIO_POSITIONS_MAX + 7) / 8];
	int n_picked;
	uint64_t picked_among; /* the strips' names in mixer order, fingerprinted when
	                          they were picked: once tracks or buses come, go, move
	                          or are renamed, the positions name other strips, and
	                          the picks are void */
};

struct studio {
	struct project *project;        /* owned; every edit goes through studio/edit.c */
	bool throwaway;                 /* quick audition: never saved, never asks */
	const struct cli_globals *globals;
	struct engine *engine;          /* owned */
	struct driver *driver;          /* owned */
	struct stream *stream;          /* owned (stream.c): the sound served over HTTP,
	                                   NULL when not streaming; outlives every driver
	                                   that holds its tap */
	struct err_msg stream_error;    /* why the asked-for stream did not start ("" if
	                                   it did): play exits on it, the studio says it */
	char stream_key[132];           /* the key of this run's first stream ("" before) */
	/* the last graph handed to the engine: the engine owns it, and it is freed (by
	 * engine_collect_garbage, on this thread) only after a newer one replaced it, so
	 * this thread may read what any thread may (gain reduction) until it sends
	 * another */
	struct graph *graph;
	uint64_t graph_serial;          /* counts the graphs sent: a new graph may take an
	                                   old one's address */
	int64_t end_frame;              /* where the last clip ends (from the graph) */

	struct studio_voice voice;
	unsigned said;                  /* messages said so far (edits that said none get one) */
	unsigned said_errors;           /* ...of them errors */
	bool hush;                      /* keep messages in said_text, tell the voice nothing
	                                   (one command over many strips says one line) */
	bool said_error;                /* the last one was an error */
	char said_text[512];            /* ...and its text */
	bool changed;                   /* something a page shows changed; the ui clears it */
	bool utf8; /* messages may use UTF-8 signs (the terminal shows them) */

	struct studio_snapshot snap;
	int64_t play_from;              /* where the last play started (frames): a write
	                                 * pass of automation begins there, not where the
	                                 * first UI tick finds the playhead */
	bool play_wanted;               /* the transport as last commanded; the engine
	                                   only changes it when told, so this is exact
	                                   even before its event comes back */
	bool locate_pending;            /* events still show where we were before... */
	int64_t locate_target;          /* ...this locate */
	double locate_sec;              /* when it was sent: pending gives up after a while */
	uint32_t locate_dropped;        /* engine_events_dropped() then */
	/* :transport jack (src/studio/jack.c): ttymix's transport follows JACK's and drives
	 * it. JACK's as last seen (primed: seen once since turned on), so that only its
	 * changes are followed; following: a change of JACK's being followed, not sent
	 * back to it */
	bool jack_transport;
	bool jt_primed, jt_rolling, jt_following;
	int64_t jt_frame;
	double jt_sec;
	/* the output watchdog (transport.c): a device whose callbacks stop is lost */
	struct driver_watch out_watch;
	struct studio_undo undo;
	char *edit_before;              /* studio_edit_begin's project text until commit */
	char edit_name[STUDIO_UNDO_NAME];   /* ...and the edit's name (edit.c) */
	unsigned edit_batch;            /* the last batch number given to grouped edits */
	int many;                       /* one edit over many strips is open (edit.c): how
	                                   deep (a command in it may open its own) */
	size_t many_from;               /* ...the history's length when it began */
	bool hold;                      /* a gesture (a mouse drag) is under way (edit.c) */
	size_t hold_from;               /* ...the history's length when it began */
	struct studio_auto *automation;     /* owned (automation.c): lanes being written */
	bool groups_off;                /* group links suspended (key G) */
	struct project_clip *clipboard; /* owned copies (y); starts relative to the first */
	int *clipboard_track;           /* each one's track relative to the topmost */
	int n_clipboard;
	char *chain_copy;               /* owned: :chain copy's inserts and sends, as JSON
	                                   text in project.json's shape (commands_chain.c) */
	char *insert_copy;              /* owned: :insert copy's one insert, the same way */
	bool snap_off;                  /* clip moves snap to grid, markers, edges unless set */
	int nudge_unit;                 /* enum studio_nudge_unit */
	double nudge;                   /* in that unit; 0: the default (10 ms) */
	struct pitch_worker *pitch;     /* owned (pitch.c): clip pitch caches, built off
	                                   this thread; NULL when none could start */
	int pitch_shown;                /* progress last said, or -1 */
	struct monitor *monitor;        /* owned (monitor.c): heard, never rendered; may
	                                   be NULL */
	struct studio_monitor *mon;         /* owned (monitor.c): A/B and reference state */
	struct studio_render_job *render;   /* a :render on its worker, or NULL */
	struct studio_album_job *album;     /* an :album on its worker (album.c), or NULL */
	struct studio_match *match;         /* owned (match.c): the last :match's curves, or
	                                       NULL */
	struct studio_match_job *match_job; /* a :match on its worker (match.c), or NULL */
	struct studio_match_ab *match_ab;   /* owned (match_ab.c): the chain before the last
	                                       :match, for :match ab; or NULL, and then */
	char match_ab_why[128];             /* why not ("" before any :match) */
	struct studio_rec *rec;         /* owned (record.c): armed tracks, the take under
	                                   way; NULL until a record command */
	bool recording;                 /* a take is under way (record.c sets it): the
	                                   transport plays on past the song's end */

	/* autosave (autosave.c) */
	double autosave_sec;            /* interval; 0: never (quick audition) */
	double autosave_due;            /* when the next one is written; 0: not dirty yet */
	int autosave_base_edits;        /* edits a restored autosave was ahead of the file */
	bool autosave_written;          /* autosave_hash is what the file holds */
	uint64_t autosave_hash;
	char *autosave_path;            /* owned: this studio's autosave file, or NULL */
	char *autosave_fallback;        /* owned: the per-user folder once the project's
	                                   refused an autosave, or NULL */
	struct studio_autosave_job *autosave_job; /* the write on its worker, or NULL */

	/* one writer per project (saving.c): a studio that could not take the project
	 * folder's lock because another one holds it is read-only (lock.holder says who);
	 * it saves only elsewhere, with :w PATH */
	struct project_lock lock;
	bool read_only;
	char lock_note[ERR_MSG_MAX];    /* what taking the lock had to say, or "" */
	/* project.json as this studio last read or wrote it: a save over a file that
	 * another studio (or program) has replaced since is refused unless :w! asked */
	bool disk_known;
	unsigned long long disk_dev, disk_ino, disk_size;
	long long disk_mtime_sec, disk_mtime_nsec;
	bool save_over;                 /* :w!: the next save may replace it anyway */

	/* teaching */
	struct lesson *lesson;          /* the lesson :lesson opened, or NULL: owned and
	                                   freed by the front end that opened it
	                                   (ui/teach.c) */
	bool ab_on;                     /* an insert is in level-matched A/B... */
	int ab_strip, ab_slot;          /* ...this one */
};

/* Say something through the voice (replacing the last message). */
void studio_message(struct studio *st, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
void studio_error(struct studio *st, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
/* Hand a list to the voice's list (after saying its one line), when it has one. */
void studio_list(struct studio *st, const char *title, const char *const *lines, size_t n);

/* A session on project p, which it owns from here (a throwaway one, a quick
 * audition, never saves, locks or autosaves): the history, the snapshot, autosave and
 * the project's lock (read_only when another studio holds it). No audio yet: the ui
 * may still offer an autosave in p's place. deinit frees it all, the project too. */
void studio_init(struct studio *st, struct project *p, bool throwaway,
	const struct cli_globals *g, struct studio_voice voice);
void studio_deinit(struct studio *st);
/* Open the audio side of the session: build the graph, start the engine, its disk
 * thread, the monitor and the output globals->output/device asks for (the null driver,
 * with a message, when that fails to open). A graph warning is said, not fatal. */
enum err studio_open(struct studio *st, struct err_msg *msg);
/* Stop the pitch workers and the :render and :album jobs, close the output, the monitor and the engine (the
 * project stays). Safe on a session that did not open. */
void studio_close(struct studio *st);

/* Put project p (taken) in place of the open one, as a close and an open would, but
 * the engine, the output, the monitor and the stream keep running and only the graph
 * is swapped (a project at another sample rate reopens them at its rate). The old
 * project goes with its history, clip board, automation pass, jobs, autosave (its
 * file removed: the caller asked about unsaved work first) and lock; p's lock is
 * taken (read_only when another studio holds it), the playhead is at 0, and p is
 * never a quick audition (an output that does not open again is said). When p's graph
 * cannot be built nothing changes, p is freed and msg says why. The driver resets its
 * own view (selection, picks, pages). */
enum err studio_replace(struct studio *st, struct project *p, struct err_msg *msg);

/* Send a command to the engine; on a full ring wait briefly for the audio thread,
 * and say so on the status line if it never drains. */
bool studio_send(struct studio *st, enum cmd_type type, int strip, double value, bool on,
	int64_t frame);
bool studio_send_cmd(struct studio *st, const struct cmd *c);

/* Transport (transport.c). */
void studio_transport_play(struct studio *st);
void studio_transport_stop(struct studio *st);
void studio_transport_locate(struct studio *st, int64_t frame);
/* Take every pending engine event into the snapshot, stop at the end of the song,
 * free retired graphs and notice a failed audio device. */
void studio_transport_poll(struct studio *st, double now_sec);
/* With --jack-ports strips: name the JACK output's ports per strip after the strips,
 * and with :transport jack follow JACK's transport (src/studio/jack.c). Call it after
 * each studio_transport_poll (the UI loop and ttymix play do). */
void studio_jack_poll(struct studio *st);
/* What transport.c tells JACK's transport under :transport jack. */
enum studio_jack_op { STUDIO_JACK_PLAY, STUDIO_JACK_STOP, STUDIO_JACK_LOCATE };
/* Nothing moves: the engine rests (audio/engine.h) and no :render, :album or autosave
 * write is running, so the UI may wait longer for keys: a stopped studio costs next to
 * nothing on a shared server. */
bool studio_resting(const struct studio *st);

/* Block SIGHUP, SIGTERM, SIGQUIT and SIGINT in the calling thread, so that threads
 * started until the restore inherit the block and leave them to the thread that
 * opened the session (the UI thread). */
void studio_signals_block(sigset_t *saved);
void studio_signals_restore(const sigset_t *saved);

/* Open an output for the running engine (closing the current one first): cfg->kind
 * DRIVER_NULL, or PortAudio's device cfg->device; falls back to the null driver when
 * that fails. false (and an error on the status line) when it had to fall back. */
bool studio_transport_reopen(struct studio *st, const struct driver_config *cfg,
	bool stream);

/* The stream output (stream.c). open: start streaming as globals ask; false when it
 * cannot, with the reason in st->stream_error for the caller to say (the session
 * goes on without it). The driver opened next gets its tap. close: stop it; close the driver that holds the tap
 * first. poll: say what the stream has to say (listeners joining, leaving, dropped).
 * status: "STREAM http://127.0.0.1:8757/ (2)" for the status bar; false when not
 * streaming. */
bool studio_stream_open(struct studio *st);
void studio_stream_close(struct studio *st);
void studio_stream_poll(struct studio *st);
bool studio_stream_status(const struct studio *st, char *buf, size_t size);
/* The address to open (with its key), or the socket's path; false when not streaming. */
bool studio_stream_where(const struct studio *st, char *buf, size_t size);
struct outtap *studio_stream_tap(const struct studio *st);
/* The driver that held the tap was abandoned: the stream takes a fresh one. */
void studio_stream_renew_tap(struct studio *st);

/* Autosave (autosave.c; the restore offer, which draws, is ui/autosave.h). init reads the
 * interval (TTYMIX_AUTOSAVE_SEC); tick (every loop turn) copies the project once it
 * has been unsaved for an interval, and again every interval while it changes, and
 * has a worker write the copy to this studio's own PROJECT/.ttymix/autosave.HOST.
 * PID.json (or, when the folder can't be written, to the per-user state folder, which
 * the status line names); write does it now on this thread (on SIGHUP/SIGTERM; a
 * non-empty msg on success says it went to the per-user folder); saved (after a
 * save) and remove (a clean quit) delete this studio's file, no other; free (at the
 * end) waits for the worker. Quick auditions never autosave. */
struct studio_autosave_job;
/* The interval unless TTYMIX_AUTOSAVE_SEC says otherwise. */
#define STUDIO_AUTOSAVE_SEC 30.0
/* Autosave files: autosave.HOST.PID.json (a studio's own), and the one file all
 * studios shared before that. */
#define STUDIO_AUTOSAVE_LIVE_PREFIX "autosave."
#define STUDIO_AUTOSAVE_LEGACY_FILE "autosave.json"
/* Where a project's autosaves go: PROJECT/.ttymix (malloc'd), and the per-user folder
 * for a project whose own folder refused one (created when create is set; NULL with
 * msg when there is none). */
char *studio_autosave_primary_dir(const struct project *p);
char *studio_autosave_fallback_dir(const struct project *p, bool create,
	struct err_msg *msg);
void studio_autosave_init(struct studio *st);
void studio_autosave_tick(struct studio *st, double now_sec);
bool studio_autosave_write(struct studio *st, struct err_msg *msg);
void studio_autosave_saved(struct studio *st);
void studio_autosave_remove(struct studio *st);
void studio_autosave_free(struct studio *st);

/* After a change to the project's shape (tracks, clips, inserts, routing): build a new
 * graph from it and hand it to the engine, which swaps it in without a click. Opens the
 * media files, so it costs a few milliseconds per clip on this thread. false (with a
 * message) when the graph could not be built or sent; the project keeps the change. */
bool studio_graph_rebuild(struct studio *st);

/* LV2 plug-ins (plugins.c): open says which of the project's plug-ins are not
 * installed (their inserts pass their signal and are kept); poll (every loop turn) says
 * once per insert when a plug-in wrote NaN or Inf and was muted. */
void studio_plugins_open(struct studio *st);
void studio_plugins_poll(struct studio *st);

/* Clip pitch (pitch.c). open queues the caches the project's pitched clips lack;
 * clip_changed (after an edit of a clip's pitch or varispeed) queues its cache and
 * rebuilds the graph; poll (every loop turn) shows "pitching clip... 40%" and swaps in
 * a new graph when a cache is ready; busy: a cache is still to come. */
void studio_pitch_open(struct studio *st);
void studio_pitch_close(struct studio *st);
void studio_pitch_clip_changed(struct studio *st, int track, int clip);
void studio_pitch_poll(struct studio *st);
bool studio_pitch_busy(struct studio *st);

/* The engine strip (track index or STRIP_MASTER) of a mixer position. */
int studio_strip_of(const struct studio *st, int position);
/* A strip's display name ("Master" for STRIP_MASTER). */
const char *studio_strip_name(const struct studio *st, int strip);
bool studio_dirty(const struct studio *st);

#endif
