/* Autosave and recovery (issues 8 and 15: never lose work). While the project has
 * unsaved changes it is written every so often, with how many edits it is ahead of
 * project.json, to a file of this studio's own:
 * PROJECT/.ttymix/autosave.HOST.PID.json, or, when the project folder cannot be
 * written, $XDG_STATE_HOME/ttymix/autosave/NAME-HASH/autosave.HOST.PID.json (the status
 * line says so). A save or a clean quit removes this studio's file and no other; a
 * crash, kill -9 or a dropped SSH link leaves it for the next open, which offers it
 * back.
 *
 * The UI thread only takes a snapshot of the project (project_snapshot); a worker
 * turns it into JSON and writes it (issue 15, fault 14: printing a big project
 * stalled the keys for seconds). One write at a time: a tick that comes while one
 * runs is skipped. */
#include "src/studio/studio.h"

#include <dirent.h>
#include <errno.h>
#include <limits.h>
#include <math.h>
#include <pthread.h>
#include <signal.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "src/base/fnv.h"
#include "src/host.h"
#include "src/paths.h"
#include "src/project_diff.h"
#include "src/base/safefile.h"
#include "src/base/xalloc.h"

#define AUTOSAVE_DIR ".ttymix"
#define FALLBACK_SUBDIR "autosave"   /* under paths_user_state() */

/* ---- names and places ---- */

static char *live_name(void)
{
	char host[HOST_NAME_SIZE];
	host_name(host, sizeof host);
	return xasprintf("%s%s.%ld.json", STUDIO_AUTOSAVE_LIVE_PREFIX, host, (long)getpid());
}

char *studio_autosave_primary_dir(const struct project *p)
{
	return xasprintf("%s/%s", p->dir, AUTOSAVE_DIR);
}

/* The per-user folder for this project's autosaves when its own folder can't take
 * them: the folder's name and a hash of its real path, so that two projects called
 * "song" do not meet. NULL (msg says why) when there is no such folder. */
char *studio_autosave_fallback_dir(const struct project *p, bool create,
	struct err_msg *msg)
{
	char *state = paths_user_state(msg);
	if (!state)
		return NULL;
	char real[PATH_MAX];
	const char *dir = realpath(p->dir, real) ? real : p->dir;
	const char *base = strrchr(dir, '/');
	base = base && base[1] ? base + 1 : dir;
	char name[64];
	snprintf(name, sizeof name, "%.60s", base);
	for (char *s = name; *s; s++)
		if (*s == '/' || *s == '.' || (unsigned char)*s < 0x20)
			*s = '_';
	char *path = xasprintf("%s/%s/%s-%016llx", state, FALLBACK_SUBDIR, name,
		(unsigned long long)fnv1a(FNV1A_INIT, dir, strlen(dir)));
	free(state);
	if (create && paths_mkdirs(path, msg) != ERR_OK) {
		free(path);
		return NULL;
	}
	return path;
}

/* How far the working state is from project.json, in edits: what the undo cursor
 * moved since the save, plus what a restored autosave was already ahead by. */
static int edits_since_save(const struct studio *st)
{
	const struct studio_undo *u = &st->undo;
	size_t n = u->saved_pos == (size_t)-1 ? u->pos
		: u->pos > u->saved_pos ? u->pos - u->saved_pos : u->saved_pos - u->pos;
	return st->autosave_base_edits + (int)n;
}

static double interval_sec(void)
{
	const char *s = getenv("TTYMIX_AUTOSAVE_SEC");
	if (s && *s) {
		char *end;
		double v = strtod(s, &end);
		if (!*end && isfinite(v) && v > 0)
			return v;
	}
	return STUDIO_AUTOSAVE_SEC;
}

void studio_autosave_init(struct studio *st)
{
	st->autosave_sec = st->throwaway ? 0 : interval_sec();
	st->autosave_due = 0;
}

/* ---- writing (the worker, or the UI thread on the way out) ---- */

/* One autosave: what to write where, and how it went. The worker owns it until done
 * is set; then the UI thread does. */
struct studio_autosave_job {
	pthread_t thread;
	atomic_bool done;
	struct project *snap;        /* owned: the snapshot to write (project_snapshot) */
	int edits;
	uint64_t last_hash;          /* what last_path holds, when last_written */
	bool last_written;
	char *last_path;             /* this studio's autosave now, or NULL */
	char *dirs[2];               /* the project's .ttymix/, then the fallback or NULL */
	char *file_name;
	/* the result */
	enum err err;
	struct err_msg msg;          /* why it failed (both places) */
	struct err_msg primary_why;  /* why the project folder could not take it */
	char *written;               /* where it went; NULL when skipped or failed */
	uint64_t hash;
	bool skipped;                /* last_path already holds this text */
};

static void job_free(struct studio_autosave_job *j)
{
	if (!j)
		return;
	project_snapshot_free(j->snap);
	free(j->last_path);
	free(j->dirs[0]);
	free(j->dirs[1]);
	free(j->file_name);
	free(j->written);
	free(j);
}

/* Whether the autosave at path is there and newer than project.json: once another
 * studio saved, an autosave holding what that save lacks must be written again, or
 * the next open would take it for older work and not offer it. */
static bool still_newer(const char *path, const char *project_path)
{
	struct stat a, p;
	if (stat(path, &a) != 0)
		return false;
	if (stat(project_path, &p) != 0)
		return true;
	return a.st_mtim.tv_sec > p.st_mtim.tv_sec || (a.st_mtim.tv_sec == p.st_mtim.tv_sec
		&& a.st_mtim.tv_nsec > p.st_mtim.tv_nsec);
}

/* Serialise p and write it into the first folder that takes it. */
static void job_run(struct studio_autosave_job *j, struct project *p)
{
	char *text = project_autosave_json(p, j->edits);
	const size_t len = strlen(text);
	uint64_t h = fnv1a(FNV1A_INIT, &j->edits, sizeof j->edits);
	j->hash = fnv1a(h, text, len);
	if (j->last_written && j->last_path && j->hash == j->last_hash
		&& still_newer(j->last_path, p->path)) {
		j->skipped = true;
		j->err = ERR_OK;
		free(text);
		return;
	}
	j->err = ERR_IO;
	j->primary_why.text[0] = '\0';
	for (int i = 0; i < 2 && j->dirs[i] && !j->written; i++) {
		struct err_msg *why = i == 0 ? &j->primary_why : &j->msg;
		char *path = xasprintf("%s/%s", j->dirs[i], j->file_name);
		enum err e = paths_mkdirs(j->dirs[i], why);
		if (e == ERR_OK)
			e = safefile_replace(path, text, len, SAFEFILE_KEEP_MODE, why);
		if (e == ERR_OK) {
			j->written = path;
			j->err = ERR_OK;
		} else {
			j->err = e;
			free(path);
		}
	}
	if (!j->written && !j->dirs[1])
		j->msg = j->primary_why;
	else if (!j->written) {
		const struct err_msg second = j->msg;
		err_set(&j->msg, j->err, "%.1000s; and %.1000s", j->primary_why.text, second.text);
	}
	free(text);
}

static void *job_main(void *arg)
{
	struct studio_autosave_job *j = arg;
	job_run(j, j->snap);
	atomic_store_explicit(&j->done, true, memory_order_release);
	return NULL;
}

static struct studio_autosave_job *job_new(struct studio *st)
{
	struct studio_autosave_job *j = xcalloc(1, sizeof *j);
	atomic_init(&j->done, false);
	j->edits = edits_since_save(st);
	j->last_hash = st->autosave_hash;
	j->last_written = st->autosave_written;
	j->last_path = st->autosave_path ? xstrdup(st->autosave_path) : NULL;
	j->dirs[0] = studio_autosave_primary_dir(st->project);
	j->dirs[1] = st->autosave_fallback ? xstrdup(st->autosave_fallback) : NULL;
	j->file_name = live_name();
	return j;
}

/* Take a finished job's result: remember where this studio's autosave is now (its
 * older file elsewhere goes), and say what the user must know. quiet: on the way
 * out, nothing is shown. */
static void job_result(struct studio *st, struct studio_autosave_job *j, bool quiet)
{
	if (j->skipped)
		return;
	if (!j->written) {
		st->autosave_written = false;
		if (!st->autosave_fallback && j->primary_why.text[0]) {
			/* the project folder refused: the per-user folder, at once */
			struct err_msg why;
			st->autosave_fallback = studio_autosave_fallback_dir(st->project, true, &why);
			if (st->autosave_fallback) {
				st->autosave_due = -1; /* the next loop turn */
				return;
			}
		}
		if (!quiet)
			studio_error(st, "autosave failed: %s", j->msg.text);
		return;
	}
	const bool moved = !st->autosave_path || strcmp(st->autosave_path, j->written);
	if (moved && st->autosave_path)
		unlink(st->autosave_path); /* ours, and older than what was just written */
	free(st->autosave_path);
	st->autosave_path = xstrdup(j->written);
	st->autosave_written = true;
	st->autosave_hash = j->hash;
	const bool fallback = j->primary_why.text[0] != '\0';
	if (moved && fallback && !quiet) {
		/* the place first: the status line is one line */
		char *dir = safefile_dirname(j->written);
		const char *home = getenv("HOME");
		const size_t n = home ? strlen(home) : 0;
		const bool tilde = n > 1 && !strncmp(dir, home, n) && dir[n] == '/';
		const char *reason = strrchr(j->primary_why.text, ':');
		studio_error(st, "autosaved to %s%s/ (the project folder can't be written%s)",
			tilde ? "~" : "", tilde ? dir + n : dir, reason ? reason : "");
		free(dir);
	}
}

/* Wait for a running write and take its result. */
static void job_finish(struct studio *st, bool quiet)
{
	struct studio_autosave_job *j = st->autosave_job;
	if (!j)
		return;
	pthread_join(j->thread, NULL);
	st->autosave_job = NULL;
	job_result(st, j, quiet);
	job_free(j);
}

static bool job_start(struct studio *st)
{
	struct studio_autosave_job *j = job_new(st);
	j->snap = project_snapshot(st->project);
	sigset_t mask;
	studio_signals_block(&mask); /* SIGHUP and friends stay with the UI thread */
	int rc = pthread_create(&j->thread, NULL, job_main, j);
	studio_signals_restore(&mask);
	if (rc != 0) {
		job_free(j);
		return false;
	}
	st->autosave_job = j;
	return true;
}

bool studio_autosave_write(struct studio *st, struct err_msg *msg)
{
	msg->text[0] = '\0';
	if (st->throwaway)
		return true;
	job_finish(st, true);
	/* on the way out (SIGHUP, SIGTERM): no worker, no copy */
	for (int attempt = 0; attempt < 2; attempt++) {
		struct studio_autosave_job *j = job_new(st);
		job_run(j, st->project);
		const bool wrote = j->written || j->skipped;
		const bool retry = !wrote && !st->autosave_fallback;
		job_result(st, j, true);
		if (!wrote)
			*msg = j->msg;
		else if (j->written && j->primary_why.text[0])
			err_set(msg, ERR_OK, "the project folder can't be written (%s); autosaved "
				"to %s", j->primary_why.text, j->written);
		job_free(j);
		if (wrote)
			return true;
		if (!retry || !st->autosave_fallback)
			return false;
	}
	return false;
}

void studio_autosave_tick(struct studio *st, double now_sec)
{
	if (st->autosave_job
		&& atomic_load_explicit(&st->autosave_job->done, memory_order_acquire))
		job_finish(st, false);
	if (st->autosave_sec <= 0)
		return;
	if (!studio_dirty(st)) {
		st->autosave_due = 0; /* the clock starts again at the next change */
		return;
	}
	if (st->autosave_due == 0) {
		st->autosave_due = now_sec + st->autosave_sec;
		return;
	}
	if (now_sec < st->autosave_due)
		return;
	st->autosave_due = now_sec + st->autosave_sec;
	if (st->autosave_job)
		return; /* the last one is still being written: this tick is skipped */
	if (!job_start(st))
		studio_error(st, "autosave failed: no thread to write it on");
}

void studio_autosave_remove(struct studio *st)
{
	if (st->throwaway)
		return;
	job_finish(st, true);
	if (st->autosave_path)
		unlink(st->autosave_path);
	free(st->autosave_path);
	st->autosave_path = NULL;
	st->autosave_written = false;
}

void studio_autosave_saved(struct studio *st)
{
	st->autosave_base_edits = 0;
	st->autosave_due = 0;
	studio_autosave_remove(st);
}

void studio_autosave_free(struct studio *st)
{
	job_finish(st, true);
	free(st->autosave_path);
	free(st->autosave_fallback);
	st->autosave_path = st->autosave_fallback = NULL;
}
