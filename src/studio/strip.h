/* Strips as the studio sees them: tracks 0..n_tracks-1, then buses, then the master at
 * the mixer's right end. The engine numbers tracks and buses the same way (audio/cmd.h),
 * so a strip number goes to the engine unchanged. The session's thread only. */
#ifndef TTYMIX_STUDIO_STRIP_H
#define TTYMIX_STUDIO_STRIP_H

#include <stdbool.h>

#include "src/studio/studio.h"

/* Tracks and buses (the master's mixer position is this number). */
int studio_strip_count(const struct studio *st);
bool studio_strip_is_bus(const struct studio *st, int strip);
/* The kind of strip strip is, as the control table names it (CONTROL_ON_TRACK, _BUS,
 * _MASTER; src/control.h); 0 for no strip. */
unsigned studio_strip_kind(const struct studio *st, int strip);
/* A strip by what a user types: a track or bus name (exact, then ignoring case),
 * "master", or a track number from 1. -2 when nothing matches. */
int studio_strip_find(const struct studio *st, const char *word);

#endif
