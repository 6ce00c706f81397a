/* What differs between two versions of a project, for a person to read: the restore
 * offer (ui/autosave.c) lists it before the user chooses between an autosave and
 * project.json. Any thread; it only reads the two projects.
 *
 * Every field project.json holds is compared, unknown ones riding along included: both
 * projects are turned into the document the save writes and the two are walked whole
 * (tests/project_diff_test.c changes each leaf of a full project and checks that it
 * shows). Each difference is one line, strips by name: "Kick: gain -3.0 -> +1.5 dB",
 * "Kick: insert 2 eq added", "bus Verb2 added", "3 automation points on Kick gain_db
 * (3 added)", "group Drums: mute true -> false". A field without words of its own
 * reads by its key ("project: tempo 120.0 -> 122.0 bpm"). */
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
/* Append a line to d for every field that differs from old_p to new_p. Tracks, buses
 * and groups are matched by name (then the rest by position: a rename), clips, inserts,
 * sends, markers and points by position; one added or removed is a single line
 * ("track Vox added (1 clip, 0 inserts)"). */
void project_diff(const struct project *old_p, const struct project *new_p,
	struct project_diff *d);

#endif
