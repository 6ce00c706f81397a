/* The ':' commands as one table (tmux/cmus style): a typed line is split, its command
 * found by name or alias, a sub-verb looked up in the command's own table, the words
 * counted against the row, and only then the exec run; a wrong count gets the usage
 * line from here. Tab completion reads what each word is from the same rows. */
#include "ui/commands.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>

#include "src/base/xalloc.h"
#include "src/studio/strip.h"
#include "ui/commands_studio.h"
#include "ui/keys.h"
#include "ui/rc.h"
#include "ui/teach.h"

#define ANY UI_LINE_ANY
#define NONE { UI_ARG_ANY }

const struct ui_line_command ui_line_commands[] = {
	{ "gain", NULL, "TRACK DB", 2, 2, { UI_ARG_TRACK, UI_ARG_ANY },
	  "set the fader in dB (-144..+24; +=N, -=N a step)", ui_line_gain, NULL, 0 },
	{ "pan", NULL, "TRACK P", 2, 2, { UI_ARG_TRACK, UI_ARG_ANY },
	  "pan -1..1, or L30 C R12 (+=N, -=N a step)", ui_line_pan, NULL, 0 },
	{ "mute", NULL, "TRACK [on|off]", 1, 2, { UI_ARG_TRACK, UI_ARG_CHOICE },
	  "mute, unmute (or toggle) a track", ui_line_mute, NULL, 0 },
	{ "solo", NULL, "TRACK [on|off]", 1, 2, { UI_ARG_TRACK, UI_ARG_CHOICE },
	  "solo, unsolo (or toggle) a track", ui_line_solo, NULL, 0 },
	{ "bus", NULL, "add|del NAME", 1, ANY, NONE,
	  "make or delete a bus (a strip fed by outputs and sends)", NULL, ui_line_bus_subs, 1 },
	{ "output", NULL, "STRIP BUS", 2, 2, { UI_ARG_STRIP, UI_ARG_OUTPUT },
	  "where a strip plays into: a bus or master", ui_line_output, NULL, 0 },
	{ "send", NULL, "STRIP BUS [DB|off] [pre|post]", 2, 4,
	  { UI_ARG_STRIP, UI_ARG_BUS, UI_ARG_CHOICE, UI_ARG_CHOICE },
	  "send to a bus at a level (post-fader unless pre); off removes it", ui_line_send,
	  NULL, 0 },
	{ "safe", NULL, "STRIP [on|off]", 1, 2, { UI_ARG_STRIP, UI_ARG_CHOICE },
	  "never silence this strip when others are soloed", ui_line_solo_safe, NULL, 0 },
	{ "insert", NULL, "STRIP ACTION [TYPE|SLOT] [TO]", 2, ANY, { UI_ARG_STRIP },
	  "add TYPE [SLOT], del SLOT, move SLOT TO, bypass SLOT [on|off]", NULL,
	  ui_line_insert_subs, 2 },
	{ "fx", NULL, "STRIP SLOT PARAM VALUE", 4, 4,
	  { UI_ARG_STRIP, UI_ARG_ANY, UI_ARG_PARAM, UI_ARG_ANY },
	  "set an insert's parameter (Tab lists them)", ui_line_fx, NULL, 0 },
	{ "auto", NULL, "STRIP LANE [list|add|del|mode|clear] [T] [V]", 2, 5,
	  { UI_ARG_STRIP, UI_ARG_LANE, UI_ARG_CHOICE, UI_ARG_ANY },
	  "automation: list, add T V, del T, mode off|read|write|touch|latch, clear",
	  ui_line_auto, NULL, 0 },
	{ "group", NULL, "GROUP [TRACK...]", 1, ANY, { UI_ARG_GROUP, UI_ARG_TRACK },
	  "link tracks' gain, mute and solo (no tracks: list the group)", ui_line_group,
	  NULL, 0 },
	{ "ungroup", NULL, "TRACK...", 1, ANY, { UI_ARG_TRACK },
	  "take tracks out of their group", ui_line_ungroup, NULL, 0 },
	{ "pitch", NULL, "SEMITONES [CENTS]", 1, 2, NONE,
	  "pitch the selected clip (-24..24 st, -100..100 ct), same length", ui_line_pitch,
	  NULL, 0 },
	{ "varispeed", NULL, "[on|off]", 0, 1, { UI_ARG_CHOICE },
	  "the selected clip's pitch changes its speed too (or toggle)", ui_line_varispeed,
	  NULL, 0 },
	{ "lesson", NULL, "[N]", 0, 1, NONE,
	  "open lesson N (ttymix lesson list); alone: its goal and hints again",
	  ui_line_lesson, NULL, 0 },
	{ "check", NULL, "", 0, ANY, NONE,
	  "measure the open lesson: what passes, what not, by how much", ui_line_check,
	  NULL, 0 },
	{ "monitor", NULL, "MODE", 1, 1, NONE, "monitor: stereo mono left right side swap "
	  "dim bs2b chumoy jmeier laptop phone earbuds off", ui_line_monitor, NULL, 0 },
	{ "reference", NULL, "FILE|off", 1, ANY, { UI_ARG_CHOICE },
	  "load a reference track to compare with (R switches; heard, never rendered)",
	  ui_line_reference, NULL, 0 },
	{ "play", NULL, "", 0, 0, NONE, "start playback", ui_line_play, NULL, 0 },
	{ "stop", NULL, "", 0, 0, NONE, "stop playback", ui_line_stop, NULL, 0 },
	{ "locate", NULL, "SECONDS", 1, 1, NONE, "go to a time: seconds, or m:ss",
	  ui_line_locate, NULL, 0 },
	{ "clipgain", NULL, "DB", 1, 1, NONE, "set the selected clips' gain in dB",
	  ui_line_clipgain, NULL, 0 },
	{ "fade", NULL, "in|out SECONDS [linear|equal_power|s_curve]", 1, ANY, NONE,
	  "set the selected clips' fade and its shape", NULL, ui_line_fade_subs, 1 },
	{ "move", NULL, "TIME", 1, 1, NONE,
	  "move the clip (and the selection) to start at TIME", ui_line_move, NULL, 0 },
	{ "trim", NULL, "start|end SECONDS", 1, ANY, NONE,
	  "move the clip's start or end edge by SECONDS (negative: earlier)", NULL,
	  ui_line_trim_subs, 1 },
	{ "nudge", NULL, "AMOUNT", 1, 1, NONE, "how far , . { } go: 10ms, 480f, 0.25b",
	  ui_line_nudge, NULL, 0 },
	{ "xfade", NULL, "MS", 1, 1, NONE,
	  "crossfade length where clips on a track overlap (equal power)", ui_line_xfade,
	  NULL, 0 },
	{ "track", NULL, "add|del|name|color|up|down [WORD]", 1, ANY, NONE,
	  "add a track after this one, remove it, name, colour or reorder it", NULL,
	  ui_line_track_subs, 1 },
	{ "marker", NULL, "add|name|del [NAME]", 1, ANY, NONE,
	  "add a marker at the playhead; rename or delete the one at or before it", NULL,
	  ui_line_marker_subs, 1 },
	{ "loop", NULL, "on|off|clip|markers|START END", 2, 2, NONE,
	  "loop on/off, over the selected clips, between markers, or a range", ui_line_loop,
	  ui_line_loop_subs, 1 },
	{ "render", NULL, "FILE [BITS]", 1, 2, NONE, "bounce to FILE: .wav .flac .ogg .aiff",
	  ui_line_render, NULL, 0 },
	{ "album", NULL, "[DIR]", 0, 1, NONE, "render the album: files, CUE, loudness table",
	  ui_line_album, NULL, 0 },
	{ "w", "write", "[DIR]", 0, 1, NONE,
	  "save (as Ctrl-S); with DIR: save the project there and work on that copy",
	  ui_line_write, NULL, 0 },
	{ "w!", NULL, "", 0, 0, NONE,
	  "save over a project.json that changed on disk since this studio read it",
	  ui_line_write_over, NULL, 0 },
	{ "q", NULL, "", 0, 0, NONE, "quit (refuses if changes are unsaved)", ui_line_quit,
	  NULL, 0 },
	{ "q!", NULL, "", 0, 0, NONE, "quit, dropping unsaved changes", ui_line_quit_discard,
	  NULL, 0 },
	{ "wq", NULL, "", 0, 0, NONE, "save, then quit", ui_line_write_quit, NULL, 0 },
	{ "dsp", NULL, "[reset]", 0, 0, NONE,
	  "DSP load: mean, worst, overruns, stalls, xruns (reset: count from now)",
	  ui_line_dsp, ui_line_dsp_subs, 1 },
	{ "device", NULL, "[NAME|null]", 0, ANY, { UI_ARG_CHOICE },
	  "reopen the output: a device (see ttymix devices), null, or as started",
	  ui_line_device, NULL, 0 },
	{ "bind", NULL, "SCOPE KEY COMMAND", 3, ANY, NONE,
	  "bind a key on a page to a command line (as in the ttymixrc)", ui_line_bind,
	  NULL, 0 },
	{ "unbind", NULL, "SCOPE KEY", 2, 2, NONE, "the key does nothing there any more",
	  ui_line_unbind, NULL, 0 },
	{ "set", NULL, "OPTION VALUE", 2, 2, NONE, "fader-step, fader-coarse-step, pan-step",
	  ui_line_set, NULL, 0 },
	{ "source", NULL, "FILE", 1, 1, NONE, "read bind, unbind and set lines from FILE",
	  ui_line_source, NULL, 0 },
};
const size_t ui_n_line_commands = sizeof ui_line_commands / sizeof ui_line_commands[0];

/* ---- finding the command ---- */

static bool named(const struct ui_line_command *c, const char *word)
{
	if (!strcmp(c->name, word))
		return true;
	for (const char *s = c->aliases; s && *s; ) {
		const size_t n = strcspn(s, " ");
		if (n == strlen(word) && !strncmp(s, word, n))
			return true;
		s += n;
		s += strspn(s, " ");
	}
	return false;
}

static const struct ui_line_command *find_line(const char *verb)
{
	for (size_t i = 0; i < ui_n_line_commands; i++)
		if (named(&ui_line_commands[i], verb))
			return &ui_line_commands[i];
	return NULL;
}

static const struct ui_line_command *find_sub(const struct ui_line_command *c,
	const char *word)
{
	for (const struct ui_line_command *s = c->subs; s && s->name; s++)
		if (!strcasecmp(s->name, word))
			return s;
	return NULL;
}

/* A command of the key table by its whole name. */
static const struct ui_command *find_key_command(const char *name)
{
	for (size_t i = 0; i < ui_n_commands; i++)
		if (!strcmp(ui_commands[i].name, name))
			return &ui_commands[i];
	return NULL;
}

bool ui_line_command_exists(const char *verb)
{
	return find_line(verb) || find_key_command(verb);
}

void ui_line_syntax(const struct ui_line_command *c, char *buf, size_t size)
{
	snprintf(buf, size, "%s%s%s", c->name, c->args[0] ? " " : "", c->args);
}

static struct ui_line_args *args_of(struct ui_app *app)
{
	return &app->cmdline->args;
}

/* "usage: :insert STRIP del SLOT": the words before the sub-verb from the command's
 * template, then the sub-verb's own. */
static void usage_of(struct ui_app *app, const struct ui_line_command *c,
	const struct ui_line_command *sub)
{
	char syntax[256];
	if (!sub) {
		ui_line_syntax(c, syntax, sizeof syntax);
	} else {
		size_t n = 0;
		const char *s = c->args;
		for (int i = 1; i < c->sub_at; i++) {
			n += strcspn(s + n, " ");
			n += strspn(s + n, " ");
		}
		snprintf(syntax, sizeof syntax, "%s %.*s%s%s%s", c->name, (int)n, c->args,
			sub->name, sub->args[0] ? " " : "", sub->args);
	}
	ui_error(app, "usage: :%s", syntax);
}

void ui_line_usage(struct ui_app *app)
{
	const char *verb = args_of(app)->argv[0];
	const struct ui_line_command *c = find_line(verb);
	if (c)
		usage_of(app, c, NULL);
	else
		ui_error(app, "usage: :%s", verb);
}

/* Count the words against the row (and the sub-verb's row); run the exec. */
static void run_line_command(struct ui_app *app, const struct ui_line_command *c)
{
	const struct ui_line_args *a = args_of(app);
	const struct ui_line_command *row = c, *sub = NULL;
	int words = a->argc - 1;
	if (c->subs) {
		sub = a->argc > c->sub_at ? find_sub(c, a->argv[c->sub_at]) : NULL;
		if (!sub && !c->exec) {
			usage_of(app, c, NULL);
			return;
		}
		/* no sub-verb: the command's own exec, if it has one (":loop 10 20", ":dsp") */
		row = sub ? sub : c;
		words = sub ? a->argc - 1 - c->sub_at : words;
	}
	if (words < row->min_args || words > row->max_args) {
		usage_of(app, c, sub);
		return;
	}
	row->exec(app);
}

void ui_line_run(struct ui_app *app, const char *text)
{
	if (!app->cmdline) /* a key ran a line before ':' was ever opened */
		app->cmdline = xcalloc(1, sizeof *app->cmdline);
	struct ui_line_args *a = args_of(app);
	char why[128];
	if (!ui_line_split(text, a, why, sizeof why)) {
		ui_error(app, "%s", why);
		return;
	}
	if (a->argc == 0)
		return;
	/* a name alone runs the key command of that name even where a ':' command shares
	 * it (":mute" toggles the selected track as m does; ":mute vox" is the ':' one),
	 * so that every key's line can be its command's name */
	const struct ui_command *key = find_key_command(a->argv[0]);
	const struct ui_line_command *line = find_line(a->argv[0]);
	if (key && (a->argc == 1 || !line)) {
		if (a->argc > 1)
			ui_error(app, "%s takes nothing after it", key->name);
		else
			key->run(app);
	} else if (line) {
		run_line_command(app, line);
	} else {
		ui_error(app, "unknown command \"%s\" (Tab lists them, ? shows the help)",
			a->argv[0]);
		return;
	}
	app->need_draw = true;
}

/* ---- completion ---- */

/* The lower-case alternatives of template word index ("[on|off]", "[DB|off]",
 * "on|off|clip|markers|START"): the words that are typed as they stand. */
static void offer_choices(const char *args, int index, void (*found)(void *, const char *),
	void *arg)
{
	const char *s = args;
	for (int i = 0; i < index && *s; i++) {
		s += strcspn(s, " ");
		s += strspn(s, " ");
	}
	const size_t len = strcspn(s, " ");
	char word[128];
	snprintf(word, sizeof word, "%.*s", (int)(len < sizeof word ? len : sizeof word - 1), s);
	for (char *w = strtok(word, "[]|"); w; w = strtok(NULL, "[]|"))
		if (w[0] >= 'a' && w[0] <= 'z')
			found(arg, w);
}

static void offer_strips(const struct project *p, bool tracks, bool buses, bool master,
	void (*found)(void *, const char *), void *arg)
{
	for (int t = 0; tracks && t < p->n_tracks; t++)
		found(arg, p->tracks[t].strip.name);
	for (int b = 0; buses && b < p->n_buses; b++)
		found(arg, p->buses[b].strip.name);
	if (master)
		found(arg, "master");
}

/* The controls of the strip the word names: what :auto takes as a lane. */
static void offer_lanes(const struct ui_app *app, const char *strip_word,
	void (*found)(void *, const char *), void *arg)
{
	int strip = studio_strip_find(app->st, strip_word);
	struct project_strip *r;
	if (strip == -2 || !(r = project_strip_at(app->st->project, strip)) || strip == STRIP_MASTER)
		return;
	found(arg, "gain_db");
	found(arg, "pan");
	found(arg, "mute");
	char key[300];
	for (int i = 0; i < r->n_sends; i++) {
		snprintf(key, sizeof key, "send.%s.level_db", r->sends[i].bus);
		found(arg, key);
	}
	for (int i = 0; i < r->n_inserts; i++)
		for (int k = 0; k < r->inserts[i].cls->n_params; k++) {
			snprintf(key, sizeof key, "insert.%d.%s", i + 1,
				r->inserts[i].cls->params[k].name);
			found(arg, key);
		}
}

/* The parameters of the insert the words name (STRIP SLOT). */
static void offer_params(const struct ui_app *app, const char *strip_word,
	const char *slot_word, void (*found)(void *, const char *), void *arg)
{
	int strip = studio_strip_find(app->st, strip_word);
	struct project_strip *r;
	char *end;
	long slot = strtol(slot_word, &end, 10);
	if (strip == -2 || *end || !(r = project_strip_at(app->st->project, strip))
		|| slot < 1 || slot > r->n_inserts)
		return;
	const struct fx_class *cls = r->inserts[slot - 1].cls;
	for (int i = 0; i < cls->n_params; i++)
		found(arg, cls->params[i].name);
}

static void offer_names(void (*found)(void *, const char *), void *arg)
{
	for (size_t i = 0; i < ui_n_line_commands; i++) {
		const struct ui_line_command *c = &ui_line_commands[i];
		found(arg, c->name);
		char alias[64];
		for (const char *s = c->aliases; s && *s; ) {
			const size_t n = strcspn(s, " ");
			snprintf(alias, sizeof alias, "%.*s", (int)n, s);
			found(arg, alias);
			s += n;
			s += strspn(s, " ");
		}
	}
	for (size_t i = 0; i < ui_n_commands; i++) {
		const struct ui_command *c = &ui_commands[i];
		/* help-page scrolling is no command to type; a key command sharing a ':'
		 * command's name ("mute") is offered once */
		if (c->scope != UI_SCOPE_HELP && !find_line(c->name))
			found(arg, c->name);
	}
}

void ui_line_candidates(const struct ui_app *app, const struct ui_line_args *before,
	int word_index, void (*found)(void *arg, const char *candidate), void *arg)
{
	if (word_index == 0) {
		offer_names(found, arg);
		return;
	}
	const struct ui_line_command *c = before->argc >= 1 ? find_line(before->argv[0]) : NULL;
	if (!c)
		return;
	const struct ui_line_command *row = c;
	int index = word_index - 1; /* among the row's words */
	if (c->subs && word_index == c->sub_at) {
		for (const struct ui_line_command *s = c->subs; s->name; s++)
			found(arg, s->name);
		return;
	}
	if (c->subs && word_index > c->sub_at) {
		if (before->argc <= c->sub_at || !(row = find_sub(c, before->argv[c->sub_at])))
			return;
		index = word_index - c->sub_at - 1;
	}
	/* past the template's last word, a last word like TRACK... repeats */
	int n_words = 0;
	for (const char *w = row->args; *w; n_words++) {
		w += strcspn(w, " ");
		w += strspn(w, " ");
	}
	if (index >= n_words && n_words > 0 && strstr(row->args, "..."))
		index = n_words - 1;
	if (index >= UI_LINE_KINDS)
		return;
	const enum ui_arg kind = row->kinds[index];
	const struct project *p = app->st->project;
	switch (kind) {
	case UI_ARG_ANY: break;
	case UI_ARG_TRACK: offer_strips(p, true, false, true, found, arg); break;
	case UI_ARG_STRIP: offer_strips(p, true, true, true, found, arg); break;
	case UI_ARG_BUS: offer_strips(p, false, true, false, found, arg); break;
	case UI_ARG_OUTPUT: offer_strips(p, false, true, true, found, arg); break;
	case UI_ARG_GROUP:
		for (int g = 0; g < p->n_groups; g++)
			found(arg, p->groups[g].name);
		break;
	case UI_ARG_FX_TYPE:
		for (int i = 0; i < fx_n_classes; i++)
			found(arg, fx_classes[i]->name);
		break;
	case UI_ARG_PARAM:
		if (before->argc >= 3)
			offer_params(app, before->argv[1], before->argv[2], found, arg);
		break;
	case UI_ARG_LANE:
		if (before->argc >= 2)
			offer_lanes(app, before->argv[1], found, arg);
		break;
	case UI_ARG_CHOICE: offer_choices(row->args, index, found, arg); break;
	}
}

/* ---- the ttymixrc in the studio (ui/rc.h reads it) ---- */

/* The report on the status line: the first bad line, and how many more. */
static void say_report(struct ui_app *app, const struct ui_rc_report *r)
{
	if (r->n_bad > 1)
		ui_error(app, "%s (and %d more bad line%s)", r->first, r->n_bad - 1,
			r->n_bad > 2 ? "s" : "");
	else
		ui_error(app, "%s", r->first);
}

void ui_line_read_rc(struct ui_app *app)
{
	char path[4096];
	bool required;
	const char *option = app->st->globals ? app->st->globals->config : NULL;
	if (!ui_rc_path(option, path, sizeof path, &required))
		return;
	if (!required && access(path, F_OK) != 0 && errno == ENOENT)
		return; /* no ttymixrc: the defaults */
	struct ui_rc_report r;
	ui_rc_load(ui_bindings_active(), ui_line_command_exists, path, &r);
	if (r.n_bad)
		say_report(app, &r);
}

/* :bind, :unbind and :set: the ttymixrc's lines, typed. */
static void line_rc(struct ui_app *app, const char *done)
{
	struct ui_line_args *a = args_of(app);
	char why[256];
	if (!ui_rc_words(ui_bindings_active(), ui_line_command_exists, a->argc, a->argv, why,
		sizeof why)) {
		ui_error(app, "%s", why);
		return;
	}
	char line[UI_BIND_LINE_MAX];
	if (!ui_rc_join(a->argc - 1, a->argv + 1, line, sizeof line, why, sizeof why))
		line[0] = '\0';
	ui_message(app, "%s %s", done, line);
}

void ui_line_bind(struct ui_app *app) { line_rc(app, "bound"); }
void ui_line_unbind(struct ui_app *app) { line_rc(app, "unbound"); }
void ui_line_set(struct ui_app *app) { line_rc(app, "set"); }

void ui_line_source(struct ui_app *app)
{
	struct ui_line_args *a = args_of(app);
	struct ui_rc_report r;
	ui_rc_load(ui_bindings_active(), ui_line_command_exists, a->argv[1], &r);
	if (r.n_bad)
		say_report(app, &r);
	else
		ui_message(app, "%s: %d line%s read", a->argv[1], r.n_read, r.n_read == 1 ? "" : "s");
}
