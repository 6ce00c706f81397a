/* :ear in the studio (ui/ear.h). */
#include "ui/ear.h"

#include <stdio.h>

#include "src/ear.h"
#include "src/ear_audio.h"
#include "src/studio/ear.h"
#include "src/studio/strip.h"
#include "src/studio/studio.h"
#include "ui/app.h"

void ui_line_ear(struct studio_line *l)
{
	struct ui_app *app = l->owner;
	struct studio *st = app->st;
	struct studio_ear_opts o = { .source = st->project, .track = -1 };
	if (l->w->argc > 1) {
		if (!ear_exercise_parse(l->w->argv[1], &o.ex)) {
			ui_error(app, "ear: no exercise \"%s\" (band-boost, band-cut, louder, "
				"compressor or pan)", l->w->argv[1]);
			return;
		}
		o.one = true;
	}
	const int strip = studio_strip_of(st, app->sel.strip);
	if (strip >= 0 && strip < st->project->n_tracks)
		o.track = strip;
	/* from the playhead; near the end of the song, a quarter into it instead */
	const int rate = st->project->sample_rate;
	o.at = (double)st->snap.playhead / rate;
	if (st->end_frame > 0 && o.at + EAR_CLIP_SEC > (double)st->end_frame / rate)
		o.at = 0.25 * (double)st->end_frame / rate;
	ui_app_leave_screen(app);
	printf("Ear training on %s (q: back to the studio)\n",
		o.track >= 0 ? st->project->tracks[o.track].strip.name : "the mix");
	fflush(stdout);
	struct studio_ear_result res;
	struct err_msg msg;
	const enum err e = studio_ear_run(st, &o, &res, &msg);
	ui_app_take_screen(app);
	if (e != ERR_OK)
		ui_error(app, "ear: %s", msg.text);
	else
		ui_message(app, "ear: %d of %d right%s", res.right, res.asked,
			res.saved ? "; scores kept (ttymix ear --scores)" : "");
}
