/* The commands typed after ':'. Each is a row of one table (ui/command_table.c):
 * {name, aliases, argument template, min/max words, what each word is (for
 * completion), help, exec}; a command with sub-verbs (":track add", ":insert STRIP
 * del") has a small table of its own. Words are counted and the usage error said in
 * one place, so an exec only reads its words (app->cmdline->args, argv[0] the name).
 * A TRACK is a name, a 1-based number, "master", or "." for the selected strip, and
 * completes with Tab. Every command of the key table (ui/keys.c) can be typed by its
 * name too (":undo", ":help"). UI thread only; :render's worker thread is internal to
 * ui/commands.c. */
#ifndef TTYMIX_UI_COMMANDS_H
#define TTYMIX_UI_COMMANDS_H

#include <stddef.h>

#include "ui/app.h"
#include "ui/cmdline.h"

/* What a word of a ':' command is: what Tab offers there. */
enum ui_arg {
	UI_ARG_ANY,       /* a value or a free name: nothing to offer */
	UI_ARG_TRACK,     /* a track or master */
	UI_ARG_STRIP,     /* a track, a bus or master */
	UI_ARG_BUS,       /* a bus */
	UI_ARG_OUTPUT,    /* a bus or master */
	UI_ARG_GROUP,     /* a group */
	UI_ARG_FX_TYPE,   /* an effect */
	UI_ARG_PARAM,     /* a parameter of the insert the words STRIP SLOT before name */
	UI_ARG_LANE,      /* an automation lane of the strip word 1 names */
	UI_ARG_CHOICE,    /* one of the words the template gives there: [on|off] */
};

#define UI_LINE_KINDS 4                    /* kinds told; a later word has the last */
#define UI_LINE_ANY UI_CMDLINE_MAX_ARGS    /* max_args: as many as fit */

struct ui_line_command {
	const char *name;
	const char *aliases;          /* NULL, or other names separated by spaces */
	const char *args;             /* the words after the name, for usage and help */
	int min_args, max_args;       /* words after the name (a sub-verb: after it) */
	enum ui_arg kinds[UI_LINE_KINDS];
	const char *help;
	void (*exec)(struct ui_app *app);
	/* sub-verbs: the word at sub_at (1: right after the name) picks a row of subs
	 * (ended by a NULL name), which says its own words and exec; NULL: none. With an
	 * exec too, the command runs it (its own counts) when that word is no sub-verb */
	const struct ui_line_command *subs;
	int sub_at;
};

extern const struct ui_line_command ui_line_commands[];
extern const size_t ui_n_line_commands;

/* The sub-verb tables, next to their execs. */
extern const struct ui_line_command ui_line_bus_subs[];
extern const struct ui_line_command ui_line_insert_subs[];
extern const struct ui_line_command ui_line_track_subs[];
extern const struct ui_line_command ui_line_marker_subs[];
extern const struct ui_line_command ui_line_fade_subs[];
extern const struct ui_line_command ui_line_trim_subs[];
extern const struct ui_line_command ui_line_loop_subs[];
extern const struct ui_line_command ui_line_dsp_subs[];

/* Run one typed line; errors (unknown command or track, a value out of range) go to
 * the status line and change nothing. */
void ui_line_run(struct ui_app *app, const char *text);
/* Whether a line may start with verb (a ':' command's verb or any command's name). */
bool ui_line_command_exists(const char *verb);
/* The rows of the help page's ':' section, in table order: "gain TRACK DB" and help. */
void ui_line_syntax(const struct ui_line_command *c, char *buf, size_t size);

/* Completion: call found(arg, candidate) for every word that may stand at position
 * word_index (0: the command's name) after the words in before. */
void ui_line_candidates(const struct ui_app *app, const struct ui_line_args *before,
	int word_index, void (*found)(void *arg, const char *candidate), void *arg);

/* :render runs on a worker thread. Poll it every loop turn (progress and the result
 * go to the status line); stop it (and remove its partial file) before leaving. */
void ui_render_poll(struct ui_app *app);
void ui_render_stop(struct ui_app *app);

/* Shared by the command files: a strip from a typed word (a message when there is
 * none), a plain number (no trailing text, finite), and "usage: :NAME ARGS" for the
 * command being run (the table says it; an exec calls it only when the words are
 * counted right but do not fit together). */
bool ui_line_strip(struct ui_app *app, const char *word, int *strip);
/* The usual start of a command on a strip: min_argc..max_argc words (the command's
 * name counted; else the usage line) and a strip in the second. */
bool ui_line_strip_args(struct ui_app *app, int min_argc, int max_argc, int *strip);
bool ui_line_number(const char *s, double *out);
void ui_line_usage(struct ui_app *app);

/* The execs the table names; they read the words from app->cmdline->args. */
void ui_line_gain(struct ui_app *app);
void ui_line_pan(struct ui_app *app);
void ui_line_mute(struct ui_app *app);
void ui_line_solo(struct ui_app *app);
/* :pitch SEMITONES [CENTS] and :varispeed [on|off] on the arranger's selected clip. */
void ui_line_pitch(struct ui_app *app);
void ui_line_varispeed(struct ui_app *app);
void ui_line_play(struct ui_app *app);
void ui_line_stop(struct ui_app *app);
void ui_line_locate(struct ui_app *app);
void ui_line_render(struct ui_app *app);
void ui_line_write(struct ui_app *app);
void ui_line_write_over(struct ui_app *app); /* :w! */
void ui_line_quit(struct ui_app *app);
void ui_line_quit_discard(struct ui_app *app);
void ui_line_write_quit(struct ui_app *app);
/* Routing and inserts (ui/commands_mix.c). */
void ui_line_output(struct ui_app *app);
void ui_line_send(struct ui_app *app);
void ui_line_solo_safe(struct ui_app *app);
void ui_line_fx(struct ui_app *app);
void ui_line_group(struct ui_app *app);
void ui_line_ungroup(struct ui_app *app);
/* :device [NAME|null]: reopen the output (after it went away, or to change it). */
void ui_line_device(struct ui_app *app);
void ui_line_dsp(struct ui_app *app);
/* Clip, track, marker and loop edits (ui/clipedit.h does the work). */
void ui_line_clipgain(struct ui_app *app);
void ui_line_fade(struct ui_app *app);
void ui_line_move(struct ui_app *app);
void ui_line_trim(struct ui_app *app);
void ui_line_nudge(struct ui_app *app);
void ui_line_xfade(struct ui_app *app);
void ui_line_loop(struct ui_app *app);
/* The ':' key itself. */
void ui_line_open(struct ui_app *app);
/* :bind, :unbind, :set and :source: the ttymixrc's lines, typed (ui/rc.h). */
void ui_line_bind(struct ui_app *app);
void ui_line_unbind(struct ui_app *app);
void ui_line_set(struct ui_app *app);
void ui_line_source(struct ui_app *app);
/* At start: read the user's ttymixrc into the studio's bindings; a bad line goes to
 * the status line ("ttymixrc:3: unknown key \"Hyper-X\" (and 2 more bad lines)"). */
void ui_line_read_rc(struct ui_app *app);

#endif
