/* :sidechain STRIP SLOT [SOURCE|off]: which strip keys an LV2 insert's sidechain
 * inputs (src/project_sidechain.c), one undo step; without SOURCE, what keys it now.
 * UI thread. */
#include "src/studio/studio.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

#include "src/project.h"
#include "src/studio/commands.h"
#include "src/studio/edit.h"

void studio_line_sidechain(struct studio_line *l)
{
	const struct studio_words *a = l->w;
	int strip;
	double v;
	if (!studio_line_strip(l, a->argv[1], &strip))
		return;
	if (strip == PROJECT_STRIP_MASTER) {
		studio_error(l->st, "the master takes no key (key a track's or a bus's insert)");
		return;
	}
	struct project_strip *r = project_strip_at(l->st->project, strip);
	if (!studio_line_number(a->argv[2], &v) || v != floor(v) || v < 1 || v > r->n_inserts) {
		studio_error(l->st, "an insert number from 1 to %d, not \"%s\"", r->n_inserts,
			a->argv[2]);
		return;
	}
	const int slot = (int)v - 1;
	const char *name = studio_strip_name(l->st, strip);
	if (a->argc == 3) {
		const char *key = r->inserts[slot].sidechain;
		if (key)
			studio_message(l->st, "%s insert %d: keyed by %s", name, slot + 1, key);
		else
			studio_message(l->st, "%s insert %d: no key (its sidechain hears its own "
				"input)", name, slot + 1);
		return;
	}
	const char *src = strcmp(a->argv[3], "off") ? a->argv[3] : NULL;
	studio_edit_begin(l->st, "sidechain");
	struct err_msg msg;
	if (project_sidechain_set(l->st->project, strip, slot, src, &msg) != ERR_OK) {
		studio_edit_cancel(l->st);
		studio_error(l->st, "%s", msg.text);
		return;
	}
	studio_edit_commit(l->st);
	if (src)
		studio_message(l->st, "%s insert %d: keyed by %s (after its fader)",
			studio_strip_name(l->st, strip), slot + 1, src);
	else
		studio_message(l->st, "%s insert %d: key off (its sidechain hears its own input)",
			studio_strip_name(l->st, strip), slot + 1);
}
