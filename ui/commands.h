/* The commands typed after ':' (ui/commands.c). Each is an entry of the one command
 * table (ui/keys.c) in scope UI_SCOPE_LINE, whose name is its syntax: the first word
 * is what is typed, the rest says what follows ("gain TRACK DB"; a TRACK is a name,
 * a 1-based number, "master", or "." for the selected strip, and completes with
 * Tab). Every other command in the
 * table can be typed by its name too (":undo", ":help"). UI thread only; :render's
 * worker thread is internal to ui/commands.c. */
#ifndef TTYMIX_UI_COMMANDS_H
#define TTYMIX_UI_COMMANDS_H

#include <stddef.h>

#include "ui/app.h"
#include "ui/cmdline.h"

/* Run one typed line; errors (unknown command or track, a value out of range) go to
 * the status line and change nothing. */
void ui_line_run(struct ui_app *app, const char *text);
/* Whether a line may start with verb (a ':' command's verb or any command's name). */
bool ui_line_command_exists(const char *verb);

/* Completion: call found(arg, candidate) for every word that may stand at position
 * word_index (0: the command's name) after the words in before. */
void ui_line_candidates(const struct ui_app *app, const struct ui_line_args *before,
	int word_index, void (*found)(void *arg, const char *candidate), void *arg);

/* :render runs on a worker thread. Poll it every loop turn (progress and the result
 * go to the status line); stop it (and remove its partial file) before leaving. */
void ui_render_poll(struct ui_app *app);
void ui_render_stop(struct ui_app *app);

/* Shared by the command files: a strip from a typed word (a message when there is
 * none), a plain number (no trailing text, finite), and "usage: :SYNTAX". */
bool ui_line_strip(struct ui_app *app, const char *word, int *strip);
/* The usual start of a command on a strip: min_argc..max_argc words (the command's
 * name counted; else the usage line) and a strip in the second. */
bool ui_line_strip_args(struct ui_app *app, int min_argc, int max_argc, int *strip);
bool ui_line_number(const char *s, double *out);
void ui_line_usage(struct ui_app *app);

/* The run functions the table names; they read the words from app->cmdline->args. */
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
void ui_line_bus(struct ui_app *app);
void ui_line_output(struct ui_app *app);
void ui_line_send(struct ui_app *app);
void ui_line_solo_safe(struct ui_app *app);
void ui_line_insert(struct ui_app *app);
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
void ui_line_track(struct ui_app *app);
void ui_line_marker(struct ui_app *app);
void ui_line_loop(struct ui_app *app);
/* The ':' key itself. */
void ui_line_open(struct ui_app *app);

#endif
