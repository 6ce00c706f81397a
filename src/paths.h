/* Where things live: the installed (or build-tree) demo song and the user's data
 * folder. Main/UI thread only. Returned strings are the caller's to free. */
#ifndef TTYMIX_PATHS_H
#define TTYMIX_PATHS_H

#include <stdbool.h>

#include "src/base/err.h"

/* The demo song shipped with this binary: next to it in a build tree
 * (projects/demo), otherwise the installed data folder. NULL when neither exists. */
char *paths_demo_source(void);
/* A folder ttymix ships (name: "demo", "lessons"): projects/NAME beside the binary in a
 * build tree, else the installed data folder's NAME. With inside, the folder must hold
 * that file; without, it must be a folder. Caller frees; NULL when there is none. */
char *paths_shipped(const char *name, const char *inside);
/* $XDG_DATA_HOME/ttymix (or ~/.local/share/ttymix), created if missing, mode 0700. */
char *paths_user_data(struct err_msg *msg);
/* $XDG_STATE_HOME/ttymix (or ~/.local/state/ttymix), created if missing, mode 0700:
 * per-user state that must not sit in a shared project folder (the autosave of a
 * project whose folder can't be written). */
char *paths_user_state(struct err_msg *msg);
/* Copy the demo into the user's data folder unless a copy is there already; returns
 * the copy's folder. The installed demo is never opened for writing. */
enum err paths_user_demo(char **out, struct err_msg *msg);
/* Copy a regular file (used by `new` to import media). */
enum err paths_copy_file(const char *from, const char *to, struct err_msg *msg);
/* mkdir -p. */
enum err paths_mkdirs(const char *dir, struct err_msg *msg);
/* Whether dir is a folder that can be read and holds nothing (`new` and Save As ask
 * before they fill a folder; one they cannot read counts as not empty). */
bool paths_dir_is_empty(const char *dir);

#endif
