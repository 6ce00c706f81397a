/* One writer per project: the studio that opens a project first holds a lock on its
 * folder, and a second studio on the same project opens it read-only.
 *
 * The lock is PROJECT/.ttymix/lock, held with flock(2) for as long as the studio
 * runs. The file says who holds it in one line, "PID HOST USER", so that the
 * second studio can name the holder. The kernel drops a flock when its process
 * dies, so a kill -9 never leaves the project locked; a lock whose file names a
 * PID that no longer runs on this host is reported as taken over. The file itself
 * stays (removing it would let two studios lock two different files).
 *
 * UI/main thread only. A struct project_lock belongs to its caller. */
#ifndef TTYMIX_PROJECT_LOCK_H
#define TTYMIX_PROJECT_LOCK_H

#include <stdbool.h>

#include "src/base/err.h"

#define PROJECT_LOCK_FILE ".ttymix/lock"   /* inside the project folder */

struct project_lock {
	int fd;            /* the open lock file while held; -1 otherwise */
	char holder[320];  /* when another studio holds it: "ttymix PID on HOST (USER)" */
};

enum project_lock_state {
	PROJECT_LOCK_HELD,    /* ours: this studio may write the project */
	PROJECT_LOCK_BUSY,    /* another live ttymix holds it: holder says who */
	PROJECT_LOCK_NONE,    /* the folder cannot hold a lock (read-only, full): msg says
	                         why; nobody else can write there either */
};

void project_lock_init(struct project_lock *l);
/* Try to take the lock of the project in folder dir, without waiting. On HELD, note
 * (may be NULL) gets "" or, when a dead studio's lock was taken over, a sentence
 * saying so. */
enum project_lock_state project_lock_take(struct project_lock *l, const char *dir,
	struct err_msg *note);
/* Whether this process holds l (ui/autosave.c asks: only the holder writes into the
 * project's .ttymix/). */
bool project_lock_held(const struct project_lock *l);
/* Let go (no-op when not held). */
void project_lock_release(struct project_lock *l);

#endif
