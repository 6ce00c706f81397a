/* Save As: the whole project into another folder (:w PATH), for when its own folder
 * cannot be written (a read-only or full disk) or is locked by another studio.
 *
 * The copy is project.json plus the media the project reads: everything in audio/
 * and every clip or album file named by a path inside the project folder, each
 * hard-linked when both folders are on one file system, else copied (through
 * src/base/safefile.h). Caches are not copied; they are rebuilt. A relative path that
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
enum err project_save_copy(struct project *p, const char *dest,
	struct project_lock *lock, struct err_msg *msg);

#endif
