/* :import FILE [TRACK] [AT]: an audio file into the open project (src/import.h) as one
 * undoable step. The copy in audio/ stays when the step is undone, so that redo finds
 * it again. UI thread only. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "src/import.h"
#include "src/typed_path.h"
#include "src/studio/commands.h"
#include "src/studio/edit.h"

/* The playhead, or where a locate asked to go. */
static double playhead_sec(const struct studio *st)
{
	const int64_t f = st->locate_pending ? st->locate_target : st->snap.playhead;
	return (double)f / st->project->sample_rate;
}

/* The words after FILE: [TRACK] [AT]. A lone second word is a track when one is called
 * so (or it is "."), else a time when it reads as one, else a new track's name. false
 * when AT is no time (said). */
static bool track_and_time(struct studio_line *l, const char **track, double *at)
{
	struct studio *st = l->st;
	const struct studio_words *w = l->w;
	*track = NULL;
	*at = playhead_sec(st);
	if (w->argc < 3)
		return true;
	const char *word = w->argv[2];
	struct err_msg msg;
	const bool is_track = !strcmp(word, ".") || project_find_track(st->project, word) >= 0;
	double when;
	if (w->argc == 3 && !is_track && studio_line_when(st, word, &when, &msg)) {
		*at = when;
		return true;
	}
	*track = word;
	if (!strcmp(word, ".")) {
		const int t = l->sel->strip;
		if (t < 0 || t >= st->project->n_tracks) {
			studio_error(st, "import: no track selected");
			return false;
		}
		*track = st->project->tracks[t].strip.name;
	}
	if (w->argc < 4)
		return true;
	if (!studio_line_when(st, w->argv[3], &when, &msg)) {
		studio_error(st, "import: %s: %s", w->argv[3], msg.text[0] ? msg.text
			: "not a time (seconds, m:ss, or a bar: b21)");
		return false;
	}
	*at = when;
	return true;
}

void studio_line_import(struct studio_line *l)
{
	struct studio *st = l->st;
	const char *track;
	double at;
	if (!track_and_time(l, &track, &at))
		return;
	char *file = typed_path_expand(l->w->argv[1]);
	struct import_copy *c;
	int t;
	struct err_msg msg;
	studio_edit_begin(st, "import");
	if (import_files(st->project, &file, 1, track, at, &c, &t, &msg) != ERR_OK) {
		studio_edit_cancel(st);
		studio_error(st, "import: %s", msg.text);
		free(file);
		return;
	}
	studio_edit_commit(st);
	/* the new clip becomes the selection, so that the arranger shows it */
	const struct project_track *tr = &st->project->tracks[t];
	l->sel->strip = t;
	l->sel->clip = 0;
	for (int k = 0; k < tr->n_clips; k++)
		if (!strcmp(tr->clips[k].file, c[0].rel))
			l->sel->clip = k;
	if (c[0].rate != c[0].file_rate)
		studio_message(st, "imported %s on \"%s\" at %.3f s (%d Hz resampled to %d Hz)",
			c[0].rel, tr->strip.name, at, c[0].file_rate, c[0].rate);
	else
		studio_message(st, "imported %s on \"%s\" at %.3f s", c[0].rel, tr->strip.name, at);
	import_done(c, 1, false);
	free(file);
}
