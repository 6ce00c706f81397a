/* Strips as the studio sees them: tracks 0..n_tracks-1, then buses, then the master at
 * the mixer's right end. The engine numbers tracks and buses the same way (audio/cmd.h),
 * so a strip number goes to the engine unchanged. The session's thread only. */
#ifndef TTYMIX_STUDIO_STRIP_H
#define TTYMIX_STUDIO_STRIP_H

#include <stdbool.h>

#include "src/studio/studio.h"

/* Pointers into the project's fields of one strip; NULL where the strip has no such
 * field (the master has no pan, mute, solo, sends or output). */
struct studio_strip_ref {
	struct project_strip *strip;      /* the whole strip (src/project.h) */
	char **name;
	double *gain_db, *pan;
	bool *mute, *solo, *solo_safe;
	struct project_insert *inserts;   /* FX_MAX_INSERTS of them */
	int *n_inserts;
	struct project_send **sends;
	int *n_sends;
	char **output;
	struct project_lane **lanes;      /* automation */
	int *n_lanes;
	bool is_bus;
};

/* Tracks and buses (the master's mixer position is this number). */
int studio_strip_count(const struct studio *st);
/* Fill r for strip (track, bus or STRIP_MASTER); false when there is no such strip. */
bool studio_strip_ref(struct studio *st, int strip, struct studio_strip_ref *r);
bool studio_strip_is_bus(const struct studio *st, int strip);
/* The kind of strip strip is, as the control table names it (CONTROL_ON_TRACK, _BUS,
 * _MASTER; src/control.h); 0 for no strip. */
unsigned studio_strip_kind(const struct studio *st, int strip);
/* A strip by what a user types: a track or bus name (exact, then ignoring case),
 * "master", or a track number from 1. -2 when nothing matches. */
int studio_strip_find(const struct studio *st, const char *word);

#endif
