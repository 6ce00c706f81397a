/* A small text file read whole (settings and data files: ear scores, tonal curves).
 * Any non-real-time thread; the result belongs to the caller. */
#ifndef TTYMIX_READFILE_H
#define TTYMIX_READFILE_H

#include <stddef.h>

#include "src/base/err.h"

/* The whole of the file at path, NUL-terminated (caller frees), or NULL with *e and msg
 * set: ERR_NOT_FOUND when there is no such file, ERR_IO when it cannot be opened or
 * read, ERR_FORMAT when it is longer than max bytes (a settings or data file that big
 * is not one). */
char *readfile_text(const char *path, size_t max, enum err *e, struct err_msg *msg);

#endif
