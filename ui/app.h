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

/* The smallest terminal the pages are laid out for. */
#define UI_MIN_COLS 80
#define UI_MIN_LINES 24

enum ui_page {
	UI_PAGE_ARRANGER,
	UI_PAGE_MIXER,
	UI_PAGE_HELP,
	UI_PAGE_MASTERING,
};

struct lesson;

struct ui_app {
	struct studio *st;              /* the session this terminal shows (not owned) */

	enum ui_page page, return_page; /* return_page: where help goes back to */
	struct studio_sel sel;          /* mixer strip (sel.strip: 0..n_tracks-1, n_tracks =
	                                   master) and the arranger's clip on that track */
	int first_strip;                /* mixer: leftmost track strip shown */
	bool mix_detail;                /* mixer: the selected strip's detail view is up */
	int sp_row, sp_top;             /* detail view: cursor row, first row shown */
	int help_top;                   /* help: first line shown */
	/* arranger (ui/arranger.c); its track selection is sel.strip */
	struct peaks_worker *peaks;     /* owned: waveform overviews, built off this thread */
	int arr_first_track;            /* top lane shown */
	int arr_zoom;                   /* index of the zoom step; -1: fit the song */
	double arr_view_sec;            /* time at the timeline's left edge */
	int64_t arr_shown_playhead;     /* the view follows the playhead when it moves */
	bool arr_min_sec;               /* ruler in min:sec instead of bars|beats */
	bool arr_follow_off;            /* the view follows the playhead unless set */
	bool arr_lanes;                 /* the selected track's automation lanes are shown */
	int lane_sel, lane_point;       /* lane view: the lane and the point selected */
	struct ui_mastering *mastering; /* owned (ui/mastering.c); NULL until page 3 shows */
	struct ui_cmdline *cmdline;     /* owned (ui/cmdline.c); NULL until ':' is pressed */

	/* teaching (ui/teach.c) */
	char *panel_text;               /* owned: the panel over the page, or NULL */
	char panel_title[96];
	int panel_top;                  /* first wrapped line shown */

	char message[512];              /* the last message, shown until replaced */
	bool message_is_error;
	unsigned messages;              /* how many were shown: a key edit that added none
	                                   gets one (ui/app.c) */
	bool asking_quit;               /* "quit without saving? (y/n)" is up */
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

/* ---- pages: ui_<page>_draw paints the whole screen but the status lines;
 * ui_<page>_key handles one key, true when it was used ---- */
void ui_mixer_draw(struct ui_app *app);
bool ui_mixer_key(struct ui_app *app, int key);
void ui_help_draw(struct ui_app *app);
bool ui_help_key(struct ui_app *app, int key);
void ui_arranger_draw(struct ui_app *app);
bool ui_arranger_key(struct ui_app *app, int key);
/* Start the peak worker on the project's media / stop it (before project_free). */
void ui_arranger_open(struct ui_app *app);
void ui_arranger_close(struct ui_app *app);
/* Every loop turn: asks for a redraw when new waveforms arrived. */
void ui_arranger_poll(struct ui_app *app);
void ui_mastering_draw(struct ui_app *app);
bool ui_mastering_key(struct ui_app *app, int key);

/* The message line and the status bar (the last two lines). */
void ui_status_draw(struct ui_app *app);
/* Lines the status area takes at the bottom. */
#define UI_STATUS_LINES 2

#endif
