/* The project lock in the studio, and Save As (see saving.h). */
#include "src/studio/saving.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "src/project_saveas.h"
#include "src/typed_path.h"
#include "src/base/xalloc.h"
#include "src/studio/undo.h"

/* What project.json on disk is now: this studio's own, as it read or wrote it. */
static void stamp_disk(struct studio *st)
{
	struct stat sb;
	st->disk_known = stat(st->project->path, &sb) == 0;
	if (!st->disk_known)
		return;
	st->disk_dev = (unsigned long long)sb.st_dev;
	st->disk_ino = (unsigned long long)sb.st_ino;
	st->disk_size = (unsigned long long)sb.st_size;
	st->disk_mtime_sec = (long long)sb.st_mtim.tv_sec;
	st->disk_mtime_nsec = (long long)sb.st_mtim.tv_nsec;
}

/* Whether project.json has been replaced or changed since stamp_disk (every save is a
 * new file renamed into place: a new inode). A file gone since is no work to lose. */
static bool changed_on_disk(const struct studio *st)
{
	struct stat sb;
	if (!st->disk_known || stat(st->project->path, &sb) != 0)
		return false;
	return (unsigned long long)sb.st_dev != st->disk_dev
		|| (unsigned long long)sb.st_ino != st->disk_ino
		|| (unsigned long long)sb.st_size != st->disk_size
		|| (long long)sb.st_mtim.tv_sec != st->disk_mtime_sec
		|| (long long)sb.st_mtim.tv_nsec != st->disk_mtime_nsec;
}

void studio_saving_saved(struct studio *st)
{
	stamp_disk(st);
}

void studio_saving_open(struct studio *st)
{
	project_lock_init(&st->lock);
	st->read_only = false;
	st->lock_note[0] = '\0';
	st->save_over = false;
	if (st->throwaway)
		return;
	stamp_disk(st);
	struct err_msg note;
	enum project_lock_state s = project_lock_take(&st->lock, st->project->dir, &note);
	st->read_only = s == PROJECT_LOCK_BUSY;
	if (s == PROJECT_LOCK_HELD)
		snprintf(st->lock_note, sizeof st->lock_note, "%s", note.text);
	else if (s == PROJECT_LOCK_NONE && access(st->project->dir, W_OK) == 0)
		/* saves can work but nothing stops a second studio: say so (a read-only
		 * folder needs no word here: its saves say why they fail) */
		snprintf(st->lock_note, sizeof st->lock_note, "not locked against a second "
			"studio: %.400s", note.text);
}

void studio_saving_switch(struct studio *st)
{
	project_lock_release(&st->lock);
	studio_saving_open(st);
}

void studio_saving_say_read_only(struct studio *st)
{
	studio_error(st, "read-only: project is open in %s; save a copy with :w PATH",
		st->lock.holder);
}


bool studio_saving_allowed(struct studio *st)
{
	const bool save_over = st->save_over;
	st->save_over = false; /* :w! is for the one save it asked */
	if (st->read_only) {
		struct err_msg note;
		if (project_lock_take(&st->lock, st->project->dir, &note)
		    == PROJECT_LOCK_BUSY) {
			studio_saving_say_read_only(st);
			return false;
		}
		st->read_only = false; /* the other studio has closed since */
	}
	/* the studio that held the lock may have saved before it closed (or a program
	 * wrote the file): saving now would undo that work unseen */
	if (!save_over && changed_on_disk(st)) {
		studio_error(st, "not saved: project.json changed on disk; :w! overwrites, :w DIR "
			"saves a copy");
		return false;
	}
	return true;
}

void studio_save_as(struct studio *st, const char *dest, enum project_media_mode mode)
{
	if (st->throwaway) {
		studio_error(st, "quick audition: nothing is saved (keep it with: ttymix new DIR "
			"FILE...)");
		return;
	}
	char *path = typed_path_expand(dest);
	struct project_lock lock;
	project_lock_init(&lock);
	struct err_msg msg;
	char *from = xstrdup(st->project->dir);
	int n_media;
	if (project_save_copy(st->project, path, mode, &lock, &n_media, &msg) != ERR_OK) {
		studio_error(st, "not saved: %s", msg.text);
		free(path);
		free(from);
		return;
	}
	free(path);
	project_lock_release(&st->lock);
	st->lock = lock;
	st->read_only = false;
	stamp_disk(st);
	studio_undo_mark_saved(&st->undo);
	studio_autosave_saved(st);
	/* pitch caches are per folder: build the copy's own */
	studio_pitch_close(st);
	studio_pitch_open(st);
	/* which it did: a linked copy depends on the original's folder */
	char audio[ERR_MSG_MAX + 64];
	if (n_media == 0)
		snprintf(audio, sizeof audio, "no audio files brought");
	else if (mode == PROJECT_MEDIA_LINK)
		snprintf(audio, sizeof audio, "%d audio file%s linked to %.300s", n_media,
			n_media == 1 ? "" : "s", from);
	else
		snprintf(audio, sizeof audio, "%d audio file%s copied", n_media,
			n_media == 1 ? "" : "s");
	free(from);
	if (msg.text[0])
		studio_message(st, "saved as %s; now working on the copy (%s; %s)",
			st->project->dir, audio, msg.text);
	else
		studio_message(st, "saved as %s; now working on the copy (%s)", st->project->dir,
			audio);
}

void studio_saving_close(struct studio *st)
{
	project_lock_release(&st->lock);
}

bool studio_save(struct studio *st)
{
	if (st->throwaway) {
		/* its folder is wherever the user stood: saving there could clobber a
		 * project.json that is not ours */
		studio_error(st, "quick audition: nothing is saved (keep it with: ttymix new DIR "
			"FILE...)");
		return false;
	}
	if (!studio_saving_allowed(st))
		return false; /* another studio holds the project: :w PATH saves elsewhere */
	struct err_msg msg;
	if (project_save(st->project, &msg) != ERR_OK) {
		studio_error(st, "not saved: %s; :w DIR saves a copy elsewhere", msg.text);
		return false;
	}
	studio_saving_saved(st);
	studio_undo_mark_saved(&st->undo);
	studio_autosave_saved(st); /* project.json is the newest work now */
	if (msg.text[0])
		studio_error(st, "%s", msg.text);
	else
		studio_message(st, "saved %s", st->project->path);
	return true;
}
