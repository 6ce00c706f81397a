/* :role TRACK [WORDS...]: what a track is in the arrangement ("vox lead", "bass"),
 * kept in project.json's "role" for the mix review, which hears a lead as more
 * important than its fader says (src/review.h). One undo step. Session thread. */
#include <stdlib.h>
#include <string.h>

#include "src/studio/commands.h"
#include "src/studio/edit.h"
#include "src/studio/words.h"
#include "src/base/xalloc.h"

void studio_line_role(struct studio_line *l)
{
	const struct studio_words *a = l->w;
	int strip;
	if (!studio_line_strip(l, a->argv[1], &strip))
		return;
	struct project *p = l->st->project;
	if (strip < 0 || strip >= p->n_tracks) {
		studio_error(l->st, "only a track has a role");
		return;
	}
	struct project_track *t = &p->tracks[strip];
	if (a->argc < 3) {
		studio_message(l->st, "%s's role: %s", t->strip.name, t->role ? t->role :
			"none (:role TRACK lead, for one)");
		return;
	}
	char role[STUDIO_LINE_MAX];
	role[0] = '\0';
	for (int i = 2; i < a->argc; i++) {
		if (i > 2)
			strncat(role, " ", sizeof role - strlen(role) - 1);
		strncat(role, a->argv[i], sizeof role - strlen(role) - 1);
	}
	/* the file keeps a role as long as a name (project_json.c reads it so) */
	if (strlen(role) >= PROJECT_MAX_NAME) {
		studio_error(l->st, "role: at most %d characters", PROJECT_MAX_NAME - 1);
		return;
	}
	const bool none = !strcmp(role, "-") || !strcmp(role, "none");
	studio_edit_begin(l->st, "role");
	free(t->role);
	t->role = none ? NULL : xstrdup(role);
	if (studio_edit_commit(l->st))
		studio_message(l->st, none ? "%s has no role" : "%s's role: %s", t->strip.name,
			role);
	else
		studio_message(l->st, "%s's role is already that", t->strip.name);
}
