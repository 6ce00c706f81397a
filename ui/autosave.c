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
 * turns it into JSON and writes it (issue 15, fault 14: printing a big project stalled the keys for
 * seconds). One write at a time: a tick that comes while one runs is skipped. */
#include "ui/autosave.h"

#include <curses.h>
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
#include "ui/draw.h"
#include "ui/keys.h"
#include "ui/theme.h"

#define AUTOSAVE_DIR ".ttymix"
#define LIVE_PREFIX "autosave."      /* autosave.HOST.PID.json: a studio's own */
#define LEGACY_FILE "autosave.json"  /* before each studio had its own */
#define FALLBACK_SUBDIR "autosave"   /* under paths_user_state() */

/* ---- names and places ---- */

static char *live_name(void)
{
	char host[HOST_NAME_SIZE];
	host_name(host, sizeof host);
	return xasprintf("%s%s.%ld.json", LIVE_PREFIX, host, (long)getpid());
}

static char *primary_dir(const struct project *p)
{
	return xasprintf("%s/%s", p->dir, AUTOSAVE_DIR);
}

/* The per-user folder for this project's autosaves when its own folder can't take
 * them: the folder's name and a hash of its real path, so that two projects called
 * "song" do not meet. NULL (msg says why) when there is no such folder. */
static char *fallback_dir(const struct project *p, bool create, struct err_msg *msg)
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
static int edits_since_save(const struct ui_app *app)
{
	const struct studio_undo *u = &app->st->undo;
	size_t n = u->saved_pos == (size_t)-1 ? u->pos
		: u->pos > u->saved_pos ? u->pos - u->saved_pos : u->saved_pos - u->pos;
	return app->st->autosave_base_edits + (int)n;
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
	return UI_AUTOSAVE_SEC;
}

void ui_autosave_init(struct ui_app *app)
{
	app->st->autosave_sec = app->st->throwaway ? 0 : interval_sec();
	app->st->autosave_due = 0;
}

/* ---- writing (the worker, or the UI thread on the way out) ---- */

/* One autosave: what to write where, and how it went. The worker owns it until done
 * is set; then the UI thread does. */
struct ui_autosave_job {
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

static void job_free(struct ui_autosave_job *j)
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
static void job_run(struct ui_autosave_job *j, struct project *p)
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
	struct ui_autosave_job *j = arg;
	job_run(j, j->snap);
	atomic_store_explicit(&j->done, true, memory_order_release);
	return NULL;
}

static struct ui_autosave_job *job_new(struct ui_app *app)
{
	struct ui_autosave_job *j = xcalloc(1, sizeof *j);
	atomic_init(&j->done, false);
	j->edits = edits_since_save(app);
	j->last_hash = app->st->autosave_hash;
	j->last_written = app->st->autosave_written;
	j->last_path = app->st->autosave_path ? xstrdup(app->st->autosave_path) : NULL;
	j->dirs[0] = primary_dir(app->st->project);
	j->dirs[1] = app->st->autosave_fallback ? xstrdup(app->st->autosave_fallback) : NULL;
	j->file_name = live_name();
	return j;
}

/* Take a finished job's result: remember where this studio's autosave is now (its
 * older file elsewhere goes), and say what the user must know. quiet: on the way
 * out, nothing is shown. */
static void job_result(struct ui_app *app, struct ui_autosave_job *j, bool quiet)
{
	if (j->skipped)
		return;
	if (!j->written) {
		app->st->autosave_written = false;
		if (!app->st->autosave_fallback && j->primary_why.text[0]) {
			/* the project folder refused: the per-user folder, at once */
			struct err_msg why;
			app->st->autosave_fallback = fallback_dir(app->st->project, true, &why);
			if (app->st->autosave_fallback) {
				app->st->autosave_due = -1; /* the next loop turn */
				return;
			}
		}
		if (!quiet)
			ui_error(app, "autosave failed: %s", j->msg.text);
		return;
	}
	const bool moved = !app->st->autosave_path || strcmp(app->st->autosave_path, j->written);
	if (moved && app->st->autosave_path)
		unlink(app->st->autosave_path); /* ours, and older than what was just written */
	free(app->st->autosave_path);
	app->st->autosave_path = xstrdup(j->written);
	app->st->autosave_written = true;
	app->st->autosave_hash = j->hash;
	const bool fallback = j->primary_why.text[0] != '\0';
	if (moved && fallback && !quiet) {
		/* the place first: the status line is one line */
		char *dir = safefile_dirname(j->written);
		const char *home = getenv("HOME");
		const size_t n = home ? strlen(home) : 0;
		const bool tilde = n > 1 && !strncmp(dir, home, n) && dir[n] == '/';
		const char *reason = strrchr(j->primary_why.text, ':');
		ui_error(app, "autosaved to %s%s/ (the project folder can't be written%s)",
			tilde ? "~" : "", tilde ? dir + n : dir, reason ? reason : "");
		free(dir);
	}
}

/* Wait for a running write and take its result. */
static void job_finish(struct ui_app *app, bool quiet)
{
	struct ui_autosave_job *j = app->st->autosave_job;
	if (!j)
		return;
	pthread_join(j->thread, NULL);
	app->st->autosave_job = NULL;
	job_result(app, j, quiet);
	job_free(j);
}

static bool job_start(struct ui_app *app)
{
	struct ui_autosave_job *j = job_new(app);
	j->snap = project_snapshot(app->st->project);
	sigset_t mask;
	ui_signals_block(&mask); /* SIGHUP and friends stay with the UI thread */
	int rc = pthread_create(&j->thread, NULL, job_main, j);
	ui_signals_restore(&mask);
	if (rc != 0) {
		job_free(j);
		return false;
	}
	app->st->autosave_job = j;
	return true;
}

bool ui_autosave_write(struct ui_app *app, struct err_msg *msg)
{
	msg->text[0] = '\0';
	if (app->st->throwaway)
		return true;
	job_finish(app, true);
	/* on the way out (SIGHUP, SIGTERM): no worker, no copy */
	for (int attempt = 0; attempt < 2; attempt++) {
		struct ui_autosave_job *j = job_new(app);
		job_run(j, app->st->project);
		const bool wrote = j->written || j->skipped;
		const bool retry = !wrote && !app->st->autosave_fallback;
		job_result(app, j, true);
		if (!wrote)
			*msg = j->msg;
		else if (j->written && j->primary_why.text[0])
			err_set(msg, ERR_OK, "the project folder can't be written (%s); autosaved "
				"to %s", j->primary_why.text, j->written);
		job_free(j);
		if (wrote)
			return true;
		if (!retry || !app->st->autosave_fallback)
			return false;
	}
	return false;
}

void ui_autosave_tick(struct ui_app *app, double now_sec)
{
	if (app->st->autosave_job
		&& atomic_load_explicit(&app->st->autosave_job->done, memory_order_acquire))
		job_finish(app, false);
	if (app->st->autosave_sec <= 0)
		return;
	if (!ui_dirty(app)) {
		app->st->autosave_due = 0; /* the clock starts again at the next change */
		return;
	}
	if (app->st->autosave_due == 0) {
		app->st->autosave_due = now_sec + app->st->autosave_sec;
		return;
	}
	if (now_sec < app->st->autosave_due)
		return;
	app->st->autosave_due = now_sec + app->st->autosave_sec;
	if (app->st->autosave_job)
		return; /* the last one is still being written: this tick is skipped */
	if (!job_start(app))
		ui_error(app, "autosave failed: no thread to write it on");
}

void ui_autosave_remove(struct ui_app *app)
{
	if (app->st->throwaway)
		return;
	job_finish(app, true);
	if (app->st->autosave_path)
		unlink(app->st->autosave_path);
	free(app->st->autosave_path);
	app->st->autosave_path = NULL;
	app->st->autosave_written = false;
}

void ui_autosave_saved(struct ui_app *app)
{
	app->st->autosave_base_edits = 0;
	app->st->autosave_due = 0;
	ui_autosave_remove(app);
}

void ui_autosave_free(struct ui_app *app)
{
	job_finish(app, true);
	free(app->st->autosave_path);
	free(app->st->autosave_fallback);
	app->st->autosave_path = app->st->autosave_fallback = NULL;
}

/* ---- the offer ---- */

struct ui_autosave_offer {
	struct project *saved;     /* the autosave, loaded */
	char *path;                /* its file */
	char *archive;             /* where it goes once answered */
	char *shown;               /* the file as the user reads it */
	char *archive_shown;
	char writer[160];          /* "studio 1234 on host" */
	struct project_diff diff;  /* project.json -> autosave */
	struct timespec saved_mtime, project_mtime;
	int edits;                 /* edits it was ahead by; -1: not recorded */
	int top;                   /* first line of the list shown */
	int rows;                  /* lines the list had when last drawn */
};

static bool newer(const struct timespec *a, const struct timespec *b)
{
	return a->tv_sec > b->tv_sec || (a->tv_sec == b->tv_sec && a->tv_nsec > b->tv_nsec);
}

/* DIR/autosave-YYYYMMDD-HHMMSS.json from the autosave's time, made unique. */
static char *archive_path(const char *dir, const struct timespec *when)
{
	struct tm tm;
	time_t t = when->tv_sec;
	char stamp[32];
	if (!localtime_r(&t, &tm) || !strftime(stamp, sizeof stamp, "%Y%m%d-%H%M%S", &tm))
		snprintf(stamp, sizeof stamp, "%lld", (long long)t);
	char *path = xasprintf("%s/autosave-%s.json", dir, stamp);
	for (int n = 2; access(path, F_OK) == 0 && n < 1000; n++) {
		free(path);
		path = xasprintf("%s/autosave-%s-%d.json", dir, stamp, n);
	}
	return path;
}

/* A file as the user knows it: after the project folder when it is in it. */
static char *shown_name(const struct project *p, const char *path)
{
	size_t n = strlen(p->dir);
	return xstrdup(!strncmp(path, p->dir, n) && path[n] == '/' ? path + n + 1 : path);
}

static bool move_aside(struct ui_app *app, struct ui_autosave_offer *o)
{
	if (rename(o->path, o->archive) == 0)
		return true;
	ui_error(app, "could not move the autosave to %s: %s (it stays as %s)", o->archive,
		strerror(errno), o->path);
	return false;
}

/* Whether the studio that writes autosave file name (in the form of live_name) is
 * running: then it is its work in progress, not something to recover. A writer on
 * another host cannot be asked, so its file counts as left behind. */
static bool writer_running(const char *name, char *writer, size_t size)
{
	snprintf(writer, size, "an older ttymix");
	if (strncmp(name, LIVE_PREFIX, strlen(LIVE_PREFIX)))
		return false;
	const char *host = name + strlen(LIVE_PREFIX);
	const char *end = strrchr(host, '.'); /* ".json" */
	const char *dot = NULL;
	for (const char *s = host; end && s < end; s++)
		if (*s == '.')
			dot = s;
	if (!end || !dot)
		return false;
	char *stop;
	long pid = strtol(dot + 1, &stop, 10);
	if (stop != end || pid <= 0)
		return false;
	char mine[HOST_NAME_SIZE];
	host_name(mine, sizeof mine);
	snprintf(writer, size, "studio %ld on %.*s", pid, (int)(dot - host), host);
	if ((size_t)(dot - host) != strlen(mine) || strncmp(host, mine, strlen(mine)))
		return false;
	if (pid == (long)getpid())
		return false; /* an earlier process that had our number */
	return host_pid_running(pid);
}

struct candidate {
	char *path;
	struct timespec mtime;
	char writer[160];
};

/* The autosaves in dir that no running studio is writing and that are newer than
 * project.json, appended to *c. */
static void scan_dir(const char *dir, const struct timespec *project_mtime,
	struct candidate **c, int *n)
{
	DIR *d = opendir(dir);
	if (!d)
		return;
	struct dirent *e;
	while ((e = readdir(d))) {
		const char *name = e->d_name;
		size_t len = strlen(name);
		bool live = !strncmp(name, LIVE_PREFIX, strlen(LIVE_PREFIX)) && len > 5
			&& !strcmp(name + len - 5, ".json");
		if (!live && strcmp(name, LEGACY_FILE))
			continue;
		char writer[160];
		if (writer_running(name, writer, sizeof writer))
			continue;
		char *path = xasprintf("%s/%s", dir, name);
		struct stat st;
		if (stat(path, &st) != 0 || !S_ISREG(st.st_mode)
			|| !newer(&st.st_mtim, project_mtime)) {
			free(path);
			continue;
		}
		*c = xrealloc(*c, (size_t)(*n + 1) * sizeof **c);
		(*c)[*n].path = path;
		(*c)[*n].mtime = st.st_mtim;
		snprintf((*c)[*n].writer, sizeof (*c)[*n].writer, "%s", writer);
		(*n)++;
	}
	closedir(d);
}

struct ui_autosave_offer *ui_autosave_find(struct ui_app *app)
{
	const struct project *p = app->st->project;
	if (app->st->throwaway)
		return NULL;
	struct stat st_project;
	if (stat(p->path, &st_project) != 0)
		return NULL;
	struct candidate *c = NULL;
	int n = 0;
	char *dirs[2] = { primary_dir(p), NULL };
	struct err_msg why;
	dirs[1] = fallback_dir(p, false, &why);
	for (int i = 0; i < 2; i++)
		if (dirs[i])
			scan_dir(dirs[i], &st_project.st_mtim, &c, &n);
	free(dirs[0]);
	free(dirs[1]);
	/* the newest first; the others stay where they are for the next open */
	int best = -1;
	for (int i = 0; i < n; i++)
		if (best < 0 || newer(&c[i].mtime, &c[best].mtime))
			best = i;
	struct ui_autosave_offer *o = NULL;
	if (best >= 0) {
		o = xcalloc(1, sizeof *o);
		project_diff_init(&o->diff);
		o->path = c[best].path;
		c[best].path = NULL;
		o->saved_mtime = c[best].mtime;
		o->project_mtime = st_project.st_mtim;
		snprintf(o->writer, sizeof o->writer, "%s", c[best].writer);
	}
	for (int i = 0; i < n; i++)
		free(c[i].path);
	free(c);
	if (!o)
		return NULL;
	struct diag d;
	diag_init(&d);
	enum err e = project_load(o->path, &o->saved, &d);
	o->shown = shown_name(p, o->path);
	if (e != ERR_OK) {
		ui_error(app, "an autosave (%s) is newer than project.json but cannot be read "
			"(%s); it is left as it is", o->shown, d.count ? d.items[0].text : err_str(e));
		diag_deinit(&d);
		ui_autosave_offer_free(o);
		return NULL;
	}
	diag_deinit(&d);
	o->edits = project_autosave_edits(o->saved);
	char *dir = safefile_dirname(o->path);
	o->archive = archive_path(dir, &o->saved_mtime);
	free(dir);
	o->archive_shown = shown_name(p, o->archive);
	project_diff(p, o->saved, &o->diff);
	if (o->diff.count == 0) {
		/* every field compared equal: project.json already holds all of it */
		if (move_aside(app, o))
			ui_message(app, "an autosave matched project.json; kept as %s",
				o->archive_shown);
		ui_autosave_offer_free(o);
		return NULL;
	}
	return o;
}

static void format_time(const struct timespec *ts, char *buf, size_t size)
{
	struct tm tm;
	time_t t = ts->tv_sec;
	if (!localtime_r(&t, &tm) || !strftime(buf, size, "%Y-%m-%d %H:%M:%S", &tm))
		snprintf(buf, size, "%lld", (long long)t);
}

/* The list's rows on this screen. */
static int list_rows(void)
{
	const int rows = LINES - 4 - 8 + 1;
	return rows > 1 ? rows : 1;
}

void ui_autosave_offer_draw(struct ui_autosave_offer *o)
{
	const int normal = ui_theme_attr(UI_ROLE_NORMAL);
	const int label = ui_theme_attr(UI_ROLE_LABEL);
	char saved_at[64], project_at[64], edits[64];
	format_time(&o->saved_mtime, saved_at, sizeof saved_at);
	format_time(&o->project_mtime, project_at, sizeof project_at);
	if (o->edits >= 0)
		snprintf(edits, sizeof edits, ", %d edit%s after the last save", o->edits,
			o->edits == 1 ? "" : "s");
	else
		edits[0] = '\0';
	erase();
	ui_textf(0, 0, COLS, ui_theme_attr(UI_ROLE_TITLE), true,
		" Recover unsaved work: %s", o->saved->name);
	ui_text(2, 0, COLS, normal, true,
		"An autosave is newer than project.json: ttymix ended before a save.");
	ui_textf(3, 2, COLS - 2, label, true, "autosave      %s%s", saved_at, edits);
	ui_textf(4, 2, COLS - 2, label, true, "              %s (%s)", o->shown, o->writer);
	ui_textf(5, 2, COLS - 2, label, true, "project.json  %s", project_at);
	const int rows = list_rows();
	o->rows = rows;
	if (o->top > o->diff.count - rows)
		o->top = o->diff.count - rows;
	if (o->top < 0)
		o->top = 0;
	const bool scrolls = o->diff.count > rows;
	ui_textf(7, 0, COLS, ui_theme_attr(UI_ROLE_HEADING), false,
		"What differs (project.json -> autosave): %d line%s%s", o->diff.count,
		o->diff.count == 1 ? "" : "s",
		scrolls ? "  (Up/Down, PgUp/PgDn scroll)" : "");
	for (int i = 0; i < rows && o->top + i < o->diff.count; i++)
		ui_text(8 + i, 2, COLS - 2, normal, true, o->diff.lines[o->top + i]);
	if (scrolls)
		ui_textf(LINES - 3, 2, COLS - 2, label, true, "lines %d-%d of %d", o->top + 1,
			o->top + rows < o->diff.count ? o->top + rows : o->diff.count,
			o->diff.count);
	ui_text(LINES - 2, 0, COLS, ui_theme_attr(UI_ROLE_PROMPT), true,
		"Restore the autosave? (y/n)  y: go on from it (unsaved)  n: keep project.json");
	ui_textf(LINES - 1, 0, COLS, label, true, "Both are kept: the autosave moves to %s",
		o->archive_shown);
}

bool ui_autosave_offer_key(struct ui_autosave_offer *o, int key)
{
	const int page = o->rows > 1 ? o->rows - 1 : 1;
	switch (key) {
	case KEY_UP:
	case 'k':
		o->top--;
		break;
	case KEY_DOWN:
	case 'j':
		o->top++;
		break;
	case KEY_PPAGE:
		o->top -= page;
		break;
	case KEY_NPAGE:
	case ' ':
		o->top += page;
		break;
	case KEY_HOME:
	case 'g':
		o->top = 0;
		break;
	case KEY_END:
	case 'G':
		o->top = o->diff.count;
		break;
	default:
		return false;
	}
	if (o->top < 0)
		o->top = 0; /* the draw clamps the bottom end to the screen */
	return true;
}

void ui_autosave_offer_accept(struct ui_app *app, struct ui_autosave_offer *o)
{
	struct project *old = app->st->project;
	struct project *p = o->saved;
	o->saved = NULL;
	/* it was loaded from .ttymix/ (or the per-user folder): it belongs where
	 * project.json is */
	free(p->dir);
	free(p->path);
	p->dir = xstrdup(old->dir);
	p->path = xstrdup(old->path);
	app->st->project = p;
	project_free(old);
	/* unsaved, and no undo step leads back to project.json's state (ui/undo.h) */
	app->st->undo.saved_pos = (size_t)-1;
	app->st->autosave_base_edits = o->edits > 0 ? o->edits : 1;
	if (move_aside(app, o))
		ui_message(app, "restored the autosave (unsaved); kept as %s", o->archive_shown);
}

void ui_autosave_offer_decline(struct ui_app *app, struct ui_autosave_offer *o)
{
	if (move_aside(app, o))
		ui_message(app, "kept project.json; autosave moved to %s", o->archive_shown);
}

void ui_autosave_offer_free(struct ui_autosave_offer *o)
{
	if (!o)
		return;
	project_free(o->saved);
	project_diff_deinit(&o->diff);
	free(o->path);
	free(o->shown);
	free(o->archive);
	free(o->archive_shown);
	free(o);
}
