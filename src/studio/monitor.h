/* The studio's side of the monitor section (audio/monitor.h): the keys and ':'
 * commands that change it, the loudness-matched A/B of the master chain, the
 * reference track, and the status line's reminder that something is on. What these
 * change is heard, never rendered, and never part of the project or its undo.
 * The session's thread only. */
#ifndef TTYMIX_STUDIO_MONITOR_H
#define TTYMIX_STUDIO_MONITOR_H

#include <stdbool.h>
#include <stddef.h>

#include "src/studio/studio.h"

struct analysis_snapshot;

/* Create the monitor for the session's rate (st->monitor; NULL with a message when
 * it cannot be made: playback goes on without it). Before the driver opens. */
void studio_monitor_open(struct studio *st);
/* After the driver closed. */
void studio_monitor_close(struct studio *st);
/* Every loop turn: free references the audio thread let go of; keep the A/B's bypass
 * on a graph that was rebuilt meanwhile. */
void studio_monitor_tick(struct studio *st);
/* Each new analysis publication (the mastering page's): the A/B learns the chain's
 * loudness, the reference follows the mix's. */
void studio_monitor_analysis(struct studio *st, const struct analysis_snapshot *s);
/* The status line's reminder, e.g. "MON mono dim xf:bs2b"; false (and "") when the
 * monitor plays the mix as it is. */
bool studio_monitor_label(const struct studio *st, char *buf, size_t size);

/* The mastering page's keys and the ':' commands. */
void studio_monitor_next_mode(struct studio *st);
void studio_monitor_toggle_dim(struct studio *st);
void studio_monitor_next_crossfeed(struct studio *st);
void studio_monitor_next_speaker(struct studio *st);
void studio_monitor_toggle_ab(struct studio *st);
void studio_monitor_toggle_reference(struct studio *st);
/* The :match A/B (src/studio/match_ab.h) tells the monitor its trim and its words for
 * the status line ("B:before +0.0dB"); label NULL: no comparison. While one is
 * on, the bypass A/B is refused and learns nothing (the chain heard is not the
 * project's); the two trims add up, so neither overwrites the other. */
void studio_monitor_set_match_ab(struct studio *st, const char *label, double trim_db);
/* Turn the bypass A/B off, quietly; true when it was on. */
bool studio_monitor_ab_off(struct studio *st);
/* The monitor and its state exist (else an error says the section is not available). */
bool studio_monitor_ready(struct studio *st);
/* :monitor WORD: a mode, "dim", a crossfeed, a speaker, or "off" (all of them off). */
void studio_monitor_set(struct studio *st, const char *word);
/* :reference PATH|off: load a reference track to compare the mix with, or remove it. */
void studio_monitor_reference(struct studio *st, const char *path);
/* The reference track's path as :reference loaded it (:match's default), or NULL. */
const char *studio_monitor_reference_path(const struct studio *st);

#endif
