/* The studio's front door: terminal set-up and tear-down, the audio session, and the
 * main loop (keys in, engine events in, redraw when something changed). */
#include <curses.h>
#include <errno.h>
#include <fcntl.h>
#include <locale.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <termios.h>
#include <time.h>
#include <unistd.h>

#include "audio/render.h"
#include "src/base/clock.h"
#include "src/graph_build.h"
#include "src/base/text.h"
#include "src/studio/album.h"
#include "ui/review.h"
#include "ui/teach.h"
#include "ui/app.h"
#include "src/studio/automation.h"
#include "ui/autosave.h"
#include "ui/bind.h"
#include "src/studio/saving.h"
#include "ui/cmdline.h"
#include "ui/commands.h"
#include "src/studio/clipedit.h"
#include "ui/draw.h"
#include "src/studio/edit.h"
#include "ui/input.h"
#include "ui/keys.h"
#include "ui/mouse.h"
#include "src/studio/match.h"
#include "src/studio/monitor.h"
#include "src/studio/nsm.h"
#include "src/studio/record.h"
#include "ui/mastering.h"
#include "ui/projects.h"
#include "ui/theme.h"
#include "ui/ui.h"

/* Meters redraw at most this often: smooth to the eye, and few enough bytes that a
 * mix over SSH stays responsive. */
#define METER_PERIOD_SEC 0.04
/* How long getch waits for a key: the loop's heartbeat while nothing happens. */
#define KEY_WAIT_MS 40
/* Stopped and at rest, nothing on screen moves but what a key or a worker changes:
 * wake four times a second instead of 25 (a finished waveform shows this much later) */
#define KEY_REST_MS 250

/* Set by signal handlers, read by the loop: the loop, not the handler, leaves. A
 * terminal that is gone sets got_terminate = SIGHUP too: that is what it means. */
static volatile sig_atomic_t got_terminate, got_interrupt, got_suspend;

/* The terminal's bytes, made whole keys (ui/input.c), and reads in a row that found it
 * readable yet empty. */
static struct ui_input input;
static int lost_strikes;

/* What must be undone on every way out, including exit() from xalloc_die. */
static bool curses_active;
static int saved_stderr = -1;
/* The terminal as we found it, for the crash handler (which cannot call endwin). */
static struct termios start_termios;
static volatile sig_atomic_t have_start_termios, crash_restores_screen;

static void on_terminate(int sig)
{
	got_terminate = sig;
}

static void on_interrupt(int sig)
{
	(void)sig;
	got_interrupt = 1;
}

/* SIGSEGV and friends: give the user a working terminal back, then die of the same
 * signal (SA_RESETHAND restored the default action). Only async-signal-safe calls. */
static void on_crash(int sig)
{
	if (have_start_termios)
		tcsetattr(STDIN_FILENO, TCSANOW, &start_termios);
	if (crash_restores_screen) {
		/* mouse off, main screen, cursor on */
		static const char leave[] = "\033[?1006l\033[?1002l\033[?1000l\033[?1049l\033[?25h";
		ssize_t w = write(STDOUT_FILENO, leave, sizeof leave - 1);
		(void)w;
	}
	raise(sig);
}

/* The terminal reports the mouse (ui/mouse.h): buttons with motion while one is held
 * (1002, which holds 1000's presses, releases and wheel) in SGR form (1006: any column,
 * and which button went up). Written by us rather than by curses' mousemask, so that
 * every report reaches ui/input.c whole, whatever the TERM entry says of kmous. */
static bool mouse_reporting;

static void mouse_report(bool on)
{
	if (on == mouse_reporting || !curses_active)
		return;
	putp(on ? "\033[?1000h\033[?1002h\033[?1006h" : "\033[?1006l\033[?1002l\033[?1000l");
	fflush(stdout); /* putp may leave it in stdout's buffer, which curses never flushes */
	mouse_reporting = on;
}

static void terminal_restore(void)
{
	mouse_report(false); /* before endwin, which sends it on its way */
	if (curses_active) {
		crash_restores_screen = 0;
		endwin();
		curses_active = false;
	}
	if (saved_stderr >= 0) {
		dup2(saved_stderr, STDERR_FILENO);
		close(saved_stderr);
		saved_stderr = -1;
	}
}

/* Audio libraries (ALSA under PortAudio, JACK) print to stderr whenever they like;
 * on the terminal that would scribble over the screen. While the studio owns the
 * terminal their chatter goes nowhere; a redirected stderr (a log) is left alone. */
static void quiet_stderr(void)
{
	if (!isatty(STDERR_FILENO))
		return;
	int null_fd = open("/dev/null", O_WRONLY);
	if (null_fd < 0)
		return;
	saved_stderr = dup(STDERR_FILENO);
	if (saved_stderr >= 0)
		dup2(null_fd, STDERR_FILENO);
	close(null_fd);
}

static void on_suspend(int sig)
{
	(void)sig;
	got_suspend = 1;
}

/* Ctrl-Z is ours rather than curses' (which would stop with the mouse mode still on, so
 * that clicks in the shell print reports): the loop calls suspend(). */
static void install_suspend(void)
{
	struct sigaction sa = { .sa_handler = on_suspend };
	sigemptyset(&sa.sa_mask);
	sigaction(SIGTSTP, &sa, NULL);
}

static void install_signals(void)
{
	/* no SA_RESTART: a signal wakes getch at once */
	struct sigaction sa = { .sa_handler = on_terminate };
	sigemptyset(&sa.sa_mask);
	sigaction(SIGTERM, &sa, NULL);
	sigaction(SIGHUP, &sa, NULL);  /* the SSH link dropped */
	sigaction(SIGQUIT, &sa, NULL); /* Ctrl-backslash: leave, keeping the work */
	sa.sa_handler = on_interrupt;
	sigaction(SIGINT, &sa, NULL);
	struct sigaction crash = { .sa_handler = on_crash,
		.sa_flags = SA_RESETHAND | SA_NODEFER };
	sigemptyset(&crash.sa_mask);
	const int crashes[] = { SIGSEGV, SIGBUS, SIGABRT, SIGFPE };
	for (size_t i = 0; i < sizeof crashes / sizeof crashes[0]; i++)
		sigaction(crashes[i], &crash, NULL);
}

/* why newterm failed, where the system said: out of file descriptors is no fault of
 * the terminal's */
static int terminal_errno;

static bool terminal_init(void)
{
	/* newterm, unlike initscr, returns on an unusable TERM instead of exiting */
	errno = 0;
	SCREEN *screen = newterm(NULL, stdout, stdin);
	if (!screen) {
		terminal_errno = errno;
		return false;
	}
	set_term(screen);
	curses_active = true;
	crash_restores_screen = 1;
	cbreak();
	noecho();
	nonl();
	intrflush(stdscr, FALSE);
	keypad(stdscr, TRUE);
	set_escdelay(25); /* Esc closes things; a second's wait for a sequence feels broken */
	ui_input_define_keys(); /* Home and End as Home and End, whatever TERM says */
	ui_input_init(&input);
	timeout(KEY_WAIT_MS);
	curs_set(0);
	/* Ctrl-S is the save key: take it back from XON/XOFF flow control, and make that
	 * the mode curses restores after a suspend; endwin restores the user's own */
	struct termios t;
	if (tcgetattr(STDIN_FILENO, &t) == 0) {
		t.c_iflag &= ~(tcflag_t)(IXON | IXOFF);
		tcsetattr(STDIN_FILENO, TCSANOW, &t);
		def_prog_mode();
	}
	ui_theme_init();
	ui_draw_init();
	return true;
}

static bool too_small(void)
{
	return COLS < UI_MIN_COLS || LINES < UI_MIN_LINES;
}

static void draw(struct ui_app *app)
{
	erase();
	ui_hit_clear(&app->hit); /* the pages say again where they draw things */
	if (too_small()) {
		/* a squeezed layout would be garbage; say what is needed instead */
		ui_textf(0, 0, COLS, ui_theme_attr(UI_ROLE_STRONG), false,
			"terminal too small (need %dx%d)", UI_MIN_COLS, UI_MIN_LINES);
		ui_text(1, 0, COLS, ui_theme_attr(UI_ROLE_NORMAL), false,
			"until then keys do nothing; q quits");
		ui_text(3, 0, COLS, ui_theme_attr(app->status.asking_quit ? UI_ROLE_PROMPT
			: app->status.is_error ? UI_ROLE_ERROR : UI_ROLE_NORMAL), false,
			app->status.message);
	} else {
		switch (app->page) {
		case UI_PAGE_MIXER:
			ui_mixer_draw(app);
			break;
		case UI_PAGE_ARRANGER:
			ui_arranger_draw(app);
			break;
		case UI_PAGE_HELP:
			ui_help_draw(app);
			break;
		case UI_PAGE_MASTERING:
			ui_mastering_draw(app);
			break;
		case UI_PAGE_MESSAGES:
			ui_messages_draw(app);
			break;
		}
		ui_review_draw(app);
		ui_teach_panel_draw(app);
		ui_status_draw(app);
		/* an open command line covers the message line (status.c knows nothing of
		 * it); the terminal's cursor is placed last so that it stays there */
		ui_cmdline_draw(app, LINES - 2);
		ui_cmdline_place_cursor(app, LINES - 2);
	}
	/* curses sends only the cells that differ from the screen it last drew */
	refresh();
}

/* Where the edit history stood: a key that moved it made (or undid) an edit. */
struct history_mark {
	size_t count, pos;
	double when, value;
};

static struct history_mark history_mark(const struct ui_app *app)
{
	const struct studio_undo *u = &app->st->undo;
	struct history_mark m = { u->count, u->pos, 0, 0 };
	if (u->count > 0) {
		m.when = u->recs[u->count - 1].when;
		m.value = u->recs[u->count - 1].new_value;
	}
	return m;
}

/* A key edited the project and said nothing: say it from the history's newest record,
 * so that no key changes the work unseen. */
static void say_unsaid_edit(struct ui_app *app)
{
	const struct studio_undo *u = &app->st->undo;
	if (u->pos == 0)
		return;
	size_t i = u->pos - 1;
	const unsigned batch = u->recs[i].batch;
	while (batch && i > 0 && u->recs[i - 1].batch == batch) /* the strip moved first */
		i--;
	const struct studio_undo_rec *r = &u->recs[i];
	if (r->kind == STUDIO_UNDO_SHAPE)
		ui_message(app, "%s", r->name);
	else if (r->kind == STUDIO_UNDO_CLIP)
		ui_message(app, "%s clip %d %s changed", studio_strip_name(app->st, r->strip),
			r->clip + 1, studio_edit_clip_name(r->clip_field));
	else
		studio_edit_say(app->st, r->control, r->strip, r->slot, r->param);
}

/* While the page cannot be drawn its keys would edit what nobody sees: only q (and the
 * answer to its question) and Ctrl-L do anything. true when the key was taken. */
static bool key_while_too_small(struct ui_app *app, int key)
{
	if (!too_small() || app->status.asking_quit)
		return false;
	if (key == 'q') {
		ui_command_run(app, "quit");
	} else if (key == UI_CTRL('l')) {
		ui_command_run(app, "redraw");
	} else {
		char name[32];
		ui_key_name(key, name, sizeof name);
		ui_message(app, "%s ignored: terminal too small", name);
	}
	return true;
}

/* Keep the selections inside the project, whose shape an edit (or an undo) may have
 * changed. */
static void clamp_selection(struct ui_app *app)
{
	const struct project *p = app->st->project;
	if (app->sel.strip > p->n_tracks + p->n_buses)
		app->sel.strip = p->n_tracks + p->n_buses;
	if (app->sel.strip < 0)
		app->sel.strip = 0;
	const int t = app->sel.strip < p->n_tracks ? app->sel.strip : p->n_tracks - 1;
	const int n = t >= 0 ? p->tracks[t].n_clips : 0;
	if (app->sel.clip >= n)
		app->sel.clip = n - 1;
	if (app->sel.clip < 0)
		app->sel.clip = 0;
}

static void dispatch_key(struct ui_app *app, int key);

/* Around whatever a key or a click runs: the selection kept inside the project, and
 * an edit that said nothing said from the history. */
struct edit_watch {
	unsigned said;
	struct history_mark before;
};

static struct edit_watch watch_begin(struct ui_app *app)
{
	const struct edit_watch w = { app->status.count, history_mark(app) };
	clamp_selection(app);
	return w;
}

static void watch_end(struct ui_app *app, const struct edit_watch *w)
{
	clamp_selection(app);
	const struct history_mark after = history_mark(app);
	const bool edited = w->before.count != after.count || w->before.pos != after.pos
		|| w->before.when != after.when || w->before.value != after.value;
	if (edited && app->status.count == w->said)
		say_unsaid_edit(app);
}

static void handle_key(struct ui_app *app, int key)
{
	if (key == KEY_RESIZE) {
		clearok(curscr, TRUE); /* repaint from scratch: the terminal reflowed */
		app->need_draw = true;
		return;
	}
	if (key_while_too_small(app, key))
		return;
	const struct edit_watch w = watch_begin(app);
	dispatch_key(app, key);
	watch_end(app, &w);
}

/* A sequence read whole and dropped (ui/input.c): it acts on nothing, and says so. */
static void handle_dropped(struct ui_app *app, const struct ui_input_event *ev)
{
	app->status.asking_quit = false; /* any key but y answers "quit without saving?" no */
	if (ev->kind == UI_INPUT_MOUSE)
		ui_message(app, "mouse report ignored (the mouse is off; :set mouse on)");
	else
		ui_message(app, "unknown key %s ignored", ev->text);
}

/* A mouse report: with the mouse on, what it points at runs its command lines
 * (ui/mouse.c); off (set mouse off, --no-mouse), it is dropped as before. Where keys
 * are taken by something over the page (the ':' line, the quit question, a page too
 * small to draw), a click does nothing and says so; the teaching panel scrolls with
 * the wheel and a click closes it, as a key does. */
static void handle_mouse(struct ui_app *app, const struct ui_input_event *ev)
{
	if (!ui_bindings_active()->opt.mouse || !ev->mouse.valid) {
		handle_dropped(app, ev);
		return;
	}
	const bool moved = ev->mouse.motion || ev->mouse.release;
	if (too_small() || ui_cmdline_active(app) || app->status.asking_quit) {
		ui_mouse_reset(app);
		if (!moved) { /* a press; its release and the motion are no news */
			const char *why = too_small() ? "terminal too small"
				: app->status.asking_quit ? "not quitting" : "the command line is open";
			app->status.asking_quit = false; /* as any key but y */
			ui_message(app, "mouse report ignored: %s", why);
		}
		return;
	}
	if (app->panel.text) { /* the teaching panel over the page: as its keys */
		const int b = ev->mouse.button;
		if (!moved)
			ui_teach_panel_key(app, b == UI_MOUSE_WHEEL_UP ? KEY_UP
				: b == UI_MOUSE_WHEEL_DOWN ? KEY_DOWN : UI_KEY_ESC);
		return;
	}
	const struct edit_watch w = watch_begin(app);
	ui_mouse_event(app, &ev->mouse, (long long)(clock_now_sec() * 1000.0));
	watch_end(app, &w);
}

/* The terminal reports the mouse while `set mouse` is on. */
static void follow_mouse_option(struct ui_app *app)
{
	const bool on = ui_bindings_active()->opt.mouse != 0;
	if (!on)
		ui_mouse_reset(app);
	mouse_report(on);
}

/* One read of the terminal into the decoder (the caller takes the events). A terminal
 * that is gone ends the studio as a SIGHUP does (autosave, then exit), instead of
 * reading nothing forever at full speed. */
static void read_terminal(int wait_ms)
{
	timeout(ui_input_wait_ms(&input, wait_ms));
	const int code = getch();
	if (code == ERR && !got_terminate
		&& ui_input_terminal_lost(STDIN_FILENO, &lost_strikes)) {
		got_terminate = SIGHUP;
		return;
	}
	if (code != ERR)
		lost_strikes = 0;
	ui_input_feed(&input, code, (long long)(clock_now_sec() * 1000.0));
}

static void dispatch_key(struct ui_app *app, int key)
{
	if (ui_cmdline_active(app)) {
		ui_cmdline_key(app, key); /* the ':' line takes every key while it is open */
		return;
	}
	if (app->status.asking_quit) {
		app->status.asking_quit = false;
		if (app->status.ask_then[0])
			ui_project_answer(app, key); /* :e or :new waited on unsaved changes */
		else if (key == 'y' || key == 'Y')
			app->quit = true;
		else
			ui_message(app, "not quitting");
		app->need_draw = true;
		return;
	}
	if (ui_teach_panel_key(app, key) || ui_review_key(app, key))
		return;
	bool used = app->page == UI_PAGE_HELP ? ui_help_key(app, key)
		/* the log scrolls with the help page's keys (ui/keys.c runs them) */
		: app->page == UI_PAGE_MESSAGES ? ui_keys_dispatch(app, UI_SCOPE_HELP, key)
		: app->page == UI_PAGE_MASTERING ? ui_mastering_key(app, key)
		: app->page == UI_PAGE_ARRANGER ? ui_arranger_key(app, key)
		: ui_mixer_key(app, key);
	if (!used) {
		char name[32];
		ui_key_name(key, name, sizeof name);
		ui_message(app, "%s does nothing here (? lists the keys)", name);
	}
}

/* Position in tenths of a second, rounded as the status line shows it. */
static long long position_tenths(const struct ui_app *app)
{
	const long long rate = app->st->project->sample_rate > 0 ? app->st->project->sample_rate : 1;
	return (app->st->snap.playhead * 10 + rate / 2) / rate;
}

/* Give the terminal back as we found it (the mouse off too), stop until fg, then take
 * it again: the loop turns the mouse back on. */
static void suspend(struct ui_app *app)
{
	ui_mouse_reset(app);
	mouse_report(false);
	endwin();
	signal(SIGTSTP, SIG_DFL);
	raise(SIGTSTP); /* stopped here until SIGCONT */
	install_suspend();
	clearok(curscr, TRUE);
	app->need_draw = true;
}

/* Lend the terminal to a program of lines (the ear-training quiz): the screen as
 * the user had it, the mouse off; ui_app_take_screen takes it back and redraws. */
void ui_app_leave_screen(struct ui_app *app)
{
	ui_mouse_reset(app);
	mouse_report(false);
	endwin();
}

void ui_app_take_screen(struct ui_app *app)
{
	reset_prog_mode();
	clearok(curscr, TRUE);
	app->need_draw = true;
}

/* The session manager's switch: its project in place of this one, as :e puts it. */
static bool nsm_replace(void *arg, struct project *p)
{
	return ui_project_replace(arg, p);
}

static void run_loop(struct ui_app *app)
{
	double last_meter_draw = 0;
	long long shown_tenths = -1;
	uint32_t shown_xruns = 0, shown_dropped = 0;
	app->st->utf8 = ui_draw_utf8();
	while (!app->quit && !got_terminate) {
		if (got_suspend) {
			got_suspend = 0;
			suspend(app);
		}
		if (got_interrupt) {
			got_interrupt = 0;
			ui_command_run(app, "quit"); /* Ctrl-C: as q, so unsaved work is asked for */
		}
		read_terminal(studio_resting(app->st) ? KEY_REST_MS : KEY_WAIT_MS);
		struct ui_input_event ev;
		while (ui_input_next(&input, &ev)) {
			if (ev.kind == UI_INPUT_KEY)
				handle_key(app, ev.key);
			else if (ev.kind == UI_INPUT_MOUSE)
				handle_mouse(app, &ev);
			else
				handle_dropped(app, &ev);
		}
		follow_mouse_option(app); /* :set mouse off takes effect at once */
		const double now = clock_now_sec();
		studio_transport_poll(app->st, now);
		studio_jack_poll(app->st); /* JACK's strip ports and transport follow */
		studio_record_poll(app->st); /* a take ends; input meters */
		studio_auto_tick(app->st, now);
		ui_arranger_poll(app); /* waveforms finished on the peak worker */
		studio_pitch_poll(app->st);    /* pitch caches finished on their worker */
		studio_render_poll(app->st);
		studio_plugins_poll(app->st);  /* a plug-in muted for NaN output is named */
		studio_album_poll(app->st);
		ui_teach_check_poll(app); /* a :check finished or further on its worker */
		studio_match_poll(app->st);   /* :match's passes finished on its worker */
		ui_review_poll(app);           /* a :review finished on its worker */
		/* the session manager's save, dirty or clean, another session's project */
		studio_nsm_poll(app->st, nsm_replace, app);
		studio_autosave_tick(app->st, now);

		const long long tenths = position_tenths(app);
		const uint32_t xruns = engine_xruns(app->st->engine);
		const uint32_t dropped = engine_events_dropped(app->st->engine);
		if (app->st->changed) { /* the session changed something a page shows */
			app->need_draw = true;
			app->st->changed = false;
		}
		bool draw_now = app->need_draw || app->st->snap.transport_changed
			|| tenths != shown_tenths || xruns != shown_xruns || dropped != shown_dropped;
		if (app->page == UI_PAGE_MIXER && app->st->snap.meters_changed
			&& now - last_meter_draw >= METER_PERIOD_SEC)
			draw_now = true;
		studio_monitor_tick(app->st);
		if (ui_mastering_tick(app)) /* new loudness figures, about 10 a second */
			draw_now = true;
		if (ui_strip_page_tick(app)) /* the open strip's spectrum, as often */
			draw_now = true;
		if (!draw_now)
			continue;
		draw(app);
		app->need_draw = app->st->snap.transport_changed = app->st->snap.meters_changed = false;
		last_meter_draw = now;
		shown_tenths = tenths;
		shown_xruns = xruns;
		shown_dropped = dropped;
	}
}

/* An autosave newer than project.json is offered before the session is built from
 * the project: restoring it changes what is built. false when the terminal cannot be
 * driven; a signal during the question leaves everything as it was. */
static bool offer_autosave(struct ui_app *app)
{
	struct ui_autosave_offer *o = ui_autosave_find(app);
	if (!o)
		return true;
	if (!terminal_init()) {
		ui_autosave_offer_free(o);
		return false;
	}
	install_signals();
	bool answered = false;
	while (!answered && !got_terminate) {
		ui_autosave_offer_draw(o);
		refresh();
		read_terminal(KEY_WAIT_MS);
		int key = ERR;
		struct ui_input_event ev;
		while (ui_input_next(&input, &ev)) /* the first key; a dropped sequence is none */
			if (ev.kind == UI_INPUT_KEY && key == ERR)
				key = ev.key;
		if (got_interrupt)
			key = 'n'; /* Ctrl-C: nothing changes, as n */
		got_interrupt = 0;
		if (key == KEY_RESIZE)
			clearok(curscr, TRUE);
		if (ui_autosave_offer_key(o, key))
			continue; /* scrolled the list */
		if (key == 'y' || key == 'Y') {
			ui_autosave_offer_accept(app, o);
			studio_snapshot_deinit(&app->st->snap); /* the track count may differ */
			studio_snapshot_init(&app->st->snap, app->st->project->n_tracks + app->st->project->n_buses);
			answered = true;
		} else if (key == 'n' || key == 'N' || key == UI_KEY_ESC) {
			ui_autosave_offer_decline(app, o);
			answered = true;
		}
	}
	ui_autosave_offer_free(o);
	erase();
	refresh();
	return true;
}

/* Put what the lock said on the status line (after the session has opened). */
static void say_lock(struct ui_app *app)
{
	if (app->st->read_only)
		studio_saving_say_read_only(app->st);
	else if (app->st->lock_note[0] && app->status.message[0]) {
		/* both matter (the autosave offer's outcome, say) */
		char was[sizeof app->status.message];
		snprintf(was, sizeof was, "%s", app->status.message);
		if (app->status.is_error)
			ui_error(app, "%.200s; %s", was, app->st->lock_note);
		else
			ui_message(app, "%.200s; %s", was, app->st->lock_note);
	} else if (app->st->lock_note[0])
		ui_message(app, "%s", app->st->lock_note);
}

int ui_run(struct project *p, bool throwaway, const struct cli_globals *g)
{
	static bool registered;
	setlocale(LC_ALL, "");
	if (!registered)
		registered = atexit(terminal_restore) == 0;

	struct studio st;
	struct ui_app app = { .st = &st, .page = UI_PAGE_MIXER,
		.return_page = UI_PAGE_MIXER, .need_draw = true };
	/* before the autosave offer: it asks who holds the project */
	studio_init(&st, p, throwaway, g, (struct studio_voice){ ui_say, &app, ui_list });
	if (isatty(STDIN_FILENO) && tcgetattr(STDIN_FILENO, &start_termios) == 0)
		have_start_termios = 1;

	quiet_stderr();
	struct err_msg msg;
	int status = 0;
	bool terminal_ok = offer_autosave(&app);
	if (!terminal_ok || got_terminate) {
		/* below: no terminal, or a signal while the question was up */
	} else if (studio_open(&st, &msg) != ERR_OK) {
		terminal_restore();
		fprintf(stderr, "ttymix: %s\n", msg.text);
		status = 1;
	} else if (!curses_active && !terminal_init()) {
		terminal_ok = false;
	} else {
		install_signals();
		/* the user's keys first: a bad line is said, then the lock's note after it */
		ui_line_read_rc(&app);
		if (g->no_mouse) /* the command line wins over the ttymixrc */
			ui_bindings_active()->opt.mouse = 0;
		follow_mouse_option(&app);
		say_lock(&app);
		ui_arranger_open(&app); /* waveforms build in the background */
		studio_pitch_open(&st);    /* and so do missing pitch caches */
		studio_plugins_open(&st);  /* plug-ins the project names that are not here */
		if (throwaway)
			studio_transport_play(&st); /* a quick audition should just play */
		install_suspend();
		run_loop(&app);
		/* the work first: on SIGHUP the terminal may already be gone; a take under
		 * way is placed, so that the autosave holds it */
		if (got_terminate)
			studio_record_finish(&st, NULL);
		if (got_terminate && studio_dirty(&st)) {
			if (!studio_autosave_write(&st, &msg)) {
				terminal_restore();
				fprintf(stderr, "ttymix: could not write the autosave: %s\n", msg.text);
			} else if (msg.text[0]) {
				terminal_restore();
				fprintf(stderr, "ttymix: %s\n", msg.text);
			}
		} else if (!got_terminate) {
			studio_autosave_remove(&st); /* left on purpose: nothing to recover */
		}
		terminal_restore();
	}
	if (!terminal_ok) {
		terminal_restore();
		const char *term = getenv("TERM");
		/* TERM is the caller's text: shown, never run */
		text_fprintf(stderr, "ttymix: cannot drive this terminal (TERM=%s)%s\n",
			term ? term : "(unset)", terminal_errno == EMFILE || terminal_errno == ENFILE
			? ": too many open files" : "");
		status = 1;
	}
	terminal_restore();
	ui_arranger_close(&app);
	ui_mastering_free(&app); /* its analysis thread reads the engine */
	ui_strip_page_free(&app); /* so does its spectrum */
	studio_render_stop(app.st);
	ui_cmdline_destroy(app.cmdline);
	ui_teach_free(&app);
	ui_review_free(&app);
	ui_log_free(&app.log);
	ui_log_free(&app.pane.items);
	studio_close(&st);
	studio_deinit(&st); /* frees p, or the autosave restored in its place */
	if (got_terminate == SIGQUIT)
		return 128 + SIGQUIT; /* as if it died of it, without the core dump */
	if (got_terminate) {
		/* die of the signal after cleaning up, so the parent sees why we stopped */
		signal(got_terminate, SIG_DFL);
		raise(got_terminate);
	}
	return status;
}
