/* The studio's side of clip pitch: a pitch_worker (src/pitch.h) builds caches on its
 * own thread while the UI keeps running; the UI polls it, shows the progress on the
 * status line and rebuilds the graph when a cache is ready, so the change is heard
 * without a click. Until then the clip plays unprocessed (pitch_clip_source). */
#include <stdio.h>

#include "src/pitch.h"
#include "src/studio/studio.h"

void studio_pitch_open(struct studio *st)
{
	st->pitch_shown = -1;
	const struct project *p = st->project;
	/* caches of settings left behind in earlier sessions; not by a read-only studio:
	 * the one holding the project may be playing settings it has not saved yet */
	if (!st->throwaway && !st->read_only)
		pitch_prune(p);
	bool any = false;
	for (int t = 0; t < p->n_tracks; t++)
		for (int k = 0; k < p->tracks[t].n_clips; k++)
			any |= pitch_clip_shifted(&p->tracks[t].clips[k]);
	if (!any)
		return; /* the thread starts with the first :pitch */
	st->pitch = pitch_worker_start();
	for (int t = 0; t < p->n_tracks; t++)
		for (int k = 0; k < p->tracks[t].n_clips; k++)
			pitch_worker_request(st->pitch, p, &p->tracks[t].clips[k]);
}

void studio_pitch_close(struct studio *st)
{
	pitch_worker_stop(st->pitch);
	st->pitch = NULL;
}

void studio_pitch_clip_changed(struct studio *st, int track, int clip)
{
	const struct project_clip *c = &st->project->tracks[track].clips[clip];
	if (pitch_clip_shifted(c) && !st->pitch && !(st->pitch = pitch_worker_start()))
		studio_error(st, "cannot start a thread to pitch the clip: it plays unpitched");
	pitch_worker_keep(st->pitch, st->project); /* a setting left behind: stop it */
	if (pitch_worker_request(st->pitch, st->project, c)) {
		st->pitch_shown = -1; /* studio_pitch_poll says how far it got */
		studio_pitch_poll(st);
	}
	/* now: a clip back at 0, or one whose cache exists, is heard at once; a clip
	 * waiting for its cache plays as it was recorded until the cache is swapped in */
	studio_graph_rebuild(st);
}

void studio_pitch_poll(struct studio *st)
{
	if (!st->pitch)
		return;
	int finished;
	char failed[ERR_MSG_MAX];
	const int progress = pitch_worker_poll(st->pitch, &finished, failed, sizeof failed);
	if (failed[0])
		studio_error(st, "not pitched: %s", failed);
	if (finished > 0 && studio_graph_rebuild(st) && !failed[0] && progress < 0)
		studio_message(st, "pitched: the clip plays its new pitch");
	if (progress >= 0 && progress / 10 != st->pitch_shown) {
		st->pitch_shown = progress / 10;
		studio_message(st, "pitching clip... %d%%", st->pitch_shown);
	} else if (progress < 0) {
		st->pitch_shown = -1;
	}
	if (finished > 0 || failed[0] || progress >= 0)
		st->changed = true;
}

bool studio_pitch_busy(struct studio *st)
{
	return pitch_worker_progress(st->pitch) >= 0;
}
