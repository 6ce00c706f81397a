/* Saving a project atomically (src/project.h: project_save, project_save_to): the
 * text the loader's floor makes (project_autosave_json, src/project_json.c) goes
 * through a fresh temporary file beside the target (src/base/safefile.h), and the
 * previous file is kept as project.json.bak. The model's top floor, above the JSON.
 * The thread that owns the project. */
#include "src/project.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "audio/lv2/lv2.h"
#include "src/base/safefile.h"
#include "src/base/xalloc.h"

/* "PATH: cannot save: REASON" from safefile's "PATH: cannot write: REASON". */
static enum err save_failed(struct err_msg *msg, enum err e, const char *path,
	const struct err_msg *why)
{
	const char *reason = strstr(why->text, ": cannot write: ");
	return err_set(msg, e, "%s: cannot save: %s", path,
		reason ? reason + strlen(": cannot write: ") : why->text);
}

/* The previous version of path under a fresh name bak_tmp->tmp_path: a hard link
 * where the file system has them, else a copy. The name is new (link and
 * safefile_open refuse one that exists, a planted symlink included), so nothing
 * already there is ever written through. 0, or -1 with errno set. */
static int backup_start(const char *path, const char *bak, struct safefile *bak_tmp,
	char **link_name)
{
	*link_name = NULL;
	for (int tries = 0; tries < 8; tries++) {
		char *name = xasprintf("%s.tmp.XXXXXX", bak);
		int fd = mkostemp(name, O_CLOEXEC); /* reserve a fresh random name... */
		if (fd < 0) {
			free(name);
			break;
		}
		close(fd);
		unlink(name); /* ...and let link make it; EEXIST if someone raced in */
		if (link(path, name) == 0) {
			*link_name = name;
			return 0;
		}
		int saved = errno;
		free(name);
		if (saved != EEXIST)
			break;
	}
	struct err_msg why;
	if (safefile_open(bak_tmp, bak, SAFEFILE_KEEP_MODE, &why) != ERR_OK)
		return -1;
	int in = open(path, O_RDONLY | O_CLOEXEC);
	if (in < 0) {
		int saved = errno;
		safefile_abort(bak_tmp);
		errno = saved;
		return -1;
	}
	char buf[65536];
	ssize_t r;
	int rc = 0;
	while ((r = read(in, buf, sizeof buf)) != 0) {
		if (r < 0 && errno == EINTR)
			continue;
		if (r < 0 || safefile_write(bak_tmp, buf, (size_t)r, &why) != ERR_OK) {
			rc = -1;
			break;
		}
	}
	int saved = errno;
	close(in);
	if (rc != 0) {
		safefile_abort(bak_tmp);
		errno = saved;
	}
	return rc;
}

/* project_save and project_save_to: write text to path through a fresh temporary
 * file in the same folder (src/base/safefile.h), keeping the old file as path.bak when
 * keep_backup. */
static enum err save_as(struct project *p, const char *path, int autosave_edits,
	bool keep_backup, struct err_msg *msg)
{
	if (msg)
		msg->text[0] = '\0';
	char *text = project_autosave_json(p, autosave_edits);
	size_t len = strlen(text);
	char *bak = xasprintf("%s.bak", path);
	struct err_msg why;
	struct safefile f;
	/* the new version keeps the old one's permissions (else the folder's) */
	enum err e = safefile_open(&f, path, SAFEFILE_KEEP_MODE, &why);
	if (e == ERR_OK) {
		e = safefile_write(&f, text, len, &why);
		if (e == ERR_OK)
			e = safefile_write(&f, "\n", 1, &why);
		if (e != ERR_OK)
			safefile_abort(&f);
	}
	if (e != ERR_OK) {
		save_failed(msg, e, path, &why);
		goto out;
	}
	/* keep the previous version: a hard link, so project.json never goes missing.
	 * It is made under a temporary name and takes the .bak name only once the new
	 * project.json is in place: a save that fails at the rename leaves both
	 * project.json and the old .bak as they were. */
	struct safefile bak_copy = { .fd = -1 };
	char *bak_link = NULL;
	bool backup = false;
	struct stat old_st;
	if (keep_backup && lstat(path, &old_st) == 0) {
		if (backup_start(path, bak, &bak_copy, &bak_link) == 0)
			backup = true;
		else
			/* neither a hard link (some file systems have none) nor a copy worked:
			 * saving matters more than the backup */
			err_set(msg, ERR_OK, "saved, but could not keep a backup in %s: %s", bak,
				strerror(errno));
	}
	if ((e = safefile_commit(&f, &why)) != ERR_OK) {
		save_failed(msg, e, path, &why);
		if (bak_link)
			unlink(bak_link);
		safefile_abort(&bak_copy);
		free(bak_link);
		goto out;
	}
	if (backup && bak_link && rename(bak_link, bak) != 0) {
		err_set(msg, ERR_OK, "saved, but could not keep a backup in %s: %s", bak,
			strerror(errno));
		unlink(bak_link);
	} else if (backup && !bak_link && safefile_commit(&bak_copy, &why) != ERR_OK) {
		err_set(msg, ERR_OK, "saved, but could not keep a backup: %s", why.text);
	}
	free(bak_link);
out:
	free(text);
	free(bak);
	return e;
}

/* Every LV2 insert with the state extension writes its plug-in's state beside the
 * project (audio/lv2/lv2.h, lv2_state_path), each file atomically; an insert no graph
 * has attached (nothing played it in this process) leaves its file as it is. A file
 * that cannot be written is said in msg (the project itself was saved). from: the
 * folder whose state files the playing plug-ins are attached to (p->dir, or the folder
 * a `:w DIR` copied the project from). */
static void save_strip_states(const struct project *p, const char *from,
	const struct project_strip *s, const char *kind, struct err_msg *msg)
{
	for (int i = 0; i < s->n_inserts; i++) {
		if (!lv2_class_has_state(s->inserts[i].cls))
			continue;
		/* the master's file has no name in it, as graph_build asks for it */
		const char *name = s == &p->master ? NULL : s->name;
		char *file = lv2_state_path(p->dir, kind, name, i + 1);
		char *at = lv2_state_path(from, kind, name, i + 1);
		struct err_msg why;
		enum err e = lv2_state_save_as(at, file, &why);
		free(at);
		if (e != ERR_OK && e != ERR_NOT_FOUND && msg && !msg->text[0])
			err_set(msg, ERR_OK, "saved, but not the plug-in's state: %s", why.text);
		free(file);
	}
}

enum err project_save(struct project *p, struct err_msg *msg)
{
	enum err e = save_as(p, p->path, -1, true, msg);
	if (e != ERR_OK || !p->dir)
		return e;
	project_save_states_from(p, p->dir, msg);
	return e;
}

void project_save_states_from(const struct project *p, const char *from, struct err_msg *msg)
{
	if (!p->dir || !from)
		return;
	save_strip_states(p, from, &p->master, "master", msg);
	for (int b = 0; b < p->n_buses; b++)
		save_strip_states(p, from, &p->buses[b].strip, "bus", msg);
	for (int t = 0; t < p->n_tracks; t++)
		save_strip_states(p, from, &p->tracks[t].strip, "track", msg);
}

enum err project_save_to(struct project *p, const char *path, int edits_since_save,
	struct err_msg *msg)
{
	return save_as(p, path, edits_since_save < 0 ? -1 : edits_since_save, false, msg);
}
