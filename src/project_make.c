/* Making a project folder (see project_make.h). */
#include "src/project_make.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "src/cli.h"
#include "src/paths.h"
#include "src/base/text.h"
#include "src/base/xalloc.h"

/* The folders a project holds, made by a make and removed again when it fails. */
static const char *const sub_dirs[] = { "audio", "renders", ".ttymix" };
#define N_SUB_DIRS (sizeof sub_dirs / sizeof sub_dirs[0])

void project_make_remove(const char *abs, char **copied, int n, bool made_dir)
{
	for (int i = 0; copied && i < n; i++)
		if (copied[i])
			unlink(copied[i]);
	char *made[] = { xasprintf("%s/" PROJECT_FILE, abs), xasprintf("%s/" PROJECT_FILE
		".bak", abs) };
	for (int i = 0; i < 2; i++) {
		unlink(made[i]);
		free(made[i]);
	}
	for (size_t i = 0; i < N_SUB_DIRS; i++) {
		char *sub = xasprintf("%s/%s", abs, sub_dirs[i]);
		rmdir(sub);
		free(sub);
	}
	if (made_dir)
		rmdir(abs);
}

enum err project_make_can(const char *dir, struct err_msg *msg)
{
	struct stat st;
	if (stat(dir, &st) != 0)
		return ERR_OK;
	if (!S_ISDIR(st.st_mode))
		return err_set(msg, ERR_USAGE, "%s: exists and is not a folder", dir);
	if (!paths_dir_is_empty(dir))
		return err_set(msg, ERR_USAGE, "%s: folder is not empty; not touching it", dir);
	return ERR_OK;
}

enum err project_make_folder(const char *dir, char **abs, bool *made_dir,
	struct err_msg *msg)
{
	struct stat st;
	*made_dir = false;
	*abs = NULL;
	enum err can = project_make_can(dir, msg);
	if (can != ERR_OK)
		return can;
	if (stat(dir, &st) != 0) {
		enum err e = paths_mkdirs(dir, msg);
		if (e != ERR_OK)
			return e;
		*made_dir = true;
	}
	if (!(*abs = realpath(dir, NULL)))
		return err_set(msg, ERR_IO, "%s: %s", dir, strerror(errno));
	for (size_t i = 0; i < N_SUB_DIRS; i++) {
		char *sub = xasprintf("%s/%s", *abs, sub_dirs[i]);
		enum err e = paths_mkdirs(sub, msg);
		free(sub);
		if (e != ERR_OK)
			return e;
	}
	return ERR_OK;
}

struct project *project_make_new(const char *abs, int rate)
{
	const char *base = strrchr(abs, '/');
	/* folder names are any bytes; names are clean text (src/base/text.h) */
	char name[PROJECT_MAX_NAME + 1];
	text_clean(name, sizeof name, base && base[1] ? base + 1 : "untitled");
	/* tempo and meter: project_new's defaults, those of every project */
	return project_new(abs, name, rate);
}

enum err project_make_commit(struct project *p, struct err_msg *msg)
{
	enum err e = project_save(p, msg);
	if (e != ERR_OK)
		return e;
	struct diag d;
	diag_init(&d);
	struct project *made;
	int clips;
	double length_sec;
	e = cli_check_project(p->path, &made, &d, &clips, &length_sec);
	if (e != ERR_OK)
		err_set(msg, e, "%s", d.errors ? diag_first_error(&d) : err_str(e));
	diag_deinit(&d);
	project_free(made);
	return e;
}

enum err project_make_empty(const char *dir, char **abs, struct err_msg *msg)
{
	bool made_dir;
	enum err e = project_make_folder(dir, abs, &made_dir, msg);
	if (e == ERR_OK) {
		struct project *p = project_make_new(*abs, PROJECT_MAKE_DEFAULT_RATE);
		e = project_make_commit(p, msg);
		project_free(p);
	}
	if (e != ERR_OK && *abs) {
		project_make_remove(*abs, NULL, 0, made_dir);
		free(*abs);
		*abs = NULL;
	}
	return e;
}
