/* The ':' line in the terminal: the ui's own rows (what only a terminal does) beside
 * the session's table (src/studio/command_table.c), and the one path every typed line,
 * key binding and ttymixrc line takes: a key command's name alone, else a row of
 * either table, counted and run by the studio (studio_command_run). */
#include "ui/commands.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "src/typed_path.h"
#include "src/base/xalloc.h"
#include "src/studio/record.h"
#include "src/studio/saving.h"
#include "src/studio/strip.h"
#include "ui/ear.h"
#include "ui/keys.h"
#include "ui/projects.h"
#include "ui/rc.h"
#include "ui/review.h"
#include "ui/teach.h"

#define ANY STUDIO_LINE_ANY
#define NONE { STUDIO_ARG_ANY }

static struct ui_app *app_of(struct studio_line *l)
{
	return l->owner;
}

static struct studio_words *args_of(struct ui_app *app)
{
	return &app->cmdline->args;
}

/* ---- the rows only a terminal has ---- */

static void leave(struct ui_app *app)
{
	studio_render_stop(app->st);
	app->quit = true;
}

static void line_quit(struct studio_line *l)
{
	struct ui_app *app = app_of(l);
	studio_record_finish(app->st, NULL); /* a take under way is placed, unsaved */
	if (!app->st->throwaway && studio_dirty(app->st)) {
		studio_error(app->st, "unsaved changes: :w saves, :q! quits without saving");
		return;
	}
	leave(app);
}

static void line_quit_discard(struct studio_line *l) { leave(app_of(l)); }

static void line_write_quit(struct studio_line *l)
{
	struct ui_app *app = app_of(l);
	studio_record_finish(app->st, NULL); /* a take under way is saved with the rest */
	studio_save(app->st);
	if (!app->st->throwaway && !studio_dirty(app->st))
		leave(app);
}

/* :jump NAME|N (/ and ' fill it in): select the strip a name finds (as a STRIP word
 * does) or the mixer's Nth strip; the arranger shows a track, the mixer anything. */
static void line_jump(struct studio_line *l)
{
	struct ui_app *app = app_of(l);
	struct studio *st = app->st;
	const char *word = l->w->argv[1];
	const int count = studio_strip_count(st);
	int pos, strip;
	char *end;
	const long number = strtol(word, &end, 10);
	if (*word >= '0' && *word <= '9' && !*end) {
		if (number < 1 || number > count + 1) {
			studio_error(st, "no strip %s (1 to %d on the mixer)", word, count + 1);
			return;
		}
		pos = (int)number - 1;
	} else if (studio_line_strip(l, word, &strip)) {
		pos = strip == STRIP_MASTER ? count : strip;
	} else {
		return;
	}
	strip = studio_strip_of(st, pos);
	const bool track = pos < st->project->n_tracks;
	if (app->page == UI_PAGE_ARRANGER && !track)
		app->page = UI_PAGE_MIXER; /* no lane for a bus or the master */
	else if (app->page != UI_PAGE_ARRANGER)
		app->page = UI_PAGE_MIXER;
	app->sel.strip = pos;
	if (app->page == UI_PAGE_ARRANGER)
		app->sel.clip = 0; /* its first clip, ready for Enter, as the track keys do */
	if (l->w->argc == 3 && track) { /* the clip a click picked on the arranger */
		const struct project_track *t = &st->project->tracks[pos];
		const long k = strtol(l->w->argv[2], &end, 10);
		if (k < 1 || k > t->n_clips || *end) {
			studio_error(st, "no clip %s on track %d (1 to %d)", l->w->argv[2], pos + 1,
				t->n_clips);
			return;
		}
		app->sel.clip = (int)k - 1;
		studio_message(st, "clip %ld of %d: %s at %.2f s", k, t->n_clips,
			t->clips[k - 1].file, t->clips[k - 1].start);
		return;
	}
	studio_message(st, "strip %d: %s%s", pos + 1, studio_strip_name(st, strip),
		track ? "" : strip == STRIP_MASTER ? " (on the mixer)" : " (a bus, on the mixer)");
}

/* :help-find TEXT (/ on the help page fills it in): the words joined by spaces. */
static void line_help_find(struct studio_line *l)
{
	char query[64] = "";
	for (int i = 1; i < l->w->argc; i++) {
		const size_t len = strlen(query);
		snprintf(query + len, sizeof query - len, "%s%s", i > 1 ? " " : "", l->w->argv[i]);
	}
	struct ui_app *app = app_of(l);
	if (app->page != UI_PAGE_HELP) {
		if (app->page != UI_PAGE_MESSAGES)
			app->return_page = app->page;
		app->page = UI_PAGE_HELP;
		app->help.top = 0;
	}
	snprintf(app->help.query, sizeof app->help.query, "%s", query);
	app->help.match = 0;
	app->help.find_pending = true; /* ui_help_draw finds it (ui/help.h) */
	app->need_draw = true;
}

static void line_bind(struct studio_line *l);
static void line_unbind(struct studio_line *l);
static void line_set(struct studio_line *l);
static void line_source(struct studio_line *l);

const struct studio_command ui_line_commands[] = {
	{ "lesson", NULL, "[N]", 0, 1, NONE,
	  "open lesson N (ttymix lesson list); alone: its goal and hints again",
	  ui_line_lesson, NULL, 0 },
	{ "review", NULL, "[jump N|apply N|close|target CURVE|off]", 0, 2, NONE,
	  "a second pair of ears: masking, balance, headroom, phase, tone and dynamics, "
	  "each with its fix (a panel: Enter goes there, a applies); target: the tonal "
	  "curve to judge against (ttymix curve makes one)", ui_line_review,
	  NULL, 0 },
	{ "check", NULL, "", 0, ANY, NONE,
	  "measure the open lesson: what passes, what not, by how much", ui_line_check,
	  NULL, 0 },
	{ "ear", NULL, "[EXERCISE]", 0, 1, NONE,
	  "ear training on the selected track (a bus or the master: the mix) from the "
	  "playhead: band-boost, band-cut, louder, compressor or pan; alone: any of them",
	  ui_line_ear, NULL, 0 },
	{ "jump", NULL, "NAME|N [CLIP]", 1, 2, { STUDIO_ARG_STRIP, STUDIO_ARG_ANY },
	  "select a track or bus by a part of its name, or the mixer's Nth strip (/ and '); "
	  "CLIP: that clip of the track (a click on the arranger)",
	  line_jump, NULL, 0 },
	{ "help-find", NULL, "TEXT", 1, ANY, NONE,
	  "show the help at the first line holding TEXT (/ on the help; n: the next)",
	  line_help_find, NULL, 0 },
	{ "e", "edit", "PROJECT", 1, 1, { STUDIO_ARG_PATH },
	  "open another project (asks about unsaved changes first)", ui_line_edit, NULL, 0 },
	{ "e!", NULL, "PROJECT", 1, 1, { STUDIO_ARG_PATH },
	  "open another project, dropping unsaved changes", ui_line_edit_discard, NULL, 0 },
	{ "new", NULL, "NAME", 1, 1, { STUDIO_ARG_PATH },
	  "make an empty project in the new folder NAME and open it", ui_line_new, NULL, 0 },
	{ "q", NULL, "", 0, 0, NONE, "quit (refuses if changes are unsaved)", line_quit,
	  NULL, 0 },
	{ "q!", NULL, "", 0, 0, NONE, "quit, dropping unsaved changes", line_quit_discard,
	  NULL, 0 },
	{ "wq", NULL, "", 0, 0, NONE, "save, then quit", line_write_quit, NULL, 0 },
	{ "bind", NULL, "SCOPE KEY COMMAND", 3, ANY, NONE,
	  "bind a key on a page to a command line (as in the ttymixrc)", line_bind,
	  NULL, 0 },
	{ "unbind", NULL, "SCOPE KEY", 2, 2, NONE, "the key does nothing there any more",
	  line_unbind, NULL, 0 },
	{ "set", NULL, "OPTION VALUE", 2, 2, NONE, "fader-step, fader-coarse-step, pan-step, "
	  "strip-width (narrow mixer, 4..12), track-height (arranger, 1..4; 0: fit), "
	  "name-width (arranger's track column, 8..30), mouse (on|off)",
	  line_set, NULL, 0 },
	{ "source", NULL, "FILE", 1, 1, { STUDIO_ARG_PATH },
	  "read bind, unbind and set lines from FILE",
	  line_source, NULL, 0 },
};
const size_t ui_n_line_commands = sizeof ui_line_commands / sizeof ui_line_commands[0];

size_t ui_line_count(void)
{
	return studio_n_commands + ui_n_line_commands;
}

const struct studio_command *ui_line_row(size_t i)
{
	return i < studio_n_commands ? &studio_commands[i]
		: &ui_line_commands[i - studio_n_commands];
}

/* ---- finding the command ---- */

static const struct studio_command *find_line(const char *verb)
{
	const struct studio_command *c = studio_command_find(studio_commands,
		studio_n_commands, verb);
	return c ? c : studio_command_find(ui_line_commands, ui_n_line_commands, verb);
}

/* A command of the key table by its whole name. */
static const struct ui_command *find_key_command(const char *name)
{
	for (size_t i = 0; i < ui_n_commands; i++)
		if (!strcmp(ui_commands[i].name, name))
			return &ui_commands[i];
	return NULL;
}

bool ui_line_command_exists(const char *verb, int n_words)
{
	return find_line(verb) || (n_words <= 1 && find_key_command(verb));
}

/* The studio's view of the line being run: the ui's cursor, and the strip "." names
 * (the arranger shows the master's position as the last track, as its keys do). */
static struct studio_line line_of(struct ui_app *app, const struct studio_command *c)
{
	const int n = app->st->project->n_tracks;
	return (struct studio_line){ .st = app->st, .sel = &app->sel,
		.here = app->page == UI_PAGE_ARRANGER && app->sel.strip >= n && n > 0 ? n - 1
			: app->sel.strip,
		.w = args_of(app), .cmd = c, .owner = app };
}

void ui_line_run(struct ui_app *app, const char *text)
{
	if (!app->cmdline) /* a key ran a line before ':' was ever opened */
		app->cmdline = xcalloc(1, sizeof *app->cmdline);
	struct studio_words *a = args_of(app);
	char why[128];
	if (!studio_words_split(text, a, why, sizeof why)) {
		studio_error(app->st, "%s", why);
		return;
	}
	if (a->argc == 0)
		return;
	/* a name alone runs the key command of that name even where a ':' command shares
	 * it (":mute" toggles the selected track as m does; ":mute vox" is the ':' one),
	 * so that every key's line can be its command's name */
	const struct ui_command *key = find_key_command(a->argv[0]);
	const struct studio_command *line = find_line(a->argv[0]);
	if (key && (a->argc == 1 || !line)) {
		if (a->argc > 1)
			studio_error(app->st, "%s takes nothing after it", key->name);
		else
			key->run(app);
	} else if (line) {
		struct studio_line l = line_of(app, line);
		studio_command_run(&l);
	} else {
		studio_error(app->st, "unknown command \"%s\" (Tab lists them, ? shows the help)",
			a->argv[0]);
		return;
	}
	app->need_draw = true;
}

/* ---- completion ---- */

void ui_line_candidates(const struct ui_app *app, const struct studio_words *before,
	int word_index, void (*found)(void *arg, const char *candidate), void *arg)
{
	if (word_index == 0) {
		studio_command_names(studio_commands, studio_n_commands, found, arg);
		studio_command_names(ui_line_commands, ui_n_line_commands, found, arg);
		for (size_t i = 0; i < ui_n_commands; i++) {
			const struct ui_command *c = &ui_commands[i];
			/* help-page scrolling is no command to type; a key command sharing a
			 * ':' command's name ("mute"), or listed for two sets of pages
			 * ("marker-add"), is offered once */
			if (c->scope != UI_SCOPE_HELP && !find_line(c->name)
				&& find_key_command(c->name) == c)
				found(arg, c->name);
		}
		return;
	}
	const struct studio_command *c = before->argc >= 1 ? find_line(before->argv[0]) : NULL;
	if (c)
		studio_command_candidates(app->st, c, before, word_index, found, arg);
}

bool ui_line_path_candidates(const struct ui_app *app, const struct studio_words *before,
	int word_index, const char *typed, void (*found)(void *arg, const char *candidate),
	void *arg)
{
	const struct studio_command *c = word_index > 0 && before->argc >= 1
		? find_line(before->argv[0]) : NULL;
	return c && studio_command_path_candidates(app->st, c, before, word_index, typed,
		found, arg);
}

/* ---- the ttymixrc in the studio (ui/rc.h reads it) ---- */

/* The report on the status line: the first bad line, and how many more. */
static void say_report(struct ui_app *app, const struct ui_rc_report *r)
{
	if (r->n_bad > 1)
		studio_error(app->st, "%s (and %d more bad line%s)", r->first, r->n_bad - 1,
			r->n_bad > 2 ? "s" : "");
	else
		studio_error(app->st, "%s", r->first);
}

void ui_line_read_rc(struct ui_app *app)
{
	char path[4096];
	bool required;
	const char *option = app->st->globals ? app->st->globals->config : NULL;
	if (!ui_rc_path(option, path, sizeof path, &required))
		return;
	struct stat sb;
	/* no ttymixrc: the defaults; but a link to nowhere is said, not taken for none */
	if (!required && lstat(path, &sb) != 0 && errno == ENOENT)
		return;
	struct ui_rc_report r;
	ui_rc_load(ui_bindings_active(), ui_line_command_exists, path, &r);
	if (r.n_bad)
		say_report(app, &r);
}

/* :bind, :unbind and :set: the ttymixrc's lines, typed. */
static void line_rc(struct ui_app *app, const char *done)
{
	struct studio_words *a = args_of(app);
	char why[256];
	if (!ui_rc_words(ui_bindings_active(), ui_line_command_exists, a->argc, a->argv, why,
		sizeof why)) {
		studio_error(app->st, "%s", why);
		return;
	}
	char line[UI_BIND_LINE_MAX];
	if (!ui_rc_join(a->argc - 1, a->argv + 1, line, sizeof line, why, sizeof why))
		line[0] = '\0';
	studio_message(app->st, "%s %s", done, line);
}

static void line_bind(struct studio_line *l) { line_rc(app_of(l), "bound"); }
static void line_unbind(struct studio_line *l) { line_rc(app_of(l), "unbound"); }
static void line_set(struct studio_line *l) { line_rc(app_of(l), "set"); }

static void line_source(struct studio_line *l)
{
	struct ui_app *app = app_of(l);
	struct studio_words *a = args_of(app);
	struct ui_rc_report r;
	char *path = typed_path_expand(a->argv[1]); /* ~/ as Tab completes it */
	ui_rc_load(ui_bindings_active(), ui_line_command_exists, path, &r);
	free(path);
	if (r.n_bad)
		say_report(app, &r);
	else
		studio_message(app->st, "%s: %d line%s read", a->argv[1], r.n_read, r.n_read == 1 ? "" : "s");
}
