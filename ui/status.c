/* The bottom two lines: the last message, and the status bar (transport, position,
 * output, xruns, unsaved flag). */
#include <curses.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "src/tempo.h"
#include "src/base/text.h"
#include "ui/app.h"
#include "ui/draw.h"
#include "ui/bind.h"
#include "ui/hit.h"
#include "ui/mouse.h"
#include "src/studio/monitor.h"
#include "ui/theme.h"

static void set_message(struct ui_app *app, bool error, const char *fmt, va_list ap)
{
	/* messages quote names, typed words and file names: shown on the status line as
	 * text, whatever bytes they hold (src/base/text.h) */
	char raw[sizeof app->status.message];
	vsnprintf(raw, sizeof raw, fmt, ap);
	text_clean(app->status.message, sizeof app->status.message, raw);
	ui_log_add(&app->log, error, app->status.message);
	app->status.is_error = error;
	app->status.count++;
	app->need_draw = true;
}

void ui_say(void *ctx, bool is_error, const char *text)
{
	struct ui_app *app = ctx;
	/* cleaned by the studio */
	snprintf(app->status.message, sizeof app->status.message, "%s", text);
	ui_log_add(&app->log, is_error, app->status.message);
	app->status.is_error = is_error;
	app->status.count++;
	app->need_draw = true;
}

void ui_message(struct ui_app *app, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	set_message(app, false, fmt, ap);
	va_end(ap);
}

void ui_error(struct ui_app *app, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	set_message(app, true, fmt, ap);
	va_end(ap);
}

/* m:ss.t, rounded once so that 59.96 s reads 1:00.0 and not 0:60.0 */
static void format_position(int64_t frames, int rate, char *buf, size_t size)
{
	long long tenths = rate > 0 ? (frames * 10 + rate / 2) / rate : 0;
	if (tenths < 0)
		tenths = 0;
	snprintf(buf, size, "%lld:%02lld.%lld", tenths / 600, tenths / 10 % 60, tenths % 10);
}

/* The page tabs at the right of the status bar, for the mouse (ui/hit.h): the pages by
 * their keys as bound ("1 arr 2 mix 3 mst ? help") where the output's name leaves
 * room, else the keys alone ("1 2 3 ?"; a page with no key by its name); none when
 * even that would cut the output's name below MIN_OUT columns. The page shown is in
 * reverse video. */
#define MIN_OUT 16
static const struct {
	const char *name;
	enum ui_page page;
} tabs[UI_TAB_N] = {
	[UI_TAB_ARRANGER] = { "arr", UI_PAGE_ARRANGER },
	[UI_TAB_MIXER] = { "mix", UI_PAGE_MIXER },
	[UI_TAB_MASTERING] = { "mst", UI_PAGE_MASTERING },
	[UI_TAB_HELP] = { "help", UI_PAGE_HELP },
};

/* A tab's text: its page's first global key ("Ctrl-X" as the help names it). */
static void tab_label(int i, bool named, char *buf, size_t size)
{
	char key[32] = "";
	ui_bindings_keys(ui_bindings_active(), UI_SCOPE_GLOBAL, ui_mouse_tab_line(i), 1, key,
		sizeof key);
	snprintf(buf, size, "%s%s%s", key, *key && named ? " " : "",
		named || !*key ? tabs[i].name : "");
}

static int tabs_width(const char *out, int room, int avail, bool *named_out)
{
	int out_w;
	ui_text_fit(out, 1 << 20, &out_w);
	const int shown = out_w < room ? out_w : room > 0 ? room : 0; /* without tabs */
	for (int named = 1; named >= 0; named--) {
		int w = 1; /* a blank after the last */
		for (int i = 0; i < UI_TAB_N; i++) {
			char label[48];
			tab_label(i, named, label, sizeof label);
			w += 1 + (int)strlen(label); /* key names are ASCII */
		}
		const int keep = named ? shown : shown < MIN_OUT ? shown : MIN_OUT;
		if (avail - w >= keep) {
			*named_out = named;
			return w;
		}
	}
	return 0;
}

static int draw_tabs(struct ui_app *app, int y, int x, int w, bool named)
{
	const int bar = ui_theme_attr(UI_ROLE_STATUS), on = ui_theme_attr(UI_ROLE_SELECTED);
	const int start = x;
	for (int i = 0; i < UI_TAB_N; i++) {
		char label[48];
		tab_label(i, named, label, sizeof label);
		x += ui_text(y, x, 1, bar, false, " ");
		const int tw = ui_text(y, x, start + w - x, app->page == tabs[i].page ? on : bar,
			false, label);
		ui_hit_add(&app->hit, &(struct ui_hit){ .y = y, .x = x, .h = 1, .w = tw,
			.kind = UI_HIT_TAB, .a = i });
		x += tw;
	}
	x += ui_text(y, x, start + w - x, bar, true, "");
	return x - start;
}

void ui_status_draw(struct ui_app *app)
{
	const int msg_y = LINES - 2, bar_y = LINES - 1;
	enum ui_role role = app->status.asking_quit ? UI_ROLE_PROMPT
		: app->status.is_error ? UI_ROLE_ERROR : UI_ROLE_NORMAL;
	/* a message too long for the line ends in an ellipsis; E shows it whole */
	ui_text_cut(msg_y, 0, COLS, ui_theme_attr(role), true, app->status.message);

	const struct studio_snapshot *s = &app->st->snap;
	const char *state = !s->playing ? "STOP" : s->waiting ? "WAIT"
		: app->st->recording ? "REC " : "PLAY";
	const int rate = app->st->project->sample_rate;
	char pos[32], len[32], bars[40], right[96], dropped[40] = "";
	format_position(s->playhead, rate, pos, sizeof pos);
	/* and in bar.beat.tick of the tempo map (src/tempo.h), as :locate takes it */
	const struct tempo_map map = tempo_map_of(app->st->project);
	tempo_format(&map, rate > 0 ? (double)s->playhead / rate : 0, bars, sizeof bars);
	format_position(app->st->end_frame, rate, len, sizeof len);
	/* events the engine could not post (a full ring): meters and the position may
	 * have missed some; rare enough that it is shown only when it happens */
	const uint32_t n_dropped = engine_events_dropped(app->st->engine);
	if (n_dropped)
		snprintf(dropped, sizeof dropped, " dropped %u", n_dropped);
	/* RO: another studio holds the project (src/studio/saving.c) */
	snprintf(right, sizeof right, "%s xruns %u %s%s", dropped, engine_xruns(app->st->engine),
		app->st->read_only ? "RO " : "", studio_dirty(app->st) ? "[+]" : "   ");

	const int bar = ui_theme_attr(UI_ROLE_STATUS);
	int x = ui_textf(bar_y, 0, COLS, ui_theme_attr(s->playing ? UI_ROLE_PLAYING
		: UI_ROLE_STATUS), false, " %s ", state);
	x += ui_textf(bar_y, x, COLS - x, bar, false, " %s / %s  %s %s ", pos, len, bars,
		ui_glyph_vbar());
	const int right_w = (int)(sizeof " xruns 4294967295 [+]" - 1 + strlen(dropped))
		+ (app->st->read_only ? 3 : 0);
	/* the monitor first, in a colour of its own: nobody should forget it is on */
	char mon[128];
	if (studio_monitor_label(app->st, mon, sizeof mon) && COLS - x - right_w > 4) {
		x += ui_textf(bar_y, x, COLS - x - right_w, ui_theme_attr(UI_ROLE_MUTE), false,
			" %s ", mon);
		x += ui_text(bar_y, x, 1, bar, false, " ");
	}
	char out[1100];
	snprintf(out, sizeof out, "%s", app->st->driver ? app->st->driver->description
		: "no output");
	/* the stream first: where the sound goes matters more than the silent card */
	char stream[400];
	if (studio_stream_status(app->st, stream, sizeof stream)) {
		const bool card = app->st->driver && app->st->driver->ops != &driver_null_ops;
		snprintf(out, sizeof out, "%s%s%s", stream, card ? " + " : "",
			card ? app->st->driver->description : "");
	}
	int room = COLS - x - right_w;
	/* the tabs take what the right end leaves of its room, and the output's before
	 * only down to MIN_OUT columns */
	const int avail = COLS - x - (int)strlen(right);
	bool named = false;
	const int tabs_w = tabs_width(out, room, avail, &named);
	if (tabs_w > 0 && room > avail - tabs_w)
		room = avail - tabs_w;
	if (room > 0)
		x += ui_text(bar_y, x, room, bar, true, out);
	if (tabs_w > 0) {
		x += ui_text(bar_y, x, avail - tabs_w - room, bar, true, "");
		x += draw_tabs(app, bar_y, x, tabs_w, named);
	}
	ui_textf(bar_y, x, COLS - x, bar, true, "%*s", COLS - x, right);
}
