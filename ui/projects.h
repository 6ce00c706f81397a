/* Another project in the running studio: :e PROJECT opens one, :new NAME makes an
 * empty one (src/project_make.h) and opens it. Unsaved changes are asked about first,
 * on the message line as q asks (y: drop them, s: save first, anything else: stay);
 * the session swaps its project (studio_replace: the audio keeps running) and the
 * terminal's views start again on the new one. UI thread only. */
#ifndef TTYMIX_UI_PROJECTS_H
#define TTYMIX_UI_PROJECTS_H

#include <stdbool.h>

#include "src/studio/commands.h"

struct ui_app;
struct project;

/* Put p (taken) in place of the open project: the session's (studio_replace), and
 * the views' (selection, picks, the mixer's and arranger's places, the strip
 * detail, the mastering page's figures, a panel). An open lesson is closed; a caller
 * that opens one sets it afterwards. false (said, p freed) when p's graph cannot be
 * built: then nothing changed. */
bool ui_project_replace(struct ui_app *app, struct project *p);
/* :e PATH, :e! PATH (no question: unsaved changes are dropped), :new NAME: rows of
 * the ui's ':' table (ui/command_table.c); l->owner is the ui_app. */
void ui_line_edit(struct studio_line *l);
void ui_line_edit_discard(struct studio_line *l);
void ui_line_new(struct studio_line *l);
/* The key that answers the question about unsaved changes (app->status.ask_then set,
 * the question already taken down by the caller). */
void ui_project_answer(struct ui_app *app, int key);

#endif
