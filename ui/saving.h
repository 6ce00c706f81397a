/* Saving where the studio may: the project folder's lock (src/project_lock.h) taken
 * when the studio opens, the read-only state when another studio holds it, and Save
 * As (:w PATH, src/project_saveas.h). UI thread only. */
#ifndef TTYMIX_UI_SAVING_H
#define TTYMIX_UI_SAVING_H

#include <stdbool.h>

#include "ui/app.h"

/* Take the project's lock (not for a quick audition): held, or read_only when another
 * studio holds it. A folder that cannot hold a lock (read-only disk) leaves the
 * studio writable: its saves fail and say why, and :w PATH is the way out. */
void ui_saving_open(struct ui_app *app);
/* The studio now works on another project (a lesson's copy): the old folder's lock
 * goes, the new one's is taken, and its project.json is the one this studio read. */
void ui_saving_switch(struct ui_app *app);
/* Put what the lock said on the status line (after the session has opened). */
void ui_saving_say(struct ui_app *app);
/* Whether Ctrl-S and :w may write project.json: true when not read-only, or when the
 * other studio has gone since (its lock is taken now), and project.json on disk is
 * still the one this studio read or last wrote (unless :w! set app->save_over).
 * Otherwise the status line says why and how to save elsewhere. */
bool ui_saving_allowed(struct ui_app *app);
/* project.json was just written by this studio: it is the one on disk now. */
void ui_saving_saved(struct ui_app *app);
/* :w PATH: the whole project into folder dest, then work on the copy there. */
void ui_save_as(struct ui_app *app, const char *dest);
/* Let go of the lock (the studio ends). */
void ui_saving_close(struct ui_app *app);

#endif
