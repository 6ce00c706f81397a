/* :album [DIR]: the project's album (src/album.c) rendered on a worker thread from a
 * copy of the project as it is now (saved or not), into DIR (default renders/album
 * in the project folder); progress, then the per-song loudness table in one line, on
 * the status line. UI thread only; the worker is internal to ui/album.c. */
#ifndef TTYMIX_UI_ALBUM_H
#define TTYMIX_UI_ALBUM_H

#include "ui/app.h"

void ui_line_album(struct ui_app *app);
/* Poll every loop turn; stop (the album's files are removed) before leaving. */
void ui_album_poll(struct ui_app *app);
void ui_album_stop(struct ui_app *app);

#endif
