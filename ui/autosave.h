/* Recovery: the restore offer made when a project is opened and an autosave of it
 * (PROJECT/.ttymix/autosave.HOST.PID.json, or the per-user fallback folder, written by
 * studio_autosave_tick while the project is unsaved) is newer than project.json and its
 * writer is not running, as after a crash, a kill -9 or a dropped SSH link. The offer
 * lists what differs (src/project_diff.h) and keeps both files whatever the answer:
 * the autosave moves to autosave-YYYYMMDD-HHMMSS.json beside it. The periodic side is
 * the studio's (src/studio/studio.h). UI thread only; the drawing needs curses. */
#ifndef TTYMIX_UI_AUTOSAVE_H
#define TTYMIX_UI_AUTOSAVE_H

#include "ui/app.h"

struct ui_autosave_offer;

/* An offer for the newest autosave left behind that is newer than project.json and
 * differs from it; NULL otherwise. An autosave that cannot be read is left alone, one
 * that matches project.json in every field is moved aside, and the status line says
 * so; older ones stay for the next open. Never for a quick audition. */
struct ui_autosave_offer *ui_autosave_find(struct ui_app *app);
/* Paint the offer over the whole screen (the caller refreshes). */
void ui_autosave_offer_draw(struct ui_autosave_offer *o);
/* Scroll a long list (Up/Down, j/k, PgUp/PgDn, Home/End); false: not a scroll key. */
bool ui_autosave_offer_key(struct ui_autosave_offer *o, int key);
/* y: the autosave becomes the working state, marked unsaved; n: project.json stays.
 * Either way the autosave file is moved aside, not deleted. */
void ui_autosave_offer_accept(struct ui_app *app, struct ui_autosave_offer *o);
void ui_autosave_offer_decline(struct ui_app *app, struct ui_autosave_offer *o);
void ui_autosave_offer_free(struct ui_autosave_offer *o); /* NULL is a no-op */

#endif
