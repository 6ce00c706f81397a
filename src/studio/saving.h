/* Saving where the studio may: the project folder's lock (src/project_lock.h) taken
 * when the studio opens, the read-only state when another studio holds it, and Save
 * As (:w PATH, src/project_saveas.h). The session's thread only. */
#ifndef TTYMIX_STUDIO_SAVING_H
#define TTYMIX_STUDIO_SAVING_H

#include <stdbool.h>

#include "src/project_saveas.h"
#include "src/studio/studio.h"

/* Take the project's lock (not for a quick audition): held, or read_only when another
 * studio holds it. A folder that cannot hold a lock (read-only disk) leaves the
 * studio writable: its saves fail and say why, and :w PATH is the way out. */
void studio_saving_open(struct studio *st);
/* The studio now works on another project (a lesson's copy): the old folder's lock
 * goes, the new one's is taken, and its project.json is the one this studio read. */
void studio_saving_switch(struct studio *st);
/* Say that the studio is read-only, and who holds the project. */
void studio_saving_say_read_only(struct studio *st);
/* Whether Ctrl-S and :w may write project.json: true when not read-only, or when the
 * other studio has gone since (its lock is taken now), and project.json on disk is
 * still the one this studio read or last wrote (unless :w! set st->save_over).
 * Otherwise the status line says why and how to save elsewhere. */
bool studio_saving_allowed(struct studio *st);
/* Ctrl-S: write project.json where this studio may (studio_saving_allowed), then the
 * history is saved and this studio's autosave goes; what happened is said. false when
 * nothing was written (a quick audition, another studio's project, a failed write). */
bool studio_save(struct studio *st);
/* project.json was just written by this studio: it is the one on disk now. */
void studio_saving_saved(struct studio *st);
/* :w PATH [copy|link]: the whole project into folder dest ("~/" is the home
 * folder), its audio copied or linked (src/project_saveas.h), then work on the copy
 * there; the message says which was done. */
void studio_save_as(struct studio *st, const char *dest, enum project_media_mode mode);
/* Let go of the lock (the studio ends). */
void studio_saving_close(struct studio *st);

#endif
