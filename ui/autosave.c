/* Autosave and recovery (issue 8: never lose work). While the project has unsaved
 * changes it is written every so often to PROJECT/.ttymix/autosave.json, atomically
 * (project_save_to: temporary file, fsync, rename), with how many edits it is ahead
 * of project.json. A save or a clean quit removes it; a crash, kill -9 or a dropped
 * SSH link leaves it for the next open, which offers it back. */
#include "ui/autosave.h"

#include <curses.h>
#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "src/paths.h"
#include "src/project_diff.h"
#include "src/xalloc.h"
#include "ui/draw.h"
#include "ui/theme.h"

#define AUTOSAVE_DIR ".ttymix"
#define AUTOSAVE_FILE "autosave.json"

struct ui_autosave_offer {
	struct project *saved;     /* the autosave, loaded */
	char *path;                /* its file */
	char *archive;             /* where it goes once answered */
	const char *archive_shown; /* the same after the project folder */
	struct project_diff diff;  /* project.json -> autosave */
	struct timespec saved_mtime, project_mtime;
	int edits;                 /* edits it was ahead by; -1: not recorded */
};

static char *autosave_path(const struct project *p)
{
	return xasprintf("%s/%s/%s", p->dir, AUTOSAVE_DIR, AUTOSAVE_FILE);
}

/* How far the working state is from project.json, in edits: what the undo cursor
 * moved since the save, plus what a restored autosave was already ahead by. */
static int edits_since_save(const struct ui_app *app)
{
	const struct ui_undo *u = &app->undo;
	size_t n = u->saved_pos == (size_t)-1 ? u->pos
		: u->pos > u->saved_pos ? u->pos - u->saved_pos : u->saved_pos - u->pos;
	return app->autosave_base_edits + (int)n;
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
	app->autosave_sec = app->throwaway ? 0 : interval_sec();
	app->autosave_due = 0;
}

/* FNV-1a: to skip writing what is already on disk. */
static uint64_t text_hash(const char *s, int edits)
{
	uint64_t h = 1469598103934665603u ^ (uint64_t)(unsigned)edits;
	for (; *s; s++)
		h = (h ^ (unsigned char)*s) * 1099511628211u;
	return h;
}

bool ui_autosave_write(struct ui_app *app, struct err_msg *msg)
{
	struct project *p = app->project;
	if (app->throwaway)
		return true;
	char *dir = xasprintf("%s/%s", p->dir, AUTOSAVE_DIR);
	enum err e = paths_mkdirs(dir, msg);
	free(dir);
	if (e != ERR_OK)
		return false;
	const int edits = edits_since_save(app);
	char *text = project_to_json(p);
	const uint64_t hash = text_hash(text, edits);
	free(text);
	char *path = autosave_path(p);
	bool ok = true;
	if (!(app->autosave_written && hash == app->autosave_hash && access(path, F_OK) == 0)) {
		ok = project_save_to(p, path, edits, msg) == ERR_OK;
		if (ok) {
			app->autosave_written = true;
			app->autosave_hash = hash;
		}
	}
	free(path);
	return ok;
}

void ui_autosave_tick(struct ui_app *app, double now_sec)
{
	if (app->autosave_sec <= 0)
		return;
	if (!ui_dirty(app)) {
		app->autosave_due = 0; /* the clock starts again at the next change */
		return;
	}
	if (app->autosave_due == 0) {
		app->autosave_due = now_sec + app->autosave_sec;
		return;
	}
	if (now_sec < app->autosave_due)
		return;
	app->autosave_due = now_sec + app->autosave_sec;
	struct err_msg msg;
	if (!ui_autosave_write(app, &msg))
		ui_error(app, "autosave failed: %s", msg.text);
}

void ui_autosave_remove(struct ui_app *app)
{
	if (app->throwaway)
		return;
	char *path = autosave_path(app->project);
	unlink(path);
	free(path);
	app->autosave_written = false;
}

void ui_autosave_saved(struct ui_app *app)
{
	app->autosave_base_edits = 0;
	app->autosave_due = 0;
	ui_autosave_remove(app);
}

/* ---- the offer ---- */

static bool newer(const struct timespec *a, const struct timespec *b)
{
	return a->tv_sec > b->tv_sec || (a->tv_sec == b->tv_sec && a->tv_nsec > b->tv_nsec);
}

/* .ttymix/autosave-YYYYMMDD-HHMMSS.json from the autosave's time, made unique. */
static char *archive_path(const struct project *p, const struct timespec *when)
{
	struct tm tm;
	time_t t = when->tv_sec;
	char stamp[32];
	if (!localtime_r(&t, &tm) || !strftime(stamp, sizeof stamp, "%Y%m%d-%H%M%S", &tm))
		snprintf(stamp, sizeof stamp, "%lld", (long long)t);
	char *path = xasprintf("%s/%s/autosave-%s.json", p->dir, AUTOSAVE_DIR, stamp);
	for (int n = 2; access(path, F_OK) == 0 && n < 1000; n++) {
		free(path);
		path = xasprintf("%s/%s/autosave-%s-%d.json", p->dir, AUTOSAVE_DIR, stamp, n);
	}
	return path;
}

/* The file name after the project folder, as the user knows it. */
static const char *short_name(const struct project *p, const char *path)
{
	size_t n = strlen(p->dir);
	return !strncmp(path, p->dir, n) && path[n] == '/' ? path + n + 1 : path;
}

static bool move_aside(struct ui_app *app, struct ui_autosave_offer *o)
{
	if (rename(o->path, o->archive) == 0)
		return true;
	ui_error(app, "could not move the autosave to %s: %s (it stays as %s)", o->archive,
		strerror(errno), o->path);
	return false;
}

struct ui_autosave_offer *ui_autosave_find(struct ui_app *app)
{
	const struct project *p = app->project;
	if (app->throwaway)
		return NULL;
	struct ui_autosave_offer *o = xcalloc(1, sizeof *o);
	project_diff_init(&o->diff);
	o->path = autosave_path(p);
	struct stat st_saved, st_project;
	if (stat(o->path, &st_saved) != 0 || stat(p->path, &st_project) != 0) {
		ui_autosave_offer_free(o);
		return NULL;
	}
	o->saved_mtime = st_saved.st_mtim;
	o->project_mtime = st_project.st_mtim;
	if (!newer(&o->saved_mtime, &o->project_mtime)) {
		ui_autosave_offer_free(o); /* saved since: project.json is the newer work */
		return NULL;
	}
	struct diag d;
	diag_init(&d);
	enum err e = project_load(o->path, &o->saved, &d);
	if (e != ERR_OK) {
		ui_error(app, "an autosave is newer than project.json but cannot be read (%s); "
			"it is left as it is", d.count ? d.items[0].text : err_str(e));
		diag_deinit(&d);
		ui_autosave_offer_free(o);
		return NULL;
	}
	diag_deinit(&d);
	o->edits = project_autosave_edits(o->saved);
	o->archive = archive_path(p, &o->saved_mtime);
	o->archive_shown = short_name(p, o->archive);
	project_diff(p, o->saved, &o->diff);
	if (o->diff.count == 0) {
		if (move_aside(app, o))
			ui_message(app, "an autosave matched project.json; kept as %s",
				short_name(p, o->archive));
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

void ui_autosave_offer_draw(const struct ui_autosave_offer *o)
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
	ui_textf(4, 2, COLS - 2, label, true, "project.json  %s", project_at);
	ui_textf(6, 0, COLS, ui_theme_attr(UI_ROLE_HEADING), false,
		"What differs (project.json -> autosave): %d field%s", o->diff.count,
		o->diff.count == 1 ? "" : "s");
	const int first = 7, last = LINES - 4; /* rows for the list */
	int y = first;
	for (int i = 0; i < o->diff.count && y <= last; i++, y++) {
		if (y == last && i < o->diff.count - 1) {
			ui_textf(y, 2, COLS - 2, label, true, "... and %d more", o->diff.count - i);
			break;
		}
		ui_text(y, 2, COLS - 2, normal, true, o->diff.lines[i]);
	}
	ui_text(LINES - 2, 0, COLS, ui_theme_attr(UI_ROLE_PROMPT), true,
		"Restore the autosave? (y/n)  y: go on from it (unsaved)  n: keep project.json");
	ui_textf(LINES - 1, 0, COLS, label, true, "Both are kept: the autosave moves to %s",
		o->archive_shown);
}

void ui_autosave_offer_accept(struct ui_app *app, struct ui_autosave_offer *o)
{
	struct project *old = app->project;
	struct project *p = o->saved;
	o->saved = NULL;
	/* it was loaded from .ttymix/: it belongs where project.json is */
	free(p->dir);
	free(p->path);
	p->dir = xstrdup(old->dir);
	p->path = xstrdup(old->path);
	app->project = p;
	project_free(old);
	/* unsaved, and no undo step leads back to project.json's state (ui/undo.h) */
	app->undo.saved_pos = (size_t)-1;
	app->autosave_base_edits = o->edits > 0 ? o->edits : 1;
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
	free(o->archive);
	free(o);
}
