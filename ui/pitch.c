/* The studio's side of clip pitch: a pitch_worker (src/pitch.h) builds caches on its
 * own thread while the UI keeps running; the UI polls it, shows the progress on the
 * status line and rebuilds the graph when a cache is ready, so the change is heard
 * without a click. Until then the clip plays unprocessed (pitch_clip_source). */
#include <stdio.h>

#include "src/pitch.h"
#include "ui/app.h"

void ui_pitch_open(struct ui_app *app)
{
	app->st->pitch_shown = -1;
	const struct project *p = app->st->project;
	/* caches of settings left behind in earlier sessions; not by a read-only studio:
	 * the one holding the project may be playing settings it has not saved yet */
	if (!app->st->throwaway && !app->st->read_only)
		pitch_prune(p);
	bool any = false;
	for (int t = 0; t < p->n_tracks; t++)
		for (int k = 0; k < p->tracks[t].n_clips; k++)
			any |= pitch_clip_shifted(&p->tracks[t].clips[k]);
	if (!any)
		return; /* the thread starts with the first :pitch */
	app->st->pitch = pitch_worker_start();
	for (int t = 0; t < p->n_tracks; t++)
		for (int k = 0; k < p->tracks[t].n_clips; k++)
			pitch_worker_request(app->st->pitch, p, &p->tracks[t].clips[k]);
}

void ui_pitch_close(struct ui_app *app)
{
	pitch_worker_stop(app->st->pitch);
	app->st->pitch = NULL;
}

void ui_pitch_clip_changed(struct ui_app *app, int track, int clip)
{
	const struct project_clip *c = &app->st->project->tracks[track].clips[clip];
	if (pitch_clip_shifted(c) && !app->st->pitch && !(app->st->pitch = pitch_worker_start()))
		ui_error(app, "cannot start a thread to pitch the clip: it plays unpitched");
	pitch_worker_keep(app->st->pitch, app->st->project); /* a setting left behind: stop it */
	if (pitch_worker_request(app->st->pitch, app->st->project, c)) {
		app->st->pitch_shown = -1; /* ui_pitch_poll says how far it got */
		ui_pitch_poll(app);
	}
	/* now: a clip back at 0, or one whose cache exists, is heard at once; a clip
	 * waiting for its cache plays as it was recorded until the cache is swapped in */
	ui_graph_rebuild(app);
}

void ui_pitch_poll(struct ui_app *app)
{
	if (!app->st->pitch)
		return;
	int finished;
	char failed[ERR_MSG_MAX];
	const int progress = pitch_worker_poll(app->st->pitch, &finished, failed, sizeof failed);
	if (failed[0])
		ui_error(app, "not pitched: %s", failed);
	if (finished > 0 && ui_graph_rebuild(app) && !failed[0] && progress < 0)
		ui_message(app, "pitched: the clip plays its new pitch");
	if (progress >= 0 && progress / 10 != app->st->pitch_shown) {
		app->st->pitch_shown = progress / 10;
		ui_message(app, "pitching clip... %d%%", app->st->pitch_shown);
	} else if (progress < 0) {
		app->st->pitch_shown = -1;
	}
	if (finished > 0 || failed[0] || progress >= 0)
		app->need_draw = true;
}

bool ui_pitch_busy(struct ui_app *app)
{
	return pitch_worker_progress(app->st->pitch) >= 0;
}
