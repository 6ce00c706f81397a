/* The album (:album [DIR]): the project's album (src/album.c) rendered on a worker
 * thread from a copy of the project as it is now (saved or not), into DIR (default
 * renders/album in the project folder); progress, then the per-song loudness table in
 * one line, said through the voice. The session's thread only; the worker is
 * internal to album.c. */
#ifndef TTYMIX_STUDIO_ALBUM_H
#define TTYMIX_STUDIO_ALBUM_H

#include "src/studio/studio.h"

/* Start rendering into out_dir (NULL: the default); false (with a message) when it
 * could not start or one is running. */
bool studio_album_start(struct studio *st, const char *out_dir);
/* Poll every loop turn; stop (the album's files are removed) before leaving. */
void studio_album_poll(struct studio *st);
void studio_album_stop(struct studio *st);

#endif
