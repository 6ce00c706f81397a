/* :album on a worker (src/base/worker.h): the worker owns a copy of the project (the
 * UI keeps editing the original) and its report until the worker has finished or
 * been stopped; the UI then reads the report. */
#include "src/studio/album.h"

#include <math.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "src/album.h"
#include "src/base/worker.h"
#include "src/base/xalloc.h"

struct studio_album_job {
	struct worker *worker;        /* the UI's handle */
	/* The worker thread's own handle, set by job_render before album_render: the
	 * progress callback may fire before worker_run_once has returned `worker`. */
	struct worker *self;
	struct project *copy;         /* the worker's */
	char *out_dir;
	struct album_opts opts;
	struct album_report report;   /* the worker's until it has finished or stopped */
	enum err result;              /* likewise: whether report needs freeing */
	int shown_percent;            /* UI side */
};

static bool job_progress(void *arg, double fraction)
{
	struct studio_album_job *j = arg;
	atomic_store_explicit(worker_progress_slot(j->self), (int)(fraction * 1000),
		memory_order_relaxed);
	return !atomic_load_explicit(worker_cancel_flag(j->self), memory_order_relaxed);
}

static void job_warn(void *arg, const char *why)
{
	(void)arg;
	(void)why; /* the song plays the same failure in the studio: check says which */
}

static enum err job_render(void *arg, struct worker *w, struct err_msg *msg)
{
	struct studio_album_job *j = arg;
	j->self = w;
	j->result = album_render(j->copy, &j->opts, &j->report, msg);
	return j->result;
}

/* After worker_stop (the thread has ended). */
static void job_free(struct studio_album_job *j)
{
	if (j->result == ERR_OK)
		album_report_deinit(&j->report);
	project_free(j->copy);
	free(j->out_dir);
	free(j);
}

/* :album [DIR] (src/studio/album.h) */
bool studio_album_start(struct studio *st, const char *out_dir)
{
	if (st->album) {
		studio_error(st, "the album is already rendering");
		return false;
	}
	if (!st->project->album) {
		studio_error(st, "no album in this project: add \"album\" to project.json "
			"(docs/project-format.md)");
		return false;
	}
	struct studio_album_job *j = xcalloc(1, sizeof *j);
	char *text = project_to_json(st->project);
	struct diag d;
	diag_init(&d);
	project_from_json(text, st->project->dir, st->project->path, &j->copy, &d);
	free(text);
	if (!j->copy) {
		studio_error(st, "album not rendered: %s", diag_first_error(&d));
		diag_deinit(&d);
		free(j);
		return false;
	}
	diag_deinit(&d);
	j->out_dir = out_dir ? xstrdup(out_dir)
		: xasprintf("%s/renders/album", st->project->dir);
	album_opts_init(&j->opts);
	j->opts.out_dir = j->out_dir;
	j->opts.warn = job_warn;
	j->opts.progress = job_progress;
	j->opts.progress_arg = j;
	j->shown_percent = -1;
	j->result = ERR_IO;
	if (!(j->worker = worker_run_once(job_render, j))) {
		job_free(j);
		studio_error(st, "album not rendered: no thread to render on");
		return false;
	}
	st->album = j;
	studio_message(st, "rendering the album into %s...", j->out_dir);
	return true;
}

/* "album: 1 One -14.1, 2 Two -15.0 LUFS | -14.0 LUFS, -1.2 dBTP (+2.1 dB) -> DIR" */
static void show_table(struct studio *st, const struct studio_album_job *j)
{
	const struct album_report *r = &j->report;
	char line[512];
	size_t n = (size_t)snprintf(line, sizeof line, "album:");
	for (int i = 0; i < r->n_songs && n < sizeof line; i++)
		n += (size_t)snprintf(line + n, sizeof line - n, "%s %d %.20s %.1f", i ? "," : "",
			i + 1, r->songs[i].title, r->songs[i].after.integrated_lufs);
	if (n < sizeof line)
		snprintf(line + n, sizeof line - n, " LUFS | album %.1f LUFS, %.1f dBTP (%+.1f dB%s) "
			"-> %s", r->after.integrated_lufs, r->after.true_peak_dbtp, r->gain_db,
			r->target_reached ? "" : ", held back by the ceiling", j->out_dir);
	studio_message(st, "%s", line);
}

void studio_album_poll(struct studio *st)
{
	struct studio_album_job *j = st->album;
	if (!j)
		return;
	enum err e;
	struct err_msg msg;
	if (!worker_finished(j->worker, &e, &msg)) {
		int percent = atomic_load_explicit(worker_progress_slot(j->worker),
			memory_order_relaxed) / 10;
		if (percent != j->shown_percent) {
			j->shown_percent = percent;
			studio_message(st, "rendering the album into %s... %d%%", j->out_dir, percent);
		}
		return;
	}
	worker_stop(j->worker);
	st->album = NULL;
	if (e != ERR_OK)
		studio_error(st, "album not rendered: %s", msg.text);
	else
		show_table(st, j);
	job_free(j);
}

void studio_album_stop(struct studio *st)
{
	struct studio_album_job *j = st->album;
	if (!j)
		return;
	worker_stop(j->worker);
	st->album = NULL;
	job_free(j);
}
