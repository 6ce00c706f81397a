#include "src/studio/undo.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "src/base/xalloc.h"

#define UNSAVED_FOREVER ((size_t)-1)

void studio_undo_init(struct studio_undo *u)
{
	memset(u, 0, sizeof *u);
}

static void rec_free(struct studio_undo_rec *r)
{
	if (!r->before_shared)
		free(r->before);
	free(r->after);
	r->before = r->after = NULL;
}

void studio_undo_deinit(struct studio_undo *u)
{
	for (size_t i = 0; i < u->count; i++)
		rec_free(&u->recs[i]);
	free(u->recs);
	memset(u, 0, sizeof *u);
}

void studio_undo_push(struct studio_undo *u, const struct studio_undo_rec *rec)
{
	/* a new edit after undos forks history: the saved state lived on the dropped
	 * branch if it was ahead of the cursor, and no redo can bring it back */
	if (u->saved_pos != UNSAVED_FOREVER && u->saved_pos > u->pos)
		u->saved_pos = UNSAVED_FOREVER;
	for (size_t i = u->pos; i < u->count; i++)
		rec_free(&u->recs[i]);
	u->count = u->pos;
	if (u->count == u->cap) {
		u->cap = u->cap ? u->cap * 2 : 64;
		u->recs = xrealloc(u->recs, u->cap * sizeof *u->recs);
	}
	u->recs[u->count] = *rec;
	u->recs[u->count++].serial = ++u->last_serial;
	u->pos = u->count;
}

uint64_t studio_undo_newest(const struct studio_undo *u)
{
	return u->pos ? u->recs[u->pos - 1].serial : 0;
}

bool studio_undo_applied(const struct studio_undo *u, uint64_t serial)
{
	/* serials grow with the index, so search the applied records from the newest */
	for (size_t i = u->pos; serial && i > 0; i--) {
		if (u->recs[i - 1].serial == serial)
			return true;
		if (u->recs[i - 1].serial < serial)
			break;
	}
	return false;
}

void studio_undo_push_shape(struct studio_undo *u, const char *name, char *before,
	char *after)
{
	struct studio_undo_rec r = { .kind = STUDIO_UNDO_SHAPE, .before = before,
		.after = after };
	snprintf(r.name, sizeof r.name, "%s", name);
	/* shape edits in a row: this one starts where the last one ended, so the text is
	 * kept once (the earlier record owns it and outlives this one: history is freed
	 * from its end) */
	struct studio_undo_rec *prev = u->pos > 0 ? &u->recs[u->pos - 1] : NULL;
	if (prev && prev->kind == STUDIO_UNDO_SHAPE && prev->after && !strcmp(prev->after,
		before)) {
		free(before);
		r.before = prev->after;
		r.before_shared = true;
	}
	studio_undo_push(u, &r);
}

void studio_undo_truncate(struct studio_undo *u, size_t pos)
{
	if (pos >= u->count)
		return;
	if (u->saved_pos != UNSAVED_FOREVER && u->saved_pos > pos)
		u->saved_pos = UNSAVED_FOREVER;
	for (size_t i = pos; i < u->count; i++)
		rec_free(&u->recs[i]);
	u->count = pos;
	if (u->pos > pos)
		u->pos = pos;
}

const struct studio_undo_rec *studio_undo_back(struct studio_undo *u)
{
	if (u->pos == 0)
		return NULL;
	return &u->recs[--u->pos];
}

const struct studio_undo_rec *studio_undo_forward(struct studio_undo *u)
{
	if (u->pos == u->count)
		return NULL;
	return &u->recs[u->pos++];
}

void studio_undo_mark_saved(struct studio_undo *u)
{
	u->saved_pos = u->pos;
}

bool studio_undo_dirty(const struct studio_undo *u)
{
	return u->pos != u->saved_pos;
}
