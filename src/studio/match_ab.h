/* :match ab (issue 21): after a :match, hear the matched master chain (A) or the chain
 * exactly as it was before the match (B), loudness-matched, without an edit. The match
 * keeps the chain it replaced (every slot's class, bypass and parameters) and the
 * integrated loudness of the whole song through it and through the matched chain
 * (both rendered by the match's worker), so the trim that makes the comparison fair
 * is known at once: the louder side is turned down by the difference, in the monitor
 * (heard, never rendered). B is sent to the engine as insert commands on the chain
 * the graph already has (a slot the match added is bypassed, a slot it changed gets
 * its old parameters back), after every graph rebuild too, so other edits leave B
 * playing. Nothing of it is in the project, its undo or its save. Any edit of the
 * master chain after the match, and the match's undo, end the comparison for good
 * (back to A, said once) and forget the old chain.
 *
 * The session's thread only. */
#ifndef TTYMIX_STUDIO_MATCH_AB_H
#define TTYMIX_STUDIO_MATCH_AB_H

#include <stdbool.h>
#include <stddef.h>

#include "audio/fx/fx.h"
#include "src/project.h"
#include "src/studio/commands.h"
#include "src/studio/studio.h"

/* A master chain's settings, as the project held them. */
struct match_ab_chain {
	int n;
	const struct fx_class *cls[FX_MAX_INSERTS];
	bool bypass[FX_MAX_INSERTS];
	double params[FX_MAX_INSERTS][FX_MAX_PARAMS];
};

enum match_ab_side {
	MATCH_AB_OFF,  /* no comparison: the matched chain at its own level */
	MATCH_AB_A,    /* comparing, the matched chain heard */
	MATCH_AB_B,    /* comparing, the chain before the match heard */
};

void match_ab_chain_read(const struct project_strip *master, struct match_ab_chain *out);
/* Whether the master holds exactly chain c (classes, bypass, parameters). */
bool match_ab_chain_same(const struct match_ab_chain *c, const struct project_strip *master);

/* The match's apply, before its edit: end a comparison under way (the engine back to
 * the project's chain), so the edit starts from what the project says. */
void studio_match_ab_drop(struct studio *st);
/* The match's apply, once its edit is committed: before is the chain read just
 * before the edit, before_lufs and after_lufs the song's integrated loudness through
 * it and through the matched chain. why_not: NULL, or why no comparison is possible
 * (then before is not kept and `:match ab` says why). */
void studio_match_ab_keep(struct studio *st, const struct match_ab_chain *before,
	double before_lufs, double after_lufs, const char *why_not);
/* :match ab [a|b|off]: no word toggles (from off to B). */
void studio_line_match_ab(struct studio_line *l);
/* The mastering page's key: the same as :match ab with no word. */
void studio_match_toggle_ab(struct studio *st);
/* Every loop turn: end the comparison when the master chain changed; B again on a
 * graph it has not been sent to (a rebuild, by an edit of the same loop turn: during
 * playback a new graph takes over a tenth of a second after it is sent, and values
 * sent meanwhile reach it first, so it never plays A). */
void studio_match_ab_tick(struct studio *st);
enum match_ab_side studio_match_ab_side(const struct studio *st);
/* The monitor's trim the comparison asks for now, dB (<= 0; 0 when off). */
double studio_match_ab_trim_db(const struct studio *st);
/* "A matched -3.9 dB" or "B before match +0.0 dB"; false (and "") when off. */
bool studio_match_ab_label(const struct studio *st, char *buf, size_t size);
/* Forget the kept chain (leaving the project; studio_match_free calls it). */
void studio_match_ab_free(struct studio *st);

#endif
