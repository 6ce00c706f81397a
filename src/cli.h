/* Command-line front ends. Each cli_* takes the arguments after its command name and
 * returns the exit status: 0 success, 1 failure (one clear line on stderr), 2 usage.
 * Main thread only. */
#ifndef TTYMIX_CLI_H
#define TTYMIX_CLI_H

#include <stdbool.h>

#include "audio/driver.h"
#include "src/project.h"

#define EXIT_USAGE 2

/* Options every command accepts (--output, --device, --buffer). Playback runs at the
 * project's rate; `render --rate` converts the output. */
struct cli_globals {
	enum driver_kind output;
	const char *device;
	int buffer_frames;
	const char *config;       /* --config FILE: the ttymixrc (ui/rc.h); NULL: the usual */
};

int cli_render(int argc, char **argv, const struct cli_globals *g);
int cli_play(int argc, char **argv, const struct cli_globals *g);
int cli_loudness(int argc, char **argv, const struct cli_globals *g);
int cli_check(int argc, char **argv, const struct cli_globals *g);
int cli_new(int argc, char **argv, const struct cli_globals *g);
int cli_devices(int argc, char **argv, const struct cli_globals *g);
int cli_master(int argc, char **argv, const struct cli_globals *g);
int cli_album(int argc, char **argv, const struct cli_globals *g);
int cli_help(int argc, char **argv, const struct cli_globals *g);
int cli_lesson(int argc, char **argv, const struct cli_globals *g);
int cli_flow(int argc, char **argv, const struct cli_globals *g);

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

/* On stdout: s as a JSON string (bytes that are not UTF-8 become U+FFFD, so the line
 * always parses); a number with 3 decimals, or null when it is not finite. */
void cli_print_json_string(const char *s);
void cli_print_json_number(double v);

/* Whether path looks like a project (a folder, or a .json file) rather than audio. */
bool cli_is_project_path(const char *path);
/* Load a project, printing the first problem (and warnings) on failure. */
int cli_load_project(const char *path, struct project **out);
/* What `ttymix check` asks of a project (load, every clip's file decoded whole
 * against its header, clips within their files, album sources), its problems into d.
 * ERR_OK when d gained no error. *out gets the project when it loaded (else NULL; the
 * caller frees it), *clips its clip count and *length_sec its length. `new` asks
 * the same of the project it has just made. */
enum err cli_check_project(const char *path, struct project **out, struct diag *d,
	int *clips, double *length_sec);
/* A throw-away project (not saved) with one track per audio file. */
int cli_project_from_files(int n, char **files, int rate, struct project **out);

#endif
