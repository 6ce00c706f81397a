/* Recovery (issues 8 and 15: never lose work): the offer, when a project opens, of an
 * autosave a studio left behind (after a crash, kill -9 or a dropped SSH link): what
 * differs, in words, scrolling, and y/n. The autosaves themselves are written by the
 * studio session (src/studio/autosave.c: PROJECT/.ttymix/autosave.HOST.PID.json, or
 * the per-user state folder when the project folder cannot be written). */
#include "ui/autosave.h"

#include <curses.h>
#include <dirent.h>
#include <errno.h>
#include <limits.h>
#include <math.h>
#include <signal.h>
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

#define ARCHIVES_KEPT 5

struct archive {
	char *name;
	struct timespec mtime;
};

/* Newest first: by time, then by name (autosave-STAMP-2.json after autosave-STAMP). */
static int archive_cmp(const void *pa, const void *pb)
{
	const struct archive *a = pa, *b = pb;
	if (newer(&a->mtime, &b->mtime))
		return -1;
	if (newer(&b->mtime, &a->mtime))
		return 1;
	return -strcmp(a->name, b->name);
}

/* Keep the newest ARCHIVES_KEPT answered autosaves (autosave-*.json) in dir, and keep,
 * the one just archived, and remove the rest: each answered offer leaves one, and a folder of hundreds helps nobody.
 * A live autosave (autosave.HOST.PID.json) is never one of them. Best effort: a file
 * that cannot be removed stays. */
static void prune_archives(const char *dir, const char *keep)
{
	DIR *d = opendir(dir);
	if (!d)
		return;
	struct archive *list = NULL;
	size_t n = 0, cap = 0;
	const struct dirent *e;
	while ((e = readdir(d))) {
		const size_t len = strlen(e->d_name);
		if (strncmp(e->d_name, "autosave-", 9) || len < 14
			|| strcmp(e->d_name + len - 5, ".json"))
			continue;
		struct stat st;
		char *path = xasprintf("%s/%s", dir, e->d_name);
		const bool file = lstat(path, &st) == 0 && S_ISREG(st.st_mode);
		free(path);
		if (!file)
			continue;
		if (n == cap)
			list = xrealloc(list, (cap = cap ? 2 * cap : 16) * sizeof *list);
		list[n++] = (struct archive){ xstrdup(e->d_name), st.st_mtim };
	}
	closedir(d);
	if (n > ARCHIVES_KEPT)
		qsort(list, n, sizeof *list, archive_cmp);
	for (size_t i = 0; i < n; i++) {
		/* the one just moved aside is kept whatever its age says: rename keeps the
		 * autosave's own time, which may be older than five archives already there */
		if (i >= ARCHIVES_KEPT && strcmp(list[i].name, keep)) {
			char *path = xasprintf("%s/%s", dir, list[i].name);
			unlink(path);
			free(path);
		}
		free(list[i].name);
	}
	free(list);
}

static bool move_aside(struct ui_app *app, struct ui_autosave_offer *o)
{
	if (rename(o->path, o->archive) == 0) {
		char *dir = safefile_dirname(o->archive);
		const char *base = strrchr(o->archive, '/');
		prune_archives(dir, base ? base + 1 : o->archive);
		free(dir);
		return true;
	}
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
	if (strncmp(name, STUDIO_AUTOSAVE_LIVE_PREFIX, strlen(STUDIO_AUTOSAVE_LIVE_PREFIX)))
		return false;
	const char *host = name + strlen(STUDIO_AUTOSAVE_LIVE_PREFIX);
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
		bool live = !strncmp(name, STUDIO_AUTOSAVE_LIVE_PREFIX, strlen(STUDIO_AUTOSAVE_LIVE_PREFIX)) && len > 5
			&& !strcmp(name + len - 5, ".json");
		if (!live && strcmp(name, STUDIO_AUTOSAVE_LEGACY_FILE))
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
	char *dirs[2] = { studio_autosave_primary_dir(p), NULL };
	struct err_msg why;
	dirs[1] = studio_autosave_fallback_dir(p, false, &why);
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
	/* unsaved, and no undo step leads back to project.json's state (src/studio/undo.h) */
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
