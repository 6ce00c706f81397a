/* The studio's state, shared by the app loop, the pages and the key commands. One
 * variable (page) picks what is drawn and which keys apply (ncdu style): each page is
 * one file with ui_<page>_draw() and ui_<page>_key(). Everything here belongs to the
 * UI thread; the audio side is reached only through engine_send and friends. */
#ifndef TTYMIX_UI_APP_H
#define TTYMIX_UI_APP_H

#include <stdbool.h>
#include <stdint.h>

#include "audio/driver.h"
#include "audio/engine.h"
#include "src/cli.h"
#include "src/project.h"
#include "src/project_lock.h"
#include "src/studio/studio.h"
#include "ui/arranger.h"
#include "ui/help.h"
#include "ui/hit.h"
#include "ui/messages.h"
#include "ui/mixer.h"
#include "ui/mouse.h"
#include "ui/status.h"
#include "ui/teach.h"

/* The smallest terminal the pages are laid out for. */
#define UI_MIN_COLS 80
#define UI_MIN_LINES 24

enum ui_page {
	UI_PAGE_ARRANGER,
	UI_PAGE_MIXER,
	UI_PAGE_HELP,
	UI_PAGE_MASTERING,
	UI_PAGE_MESSAGES,           /* the message log (ui/messages.h) */
};

struct lesson;

struct ui_app {
	struct studio *st;              /* the session this terminal shows (not owned) */

	enum ui_page page, return_page; /* return_page: where help and the message log
	                                   go back to */
	struct studio_sel sel;          /* mixer strip (sel.strip: 0..n_tracks-1, n_tracks =
	                                   master) and the arranger's clip on that track */
	struct ui_mixer_view mixer;     /* page 2 and its strip detail view (ui/mixer.h) */
	struct ui_arranger_view arr;    /* page 1 and its automation lanes (ui/arranger.h) */
	struct ui_help_view help;       /* the help page (ui/help.h) */
	struct ui_mastering *mastering; /* owned (ui/mastering.c); NULL until page 3 shows */
	struct ui_cmdline *cmdline;     /* owned (ui/cmdline.c); NULL until the ':' line or
	                                   a bound key first runs a line */

	struct ui_panel panel;          /* the teaching panel over the page (ui/teach.h) */
	struct ui_check_job *check;     /* owned: a :check on its worker (ui/teach.c), or
	                                   NULL */
	struct ui_review *review;       /* owned: the last :review and its panel
	                                   (ui/review.c); NULL before the first */
	struct ui_status status;        /* the message line (ui/status.h) */
	struct ui_log log;              /* every message said, for E (ui/messages.h) */
	struct ui_pane pane;            /* a long list on the log's page (ui/messages.h) */
	struct ui_hit_map hit;          /* what the last draw put where (ui/hit.h) */
	struct ui_mouse mouse;          /* a drag or a click under way (ui/mouse.h) */
	bool quit;                      /* leave the loop */
	bool need_draw;                 /* something besides the meters changed */
};

/* Show a message on the status line (replacing the last one). */
void ui_message(struct ui_app *app, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
void ui_error(struct ui_app *app, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
/* The studio's voice (struct studio_voice.say; ctx is the ui_app): its messages
 * reach the status line here. */
void ui_say(void *ctx, bool is_error, const char *text);
/* Give the terminal to a program of lines (:ear), and take it back (the page is
 * drawn again; the loop turns the mouse back on). UI thread. */
void ui_app_leave_screen(struct ui_app *app);
void ui_app_take_screen(struct ui_app *app);

/* ---- pages: ui_<page>_draw paints the whole screen but the status lines;
 * ui_<page>_key handles one key, true when it was used; each page's header declares
 * its own (ui/mixer.h, ui/arranger.h, ui/help.h) ---- */
void ui_mastering_draw(struct ui_app *app);
bool ui_mastering_key(struct ui_app *app, int key);

#endif
