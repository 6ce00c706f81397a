/* Files that appear whole or not at all, made safely in folders other users can
 * write to. Every file ttymix writes where a person keeps work (project.json, the
 * autosave, renders, caches, history) goes through here.
 *
 * A new file is made under a fresh random name beside its final place with
 * O_CREAT|O_EXCL (mkostemp): a name that already exists, a symlink planted there
 * included, is never opened, followed or reused. safefile_commit flushes it to disk
 * and renames it over the final name; safefile_abort removes it, so a failed or
 * interrupted write leaves any earlier file untouched (a kill -9 can leave a
 * "NAME.tmp.XXXXXX" beside it, never a broken NAME).
 *
 * Any non-real-time thread; a struct safefile belongs to the one thread using it. */
#ifndef TTYMIX_SAFEFILE_H
#define TTYMIX_SAFEFILE_H

#include <stdbool.h>
#include <stddef.h>
#include <sys/types.h>

#include "src/base/err.h"

struct safefile {
	int fd;           /* the open temporary file; -1 once committed or aborted */
	char *tmp_path;   /* owned */
	char *path;       /* owned: the final name */
};

/* The permissions a new file in dir gets when nothing else decides: 0666 less the
 * umask, plus group read/write when dir is writable by its group but not by all (a
 * shared project stays shared; a file in /tmp is not handed to the user's group). */
mode_t safefile_mode_for_dir(const char *dir);

/* Start a new version of path. mode: the permissions it will have; pass
 * SAFEFILE_KEEP_MODE to keep those of an existing path (else as for its folder).
 * The file takes its folder's group when that is allowed. */
#define SAFEFILE_KEEP_MODE ((mode_t)-1)
enum err safefile_open(struct safefile *f, const char *path, mode_t mode,
	struct err_msg *msg);
/* Write all of buf (retrying short writes and EINTR). ERR_NO_SPACE on a full disk. */
enum err safefile_write(struct safefile *f, const void *buf, size_t len,
	struct err_msg *msg);
/* fsync, close and rename over path, then fsync the folder. On failure the
 * temporary file is removed and path is as it was. Frees the names either way. */
enum err safefile_commit(struct safefile *f, struct err_msg *msg);
/* Close and remove the temporary file; a no-op after commit or abort. */
void safefile_abort(struct safefile *f);

/* The whole of buf as path's new content, in one step. */
enum err safefile_replace(const char *path, const void *buf, size_t len, mode_t mode,
	struct err_msg *msg);

/* The folder part of path ("." when it has none); caller frees. */
char *safefile_dirname(const char *path);

#endif
