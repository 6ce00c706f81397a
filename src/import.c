/* Importing audio files into a project (see import.h). */
#include "src/import.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "audio/media.h"
#include "src/paths.h"
#include "src/project_limits.h"
#include "src/base/safefile.h"
#include "src/base/text.h"
#include "src/base/xalloc.h"

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
	/* safefile_commit renames over dst: one planted since the name was chosen stays */
	struct stat have;
	if (lstat(dst, &have) == 0) {
		safefile_abort(&file);
		return err_set(msg, ERR_IO, "%s: exists; not overwritten", dst);
	}
	return safefile_commit(&file, msg);
}

/* "audio/NAME" in dir that names no file yet: name itself, then 2-name, 3-name... (two
 * files with one name: keep both). */
static void unique_name(const char *dir, const char *stored, char **rel, char **path)
{
	*rel = xasprintf("audio/%s", stored);
	*path = xasprintf("%s/%s", dir, *rel);
	struct stat have;
	for (int k = 2; lstat(*path, &have) == 0; k++) {
		free(*rel);
		free(*path);
		*rel = xasprintf("audio/%d-%s", k, stored);
		*path = xasprintf("%s/%s", dir, *rel);
	}
}

enum err import_copy_file(const char *dir, const char *file, int rate,
	struct import_copy *out, struct err_msg *msg)
{
	memset(out, 0, sizeof *out);
	const char *name = strrchr(file, '/');
	name = name ? name + 1 : file;
	struct media_info info;
	enum err e = media_probe(file, &info, msg);
	if (e != ERR_OK)
		return e;
	const bool resample = rate && rate != info.sample_rate;
	/* a resampled copy is a WAV whatever the original was */
	char *stored = xstrdup(name);
	if (resample) {
		char *ext = strrchr(stored, '.');
		if (ext && ext != stored)
			*ext = '\0';
		char *wav = xasprintf("%s.wav", stored);
		free(stored);
		stored = wav;
	}
	char *rel, *path;
	unique_name(dir, stored, &rel, &path);
	free(stored);
	e = resample ? resample_file(file, path, rate, msg)
		: paths_copy_file(file, path, msg);
	if (e != ERR_OK) {
		free(rel);
		free(path);
		return e;
	}
	out->path = path;
	out->rel = rel;
	text_name_from_file(out->track, sizeof out->track, name);
	out->file_rate = info.sample_rate;
	out->rate = resample ? rate : info.sample_rate;
	out->channels = info.channels;
	out->seconds = (double)info.frames / info.sample_rate;
	return ERR_OK;
}

void import_done(struct import_copy *c, int n, bool remove)
{
	for (int i = 0; c && i < n; i++) {
		if (remove && c[i].path)
			unlink(c[i].path);
		free(c[i].path);
		free(c[i].rel);
	}
	free(c);
}

/* Every file readable whole (a file broken past its header is found here, before
 * anything is copied), and room in p for what the import adds. */
static enum err check_files(const struct project *p, char *const *files, int n,
	bool new_tracks, struct err_msg *msg)
{
	if (n < 1)
		return err_set(msg, ERR_USAGE, "no file to import");
	for (int i = 0; i < n; i++) {
		struct media_info info;
		enum err e = media_verify(files[i], &info, msg);
		if (e != ERR_OK)
			return e;
	}
	return new_tracks ? project_limit_room(PROJECT_LIMIT_TRACKS, p->n_tracks, n, msg)
		: ERR_OK;
}

enum err import_files(struct project *p, char *const *files, int n, const char *track,
	double at, struct import_copy **copies, int *first_track, struct err_msg *msg)
{
	*copies = NULL;
	int named = track ? project_find_track(p, track) : -1;
	if (track && named < 0) {
		enum err e = project_limit_name("track name", track, msg);
		char why[64];
		if (e == ERR_OK && text_name_problem(track, why, sizeof why))
			e = err_set(msg, ERR_USAGE, "track name: %s", why);
		if (e != ERR_OK)
			return e;
	}
	enum err e = check_files(p, files, n, !track || named < 0, msg);
	if (e == ERR_OK && named >= 0)
		e = project_limit_room(PROJECT_LIMIT_CLIPS, p->tracks[named].n_clips, n, msg);
	if (e != ERR_OK)
		return e;
	struct import_copy *c = xcalloc((size_t)n, sizeof *c);
	for (int i = 0; i < n; i++) {
		if ((e = import_copy_file(p->dir, files[i], p->sample_rate, &c[i], msg))
			!= ERR_OK) {
			import_done(c, i, true);
			return e;
		}
	}
	/* every copy is in place: only now does p change */
	if (track && named < 0) {
		project_add_track(p, track);
		named = p->n_tracks - 1;
	}
	*first_track = named >= 0 ? named : p->n_tracks;
	double start = at;
	for (int i = 0; i < n; i++) {
		if (named >= 0) {
			project_add_clip(&p->tracks[named], c[i].rel, start);
			start += c[i].seconds;
		} else {
			project_add_clip(project_add_track(p, c[i].track), c[i].rel, at);
		}
	}
	if (named >= 0)
		project_sort_clips(&p->tracks[named]);
	*copies = c;
	return ERR_OK;
}
