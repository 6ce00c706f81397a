/* Importing audio files into a project: what `ttymix new DIR FILE...`
 * (src/cli_new.c), `ttymix import PROJECT FILE...` (src/cli_import.c) and the studio's
 * :import (src/studio/import.c) share. A file is copied into the project's audio/
 * folder under a name no file there has (nothing is overwritten), or, when its rate is
 * not the one asked for, resampled once with libsoxr (the media reader's resampler,
 * audio/media.h) into a 32-bit float WAV there. The copy is what the project plays, so
 * a project never depends on where the original was.
 *
 * An import of several files is all or nothing: every file is probed before the first
 * is copied, and a copy that fails removes the copies made before it; the project is
 * changed only once every copy is in place.
 *
 * UI/main thread only. Paths are the caller's; what is returned is malloc'd and freed
 * with import_done. */
#ifndef TTYMIX_IMPORT_H
#define TTYMIX_IMPORT_H

#include <stdbool.h>

#include "src/base/err.h"
#include "src/project.h"

/* One file copied in. */
struct import_copy {
	char *path;       /* the copy's path (dir/audio/NAME) */
	char *rel;        /* "audio/NAME": what the clip names */
	char track[PROJECT_MAX_NAME + 1];   /* a track name made from the file's name */
	int file_rate;    /* the original's rate */
	int rate;         /* the copy's: file_rate, or the rate it was resampled to */
	int channels;     /* 1 or 2 */
	double seconds;   /* its length at rate */
};

/* file copied into dir/audio under a name of its own; resampled to rate when rate is
 * not 0 and differs from the file's. On failure nothing is left in dir and msg says
 * why in one line ("PATH: not a sound file ..."). */
enum err import_copy_file(const char *dir, const char *file, int rate,
	struct import_copy *out, struct err_msg *msg);
/* Remove the copies c[0..n) made (the files; on a failed import) when remove, and free
 * them; c itself too. */
void import_done(struct import_copy *c, int n, bool remove);

/* The files into project p (folder p->dir), each resampled to p's rate when its own
 * differs, each a clip from at seconds: on a new track named after the file, or, with
 * track (a name or a 1-based number), on that track (made, with that name, when there
 * is none), one clip after the other. On success *copies (n of them, for the caller to
 * report and then import_done(.., false)) and *first_track the index of the first
 * track that got a clip; p is changed. On failure p is unchanged, no copy stays, and
 * msg says why in one line. */
enum err import_files(struct project *p, char *const *files, int n, const char *track,
	double at, struct import_copy **copies, int *first_track, struct err_msg *msg);

#endif
