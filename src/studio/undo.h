/* The edit history of the studio: a list of records with a cursor. A record is either
 * a value (control, strip, old value, new value: a fader, a pan, a mute), a clip's
 * value (its pitch or varispeed) or a shape: the
 * whole project as text before and after an edit that changed its structure (a clip
 * split or moved, a track added, a marker renamed). Every record has a name the status
 * line shows ("undid: split clip"). It only remembers; src/studio/edit.c applies records to the
 * project and the engine. The session's thread only. */
#ifndef TTYMIX_STUDIO_UNDO_H
#define TTYMIX_STUDIO_UNDO_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "src/control.h"

/* A clip's fields that an edit changes (a strip's are the control table's, enum
 * control_id in src/control.h). */
enum studio_clip_field {
	STUDIO_CLIP_PITCH,      /* semitones x 1000 + cents (both whole), exact in a double */
	STUDIO_CLIP_VARISPEED,  /* 0 or 1 */
};

enum studio_undo_kind {
	STUDIO_UNDO_VALUE,   /* a strip's control: control, strip, slot, param, old and new
	                        value (booleans as 0.0 / 1.0) */
	STUDIO_UNDO_CLIP,    /* a clip's field: clip_field, strip (the track), clip, values */
	STUDIO_UNDO_SHAPE,   /* before, after: project_to_json text */
};

#define STUDIO_UNDO_NAME 48

struct studio_undo_rec {
	enum studio_undo_kind kind;
	char name[STUDIO_UNDO_NAME]; /* what the edit was; may be "" for a value edit */
	enum control_id control;           /* STUDIO_UNDO_VALUE */
	enum studio_clip_field clip_field; /* STUDIO_UNDO_CLIP */
	int strip;            /* track or bus index, or STRIP_MASTER */
	int slot, param;      /* which send or insert, which parameter */
	int clip;             /* STUDIO_UNDO_CLIP: the clip's index on the track */
	double old_value, new_value;
	/* value records with the same non-zero batch are undone and redone together (a
	 * fader move that a group passed on to its other tracks) */
	unsigned batch;
	double when;          /* monotonic seconds of the last change (merging nudges) */
	/* STUDIO_UNDO_SHAPE: owned by the history once pushed (freed with the record); before
	 * may be the previous record's after (before_shared), which that one frees */
	char *before, *after;
	bool before_shared;
	/* set by studio_undo_push: unique in the session, so that a record can be told
	 * apart from one pushed later at the same place (the review's "applied" marks) */
	uint64_t serial;
};

/* Unbounded: a session's edits are a few bytes each (a shape edit holds two copies of
 * project.json, some kilobytes). Records [0, pos) are applied; [pos, count) can be
 * redone. */
struct studio_undo {
	struct studio_undo_rec *recs;
	size_t count, cap, pos;
	/* pos at the last save; (size_t)-1 once that state cannot be reached again */
	size_t saved_pos;
	uint64_t last_serial;
};

void studio_undo_init(struct studio_undo *u);
void studio_undo_deinit(struct studio_undo *u);
/* Record an applied edit; drops (and frees) whatever could have been redone. A shape
 * record's before/after strings become the history's. */
void studio_undo_push(struct studio_undo *u, const struct studio_undo_rec *rec);
/* Record a shape edit called name; takes before and after (malloc'd text). */
void studio_undo_push_shape(struct studio_undo *u, const char *name, char *before,
	char *after);
/* The record to revert / to apply again, moving the cursor; NULL when there is none.
 * The pointer is valid until the next push. */
const struct studio_undo_rec *studio_undo_back(struct studio_undo *u);
const struct studio_undo_rec *studio_undo_forward(struct studio_undo *u);
/* Drop the records from pos on (applied or not): an edit over many strips folds the
 * values it recorded into one shape record (src/studio/edit.c). */
void studio_undo_truncate(struct studio_undo *u, size_t pos);
/* The project on disk matches the current state. */
void studio_undo_mark_saved(struct studio_undo *u);
bool studio_undo_dirty(const struct studio_undo *u);
/* The serial of the newest applied record (0: none), and whether the record with that
 * serial is still applied: false once undone, or dropped by a later edit. */
uint64_t studio_undo_newest(const struct studio_undo *u);
bool studio_undo_applied(const struct studio_undo *u, uint64_t serial);

#endif
