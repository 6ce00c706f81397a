/* Every change the studio makes to the project: applied to the Project (owned by the
 * UI thread), sent to the engine as the matching command, and recorded for undo.
 * UI thread only. */
#ifndef TTYMIX_UI_EDIT_H
#define TTYMIX_UI_EDIT_H

#include "ui/app.h"
#include "ui/undo.h"

/* Current value of a field on a strip (track index or STRIP_MASTER). */
double ui_edit_get(const struct ui_app *app, enum ui_field field, int strip);
/* Set a field (clamped to its range), send it to the engine and record it for undo.
 * Returns false when the strip has no such field (the master has no pan) or the value
 * did not change; a message then says why when it helps. */
bool ui_edit_set(struct ui_app *app, enum ui_field field, int strip, double value);
/* The same for a clip's field (UI_FIELD_CLIP_*) of clip `clip` on track `track`: the
 * graph is rebuilt, and a pitch cache queued (ui/pitch.c), instead of a command. */
double ui_edit_get_clip(const struct ui_app *app, enum ui_field field, int track, int clip);
bool ui_edit_set_clip(struct ui_app *app, enum ui_field field, int track, int clip,
	double value);
/* A pitch as UI_FIELD_CLIP_PITCH stores it, and back. */
double ui_edit_pitch_value(int semitones, int cents);
void ui_edit_pitch_split(double value, int *semitones, int *cents);

/* Step back / forward through the history, re-applying values to both sides. */
void ui_edit_undo(struct ui_app *app);
void ui_edit_redo(struct ui_app *app);

/* Display a field's value in real units: "+1.0", "-inf", "L30", "C", "on". */
void ui_edit_format(enum ui_field field, double value, char *buf, size_t size);
const char *ui_edit_field_name(enum ui_field field);

#endif
