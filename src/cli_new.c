/* ttymix new: create a project folder (src/project_make.h), importing audio files as
 * tracks (src/import.h). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "audio/media.h"
#include "src/cli.h"
#include "src/import.h"
#include "src/project_make.h"
#include "src/tempo.h"
#include "src/base/text.h"
#include "src/base/xalloc.h"

/* Whether the engine plays a file at this rate as a project's own. */
static bool rate_usable(int rate)
{
	return rate >= PROJECT_MIN_RATE && rate <= PROJECT_MAX_RATE;
}

/* The project's rate: it follows the first file at a rate it can run at; files at
 * other rates play resampled, those at rates it cannot run at are resampled once, on
 * the way in (48 kHz when none can run). 0, or 1 after a message. */
static int probe_rate(int n, char **files, int *rate)
{
	*rate = 0;
	for (int i = 0; i < n; i++) {
		struct media_info info;
		struct err_msg msg;
		if (media_probe(files[i], &info, &msg) != ERR_OK)
			return cli_fail("%s", msg.text);
		if (!*rate && rate_usable(info.sample_rate))
			*rate = info.sample_rate;
	}
	if (n > PROJECT_MAX_TRACKS)
		return cli_fail("%d files: a project holds at most %d tracks", n,
			PROJECT_MAX_TRACKS);
	if (!*rate)
		*rate = PROJECT_MAKE_DEFAULT_RATE;
	return 0;
}

/* dir made (or found empty), its absolute path into *abs; 0, or 1 after a message. */
static int make_folder(const char *dir, char **abs, bool *made_dir)
{
	struct err_msg msg;
	return project_make_folder(dir, abs, made_dir, &msg) == ERR_OK ? 0
		: cli_fail("%s", msg.text);
}

/* file copied (or resampled to rate, src/import.h) into abs/audio under a name of its
 * own, as a track of p: *copied gets the copy's path, *note what is said of it once the
 * project is whole (a failure is one line). 0, or 1 after a message. */
static int copy_in(const char *abs, const char *file, int rate, struct project *p,
	char **copied, char **note)
{
	struct media_info info;
	struct err_msg msg;
	if (media_probe(file, &info, &msg) != ERR_OK)
		return cli_fail("%s", msg.text);
	/* a file at a rate the project can run at plays resampled as it goes */
	struct import_copy c;
	if (import_copy_file(abs, file, rate_usable(info.sample_rate) ? 0 : rate, &c, &msg)
		!= ERR_OK)
		return cli_fail("%s", msg.text);
	if (c.rate != c.file_rate)
		*note = xasprintf("%s: %d Hz, resampled to %d Hz", file, c.file_rate, c.rate);
	*copied = c.path;
	project_add_clip(project_add_track(p, c.track), c.rel, 0.0);
	free(c.rel);
	return 0;
}

/* --meter's value ("3/4") into an int[2]. */
static bool parse_meter(const char *value, void *to)
{
	int *nd = to;
	return tempo_meter_parse(value, &nd[0], &nd[1]);
}

int cli_new(int argc, char **argv, const struct cli_globals *g)
{
	(void)g;
	double bpm = TEMPO_DEFAULT_BPM;
	int meter[2] = { 4, 4 };
	const struct cli_opt opts[] = {
		{ .name = "--tempo", .kind = CLI_OPT_DOUBLE, .to = &bpm, .min = TEMPO_MIN_BPM,
		  .max = TEMPO_MAX_BPM, .takes = "a tempo of ", .unit = " bpm" },
		{ .name = "--meter", .kind = CLI_OPT_PARSE, .to = meter, .parse = parse_meter,
		  .takes = "a meter N/D (3/4, 6/8)" },
	};
	const struct cli_spec spec = { .command = "new", .opts = opts,
		.n_opts = sizeof opts / sizeof opts[0],
		.missing = "new needs a folder: ttymix new DIR [FILE...]" };
	const int n = cli_parse(argc, argv, &spec);
	if (n < 0)
		return EXIT_USAGE;
	const char *dir = argv[0];
	char **files = argv + 1;
	const int n_files = n - 1;
	int rate;
	int rc = probe_rate(n_files, files, &rate);
	if (rc)
		return rc;
	char *abs = NULL;
	bool made_dir;
	if ((rc = make_folder(dir, &abs, &made_dir))) {
		if (abs)
			project_make_remove(abs, NULL, 0, made_dir);
		free(abs);
		return rc;
	}
	struct project *p = project_make_new(abs, rate);
	p->tempo_bpm = bpm;
	p->meter_num = meter[0];
	p->meter_den = meter[1];
	char **copied = xcalloc((size_t)n_files + 1, sizeof *copied);
	char **notes = xcalloc((size_t)n_files + 1, sizeof *notes);
	struct err_msg msg;
	for (int i = 0; i < n_files && !rc; i++)
		rc = copy_in(abs, files[i], rate, p, &copied[i], &notes[i]);
	if (!rc && project_make_commit(p, &msg) != ERR_OK)
		rc = cli_fail("%s", msg.text);
	if (rc)
		project_make_remove(abs, copied, n_files, made_dir);
	for (int i = 0; !rc && i < n_files; i++)
		if (notes[i])
			text_fprintf(stderr, "ttymix: %s\n", notes[i]);
	if (!rc)
		text_fprintf(stdout, "%s: new project, %d tracks, %d Hz\n", p->path, p->n_tracks,
			p->sample_rate);
	for (int i = 0; i < n_files; i++) {
		free(copied[i]);
		free(notes[i]);
	}
	free(copied);
	free(notes);
	free(abs);
	project_free(p);
	return rc;
}
