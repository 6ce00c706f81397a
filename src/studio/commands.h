/* The commands typed after ':' (and bound to keys, and read from the ttymixrc), on the
 * session: one table (src/studio/command_table.c) of rows {name, aliases, argument
 * template, min/max words, what each word is (for completion), help, exec}; a command
 * with sub-verbs (":track add", ":insert STRIP del", ":auto STRIP LANE add") has a small
 * table of its own. Words are counted and the usage error said here, through the
 * session's voice, so an exec only reads its words. A STRIP is a name, a 1-based track
 * number, "master", or "." for the selected strip. Whoever drives the session (the
 * terminal's ui, tests/studio_test.c) keeps the selection and may add rows of its own
 * with the same shape (the ui's :bind, :q): studio_command_run runs those too.
 *
 * Owner's thread only (the one that opened the session); :render's worker thread is
 * internal to commands.c. */
#ifndef TTYMIX_STUDIO_COMMANDS_H
#define TTYMIX_STUDIO_COMMANDS_H

#include <stdbool.h>
#include <stddef.h>

#include "src/studio/studio.h"
#include "src/studio/times.h"
#include "src/studio/words.h"

/* What a word of a command is: what completion offers there. */
enum studio_arg {
	STUDIO_ARG_ANY,       /* a value or a free name: nothing to offer */
	STUDIO_ARG_TRACK,     /* a track or master */
	STUDIO_ARG_STRIP,     /* a track, a bus or master */
	STUDIO_ARG_BUS,       /* a bus */
	STUDIO_ARG_OUTPUT,    /* a bus or master */
	STUDIO_ARG_GROUP,     /* a group */
	STUDIO_ARG_FX_TYPE,   /* an effect */
	STUDIO_ARG_PARAM,     /* a parameter of the insert the words STRIP SLOT before name */
	STUDIO_ARG_LANE,      /* an automation lane of the strip word 1 names */
	STUDIO_ARG_CHOICE,    /* one of the words the template gives there: [on|off] */
	STUDIO_ARG_PATH,      /* a file or folder, relative ones from the current folder
	                         (src/typed_path.h: ~/ too, folders end in '/') */
	STUDIO_ARG_RENDER,    /* a file :render writes: relative ones from the project's
	                         renders/ folder */
	STUDIO_ARG_PLUGIN,    /* an installed LV2 plug-in's URI or name (audio/lv2/lv2.h) */
	STUDIO_ARG_PRESET,    /* a preset of the LV2 insert the words STRIP SLOT before name */
	STUDIO_ARG_JACK_PORT, /* a port on the JACK server the output is a client of */
};

#define STUDIO_LINE_KINDS 4                 /* kinds told; a later word has the last */
#define STUDIO_LINE_ANY STUDIO_WORDS_MAX    /* max_args: as many as fit */

struct studio_command;

/* One command being run: what its exec gets. */
struct studio_line {
	struct studio *st;
	struct studio_sel *sel;       /* the driver's cursor; an edit may move it */
	int here;                     /* the mixer position "." names (the ui's arranger
	                                 shows the master's position as the last track) */
	const struct studio_words *w; /* argv[0] the command's name */
	const struct studio_command *cmd;   /* the row found for argv[0] (usage) */
	void *owner;                  /* the driver's own, for its own rows (the ui_app) */
	/* the strip word 1 stands for, set when the table resolved it (one of the strips
	 * a list names, run one by one): studio_line_strip gives it for that word */
	bool strip1_set;
	int strip1;
	int set_first;                /* ...and the first of those strips (toggles follow it) */
};

struct studio_command {
	const char *name;
	const char *aliases;          /* NULL, or other names separated by spaces */
	const char *args;             /* the words after the name, for usage and help */
	int min_args, max_args;       /* words after the name (a sub-verb: after it) */
	enum studio_arg kinds[STUDIO_LINE_KINDS];
	const char *help;
	void (*exec)(struct studio_line *l);
	/* sub-verbs: the word at sub_at (1: right after the name) picks a row of subs
	 * (ended by a NULL name), which says its own words and exec; NULL: none. With an
	 * exec too, the command runs it (its own counts) when that word is no sub-verb */
	const struct studio_command *subs;
	int sub_at;
};

extern const struct studio_command studio_commands[];
extern const size_t studio_n_commands;

/* The row of rows[0..n) named verb (its name or an alias), or NULL. */
const struct studio_command *studio_command_find(const struct studio_command *rows,
	size_t n, const char *verb);
/* Run l->cmd on l->w: look up the sub-verb, count the words against the row (else the
 * usage line), then the exec. */
void studio_command_run(struct studio_line *l);
/* Split text and run it from the studio's table; a bad line or an unknown command is
 * said and changes nothing. The driver with rows of its own finds and runs them
 * itself (ui/command_table.c). */
void studio_line_exec(struct studio *st, struct studio_sel *sel, const char *text);
/* "gain TRACK DB": the help page's rows. */
void studio_command_syntax(const struct studio_command *c, char *buf, size_t size);
/* "usage: :insert STRIP del SLOT" for the command l runs (a sub-verb when l's words
 * name one): an exec calls it when the words are counted right but do not fit. */
void studio_line_usage(struct studio_line *l);

/* Completion: call found(arg, candidate) for every word that may stand at position
 * word_index (1: the first after the name) of command c after the words in before. */
void studio_command_candidates(const struct studio *st, const struct studio_command *c,
	const struct studio_words *before, int word_index,
	void (*found)(void *arg, const char *candidate), void *arg);
/* When word word_index of c is a path (STUDIO_ARG_PATH, _RENDER): call found for
 * every completion of typed (the word as typed so far, src/typed_path.h) and return
 * true; false (nothing called) for any other word. found NULL: only whether it is a
 * path. */
bool studio_command_path_candidates(const struct studio *st,
	const struct studio_command *c, const struct studio_words *before, int word_index,
	const char *typed, void (*found)(void *arg, const char *candidate), void *arg);
/* Every name and alias of rows[0..n), for completing word 0. */
void studio_command_names(const struct studio_command *rows, size_t n,
	void (*found)(void *arg, const char *candidate), void *arg);

/* :render runs on a worker thread. Poll it every loop turn (progress and the result
 * are said); stop it (and remove its partial file) before leaving. */
void studio_render_poll(struct studio *st);
void studio_render_stop(struct studio *st);

/* Shared by the command files: a strip from a typed word (said when there is none,
 * or when the name is ambiguous, with the candidates). Numbers and times: times.h. */
bool studio_line_strip(struct studio_line *l, const char *word, int *strip);

/* The execs and sub-verb tables the table names (commands.c, commands_mix.c,
 * commands_auto.c). */
void studio_line_gain(struct studio_line *l);
void studio_line_pan(struct studio_line *l);
void studio_line_mute(struct studio_line *l);
void studio_line_solo(struct studio_line *l);
/* :pitch SEMITONES [CENTS] and :varispeed [on|off] on the selected clip. */
void studio_line_pitch(struct studio_line *l);
void studio_line_varispeed(struct studio_line *l);
void studio_line_undo(struct studio_line *l);
void studio_line_redo(struct studio_line *l);
void studio_line_play(struct studio_line *l);
void studio_line_stop(struct studio_line *l);
void studio_line_locate(struct studio_line *l);
void studio_line_render(struct studio_line *l);
/* :import FILE [TRACK] [AT] (import.c): the file as a clip, one undo step. */
void studio_line_import(struct studio_line *l);
void studio_line_write(struct studio_line *l);
void studio_line_write_over(struct studio_line *l); /* :w! */
void studio_line_output(struct studio_line *l);
void studio_line_send(struct studio_line *l);
void studio_line_solo_safe(struct studio_line *l);
void studio_line_fx(struct studio_line *l);
void studio_line_preset(struct studio_line *l);
/* src/studio/sidechain.c */
void studio_line_sidechain(struct studio_line *l);
void studio_line_group(struct studio_line *l);
/* src/studio/commands_review.c */
void studio_line_role(struct studio_line *l);
void studio_line_ungroup(struct studio_line *l);
/* :device [NAME|null]: reopen the output (after it went away, or to change it). */
void studio_line_device(struct studio_line *l);
/* :stream: the stream's address and listeners (stream.c). */
void studio_line_stream(struct studio_line *l);
/* the native JACK output's ports (jack.c) */
void studio_line_ports(struct studio_line *l);
void studio_line_connect(struct studio_line *l);
void studio_line_disconnect(struct studio_line *l);
void studio_line_transport(struct studio_line *l);
void studio_line_dsp(struct studio_line *l);
void studio_line_clipgain(struct studio_line *l);
void studio_line_fade(struct studio_line *l);
void studio_line_move(struct studio_line *l);
void studio_line_trim(struct studio_line *l);
void studio_line_nudge(struct studio_line *l);
void studio_line_xfade(struct studio_line *l);
void studio_line_loop(struct studio_line *l);
/* :tempo BPM [at BAR], :meter N/D [at BAR] (commands_tempo.c); alone: the map; off at
 * BAR: the change there goes. */
void studio_line_tempo(struct studio_line *l);
void studio_line_meter(struct studio_line *l);
/* :auto STRIP LANE [list | add T V | del T | mode MODE | clear] */
void studio_line_auto(struct studio_line *l);
/* :monitor MODE, :reference FILE|off */
void studio_line_monitor(struct studio_line *l);
void studio_line_reference(struct studio_line *l);
/* :album [DIR]: the project's album (src/album.c) rendered on a worker thread from a
 * copy of the project as it is now (saved or not), into DIR (default renders/album in
 * the project folder); progress, then the per-song loudness table in one line. */
void studio_line_album(struct studio_line *l);
/* :insert STRIP copy SLOT (commands_chain.c): one insert kept for :insert paste. */
void studio_line_insert_copy(struct studio_line *l);
/* The insert :insert copy kept, as a new insert for the caller to own (its JSON
 * included); false, said, when none was copied. */
bool studio_line_insert_copied(struct studio_line *l, struct project_insert *out);

extern const struct studio_command studio_line_bus_subs[];
extern const struct studio_command studio_line_insert_subs[];
extern const struct studio_command studio_line_chain_subs[];
extern const struct studio_command studio_line_track_subs[];
extern const struct studio_command studio_line_marker_subs[];
extern const struct studio_command studio_line_fade_subs[];
extern const struct studio_command studio_line_trim_subs[];
extern const struct studio_command studio_line_loop_subs[];
extern const struct studio_command studio_line_dsp_subs[];
extern const struct studio_command studio_line_auto_subs[];
extern const struct studio_command studio_line_monitor_subs[];

#endif
