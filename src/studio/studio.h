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

/* Where the session's messages go. say gets the whole cleaned-up line; it may be NULL
 * (the session keeps the last line in studio.said_text either way). */
struct studio_voice {
	void (*say)(void *ctx, bool is_error, const char *text);
	void *ctx;
};

struct studio {
	struct project *project;        /* owned; every edit goes through studio/edit.c */
	bool throwaway;                 /* quick audition: never saved, never asks */
	const struct cli_globals *globals;
	struct engine *engine;          /* owned */
	struct driver *driver;          /* owned */
	/* the last graph handed to the engine: the engine owns it, and it is freed (by
	 * engine_collect_garbage, on this thread) only after a newer one replaced it, so
	 * this thread may read what any thread may (gain reduction) until it sends
	 * another */
	struct graph *graph;
	int64_t end_frame;              /* where the last clip ends (from the graph) */

	struct studio_voice voice;
	unsigned said;                  /* messages said so far (edits that said none get one) */
	bool said_error;                /* the last one was an error */
	char said_text[512];            /* ...and its text */
	bool changed;                   /* something a page shows changed; the ui clears it */

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
	/* the output watchdog (transport.c): a device whose callbacks stop is lost */
	struct driver_watch out_watch;
	struct studio_undo undo;
	char *edit_before;              /* ui_edit_begin's project text until commit */
	char edit_name[STUDIO_UNDO_NAME];   /* ...and the edit's name (edit.c) */
	unsigned edit_batch;            /* the last batch number given to grouped edits */
	struct ui_auto *automation;     /* owned (automation.c): lanes being written */
	bool groups_off;                /* group links suspended (key G) */
	struct project_clip *clipboard; /* owned copies (y); starts relative to the first */
	int *clipboard_track;           /* each one's track relative to the topmost */
	int n_clipboard;
	struct pitch_worker *pitch;     /* owned (pitch.c): clip pitch caches, built off
	                                   this thread; NULL when none could start */
	int pitch_shown;                /* progress last said, or -1 */
	struct monitor *monitor;        /* owned (monitor.c): heard, never rendered; may
	                                   be NULL */
	struct ui_monitor *mon;         /* owned (monitor.c): A/B and reference state */
	struct ui_render_job *render;   /* a :render on its worker, or NULL */
	struct ui_album_job *album;     /* an :album on its worker (album.c), or NULL */

	/* autosave (autosave.c) */
	double autosave_sec;            /* interval; 0: never (quick audition) */
	double autosave_due;            /* when the next one is written; 0: not dirty yet */
	int autosave_base_edits;        /* edits a restored autosave was ahead of the file */
	bool autosave_written;          /* autosave_hash is what the file holds */
	uint64_t autosave_hash;
	char *autosave_path;            /* owned: this studio's autosave file, or NULL */
	char *autosave_fallback;        /* owned: the per-user folder once the project's
	                                   refused an autosave, or NULL */
	struct ui_autosave_job *autosave_job; /* the write on its worker, or NULL */

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
	struct lesson *lesson;          /* owned: the lesson :lesson opened, or NULL */
	bool ab_on;                     /* an insert is in level-matched A/B... */
	int ab_strip, ab_slot;          /* ...this one */
};

/* Say something through the voice (replacing the last message). */
void studio_message(struct studio *st, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
void studio_error(struct studio *st, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

#endif
