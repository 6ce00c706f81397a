/* Save As: the whole project into another folder (:w PATH), for when its own folder
 * cannot be written (a read-only or full disk) or is locked by another studio.
 *
 * The copy is project.json plus the media the project reads: everything in audio/
 * and every clip or album file named by a path inside the project folder. Copied
 * (PROJECT_MEDIA_COPY), each file is hard-linked when both folders are on one file
 * system, else copied (through src/base/safefile.h): either way the copy owns its
 * media, and removing the original's leaves it whole (ttymix never writes into a
 * media file, it writes new ones). Linked (PROJECT_MEDIA_LINK), each is a symbolic
 * link to the original's file (its absolute path): nothing is duplicated, on any file
 * system, `ls -l` shows where the sound lives, and the copy plays what the original's
 * files hold, but it breaks when they are moved or deleted. Symbolic rather than hard
 * links because a hard link is what a copy already is on one file system, and it
 * cannot cross to another. Caches are not copied; they are rebuilt. A relative path that
 * leads out of the project folder ("../takes/a.wav") is written as an absolute one,
 * so that every clip still finds its file from the new place.
 *
 * UI/main thread only. */
#ifndef TTYMIX_PROJECT_SAVEAS_H
#define TTYMIX_PROJECT_SAVEAS_H

#include "src/base/err.h"
#include "src/project.h"
#include "src/project_lock.h"

/* Save p as the project in folder dest (created if missing; an empty folder or a
 * ttymix project, which is then replaced and keeps its project.json.bak; a media file
 * there under one of this project's names but with other bytes is never overwritten:
 * the save is refused). On success p lives there (p->dir and p->path name the copy),
 * and lock, which must not be held, holds the copy's lock when the copy's folder can
 * hold one. On failure p is as it was, msg says why in one line, and the files the
 * save made are removed again (folders it made may stay, empty). */
enum project_media_mode {
	PROJECT_MEDIA_COPY,   /* the copy owns its media (hard links or copies) */
	PROJECT_MEDIA_LINK,   /* symbolic links to the original's files */
};

/* ...with its media brought as mode says; *n_media (may be NULL) gets how many media
 * files were brought (those already there, in a copy saved over, are not counted). */
enum err project_save_copy(struct project *p, const char *dest,
	enum project_media_mode mode, struct project_lock *lock, int *n_media,
	struct err_msg *msg);

#endif
