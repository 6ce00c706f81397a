/* Command-line front ends. Each cli_* takes the arguments after its command name and
 * returns the exit status: 0 success, 1 failure (one clear line on stderr), 2 usage.
 * Main thread only. */
#ifndef TTYMIX_CLI_H
#define TTYMIX_CLI_H

#include <stdbool.h>

#include "audio/driver.h"
#include "audio/dsp/dither.h"
#include "audio/media.h"
#include "src/project.h"

struct graph;
struct loudness_result;

#define EXIT_USAGE 2

/* Options every command accepts (--output, --device, --buffer). Playback runs at the
 * project's rate; `render --rate` converts the output. */
struct cli_globals {
	enum driver_kind output;
	const char *device;
	int buffer_frames;
	const char *config;       /* --config FILE: the ttymixrc (ui/rc.h); NULL: the usual */
	bool stream;              /* --output stream or pa+stream (src/stream/stream.h) */
	const char *listen;       /* --listen [ADDR:]PORT|unix:[PATH]; NULL: the default */
	const char *stream_key;   /* --stream-key K; NULL: a random one per run */
	int stream_kbps;          /* --stream-kbps N (Opus); 0: the default */
	int stream_max;           /* --stream-max N listeners; 0: the default */
	bool no_mouse;            /* --no-mouse: the studio leaves the mouse alone */
	const char *jack_name;    /* --jack-name NAME: the JACK client's; NULL: "ttymix" */
	bool jack_no_connect;     /* --no-connect: JACK ports left unconnected */
	bool jack_transport;      /* --jack-transport: follow and drive JACK's transport */
	bool jack_strips;         /* --jack-ports strips: a pair of JACK ports per strip */
};

int cli_render(int argc, char **argv, const struct cli_globals *g);
int cli_play(int argc, char **argv, const struct cli_globals *g);
int cli_loudness(int argc, char **argv, const struct cli_globals *g);
int cli_check(int argc, char **argv, const struct cli_globals *g);
int cli_new(int argc, char **argv, const struct cli_globals *g);
int cli_import(int argc, char **argv, const struct cli_globals *g);
/* src/studio/record_cli.c: one take headless, through the native JACK output */
int cli_record(int argc, char **argv, const struct cli_globals *g);
int cli_devices(int argc, char **argv, const struct cli_globals *g);
int cli_master(int argc, char **argv, const struct cli_globals *g);
int cli_album(int argc, char **argv, const struct cli_globals *g);
int cli_help(int argc, char **argv, const struct cli_globals *g);
int cli_lesson(int argc, char **argv, const struct cli_globals *g);
int cli_flow(int argc, char **argv, const struct cli_globals *g);
int cli_review(int argc, char **argv, const struct cli_globals *g);
int cli_curve(int argc, char **argv, const struct cli_globals *g);
int cli_plugins(int argc, char **argv, const struct cli_globals *g);
int cli_ear(int argc, char **argv, const struct cli_globals *g);

/* ---- helpers (cli_util.c) ---- */

/* "ttymix: <message>" on stderr; returns 1. */
int cli_fail(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
/* "ttymix: <message>" and a pointer to --help on stderr; returns 2. */
int cli_usage(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
/* Strict number parsing; false on junk, NaN/Inf or out of [min, max]. */
bool cli_parse_double(const char *s, double min, double max, double *out);
bool cli_parse_int(const char *s, long min, long max, long *out);
/* The value of option argv[*i] (advancing *i), or NULL after a usage message. */
const char *cli_option_value(int argc, char **argv, int *i);

/* ---- a subcommand's options, declared once (cli_parse) ---- */

enum cli_opt_kind {
	CLI_OPT_FLAG,      /* no value: *(bool *)to = true */
	CLI_OPT_STRING,    /* *(const char **)to = the value (argv's, not copied) */
	CLI_OPT_INT,       /* *(int *)to: a whole number in [min, max] */
	CLI_OPT_DOUBLE,    /* *(double *)to: a number in [min, max] */
	CLI_OPT_PARSE,     /* parse(value, to) says whether the value is one */
};

/* One option, written with designated initializers. A value that does not parse is a usage error:
 * "NAME takes TAKES[MIN to MAX UNIT], not "VALUE"" (the range is said when unit is
 * not NULL; "" says it with no unit). */
struct cli_opt {
	const char *name;          /* "--output-file" */
	const char *short_name;    /* "-o", or NULL */
	enum cli_opt_kind kind;
	void *to;                  /* where the value goes */
	const char *takes;         /* what the value may be, for the usage error */
	double min, max;           /* CLI_OPT_INT and CLI_OPT_DOUBLE */
	const char *unit;
	bool (*parse)(const char *value, void *to);  /* CLI_OPT_PARSE */
	bool *given;               /* set to true when the option is given; may be NULL */
};

/* A subcommand's command line: its options and how many operands it takes. */
struct cli_spec {
	const char *command;       /* "render": "render: unknown option --x" */
	const struct cli_opt *opts;
	size_t n_opts;
	int max_operands;          /* 0: any number */
	int min_operands;          /* fewer: .usage, or else .missing, is said */
	const char *too_many;      /* "render takes one project": "... (got "x" too)" */
	const char *missing;       /* "render needs a project": said when there is none;
	                            * NULL: none is fine */
	bool dashdash;             /* "--" ends the options */
	/* A command of one fixed shape says this one line (cli_usage) for an unknown
	 * option, an operand too many and too few, in place of those three; a value an
	 * option does not take is still said as such. NULL: the three as above. */
	const char *usage;
};

/* .opts and .n_opts of a cli_spec from an array of rows. */
#define CLI_OPTS(table) .opts = (table), .n_opts = sizeof(table) / sizeof((table)[0])

/* Read argv by spec, in order: each option into its place, the operands (anything not
 * starting with '-', and "-") moved to the front of argv. Returns how many operands,
 * or -1 after printing the first usage error. cli_spec_usage says spec's usage line
 * (for a count of operands cli_parse does not check) and returns EXIT_USAGE. */
int cli_parse(int argc, char **argv, const struct cli_spec *spec);
int cli_spec_usage(const struct cli_spec *spec);

/* The options of a written file (render and album): --format, --bits, --rate and
 * --dither, into f, whose fields keep their defaults when an option is not given. */
struct cli_file_format {
	enum media_container container;
	enum media_sample sample;
	int rate;                  /* 0: the project's */
	enum dither_kind dither;
	bool container_set, sample_set, dither_set;
};
#define CLI_FILE_FORMAT_OPTS(f) \
	{ .name = "--format", .kind = CLI_OPT_PARSE, .to = &(f)->container, \
	  .parse = cli_value_container, .takes = "wav, flac, ogg, aiff or mp3", \
	  .given = &(f)->container_set }, \
	{ .name = "--bits", .kind = CLI_OPT_PARSE, .to = &(f)->sample, \
	  .parse = cli_value_sample, .takes = "16, 24 or 32f", .given = &(f)->sample_set }, \
	{ .name = "--rate", .kind = CLI_OPT_INT, .to = &(f)->rate, .min = PROJECT_MIN_RATE, \
	  .max = PROJECT_MAX_RATE, .takes = "", .unit = " Hz" }, \
	{ .name = "--dither", .kind = CLI_OPT_PARSE, .to = &(f)->dither, \
	  .parse = cli_value_dither, .takes = "none, tpdf or shaped", \
	  .given = &(f)->dither_set }
/* The parse functions of those rows. */
bool cli_value_container(const char *value, void *to);   /* enum media_container */
bool cli_value_sample(const char *value, void *to);      /* enum media_sample */
bool cli_value_dither(const char *value, void *to);      /* enum dither_kind */
/* Whether f can be written: MP3 needs a libsndfile with LAME (1 after a message),
 * FLAC holds no 32-bit float (EXIT_USAGE after a message); else 0. */
int cli_file_format_check(const struct cli_file_format *f);

/* The figures of r as JSON members, "integrated_lufs": N, "lra_lu": N,
 * "true_peak_dbtp": N, "sample_peak_dbfs": N (then the momentary and short-term
 * maxima when maxima), each after ", " (compact: ",") but the first, which follows sep
 * only when lead. */
void cli_print_json_loudness(const struct loudness_result *r, bool maxima, bool compact,
	bool lead);

/* On stdout: s as a JSON string (bytes that are not UTF-8 become U+FFFD, so the line
 * always parses); a number with 3 decimals, or null when it is not finite. */
void cli_print_json_string(const char *s);
void cli_print_json_number(double v);

/* Whether path looks like a project (a folder, or a .json file) rather than audio;
 * also a path that does not exist and whose last name has no extension ("song",
 * "song/"), which is a project folder mistyped or not made yet, not an audio file. */
bool cli_is_project_path(const char *path);
/* Load a project, printing the first problem (and warnings) on failure; a path that
 * does not exist says how to make one ("no project at PATH (ttymix new PATH FILE...
 * makes one)"). */
int cli_load_project(const char *path, struct project **out);
/* What `ttymix check` asks of a project (load, every clip's file decoded whole
 * against its header, clips within their files, album sources), its problems into d.
 * ERR_OK when d gained no error. *out gets the project when it loaded (else NULL; the
 * caller frees it), *clips its clip count and *length_sec its length. `new` asks
 * the same of the project it has just made. */
enum err cli_check_project(const char *path, struct project **out, struct diag *d,
	int *clips, double *length_sec);
/* p's missing pitch caches made, saying which on stderr (minutes of audio take
 * seconds each); 1 after a message when one cannot be made. */
int cli_prepare_pitch(const struct project *p);
/* Every clip's file (or its pitch cache) can be read: 0, or 1 after one line for each
 * that cannot ("PATH: audio file not found (track "b", clip 1; --allow-missing renders
 * without it)"; verb says what the command does: "renders", "plays"). With
 * allow_missing always 0: the graph's warnings then say which clips are silent. */
int cli_check_clips(const struct project *p, bool allow_missing, const char *verb);
/* p's graph (offline: for a render, src/graph_build.h), cli_prepare_pitch first, then
 * the graph's warnings. 1 after a message when it cannot be made; the caller owns *out. */
int cli_build_graph(const struct project *p, bool offline, struct graph **out);
/* A throw-away project (not saved) with one track per audio file. */
int cli_project_from_files(int n, char **files, int rate, struct project **out);

#endif
