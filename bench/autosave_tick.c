/* autosave_tick: how long the studio's UI thread is held by one autosave tick on a big
 * project (issue 15, fault 14), and how long the write takes on its worker.
 *
 *   bench/autosave_tick DIR [TRACKS CLIPS_PER_TRACK MARKERS]
 *
 * Makes DIR/project.json (default 8 tracks of 25,000 clips and 50,000 markers: about
 * 33 MB), loads it as the studio does (unknown-field JSON kept per object), then runs
 * studio_autosave_tick as the studio's loop does after an edit, four times. For comparison,
 * it first times what a tick did on the UI thread before the worker (issue 15): the
 * project printed to JSON for a hash, then printed again and written
 * (project_save_to). Prints seconds. */
#include <stdio.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <unistd.h>

#include "src/project.h"
#include "src/base/clock.h"
#include "src/studio/studio.h"

/* The session's voice: its last message, printed after each tick. */
static void bench_say(void *ctx, bool is_error, const char *text)
{
	(void)is_error;
	snprintf(ctx, 512, "%s", text);
}

int main(int argc, char **argv)
{
	if (argc != 2 && argc != 5) {
		fprintf(stderr, "usage: autosave_tick DIR [TRACKS CLIPS_PER_TRACK MARKERS]\n");
		return 2;
	}
	const char *dir = argv[1];
	const int tracks = argc == 5 ? atoi(argv[2]) : 8;
	const int clips = argc == 5 ? atoi(argv[3]) : 25000;
	const int markers = argc == 5 ? atoi(argv[4]) : 50000;
	struct project *p = project_new(dir, "Big", 48000);
	for (int t = 0; t < tracks; t++) {
		char name[32];
		snprintf(name, sizeof name, "T%d", t + 1);
		struct project_track *tr = project_add_track(p, name);
		for (int c = 0; c < clips; c++) {
			struct project_clip *cl = project_add_clip(tr, "audio/a.wav", c * 0.5);
			cl->length = 0.4;
			cl->gain_db = -1.5;
		}
	}
	for (int m = 0; m < markers; m++) {
		char name[32];
		snprintf(name, sizeof name, "m%d", m + 1);
		project_add_marker(p, name, m * 0.1);
	}
	struct err_msg msg;
	mkdir(dir, 0755);
	if (project_save(p, &msg) != ERR_OK) {
		fprintf(stderr, "autosave_tick: %s\n", msg.text);
		return 1;
	}
	project_free(p);
	struct stat sb;
	char path[4096];
	snprintf(path, sizeof path, "%s/project.json", dir);
	if (stat(path, &sb) != 0)
		return 1;
	struct diag d;
	diag_init(&d);
	if (project_load(dir, &p, &d) != ERR_OK) {
		fprintf(stderr, "autosave_tick: cannot load %s\n", path);
		return 1;
	}
	diag_deinit(&d);
	printf("project.json: %.1f MB\n", (double)sb.st_size / 1e6);

	char side[4200];
	snprintf(side, sizeof side, "%s/.ttymix", dir);
	mkdir(side, 0755);
	snprintf(side, sizeof side, "%s/.ttymix/bench-old-autosave.json", dir);
	for (int i = 0; i < 2; i++) {
		p->tracks[0].strip.gain_db = -i;
		double t0 = clock_now_sec();
		char *text = project_to_json(p); /* the old tick's hash of what is on disk */
		free(text);
		enum err e = project_save_to(p, side, 1, &msg);
		double t1 = clock_now_sec();
		printf("before (printed on the UI thread) %d: UI thread %.3f s%s\n", i + 1,
			t1 - t0, e == ERR_OK ? "" : " (the write failed)");
	}
	unlink(side);

	/* the studio's session, with no audio opened: the autosave is all it does */
	char said[512] = "";
	struct studio st;
	setenv("TTYMIX_AUTOSAVE_SEC", "1", 1);
	studio_init(&st, p, false, NULL, (struct studio_voice){ bench_say, said, NULL });
	st.undo.saved_pos = (size_t)-1; /* unsaved */
	for (int i = 0; i < 4; i++) {
		p->tracks[0].strip.gain_db = -i; /* an edit since the last autosave */
		const double base = 100.0 * (i + 1);
		st.autosave_due = 0;
		studio_autosave_tick(&st, base);        /* starts the interval */
		double t0 = clock_now_sec();
		studio_autosave_tick(&st, base + 10.0); /* due: the autosave */
		double t1 = clock_now_sec();
		/* the loop goes on ticking; the write finishes on its worker */
		while (st.autosave_job) {
			usleep(1000);
			studio_autosave_tick(&st, base + 10.5);
		}
		double t2 = clock_now_sec();
		printf("after (snapshot, worker) %d: UI thread %.3f s, written %.3f s later%s%s\n",
			i + 1, t1 - t0,
			t2 - t1, said[0] ? ": " : "", said);
	}
	studio_autosave_remove(&st);
	studio_deinit(&st);
	return 0;
}
