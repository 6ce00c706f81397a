/* Making a project folder: what `ttymix new DIR [FILE...]` (src/cli_new.c) and the
 * studio's :new NAME (ui/projects.c) share. The folder is made (or an empty one is
 * taken) with its sub-folders audio/, renders/ and .ttymix/; project.json is written
 * (src/project_save.c) and checked as `ttymix check` would; what a failed make
 * created is removed again, so nothing half-made stays behind.
 *
 * UI/main thread only. Paths are the caller's. */
#ifndef TTYMIX_PROJECT_MAKE_H
#define TTYMIX_PROJECT_MAKE_H

#include <stdbool.h>

#include "src/base/err.h"
#include "src/project.h"

/* The rate of a project made with no audio to follow. */
#define PROJECT_MAKE_DEFAULT_RATE 48000

/* Whether dir can take a new project: it does not exist yet, or it is an empty
 * folder; else msg says why. */
enum err project_make_can(const char *dir, struct err_msg *msg);
/* dir made (with its parents, as open as its parent folder) or found empty, and its
 * sub-folders; *abs gets its absolute path (the caller frees it; NULL when it has
 * none yet) and *made_dir whether dir itself was made. On failure msg says why in one
 * line; the caller removes what was made (project_make_remove). */
enum err project_make_folder(const char *dir, char **abs, bool *made_dir,
	struct err_msg *msg);
/* A project in folder abs (just made), named after the folder, at rate, with the
 * project defaults for tempo and meter; no tracks. */
struct project *project_make_new(const char *abs, int rate);
/* Write p's project.json and check it as `ttymix check` would. */
enum err project_make_commit(struct project *p, struct err_msg *msg);
/* Undo a failed make in folder abs: the n files in copied (entries may be NULL),
 * project.json and its backup, the sub-folders, and abs itself when made_dir. */
void project_make_remove(const char *abs, char **copied, int n, bool made_dir);
/* All of it for an empty project (what `ttymix new DIR` with no files makes): the
 * folder, the defaults, project.json; *abs its absolute path (the caller frees it).
 * On failure nothing made stays and msg says why. */
enum err project_make_empty(const char *dir, char **abs, struct err_msg *msg);

#endif
