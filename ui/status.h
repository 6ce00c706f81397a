/* The message line and the status bar: the last two lines (ui/status.c). The studio's
 * messages reach the message line through ui_say; the command line (ui/cmdline.c) is
 * drawn over it by the main loop while it is open. UI thread only. */
#ifndef TTYMIX_UI_STATUS_H
#define TTYMIX_UI_STATUS_H

#include <stdbool.h>

#include "src/studio/words.h"

struct ui_app;

/* The message line's state (app->status). */
struct ui_status {
	char message[512];          /* the last message, shown until replaced */
	bool is_error;
	unsigned count;             /* how many were shown: a key edit that added none
	                               gets one (ui/app.c) */
	bool asking_quit;           /* "quit without saving? (y/n)" is up, or, with
	                               ask_then, ":e/:new without saving? (y/s/n)" */
	char ask_then[STUDIO_LINE_MAX]; /* the line the answer runs (ui/projects.h), or "" */
	bool ask_answered;          /* ...running it now: no question again */
};

/* Lines the status area takes at the bottom. */
#define UI_STATUS_LINES 2

/* Draw the message line and the status bar. */
void ui_status_draw(struct ui_app *app);

#endif
