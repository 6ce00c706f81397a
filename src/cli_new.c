/* ttymix new: create a project folder (src/project_make.h), importing audio files as
 * tracks. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "audio/media.h"
#include "src/base/safefile.h"
#include "src/cli.h"
#include "src/paths.h"
#include "src/project_make.h"
#include "src/tempo.h"
#include "src/base/text.h"
#include "src/base/xalloc.h"

/* Whether the engine plays a file at this rate as a project's own. */
static bool rate_usable(int rate)
{
	return rate >= PROJECT_MIN_RATE && rate <= PROJECT_MAX_RATE;
}

/* src converted to rate (libsoxr, through the media reader) into a new 32-bit float
 * WAV at dst; on failure nothing is left at dst. */
static enum err resample_file(const char *src, const char *dst, int rate,
	struct err_msg *msg)
{
	struct media_reader *r;
	enum err e = media_reader_open(&r, src, rate, msg);
	if (e != ERR_OK)
		return e;
	const int channels = media_reader_info(r)->channels;
	const int64_t frames = media_reader_frames(r);
	if (frames <= 0) {
		media_reader_close(r);
		return err_set(msg, ERR_MEDIA, "%s: too short to resample to %d Hz", src, rate);
	}
	/* through a fresh temporary file, as every other write (src/base/safefile.h):
	 * nothing planted at dst is followed or truncated */
	char *dir = safefile_dirname(dst);
	struct safefile file;
	e = safefile_open(&file, dst, safefile_mode_for_dir(dir), msg);
	free(dir);
	if (e != ERR_OK) {
		media_reader_close(r);
		return e;
	}
	struct media_writer *w;
	if ((e = media_writer_open_fd(&w, file.fd, dst, MEDIA_WAV, MEDIA_FLOAT32, rate,
		channels, msg)) != ERR_OK) {
		safefile_abort(&file);
		media_reader_close(r);
		return e;
	}
	enum { BLOCK = 4096 };
	float *buf = xmalloc(sizeof(float) * BLOCK * MEDIA_MAX_CHANNELS);
	for (int64_t pos = 0; e == ERR_OK && pos < frames; pos += BLOCK) {
		int n = frames - pos < BLOCK ? (int)(frames - pos) : BLOCK;
		e = media_reader_read(r, pos, buf, n, msg);
		if (e == ERR_OK)
			e = media_writer_write(w, buf, n, msg);
	}
	free(buf);
	media_reader_close(r);
	struct err_msg close_msg;
	enum err ce = media_writer_close(w, &close_msg);
	if (e == ERR_OK && ce != ERR_OK) {
		e = ce;
		*msg = close_msg;
	}
	if (e != ERR_OK) {
		safefile_abort(&file);
		return e;
	}
	return safefile_commit(&file, msg);
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

/* file copied (or resampled to rate) into abs/audio under a name of its own, as a
 * track of p: *copied gets the copy's path, *note what is said of it once the project
 * is whole (a failure is one line). 0, or 1 after a message. */
static int copy_in(const char *abs, const char *file, int rate, struct project *p,
	char **copied, char **note)
{
	const char *name = strrchr(file, '/');
	name = name ? name + 1 : file;
	struct media_info info;
	struct err_msg msg;
	if (media_probe(file, &info, &msg) != ERR_OK)
		return cli_fail("%s", msg.text);
	const bool resample = !rate_usable(info.sample_rate);
	/* a resampled copy is a WAV whatever the original was */
	char *stored = xstrdup(name);
	char *ext = strrchr(stored, '.');
	if (resample) {
		if (ext && ext != stored)
			*ext = '\0';
		char *wav = xasprintf("%s.wav", stored);
		free(stored);
		stored = wav;
	}
	char *rel = xasprintf("audio/%s", stored);
	char *dst = xasprintf("%s/%s", abs, rel);
	for (int k = 2; access(dst, F_OK) == 0; k++) {
		/* two files with one name: keep both */
		free(rel);
		free(dst);
		rel = xasprintf("audio/%d-%s", k, stored);
		dst = xasprintf("%s/%s", abs, rel);
	}
	free(stored);
	enum err copied_ok = resample ? resample_file(file, dst, rate, &msg)
		: paths_copy_file(file, dst, &msg);
	int rc = 0;
	if (copied_ok != ERR_OK) {
		rc = cli_fail("%s", msg.text);
		free(dst);
	} else {
		if (resample)
			*note = xasprintf("%s: %d Hz, resampled to %d Hz", file, info.sample_rate,
				rate);
		*copied = dst;
		char track[PROJECT_MAX_NAME + 1];
		text_name_from_file(track, sizeof track, name);
		project_add_clip(project_add_track(p, track), rel, 0.0);
	}
	free(rel);
	return rc;
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
