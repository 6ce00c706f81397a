/* ttymix new: create a project folder, importing audio files as tracks. */
#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "audio/media.h"
#include "src/cli.h"
#include "src/paths.h"
#include "src/xalloc.h"

static bool dir_is_empty(const char *dir)
{
	DIR *d = opendir(dir);
	if (!d)
		return false;
	struct dirent *de;
	bool empty = true;
	while ((de = readdir(d)))
		if (strcmp(de->d_name, ".") && strcmp(de->d_name, ".."))
			empty = false;
	closedir(d);
	return empty;
}

/* Undo what a failed `new` created, so that nothing half-made stays behind. */
static void remove_created(const char *dir, char **copied, int n, bool made_dir)
{
	for (int i = 0; i < n; i++)
		if (copied[i])
			unlink(copied[i]);
	char *sub[] = { xasprintf("%s/audio", dir), xasprintf("%s/renders", dir),
		xasprintf("%s/.ttymix", dir) };
	for (int i = 0; i < 3; i++) {
		rmdir(sub[i]);
		free(sub[i]);
	}
	if (made_dir)
		rmdir(dir);
}

int cli_new(int argc, char **argv, const struct cli_globals *g)
{
	(void)g;
	if (argc < 1 || argv[0][0] == '-')
		return cli_usage("new needs a folder: ttymix new DIR [FILE...]");
	const char *dir = argv[0];
	int rate = 0;
	for (int i = 1; i < argc; i++) {
		struct media_info info;
		struct err_msg msg;
		if (argv[i][0] == '-')
			return cli_usage("new: unknown option %s", argv[i]);
		if (media_probe(argv[i], &info, &msg) != ERR_OK)
			return cli_fail("%s", msg.text);
		if (!rate)
			rate = info.sample_rate;
	}
	struct stat st;
	bool made_dir = false;
	if (stat(dir, &st) == 0) {
		if (!S_ISDIR(st.st_mode))
			return cli_fail("%s: exists and is not a folder", dir);
		if (!dir_is_empty(dir))
			return cli_fail("%s: folder is not empty; not touching it", dir);
	} else {
		struct err_msg why; /* made as open as its parent folder (a shared one) */
		if (paths_mkdirs(dir, &why) != ERR_OK)
			return cli_fail("%s", why.text);
		made_dir = true;
	}
	char *abs = realpath(dir, NULL);
	if (!abs)
		return cli_fail("%s: %s", dir, strerror(errno));
	const char *base = strrchr(abs, '/');
	struct project *p = project_new(abs, base && base[1] ? base + 1 : "untitled",
		rate ? rate : 48000);
	char **copied = xcalloc((size_t)argc + 1, sizeof *copied);
	struct err_msg msg;
	int rc = 0;
	char *sub[] = { xasprintf("%s/audio", abs), xasprintf("%s/renders", abs),
		xasprintf("%s/.ttymix", abs) };
	for (int i = 0; i < 3 && !rc; i++)
		if (paths_mkdirs(sub[i], &msg) != ERR_OK)
			rc = cli_fail("%s", msg.text);
	for (int i = 1; i < argc && !rc; i++) {
		const char *name = strrchr(argv[i], '/');
		name = name ? name + 1 : argv[i];
		char *rel = xasprintf("audio/%s", name);
		char *dst = xasprintf("%s/%s", abs, rel);
		for (int k = 2; access(dst, F_OK) == 0; k++) {
			/* two files with one name: keep both */
			free(rel);
			free(dst);
			rel = xasprintf("audio/%d-%s", k, name);
			dst = xasprintf("%s/%s", abs, rel);
		}
		if (paths_copy_file(argv[i], dst, &msg) != ERR_OK) {
			rc = cli_fail("%s", msg.text);
			free(dst);
		} else {
			copied[i] = dst;
			char *track = xstrdup(name);
			char *dot = strrchr(track, '.');
			if (dot && dot != track)
				*dot = '\0';
			project_add_clip(project_add_track(p, track), rel, 0.0);
			free(track);
		}
		free(rel);
	}
	if (!rc && project_save(p, &msg) != ERR_OK)
		rc = cli_fail("%s", msg.text);
	if (rc)
		remove_created(abs, copied, argc, made_dir);
	else
		printf("%s: new project, %d tracks, %d Hz\n", p->path, p->n_tracks, p->sample_rate);
	for (int i = 0; i < argc; i++)
		free(copied[i]);
	free(copied);
	for (int i = 0; i < 3; i++)
		free(sub[i]);
	free(abs);
	project_free(p);
	return rc;
}
