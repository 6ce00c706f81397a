/* The project lock in the studio, and Save As (see saving.h). */
#include "ui/saving.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "src/project_saveas.h"
#include "src/base/xalloc.h"
#include "src/studio/undo.h"

/* What project.json on disk is now: this studio's own, as it read or wrote it. */
static void stamp_disk(struct ui_app *app)
{
	struct stat st;
	app->st->disk_known = stat(app->st->project->path, &st) == 0;
	if (!app->st->disk_known)
		return;
	app->st->disk_dev = (unsigned long long)st.st_dev;
	app->st->disk_ino = (unsigned long long)st.st_ino;
	app->st->disk_size = (unsigned long long)st.st_size;
	app->st->disk_mtime_sec = (long long)st.st_mtim.tv_sec;
	app->st->disk_mtime_nsec = (long long)st.st_mtim.tv_nsec;
}

/* Whether project.json has been replaced or changed since stamp_disk (every save is a
 * new file renamed into place: a new inode). A file gone since is no work to lose. */
static bool changed_on_disk(const struct ui_app *app)
{
	struct stat st;
	if (!app->st->disk_known || stat(app->st->project->path, &st) != 0)
		return false;
	return (unsigned long long)st.st_dev != app->st->disk_dev
		|| (unsigned long long)st.st_ino != app->st->disk_ino
		|| (unsigned long long)st.st_size != app->st->disk_size
		|| (long long)st.st_mtim.tv_sec != app->st->disk_mtime_sec
		|| (long long)st.st_mtim.tv_nsec != app->st->disk_mtime_nsec;
}

void ui_saving_saved(struct ui_app *app)
{
	stamp_disk(app);
}

void ui_saving_open(struct ui_app *app)
{
	project_lock_init(&app->st->lock);
	app->st->read_only = false;
	app->st->lock_note[0] = '\0';
	app->st->save_over = false;
	if (app->st->throwaway)
		return;
	stamp_disk(app);
	struct err_msg note;
	enum project_lock_state s = project_lock_take(&app->st->lock, app->st->project->dir, &note);
	app->st->read_only = s == PROJECT_LOCK_BUSY;
	if (s == PROJECT_LOCK_HELD)
		snprintf(app->st->lock_note, sizeof app->st->lock_note, "%s", note.text);
	else if (s == PROJECT_LOCK_NONE && access(app->st->project->dir, W_OK) == 0)
		/* saves can work but nothing stops a second studio: say so (a read-only
		 * folder needs no word here: its saves say why they fail) */
		snprintf(app->st->lock_note, sizeof app->st->lock_note, "not locked against a second "
			"studio: %.400s", note.text);
}

void ui_saving_switch(struct ui_app *app)
{
	project_lock_release(&app->st->lock);
	ui_saving_open(app);
}

static void say_read_only(struct ui_app *app)
{
	ui_error(app, "read-only: project is open in %s; save a copy with :w PATH",
		app->st->lock.holder);
}

void ui_saving_say(struct ui_app *app)
{
	if (app->st->read_only)
		say_read_only(app);
	else if (app->st->lock_note[0] && app->message[0]) {
		/* both matter (the autosave offer's outcome, say) */
		char was[sizeof app->message];
		snprintf(was, sizeof was, "%s", app->message);
		if (app->message_is_error)
			ui_error(app, "%.200s; %s", was, app->st->lock_note);
		else
			ui_message(app, "%.200s; %s", was, app->st->lock_note);
	} else if (app->st->lock_note[0])
		ui_message(app, "%s", app->st->lock_note);
}

bool ui_saving_allowed(struct ui_app *app)
{
	const bool save_over = app->st->save_over;
	app->st->save_over = false; /* :w! is for the one save it asked */
	if (app->st->read_only) {
		struct err_msg note;
		if (project_lock_take(&app->st->lock, app->st->project->dir, &note)
		    == PROJECT_LOCK_BUSY) {
			say_read_only(app);
			return false;
		}
		app->st->read_only = false; /* the other studio has closed since */
	}
	/* the studio that held the lock may have saved before it closed (or a program
	 * wrote the file): saving now would undo that work unseen */
	if (!save_over && changed_on_disk(app)) {
		ui_error(app, "not saved: project.json changed on disk; :w! overwrites, :w DIR "
			"saves a copy");
		return false;
	}
	return true;
}

void ui_save_as(struct ui_app *app, const char *dest)
{
	if (app->st->throwaway) {
		ui_error(app, "quick audition: nothing is saved (keep it with: ttymix new DIR "
			"FILE...)");
		return;
	}
	const char *home = getenv("HOME");
	char *path = dest[0] == '~' && dest[1] == '/' && home ? xasprintf("%s%s", home, dest + 1)
		: xstrdup(dest);
	struct project_lock lock;
	project_lock_init(&lock);
	struct err_msg msg;
	if (project_save_copy(app->st->project, path, &lock, &msg) != ERR_OK) {
		ui_error(app, "not saved: %s", msg.text);
		free(path);
		return;
	}
	free(path);
	project_lock_release(&app->st->lock);
	app->st->lock = lock;
	app->st->read_only = false;
	stamp_disk(app);
	studio_undo_mark_saved(&app->st->undo);
	ui_autosave_saved(app);
	/* pitch caches are per folder: build the copy's own */
	ui_pitch_close(app);
	ui_pitch_open(app);
	if (msg.text[0])
		ui_message(app, "saved as %s; now working on the copy (%s)", app->st->project->dir,
			msg.text);
	else
		ui_message(app, "saved as %s; now working on the copy", app->st->project->dir);
}

void ui_saving_close(struct ui_app *app)
{
	project_lock_release(&app->st->lock);
}
