/* What differs between two versions of a project, field by field, for a person to
 * read: the restore prompt (ui/autosave.c) lists it before the user chooses between
 * an autosave and project.json. Any thread; it only reads the two projects.
 *
 * Each difference is one line: the field's path in project.json, the old value and
 * the new one ("tracks[2].gain_db: -3.0 -> +1.5", "tracks[0].mute: false -> true").
 * Only the fields the model holds are compared (src/project.h); unknown JSON that
 * rides along in the `json` members is not. */
#ifndef TTYMIX_PROJECT_DIFF_H
#define TTYMIX_PROJECT_DIFF_H

#include "src/project.h"

struct project_diff {
	char **lines;     /* owned; count of them, in file order */
	int count;
	int cap;
};

void project_diff_init(struct project_diff *d);
void project_diff_deinit(struct project_diff *d);
/* Append a line to d for every field that differs from old_p to new_p. Tracks,
 * clips and markers are matched by position; one added or removed shows as a single
 * line ("tracks[3]: (none) -> \"Vox\""). */
void project_diff(const struct project *old_p, const struct project *new_p,
	struct project_diff *d);

#endif
