/* The studio as a client of the Non Session Manager (NSM, API 1.1): when NSM_URL is set
 * and ttymix is started without a project, it announces itself to that server (with
 * the capabilities ":switch:" and ":dirty:"), waits for /nsm/client/open, opens the
 * project at the path the server gives (making an empty one there when there is none,
 * as `ttymix new` does) and replies; then /nsm/client/save saves it and replies, every
 * change between unsaved and saved is told (/nsm/client/is_dirty, is_clean), and a
 * later open (the server switching sessions) puts that project in place of this one
 * the way :e does (studio_replace), refused with unsaved changes. While under a
 * session the session manager owns the project's place: :e, :new and :w DIR are
 * refused.
 *
 * liblo is behind this one door. Its server runs on its own thread and only passes
 * the requests through a pipe; the UI thread reads them in studio_nsm_poll, saves and
 * replies, so the OSC thread never touches the session, the screen or the engine. One
 * client per process (NSM_URL is the process's): the state is this file's. Every
 * function here is for the main/UI thread. */
#ifndef TTYMIX_STUDIO_NSM_H
#define TTYMIX_STUDIO_NSM_H

#include <stdbool.h>

#include "src/project.h"
#include "src/studio/studio.h"

/* How long the announce waits for the server's open: an NSM server sends it at once. */
#define STUDIO_NSM_OPEN_WAIT_SEC 60

/* Whether NSM_URL asks for a session. */
bool studio_nsm_wanted(void);
/* Announce, wait for the open, make the project when there is none, load it into *p
 * and reply to the server; 0, or 1 after one line on stderr (and an /error to the
 * server when it asked for something that failed). */
int studio_nsm_open(struct project **p);
/* Whether this process is under a session (after a successful studio_nsm_open). */
bool studio_nsm_active(void);
/* The client id the session gave this client ("ttymix.nXYZ"), the name it should
 * show itself as (a JACK client's name); NULL when not under a session. */
const char *studio_nsm_client_id(void);
/* The JACK client's name: under a session the client id the server gave (the NSM API
 * asks for it, so that two instances in one session never clash), else --jack-name,
 * else NULL ("ttymix"). UI thread. */
const char *studio_jack_name(const struct studio *st);
/* When under a session, say that what (":e", ":new", ":w DIR") is the session
 * manager's, and return true: the caller does nothing. */
bool studio_nsm_refuses(struct studio *st, const char *what);
/* Every loop turn: save when asked (and reply), tell the server when the project
 * turned unsaved or saved, and switch projects when asked: replace(arg, p) puts p
 * (taken) in place of the open project as :e does (ui_project_replace: false, said,
 * p freed, when it could not). Nothing when not under a session. */
void studio_nsm_poll(struct studio *st, bool (*replace)(void *arg, struct project *p),
	void *arg);
/* Stop the OSC thread and close the session's state (at exit). */
void studio_nsm_end(void);

#endif
