/* The edit history of the studio: a list of (field, strip, old value, new value)
 * records with a cursor. It only remembers; ui/edit.c applies the values to the
 * project and the engine. UI thread only. */
#ifndef TTYMIX_UI_UNDO_H
#define TTYMIX_UI_UNDO_H

#include <stdbool.h>
#include <stddef.h>

/* What an edit changed. Booleans are stored as 0.0 / 1.0. */
enum ui_field {
	UI_FIELD_GAIN,   /* dB; strip may be STRIP_MASTER */
	UI_FIELD_PAN,    /* -1..1 */
	UI_FIELD_MUTE,
	UI_FIELD_SOLO,
	/* a clip's fields: strip is the track, clip the clip's index on it */
	UI_FIELD_CLIP_PITCH,     /* semitones x 1000 + cents (both whole), exact in a double */
	UI_FIELD_CLIP_VARISPEED,
};

struct ui_undo_rec {
	enum ui_field field;
	int strip;            /* track index, or STRIP_MASTER */
	int clip;             /* for UI_FIELD_CLIP_*; 0 otherwise */
	double old_value, new_value;
};

/* Unbounded: a session's edits are a few bytes each. Records [0, pos) are applied;
 * [pos, count) can be redone. */
struct ui_undo {
	struct ui_undo_rec *recs;
	size_t count, cap, pos;
	/* pos at the last save; (size_t)-1 once that state cannot be reached again */
	size_t saved_pos;
};

void ui_undo_init(struct ui_undo *u);
void ui_undo_deinit(struct ui_undo *u);
/* Record an applied edit; drops whatever could have been redone. */
void ui_undo_push(struct ui_undo *u, const struct ui_undo_rec *rec);
/* The record to revert / to apply again, moving the cursor; NULL when there is none.
 * The pointer is valid until the next push. */
const struct ui_undo_rec *ui_undo_back(struct ui_undo *u);
const struct ui_undo_rec *ui_undo_forward(struct ui_undo *u);
/* The project on disk matches the current state. */
void ui_undo_mark_saved(struct ui_undo *u);
bool ui_undo_dirty(const struct ui_undo *u);

#endif
