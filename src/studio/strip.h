/* Strips as the studio sees them: tracks 0..n_tracks-1, then buses, then the master at
 * the mixer's right end. The engine numbers tracks and buses the same way (audio/cmd.h),
 * so a strip number goes to the engine unchanged. The session's thread only. */
#ifndef TTYMIX_STUDIO_STRIP_H
#define TTYMIX_STUDIO_STRIP_H

#include <stdbool.h>
#include <stddef.h>

#include "src/studio/studio.h"

/* Tracks and buses (the master's mixer position is this number). */
int studio_strip_count(const struct studio *st);
bool studio_strip_is_bus(const struct studio *st, int strip);
/* The kind of strip strip is, as the control table names it (CONTROL_ON_TRACK, _BUS,
 * _MASTER; src/control.h); 0 for no strip. */
unsigned studio_strip_kind(const struct studio *st, int strip);
/* A strip by what a user types: a track or bus name as it is, "master", a track
 * number from 1, else a name found by src/studio/find.h (ignoring case: whole, prefix,
 * substring, letters in order) when it is the only one at the first stage that finds
 * any. -2 when nothing matches, -3 when several do (studio_strip_candidates). */
#define STUDIO_STRIP_NONE (-2)
#define STUDIO_STRIP_AMBIGUOUS (-3)
int studio_strip_find(const struct studio *st, const char *word);
/* Only a name as it is or ignoring case, "master" or a number: what a new name must not
 * already find. */
int studio_strip_find_exact(const struct studio *st, const char *word);
/* "07_GtrCl, 08_GtrDist": the names word finds at its first matching stage (tracks
 * and buses), for a refusal; "" when none. */
void studio_strip_candidates(const struct studio *st, const char *word, char *buf,
	size_t size);

/* The strips one STRIP word names, as a set in mixer order (tracks, buses, then the
 * master): items separated by commas, each a strip as studio_strip_find finds it, "."
 * (here, a mixer position), a range of track numbers "2-17", a glob on the names
 * ("gtr*", ignoring case), a group's name (its tracks) or "@sel" (sel's picks).
 * out holds up to STUDIO_POSITIONS_MAX strips (STRIP_MASTER for the master). false with
 * the reason in why when an item names nothing, or more than one strip when a name is
 * ambiguous. */
bool studio_strips_parse(const struct studio *st, struct studio_sel *sel, int here,
	const char *word, int *out, int *n, char *why, size_t why_size);
/* Whether word is more than one name: a list, a range, a glob, @sel or a group. */
bool studio_strips_is_set(const struct studio *st, const char *word);
/* "2-17,verb,master": strips (as studio_strips_parse gives them) with runs of track
 * numbers folded into ranges. */
void studio_strips_format(const struct studio *st, const int *strips, int n, char *buf,
	size_t size);

/* The mixer's picks (sel->picked): how many there are (0 once strips came or went
 * since: they are cleared then), whether position is picked, picking it or not, and
 * clearing them all. */
int studio_sel_picks(const struct studio *st, struct studio_sel *sel);
bool studio_sel_picked(const struct studio_sel *sel, int position);
void studio_sel_pick(const struct studio *st, struct studio_sel *sel, int position,
	bool on);
void studio_sel_clear(struct studio_sel *sel);

#endif
